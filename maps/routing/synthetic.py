"""Synthetic road grids of any size, for benchmarks and property tests.

A ``rows x cols`` grid of intersections joined by straight roads, with a smooth terrain (so
grades are consistent around every loop), a mix of road kinds and speed limits, some one-way,
some closed or unpublished roads, and a few zones (a speed limit, a pedestrian area, an active
blast that blocks its roads). Deterministic for a seed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely

from maps.features import Road, Zone
from maps.geo import LocalFrame
from maps.graph import RoadGraph
from maps.site import Site

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

__all__ = ["grid_site", "grid_size_for_edges"]


def grid_size_for_edges(edges: int) -> int:
    """Return the side ``n`` of the smallest square grid with at least ``edges`` graph edges.

    An ``n x n`` grid has ``2 n (n - 1)`` roads, almost all two-way, so about ``4 n (n - 1)``
    edges; the one-way share is made up by rounding ``n`` up.
    """
    if edges < 1:
        raise ValueError(f"edges must be >= 1, got {edges}")
    n = 2
    while 4 * n * (n - 1) * 0.96 < edges:
        n += 1
    return n


def grid_site(
    rows: int,
    cols: int,
    *,
    spacing_m: float = 100.0,
    seed: int = 0,
    one_way_share: float = 0.05,
    closed_share: float = 0.01,
    zones: bool = True,
) -> Site:
    """Build a synthetic grid site.

    Parameters
    ----------
    rows, cols
        Intersections per column and per row (each >= 2).
    spacing_m
        Distance between neighbouring intersections.
    seed
        Random seed (the same seed gives the same site).
    one_way_share, closed_share
        Fractions of roads made one-way, and closed or unpublished.
    zones
        Add a speed-limit zone, a pedestrian zone and an active blast zone.
    """
    if rows < 2 or cols < 2:
        raise ValueError(f"a grid needs at least 2 x 2 intersections, got {rows} x {cols}")
    if not spacing_m > 0:
        raise ValueError(f"spacing_m must be > 0, got {spacing_m}")
    rng = np.random.default_rng(seed)
    jitter = rng.uniform(-0.2, 0.2, size=(rows, cols, 2)) * spacing_m
    gx, gy = np.meshgrid(np.arange(cols) * spacing_m, np.arange(rows) * spacing_m)
    xy = np.stack([gx, gy], axis=-1) + jitter
    width = max(rows, cols) * spacing_m
    z = 40.0 * np.sin(xy[..., 0] / width * 6.0) * np.cos(xy[..., 1] / width * 5.0)
    roads: list[Road] = []
    kinds = ("haul_road", "ramp", "access")
    speeds = (60.0, 40.0, 30.0)
    pairs = [((r, c), (r, c + 1)) for r in range(rows) for c in range(cols - 1)]
    pairs += [((r, c), (r + 1, c)) for r in range(rows - 1) for c in range(cols)]
    draws = rng.random((len(pairs), 3))
    kind_pick = rng.integers(0, 3, size=len(pairs))
    for k, (a, b) in enumerate(pairs):
        pa, pb = xy[a], xy[b]
        line = np.array([pa, (pa + pb) / 2 + rng.normal(0, 2.0, 2), pb], dtype=np.float64)
        line.setflags(write=False)
        length = float(np.hypot(*np.diff(line, axis=0).T).sum())
        grade = float(np.clip((z[b] - z[a]) / length, -0.1, 0.1))
        roads.append(
            Road(
                id=f"G{k}",
                kind=kinds[kind_pick[k]],  # type: ignore[arg-type]
                speed_limit_mps=speeds[kind_pick[k]] / 3.6,
                grade=grade,
                width_m=20.0,
                one_way=bool(draws[k, 0] < one_way_share),
                lanes=2,
                closed=bool(draws[k, 1] < closed_share / 2),
                published=not bool(draws[k, 2] < closed_share / 2),
                line_xy=line,
                length_m=length,
            )
        )
    zone_list = _zones(xy, spacing_m) if zones else []
    graph = RoadGraph.from_roads(roads)
    lo = xy.reshape(-1, 2).min(axis=0)
    hi = xy.reshape(-1, 2).max(axis=0)
    return Site(
        site_id=f"grid-{rows}x{cols}-{seed}",
        name=f"Synthetic grid {rows} x {cols}",
        name_ar="شبكة اصطناعية",
        frame=LocalFrame(0.0, 0.0),
        roads=tuple(roads),
        pois=(),
        zones=tuple(zone_list),
        graph=graph,
        bounds=(float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])),
        source="<synthetic>",
    )


def _zones(xy: FloatArray, spacing_m: float) -> list[Zone]:
    """Three zones placed relative to the grid's extent."""
    hi = xy.reshape(-1, 2).max(axis=0)

    def box(fx: float, fy: float, size: float) -> shapely.Polygon:
        cx, cy = hi[0] * fx, hi[1] * fy
        return shapely.box(cx - size, cy - size, cx + size, cy + size)

    def zone(zid: str, kind: str, sector: str, poly: shapely.Polygon, kmh: float | None) -> Zone:
        return Zone(
            id=zid,
            kind=kind,  # type: ignore[arg-type]
            sector_kind=sector,  # type: ignore[arg-type]
            name=zid,
            name_ar=zid,
            polygon=poly,
            speed_limit_mps=None if kmh is None else kmh / 3.6,
            active=True,
            properties={},
        )

    return [
        zone("ZS", "SPEED_LIMIT", "speed_limit", box(0.3, 0.3, 4 * spacing_m), 20.0),
        zone("ZP", "SPEED_LIMIT", "pedestrian", box(0.7, 0.3, 2 * spacing_m), 10.0),
        zone("ZB", "BLOCKED", "blast", box(0.5, 0.7, 1.5 * spacing_m), None),
    ]
