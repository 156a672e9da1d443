"""Decluttering the site's own labels (zones and points of interest) by priority.

At the fit-site zoom the demo mine's zones crowd the pit: their two-line labels (type word,
then name) collide.  Labels are placed in priority order — closed and blast zones first, then
other hazards, speed limits, other zones, points of interest, inactive zones — and a label that
would collide with one already placed (or leave the view) falls back to its short form (the
type line alone) and is hidden when that collides too.  Rectangles are measured with the font
each line is drawn in (the first line of a zone label is bold) plus the halo, so what is placed
is what is painted.

Labels are painted every frame, under the vehicle glyphs, and keep clear of them: a label
whose every spot would cover a glyph (:class:`GlyphGrid`) is left out, except a closed-road or
blast label, which is drawn faded (:data:`FADED_OPACITY`) at its first spot clear of other
labels, so the glyphs and their ids stay readable on top and the hazard is still named.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from app.ui.map.label_cache import HALO_PX

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import numpy.typing as npt

HAZARD_KINDS = frozenset({"blast", "closed_road"})
"""Zone kinds whose labels always win: closed roads and blast zones."""
FADED_OPACITY = 0.45
"""Opacity of a hazard label that has no spot clear of vehicle glyphs."""
CELL_PX = 6.0
"""Cell size of the glyph grid, logical pixels."""
GLYPH_CLEARANCE_PX = 16.0
"""How far a moved label keeps from its anchor: a glyph's half size and the grid's cell."""


class Rank:
    """Label priority, lowest first."""

    CLOSED_NOW = -1
    """A zone an operator closed at run time: the newest hazard, placed before the site's."""
    HAZARD = 0
    """An active closed-road or blast zone."""
    RESTRICTED = 1
    """Another active zone that keeps vehicles out (exclusion)."""
    SPEED_LIMIT = 2
    """An active zone with a speed limit."""
    ZONE = 3
    """Any other active zone."""
    POI = 4
    """A point of interest."""
    INACTIVE = 5
    """A zone not in force."""


@dataclass(frozen=True, slots=True)
class SiteLabel:
    """One site label before placement."""

    lines: tuple[str, ...]
    """Full text, one entry per line; the first line of a zone label is bold."""
    short: tuple[str, ...] | None
    """What to show when the full label has no room (``None``: nothing shorter)."""
    x: float
    y: float
    """Centre of the label on screen, pixels."""
    key: str
    """Colour key: the zone's site kind, or ``"poi"``."""
    hazard: bool
    """Drawn in the zone's warning colour."""
    rank: int
    """Priority (:class:`Rank`), lowest placed first."""
    bold_first: bool = True
    """Whether the first line is bold."""


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """A label given room: the lines shown and the rectangle they take."""

    label: SiteLabel
    lines: tuple[str, ...]
    rect: QRectF
    faded: bool = False
    """Drawn faded: no spot clear of vehicle glyphs (hazard labels only)."""


class GlyphGrid:
    """The screen cells vehicle glyphs cover, for labels to keep clear of.

    Built in one numpy pass per frame (thousands of vehicles); a rectangle test reads only
    the cells under it.

    Parameters
    ----------
    sx, sy
        Glyph centres on screen, logical pixels (NaN for a vehicle with no position).
    radius
        Half the glyph's size, pixels.
    width, height
        The canvas.
    """

    def __init__(
        self,
        sx: npt.NDArray[np.float64],
        sy: npt.NDArray[np.float64],
        radius: float,
        width: float,
        height: float,
    ) -> None:
        self.cols = max(1, math.ceil(width / CELL_PX))
        self.rows = max(1, math.ceil(height / CELL_PX))
        centres = np.zeros((self.rows, self.cols), dtype=bool)
        with np.errstate(invalid="ignore"):
            inside = (
                (sx > -radius) & (sx < width + radius) & (sy > -radius) & (sy < height + radius)
            )
        gx = np.clip(np.floor(sx[inside] / CELL_PX).astype(np.int64), 0, self.cols - 1)
        gy = np.clip(np.floor(sy[inside] / CELL_PX).astype(np.int64), 0, self.rows - 1)
        centres[gy, gx] = True
        # Grow each centre cell by the glyph's radius: a few shifted ORs of the whole grid.
        cells = centres.copy()
        k = math.ceil(radius / CELL_PX)
        for dy in range(-k, k + 1):
            for dx in range(-k, k + 1):
                if dx == dy == 0:
                    continue
                cells[max(dy, 0) : self.rows + min(dy, 0), max(dx, 0) : self.cols + min(dx, 0)] |= (
                    centres[
                        max(-dy, 0) : self.rows + min(-dy, 0), max(-dx, 0) : self.cols + min(-dx, 0)
                    ]
                )
        self.cells = cells
        # Summed-area table: a rectangle test is four look-ups, whatever its size.
        self._sums = np.zeros((self.rows + 1, self.cols + 1), dtype=np.int32)
        self._sums[1:, 1:] = cells.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)

    def covers(self, rect: QRectF) -> bool:
        """Return whether any glyph lies under ``rect``."""
        x0 = max(0, math.floor(rect.left() / CELL_PX))
        x1 = min(self.cols - 1, math.floor(rect.right() / CELL_PX))
        y0 = max(0, math.floor(rect.top() / CELL_PX))
        y1 = min(self.rows - 1, math.floor(rect.bottom() / CELL_PX))
        if x0 > x1 or y0 > y1:
            return False
        s = self._sums
        return bool(s[y1 + 1, x1 + 1] - s[y0, x1 + 1] - s[y1 + 1, x0] + s[y0, x0] > 0)


