"""The site model and its loader: one GeoJSON site file in, one immutable :class:`Site` out.

The file is validated where it enters (:mod:`maps.geojson` for structure, :mod:`maps.schema`
for properties, :mod:`maps.network` for the road network); every problem is a
:class:`~maps.errors.SiteFileError` naming the feature, the field and what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from maps.errors import SiteFileError, UnknownFeatureError
from maps.features import KMH_PER_MPS, PointOfInterest, Road, Zone
from maps.geo import LocalFrame
from maps.geojson import read_collection
from maps.graph import RoadGraph
from maps.network import POI_ANCHOR_RADIUS_M, anchor_node, check_connected
from maps.schema import (
    PoiProperties,
    RoadProperties,
    ZoneProperties,
    validate_header,
    validate_properties,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    from maps.geojson import RawFeature
    from maps.schema import PoiKind

__all__ = [
    "PointOfInterest",
    "Road",
    "Site",
    "Zone",
    "build_site",
    "default_site_path",
    "load_site",
]

_COMMON_POI_FIELDS = frozenset({"feature", "id", "kind", "name", "name_ar"})
_COMMON_ZONE_FIELDS = frozenset(
    {"feature", "id", "kind", "sector_kind", "name", "name_ar", "active", "speed_limit_kmh"}
)


@dataclass(frozen=True, slots=True, eq=False)
class Site:
    """A loaded site: roads, points of interest, zones and the road graph, in local metres.

    Attributes
    ----------
    site_id, name, name_ar
        From the file's ``atlasmesh`` header.
    frame
        The local frame (origin from the header) every geometry is expressed in.
    roads
        Road segments in file order; ``GraphEdge.road`` indexes this tuple.
    pois
        Points of interest in file order, each anchored to a graph node.
    zones
        Zones in file order.
    graph
        The directed road graph.
    bounds
        ``(minx, miny, maxx, maxy)`` of every feature, metres.
    source
        The file name the site was read from.
    """

    site_id: str
    name: str
    name_ar: str
    frame: LocalFrame
    roads: tuple[Road, ...]
    pois: tuple[PointOfInterest, ...]
    zones: tuple[Zone, ...]
    graph: RoadGraph
    bounds: tuple[float, float, float, float]
    source: str = "<site>"
    _by_id: Mapping[str, Road | PointOfInterest | Zone] = field(
        init=False, repr=False, default_factory=lambda: MappingProxyType({})
    )

    def __post_init__(self) -> None:
        by_id: dict[str, Road | PointOfInterest | Zone] = {r.id: r for r in self.roads}
        by_id.update((p.id, p) for p in self.pois)
        by_id.update((z.id, z) for z in self.zones)
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))

    def poi(self, poi_id: str) -> PointOfInterest:
        """Return the point of interest with this id (raises :class:`UnknownFeatureError`)."""
        item = self._by_id.get(poi_id)
        if not isinstance(item, PointOfInterest):
            raise UnknownFeatureError("poi", poi_id)
        return item

    def road(self, road_id: str) -> Road:
        """Return the road segment with this id (raises :class:`UnknownFeatureError`)."""
        item = self._by_id.get(road_id)
        if not isinstance(item, Road):
            raise UnknownFeatureError("road", road_id)
        return item

    def road_index(self, road_id: str) -> int:
        """Return the position of a road in :attr:`roads` (the ``GraphEdge.road`` value)."""
        return self.roads.index(self.road(road_id))

    def zone(self, zone_id: str) -> Zone:
        """Return the zone with this id (raises :class:`UnknownFeatureError`)."""
        item = self._by_id.get(zone_id)
        if not isinstance(item, Zone):
            raise UnknownFeatureError("zone", zone_id)
        return item

    def pois_of_kind(self, kind: PoiKind) -> tuple[PointOfInterest, ...]:
        """Return the points of interest of one kind, in file order."""
        return tuple(p for p in self.pois if p.kind == kind)


def default_site_path() -> Path:
    """Return the path of the bundled demo site (``resources/sites/demo_mine.geojson``)."""
    return Path(__file__).resolve().parent.parent / "resources" / "sites" / "demo_mine.geojson"


def load_site(path: str | os.PathLike[str]) -> Site:
    """Read and validate a site file.

    Parameters
    ----------
    path
        A GeoJSON site file (schema version 1).

    Returns
    -------
    Site
        The validated site in local metres.

    Raises
    ------
    SiteFileError
        If the file cannot be read, is not valid JSON, or breaks the site schema.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise SiteFileError(f"cannot read the file: {exc.strerror}", source=file.name) from exc
    except UnicodeDecodeError as exc:
        raise SiteFileError(f"not UTF-8 text: {exc.reason}", source=file.name) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SiteFileError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            source=file.name,
        ) from exc
    return build_site(doc, source=file.name)


