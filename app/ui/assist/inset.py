"""The assist workspace's map inset: the site around one vehicle, its zone and its path.

A small widget of its own (not a second :class:`~app.ui.map.view.SiteMapView`): it reuses
the map's :class:`~app.ui.map.site_layer.SitePainter` and palettes to draw the site around
the selected request's vehicle at a fixed scale, caches that background until the request,
the size or the theme changes, and paints on top the request's zone (heavy outline), the
vehicle's recent track, its route ahead when the dispatcher sent one, and the vehicle.  It
repaints only when the workspace gives it something new, so the main map pays nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget
from typing_extensions import override

from app.ui.map.palette import palette_for
from app.ui.map.site_layer import SitePainter
from app.ui.map.transform import MapTransform
from maps.errors import UnknownFeatureError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QResizeEvent

    from maps.site import Site

SPAN_M = 360.0
"""Metres of site across the inset's shorter side."""


class AssistMapInset(QWidget):
    """A north-up map of the site centred on one vehicle (see the module docstring).

    Parameters
    ----------
    site
        The site (its painter is built once, as the main map's is).
    """

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assist.inset")
        self.setMinimumSize(200, 150)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._site = site
        self._painter = SitePainter(site)
        self._palette = palette_for("dark")
        self._centre: tuple[float, float] | None = None
        self._heading = 0.0
        self._zone: str | None = None
        self._track: list[tuple[float, float]] = []
        self._route: list[tuple[float, float]] = []
        self._background: QPixmap | None = None
        self.paints = 0
        """Paints so far (a test checks the inset is not repainted for nothing)."""

    # ------------------------------------------------------------------ state

    def show_vehicle(
        self,
        x: float,
        y: float,
        heading_deg: float,
        *,
        zone: str | None,
        track: Sequence[tuple[float, float]],
        route: Sequence[tuple[float, float]] = (),
    ) -> None:
        """Centre on the vehicle at ``(x, y)``; draw ``zone``, its ``track`` and ``route``."""
        centre = (x, y)
        if centre != self._centre or zone != self._zone:
            self._background = None  # re-rendered at the next paint
        self._centre, self._heading, self._zone = centre, heading_deg, zone
        self._track = list(track)
        self._route = list(route)
        self.update()

    def clear(self) -> None:
        """Show nothing (no request selected)."""
        self._centre = None
        self._background = None
        self._track, self._route = [], []
        self.update()

    def set_style(self, theme: str) -> None:
        """Follow the console's theme."""
        self._palette = palette_for(theme)
        self._background = None
        self.update()

    def transform(self) -> MapTransform | None:
        """Return the inset's current view, or ``None`` with nothing to show."""
        if self._centre is None:
            return None
        w, h = max(1, self.width()), max(1, self.height())
        scale = min(w, h) / SPAN_M
        return MapTransform(self._centre[0], self._centre[1], scale, w, h)

    # ------------------------------------------------------------------ painting

    def _render_background(self, t: MapTransform) -> QPixmap:
        dpr = self.devicePixelRatioF()
        pixmap = QPixmap(int(t.width * dpr), int(t.height * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(QColor(self._palette.background))
        painter = QPainter(pixmap)
        pal, sp = self._palette, self._painter
        sp.paint_grid(painter, t, pal)
        sp.paint_zones(painter, t, pal)
        sp.paint_roads(painter, t, pal)
        sp.paint_pois(painter, t, pal)
        self._paint_zone_outline(painter, t)
        painter.end()
        return pixmap

    def _paint_zone_outline(self, painter: QPainter, t: MapTransform) -> None:
        if not self._zone:
            return
        try:
            polygon = self._site.zone(self._zone).polygon
        except UnknownFeatureError:
            return
        ring = np.asarray(polygon.exterior.coords, dtype=np.float64)
        sx, sy = t.to_screen(ring[:, 0], ring[:, 1])
        path = QPainterPath()
        path.addPolygon(
            QPolygonF([QPointF(float(a), float(b)) for a, b in zip(sx, sy, strict=True)])
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(QColor(self._palette.selection), 3.0, Qt.PenStyle.DashLine)
        painter.strokePath(path, pen)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        painter = QPainter(self)
        t = self.transform()
        if t is None:
            painter.fillRect(self.rect(), QColor(self._palette.background))
            painter.end()
            return
        if self._background is None:
            self._background = self._render_background(t)
        painter.drawPixmap(0, 0, self._background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._polyline(painter, t, self._route, QColor(self._palette.selection), 2.5, dashed=True)
        self._polyline(painter, t, self._track, QColor(self._palette.text), 2.0, dashed=False)
        assert self._centre is not None
        sx, sy = t.point_to_screen(*self._centre)
        self._paint_vehicle(painter, sx, sy)
        painter.setPen(QPen(QColor(self._palette.overlay_border), 1.0))
        painter.drawRect(QRectF(0.5, 0.5, self.width() - 1.0, self.height() - 1.0))
        painter.end()

    @staticmethod
    def _polyline(
        painter: QPainter,
        t: MapTransform,
        points: Sequence[tuple[float, float]],
        colour: QColor,
        width: float,
        *,
        dashed: bool,
    ) -> None:
        if len(points) < 2:
            return
        pen = QPen(colour, width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPolyline(QPolygonF([QPointF(*t.point_to_screen(x, y)) for x, y in points]))

    def _paint_vehicle(self, painter: QPainter, sx: float, sy: float) -> None:
        # An arrowhead pointing along the heading (clockwise from north), ringed for contrast.
        size = 11.0
        a = math.radians(self._heading)
        tip = QPointF(sx + size * math.sin(a), sy - size * math.cos(a))
        left = QPointF(sx + size * 0.7 * math.sin(a - 2.5), sy - size * 0.7 * math.cos(a - 2.5))
        right = QPointF(sx + size * 0.7 * math.sin(a + 2.5), sy - size * 0.7 * math.cos(a + 2.5))
        painter.setPen(QPen(QColor(self._palette.vehicle_outline), 1.5))
        painter.setBrush(QColor(self._palette.selection))
        painter.drawPolygon(QPolygonF([tip, left, right]))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(self._palette.selection), 2.0))
        painter.drawEllipse(QPointF(sx, sy), size + 5.0, size + 5.0)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._background = None
        super().resizeEvent(event)
