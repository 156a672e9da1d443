#!/usr/bin/env python3
"""Generate the third demo site ``resources/sites/demo_base.geojson`` (deterministic).

A fictional logistics base in the desert with a convoy route to a forward supply point: a
cantonment (built-up area) with a motor pool, workshop, fuel point and an ammunition supply
point inside a 50 m exclusion, a gate, and a 2.4 km main supply route to the forward point
past a closed no-go lane. It runs the defense pack (``demo_base.site.toml``); figures follow
``shared/SECTOR_RULES.md`` section 4.3 (FM 11-43: built-up areas 24 km/h, two-lane roads
40 km/h).

The site model's vocabulary is the mine's today: the supply point is a ``loading`` point and
the forward delivery point a ``dump`` point; the names say what each really is.

Usage::

    python tools/gen_demo_base.py [OUT]   # default: resources/sites/demo_base.geojson
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
DEFAULT_OUT = ROOT / "resources" / "sites" / "demo_base.geojson"
ORIGIN = (45.2, 28.1)
XS = (-200.0, 0.0, 200.0)
YS = (-150.0, 0.0, 150.0)
CAMP = {"kind": "access", "speed": 24.0, "width": 10.0, "max_len": 110.0}
MSR = {"kind": "haul_road", "speed": 40.0, "width": 12.0, "max_len": 150.0}
GRADE_LIMITS = {"haul_road": (0.0, 3.0), "access": (0.0, 3.0)}
HEADER = {
    "schema_version": 1,
    "site_id": "demo-base",
    "name": "Camp Qasr logistics base (demo)",
    "name_ar": "قاعدة قصر اللوجستية (تجريبية)",
    "origin": list(ORIGIN),
}


def _terrain(x: float, y: float) -> float:
    return 300.0 + 0.01 * x


def build_site() -> dict[str, Any]:
    """Build the base as a GeoJSON document."""
    bld = SiteBuilder(LocalFrame(*ORIGIN), _terrain)
    grid = {(x, y): bld.node(np.array([x, y])) for x in XS for y in YS}
    for y in YS:
        for x0, x1 in pairwise(XS):
            bld.road(grid[x0, y], grid[x1, y], np.array([[x0, y], [x1, y]]), CAMP)
    for x in XS:
        for y0, y1 in pairwise(YS):
            bld.road(grid[x, y0], grid[x, y1], np.array([[x, y0], [x, y1]]), CAMP)
    # The main supply route leaves by the east gate and bends north-east to the forward point.
    fwd = bld.node(np.array([1400.0, 1100.0]))
    bend = bld.node(np.array([1000.0, 0.0]))
    bld.road(grid[200.0, 0.0], bend, np.array([[200.0, 0.0], [1000.0, 0.0]]), MSR)
    bld.road(bend, fwd, np.array([[1000.0, 0.0], [1250.0, 500.0], [1400.0, 1100.0]]), MSR)
    # A lane into the old training area, closed: a no-go (uncleared ground).
    lane_end = bld.node(np.array([1000.0, -400.0]))
    lane = bld.road(bend, lane_end, np.array([[1000.0, 0.0], [1000.0, -400.0]]), CAMP)

    def at(x: float, y: float) -> np.ndarray[Any, np.dtype[np.float64]]:
        return np.array([x, y])

    bld.poi(
        "ASP",
        "loading",
        at(-200.0, 150.0),
        "Supply point (ammunition and stores)",
        "نقطة الإمداد (ذخيرة ومخازن)",
        loader_class="forklift and crane",
        target_trucks_per_hour=12.0,
        material="ore",
    )
    bld.poi(
        "FSP",
        "dump",
        at(1400.0, 1100.0),
        "Forward supply point",
        "نقطة الإمداد الأمامية",
        capacity_tph=200.0,
        material="ore",
    )
    bld.poi("MP1", "parking", at(-200.0, -150.0), "Motor pool", "مجمع المركبات", spaces=60)
    bld.poi("WS1", "workshop", at(0.0, -150.0), "Maintenance workshop", "ورشة الصيانة", bays=6)
    bld.poi("FP1", "fuel", at(200.0, -150.0), "Fuel point", "نقطة الوقود", pumps=4)

    bld.zone(
        shapely.box(-260.0, -210.0, 260.0, 210.0),
        "SPEED_LIMIT",
        "workshop_area",
        "Cantonment (built-up area)",
        "منطقة المعسكر (منطقة مأهولة)",
        speed_limit_kmh=24.0,
    )
    bld.zone(
        shapely.box(-40.0, -30.0, 40.0, 30.0),
        "SPEED_LIMIT",
        "pedestrian",
        "Headquarters square",
        "ساحة القيادة",
        speed_limit_kmh=8.0,
    )
    bld.zone(
        shapely.Point(-200.0, 150.0).buffer(50.0, quad_segs=8),
        "RELEASE",
        "exclusion",
        "Supply point exclusion",
        "منطقة حظر نقطة الإمداد",
        buffer_m=50.0,
        poi_id="ASP",
    )
    bld.zone(
        shapely.box(980.0, -420.0, 1020.0, -20.0),
        "BLOCKED",
        "closed_road",
        "No-go: uncleared training area lane",
        "منطقة محظورة: مسار منطقة التدريب غير المطهرة",
        road_ids=[bld.roads[r]["properties"]["id"] for r in lane],
    )
    bld.zone(
        shapely.box(1250.0, 950.0, 1550.0, 1250.0),
        "ACTION",
        "emcon",
        "Forward supply point: emission control",
        "نقطة الإمداد الأمامية: ضبط الانبعاثات",
    )
    check_design(bld, GRADE_LIMITS, (20.0, 200.0))
    return feature_collection(bld, HEADER)


def main(out_path: Path | None = None) -> Path:
    """Build the base and write it; return the path written."""
    out = DEFAULT_OUT if out_path is None else Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dumps_site(build_site()), encoding="utf-8")
    return out


if __name__ == "__main__":
    written = main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"wrote {written}")
