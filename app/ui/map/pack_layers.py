"""Draw a sector pack's map layers: site features the pack selected, in the pack's style.

A pack describes a layer as plain data (``plugins.records.MapLayer``: which zones, roads or
points of interest, a stroke and fill colour, a width, dashed or not); the console resolves the
feature ids against the site once and paints the layer into the map's cached background.  An
id the site does not have is skipped and named in the log: a pack written for another site
must not take the map down.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

if TYPE_CHECKING:
    from app.ui.map.layers import LayerPainter
    from app.ui.map.palette import MapPalette
    from app.ui.map.transform import MapTransform
    from maps.site import Site
    from plugins.records import MapLayer

log = logging.getLogger(__name__)

POI_RADIUS_PX = 9.0
"""Radius of the ring drawn around a selected point of interest."""


def feature_geometry(layer: MapLayer, site: Site) -> list[np.ndarray]:
    """Return the layer's features as ``(K, 2)`` vertex arrays in local metres.

    Zones give their exterior ring, roads their centre line, points of interest one vertex.
    Unknown ids are skipped (logged).
    """
    if layer.geometry == "zones":
        table = {z.id: np.asarray(z.polygon.exterior.coords, dtype=np.float64) for z in site.zones}
    elif layer.geometry == "roads":
        table = {r.id: np.asarray(r.line_xy, dtype=np.float64) for r in site.roads}
    else:
        table = {p.id: np.asarray([p.xy], dtype=np.float64) for p in site.pois}
    shapes = []
    for feature_id, _label in layer.features:
        shape = table.get(feature_id)
        if shape is None:
            log.warning("map layer %s: site %s has no %s %r", layer.id, site.site_id,
                        layer.geometry[:-1], feature_id)  # fmt: skip
            continue
        shapes.append(shape)
    return shapes


def pack_layer_painter(layer: MapLayer, site: Site) -> LayerPainter:
    """Return a painter for ``layer`` over ``site`` (geometry resolved once, here)."""
    shapes = feature_geometry(layer, site)
    style = layer.style
    pen = QPen(QColor(style.stroke), style.width_px)
    pen.setCosmetic(True)
    if style.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    brush = QBrush(Qt.BrushStyle.NoBrush)
    if style.fill is not None and layer.geometry != "roads":
        fill = QColor(style.fill)
        fill.setAlphaF(style.fill_opacity)
        brush = QBrush(fill)

    def paint(painter: QPainter, t: MapTransform, _palette: MapPalette) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen)
        painter.setBrush(brush)
        for shape in shapes:
            sx, sy = t.to_screen(shape[:, 0], shape[:, 1])
            if layer.geometry == "pois":
                painter.drawEllipse(
                    QPointF(float(sx[0]), float(sy[0])), POI_RADIUS_PX, POI_RADIUS_PX
                )
                continue
            points = [QPointF(float(x), float(y)) for x, y in zip(sx, sy, strict=True)]
            if layer.geometry == "zones":
                painter.drawPolygon(QPolygonF(points))
            else:
                painter.drawPolyline(QPolygonF(points))
        painter.restore()

    return paint
