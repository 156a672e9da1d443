"""Points of interest and zones of the demo site (see ``tools/gen_demo_site.py``).

Figures follow ``shared/SECTOR_RULES.md``: exclusion zones of 50 m around loading units (M16),
10 km/h at the workshop and fuel bay and 20 km/h elsewhere off the haul roads (M18), 30 min
re-entry wait after a blast (M7). Zone types are VDA 5050 v3 ``zoneType`` values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

if TYPE_CHECKING:
    from site_builder import Arr, SiteBuilder


@dataclass(frozen=True)
class Anchors:
    """Where the layout put the things points of interest and zones refer to."""

    loaders: dict[str, Arr]
    """Loader positions by POI id."""
    crusher: tuple[int, Arr]
    """The crusher tipping node and the ROM pad centre."""
    dumps: list[tuple[int, Arr]]
    """Per waste dump: the tipping node and the loop centre."""
    infra: dict[str, int]
    """Infrastructure-area nodes by name (``W1``, ``WS``, ``F``, ``PK``, ...)."""
    blast_pattern: Arr
    """The bench-6 road stretch under the charged pattern."""
    planned_blast: Arr
    """Centre of the planned (not yet charged) pattern."""
    pit_floor: Arr
    """Outline of the pit floor."""
    closed_road: int
    """Index of the closed road segment."""


LOADERS = {
    "LD1": (
        "Shovel SH01, bench 3 (overburden)",
        "المجرفة SH01 – المصطبة 3 (غطاء صخري)",
        "hydraulic_shovel_550t",
        14.0,
        "waste",
    ),
    "LD2": (
        "Excavator EX02, bench 5 (overburden)",
        "الحفارة EX02 – المصطبة 5 (غطاء صخري)",
        "hydraulic_excavator_400t",
        12.0,
        "waste",
    ),
    "LD3": (
        "Excavator EX03, bench 6 (phosphate)",
        "الحفارة EX03 – المصطبة 6 (خام الفوسفات)",
        "hydraulic_excavator_250t",
        10.0,
        "ore",
    ),
    "LD4": (
        "Loader WL04, pit floor east (phosphate)",
        "المحمل WL04 – قاع الحفرة الشرقي (خام)",
        "wheel_loader_90t",
        9.0,
        "ore",
    ),
    "LD5": (
        "Excavator EX05, pit floor west (phosphate)",
        "الحفارة EX05 – قاع الحفرة الغربي (خام)",
        "hydraulic_excavator_250t",
        10.0,
        "ore",
    ),
}
DUMPS = (
    ("DP1", "North waste dump", "مكب الغطاء الصخري الشمالي", 6000.0),
    ("DP2", "West waste dump", "مكب الغطاء الصخري الغربي", 5000.0),
    ("DP3", "South waste dump", "مكب الغطاء الصخري الجنوبي", 4000.0),
)


def _away(bld: SiteBuilder, node: int, centre: Arr, dist: float) -> Arr:
    """Return the point ``dist`` metres beyond ``node`` on the ray from ``centre``."""
    d = bld.xy[node] - centre
    return np.asarray(bld.xy[node] + dist * d / np.hypot(*d), dtype=np.float64)


def add_pois(bld: SiteBuilder, at: Anchors) -> None:
    """Add the points of interest, each within 30 m of its road node."""
    p, crusher = at.infra, at.crusher
    for pid, xy in at.loaders.items():
        name, name_ar, loader_class, rate, material = LOADERS[pid]
        bld.poi(
            pid,
            "loading",
            xy,
            name,
            name_ar,
            loader_class=loader_class,
            target_trucks_per_hour=rate,
            material=material,
        )
    for (pid, name, name_ar, tph), (tip, centre) in zip(DUMPS, at.dumps, strict=True):
        bld.poi(
            pid,
            "dump",
            _away(bld, tip, centre, 12.0),
            name,
            name_ar,
            capacity_tph=tph,
            material="waste",
        )
    bld.poi(
        "CR1",
        "crusher",
        _away(bld, crusher[0], crusher[1], 15.0),
        "Primary crusher (ROM pad)",
        "الكسارة الأولية (منصة الخام)",
        capacity_tph=3000.0,
    )
    bld.poi(
        "WS1",
        "workshop",
        bld.xy[p["WS"]] + [0.0, -15.0],
        "Heavy vehicle workshop",
        "ورشة صيانة المعدات الثقيلة",
        bays=6,
    )
    bld.poi("FB1", "fuel", bld.xy[p["F"]] + [6.0, -6.0], "Fuel bay", "محطة الوقود", pumps=4)
    bld.poi(
        "PK1", "parking", bld.xy[p["PK"]] + [0.0, 18.0], "Park-up area", "موقف المعدات", spaces=24
    )


def add_zones(bld: SiteBuilder, at: Anchors) -> None:
    """Add the zones (VDA 5050 v3 zone types, SECTOR_RULES figures)."""
    p, rom_c, closed_road = at.infra, at.crusher[1], at.closed_road
    infra = shapely.MultiPoint([bld.xy[n] for n in p.values() if n not in (p["E1"], p["E2"])])
    bld.zone(
        infra.convex_hull.buffer(60.0, quad_segs=4),
        "SPEED_LIMIT",
        "workshop_area",
        "Infrastructure area",
        "منطقة المرافق",
        speed_limit_kmh=20.0,
    )
    apron = shapely.MultiPoint([bld.xy[p[k]] for k in ("W1", "W2", "WS", "F")])
    bld.zone(
        apron.convex_hull.buffer(40.0, quad_segs=4),
        "SPEED_LIMIT",
        "speed_limit",
        "Workshop and fuel bay apron",
        "ساحة الورشة ومحطة الوقود",
        speed_limit_kmh=10.0,
    )
    ws = bld.xy[p["WS"]]
    bld.zone(
        shapely.box(ws[0] - 60.0, ws[1] - 80.0, ws[0] + 60.0, ws[1] - 30.0),
        "SPEED_LIMIT",
        "pedestrian",
        "Workshop pedestrian walkways",
        "ممرات المشاة عند الورشة",
        speed_limit_kmh=10.0,
    )
    bld.zone(
        shapely.Point(rom_c).buffer(190.0, quad_segs=8),
        "SPEED_LIMIT",
        "speed_limit",
        "Crusher and ROM pad",
        "منطقة الكسارة ومنصة الخام",
        speed_limit_kmh=20.0,
    )
    bld.zone(
        shapely.Polygon(at.pit_floor),
        "SPEED_LIMIT",
        "speed_limit",
        "Pit floor",
        "قاع الحفرة",
        speed_limit_kmh=20.0,
    )
    bld.zone(
        shapely.LineString(at.blast_pattern).buffer(30.0, quad_segs=4),
        "BLOCKED",
        "blast",
        "Blast pattern, bench 6",
        "منطقة التفجير – المصطبة 6",
        reentry_wait_min=30.0,
    )
    planned = shapely.Point(at.planned_blast).buffer(45.0, quad_segs=4)
    bld.zone(
        planned,
        "BLOCKED",
        "blast",
        "Planned blast, bench 2 (not charged)",
        "تفجير مخطط – المصطبة 2 (غير معبأ)",
        active=False,
        reentry_wait_min=30.0,
    )
    for pid, xy in at.loaders.items():
        bld.zone(
            shapely.Point(xy).buffer(50.0, quad_segs=8),
            "RELEASE",
            "exclusion",
            f"Exclusion zone {pid}",
            f"منطقة حظر حول {pid}",
            buffer_m=50.0,
            poi_id=pid,
        )
    road = bld.roads[closed_road]["properties"]
    bld.zone(
        shapely.LineString(bld.lines[closed_road]).buffer(
            road["width_m"] / 2 + 8.0, cap_style="flat"
        ),
        "BLOCKED",
        "closed_road",
        f"Closed road {road['id']} (berm repair)",
        f"طريق مغلق {road['id']} (إصلاح الساتر الترابي)",
        road_ids=[road["id"]],
    )
