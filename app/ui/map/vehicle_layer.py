"""Painting the vehicles: every glyph in one batched call, then decluttered id labels.

Vehicles are never items: their positions are numpy columns
(:class:`~app.ui.map.vehicles.VehicleColumns`); a paint maps them to the canvas, culls what is
off screen, orders them so attention states are drawn on top, fills a fragment array from the
glyph atlas and draws them all with one ``QPainter.drawPixmapFragments`` call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from app.ui.map.fragments import FragmentArray
from app.ui.map.glyphs import GlyphAtlas, GlyphKind, heading_bucket

if TYPE_CHECKING:
    import numpy.typing as npt

    from app.ui.map.label_cache import LabelCache
    from app.ui.map.palette import MapPalette
    from app.ui.map.transform import MapTransform
    from app.ui.map.vehicles import VehicleColumns

GLYPH_PX = 22
"""Glyph cell size, logical pixels."""
GLYPH_PX_SMALL = 14
"""Glyph cell size when zoomed out over a crowd."""
DENSE_SCALE = 0.5
"""Below this many pixels per metre, a crowd of glyphs is drawn small."""
DENSE_COUNT = 600
"""More visible vehicles than this, zoomed out, is a crowd."""
LABEL_SCALE = 0.6
"""From this many pixels per metre, every vehicle that has room gets an id label."""
MAX_LABELS = 250
"""Never more vehicle labels than this per frame."""
_PAINT_ORDER = np.array([2, 1, 3, 4, 5, 0], dtype=np.int8)
"""Paint priority per glyph kind: stale underneath, faults and assistance on top."""


class VehiclePainter:
    """Glyph atlases, the fragment array and the label declutter of the map's vehicles."""

    def __init__(self) -> None:
        self._atlases: dict[tuple[int, float], GlyphAtlas] = {}
        self._fragments = FragmentArray()
        self.glyph_px = GLYPH_PX
        """Glyph size used by the latest paint (hit-testing uses it)."""

    def clear(self) -> None:
        """Forget the atlases (theme changed)."""
        self._atlases.clear()

    def _atlas(self, palette: MapPalette, scale: float, visible: int, dpr: float) -> GlyphAtlas:
        """Return the atlas for this frame: small glyphs only zoomed out over a crowd."""
        dense = scale < DENSE_SCALE and visible > DENSE_COUNT
        size = self.glyph_px = GLYPH_PX_SMALL if dense else GLYPH_PX
        atlas = self._atlases.get((size, dpr))
        if atlas is None:
            atlas = self._atlases[(size, dpr)] = GlyphAtlas(palette, size, dpr)
        return atlas

    def paint(
        self,
        painter: QPainter,
        t: MapTransform,
        cols: VehicleColumns,
        kinds: npt.NDArray[np.int8],
        palette: MapPalette,
        dpr: float,
        selected: str | None,
        following: bool,
    ) -> npt.NDArray[np.int64]:
        """Draw every visible vehicle in one call and the selection ring; return rows drawn."""
        n = len(cols)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        sx, sy = t.to_screen(cols.x[:n], cols.y[:n])
        pad = GLYPH_PX
        inside = (sx > -pad) & (sx < t.width + pad) & (sy > -pad) & (sy < t.height + pad)
        idx = np.flatnonzero(inside)
        idx = idx[np.argsort(_PAINT_ORDER[kinds[idx]], kind="stable")]
        atlas = self._atlas(palette, t.scale, int(idx.size), dpr)
        frags = self._fragments.resize(idx.size)
        frags[:, 0] = sx[idx]
        frags[:, 1] = sy[idx]
        frags[:, 2] = heading_bucket(cols.heading[idx]) * atlas.cell
        frags[:, 3] = kinds[idx].astype(np.float64) * atlas.cell
        frags[:, 4] = atlas.cell
        frags[:, 5] = atlas.cell
        frags[:, 6] = 1.0 / atlas.dpr
        frags[:, 7] = 1.0 / atlas.dpr
        frags[:, 8] = 0.0
        frags[:, 9] = 1.0
        self._fragments.draw(painter, atlas.pixmap)
        row = cols.row.get(selected) if selected is not None else None
        if row is not None and not np.isnan(cols.x[row]):
            centre = QPointF(float(sx[row]), float(sy[row]))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            r = atlas.size * 0.75
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(palette.text_halo), 5.0))
            painter.drawEllipse(centre, r, r)
            painter.setPen(QPen(QColor(palette.selection), 2.5))
            painter.drawEllipse(centre, r, r)
            if following:
                painter.setPen(QPen(QColor(palette.selection), 1.5, Qt.PenStyle.DashLine))
                painter.drawEllipse(centre, r + 6, r + 6)
        return idx

    def paint_labels(
        self,
        painter: QPainter,
        t: MapTransform,
        cols: VehicleColumns,
        kinds: npt.NDArray[np.int8],
        shown: npt.NDArray[np.int64],
        *,
        selected: str | None,
        font: QFont,
        rtl: bool,
        dpr: float,
        keep_clear: list[QRectF],
        labels: LabelCache,
        palette: MapPalette,
    ) -> int:
        """Label vehicles, decluttered on a grid: the selection and attention states first.

        Zoomed out, only vehicles needing attention (assist, fault) and the selected one are
        labelled; zoomed in, every vehicle whose label has room.  Labels avoid each other and
        the ``keep_clear`` rectangles (the site's own labels).  Returns how many were drawn.
        """
        if shown.size == 0:
            return 0
        if t.scale < LABEL_SCALE:
            attention = (kinds[shown] == GlyphKind.ASSIST) | (kinds[shown] == GlyphKind.FAULT)
            candidates = shown[attention]
        else:
            candidates = shown
        # Later in `shown` = higher paint priority: label those first, the selection before all.
        candidates = candidates[::-1]
        row = cols.row.get(selected) if selected is not None else None
        if row is not None and bool(np.isin(row, shown)):
            candidates = np.concatenate([[row], candidates[candidates != row]]).astype(np.int64)
        if candidates.size == 0:
            return 0
        metrics = QFontMetricsF(font)
        cell_w, cell_h = 84.0, metrics.height() + 2.0
        sx, sy = t.to_screen(cols.x[candidates], cols.y[candidates])
        cells = np.floor(sx / cell_w).astype(np.int64) * 100_003 + np.floor(sy / cell_h).astype(
            np.int64
        )
        _, first = np.unique(cells, return_index=True)
        first.sort()
        offset = self.glyph_px * 0.6
        occupied: dict[tuple[int, int], list[QRectF]] = {}
        drawn = 0
        for j in first.tolist():
            vid = cols.ids[int(candidates[j])]
            w = metrics.horizontalAdvance(vid)
            x = float(sx[j]) - offset - w if rtl else float(sx[j]) + offset
            rect = QRectF(x, float(sy[j]) - cell_h / 2, w, cell_h)
            keys = [
                (gx, gy)
                for gx in range(int(rect.left() // cell_w), int(rect.right() // cell_w) + 1)
                for gy in range(int(rect.top() // cell_h), int(rect.bottom() // cell_h) + 1)
            ]
            if any(rect.intersects(r) for k in keys for r in occupied.get(k, ())):
                continue
            if any(rect.intersects(r) for r in keep_clear):
                continue
            for k in keys:
                occupied.setdefault(k, []).append(rect)
            baseline = QPointF(x, float(sy[j]) + metrics.ascent() / 2 - 1)
            labels.draw(painter, vid, baseline, font, palette.text, palette.text_halo, dpr)
            drawn += 1
            if drawn >= MAX_LABELS:
                break
        return drawn
