"""Decluttering the site's own labels (zones and points of interest) by priority.

At the fit-site zoom the demo mine's zones crowd the pit: their two-line labels (type word,
then name) collide.  Labels are placed in priority order — closed and blast zones first, then
other hazards, speed limits, other zones, points of interest, inactive zones — and a label that
would collide with one already placed (or leave the view) falls back to its short form (the
type line alone) and is hidden when that collides too.  Rectangles are measured with the font
each line is drawn in (the first line of a zone label is bold) plus the halo, so what is placed
is what is painted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from app.ui.map.label_cache import HALO_PX

if TYPE_CHECKING:
    from collections.abc import Iterable

HAZARD_KINDS = frozenset({"blast", "closed_road"})
"""Zone kinds whose labels always win: closed roads and blast zones."""


class Rank:
    """Label priority, lowest first."""

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


def line_fonts(font: QFont, label: SiteLabel, count: int) -> list[QFont]:
    """Return the font of each of ``count`` lines of ``label``."""
    bold = QFont(font)
    bold.setBold(True)
    return [bold if n == 0 and label.bold_first else font for n in range(count)]


def label_rect(label: SiteLabel, lines: tuple[str, ...], font: QFont) -> QRectF:
    """Return the rectangle ``lines`` take centred on the label's anchor, halo included."""
    fonts = line_fonts(font, label, len(lines))
    pairs = zip(fonts, lines, strict=True)
    width = max(QFontMetricsF(f).horizontalAdvance(line) for f, line in pairs)
    height = sum(QFontMetricsF(f).height() for f in fonts)
    w = width + 2 * HALO_PX + 4.0
    h = height + 2 * HALO_PX
    return QRectF(label.x - w / 2, label.y - h / 2, w, h)


def place_labels(labels: Iterable[SiteLabel], font: QFont, bounds: QRectF) -> list[PlacedLabel]:
    """Place labels by priority; each takes its full or short form or is left out.

    Each form is tried centred on its anchor, then just above it, then just below.  A label is
    placed only inside ``bounds`` and never over a label placed before it, so the returned
    rectangles never intersect.
    """
    placed: list[PlacedLabel] = []
    for label in sorted(labels, key=lambda item: item.rank):  # stable: site order within a rank
        spot = _first_free(label, font, bounds, placed)
        if spot is not None:
            placed.append(spot)
    return placed


def _first_free(
    label: SiteLabel, font: QFont, bounds: QRectF, placed: list[PlacedLabel]
) -> PlacedLabel | None:
    for lines in (label.lines, label.short):
        if not lines:
            continue
        centred = label_rect(label, lines, font)
        shift = centred.height() / 2 + 2.0
        for dy in (0.0, -shift, shift):
            rect = centred.translated(0.0, dy)
            if bounds.contains(rect) and not any(rect.intersects(p.rect) for p in placed):
                return PlacedLabel(label, lines, rect)
    return None
