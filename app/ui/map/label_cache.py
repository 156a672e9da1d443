"""Text labels with a halo, rendered once into pixmaps and reused every frame.

Outlined text (a path stroke) is the expensive part of painting a label; caching the rendered
label turns each later draw into a pixmap blit.  The cache is bounded: when full it is
emptied and refilled by the labels in use.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPixmap,
)

MAX_ENTRIES = 8192
"""Labels kept before the cache is emptied (a 5,000-vehicle fleet fits)."""
HALO_PX = 3.0


class LabelCache:
    """Pixmaps of halo-outlined labels keyed by text, font, colours and pixel ratio."""

    def __init__(self) -> None:
        self._pixmaps: dict[tuple[str, str, str, str, float], tuple[QPixmap, float]] = {}

    def clear(self) -> None:
        """Forget every cached label (theme or font changed)."""
        self._pixmaps.clear()

    def __len__(self) -> int:
        return len(self._pixmaps)

    def get(
        self, text: str, font: QFont, colour: str, halo: str, dpr: float
    ) -> tuple[QPixmap, float]:
        """Return the label's pixmap and its baseline offset from the pixmap top (logical px)."""
        key = (text, font.key(), colour, halo, dpr)
        hit = self._pixmaps.get(key)
        if hit is not None:
            return hit
        if len(self._pixmaps) >= MAX_ENTRIES:
            self._pixmaps.clear()
        metrics = QFontMetricsF(font)
        pad = HALO_PX
        w = metrics.horizontalAdvance(text) + 2 * pad + 2
        h = metrics.height() + 2 * pad
        pixmap = QPixmap(max(1, math.ceil(w * dpr)), max(1, math.ceil(h * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        baseline = pad + metrics.ascent()
        path = QPainterPath()
        path.addText(QPointF(pad, baseline), font, text)
        stroker = QPainterPathStroker()
        stroker.setWidth(HALO_PX)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.fillPath(stroker.createStroke(path), QColor(halo))
        painter.fillPath(path, QColor(colour))
        painter.end()
        self._pixmaps[key] = (pixmap, baseline)
        return pixmap, baseline

    def draw(
        self,
        painter: QPainter,
        text: str,
        at: QPointF,
        font: QFont,
        colour: str,
        halo: str,
        dpr: float,
    ) -> None:
        """Draw ``text`` with its baseline starting at ``at`` (logical px)."""
        pixmap, baseline = self.get(text, font, colour, halo, dpr)
        painter.drawPixmap(QPointF(at.x() - HALO_PX, at.y() - baseline), pixmap)
