"""Vehicle glyphs: one shape per state group, pre-rendered into an atlas per heading bucket.

Colour is never the only cue: a moving vehicle is an arrow, a working one (idle, loading,
dumping) a disc, a holding one a square with pause bars, one needing assistance a triangle
with an exclamation mark, a faulted or safe-stopped one an octagon with a cross, and a stale
one (no telemetry for ``STALE_AFTER_S``) a hollow grey dashed arrow.  Each has a nose showing
its heading (clockwise from grid north, i.e. up on the map).

The atlas holds every shape at every heading bucket so a frame draws all vehicles with a
single ``QPainter.drawPixmapFragments`` call and never rotates at paint time.
"""

from __future__ import annotations

import math
from enum import IntEnum
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from app.core.fleet.state import STATE_CODE as CORE_STATE_CODE
from app.core.fleet.state import STATES as CORE_STATES
from edge.protocol.messages import VehicleState

if TYPE_CHECKING:
    import numpy.typing as npt

    from app.ui.map.palette import MapPalette

HEADING_BUCKETS = 36
"""Headings are drawn in 10° steps."""


class GlyphKind(IntEnum):
    """State groups a vehicle is drawn as (the atlas row)."""

    MOVING = 0
    WORKING = 1
    HOLDING = 2
    ASSIST = 3
    FAULT = 4
    STALE = 5


# The state codes are the fleet state's (its columns store them at ingest).
STATES: tuple[VehicleState, ...] = CORE_STATES
"""Every vehicle state, in the order of the state codes the views store."""
STATE_CODE: dict[VehicleState, int] = CORE_STATE_CODE
"""Vehicle state -> small integer code (an index into :data:`STATES`)."""

_KIND_OF_STATE = {
    VehicleState.MOVING: GlyphKind.MOVING,
    VehicleState.IDLE: GlyphKind.WORKING,
    VehicleState.LOADING: GlyphKind.WORKING,
    VehicleState.DUMPING: GlyphKind.WORKING,
    VehicleState.HOLDING: GlyphKind.HOLDING,
    VehicleState.ASSIST_NEEDED: GlyphKind.ASSIST,
    VehicleState.SAFE_STOP: GlyphKind.FAULT,
    VehicleState.FAULT: GlyphKind.FAULT,
}
KIND_OF_CODE: npt.NDArray[np.int8] = np.array([_KIND_OF_STATE[s] for s in STATES], dtype=np.int8)
"""State code -> :class:`GlyphKind` value, for vectorised lookups."""


def glyph_kind(state: VehicleState | None, *, stale: bool) -> GlyphKind:
    """Return how a vehicle in ``state`` is drawn; stale (or never heard from) wins."""
    if stale or state is None:
        return GlyphKind.STALE
    return _KIND_OF_STATE[state]


def _body(kind: GlyphKind, r: float) -> QPainterPath:
    """Return the glyph outline for a vehicle heading north, centred on the origin, radius ``r``."""
    path = QPainterPath()
    if kind in (GlyphKind.MOVING, GlyphKind.STALE):
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(0.0, -r),
                    QPointF(0.78 * r, 0.85 * r),
                    QPointF(0.0, 0.42 * r),
                    QPointF(-0.78 * r, 0.85 * r),
                    QPointF(0.0, -r),
                ]
            )
        )
        return path
    if kind is GlyphKind.WORKING:
        path.addEllipse(QPointF(0.0, 0.12 * r), 0.7 * r, 0.7 * r)
    elif kind is GlyphKind.HOLDING:
        s = 0.64 * r
        path.addRect(QRectF(-s, -s + 0.12 * r, 2 * s, 2 * s))
    elif kind is GlyphKind.ASSIST:
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(0.0, -0.62 * r),
                    QPointF(0.86 * r, 0.86 * r),
                    QPointF(-0.86 * r, 0.86 * r),
                    QPointF(0.0, -0.62 * r),
                ]
            )
        )
    else:
        a = 0.72 * r
        pts = [
            QPointF(
                a * math.cos(math.radians(22.5 + 45 * i)),
                0.1 * r + a * math.sin(math.radians(22.5 + 45 * i)),
            )
            for i in range(8)
        ]
        path.addPolygon(QPolygonF([*pts, pts[0]]))
    nose = QPainterPath()
    nose.addPolygon(
        QPolygonF(
            [
                QPointF(0.0, -r),
                QPointF(0.34 * r, -0.5 * r),
                QPointF(-0.34 * r, -0.5 * r),
                QPointF(0.0, -r),
            ]
        )
    )
    return path.united(nose)


