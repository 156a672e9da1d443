"""The live site map (Qt): the site to scale, vehicles as glyphs, layers and overlays."""

from __future__ import annotations

from app.ui.map.glyphs import GlyphKind, glyph_kind
from app.ui.map.layers import LayerError, MapLayer
from app.ui.map.palette import THEMES, MapPalette
from app.ui.map.transform import MapTransform
from app.ui.map.view import SiteMapView

__all__ = [
    "THEMES",
    "GlyphKind",
    "LayerError",
    "MapLayer",
    "MapPalette",
    "MapTransform",
    "SiteMapView",
    "glyph_kind",
]
