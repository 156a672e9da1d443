#!/usr/bin/env python3
"""Generate the second demo site ``resources/sites/container_yard.geojson`` (deterministic).

A fictional container terminal yard on the Red Sea coast, about 600 m x 300 m: a quay road
along the berth with four quay cranes, a grid of yard lanes between the stack blocks (two of
them one-way), cross aisles where the lanes meet the middle lane, a gate with a pedestrian
walkway, a tractor park, a workshop and a charging bay. It runs the logistics pack
(``container_yard.site.toml``); figures follow ``shared/SECTOR_RULES.md`` section 4.2.

The site model's vocabulary is the mine's today (a quay crane is a ``loading`` point, a stack
block a ``dump`` point, both need a ``material``): the names say what each really is.

Usage::

    python tools/gen_container_yard.py [OUT]   # default: resources/sites/container_yard.geojson
"""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import shapely

# tools/ is not a package: the builder is a sibling module, found on sys.path[0] as a script
from site_builder import SiteBuilder, check_design, dumps_site, feature_collection

from maps.geo import LocalFrame

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "sites" / "container_yard.geojson"
ORIGIN = (39.1, 21.45)
XS = (-300.0, -150.0, 0.0, 150.0, 300.0)
YS = (-150.0, 0.0, 150.0)
QUAY = {"kind": "haul_road", "speed": 25.0, "width": 20.0, "max_len": 80.0}
LANE = {"kind": "access", "speed": 20.0, "width": 12.0, "max_len": 80.0}
ONE_WAY = {**LANE, "one_way": True}
BLOCKS_AR = ("أ", "ب", "ج", "د")
GRADE_LIMITS = {"haul_road": (0.0, 1.0), "access": (0.0, 1.0)}
HEADER = {
    "schema_version": 1,
    "site_id": "demo-yard",
    "name": "Ras Al Bahr container yard (demo)",
    "name_ar": "ساحة حاويات رأس البحر (تجريبية)",
    "origin": list(ORIGIN),
}


def _flat(x: float, y: float) -> float:
    return 2.0


def build_site() -> dict[str, Any]:
    """Build the yard as a GeoJSON document."""
    bld = SiteBuilder(LocalFrame(*ORIGIN), _flat)
    grid = {(x, y): bld.node(np.array([x, y])) for x in XS for y in YS}
    for y in YS:  # east-west lanes; the northern one is the quay road
        style = QUAY if y == YS[-1] else LANE
        for x0, x1 in pairwise(XS):
            bld.road(grid[x0, y], grid[x1, y], np.array([[x0, y], [x1, y]]), style)
    for x in XS:  # north-south lanes: one-way northbound at -150, southbound at +150
        for y0, y1 in pairwise(YS):
            a, b = (y0, y1) if x != 150.0 else (y1, y0)
            style = ONE_WAY if x in (-150.0, 150.0) else LANE
            bld.road(grid[x, a], grid[x, b], np.array([[x, a], [x, b]]), style)

    def at(x: float, y: float) -> np.ndarray[Any, np.dtype[np.float64]]:
        return np.array([x, y])

    for i, x in enumerate((-225.0, -75.0, 75.0, 225.0), start=1):
        bld.poi(
            f"QC{i}",
            "loading",
            at(x, 150.0),
            f"Quay crane QC{i}",
            f"رافعة الرصيف QC{i}",
            loader_class="ship-to-shore crane",
            target_trucks_per_hour=30.0,
            material="ore",
        )
    for i, (x, y) in enumerate(((-225.0, 0.0), (-75.0, 0.0), (75.0, 0.0), (225.0, 0.0)), start=1):
        bld.poi(
            f"SB{i}",
            "dump",
            at(x, y),
            f"Stack block {chr(64 + i)}",
            f"كتلة التكديس {BLOCKS_AR[i - 1]}",
            capacity_tph=400.0,
            material="ore",
        )
    bld.poi("PK1", "parking", at(-300.0, -150.0), "Tractor park", "موقف الجرارات", spaces=40)
    bld.poi("WS1", "workshop", at(300.0, -150.0), "Yard workshop", "ورشة الساحة", bays=4)
    bld.poi("FB1", "fuel", at(150.0, -150.0), "Charging bay", "محطة الشحن", pumps=8)
    bld.poi("GT1", "parking", at(0.0, -150.0), "Gate lanes", "بوابة الساحة", spaces=10)

    bld.zone(
        shapely.box(-40.0, -175.0, 40.0, -130.0),
        "SPEED_LIMIT",
        "pedestrian",
        "Gate walkway and lashing platform",
        "ممر المشاة عند البوابة ومنصة التثبيت",
        speed_limit_kmh=5.0,
    )
    for x in (-150.0, 0.0, 150.0):
        bld.zone(
            shapely.box(x - 15.0, -15.0, x + 15.0, 15.0),
            "ACTION",
            "speed_limit",
            f"Cross aisle at {x:+.0f} m",
            "ممر عرضي",
        )
    bld.zone(
        shapely.box(-320.0, 135.0, 320.0, 165.0),
        "SPEED_LIMIT",
        "speed_limit",
        "Quay apron",
        "ساحة الرصيف",
        speed_limit_kmh=15.0,
    )
    bld.zone(
        shapely.Point(-75.0, 150.0).buffer(15.0, quad_segs=8),
        "RELEASE",
        "exclusion",
        "Under crane QC2",
        "تحت الرافعة QC2",
        buffer_m=15.0,
        poi_id="QC2",
    )
    closed = [
        r["properties"]["id"]
        for r, line in zip(bld.roads, bld.lines, strict=True)
        if abs(line[0][0] - 300.0) < 1e-6
        and abs(line[-1][0] - 300.0) < 1e-6
        and min(line[0][1], line[-1][1]) >= 0.0
    ]
    bld.zone(
        shapely.box(285.0, 0.0, 315.0, 150.0),
        "BLOCKED",
        "closed_road",
        "Lane 5 north closed (reefer maintenance)",
        "المسار 5 الشمالي مغلق (صيانة الحاويات المبردة)",
        road_ids=closed,
    )
    check_design(bld, GRADE_LIMITS, (20.0, 160.0))
    return feature_collection(bld, HEADER)


def main(out_path: Path | None = None) -> Path:
    """Build the yard and write it; return the path written."""
    out = DEFAULT_OUT if out_path is None else Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dumps_site(build_site()), encoding="utf-8")
    return out


if __name__ == "__main__":
    written = main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"wrote {written}")
