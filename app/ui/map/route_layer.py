"""The routes layer: where each vehicle was sent, the selected vehicle's route highlighted.

Fed by :class:`~app.core.dispatch.events.RouteAssigned` (an empty polyline clears the vehicle's
route) and by the route chooser's preview. The layer is *static*: it is painted into the map's
cached background, so a frame in which no route, selection or preview changed costs nothing.
Changes are collected and applied once per frame (:meth:`RouteLayer.update_vehicles`, called
by the frame clock), which re-renders the background once however many routes arrived.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    import numpy.typing as npt

    from app.core.dispatch.events import RouteAssigned
    from app.core.fleet.state import FleetState
    from app.ui.map.palette import MapPalette
    from app.ui.map.transform import MapTransform
    from app.ui.map.view import SiteMapView

KEY = "routes"
"""The layer's key (settings, the Map menu, the command palette)."""
Z = 50
"""Above the packs' layers (their z is their declared order, small numbers)."""
ENDPOINT_PX = 5.0


def layer_title() -> str:
    """Return the layer's translated title."""
    return QCoreApplication.translate("SiteMapView", "Vehicle routes", "map layer")


class RouteLayer:
    """Routes by vehicle, the selection and a preview, painted as one map layer.

    Parameters
    ----------
    view
        The map; the layer registers itself there (key :data:`KEY`).
    """

    def __init__(self, view: SiteMapView) -> None:
        self._view = view
        self.routes: dict[str, npt.NDArray[np.float64]] = {}
        """The polyline (``(K, 2)`` local metres) each vehicle drives now."""
        self.chosen_by: dict[str, str] = {}
        self.selected: str | None = None
        self.preview: npt.NDArray[np.float64] | None = None
        self._dirty = False
        self.renders = 0
        """How many times the layer was painted (the background re-rendered with it)."""
        view.add_layer(KEY, layer_title, self.paint, static=True, z=Z)

    # ------------------------------------------------------------------ changes

    def route_assigned(self, event: RouteAssigned) -> None:
        """Take a vehicle's new route (an empty polyline clears it); drawn at the next frame."""
        if event.polyline:
            self.routes[event.vehicle_id] = np.asarray(event.polyline, dtype=np.float64)
            self.chosen_by[event.vehicle_id] = event.chosen_by
        elif self.routes.pop(event.vehicle_id, None) is not None:
            self.chosen_by.pop(event.vehicle_id, None)
        else:
            return
        self._dirty = True

    def set_routes(self, routes: dict[str, RouteAssigned]) -> None:
        """Replace every route (a dispatcher came or went)."""
        self.routes = {
            vid: np.asarray(r.polyline, dtype=np.float64) for vid, r in routes.items() if r.polyline
        }
        self.chosen_by = {vid: r.chosen_by for vid, r in routes.items() if r.polyline}
        self._dirty = True

    def select(self, vehicle_id: str | None) -> None:
        """Highlight ``vehicle_id``'s route (``None``: no highlight)."""
        if vehicle_id != self.selected:
            self.selected = vehicle_id
            self._dirty = self._dirty or bool(self.routes)

    def set_preview(
        self, polyline: Sequence[tuple[float, float]] | npt.NDArray[np.float64] | None
    ) -> None:
        """Show a candidate route dashed (the route chooser's preview; ``None`` clears)."""
        if polyline is None:
            if self.preview is None:
                return
            self.preview = None
        else:
            self.preview = np.asarray(polyline, dtype=np.float64).reshape(-1, 2)
        self._dirty = True

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Frame hook: re-render the map's background once if anything changed."""
        del fleet, changed, now
        self.flush()

    def flush(self) -> None:
        """Apply the collected changes now (one background re-render)."""
        if self._dirty:
            self._dirty = False
            self._view.refresh_layers()

    @property
    def pending(self) -> bool:
        """Whether changes wait for the next frame."""
        return self._dirty

    # ------------------------------------------------------------------ painting

    def paint(self, painter: QPainter, t: MapTransform, palette: MapPalette) -> None:
        """Paint every route thin, the selected one wide, the preview dashed."""
        self.renders += 1
        if not self.routes and self.preview is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        other = QColor(palette.selection)
        other.setAlphaF(0.35)
        thin = QPen(other, 1.5)
        thin.setCosmetic(True)
        thin.setCapStyle(Qt.PenCapStyle.RoundCap)
        for vid, line in self.routes.items():
            if vid != self.selected:
                painter.setPen(thin)
                painter.drawPath(_path(line, t))
        chosen = self.routes.get(self.selected) if self.selected is not None else None
        if chosen is not None:
            _wide(painter, chosen, t, palette, QColor(palette.selection), Qt.PenStyle.SolidLine)
        if self.preview is not None and len(self.preview):
            preview = QColor(palette.poi.get("loading", palette.selection))
            _wide(painter, self.preview, t, palette, preview, Qt.PenStyle.DashLine)


def _path(line: npt.NDArray[np.float64], t: MapTransform) -> QPainterPath:
    sx, sy = t.to_screen(line[:, 0], line[:, 1])
    path = QPainterPath(QPointF(float(sx[0]), float(sy[0])))
    for x, y in zip(sx[1:].tolist(), sy[1:].tolist(), strict=True):
        path.lineTo(x, y)
    return path


def _wide(
    painter: QPainter,
    line: npt.NDArray[np.float64],
    t: MapTransform,
    palette: MapPalette,
    colour: QColor,
    style: Qt.PenStyle,
) -> None:
    """Paint a route with a halo, then its start (hollow) and end (filled) markers."""
    path = _path(line, t)
    halo = QPen(QColor(palette.text_halo), 7.0)
    halo.setCosmetic(True)
    halo.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(halo)
    painter.drawPath(path)
    pen = QPen(colour, 4.0, style)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(path)
    solid = QPen(colour, 2.0)
    solid.setCosmetic(True)
    painter.setPen(solid)
    start, end = path.pointAtPercent(0.0), path.pointAtPercent(1.0)
    painter.setBrush(QBrush(QColor(palette.background)))
    painter.drawEllipse(start, ENDPOINT_PX, ENDPOINT_PX)
    painter.setBrush(QBrush(colour))
    painter.drawEllipse(end, ENDPOINT_PX, ENDPOINT_PX)
    painter.setBrush(Qt.BrushStyle.NoBrush)
