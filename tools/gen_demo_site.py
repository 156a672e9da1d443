#!/usr/bin/env python3
"""Generate the demo site ``resources/sites/demo_mine.geojson`` (deterministic).

A fictional open-pit phosphate mine in the desert of northern Saudi Arabia: an elliptical pit
about 1.6 km x 1.2 km and 120 m deep (8 benches of 15 m) with two spiral ramps at 9 % and
9.5 %, active benches and a pit floor with five loading units, haul roads out to three waste
dumps (one-way tipping loops) and the run-of-mine pad with the primary crusher (one-way loop),
and an infrastructure area with workshop, fuel bay and park-up. Figures follow
``shared/SECTOR_RULES.md`` (M16 exclusion 50 m, M18 speed limits, M20 ramp grades and widths).

The layout is designed in local metres (x east, y north, origin at the pit centre) and written
as RFC 7946 GeoJSON in WGS84 with the projection of :class:`maps.geo.LocalFrame`. Segment
endpoints that meet share exactly the same coordinates because each node is converted once.

Usage::

    python tools/gen_demo_site.py [OUT]      # default: resources/sites/demo_mine.geojson
"""

from __future__ import annotations

import math
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

# tools/ is not a package: the builder is a sibling module, found on sys.path[0] as a script
from demo_site_features import Anchors, add_pois, add_zones
from site_builder import (
    Arr,
    SiteBuilder,
    bezier,
    check_design,
    circle,
    dumps_site,
    feature_collection,
    polyline_length,
)

from maps.geo import LocalFrame

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "sites" / "demo_mine.geojson"
SEED = 20_250_306
ORIGIN = (39.9, 31.3)
PHI = math.radians(15.0)  # pit long axis bearing from east
A0, B0, STEP, BENCH_M, LEVELS = 800.0, 620.0, 38.0, 15.0, 8
HAUL = {"kind": "haul_road", "speed": 45.0, "width": 32.0, "max_len": 150.0}
PIT = {"kind": "haul_road", "speed": 30.0, "width": 25.0, "max_len": 130.0}
RAMP = {"kind": "ramp", "speed": 30.0, "width": 30.0, "max_len": 90.0}
LOOP = {"kind": "haul_road", "speed": 20.0, "width": 18.0, "max_len": 130.0, "one_way": True}
LINK = {"kind": "intersection_link", "speed": 20.0, "width": 25.0, "max_len": 120.0}
ACCESS = {"kind": "access", "speed": 20.0, "width": 10.0, "max_len": 110.0}
YARD = {"kind": "access", "speed": 10.0, "width": 8.0, "max_len": 110.0}
GRADE_LIMITS = {  # absolute percent, SECTOR_RULES M20 for ramps
    "haul_road": (0.0, 3.0),
    "ramp": (8.0, 10.0),
    "access": (0.0, 5.0),
    "intersection_link": (0.0, 5.0),
}
HEADER = {
    "schema_version": 1,
    "site_id": "demo-mine",
    "name": "Wadi Qamar open-pit mine (demo)",
    "name_ar": "منجم وادي قمر المفتوح (تجريبي)",
    "origin": list(ORIGIN),
}


def _terrain(x: float, y: float) -> float:
    """Natural ground elevation relative to the pit crest (gentle desert plain), metres."""
    return 0.8 * math.sin(x / 700.0) + 0.6 * math.cos(y / 600.0) + 0.0012 * x - 0.6


def _ellipse(theta_deg: Arr | float, a: Arr | float, b: Arr | float) -> Arr:
    """Points on the pit's rotated ellipse family; ``theta`` is the ellipse parameter."""
    t = np.radians(np.asarray(theta_deg, dtype=np.float64))
    ex, ey = np.asarray(a) * np.cos(t), np.asarray(b) * np.sin(t)
    c, s = math.cos(PHI), math.sin(PHI)
    return np.column_stack((c * ex - s * ey, s * ex + c * ey)).reshape(-1, 2)


def _level_ab(k: float) -> tuple[float, float]:
    """Semi-axes of bench level ``k`` (0 = crest)."""
    return A0 - STEP * k, B0 - STEP * k


