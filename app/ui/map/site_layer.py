"""Painting the static site: grid, zones, roads and points of interest, to scale.

Everything here is drawn into the map's cached background pixmap, re-rendered only when the
view (pan, zoom, size), the theme or a layer's visibility changes — never per frame.
Hazardous zones are unmistakable without colour: blast and closed zones get a heavy outline,
hatching and a label with their VDA 5050 type word.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from app.ui.map.label_cache import HALO_PX
from app.ui.map.site_labels import (
    FADED_OPACITY,
    HAZARD_KINDS,
    PlacedLabel,
    Rank,
    SiteLabel,
    line_fonts,
    place_labels,
)
from app.ui.map.vehicle_text import ltr

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from app.core.bus import ZoneClosed
    from app.ui.map.label_cache import LabelCache
    from app.ui.map.numbers import NumberFormat
    from app.ui.map.palette import MapPalette
    from app.ui.map.site_labels import GlyphGrid
    from app.ui.map.transform import MapTransform
    from maps.site import PointOfInterest, Site, Zone

_HATCH = {
    "blast": Qt.BrushStyle.BDiagPattern,
    "closed_road": Qt.BrushStyle.DiagCrossPattern,
    "exclusion": Qt.BrushStyle.FDiagPattern,
}
"""Hatching per zone ``sector_kind``; zones not listed are tinted only."""
CLOSED_NOW_HATCH = Qt.BrushStyle.CrossPattern
"""Hatching of a zone an operator closed at run time (a square grid: no site kind uses it)."""
CLOSED_NOW_PEN_PX = 3.4
"""Its outline: heavier than any site kind's, in the closed-road colour."""
_MIN_ROAD_PX = 1.6


def zone_kind_text(sector_kind: str) -> str:
    """Return the translated name of a zone's site kind."""
    texts = {
        "blast": QCoreApplication.translate("SiteMapView", "Blast zone"),
        "closed_road": QCoreApplication.translate("SiteMapView", "Closed road"),
        "exclusion": QCoreApplication.translate("SiteMapView", "Exclusion zone"),
        "pedestrian": QCoreApplication.translate("SiteMapView", "Pedestrian area"),
        "speed_limit": QCoreApplication.translate("SiteMapView", "Speed limit"),
        "workshop_area": QCoreApplication.translate("SiteMapView", "Workshop area"),
        "emcon": QCoreApplication.translate("SiteMapView", "Emission control (EMCON)"),
    }
    return texts.get(sector_kind, sector_kind)


def zone_type_text(kind: str) -> str:
    """Return the translated word for a VDA 5050 v3 zone type (the code when unknown)."""
    texts = {
        "BLOCKED": QCoreApplication.translate("SiteMapView", "No entry", "VDA 5050 zone type"),
        "LINE_GUIDED": QCoreApplication.translate(
            "SiteMapView", "Line-guided", "VDA 5050 zone type"
        ),
        "RELEASE": QCoreApplication.translate(
            "SiteMapView", "Release required", "VDA 5050 zone type"
        ),
        "COORDINATED_REPLANNING": QCoreApplication.translate(
            "SiteMapView", "Coordinated replanning", "VDA 5050 zone type"
        ),
        "SPEED_LIMIT": QCoreApplication.translate(
            "SiteMapView", "Speed limit", "VDA 5050 zone type"
        ),
        "ACTION": QCoreApplication.translate("SiteMapView", "Action zone", "VDA 5050 zone type"),
        "PRIORITY": QCoreApplication.translate(
            "SiteMapView", "Priority zone", "VDA 5050 zone type"
        ),
        "PENALTY": QCoreApplication.translate("SiteMapView", "Penalty zone", "VDA 5050 zone type"),
        "DIRECTED": QCoreApplication.translate("SiteMapView", "One-way", "VDA 5050 zone type"),
        "BIDIRECTED": QCoreApplication.translate("SiteMapView", "Two-way", "VDA 5050 zone type"),
    }
    return texts.get(kind, kind)


def closed_now_text(closure: ZoneClosed, fmt: NumberFormat) -> str:
    """Return a run-time closure's label: closed, by whom and, with a lease, until when.

    The operator's name and the time are left-to-right islands in an Arabic sentence.
    """
    who = ltr(closure.by) if closure.by else "?"
    if closure.until is None:
        text = QCoreApplication.translate(
            "SiteMapView", "Closed by %1", "zone closed at run time; %1 operator"
        )
        return text.replace("%1", who)
    text = QCoreApplication.translate(
        "SiteMapView", "Closed by %1 until %2", "zone closed at run time; %1 operator, %2 time"
    )
    return text.replace("%1", who).replace("%2", ltr(fmt.clock(closure.until)[:5]))


