"""Building blocks for generated site files: nodes, chained road segments, features, output.

Used by ``tools/gen_demo_site.py``. A :class:`SiteBuilder` works in local metres; every node is
converted to WGS84 once, so segments that meet at a node share exactly the same coordinates.
Roads are added as chains between two nodes along a dense path and split into equal segments.
"""

from __future__ import annotations

import json
import math
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely

if TYPE_CHECKING:
    from collections.abc import Callable

    from maps.geo import LocalFrame

Arr = npt.NDArray[np.float64]
DIGITS = 7
"""Decimal places of written coordinates (about 1 cm)."""
VERTEX_SPACING_M = 25.0
"""Spacing of intermediate vertices along curved segments."""


def bezier(p0: Arr, c: Arr, p1: Arr, n: int = 160) -> Arr:
    """Dense quadratic Bezier curve."""
    s = np.linspace(0.0, 1.0, n)[:, None]
    return np.asarray((1 - s) ** 2 * p0 + 2 * (1 - s) * s * c + s**2 * p1, dtype=np.float64)


def polyline_length(path: Arr) -> float:
    """Planar length of a ``(K, 2)`` polyline."""
    return float(np.hypot(*np.diff(path, axis=0).T).sum())


def circle(centre: Arr, r: float, d0: float, d1: float | None = None, n: int = 60) -> Arr:
    """Dense circular arc (degrees, counter-clockwise when ``d1 > d0``); one point without d1."""
    t = np.radians(np.linspace(d0, d0 if d1 is None else d1, 1 if d1 is None else n))
    return np.column_stack((centre[0] + r * np.cos(t), centre[1] + r * np.sin(t)))


class SiteBuilder:
    """Collects nodes, road segments, points of interest and zones in local metres.

    Parameters
    ----------
    frame
        The site's local frame (for the WGS84 output).
    terrain
        Ground elevation ``z(x, y)`` in metres, used for nodes added without an elevation.
    """

    def __init__(self, frame: LocalFrame, terrain: Callable[[float, float], float]) -> None:
        self.frame = frame
        self.terrain = terrain
        self.xy: list[Arr] = []
        self.z: list[float] = []
        self.lonlat: list[list[float]] = []
        self.roads: list[dict[str, Any]] = []
        self.lines: list[Arr] = []
        self.pois: list[dict[str, Any]] = []
        self.zones: list[dict[str, Any]] = []

    def node(self, xy: Arr, z: float | None = None) -> int:
        """Add a node; ``z`` defaults to the terrain."""
        p = np.asarray(xy, dtype=np.float64).reshape(2)
        self.xy.append(p)
        self.z.append(self.terrain(float(p[0]), float(p[1])) if z is None else z)
        lon, lat = self.frame.to_lonlat(float(p[0]), float(p[1]))
        self.lonlat.append([round(lon, DIGITS), round(lat, DIGITS)])
        return len(self.xy) - 1

    def lonlat_of(self, pts: Arr) -> list[list[float]]:
        """Convert ``(K, 2)`` local points to rounded ``[lon, lat]`` lists."""
        ll = self.frame.points_to_lonlat(pts)
        return [[round(float(lo), DIGITS), round(float(la), DIGITS)] for lo, la in ll]

    def road(self, a: int, b: int, path: Arr, style: dict[str, Any], **extra: Any) -> list[int]:
        """Add the chain ``a -> b`` along ``path``, split into equal segments with new nodes.

        The elevation varies linearly along the chain, so every segment has the same grade.
        ``style`` holds ``kind``, ``speed``, ``width``, ``max_len`` and optionally ``one_way``;
        ``extra`` adds or overrides road properties. Returns the new roads' indices.
        """
        path = np.array(path, dtype=np.float64)
        path[0], path[-1] = self.xy[a], self.xy[b]
        cum = np.concatenate(([0.0], np.cumsum(np.hypot(*np.diff(path, axis=0).T))))
        total = float(cum[-1])
        pieces = max(1, math.ceil(total / style["max_len"]))
        ends = [a]
        for i in range(1, pieces):
            s = total * i / pieces
            p = np.array([np.interp(s, cum, path[:, 0]), np.interp(s, cum, path[:, 1])])
            ends.append(self.node(p, self.z[a] + (self.z[b] - self.z[a]) * s / total))
        ends.append(b)
        made = []
        for i, (u, v) in enumerate(pairwise(ends)):
            s0, s1 = total * i / pieces, total * (i + 1) / pieces
            vertices = max(1, round((s1 - s0) / VERTEX_SPACING_M))
            ss = np.linspace(s0, s1, vertices + 1)
            pts = np.column_stack((np.interp(ss, cum, path[:, 0]), np.interp(ss, cum, path[:, 1])))
            pts[0], pts[-1] = self.xy[u], self.xy[v]
            line = np.asarray(shapely.LineString(pts).simplify(0.05).coords, dtype=np.float64)
            made.append(self._segment(u, v, line, style, extra))
        return made

    def _segment(
        self, u: int, v: int, line: Arr, style: dict[str, Any], extra: dict[str, Any]
    ) -> int:
        """Add one road segment ``u -> v`` with the given vertices."""
        length = polyline_length(line)
        one_way = bool(style.get("one_way", False))
        rid = f"R{len(self.roads) + 1:03d}"
        props: dict[str, Any] = {
            "feature": "road",
            "id": rid,
            "kind": style["kind"],
            "speed_limit_kmh": style["speed"],
            "grade_pct": round(100.0 * (self.z[v] - self.z[u]) / length, 1) + 0.0,
            "width_m": style["width"],
            "one_way": one_way,
            "lanes": 1 if one_way else 2,
            "closed": False,
            "published": True,
        }
        props.update(extra)
        coords = [self.lonlat[u], *self.lonlat_of(line[1:-1]), self.lonlat[v]]
        self.roads.append({"properties": props, "coordinates": coords})
        self.lines.append(line)
        return len(self.roads) - 1

    def poi(self, pid: str, kind: str, xy: Arr, name: str, name_ar: str, **extra: Any) -> None:
        """Add a point of interest; ``extra`` holds the kind-specific properties."""
        props = {"feature": "poi", "id": pid, "kind": kind, "name": name, "name_ar": name_ar}
        props.update(extra)
        self.pois.append({"properties": props, "xy": np.asarray(xy, dtype=np.float64)})

    def zone(
        self, polygon: Any, kind: str, sector_kind: str, name: str, name_ar: str, **extra: Any
    ) -> None:
        """Add a zone (a shapely polygon in local metres), numbered ``Z01``, ``Z02``, ..."""
        zid = f"Z{len(self.zones) + 1:02d}"
        props = {
            "feature": "zone",
            "id": zid,
            "kind": kind,
            "sector_kind": sector_kind,
            "name": name,
            "name_ar": name_ar,
            "active": extra.pop("active", True),
        }
        props.update(extra)
        self.zones.append({"properties": props, "polygon": shapely.orient_polygons(polygon)})