def build_site(doc: object, *, source: str = "<site>") -> Site:
    """Validate a decoded site document and build the site.

    Parameters
    ----------
    doc
        The decoded JSON document.
    source
        Name used in error messages.

    Returns
    -------
    Site
        The validated site.

    Raises
    ------
    SiteFileError
        On the first problem found.
    """
    raw_header, raw_features = read_collection(doc, source)
    try:
        header = validate_header(raw_header)
    except SiteFileError as exc:
        raise exc.located(source=source) from exc
    frame = LocalFrame(*header.origin)
    first_index: dict[str, int] = {}
    roads: list[Road] = []
    road_raw: list[RawFeature] = []
    poi_items: list[tuple[RawFeature, PoiProperties, tuple[float, float]]] = []
    zones: list[tuple[RawFeature, Zone]] = []
    for raw in raw_features:
        try:
            props = validate_properties(raw.properties)
            if props.id in first_index:
                raise SiteFileError(
                    f"duplicate id (first used by the feature at index {first_index[props.id]})",
                    field="id",
                )
            first_index[props.id] = raw.index
            if isinstance(props, RoadProperties):
                roads.append(_road(props, frame.points_to_local(raw.rings[0])))
                road_raw.append(raw)
            elif isinstance(props, PoiProperties):
                x, y = frame.to_local(float(raw.rings[0][0, 0]), float(raw.rings[0][0, 1]))
                poi_items.append((raw, props, (x, y)))
            else:
                zones.append((raw, _zone(props, [frame.points_to_local(r) for r in raw.rings])))
        except SiteFileError as exc:
            raise exc.located(source=source, feature_id=raw.feature_id, index=raw.index) from exc
    if not roads:
        raise SiteFileError("a site needs at least one road segment", source=source)
    graph = RoadGraph.from_roads(roads)
    check_connected(
        graph, [(r.id, raw.index) for r, raw in zip(roads, road_raw, strict=True)], source
    )
    pois = [_anchored_poi(raw, props, xy, graph, source) for raw, props, xy in poi_items]
    _check_references(zones, {r.id for r in roads}, {p.id for p in pois}, source)
    zone_list = [z for _, z in zones]
    return Site(
        site_id=header.site_id,
        name=header.name,
        name_ar=header.name_ar,
        frame=frame,
        roads=tuple(roads),
        pois=tuple(pois),
        zones=tuple(zone_list),
        graph=graph,
        bounds=_bounds(roads, pois, zone_list),
        source=source,
    )


def _road(props: RoadProperties, line_xy: np.ndarray[Any, np.dtype[np.float64]]) -> Road:
    """Build a road in SI units from its validated properties and projected line."""
    line_xy.setflags(write=False)
    length = float(np.hypot(*np.diff(line_xy, axis=0).T).sum())
    return Road(
        id=props.id,
        kind=props.kind,
        speed_limit_mps=props.speed_limit_kmh / KMH_PER_MPS,
        grade=props.grade_pct / 100.0,
        width_m=props.width_m,
        one_way=props.one_way,
        lanes=props.lanes,
        closed=props.closed,
        published=props.published,
        line_xy=line_xy,
        length_m=length,
        name=props.name,
    )


def _zone(props: ZoneProperties, rings: list[np.ndarray[Any, np.dtype[np.float64]]]) -> Zone:
    """Build a zone from its validated properties and projected rings; checks the polygon."""
    polygon = shapely.Polygon(rings[0], rings[1:])
    if not polygon.is_valid:
        reason = shapely.is_valid_reason(polygon)
        raise SiteFileError(
            f"invalid polygon: {reason} (local metres)", field="geometry.coordinates"
        )
    if polygon.area <= 0.0:
        raise SiteFileError("polygon has no area", field="geometry.coordinates")
    extras = props.model_dump(exclude=set(_COMMON_ZONE_FIELDS), exclude_none=True)
    speed = props.speed_limit_kmh
    return Zone(
        id=props.id,
        kind=props.kind,
        sector_kind=props.sector_kind,
        name=props.name,
        name_ar=props.name_ar,
        polygon=polygon,
        speed_limit_mps=None if speed is None else speed / KMH_PER_MPS,
        active=props.active,
        properties=MappingProxyType(extras),
    )


def _anchored_poi(
    raw: RawFeature,
    props: PoiProperties,
    xy: tuple[float, float],
    graph: RoadGraph,
    source: str,
) -> PointOfInterest:
    """Build a point of interest anchored to the nearest graph node (at most 30 m away)."""
    node, distance = anchor_node(graph, xy)
    if distance > POI_ANCHOR_RADIUS_M:
        raise SiteFileError(
            f"no road node within {POI_ANCHOR_RADIUS_M:g} m (nearest is {distance:.1f} m away)",
            source=source,
            feature_id=props.id,
            index=raw.index,
            field="geometry",
        )
    extras = props.model_dump(exclude=set(_COMMON_POI_FIELDS))
    return PointOfInterest(
        id=props.id,
        kind=props.kind,
        name=props.name,
        name_ar=props.name_ar,
        xy=xy,
        node=node,
        properties=MappingProxyType(extras),
    )


def _check_references(
    zones: list[tuple[RawFeature, Zone]], road_ids: set[str], poi_ids: set[str], source: str
) -> None:
    """Check that zones name existing roads and points of interest."""
    for raw, zone in zones:
        missing: list[tuple[str, str]] = [
            ("road_ids", rid) for rid in zone.properties.get("road_ids", ()) if rid not in road_ids
        ]
        poi_id = zone.properties.get("poi_id")
        if poi_id is not None and poi_id not in poi_ids:
            missing.append(("poi_id", poi_id))
        if missing:
            field_name, ref = missing[0]
            raise SiteFileError(
                f"refers to {ref!r}, which is not a feature of that kind in this file",
                source=source,
                feature_id=zone.id,
                index=raw.index,
                field=field_name,
            )


def _bounds(
    roads: list[Road], pois: list[PointOfInterest], zones: list[Zone]
) -> tuple[float, float, float, float]:
    """Return ``(minx, miny, maxx, maxy)`` over every feature."""
    pts = [r.line_xy for r in roads]
    pts += [np.array([p.xy], dtype=np.float64) for p in pois]
    pts += [np.asarray(z.polygon.exterior.coords, dtype=np.float64)[:, :2] for z in zones]
    allpts = np.vstack(pts)
    lo = allpts.min(axis=0)
    hi = allpts.max(axis=0)
    return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))