def line_fonts(font: QFont, label: SiteLabel, count: int) -> list[QFont]:
    """Return the font of each of ``count`` lines of ``label``."""
    bold = QFont(font)
    bold.setBold(True)
    return [bold if n == 0 and label.bold_first else font for n in range(count)]


def label_rect(
    label: SiteLabel,
    lines: tuple[str, ...],
    font: QFont,
    sizes: dict[tuple[tuple[str, ...], bool], tuple[float, float]] | None = None,
) -> QRectF:
    """Return the rectangle ``lines`` take centred on the label's anchor, halo included.

    ``sizes`` remembers measured texts between frames (the caller drops it when the font
    changes).
    """
    key = (lines, label.bold_first)
    size = sizes.get(key) if sizes is not None else None
    if size is None:
        fonts = line_fonts(font, label, len(lines))
        pairs = zip(fonts, lines, strict=True)
        width = max(QFontMetricsF(f).horizontalAdvance(line) for f, line in pairs)
        height = sum(QFontMetricsF(f).height() for f in fonts)
        size = (width + 2 * HALO_PX + 4.0, height + 2 * HALO_PX)
        if sizes is not None:
            sizes[key] = size
    w, h = size
    return QRectF(label.x - w / 2, label.y - h / 2, w, h)


def place_labels(
    labels: Iterable[SiteLabel],
    font: QFont,
    bounds: QRectF,
    glyphs: GlyphGrid | None = None,
    sizes: dict[tuple[tuple[str, ...], bool], tuple[float, float]] | None = None,
    keep_clear: Sequence[QRectF] = (),
) -> list[PlacedLabel]:
    """Place labels by priority; each takes its full or short form, moves, fades or is left out.

    Each form is tried centred on its anchor, then just above it, then just below, then clear
    of the anchor above, below and beside it.  A label is placed only inside ``bounds``, never
    over a label placed before it (so the returned rectangles never intersect) and never over a
    vehicle glyph of ``glyphs``; a hazard label with no such spot is placed faded at its first
    spot clear of labels.  No label covers a ``keep_clear`` rectangle (the map's legend, scale
    bar and north arrow).  ``sizes``: see :func:`label_rect`.
    """
    placed: list[PlacedLabel] = []
    for label in sorted(labels, key=lambda item: item.rank):  # stable: site order within a rank
        spot = _first_free(label, font, bounds, placed, glyphs, sizes, keep_clear)
        if spot is None and glyphs is not None and label.rank <= Rank.HAZARD:
            spot = _first_free(label, font, bounds, placed, None, sizes, keep_clear)
            if spot is not None:
                spot = PlacedLabel(spot.label, spot.lines, spot.rect, faded=True)
        if spot is not None:
            placed.append(spot)
    return placed


def _spots(w: float, h: float) -> tuple[tuple[float, float], ...]:
    """Offsets to try from the anchor: on it, just above and below, then clear of a glyph on it.

    The far spots leave :data:`GLYPH_CLEARANCE_PX` between the label and its anchor, so a
    vehicle standing on the anchor keeps its glyph free.
    """
    near, far, side = h / 2 + 2.0, h / 2 + GLYPH_CLEARANCE_PX, w / 2 + GLYPH_CLEARANCE_PX
    return (
        (0.0, 0.0),
        (0.0, -near),
        (0.0, near),
        (0.0, -far),
        (0.0, far),
        (-side, 0.0),
        (side, 0.0),
    )


def _first_free(
    label: SiteLabel,
    font: QFont,
    bounds: QRectF,
    placed: list[PlacedLabel],
    glyphs: GlyphGrid | None,
    sizes: dict[tuple[tuple[str, ...], bool], tuple[float, float]] | None,
    keep_clear: Sequence[QRectF],
) -> PlacedLabel | None:
    for lines in (label.lines, label.short):
        if not lines:
            continue
        centred = label_rect(label, lines, font, sizes)
        h, w = centred.height(), centred.width()
        for dx, dy in _spots(w, h):
            rect = centred.translated(dx, dy)
            if not bounds.contains(rect) or any(rect.intersects(p.rect) for p in placed):
                continue
            if glyphs is not None and glyphs.covers(rect):
                continue
            if any(rect.intersects(r) for r in keep_clear):
                continue
            return PlacedLabel(label, lines, rect)
    return None
