"""Colours of the site map for each console theme (dark, light, high contrast).

Colour is never the only carrier of meaning on the map: every vehicle state has its own glyph
shape and every hazardous zone its own hatching and label.  The palettes only make those
distinctions faster to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

THEMES = ("dark", "light", "high_contrast")
"""Theme names the shell passes to ``SiteMapView.set_style``."""


@dataclass(frozen=True, slots=True)
class MapPalette:
    """Every colour the map paints with, for one theme."""

    background: str
    grid: str
    road: str
    road_casing: str
    ramp: str
    access: str
    closed_road: str
    text: str
    text_halo: str
    overlay_bg: str
    overlay_border: str
    selection: str
    zone_fill: dict[str, str] = field(default_factory=dict)
    """Fill per ``sector_kind`` (alpha included, ``#AARRGGBB``)."""
    zone_edge: dict[str, str] = field(default_factory=dict)
    """Outline per ``sector_kind``."""
    poi: dict[str, str] = field(default_factory=dict)
    """Marker colour per point-of-interest kind."""
    vehicle: tuple[str, ...] = ()
    """Glyph fill per :class:`app.ui.map.glyphs.GlyphKind` value."""
    vehicle_outline: str = "#000000"

    def color(self, value: str) -> QColor:
        """Return a ``QColor`` for one of this palette's colour strings."""
        return QColor(value)


_ZONE_EDGE_COMMON = {
    "blast": "#ff3b30",
    "closed_road": "#ff453a",
    "exclusion": "#ff9f0a",
    "pedestrian": "#ffd60a",
    "speed_limit": "#64a8ff",
    "workshop_area": "#8e9bb0",
    "emcon": "#bf5af2",
}

DARK = MapPalette(
    background="#12161b",
    grid="#1b2129",
    road="#4d5866",
    road_casing="#0b0e12",
    ramp="#7a6a52",
    access="#3d4652",
    closed_road="#ff453a",
    text="#e6edf3",
    text_halo="#0b0e12",
    overlay_bg="#dd1a2029",
    overlay_border="#3a4554",
    selection="#ffffff",
    zone_fill={
        "blast": "#40ff3b30",
        "closed_road": "#38ff453a",
        "exclusion": "#30ff9f0a",
        "pedestrian": "#30ffd60a",
        "speed_limit": "#1c64a8ff",
        "workshop_area": "#1a8e9bb0",
        "emcon": "#24bf5af2",
    },
    zone_edge=_ZONE_EDGE_COMMON,
    poi={
        "loading": "#30d158",
        "dump": "#bf9b6a",
        "crusher": "#bf5af2",
        "workshop": "#8e9bb0",
        "fuel": "#ffd60a",
        "parking": "#64a8ff",
    },
    vehicle=("#32d74b", "#5ac8fa", "#ffb340", "#ff6ad5", "#ff453a", "#8a939e"),
    vehicle_outline="#05070a",
)

LIGHT = MapPalette(
    background="#eef0ec",
    grid="#e2e5e0",
    road="#9aa3ad",
    road_casing="#ffffff",
    ramp="#b39a75",
    access="#b7bec6",
    closed_road="#d70015",
    text="#1c2430",
    text_halo="#ffffff",
    overlay_bg="#eeffffff",
    overlay_border="#b0b8c2",
    selection="#0040dd",
    zone_fill={
        "blast": "#40d70015",
        "closed_road": "#38d70015",
        "exclusion": "#38c93400",
        "pedestrian": "#40b25000",
        "speed_limit": "#1c0040dd",
        "workshop_area": "#20506070",
        "emcon": "#248944ab",
    },
    zone_edge={
        "blast": "#d70015",
        "closed_road": "#d70015",
        "exclusion": "#c93400",
        "pedestrian": "#b25000",
        "speed_limit": "#0040dd",
        "workshop_area": "#506070",
        "emcon": "#8944ab",
    },
    poi={
        "loading": "#248a3d",
        "dump": "#8b6b3e",
        "crusher": "#8944ab",
        "workshop": "#506070",
        "fuel": "#b25000",
        "parking": "#0040dd",
    },
    vehicle=("#248a3d", "#0071a4", "#c93400", "#c4007a", "#d70015", "#8e8e93"),
    vehicle_outline="#ffffff",
)

HIGH_CONTRAST = MapPalette(
    background="#000000",
    grid="#000000",
    road="#c8c8c8",
    road_casing="#000000",
    ramp="#ffd27f",
    access="#9a9a9a",
    closed_road="#ff0000",
    text="#ffffff",
    text_halo="#000000",
    overlay_bg="#ff000000",
    overlay_border="#ffffff",
    selection="#00ffff",
    zone_fill={
        "blast": "#60ff0000",
        "closed_road": "#50ff0000",
        "exclusion": "#50ff8000",
        "pedestrian": "#50ffff00",
        "speed_limit": "#00000000",
        "workshop_area": "#00000000",
        "emcon": "#00000000",
    },
    zone_edge={
        "blast": "#ff0000",
        "closed_road": "#ff0000",
        "exclusion": "#ff8000",
        "pedestrian": "#ffff00",
        "speed_limit": "#00c8ff",
        "workshop_area": "#ffffff",
        "emcon": "#ff00ff",
    },
    poi={
        "loading": "#00ff00",
        "dump": "#ffd27f",
        "crusher": "#ff80ff",
        "workshop": "#ffffff",
        "fuel": "#ffff00",
        "parking": "#00c8ff",
    },
    vehicle=("#00ff00", "#00c8ff", "#ffff00", "#ff40ff", "#ff2020", "#a0a0a0"),
    vehicle_outline="#000000",
)

PALETTES = {"dark": DARK, "light": LIGHT, "high_contrast": HIGH_CONTRAST}


def palette_for(theme: str) -> MapPalette:
    """Return the palette of a theme; raises ``ValueError`` naming the known themes."""
    try:
        return PALETTES[theme]
    except KeyError:
        raise ValueError(f"unknown map theme {theme!r}: use one of {', '.join(THEMES)}") from None
