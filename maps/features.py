"""In-memory site features in local metres and SI units: roads, points of interest, zones.

These are built by :func:`maps.site.load_site` from validated file records; code inside the
process trusts them. Arrays are read-only so a feature cannot be changed behind the graph's back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy as np
    import numpy.typing as npt

    from maps.schema import PoiKind, RoadKind, SectorZoneKind, ZoneType

    FloatArray = npt.NDArray[np.float64]

KMH_PER_MPS = 3.6
"""Kilometres per hour in one metre per second."""


@dataclass(frozen=True, slots=True, eq=False)
class Road:
    """One road segment, the unit the site file describes and the graph is built from.

    Attributes
    ----------
    id
        The feature id (e.g. ``R042``).
    kind
        ``haul_road``, ``ramp``, ``access`` or ``intersection_link``.
    speed_limit_mps
        Posted speed limit, m/s.
    grade
        Signed grade as a fraction (0.09 = 9 %), positive when climbing in the direction of
        ``line_xy``.
    width_m
        Running surface width.
    one_way
        Travel only in the direction of ``line_xy``.
    lanes
        Number of lanes.
    closed
        Closed to traffic (e.g. a washout or berm repair).
    published
        Communicated to manned vehicles; autonomous use requires it (SECTOR_RULES M12).
    line_xy
        ``(K, 2)`` read-only array of vertices in local metres, ``K >= 2``.
    length_m
        Planar length of ``line_xy``.
    name
        Optional display name.
    """

    id: str
    kind: RoadKind
    speed_limit_mps: float
    grade: float
    width_m: float
    one_way: bool
    lanes: int
    closed: bool
    published: bool
    line_xy: FloatArray
    length_m: float
    name: str | None = None

    @property
    def usable_autonomously(self) -> bool:
        """Whether an autonomous vehicle may use the segment (open and published)."""
        return not self.closed and self.published


@dataclass(frozen=True, slots=True)
class PointOfInterest:
    """A point of interest anchored to a road-graph node.

    Attributes
    ----------
    id
        The feature id.
    kind
        ``loading``, ``dump``, ``crusher``, ``workshop``, ``fuel`` or ``parking``.
    name, name_ar
        Display names, English and Arabic.
    xy
        Position in local metres.
    node
        The road-graph node that serves it (the nearest node, within 30 m).
    properties
        The kind-specific properties from the file (e.g. ``loader_class``, ``capacity_tph``).
    """

    id: str
    kind: PoiKind
    name: str
    name_ar: str
    xy: tuple[float, float]
    node: int
    properties: Mapping[str, Any]


@dataclass(frozen=True, slots=True, eq=False)
class Zone:
    """A geofence in local metres, typed with the VDA 5050 v3 zone vocabulary.

    Attributes
    ----------
    id
        The feature id.
    kind
        VDA 5050 zone type (``BLOCKED``, ``SPEED_LIMIT``, ``RELEASE``, ...).
    sector_kind
        What the zone is on site (``speed_limit``, ``blast``, ``exclusion``, ``closed_road``,
        ``pedestrian``, ``workshop_area``).
    name, name_ar
        Display names, English and Arabic.
    polygon
        A valid ``shapely.Polygon`` in local metres.
    speed_limit_mps
        Maximum speed inside (``SPEED_LIMIT`` zones), m/s; ``None`` otherwise.
    active
        Whether the zone is in force now.
    properties
        The remaining zone properties from the file (``reentry_wait_min``, ``buffer_m``,
        ``poi_id``, ``road_ids``) when set.
    """

    id: str
    kind: ZoneType
    sector_kind: SectorZoneKind
    name: str
    name_ar: str
    polygon: Any
    speed_limit_mps: float | None
    active: bool
    properties: Mapping[str, Any]