def _polygon(points: np.ndarray) -> QPolygonF:
    return QPolygonF([QPointF(float(px), float(py)) for px, py in points])


class SitePainter:
    """Pre-built geometry of one site and the routines that paint it.

    Parameters
    ----------
    site
        The loaded site (local metres).
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        groups: dict[tuple[str, bool, float], QPainterPath] = defaultdict(QPainterPath)
        for road in site.roads:
            path = groups[(road.kind, road.closed, round(road.width_m))]
            line = road.line_xy
            path.moveTo(float(line[0, 0]), float(line[0, 1]))
            for px, py in line[1:]:
                path.lineTo(float(px), float(py))
        order = {"access": 0, "intersection_link": 1, "haul_road": 2, "ramp": 3}
        self._roads = sorted(groups.items(), key=lambda kv: (kv[0][1], order.get(kv[0][0], 9)))
        self._zones: list[tuple[Zone, np.ndarray, list[np.ndarray], tuple[float, float]]] = []
        # Big zones first so smaller (usually more dangerous) ones are painted on top.
        for zone in sorted(site.zones, key=lambda z: -float(z.polygon.area)):
            exterior = np.asarray(zone.polygon.exterior.coords, dtype=np.float64)
            holes = [np.asarray(r.coords, dtype=np.float64) for r in zone.polygon.interiors]
            anchor = zone.polygon.representative_point()
            self._zones.append((zone, exterior, holes, (float(anchor.x), float(anchor.y))))

    # ------------------------------------------------------------------ layers

    def paint_grid(self, painter: QPainter, t: MapTransform, palette: MapPalette) -> None:
        """Paint a metric grid whose spacing suits the zoom (a quiet reading aid)."""
        step = nice_length(90.0 / t.scale)
        x0, y0, x1, y1 = t.world_rect()
        painter.setPen(QPen(QColor(palette.grid), 1.0))
        gx = math.floor(x0 / step) * step
        while gx <= x1:
            sx, _ = t.point_to_screen(gx, 0.0)
            painter.drawLine(QPointF(sx, 0.0), QPointF(sx, float(t.height)))
            gx += step
        gy = math.floor(y0 / step) * step
        while gy <= y1:
            _, sy = t.point_to_screen(0.0, gy)
            painter.drawLine(QPointF(0.0, sy), QPointF(float(t.width), sy))
            gy += step

    def paint_zones(
        self,
        painter: QPainter,
        t: MapTransform,
        palette: MapPalette,
        closed: Mapping[str, ZoneClosed] | None = None,
    ) -> None:
        """Paint every zone: tint, hatching for hazards, outline (dashed when inactive).

        A zone in ``closed`` (closed by an operator at run time) is drawn over its kind like
        a closed road: the closed-road tint, a square-grid hatch and a heavy outline.
        """
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        closed = closed or {}
        for zone, exterior, holes, _ in self._zones:
            sx, sy = t.to_screen(exterior[:, 0], exterior[:, 1])
            path = QPainterPath()
            path.addPolygon(_polygon(np.column_stack([sx, sy])))
            for hole in holes:
                hx, hy = t.to_screen(hole[:, 0], hole[:, 1])
                path.addPolygon(_polygon(np.column_stack([hx, hy])))
            kind = zone.sector_kind
            edge = QColor(palette.zone_edge.get(kind, palette.text))
            hazard = kind in HAZARD_KINDS
            if zone.active:
                painter.fillPath(path, QBrush(QColor(palette.zone_fill.get(kind, "#00000000"))))
                hatch = _HATCH.get(kind)
                if hatch is not None:
                    painter.fillPath(path, QBrush(edge, hatch))
                pen = QPen(edge, 2.6 if hazard else 1.4)
            else:
                # Not in force (e.g. a planned blast not yet charged): a faint tint and a
                # dashed outline, never the hatching that means "keep out now".
                faint = QColor(palette.zone_fill.get(kind, "#00000000"))
                faint.setAlpha(max(16, faint.alpha() // 3))
                painter.fillPath(path, QBrush(faint))
                pen = QPen(edge, 1.6, Qt.PenStyle.DashLine)
            if zone.id in closed:
                shut = QColor(palette.zone_edge.get("closed_road", palette.closed_road))
                tint = QColor(palette.zone_fill.get("closed_road", "#00000000"))
                painter.fillPath(path, QBrush(tint))
                painter.fillPath(path, QBrush(shut, CLOSED_NOW_HATCH))
                pen = QPen(shut, CLOSED_NOW_PEN_PX)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(path, pen)

    def paint_roads(self, painter: QPainter, t: MapTransform, palette: MapPalette) -> None:
        """Paint roads to scale (width in metres, never thinner than a visible line)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(t.qtransform())
        px = 1.0 / t.scale
        colours = {"ramp": palette.ramp, "access": palette.access}
        for casing in (True, False):
            for (kind, closed, width), path in self._roads:
                w = max(width, _MIN_ROAD_PX * px)
                if casing:
                    pen = QPen(QColor(palette.road_casing), w + 2.0 * px)
                elif closed:
                    pen = QPen(QColor(palette.closed_road), w, Qt.PenStyle.DashLine)
                else:
                    pen = QPen(QColor(colours.get(kind, palette.road)), w)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.strokePath(path, pen)
        painter.restore()

    def paint_pois(self, painter: QPainter, t: MapTransform, palette: MapPalette) -> None:
        """Paint the point-of-interest markers (a shape per kind)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for poi in self.site.pois:
            sx, sy = t.point_to_screen(*poi.xy)
            paint_poi_marker(painter, poi.kind, sx, sy, 7.0, palette)

    def labels(
        self,
        t: MapTransform,
        arabic: bool,
        fmt: NumberFormat,
        closed: Mapping[str, ZoneClosed] | None = None,
    ) -> list[SiteLabel]:
        """Return the static labels (zones, then points of interest) with their priority.

        A zone in ``closed`` says so first: closed, by whom, until when (a hazard label).
        """
        closed = closed or {}
        out: list[SiteLabel] = []
        for zone, _, _, anchor in reversed(self._zones):
            name = zone.name_ar if arabic and zone.name_ar else zone.name
            word = zone_type_text(zone.kind)
            if zone.speed_limit_mps is not None:
                kmh = round(zone.speed_limit_mps * 3.6)
                limit = QCoreApplication.translate("SiteMapView", "%1 km/h").replace(
                    "%1", fmt.integer(kmh)
                )
                word = f"{word} {limit}"
            status = ""
            if not zone.active:
                status = " " + QCoreApplication.translate(
                    "SiteMapView", "(inactive)", "zone not in force"
                )
            sx, sy = t.point_to_screen(*anchor)
            hazard = zone.sector_kind in HAZARD_KINDS
            if hazard:
                word = f"{word} · {zone_kind_text(zone.sector_kind)}"
            if not zone.active:
                rank = Rank.INACTIVE
            elif hazard:
                rank = Rank.HAZARD
            elif zone.sector_kind in _HATCH:
                rank = Rank.RESTRICTED
            elif zone.speed_limit_mps is not None:
                rank = Rank.SPEED_LIMIT
            else:
                rank = Rank.ZONE
            head = f"{word}{status}"
            closure = closed.get(zone.id)
            if closure is not None:
                head = closed_now_text(closure, fmt)
                key = "closed_road"  # painted in the closed-road colour, placed first
                out.append(SiteLabel((head, name), (head,), sx, sy, key, True, Rank.CLOSED_NOW))
                continue
            out.append(
                SiteLabel(
                    (head, name), (head,), sx, sy, zone.sector_kind, hazard and zone.active, rank
                )
            )
        for poi in self.site.pois:
            name = poi.name_ar if arabic and poi.name_ar else poi.name
            sx, sy = t.point_to_screen(*poi.xy)
            out.append(SiteLabel((name,), None, sx, sy + 16.0, "poi", False, Rank.POI))
        return out

    def place_labels(
        self,
        t: MapTransform,
        font: QFont,
        arabic: bool,
        fmt: NumberFormat,
        glyphs: GlyphGrid | None = None,
        labels: Sequence[SiteLabel] | None = None,
        sizes: dict[tuple[tuple[str, ...], bool], tuple[float, float]] | None = None,
        keep_clear: Sequence[QRectF] = (),
    ) -> list[PlacedLabel]:
        """Return the labels that have room in this view, decluttered by priority.

        ``glyphs``: the vehicle glyphs to keep clear of; ``labels`` (:meth:`labels` for this
        view) and ``sizes`` (their measured texts), when the caller keeps them between frames;
        ``keep_clear``: the map's overlays.
        """
        bounds = QRectF(0.0, 0.0, float(t.width), float(t.height))
        if labels is None:
            labels = self.labels(t, arabic, fmt)
        return place_labels(labels, font, bounds, glyphs, sizes, keep_clear)

    def paint_labels(
        self,
        painter: QPainter,
        placed: Sequence[PlacedLabel],
        palette: MapPalette,
        font: QFont,
        cache: LabelCache,
        dpr: float,
    ) -> None:
        """Paint placed zone and POI labels with a halo (:mod:`.site_labels`); faded ones faded."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for item in placed:
            label, rect = item.label, item.rect
            painter.setOpacity(FADED_OPACITY if item.faded else 1.0)
            colour = palette.text
            if label.hazard:
                colour = palette.zone_edge.get(label.key, palette.text)
            top = rect.top() + HALO_PX
            for line, line_font in zip(
                item.lines, line_fonts(font, label, len(item.lines)), strict=True
            ):
                metrics = QFontMetricsF(line_font)
                lw = metrics.horizontalAdvance(line)
                cache.draw(
                    painter,
                    line,
                    QPointF(rect.center().x() - lw / 2, top + metrics.ascent()),
                    line_font,
                    colour,
                    palette.text_halo,
                    dpr,
                )
                top += metrics.height()
        painter.setOpacity(1.0)


