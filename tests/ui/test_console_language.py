"""English ↔ Arabic at runtime: direction flips, and no visible English is left in Arabic."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt  # noqa: TID251 - a UI test drives Qt
from PySide6.QtWidgets import (  # noqa: TID251 - a UI test drives Qt
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from app.core.service import SiteService
from app.ui.alerts.log import Severity
from app.ui.language import ARABIC_DIGITS, ltr
from app.ui.pack_panels import add_pack_panels
from edge.protocol.messages import VehicleState
from maps.site import default_site_path
from plugins.runtime import load_site_packs
from tests.ui.conftest import NOW, register, sample

if TYPE_CHECKING:
    from app.ui.main_window import ConsoleWindow

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]

ISOLATE = re.compile("\u2066[^\u2069]*\u2069")
LATIN = re.compile("[A-Za-z]{2,}")
ALLOWED = {"English"}
"""The language switch names the other language in that language, as every product does."""


def visible_texts(window: ConsoleWindow) -> list[tuple[str, str]]:
    """Every user-visible text of the window: (where, text)."""
    texts: list[tuple[str, str]] = [("window title", window.windowTitle())]
    widgets = [w for w in window.findChildren(QWidget) if w.isVisibleTo(window)]
    for w in widgets:
        name = f"{type(w).__name__} {w.objectName()}"
        texts.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, QLabel):
            texts.append((name, w.text()))
        if isinstance(w, QAbstractButton):
            texts.append((name, w.text()))
        if isinstance(w, QLineEdit):
            texts.append((f"{name} placeholder", w.placeholderText()))
        if isinstance(w, QComboBox):
            texts += [(f"{name} item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTabBar):
            texts += [(f"{name} tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                texts.append(
                    (f"{name} header", str(model.headerData(col, Qt.Orientation.Horizontal) or ""))
                )
            for row in range(min(model.rowCount(QModelIndex()), 20)):
                for col in range(model.columnCount()):
                    index = model.index(row, col)
                    texts.append((f"{name} cell", str(index.data() or "")))
                    tip = index.data(Qt.ItemDataRole.ToolTipRole)
                    texts.append((f"{name} cell tooltip", str(tip or "")))
    for dock in window.findChildren(QDockWidget):
        texts.append(("dock title", dock.windowTitle()))
    for menu in window.findChildren(QMenu):
        texts.append(("menu", menu.title()))
        for action in menu.actions():
            texts.append(("menu action", action.text()))
    for action in window.actions():
        texts.append(("action", action.text()))
        texts.append(("action tooltip", action.toolTip()))
    return texts


def english_left(window: ConsoleWindow) -> list[tuple[str, str]]:
    found = []
    for where, text in visible_texts(window):
        plain = ISOLATE.sub("", text.replace("&", ""))
        words = set(LATIN.findall(plain)) - ALLOWED
        if words:
            found.append((where, text))
    return found


@pytest.fixture
def busy_console(make_console, demo_site):  # type: ignore[no-untyped-def]
    service = SiteService(demo_site.site_id, ["ws://127.0.0.1:9"])
    console = make_console(service)
    window = console.window
    register(service, "gw-1", ["L-1", "L-2", "L-3"])
    service.fleet.apply(
        [
            sample("L-1"),
            sample("L-2", VehicleState.ASSIST_NEEDED),
            sample("L-3", VehicleState.FAULT, faults=["engine_temp"]),
        ],
        NOW,
    )
    window.frame_clock.tick()
    window.alerts.add(NOW, Severity.WARNING, "link_down", node="gw-1", url="ws://x:1", reason="eof")
    window.alerts.add(NOW, Severity.INFO, "estop_sent", target="", by="op-test")
    window.poll_status()
    add_pack_panels(window, load_site_packs(default_site_path(), demo_site))
    window.show()
    return console


PACK_DOCKS = ("packs", "pack.mining.parameters_panel")
"""Docks tabbed behind the KPIs: the walker sees them only when raised."""


def english_in_pack_docks(window: ConsoleWindow) -> list[tuple[str, str]]:
    """Raise each pack dock in turn and return the English it shows."""
    found = []
    docks = window.panels()
    for key in PACK_DOCKS:
        docks[key].raise_()
        found += [(f"{key}: {where}", text) for where, text in english_left(window)]
    docks["kpis"].raise_()
    return found


def test_switching_to_arabic_mirrors_the_layout(busy_console, qapp) -> None:  # type: ignore[no-untyped-def]
    window = busy_console.window
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    busy_console.language.set_language("ar")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    assert window.alerts_panel.table.isRightToLeft()
    assert (
        window.panels()["alerts"].windowTitle() == "التنبيهات والأحداث (3)"
    )  # warnings and critical
    busy_console.language.set_language("en")
    assert not window.isRightToLeft()
    assert window.panels()["alerts"].windowTitle() == "Alerts && events (3)"


def test_no_english_is_left_visible_in_arabic(busy_console) -> None:  # type: ignore[no-untyped-def]
    window = busy_console.window
    assert english_left(window) != []  # the walker sees the English texts
    busy_console.language.set_language("ar")
    window.poll_status()
    window.confirm_bar.ask(lambda: window.tr("STOP"), lambda: window.tr("STOP"), lambda: None)
    assert english_left(window) == []


def test_pack_panels_speak_the_operators_language(busy_console) -> None:  # type: ignore[no-untyped-def]
    """The Packs view and the mining parameters (names, units, sources) follow the switch."""
    window = busy_console.window
    parameters = window.panels()["pack.mining.parameters_panel"].widget()
    packs = window.panels()["packs"].widget()
    english = english_in_pack_docks(window)
    assert any("Mining (open pit)" in text for _, text in english)  # the walker sees them
    assert any("SECTOR_RULES" in text for _, text in english)
    busy_console.language.set_language("ar")
    assert english_in_pack_docks(window) == []
    names = [packs.model.index(r, 0).data() for r in range(packs.model.rowCount())]
    assert "التعدين (حفرة مفتوحة) (\u2066mining\u2069)" in names
    assert "كم/س" in parameters.table.item(0, 1).text()
    busy_console.language.set_language("en")  # and back, without a restart
    names = [packs.model.index(r, 0).data() for r in range(packs.model.rowCount())]
    assert "Mining (open pit) (\u2066mining\u2069)" in names
    assert parameters.table.item(0, 1).text().endswith("km/h")


def test_arabic_indic_digits_and_locale_dates(busy_console) -> None:  # type: ignore[no-untyped-def]
    language = busy_console.language
    language.set_language("ar")
    assert language.number(1234.5, 1) == "1,234.5"
    language.set_arabic_digits(True)
    assert language.number(1234.5, 1) == "1,234.5".translate(ARABIC_DIGITS)
    assert "نوفمبر" in language.date_time(1_795_000_000.0) or "ديسمبر" in language.date_time(
        1_795_000_000.0
    )
    busy_console.window.poll_status()
    assert "٣" in busy_console.window.status.vehicles_label.text()
    # The fleet table formats its own numbers and follows the option.
    cells = [
        str(view.model().index(0, c).data() or "")
        for view in busy_console.window.fleet_panel.findChildren(QAbstractItemView)
        if view.model() is not None and view.model().rowCount() > 0
        for c in range(view.model().columnCount())
    ]
    assert any("١" in cell or "٤" in cell for cell in cells), cells
    # Identifiers are data, not numbers: "veh-4" never becomes "veh-٤".
    assert language.digits(f"{ltr('veh-4')} 12") == f"{ltr('veh-4')} ١٢"
    language.set_language("en")
    assert language.number(1234.5, 1) == "1,234.5"  # the option applies to Arabic only
