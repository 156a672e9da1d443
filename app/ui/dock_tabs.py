"""Tab bars of docked panels: whole titles, scrolled rather than cut.

When several panels share a dock area (the console tabs the assist queue, edge links, KPIs,
operator, sector packs and the packs' own panels together) Qt elides every title to fit the
bar, and Arabic titles, longer than the English ones, become unreadable stubs.  Each tab bar
the main window creates is set to keep titles whole, size tabs to their text and show scroll
arrows when the tabs do not fit; the current tab is always scrolled into view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabBar


def keep_titles_whole(bar: QTabBar) -> None:
    """Set a dock tab bar to show whole titles and scroll when they do not fit."""
    bar.setElideMode(Qt.TextElideMode.ElideNone)
    bar.setUsesScrollButtons(True)
    bar.setExpanding(False)