def paint_poi_marker(
    painter: QPainter, kind: str, x: float, y: float, r: float, palette: MapPalette
) -> None:
    """Paint a point-of-interest marker: a shape per kind, outlined for contrast."""
    painter.save()
    painter.translate(x, y)
    painter.setBrush(QBrush(QColor(palette.poi.get(kind, palette.text))))
    painter.setPen(QPen(QColor(palette.text_halo), 1.5))
    if kind == "loading":
        painter.drawPolygon(
            QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0)])
        )
    elif kind == "dump":
        painter.drawPolygon(QPolygonF([QPointF(-r, -0.7 * r), QPointF(r, -0.7 * r), QPointF(0, r)]))
    elif kind == "crusher":
        painter.drawRect(QRectF(-r, -r, 2 * r, 2 * r))
    elif kind == "fuel":
        painter.drawEllipse(QPointF(0, 0), r, r)
    elif kind == "parking":
        painter.drawRoundedRect(QRectF(-r, -r, 2 * r, 2 * r), 3.0, 3.0)
        painter.setPen(QPen(QColor(palette.text_halo), 1.8))
        painter.drawLine(QPointF(-0.3 * r, 0.55 * r), QPointF(-0.3 * r, -0.55 * r))
        painter.drawArc(QRectF(-0.5 * r, -0.55 * r, 0.9 * r, 0.6 * r), -90 * 16, 180 * 16)
    else:
        painter.drawEllipse(QPointF(0, 0), r, r)
        painter.setPen(QPen(QColor(palette.text_halo), 2.0))
        painter.drawLine(QPointF(-0.5 * r, 0), QPointF(0.5 * r, 0))
        painter.drawLine(QPointF(0, -0.5 * r), QPointF(0, 0.5 * r))
    painter.restore()


def poi_kind_text(kind: str) -> str:
    """Return the translated name of a point-of-interest kind."""
    texts = {
        "loading": QCoreApplication.translate("SiteMapView", "Loading unit"),
        "dump": QCoreApplication.translate("SiteMapView", "Dump"),
        "crusher": QCoreApplication.translate("SiteMapView", "Crusher"),
        "workshop": QCoreApplication.translate("SiteMapView", "Workshop"),
        "fuel": QCoreApplication.translate("SiteMapView", "Fuel bay"),
        "parking": QCoreApplication.translate("SiteMapView", "Parking"),
    }
    return texts.get(kind, kind)


def poi_label(poi: PointOfInterest, arabic: bool) -> str:
    """Return the display name of a point of interest in the current language."""
    return poi.name_ar if arabic and poi.name_ar else poi.name


def nice_length(target_m: float) -> float:
    """Return the 1-2-5 × 10^k length nearest below ``target_m`` (scale bar, grid)."""
    if target_m <= 0:
        return 1.0
    exp = math.floor(math.log10(target_m))
    base = 10.0**exp
    for m in (5.0, 2.0, 1.0):
        if m * base <= target_m:
            return m * base
    return base