def _arc(t0: float, t1: float, k: float, n: int = 120) -> Arr:
    """Dense arc on the ring of level ``k`` from parameter ``t0`` to ``t1`` (degrees)."""
    a, b = _level_ab(k)
    return _ellipse(np.linspace(t0, t1, n), a, b)


def _spiral(t0: float, t1: float, k: int, n: int = 120) -> Arr:
    """Dense ramp path from ring ``k`` at ``t0`` to ring ``k + 1`` at ``t1``."""
    s = np.linspace(0.0, 1.0, n)
    a0, b0 = _level_ab(k)
    a1, b1 = _level_ab(k + 1)
    return _ellipse(t0 + (t1 - t0) * s, a0 + (a1 - a0) * s, b0 + (b1 - b0) * s)


def _ramp(bld: SiteBuilder, top_theta: float, grade: float) -> list[tuple[float, int]]:
    """Add a spiral ramp descending clockwise from the crest; return ``(theta, node)`` per level."""
    theta = top_theta
    nodes = [(theta, bld.node(_arc(theta, theta, 0, 1)[0]))]
    for k in range(LEVELS):
        drop = bld.z[nodes[-1][1]] + BENCH_M * (k + 1)
        target = drop / grade
        lo, hi = 1.0, 90.0
        for _ in range(60):  # bisection: the arc length grows with the swept angle
            mid = 0.5 * (lo + hi)
            lo, hi = (
                (mid, hi)
                if polyline_length(_spiral(theta, theta - mid, k, 400)) < target
                else (lo, mid)
            )
        theta -= 0.5 * (lo + hi)
        node = bld.node(_arc(theta, theta, k + 1, 1)[0], -BENCH_M * (k + 1))
        bld.road(nodes[-1][1], node, _spiral(nodes[-1][0], theta, k), RAMP)
        nodes.append((theta, node))
    return nodes


def _loader_xy(level: int, theta: float) -> Arr:
    """Return where a loader stands: 15 m from its truck spot, towards the face it digs."""
    return np.asarray(_arc(theta, theta, level - 15.0 / STEP, 1)[0], dtype=np.float64)


def _ring_roads(
    bld: SiteBuilder, k: float, stops: list[tuple[float, int]], style: dict[str, Any]
) -> list[int]:
    """Chain roads along ring ``k`` through ``(theta, node)`` stops given in increasing theta."""
    made: list[int] = []
    for (t0, n0), (t1, n1) in pairwise(stops):
        made += bld.road(n0, n1, _arc(t0, t1, k), style)
    return made


def _loop(bld: SiteBuilder, entry: int, centre: Arr, r: float, start_deg: float) -> list[int]:
    """Add a one-way clockwise loop of four quarter arcs from ``entry``; return its nodes."""
    nodes = [entry]
    for step in (1, 2, 3):
        nodes.append(bld.node(circle(centre, r, start_deg - 90 * step)[0], bld.z[entry]))
    for i, (u, v) in enumerate(pairwise([*nodes, entry])):
        bld.road(u, v, circle(centre, r, start_deg - 90 * i, start_deg - 90 * (i + 1)), LOOP)
    return nodes