def _mark(painter: QPainter, kind: GlyphKind, r: float, color: QColor) -> None:
    """Draw the upright inner mark of a glyph (pause bars, '!', cross) at the origin."""
    pen = QPen(color, max(1.2, 0.16 * r), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    if kind is GlyphKind.HOLDING:
        painter.drawLine(QPointF(-0.2 * r, -0.22 * r), QPointF(-0.2 * r, 0.42 * r))
        painter.drawLine(QPointF(0.2 * r, -0.22 * r), QPointF(0.2 * r, 0.42 * r))
    elif kind is GlyphKind.ASSIST:
        painter.drawLine(QPointF(0.0, -0.05 * r), QPointF(0.0, 0.38 * r))
        painter.drawPoint(QPointF(0.0, 0.62 * r))
    elif kind is GlyphKind.FAULT:
        d = 0.28 * r
        painter.drawLine(QPointF(-d, -d + 0.1 * r), QPointF(d, d + 0.1 * r))
        painter.drawLine(QPointF(-d, d + 0.1 * r), QPointF(d, -d + 0.1 * r))


def paint_glyph(
    painter: QPainter,
    kind: GlyphKind,
    heading_deg: float,
    cx: float,
    cy: float,
    r: float,
    palette: MapPalette,
) -> None:
    """Paint one vehicle glyph centred on ``(cx, cy)`` in the painter's current coordinates."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(cx, cy)
    fill = QColor(palette.vehicle[kind])
    outline = QColor(palette.vehicle_outline)
    painter.save()
    painter.rotate(heading_deg)
    body = _body(kind, r)
    if kind is GlyphKind.STALE:
        painter.setBrush(QBrush(QColor(palette.background)))
        pen = QPen(fill, max(1.4, 0.17 * r))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
    else:
        painter.setBrush(QBrush(fill))
        painter.setPen(QPen(outline, max(1.0, 0.11 * r)))
    painter.drawPath(body)
    painter.restore()
    _mark(painter, kind, r, outline)
    painter.restore()


class GlyphAtlas:
    """Every glyph kind at every heading bucket, in one device-pixel-ratio-aware pixmap.

    Parameters
    ----------
    palette
        Colours to draw with.
    size
        Cell size in logical pixels (the glyph fits in it with its outline).
    dpr
        Device pixel ratio of the canvas.
    """

    def __init__(self, palette: MapPalette, size: int, dpr: float) -> None:
        self.size = size
        self.dpr = dpr
        self.cell = math.ceil(size * dpr)
        cols, rows = HEADING_BUCKETS, len(GlyphKind)
        pixmap = QPixmap(cols * self.cell, rows * self.cell)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        r = self.cell * 0.5 - max(1.5, self.cell * 0.06)
        for kind in GlyphKind:
            for bucket in range(cols):
                paint_glyph(
                    painter,
                    kind,
                    bucket * 360.0 / cols,
                    (bucket + 0.5) * self.cell,
                    (int(kind) + 0.5) * self.cell,
                    r,
                    palette,
                )
        painter.end()
        self.pixmap = pixmap


def heading_bucket(heading_deg: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Return the atlas column for each heading (nearest 10° step)."""
    step = 360.0 / HEADING_BUCKETS
    return np.rint(np.nan_to_num(heading_deg) / step).astype(np.int64) % HEADING_BUCKETS


def kind_icon(kind: GlyphKind, palette: MapPalette, size: int = 16, dpr: float = 1.0) -> QIcon:
    """Return an icon of a glyph kind heading north (legend, table, state chips)."""
    px = math.ceil(size * dpr)
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_glyph(painter, kind, 0.0, px / 2, px / 2, px / 2 - 1.0, palette)
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return QIcon(pixmap)
