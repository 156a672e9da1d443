"""The live site map: the site drawn to scale with every vehicle as an oriented glyph.

Built for thousands of vehicles at 10 Hz: no item per vehicle.  Positions live in numpy
columns (:class:`~app.ui.map.vehicles.VehicleColumns`) updated from the ids changed since the
previous frame (read once per frame for every view, :mod:`app.ui.map.frame_records`); a
paint blits the cached static site (:mod:`app.ui.map.site_layer`, reused at an offset for small
pans), then every visible vehicle in one ``drawPixmapFragments`` call from a glyph atlas and
the decluttered labels (:mod:`app.ui.map.vehicle_layer`), then cached overlays
(:mod:`app.ui.map.overlays`).  Hit-testing is a vectorised nearest-point search.

This widget is the map's interaction and state: view transform, selection, follow, layers,
theme, language and the events (mouse, wheel, keys, tooltip).
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from app.ui.map.glyphs import GlyphKind
from app.ui.map.label_cache import LabelCache
from app.ui.map.layers import LayerError, MapLayer
from app.ui.map.numbers import NumberFormat, arabic_ui
from app.ui.map.overlays import paint_legend, paint_north_arrow, paint_scale_bar
from app.ui.map.palette import DARK, palette_for
from app.ui.map.site_labels import GlyphGrid
from app.ui.map.site_layer import SitePainter
from app.ui.map.transform import MapTransform, fit
from app.ui.map.vehicle_layer import VehiclePainter
from app.ui.map.vehicle_text import tooltip_text
from app.ui.map.vehicles import VehicleColumns

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping

    from app.core.bus import ZoneClosed
    from app.core.fleet.state import FleetState
    from app.ui.map.layers import LayerPainter
    from app.ui.map.site_labels import PlacedLabel, SiteLabel
    from maps.site import Site

PAN_STEP = 0.15
"""Arrow keys pan this fraction of the canvas."""
ZOOM_STEP = 1.25
BACKGROUND_MARGIN = 256
"""Logical pixels of site rendered beyond each edge, so small pans reuse the cached site."""
LABEL_REPLACE_S = 0.5
"""While the view holds, site labels are re-placed around the moving vehicles this often."""


class SiteMapView(QWidget):
    """The site map widget (see the module docstring).

    Parameters
    ----------
    site
        The site to draw.
    parent
        Parent widget.
    """

    vehicleSelected = Signal(str)  # noqa: N815 - the shell's agreed interface
    """The user picked a vehicle on the map (``""`` when the user cleared the selection)."""
    vehicleActivated = Signal(str)  # noqa: N815 - the shell's agreed interface
    """The user double-clicked a vehicle."""

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteMapView")
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(240, 180)
        self._site = site
        self._site_painter = SitePainter(site)
        self._columns = VehicleColumns()
        self._fleet: FleetState | None = None
        self._now = time.time()
        self._theme = "dark"
        self._palette = DARK
        self._view = fit(site.bounds, 800, 600)
        self._fitted = False
        self._background: QPixmap | None = None
        self._background_view: MapTransform | None = None
        self._vehicle_painter = VehiclePainter()
        self._format = NumberFormat()
        self._labels = LabelCache()
        self._overlays: dict[tuple[object, ...], tuple[QPixmap, QPointF]] = {}
        self._background_generation = 0
        self._site_label_cache: tuple[tuple[object, ...], list[SiteLabel]] | None = None
        self._site_label_sizes: dict[tuple[tuple[str, ...], bool], tuple[float, float]] = {}
        self._site_label_frame: tuple[tuple[object, ...], float, list[PlacedLabel]] | None = None
        self._overlay_rects: dict[object, QRectF] = {}
        """Where the latest frame drew each overlay (legend, scale bar, north arrow)."""
        self._frame_overlay_rects: dict[object, QRectF] = {}
        """Measured label texts; dropped with the background (font, language, digits)."""
        self._selected: str | None = None
        self._follow: str | None = None
        self._press: QPointF | None = None
        self._last_drag: QPointF | None = None
        self._dragged = False
        self.last_paint_ms = 0.0
        """Wall time of the latest paint, milliseconds (for benchmarks)."""
        self._closures: dict[str, ZoneClosed] = {}
        """Zones operators closed at run time (:meth:`set_zone_closures`)."""
        self._layers: dict[str, MapLayer] = {}
        # Literal translate() calls so pyside6-lupdate extracts every title.
        for key, title, static in (
            ("zones", lambda: QCoreApplication.translate("SiteMapView", "Zones"), True),
            (
                "roads",
                lambda: QCoreApplication.translate("SiteMapView", "Roads and ramps"),
                True,
            ),
            (
                "pois",
                lambda: QCoreApplication.translate("SiteMapView", "Points of interest"),
                True,
            ),
            (
                "site_labels",
                lambda: QCoreApplication.translate("SiteMapView", "Zone and place names"),
                True,
            ),
            ("vehicles", lambda: QCoreApplication.translate("SiteMapView", "Vehicles"), False),
            (
                "vehicle_labels",
                lambda: QCoreApplication.translate("SiteMapView", "Vehicle labels"),
                False,
            ),
            (
                "legend",
                lambda: QCoreApplication.translate("SiteMapView", "Legend", "map legend"),
                False,
            ),
        ):
            self._layers[key] = MapLayer(key, title, None, static)
        self.setToolTip("")
        self.setAccessibleName(self.tr("Site map"))

    # ------------------------------------------------------------------ interface

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Take the vehicles changed since the previous frame; repaint at the next paint.

        Called once per frame by the shell's frame clock.
        """
        self._fleet = fleet
        self._now = now
        self._columns.update(fleet, changed)
        if self._follow is not None:
            position = self._columns.position(self._follow)
            if position is not None and position != (self._view.cx, self._view.cy):
                self._set_view(self._view.centred(*position))
        self.update()

    def select_vehicle(self, vehicle_id: str | None) -> None:
        """Select a vehicle (``None`` or ``""`` clears) without emitting ``vehicleSelected``."""
        self._selected = vehicle_id or None
        self.update()

    def selected_vehicle(self) -> str | None:
        """Return the selected vehicle's id, if any."""
        return self._selected

    def focus_vehicle(self, vehicle_id: str) -> None:
        """Centre the map on a vehicle and select it (no signal)."""
        self._selected = vehicle_id
        position = self._columns.position(vehicle_id)
        if position is not None:
            self._set_view(self._view.centred(*position))
        self.update()

    def set_follow(self, vehicle_id: str | None) -> None:
        """Keep a vehicle centred as it moves (``None`` stops following)."""
        self._follow = vehicle_id or None
        if self._follow is not None:
            self.focus_vehicle(self._follow)

    def following(self) -> str | None:
        """Return the id of the vehicle being followed, if any."""
        return self._follow

    def set_zone_closures(self, closures: Mapping[str, ZoneClosed]) -> bool:
        """Show the zones closed at run time (``SiteService.zone_closures``); ``{}``: none.

        Re-renders the site only when they differ from those shown; returns whether they did.
        Closures of zones this site does not have are ignored.
        """
        known = {z.id for z in self._site.zones}
        wanted = {k: v for k, v in closures.items() if k in known}
        if wanted == self._closures:
            return False
        self._closures = wanted
        self._background = None
        self._site_label_cache = None  # the closed zones' labels say so
        self._site_label_frame = None
        self.update()
        return True

    def zone_closures(self) -> dict[str, ZoneClosed]:
        """Return the run-time closures the map draws now, by zone id."""
        return dict(self._closures)

    def fit_site(self) -> None:
        """Show the whole site."""
        self._follow = None
        self._set_view(fit(self._site.bounds, self.width(), self.height()))

    def site_labels(self, arabic: bool | None = None) -> list[PlacedLabel]:
        """Return the zone and place labels the current view shows, with their rectangles.

        ``arabic`` picks the names' language (default: the console's).  They keep clear of
        the vehicles shown now, as painted.
        """
        return self._place_site_labels(self._glyph_grid(), arabic)

    def _glyph_grid(self) -> GlyphGrid | None:
        """Return the screen cells the vehicle glyphs cover now (``None``: vehicles hidden)."""
        n = len(self._columns)
        if n == 0 or not self._visible("vehicles"):
            return None
        t = self._view
        sx, sy = t.to_screen(self._columns.x[:n], self._columns.y[:n])
        radius = self._vehicle_painter.glyph_px / 2
        return GlyphGrid(sx, sy, radius, float(t.width), float(t.height))

    def _frame_site_labels(self) -> list[PlacedLabel]:
        """Return the labels to paint: placed anew when the view changes, else twice a second.

        Vehicles move a pixel or two in that time; re-placing every frame would cost a few
        milliseconds at 5,000 vehicles and make labels jump as trucks pass.
        """
        key = (self._view, self._background_generation, self._visible("vehicles"), self._arabic())
        now = time.monotonic()
        cached = self._site_label_frame
        if cached is None or cached[0] != key or now - cached[1] >= LABEL_REPLACE_S:
            cached = self._site_label_frame = (
                key,
                now,
                self._place_site_labels(self._glyph_grid()),
            )
        return cached[2]

    def _place_site_labels(
        self, glyphs: GlyphGrid | None, arabic: bool | None = None
    ) -> list[PlacedLabel]:
        """Place the site's labels for this frame; their texts are kept while the view holds."""
        arabic = self._arabic() if arabic is None else arabic
        t = self._view
        key = (t, arabic, self._background_generation)
        cached = self._site_label_cache
        if cached is None or cached[0] != key:
            cached = self._site_label_cache = (
                key,
                self._site_painter.labels(t, arabic, self._format, self._closures),
            )
        font = self._font(-1.0)
        return self._site_painter.place_labels(
            t,
            font,
            arabic,
            self._format,
            glyphs,
            cached[1],
            self._site_label_sizes,
            list(self._overlay_rects.values()),
        )

    def layers(self) -> list[tuple[str, str]]:
        """Return every layer as ``(key, translated title)`` in paint order."""
        return [(layer.key, layer.title()) for layer in self._ordered_layers()]

    def layer_visible(self, key: str) -> bool:
        """Return whether a layer is shown."""
        return self._layer(key).visible

    def set_layer_visible(self, key: str, visible: bool) -> None:
        """Show or hide a layer by key (raises :class:`LayerError` for an unknown key)."""
        layer = self._layer(key)
        if layer.visible == visible:
            return
        layer.visible = visible
        if layer.static:
            self._background = None
        self.update()

    def add_layer(
        self,
        key: str,
        title: Callable[[], str],
        painter: LayerPainter,
        *,
        static: bool = True,
        visible: bool = True,
        z: int = 0,
    ) -> None:
        """Add a layer (e.g. a sector pack's) painted above the site and below the vehicles.

        Parameters
        ----------
        key
            Unique key, ``"<pack>.<name>"`` for a pack's layer.
        title
            Returns the translated title; called again after each language change.
        painter
            ``painter(qpainter, transform, palette)`` paints in canvas pixels.
        static
            Cache it with the site background (``True``) or paint it every frame.
        visible
            Initial visibility.
        z
            Order among added layers, lower first.
        """
        if key in self._layers:
            raise LayerError(f"map layer {key!r} already exists: give the layer a unique key")
        self._layers[key] = MapLayer(key, title, painter, static, visible, z)
        self._background = None
        self.update()

    def refresh_layers(self) -> None:
        """Re-render the static layers at the next paint (a layer's data changed)."""
        self._background = None
        self.update()

    def set_style(self, theme: str) -> None:
        """Switch colours to a theme: ``"dark"``, ``"light"`` or ``"high_contrast"``."""
        self._palette = palette_for(theme)
        self._theme = theme
        self._vehicle_painter.clear()
        self._labels.clear()
        self._overlays.clear()
        self._background = None
        self.update()

    def set_arabic_digits(self, on: bool) -> None:
        """Write numbers with Arabic-Indic digits (the console's digit option)."""
        if self._format.arabic_digits == on:
            return
        self._format = NumberFormat(arabic_digits=on)
        self._labels.clear()
        self._overlays.clear()
        self._background = None
        self.update()

    def style_name(self) -> str:
        """Return the current theme name."""
        return self._theme

    def transform(self) -> MapTransform:
        """Return the current view (centre, scale and canvas size)."""
        return self._view

    def vehicle_at(self, x: float, y: float) -> str | None:
        """Return the id of the vehicle under a canvas point (logical pixels), if any."""
        wx, wy = self._view.to_world(x, y)
        radius_px = self._vehicle_painter.glyph_px * 0.6
        return self._columns.nearest(wx, wy, radius_px / self._view.scale)

    def vehicle_screen_position(self, vehicle_id: str) -> QPointF | None:
        """Return where a vehicle is drawn on the canvas, if it has a position."""
        position = self._columns.position(vehicle_id)
        if position is None:
            return None
        return QPointF(*self._view.point_to_screen(*position))

    def shown_received(self, vehicle_id: str) -> float | None:
        """Return the receive time of the sample the map shows for a vehicle (benchmarks)."""
        row = self._columns.row.get(vehicle_id)
        if row is None or np.isnan(self._columns.received[row]):
            return None
        return float(self._columns.received[row])

    def kind_counts(self) -> list[int]:
        """Return how many vehicles are drawn with each glyph kind (legend figures)."""
        kinds = self._columns.kinds(self._now)
        return [int(c) for c in np.bincount(kinds, minlength=len(GlyphKind))]

    # ------------------------------------------------------------------ internals

    def _layer(self, key: str) -> MapLayer:
        try:
            return self._layers[key]
        except KeyError:
            known = ", ".join(self._layers)
            raise LayerError(f"no map layer {key!r}; known layers: {known}") from None

    def _ordered_layers(self) -> list[MapLayer]:
        builtin = [layer for layer in self._layers.values() if layer.painter is None]
        added = sorted(
            (layer for layer in self._layers.values() if layer.painter is not None),
            key=lambda la: la.z,
        )
        return builtin[:4] + added + builtin[4:]

    def _set_view(self, view: MapTransform) -> None:
        # The background is re-rendered at the next paint only if it cannot be reused at an
        # offset (see _background_offset).
        self._view = view
        self.update()

    def _visible(self, key: str) -> bool:
        return self._layers[key].visible

    def _font(self, delta: float = 0.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() + delta)
        font.setBold(bold)
        return font

    def _arabic(self) -> bool:
        return arabic_ui()

    def _render_background(self) -> QPixmap:
        """Render the static site for the current view, with a margin on every side.

        The margin lets small pans (dragging, following a vehicle) reuse the pixmap at an
        offset instead of re-rendering the site every frame.
        """
        dpr = self.devicePixelRatioF()
        m = BACKGROUND_MARGIN
        w, h = max(1, self.width()), max(1, self.height())
        t = self._view.resized(w + 2 * m, h + 2 * m)
        pixmap = QPixmap(int((w + 2 * m) * dpr), int((h + 2 * m) * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(QColor(self._palette.background))
        painter = QPainter(pixmap)
        pal, sp = self._palette, self._site_painter
        sp.paint_grid(painter, t, pal)
        if self._visible("zones"):
            sp.paint_zones(painter, t, pal, self._closures)
        if self._visible("roads"):
            sp.paint_roads(painter, t, pal)
        for layer in self._ordered_layers():
            if layer.painter is not None and layer.static and layer.visible:
                painter.save()
                layer.painter(painter, t, pal)
                painter.restore()
        if self._visible("pois"):
            sp.paint_pois(painter, t, pal)
        painter.end()
        self._background_view = self._view
        self._background_generation += 1  # language, digits, font...: label texts anew
        self._site_label_sizes.clear()
        return pixmap

    def _background_offset(self) -> QPointF | None:
        """Return where to draw the cached background for the current view, if reusable."""
        bg, view = self._background_view, self._view
        if self._background is None or bg is None:
            return None
        if bg.scale != view.scale or (bg.width, bg.height) != (view.width, view.height):
            return None
        dx = (bg.cx - view.cx) * view.scale
        dy = (view.cy - bg.cy) * view.scale
        m = BACKGROUND_MARGIN
        if abs(dx) > m or abs(dy) > m:
            return None
        return QPointF(dx - m, dy - m)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        """Blit the static site, then vehicles, labels, pack layers and overlays."""
        del event
        started = time.perf_counter()
        offset = self._background_offset()
        background = self._background
        if offset is None or background is None:
            background = self._background = self._render_background()
            offset = QPointF(-BACKGROUND_MARGIN, -BACKGROUND_MARGIN)
        painter = QPainter(self)
        painter.drawPixmap(offset, background)
        self._frame_overlay_rects = {}
        t = self._view
        kinds = self._columns.kinds(self._now)
        dpr = self.devicePixelRatioF()
        keep_clear: list[QRectF] = []
        if self._visible("site_labels"):
            # Under the glyphs and clear of them (moved, faded or left out: .site_labels).
            placed = self._frame_site_labels()
            self._site_painter.paint_labels(
                painter, placed, self._palette, self._font(-1.0), self._labels, dpr
            )
            keep_clear = [p.rect for p in placed if not p.faded]
        if self._visible("vehicles"):
            vp = self._vehicle_painter
            following = self._follow is not None and self._follow == self._selected
            shown = vp.paint(
                painter, t, self._columns, kinds, self._palette, dpr, self._selected, following
            )
            if self._visible("vehicle_labels"):
                vp.paint_labels(
                    painter,
                    t,
                    self._columns,
                    kinds,
                    shown,
                    selected=self._selected,
                    font=self._font(-1.0, bold=True),
                    rtl=self.layoutDirection() == Qt.LayoutDirection.RightToLeft,
                    dpr=dpr,
                    keep_clear=keep_clear,
                    labels=self._labels,
                    palette=self._palette,
                )
        for layer in self._ordered_layers():
            if layer.painter is not None and not layer.static and layer.visible:
                painter.save()
                layer.painter(painter, t, self._palette)
                painter.restore()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        font = self._font()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fmt = self._format
        pal = self._palette
        if self._visible("legend"):
            counts = [int(c) for c in np.bincount(kinds, minlength=len(GlyphKind))]
            closed_now = bool(self._closures)  # the legend explains the closure while one is shown
            self._overlay(
                ("legend", t.width, closed_now),
                lambda p: paint_legend(p, t, pal, font, None, rtl, fmt, closed_now=closed_now),
                painter,
            )
            paint_legend(
                painter, t, pal, font, counts, rtl, fmt, static=False, closed_now=closed_now
            )
        self._overlay(
            ("scale", t.width, t.height, t.scale),
            lambda p: paint_scale_bar(p, t, pal, font, rtl, fmt),
            painter,
        )
        self._overlay(
            ("north", t.width), lambda p: paint_north_arrow(p, t, pal, font, rtl), painter
        )
        if self.hasFocus():
            pen = QPen(QColor(self._palette.selection), 2.0)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1, 1, self.width() - 2, self.height() - 2))
        painter.end()
        if self._frame_overlay_rects != self._overlay_rects:
            self._overlay_rects = self._frame_overlay_rects
            self._site_label_frame = None  # place the labels clear of the overlays as drawn
        self.last_paint_ms = (time.perf_counter() - started) * 1000.0

    def _overlay(
        self, key: tuple[object, ...], paint: Callable[[QPainter], QRectF | None], painter: QPainter
    ) -> None:
        """Blit an overlay from its cached pixmap, rendering it first when not cached.

        The cache is emptied on theme, language, direction, locale and font changes, so the
        key only needs the geometry the overlay depends on.
        """
        hit = self._overlays.get(key)
        if hit is None:
            dpr = self.devicePixelRatioF()
            probe = QPixmap(1, 1)
            probe_painter = QPainter(probe)
            rect = paint(probe_painter) or QRectF()
            probe_painter.end()
            pixmap = QPixmap(
                max(1, math.ceil(rect.width() * dpr)) + 2,
                max(1, math.ceil(rect.height() * dpr)) + 2,
            )
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            offscreen = QPainter(pixmap)
            offscreen.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            offscreen.translate(-rect.x() + 0.5, -rect.y() + 0.5)
            paint(offscreen)
            offscreen.end()
            if len(self._overlays) > 64:
                self._overlays.clear()
            hit = self._overlays[key] = (pixmap, QPointF(rect.x() - 0.5, rect.y() - 0.5))
        painter.drawPixmap(hit[1], hit[0])
        self._frame_overlay_rects[key[0]] = QRectF(hit[1], hit[0].deviceIndependentSize())

    # ------------------------------------------------------------------ events

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the view's centre and scale; fit the site on the first show."""
        size = event.size()
        if not self._fitted:
            self._fitted = True
            self._view = fit(self._site.bounds, size.width(), size.height())
        else:
            self._view = self._view.resized(size.width(), size.height())
        self._background = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate texts and re-lay out overlays on language or direction change."""
        if event.type() in (
            QEvent.Type.LanguageChange,
            QEvent.Type.LayoutDirectionChange,
            QEvent.Type.LocaleChange,
            QEvent.Type.FontChange,
        ):
            self._labels.clear()
            self._overlays.clear()
            self.setAccessibleName(self.tr("Site map"))
            self._background = None
            self.update()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        """Show the hovered vehicle's key state as a tooltip."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            vid = self.vehicle_at(event.pos().x(), event.pos().y())
            record = self._fleet.get(vid) if vid is not None and self._fleet is not None else None
            if record is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(
                    event.globalPos(), tooltip_text(record, self._now, self._format), self
                )
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start a drag (pan) or a click (select)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._last_drag = event.position()
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Pan while dragging (panning stops following)."""
        if self._last_drag is not None and self._press is not None:
            pos = event.position()
            if (pos - self._press).manhattanLength() >= 4:
                self._dragged = True
            if self._dragged:
                delta = pos - self._last_drag
                self._last_drag = pos
                self._follow = None
                self._set_view(self._view.panned(delta.x(), delta.y()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Select the vehicle under the cursor (or clear) on a click without drag."""
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragged:
                pos = event.position()
                vid = self.vehicle_at(pos.x(), pos.y())
                if vid != self._selected:
                    self._selected = vid
                    self.update()
                    self.vehicleSelected.emit(vid or "")
            self._press = self._last_drag = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click activates the vehicle under the cursor."""
        pos = event.position()
        vid = self.vehicle_at(pos.x(), pos.y())
        if vid is not None:
            if vid != self._selected:
                self._selected = vid
                self.vehicleSelected.emit(vid)
            self.vehicleActivated.emit(vid)
            self.update()
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Zoom about the cursor."""
        steps = event.angleDelta().y() / 120.0
        if steps:
            pos = event.position()
            self._set_view(self._view.zoomed(ZOOM_STEP**steps, (pos.x(), pos.y())))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows pan, +/- zoom, Home fits the site, F follows the selection, Esc clears."""
        key = event.key()
        w, h = self.width() * PAN_STEP, self.height() * PAN_STEP
        pans = {
            Qt.Key.Key_Left: (w, 0.0),
            Qt.Key.Key_Right: (-w, 0.0),
            Qt.Key.Key_Up: (0.0, h),
            Qt.Key.Key_Down: (0.0, -h),
        }
        if key in pans:
            self._follow = None
            self._set_view(self._view.panned(*pans[Qt.Key(key)]))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._set_view(self._view.zoomed(ZOOM_STEP))
        elif key == Qt.Key.Key_Minus:
            self._set_view(self._view.zoomed(1.0 / ZOOM_STEP))
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.fit_site()
        elif key == Qt.Key.Key_F and self._selected is not None:
            self.set_follow(None if self._follow == self._selected else self._selected)
        elif key == Qt.Key.Key_Escape and self._selected is not None:
            self._selected = None
            self._follow = None
            self.update()
            self.vehicleSelected.emit("")
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show the focus frame."""
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Hide the focus frame."""
        self.update()
        super().focusOutEvent(event)