def check_design(
    bld: SiteBuilder, grade_limits: dict[str, tuple[float, float]], length_m: tuple[float, float]
) -> None:
    """Fail loudly if the design breaks its own rules.

    Roads may meet only at shared nodes; each road kind's absolute grade must lie within
    ``grade_limits[kind]`` (percent); every segment's length within ``length_m``.
    """
    lines = [shapely.LineString(line) for line in bld.lines]
    ends = [{tuple(r["coordinates"][0]), tuple(r["coordinates"][-1])} for r in bld.roads]
    tree = shapely.STRtree(lines)
    for i, j in zip(*tree.query(lines, predicate="intersects"), strict=True):
        if i < j:
            shared = [np.asarray(c) for c in ends[i] & ends[j]]
            touch = lines[i].intersection(lines[j])
            allowed = [shapely.Point(bld.frame.points_to_local(c)[0]) for c in shared]
            if (
                not allowed
                or not touch.difference(shapely.MultiPoint(allowed).buffer(0.05)).is_empty
            ):
                raise RuntimeError(f"roads {i + 1} and {j + 1} cross away from a shared node")
    for road, line in zip(bld.roads, bld.lines, strict=True):
        props, length = road["properties"], polyline_length(line)
        low, high = grade_limits[props["kind"]]
        if not low <= abs(props["grade_pct"]) <= high:
            raise RuntimeError(f"{props['id']}: grade {props['grade_pct']} % out of range")
        if not length_m[0] <= length <= length_m[1]:
            raise RuntimeError(f"{props['id']}: length {length:.0f} m out of range")


def feature_collection(bld: SiteBuilder, header: dict[str, Any]) -> dict[str, Any]:
    """Assemble the RFC 7946 document: roads, then points of interest, then zones."""
    features: list[dict[str, Any]] = []

    def add(props: dict[str, Any], gtype: str, coords: Any) -> None:
        features.append(
            {
                "type": "Feature",
                "id": props["id"],
                "geometry": {"type": gtype, "coordinates": coords},
                "properties": props,
            }
        )

    for road in bld.roads:
        add(road["properties"], "LineString", road["coordinates"])
    for poi in bld.pois:
        add(poi["properties"], "Point", bld.lonlat_of(poi["xy"][None, :])[0])
    for zone in bld.zones:
        poly = zone["polygon"]
        rings = [poly.exterior, *poly.interiors]
        coords = [bld.lonlat_of(np.asarray(r.coords, dtype=np.float64)) for r in rings]
        add(zone["properties"], "Polygon", coords)
    return {"type": "FeatureCollection", "atlasmesh": header, "features": features}


def dumps_site(doc: dict[str, Any]) -> str:
    """Serialise a site document: one feature per line, so diffs stay readable."""
    head = {k: v for k, v in doc.items() if k != "features"}
    body = ",\n".join(json.dumps(f, ensure_ascii=False) for f in doc["features"])
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n' + body + "\n]}\n"