def build_site() -> dict[str, Any]:
    """Design the demo mine and return it as a GeoJSON ``FeatureCollection`` dict."""
    rng = np.random.default_rng(SEED)
    frame = LocalFrame(*ORIGIN)
    bld = SiteBuilder(frame, _terrain)
    jitter = rng.uniform(-25.0, 25.0, size=(8, 2))

    # --- the pit: two spiral ramps, three active benches and the floor loop
    ramp_a = _ramp(bld, 40.0, 0.090)
    ramp_b = _ramp(bld, 220.0, 0.095)
    loaders: list[tuple[str, int, float, int]] = []  # (id, level, theta, junction node)
    for level, (ramp, span, pid) in {
        3: (ramp_a, 55.0, "LD1"),
        5: (ramp_b, 50.0, "LD2"),
        6: (ramp_a, 40.0, "LD3"),
    }.items():
        t0, n0 = ramp[level]
        end = bld.node(_arc(t0 + span, t0 + span, level, 1)[0], -BENCH_M * level)
        _ring_roads(bld, level, [(t0, n0), (t0 + span, end)], PIT)
        loaders.append((pid, level, t0 + span, end))
    t6, _ = ramp_a[6]
    # the bench 6 road runs on past LD3 into the drilled and charged pattern (blocked)
    blast_end = bld.node(_arc(t6 + 70.0, t6 + 70.0, 6, 1)[0], -BENCH_M * 6)
    _ring_roads(bld, 6, [(t6 + 40.0, loaders[2][3]), (t6 + 70.0, blast_end)], PIT)
    blast_pattern = _arc(t6 + 52.0, t6 + 68.0, 6, 40)
    floor_z = -BENCH_M * LEVELS
    (ta, na), (tb, nb) = ramp_a[-1], ramp_b[-1]
    floor = {ta % 360: na, tb % 360: nb}
    for t in (70.0, 160.0, 250.0, 340.0):
        floor[t] = bld.node(_arc(t, t, LEVELS, 1)[0], floor_z)
    stops = sorted(floor.items())
    _ring_roads(bld, LEVELS, [*stops, (stops[0][0] + 360.0, stops[0][1])], PIT)
    centre = bld.node(np.zeros(2), floor_z)
    bld.road(floor[160.0], centre, np.array([bld.xy[floor[160.0]], np.zeros(2)]), PIT)
    bld.road(centre, floor[340.0], np.array([np.zeros(2), bld.xy[floor[340.0]]]), PIT)
    loaders += [("LD4", LEVELS, 70.0, floor[70.0]), ("LD5", LEVELS, 250.0, floor[250.0])]

    # --- perimeter haul road just outside the crest, with the ramp tops linked in
    ka = -95.0 / STEP  # the perimeter road runs 95 m outside the crest, a "level" above it
    perim = {
        t: bld.node(_arc(t, t, ka, 1)[0]) for t in (0.0, 40.0, 90.0, 180.0, 220.0, 270.0, 320.0)
    }
    ring = sorted(perim.items())
    _ring_roads(bld, ka, ring[:3], HAUL)
    north_west = _ring_roads(bld, ka, ring[2:4], HAUL)
    closed_road = north_west[len(north_west) // 2]  # berm repair after a washout
    bld.roads[closed_road]["properties"]["closed"] = True
    _ring_roads(bld, ka, [*ring[3:], (360.0, perim[0.0])], HAUL)
    for (_, top), key in ((ramp_a[0], 40.0), (ramp_b[0], 220.0)):
        bld.road(perim[key], top, np.array([bld.xy[perim[key]], bld.xy[top]]), LINK)

    # --- run-of-mine pad and crusher (one-way loop), waste dumps (one-way tipping loops)
    rom_c = np.array([1610.0, 300.0])
    rom_in = bld.node(rom_c - np.array([120.0, 0.0]), 8.0)
    bld.road(
        perim[0.0],
        rom_in,
        bezier(bld.xy[perim[0.0]], np.array([1150.0, 330.0]) + jitter[0], bld.xy[rom_in]),
        HAUL,
    )
    _, _, crusher, rom_south = _loop(bld, rom_in, rom_c, 120.0, 180.0)
    dumps: list[tuple[int, Arr]] = []
    junction = -1
    for (key, c, r, start, ctrl), jit in zip(
        (
            (90.0, (-350.0, 1750.0), 110.0, 270.0, (-150.0, 1200.0)),
            (180.0, (-1950.0, -150.0), 120.0, 0.0, (-1400.0, -60.0)),
            (270.0, (-250.0, -1850.0), 110.0, 90.0, (150.0, -1300.0)),
        ),
        jitter[1:4],
        strict=True,
    ):
        centre_xy = np.array(c)
        entry_xy = circle(centre_xy, r, start, 0, 1)[0]
        path = bezier(bld.xy[perim[key]], np.array(ctrl) + jit, entry_xy)
        entry = bld.node(entry_xy, bld.z[perim[key]] + 0.022 * polyline_length(path))
        if key == 270.0:  # split at the junction of the unpublished shortcut
            cum = np.concatenate(([0.0], np.cumsum(np.hypot(*np.diff(path, axis=0).T))))
            cut = int(np.searchsorted(cum, 0.55 * cum[-1]))
            junction = bld.node(path[cut], bld.z[perim[key]] + 0.022 * cum[cut])
            bld.road(perim[key], junction, path[: cut + 1], HAUL)
            bld.road(junction, entry, path[cut:], HAUL)
        else:
            bld.road(perim[key], entry, path, HAUL)
        dumps.append((_loop(bld, entry, centre_xy, r, start)[2], centre_xy))
    shortcut = bld.road(
        perim[220.0],
        junction,
        bezier(bld.xy[perim[220.0]], np.array([-420.0, -1050.0]) + jitter[4], bld.xy[junction]),
        HAUL,
        published=False,
        name="New haul road to south dump (not yet published)",
    )

    # --- infrastructure area: workshop, fuel bay (one-way drive-through), park-up, site gate
    p = {
        k: bld.node(np.array(v))
        for k, v in {
            "G": (1250.0, -780.0),
            "H": (1500.0, -760.0),
            "W1": (1330.0, -950.0),
            "W2": (1560.0, -980.0),
            "W3": (1800.0, -1010.0),
            "WS": (1560.0, -1150.0),
            "F": (1420.0, -1090.0),
            "PK": (1830.0, -870.0),
            "E1": (2300.0, -1100.0),
            "E2": (2750.0, -1180.0),
        }.items()
    }

    def straight(a: str | int, b: str | int) -> Arr:
        pa = bld.xy[p[a] if isinstance(a, str) else a]
        pb = bld.xy[p[b] if isinstance(b, str) else b]
        return np.array([pa, pb])

    bld.road(
        perim[320.0],
        p["G"],
        bezier(bld.xy[perim[320.0]], np.array([1080.0, -420.0]) + jitter[5], bld.xy[p["G"]]),
        HAUL,
    )
    bld.road(
        rom_south,
        p["H"],
        bezier(bld.xy[rom_south], np.array([1560.0, -300.0]) + jitter[6], bld.xy[p["H"]]),
        HAUL,
    )
    bld.road(p["G"], p["H"], straight("G", "H"), LINK)
    for a, b in (("G", "W1"), ("W1", "W2"), ("H", "W2"), ("W2", "W3")):
        bld.road(p[a], p[b], straight(a, b), ACCESS)
    for a, b in (("W2", "WS"), ("W3", "PK")):
        bld.road(p[a], p[b], straight(a, b), YARD)
    for a, b in (("W1", "F"), ("F", "W2")):
        bld.road(p[a], p[b], straight(a, b), {**YARD, "one_way": True, "width": 6.0})
    gate = {**ACCESS, "speed": 40.0, "max_len": 160.0}
    bld.road(p["W3"], p["E1"], straight("W3", "E1"), gate)
    bld.road(
        p["E1"],
        p["E2"],
        bezier(bld.xy[p["E1"]], np.array([2520.0, -1090.0]), bld.xy[p["E2"]]),
        gate,
        name="Site access road",
    )
    anchors = Anchors(
        loaders={pid: _loader_xy(level, theta) for pid, level, theta, _ in loaders},
        crusher=(crusher, rom_c),
        dumps=dumps,
        infra=p,
        blast_pattern=blast_pattern,
        planned_blast=_arc(150.0, 150.0, 2, 1)[0],
        pit_floor=_arc(0.0, 360.0, LEVELS - 0.5, 73)[:-1],
        closed_road=closed_road,
    )
    add_pois(bld, anchors)
    add_zones(bld, anchors)
    check_design(bld, GRADE_LIMITS, (20.0, 260.0))
    if any(bld.roads[r]["properties"]["published"] for r in shortcut):
        raise RuntimeError("the shortcut must stay unpublished")
    return feature_collection(bld, HEADER)


def main(out_path: Path | None = None) -> Path:
    """Build the demo site and write it; return the path written."""
    out = DEFAULT_OUT if out_path is None else Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dumps_site(build_site()), encoding="utf-8")
    return out


if __name__ == "__main__":
    written = main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"wrote {written}")
