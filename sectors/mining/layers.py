"""Mining map layers, computed from the site (plain data the console draws)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import LayerStyle, MapLayer

if TYPE_CHECKING:
    from maps.site import Site

__all__ = ["map_layers"]


def map_layers(site: Site) -> list[MapLayer]:
    """Return the blast and exclusion zones and the ramps of ``site``."""
    blast = tuple((z.id, z.name) for z in site.zones if z.sector_kind == "blast")
    exclusion = tuple((z.id, z.name) for z in site.zones if z.sector_kind == "exclusion")
    ramps = tuple((r.id, r.id) for r in site.roads if r.kind == "ramp")
    return [
        MapLayer(
            id="mining.blast_zones",
            title="Blast zones",
            geometry="zones",
            features=blast,
            style=LayerStyle(stroke="#C62828", fill="#EF5350", fill_opacity=0.35, dashed=True),
            z_order=30,
        ),
        MapLayer(
            id="mining.exclusion_zones",
            title="Exclusion zones",
            geometry="zones",
            features=exclusion,
            style=LayerStyle(stroke="#EF6C00", fill="#FFB74D", fill_opacity=0.25),
            z_order=25,
        ),
        MapLayer(
            id="mining.ramps",
            title="Ramps",
            geometry="roads",
            features=ramps,
            style=LayerStyle(stroke="#6D4C41", width_px=3.0),
            z_order=15,
        ),
    ]
