"""Site model: GeoJSON site files, zones, road graph and coordinate frames; headless, never Qt.

Public API for the rest of AtlasMesh and for sector packs; everything else in the package is
internal.
"""

from __future__ import annotations

from maps.errors import MapError, NoRouteError, SiteFileError, UnknownFeatureError
from maps.features import PointOfInterest, Road, Zone
from maps.geo import LocalFrame
from maps.graph import CsrView, GraphEdge, RoadGraph
from maps.schema import SCHEMA_VERSION
from maps.site import Site, build_site, default_site_path, load_site

__all__ = [
    "SCHEMA_VERSION",
    "CsrView",
    "GraphEdge",
    "LocalFrame",
    "MapError",
    "NoRouteError",
    "PointOfInterest",
    "Road",
    "RoadGraph",
    "Site",
    "SiteFileError",
    "UnknownFeatureError",
    "Zone",
    "build_site",
    "default_site_path",
    "load_site",
]
