"""World (site metres, x east / y north) to screen (logical pixels, y down) and back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtGui import QTransform

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

MIN_SCALE = 0.02
"""Most zoomed-out scale, pixels per metre (a 50 km wide view on a 1000 px canvas)."""
MAX_SCALE = 20.0
"""Most zoomed-in scale, pixels per metre (5 cm per pixel)."""


@dataclass(frozen=True, slots=True)
class MapTransform:
    """A view of the site: the world point at the canvas centre and the scale.

    The map is geographic: north is always up and east always right, whatever the layout
    direction of the application (only overlays mirror in right-to-left layouts).

    Attributes
    ----------
    cx, cy
        World point (metres) shown at the centre of the canvas.
    scale
        Pixels per metre.
    width, height
        Canvas size in logical pixels.
    """

    cx: float
    cy: float
    scale: float
    width: int
    height: int

    def to_screen(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Map world coordinates (arrays, metres) to canvas pixels."""
        sx = self.width * 0.5 + (x - self.cx) * self.scale
        sy = self.height * 0.5 - (y - self.cy) * self.scale
        return sx, sy

    def point_to_screen(self, x: float, y: float) -> tuple[float, float]:
        """Map one world point to canvas pixels."""
        return (
            self.width * 0.5 + (x - self.cx) * self.scale,
            self.height * 0.5 - (y - self.cy) * self.scale,
        )

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        """Map a canvas pixel to world metres."""
        return (
            self.cx + (sx - self.width * 0.5) / self.scale,
            self.cy - (sy - self.height * 0.5) / self.scale,
        )

    def qtransform(self) -> QTransform:
        """Return the world-to-canvas transform for a ``QPainter``."""
        s = self.scale
        return QTransform(
            s, 0.0, 0.0, -s, self.width * 0.5 - self.cx * s, self.height * 0.5 + self.cy * s
        )

    def world_rect(self) -> tuple[float, float, float, float]:
        """Return the visible world rectangle ``(minx, miny, maxx, maxy)``."""
        x0, y1 = self.to_world(0.0, 0.0)
        x1, y0 = self.to_world(float(self.width), float(self.height))
        return x0, y0, x1, y1

    def panned(self, dx_px: float, dy_px: float) -> MapTransform:
        """Return the view moved so the content shifts by ``(dx_px, dy_px)`` pixels."""
        return MapTransform(
            self.cx - dx_px / self.scale,
            self.cy + dy_px / self.scale,
            self.scale,
            self.width,
            self.height,
        )

    def zoomed(self, factor: float, anchor_px: tuple[float, float] | None = None) -> MapTransform:
        """Return the view zoomed by ``factor``, the world point under ``anchor_px`` fixed."""
        scale = float(np.clip(self.scale * factor, MIN_SCALE, MAX_SCALE))
        if anchor_px is None:
            return MapTransform(self.cx, self.cy, scale, self.width, self.height)
        wx, wy = self.to_world(*anchor_px)
        ax, ay = anchor_px
        cx = wx - (ax - self.width * 0.5) / scale
        cy = wy + (ay - self.height * 0.5) / scale
        return MapTransform(cx, cy, scale, self.width, self.height)

    def resized(self, width: int, height: int) -> MapTransform:
        """Return the same view on a canvas of another size."""
        return MapTransform(self.cx, self.cy, self.scale, width, height)

    def centred(self, x: float, y: float) -> MapTransform:
        """Return the view centred on a world point."""
        return MapTransform(x, y, self.scale, self.width, self.height)


def fit(
    bounds: tuple[float, float, float, float], width: int, height: int, margin_px: float = 24.0
) -> MapTransform:
    """Return the view showing ``bounds`` (metres) whole, with a margin, on a canvas."""
    minx, miny, maxx, maxy = bounds
    span_x = max(maxx - minx, 1.0)
    span_y = max(maxy - miny, 1.0)
    usable_w = max(width - 2 * margin_px, 16.0)
    usable_h = max(height - 2 * margin_px, 16.0)
    scale = float(np.clip(min(usable_w / span_x, usable_h / span_y), MIN_SCALE, MAX_SCALE))
    return MapTransform((minx + maxx) / 2, (miny + maxy) / 2, scale, max(width, 1), max(height, 1))
