"""Map overlays in canvas pixels: legend, scale bar and north arrow.

Overlays follow the layout direction (they sit on the reading-start side and mirror in
right-to-left layouts); the map beneath never mirrors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from app.ui.map.glyphs import GlyphKind, paint_glyph
from app.ui.map.site_layer import nice_length

if TYPE_CHECKING:
    from collections.abc import Sequence

    from app.ui.map.numbers import NumberFormat
    from app.ui.map.palette import MapPalette
    from app.ui.map.transform import MapTransform

MARGIN = 12.0


def kind_text(kind: GlyphKind) -> str:
    """Return the translated legend name of a glyph kind."""
    texts = {
        GlyphKind.MOVING: QCoreApplication.translate(
            "SiteMapView", "Moving", "vehicle state group"
        ),
        GlyphKind.WORKING: QCoreApplication.translate(
            "SiteMapView", "Working / idle", "vehicle state group: idle, loading or dumping"
        ),
        GlyphKind.HOLDING: QCoreApplication.translate(
            "SiteMapView", "Holding", "vehicle state group"
        ),
        GlyphKind.ASSIST: QCoreApplication.translate(
            "SiteMapView", "Assist needed", "vehicle state group"
        ),
        GlyphKind.FAULT: QCoreApplication.translate(
            "SiteMapView", "Fault / safe stop", "vehicle state group"
        ),
        GlyphKind.STALE: QCoreApplication.translate(
            "SiteMapView", "Stale (no telemetry)", "vehicle state group"
        ),
    }
    return texts[kind]


def _panel(painter: QPainter, rect: QRectF, palette: MapPalette) -> None:
    painter.setPen(QPen(QColor(palette.overlay_border), 1.0))
    painter.setBrush(QBrush(QColor(palette.overlay_bg)))
    painter.drawRoundedRect(rect, 6.0, 6.0)


def paint_legend(
    painter: QPainter,
    t: MapTransform,
    palette: MapPalette,
    font: QFont,
    counts: Sequence[int] | None,
    rtl: bool,
    fmt: NumberFormat,
    *,
    static: bool = True,
    closed_now: bool = False,
) -> QRectF:
    """Paint the vehicle legend; return its rectangle.

    ``closed_now`` adds the row of a zone closed by an operator at run time (while one is).

    ``static`` paints the panel, names and symbols (cacheable); ``counts`` (when given) paints
    the live figure per state group.  The count column is sized for five digits so the
    panel does not change size as figures change.
    """
    metrics = QFontMetricsF(font)
    title = QCoreApplication.translate("SiteMapView", "Vehicles")
    figures = counts if counts is not None else [0] * len(GlyphKind)
    rows = [(kind, kind_text(kind), fmt.integer(int(figures[kind]))) for kind in GlyphKind]
    hazard_rows = [
        (
            Qt.BrushStyle.BDiagPattern,
            palette.zone_edge["blast"],
            QCoreApplication.translate("SiteMapView", "Blast zone"),
        ),
        (
            Qt.BrushStyle.DiagCrossPattern,
            palette.zone_edge["closed_road"],
            QCoreApplication.translate("SiteMapView", "Closed road"),
        ),
        (
            Qt.BrushStyle.FDiagPattern,
            palette.zone_edge["exclusion"],
            QCoreApplication.translate("SiteMapView", "Exclusion zone"),
        ),
    ]
    if closed_now:
        hazard_rows.append(
            (
                Qt.BrushStyle.CrossPattern,
                palette.zone_edge["closed_road"],
                QCoreApplication.translate(
                    "SiteMapView", "Closed by an operator", "legend: zone closed at run time"
                ),
            )
        )
    line_h = max(metrics.height(), 18.0) + 3.0
    icon = 16.0
    name_w = max(metrics.horizontalAdvance(text) for _, text, _ in rows)
    name_w = max(name_w, *(metrics.horizontalAdvance(text) for _, _, text in hazard_rows))
    count_w = max(
        metrics.horizontalAdvance(fmt.integer(88_888)),
        *(metrics.horizontalAdvance(c) for _, _, c in rows),
    )
    width = 10 + icon + 8 + name_w + 14 + count_w + 10
    height = 8 + line_h * (1 + len(rows) + len(hazard_rows)) + 10
    x = t.width - MARGIN - width if rtl else MARGIN
    rect = QRectF(x, MARGIN, width, height)
    text_pen = QPen(QColor(palette.text))
    align = Qt.AlignmentFlag.AlignVCenter | (
        Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    )
    if static:
        _panel(painter, rect, palette)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_pen)
        painter.drawText(QRectF(x + 10, MARGIN + 6, width - 20, line_h), int(align), title)
    painter.setFont(font)
    y = MARGIN + 6 + line_h

    def columns(y: float) -> tuple[QRectF, QRectF, QRectF]:
        if rtl:
            icon_r = QRectF(x + width - 10 - icon, y + (line_h - icon) / 2, icon, icon)
            name_r = QRectF(icon_r.left() - 8 - name_w, y, name_w, line_h)
            count_r = QRectF(x + 10, y, count_w, line_h)
        else:
            icon_r = QRectF(x + 10, y + (line_h - icon) / 2, icon, icon)
            name_r = QRectF(icon_r.right() + 8, y, name_w, line_h)
            count_r = QRectF(x + width - 10 - count_w, y, count_w, line_h)
        return icon_r, name_r, count_r

    painter.setPen(text_pen)
    for kind, text, count in rows:
        icon_r, name_r, count_r = columns(y)
        if static:
            paint_glyph(
                painter, kind, 0.0, icon_r.center().x(), icon_r.center().y(), icon / 2, palette
            )
            painter.setPen(text_pen)
            painter.drawText(name_r, int(align), text)
        if counts is not None:
            painter.drawText(
                count_r, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), count
            )
        y += line_h
    if not static:
        return rect
    for style, colour, text in hazard_rows:
        icon_r, name_r, _ = columns(y)
        # The run-time closure's heavier outline, as on the map (shape, not colour alone).
        heavy = style == Qt.BrushStyle.CrossPattern
        painter.setPen(QPen(QColor(colour), 3.0 if heavy else 2.0))
        painter.setBrush(QBrush(QColor(colour), style))
        painter.drawRect(icon_r.adjusted(1, 1, -1, -1))
        painter.setPen(text_pen)
        painter.drawText(name_r, int(align), text)
        y += line_h
    return rect


def paint_scale_bar(
    painter: QPainter,
    t: MapTransform,
    palette: MapPalette,
    font: QFont,
    rtl: bool,
    fmt: NumberFormat,
) -> QRectF:
    """Paint a 1-2-5 scale bar at the bottom, on the reading-start side; return its rectangle."""
    length_m = nice_length(140.0 / t.scale)
    px = length_m * t.scale
    if length_m >= 1000:
        label = QCoreApplication.translate("SiteMapView", "%1 km").replace(
            "%1", fmt.decimal(length_m / 1000.0, 0 if length_m % 1000 == 0 else 1)
        )
    else:
        label = QCoreApplication.translate("SiteMapView", "%1 m").replace(
            "%1", fmt.integer(int(length_m))
        )
    metrics = QFontMetricsF(font)
    width = px + 20
    height = metrics.height() + 22
    x = t.width - MARGIN - width if rtl else MARGIN
    y = t.height - MARGIN - height
    rect = QRectF(x, y, width, height)
    _panel(painter, rect, palette)
    bar_y = y + height - 10
    painter.setPen(QPen(QColor(palette.text), 2.0))
    painter.drawLine(QPointF(x + 10, bar_y), QPointF(x + 10 + px, bar_y))
    for bx in (x + 10, x + 10 + px / 2, x + 10 + px):
        painter.drawLine(
            QPointF(bx, bar_y - (6 if bx != x + 10 + px / 2 else 4)), QPointF(bx, bar_y)
        )
    painter.setFont(font)
    painter.drawText(
        QRectF(x, y + 3, width, metrics.height()), int(Qt.AlignmentFlag.AlignCenter), label
    )
    return rect


def paint_north_arrow(
    painter: QPainter, t: MapTransform, palette: MapPalette, font: QFont, rtl: bool
) -> QRectF:
    """Paint the north arrow opposite the legend (map north is always up); return its rectangle."""
    size = 44.0
    x = MARGIN if rtl else t.width - MARGIN - size
    rect = QRectF(x, MARGIN, size, size + 4)
    _panel(painter, rect, palette)
    cx = rect.center().x()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(palette.text), 1.2))
    painter.setBrush(QBrush(QColor(palette.text)))
    top, bottom = MARGIN + 20.0, MARGIN + size - 2
    painter.drawPolygon(
        QPolygonF([QPointF(cx, top), QPointF(cx + 8, bottom), QPointF(cx, bottom - 6)])
    )
    painter.setBrush(QBrush(QColor(palette.overlay_bg)))
    painter.drawPolygon(
        QPolygonF([QPointF(cx, top), QPointF(cx - 8, bottom), QPointF(cx, bottom - 6)])
    )
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.drawText(
        QRectF(x, MARGIN + 2, size, 18),
        int(Qt.AlignmentFlag.AlignCenter),
        QCoreApplication.translate("SiteMapView", "N", "north, on the map's north arrow"),
    )
    return rect
