"""Tabbed panels keep their whole titles, in English and in Arabic."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt  # noqa: TID251 - a UI test drives Qt
from PySide6.QtGui import QFontMetrics  # noqa: TID251 - a UI test drives Qt
from PySide6.QtWidgets import QTabBar  # noqa: TID251 - a UI test drives Qt

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from tests.ui.conftest import Console

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def tab_bars(console: Console) -> list[QTabBar]:
    bars = [b for b in console.window.findChildren(QTabBar) if b.isVisible() and b.count() > 1]
    assert bars, "the default layout tabs panels together"
    return bars


@pytest.mark.parametrize("language", ["en", "ar"])
def test_tabbed_panels_show_whole_titles_and_scroll(
    qtbot: QtBot, make_console: Callable[..., Console], language: str
) -> None:
    console = make_console()
    console.language.set_language(language)
    console.window.resize(1680, 1000)
    console.window.show()
    qtbot.waitExposed(console.window)
    titles = {dock.windowTitle() for dock in console.window.panels().values()}
    for bar in tab_bars(console):
        assert bar.elideMode() == Qt.TextElideMode.ElideNone
        assert bar.usesScrollButtons()
        metrics = QFontMetrics(bar.font())
        for i in range(bar.count()):
            text = bar.tabText(i)
            assert text in titles
            # The tab is as wide as its whole title (what does not fit scrolls, not elides).
            assert bar.tabRect(i).width() >= metrics.horizontalAdvance(text)
