"""Map layers: the built-in ones and those a sector pack adds, each toggleable by key.

A layer is a painter function over the canvas in screen coordinates, given the current
:class:`~app.ui.map.transform.MapTransform`.  *Static* layers are painted into the cached
background (re-rendered on pan, zoom, resize, theme or visibility change); dynamic layers are
painted every frame above the vehicles and must be cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QPainter

    from app.ui.map.palette import MapPalette
    from app.ui.map.transform import MapTransform

    LayerPainter = Callable[[QPainter, MapTransform, MapPalette], None]
    """Paints a layer in canvas pixels for a view and a palette."""


@dataclass(slots=True)
class MapLayer:
    """One toggleable layer.

    Attributes
    ----------
    key
        Stable identifier (settings, toggles); a pack's layers are ``"<pack>.<name>"``.
    title
        Returns the layer's title in the current language (called on every retranslation).
    painter
        Paints the layer; ``None`` for built-in layers the view paints itself.
    static
        Painted into the cached background (``True``) or every frame (``False``).
    visible
        Whether the layer is shown.
    z
        Paint order among pack layers (lower first); built-in layers have fixed slots.
    """

    key: str
    title: Callable[[], str]
    painter: LayerPainter | None = None
    static: bool = True
    visible: bool = True
    z: int = 0


class LayerError(ValueError):
    """A layer was added twice or asked for by an unknown key."""
