"""Logistics map layers, computed from the site (plain data the console draws)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import LayerStyle, MapLayer

if TYPE_CHECKING:
    from maps.site import Site

__all__ = ["map_layers"]


def map_layers(site: Site) -> list[MapLayer]:
    """Return the pedestrian areas, cross aisles and one-way lanes of ``site``."""
    walk = tuple((z.id, z.name) for z in site.zones if z.sector_kind == "pedestrian")
    aisles = tuple((z.id, z.name) for z in site.zones if z.kind == "ACTION")
    one_way = tuple((r.id, r.id) for r in site.roads if r.one_way)
    return [
        MapLayer(
            id="logistics.pedestrian_areas",
            title="Pedestrian areas",
            geometry="zones",
            features=walk,
            style=LayerStyle(stroke="#1565C0", fill="#64B5F6", fill_opacity=0.3),
            z_order=30,
        ),
        MapLayer(
            id="logistics.cross_aisles",
            title="Cross aisles",
            geometry="zones",
            features=aisles,
            style=LayerStyle(stroke="#F9A825", fill="#FFEE58", fill_opacity=0.3, dashed=True),
            z_order=28,
        ),
        MapLayer(
            id="logistics.one_way_lanes",
            title="One-way lanes",
            geometry="roads",
            features=one_way,
            style=LayerStyle(stroke="#455A64", width_px=2.0, dashed=True),
            z_order=12,
        ),
    ]
