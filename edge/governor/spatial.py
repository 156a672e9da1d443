"""The compiled spatial index: where a point is, in a few hundred nanoseconds.

Every area a rule can ask about becomes an *entry*: an active zone (its VDA 5050 type bit, its
sector-kind bit, its speed limit, its grant bit when it is a RELEASE zone), a road corridor (the
road's posted limit) or a proximity band (a zone grown by a rule's ``within_m``). Entries go
into a uniform grid: for every cell, either "the cell lies wholly inside entry ``e``" (no test
needed) or a *piece*, the entry clipped to the cell, tested exactly by an even-odd
point-in-polygon in the kernel. Clipping bounds the work per lookup whatever the polygons'
sizes.

Inactive zones are left out: a zone switched on or off means a recompile (milliseconds for the
demo mine), which is how bundles and site changes reach the edge anyway.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

__all__ = ["PROXIMITY_QUAD_SEGS", "SpatialEntry", "SpatialIndex", "build_index", "grow"]

PROXIMITY_QUAD_SEGS = 8
"""Segments per quarter circle when growing a zone into a proximity band."""


@dataclass(frozen=True, slots=True, eq=False)
class SpatialEntry:
    """One area the kernel can locate a point in.

    Attributes
    ----------
    polygon
        A shapely polygon (or multipolygon) in site metres.
    bits
        Spatial feature bits set when the point is inside.
    grant
        For a RELEASE zone, its grant bit (0 otherwise).
    zone_limit, road_limit
        Speed limits that apply inside (+inf when none).
    label
        For messages and debugging (the zone or road id).
    """

    polygon: Any
    bits: int = 0
    grant: int = 0
    zone_limit: float = math.inf
    road_limit: float = math.inf
    label: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class SpatialIndex:
    """The grid and its pieces as flat arrays (layout in :mod:`edge.governor.kernels.layout`)."""

    grid: FloatArray
    shape: IntArray
    cell_start: IntArray
    cell_items: IntArray
    piece_entry: IntArray
    piece_ring_start: IntArray
    ring_vert_start: IntArray
    vx: FloatArray
    vy: FloatArray
    entry_bits: IntArray
    entry_grant: IntArray
    entry_zone_limit: FloatArray
    entry_road_limit: FloatArray


def grow(polygon: Any, distance_m: float) -> Any:
    """Grow a polygon by a distance, never less (the arcs' chords lie outside the circle).

    Shapely approximates round joins by chords *inside* the true arc; scaling the radius by
    ``1 / cos(pi / (4 * quad_segs))`` puts the chords' midpoints on the circle, so every point
    within ``distance_m`` of the polygon is inside the result (the excess is under 0.5 %).
    """
    radius = distance_m / math.cos(math.pi / (4 * PROXIMITY_QUAD_SEGS))
    return shapely.buffer(polygon, radius, quad_segs=PROXIMITY_QUAD_SEGS)


def build_index(entries: list[SpatialEntry], *, max_cells: int = 128) -> SpatialIndex:
    """Build the grid index of the entries.

    Parameters
    ----------
    entries
        The areas, in a deterministic order (their positions are entry indices).
    max_cells
        Cells along the longer side of the entries' bounding box.

    Returns
    -------
    SpatialIndex
        The flat arrays the kernels read.
    """
    polygons = [e.polygon for e in entries]
    if polygons:
        minx, miny, maxx, maxy = shapely.total_bounds(np.array(polygons, dtype=object))
    else:
        minx = miny = 0.0
        maxx = maxy = 1.0
    pad = 1.0
    x0, y0 = float(minx) - pad, float(miny) - pad
    span = max(float(maxx) - x0, float(maxy) - y0) + pad
    cell = max(span / max_cells, 0.5)
    nx = max(1, math.ceil((float(maxx) + pad - x0) / cell))
    ny = max(1, math.ceil((float(maxy) + pad - y0) / cell))
    eps = cell * 1e-6

    per_cell: list[list[int]] = [[] for _ in range(nx * ny)]
    piece_entry: list[int] = []
    piece_ring_start: list[int] = [0]
    ring_vert_start: list[int] = [0]
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []

    for index, entry in enumerate(entries):
        shapely.prepare(entry.polygon)
        ex0, ey0, ex1, ey1 = entry.polygon.bounds
        ix0, ix1 = _cell_range(ex0, ex1, x0, cell, nx)
        iy0, iy1 = _cell_range(ey0, ey1, y0, cell, ny)
        mesh_x, mesh_y = np.meshgrid(np.arange(ix0, ix1 + 1), np.arange(iy0, iy1 + 1))
        gx, gy = mesh_x.ravel(), mesh_y.ravel()
        boxes = shapely.box(
            x0 + gx * cell - eps,
            y0 + gy * cell - eps,
            x0 + (gx + 1) * cell + eps,
            y0 + (gy + 1) * cell + eps,
        )
        inside = shapely.contains_properly(entry.polygon, boxes)
        touching = shapely.intersects(entry.polygon, boxes) & ~inside
        for k in np.flatnonzero(inside):
            per_cell[int(gy[k]) * nx + int(gx[k])].append(~index)
        clipped = shapely.intersection(entry.polygon, boxes[touching])
        for k, piece in zip(np.flatnonzero(touching), clipped, strict=True):
            rings = _rings(piece)
            if not rings:
                continue
            for ring in rings:
                xs.append(ring[:, 0])
                ys.append(ring[:, 1])
                ring_vert_start.append(ring_vert_start[-1] + len(ring))
            piece_ring_start.append(piece_ring_start[-1] + len(rings))
            per_cell[int(gy[k]) * nx + int(gx[k])].append(len(piece_entry))
            piece_entry.append(index)

    cell_start = np.zeros(nx * ny + 1, dtype=np.int64)
    cell_start[1:] = np.cumsum([len(items) for items in per_cell])
    flat = [item for items in per_cell for item in items]
    return SpatialIndex(
        grid=np.array([x0, y0, cell], dtype=np.float64),
        shape=np.array([nx, ny], dtype=np.int64),
        cell_start=cell_start,
        cell_items=np.array(flat, dtype=np.int64),
        piece_entry=np.array(piece_entry, dtype=np.int64),
        piece_ring_start=np.array(piece_ring_start, dtype=np.int64),
        ring_vert_start=np.array(ring_vert_start, dtype=np.int64),
        vx=np.concatenate(xs) if xs else np.zeros(0, dtype=np.float64),
        vy=np.concatenate(ys) if ys else np.zeros(0, dtype=np.float64),
        entry_bits=np.array([e.bits for e in entries], dtype=np.int64),
        entry_grant=np.array([e.grant for e in entries], dtype=np.int64),
        entry_zone_limit=np.array([e.zone_limit for e in entries], dtype=np.float64),
        entry_road_limit=np.array([e.road_limit for e in entries], dtype=np.float64),
    )


def _cell_range(lo: float, hi: float, origin: float, cell: float, n: int) -> tuple[int, int]:
    """Inclusive range of cell indices a coordinate interval touches, clamped to the grid."""
    first = max(0, min(n - 1, math.floor((lo - origin) / cell) - 1))
    last = max(0, min(n - 1, math.floor((hi - origin) / cell) + 1))
    return first, last


def _rings(geometry: Any) -> list[FloatArray]:
    """Return the rings (exteriors and holes) of the polygonal parts of a clipped geometry."""
    rings: list[FloatArray] = []
    for part in shapely.get_parts(geometry):
        if part.geom_type == "Polygon" and part.area > 0.0:
            rings.append(np.asarray(part.exterior.coords, dtype=np.float64)[:, :2])
            rings.extend(
                np.asarray(hole.coords, dtype=np.float64)[:, :2] for hole in part.interiors
            )
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            rings.extend(_rings(part))
    return rings
