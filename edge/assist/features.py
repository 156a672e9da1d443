"""Which site feature a vehicle is at, so similar assist requests can be answered together."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import shapely

if TYPE_CHECKING:
    from maps.site import Site

__all__ = ["NEAR_FEATURE_M", "FeatureLocator"]

NEAR_FEATURE_M = 30.0
"""A vehicle this close to a zone's edge or a point of interest is "at" it."""


class FeatureLocator:
    """Names the zone (or else the point of interest) a site position is in or at.

    Zones win over points of interest; among zones, one containing the point wins over one
    merely near it, then the nearest.  Called once per new assist request, never per tick.
    """

    def __init__(self, site: Site, *, near_m: float = NEAR_FEATURE_M) -> None:
        self._zones = [z for z in site.zones if z.active]
        self._pois = [(p.id, *_poi_xy(site, p.node)) for p in site.pois]
        self._near = near_m

    def __call__(self, x: float, y: float) -> str | None:
        """Return the id of the feature at ``(x, y)``, or ``None``."""
        point = shapely.Point(x, y)
        best: tuple[float, str] | None = None
        for zone in self._zones:
            distance = 0.0 if zone.polygon.covers(point) else zone.polygon.distance(point)
            if distance <= self._near and (best is None or distance < best[0]):
                best = (distance, zone.id)
        if best is not None:
            return best[1]
        for poi_id, px, py in self._pois:
            distance = math.hypot(px - x, py - y)
            if distance <= self._near and (best is None or distance < best[0]):
                best = (distance, poi_id)
        return None if best is None else best[1]


def _poi_xy(site: Site, node: int) -> tuple[float, float]:
    x, y = site.graph.node_xy[node]
    return float(x), float(y)
