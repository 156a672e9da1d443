"""Structural reading of an RFC 7946 GeoJSON site file (before the site schema is applied).

This module checks what GeoJSON itself requires (a ``FeatureCollection`` of ``Feature`` objects,
well-formed geometries, positions within WGS84 ranges) plus the geometry type each site feature
must have: roads are ``LineString``, points of interest ``Point``, zones ``Polygon``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from maps.errors import SiteFileError

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

GEOMETRY_FOR_FEATURE = {"road": "LineString", "poi": "Point", "zone": "Polygon"}
"""The GeoJSON geometry type each site feature kind must use."""


@dataclass(frozen=True, slots=True, eq=False)
class RawFeature:
    """A structurally valid feature whose properties are not validated yet.

    Attributes
    ----------
    index
        Position in the ``features`` array.
    feature_id
        ``properties.id`` when it is a string, for error messages.
    geometry_type
        ``Point``, ``LineString`` or ``Polygon``.
    rings
        The positions as ``(K, 2)`` arrays of ``[lon, lat]``: one array for a point or a line
        string, the exterior ring then the holes for a polygon. Altitudes are dropped.
    properties
        The raw ``properties`` object.
    """

    index: int
    feature_id: str | None
    geometry_type: str
    rings: tuple[FloatArray, ...]
    properties: dict[str, Any]


def read_collection(doc: object, source: str) -> tuple[object, list[RawFeature]]:
    """Check the GeoJSON structure of a decoded site file.

    Parameters
    ----------
    doc
        The decoded JSON document.
    source
        The file name, for error messages.

    Returns
    -------
    tuple
        The raw ``atlasmesh`` member and the features in file order.

    Raises
    ------
    SiteFileError
        On the first structural problem found.
    """
    if not isinstance(doc, dict):
        raise SiteFileError(
            f"top level must be a GeoJSON FeatureCollection object, got a JSON {_json_type(doc)}",
            source=source,
        )
    if doc.get("type") != "FeatureCollection":
        raise SiteFileError(
            f"top level must be a GeoJSON FeatureCollection, got type {doc.get('type')!r}",
            source=source,
            field="type",
        )
    if "atlasmesh" not in doc:
        raise SiteFileError(
            "missing the 'atlasmesh' site header member", source=source, field="atlasmesh"
        )
    features = doc.get("features")
    if not isinstance(features, list):
        raise SiteFileError("must be an array of features", source=source, field="features")
    return doc["atlasmesh"], [_read_feature(raw, i, source) for i, raw in enumerate(features)]


def _read_feature(raw: object, index: int, source: str) -> RawFeature:
    """Check one feature object and decode its geometry."""
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        raise SiteFileError("is not a GeoJSON Feature object", source=source, index=index)
    props = raw.get("properties")
    if not isinstance(props, dict):
        raise SiteFileError("must be a JSON object", source=source, index=index, field="properties")
    prop_id = props.get("id")
    feature_id = prop_id if isinstance(prop_id, str) else None

    def fail(problem: str, field: str | None = "geometry") -> SiteFileError:
        return SiteFileError(
            problem, source=source, feature_id=feature_id, index=index, field=field
        )

    if "id" in raw and raw["id"] != prop_id:
        raise fail(f"Feature id {raw['id']!r} differs from properties.id {prop_id!r}", "id")
    geometry = raw.get("geometry")
    if not isinstance(geometry, dict) or "coordinates" not in geometry:
        raise fail("must be a GeoJSON geometry object with coordinates")
    gtype = geometry.get("type")
    expected = GEOMETRY_FOR_FEATURE.get(str(props.get("feature")))
    if expected is not None and gtype != expected:
        raise fail(f"a {props['feature']} must be a {expected}, got {gtype!r}", "geometry.type")
    coords = geometry["coordinates"]
    try:
        if gtype == "Point":
            rings: tuple[FloatArray, ...] = (_positions([coords]),)
        elif gtype == "LineString":
            rings = (_line(coords),)
        elif gtype == "Polygon":
            rings = _polygon(coords)
        else:
            raise ValueError(f"unsupported geometry type {gtype!r}")
    except ValueError as exc:
        raise fail(str(exc), "geometry.coordinates") from exc
    return RawFeature(index, feature_id, str(gtype), rings, props)


def _positions(raw: object) -> FloatArray:
    """Decode an array of positions into ``(K, 2)`` ``[lon, lat]`` rows."""
    if not isinstance(raw, list):
        raise ValueError("positions must be an array")
    out = np.empty((len(raw), 2), dtype=np.float64)
    for k, pos in enumerate(raw):
        if not isinstance(pos, list) or len(pos) not in (2, 3):
            raise ValueError(f"position {k} must be [lon, lat] or [lon, lat, alt]")
        if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in pos):
            raise ValueError(f"position {k} must hold numbers, got {pos!r}")
        lon, lat = float(pos[0]), float(pos[1])
        if not (math.isfinite(lon) and -180.0 <= lon <= 180.0):
            raise ValueError(f"position {k}: longitude {lon} out of range [-180, 180]")
        if not (math.isfinite(lat) and -90.0 <= lat <= 90.0):
            raise ValueError(f"position {k}: latitude {lat} out of range [-90, 90]")
        out[k] = (lon, lat)
    return out


def _line(raw: object) -> FloatArray:
    """Decode a LineString: at least two positions, none repeating its predecessor."""
    pts = _positions(raw)
    if len(pts) < 2:
        raise ValueError(f"a LineString needs at least 2 positions, got {len(pts)}")
    repeats = np.flatnonzero(np.all(pts[1:] == pts[:-1], axis=1))
    if len(repeats):
        raise ValueError(f"position {int(repeats[0]) + 1} repeats the one before it")
    return pts


def _polygon(raw: object) -> tuple[FloatArray, ...]:
    """Decode a Polygon: closed linear rings of at least four positions."""
    if not isinstance(raw, list) or not raw:
        raise ValueError("a Polygon needs at least one linear ring")
    rings = []
    for r, ring_raw in enumerate(raw):
        ring = _positions(ring_raw)
        if len(ring) < 4:
            raise ValueError(f"ring {r} needs at least 4 positions, got {len(ring)}")
        if not np.array_equal(ring[0], ring[-1]):
            raise ValueError(f"ring {r} is not closed (first and last positions differ)")
        rings.append(ring)
    return tuple(rings)


def _json_type(value: object) -> str:
    """Name the JSON type of a decoded value."""
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
