"""Defense map layers, computed from the site (plain data the console draws)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import LayerStyle, MapLayer

if TYPE_CHECKING:
    from maps.site import Site

__all__ = ["map_layers"]


def map_layers(site: Site) -> list[MapLayer]:
    """Return the no-go areas and rally points of ``site``."""
    no_go = tuple((z.id, z.name) for z in site.zones if z.kind == "BLOCKED")
    rally = tuple((p.id, p.name) for p in site.pois if p.kind == "parking")
    return [
        MapLayer(
            id="defense.no_go_areas",
            title="No-go areas",
            geometry="zones",
            features=no_go,
            style=LayerStyle(stroke="#B71C1C", fill="#E53935", fill_opacity=0.4),
            z_order=35,
        ),
        MapLayer(
            id="defense.rally_points",
            title="Rally points",
            geometry="pois",
            features=rally,
            style=LayerStyle(stroke="#2E7D32", width_px=3.0),
            z_order=40,
        ),
    ]
