"""The route chooser: the Pareto routes to a destination side by side, previewed, sent.

Non-modal: a dock, so the map and the board stay live while the operator weighs the routes.
For the selected vehicle and a destination point of interest it asks
:meth:`DispatchView.route_choices` and shows every route on offer with its time, energy, risk
and length; the best figure of each column is marked ``★``, the others show how much worse
they are, and the trade-off column says what a route gains and gives up against the fastest.
Selecting a row previews the route on the map (dashed); *Send route* hands it to
:meth:`DispatchView.choose_route` with the operator's name.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.core.errors import CoreError
from app.ui.dispatch.choices import CRITERIA, Choice, choices_of
from app.ui.dispatch.texts import duration_text, isolate_latin
from app.ui.language import ltr
from maps.errors import MapError

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager
    from maps.routing.pareto import ParetoResult
    from maps.site import Site

log = logging.getLogger(__name__)

BEST_MARK = "★"
COLUMNS = 6
"""#, time, energy, risk, length, trade-off."""


class RouteChooserPanel(QWidget):
    """Routes on offer for one vehicle and destination (see the module docstring)."""

    sig_find = Signal(str, str)
    """The operator asked for routes: vehicle id, destination POI id."""
    sig_preview = Signal(int)
    """The operator selected route ``index`` (``-1``: none)."""
    sig_send = Signal(int)
    """The operator chose route ``index``."""

    def __init__(
        self,
        site: Site,
        language: LanguageManager,
        theme: ThemeManager,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.routes")
        self._site = site
        self._language = language
        self._theme = theme
        self.vehicle_id: str | None = None
        self.choices: list[Choice] = []
        self.available = False
        self.note = QLabel(self)
        self.note.setObjectName("routes.note")
        self.note.setWordWrap(True)
        self.vehicle_label = QLabel(self)
        self.vehicle_label.setObjectName("routes.vehicle")
        self.destination = QComboBox(self)
        self.destination.setObjectName("routes.destination")
        self.destination.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.destination.setMinimumContentsLength(14)
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("routes.find")
        self.find_button.clicked.connect(self.find_routes)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("routes.table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.send())
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("routes.send")
        self.send_button.clicked.connect(self.send)
        self.send_button.setEnabled(False)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("routes.feedback")
        self.feedback.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.vehicle_label, 1)
        top.addWidget(self.destination, 2)
        top.addWidget(self.find_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.feedback, 1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._fill_destinations()
        self.retranslate()

    # ------------------------------------------------------------------ interface

    def set_available(self, on: bool) -> None:
        """Whether the site has a dispatcher (otherwise the panel says so and asks nothing)."""
        self.available = on
        if not on:
            self.show_choices([], complete=True)
        self.retranslate()

    def set_vehicle(self, vehicle_id: str | None) -> None:
        """Route for ``vehicle_id`` from now on (the routes shown for another are cleared)."""
        if vehicle_id == self.vehicle_id:
            return
        self.vehicle_id = vehicle_id
        self.show_choices([], complete=True)
        self.feedback.clear()
        self.retranslate()

    def destination_id(self) -> str:
        """Return the chosen destination's POI id."""
        return str(self.destination.currentData() or "")

    def set_destination(self, poi_id: str) -> None:
        """Choose a destination by POI id (ignored when the site has none by that id)."""
        found = self.destination.findData(poi_id)
        if found >= 0:
            self.destination.setCurrentIndex(found)

    def find_routes(self) -> None:
        """Ask for the routes (the console answers with :meth:`show_choices`)."""
        if not self.available:
            return
        if self.vehicle_id is None:
            self.say(self.tr("Select a vehicle first (map, fleet table or task board)."), True)
            return
        self.sig_find.emit(self.vehicle_id, self.destination_id())

    def show_choices(self, choices: list[Choice], *, complete: bool) -> None:
        """Show the routes on offer (the first selected and previewed)."""
        self.choices = choices
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(choices))
        for row, choice in enumerate(choices):
            self._fill_row(row, choice)
        self.table.blockSignals(False)
        self.send_button.setEnabled(False)
        if choices:
            self.table.selectRow(0)
            if len(choices) == 1:
                text = self.tr("One route: no other trades time, energy or risk differently.")
            elif len(choices) == 2:
                text = self.tr("Two routes, neither better than the other on every criterion.")
            else:
                text = self.tr("%1 routes that do not dominate one another.").replace(
                    "%1", self._language.integer(len(choices))
                )
            if not complete:
                text += " " + self.tr("The search stopped at its bound: others may exist.")
            self.say(text)
        else:
            self.sig_preview.emit(-1)

    def offer(self, find: Callable[[], ParetoResult], vehicle_id: str, destination: str) -> None:
        """Show the routes ``find`` returns for ``vehicle_id`` to ``destination``, or say why none.

        ``find`` asks the dispatcher (the task board's route request and the assist
        workspace's reroute answer both come here); a refusal is shown, not raised.
        """
        try:
            result = find()
            node = self._site.poi(destination).node
        except (CoreError, MapError, ValueError, LookupError) as exc:
            log.info("route choices for %s to %s: %s", vehicle_id, destination, exc)
            self.show_choices([], complete=True)
            self.say(
                self.tr("No route from vehicle %1 to %2: %3")
                .replace("%1", ltr(vehicle_id))
                .replace("%2", ltr(destination))
                .replace("%3", ltr(str(exc))),
                True,
            )
            return
        choices = choices_of(result, self._site, node)
        self.show_choices(choices, complete=result.complete)
        if not choices:
            self.say(self.tr("No route to this destination under the active policy."), True)

    def selected_index(self) -> int:
        """Return the selected route's index (``-1``: none)."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def send(self) -> None:
        """Send the selected route."""
        index = self.selected_index()
        if index >= 0 and self.vehicle_id is not None:
            self.sig_send.emit(index)

    def say(self, text: str, error: bool = False) -> None:
        """Show a result or an error under the table."""
        t = self._theme.theme
        self.feedback.setStyleSheet(f"color: {t.critical if error else t.text};")
        self.feedback.setText(text)

    # ------------------------------------------------------------------ internals

    def _fill_destinations(self) -> None:
        current = self.destination_id()
        arabic = self._language.language == "ar"
        self.destination.blockSignals(True)
        self.destination.clear()
        for poi in sorted(self._site.pois, key=lambda p: (p.kind, p.id)):
            name = isolate_latin(poi.name_ar) if arabic and poi.name_ar else poi.name
            if arabic and not poi.name_ar:
                name = ltr(poi.name)
            self.destination.addItem(f"{ltr(poi.id)} {name}", poi.id)
        found = self.destination.findData(current)
        self.destination.setCurrentIndex(max(0, found))
        self.destination.blockSignals(False)

    def _fill_row(self, row: int, choice: Choice) -> None:
        lang = self._language
        time_s, energy_kj, risk, length_m = choice.values
        figures = {
            "time": duration_text(time_s, lang),
            "energy": self.tr("%1 MJ").replace("%1", lang.number(energy_kj / 1000.0, 1)),
            "risk": lang.number(risk, 1),
            "length": self.tr("%1 km").replace("%1", lang.number(length_m / 1000.0, 2)),
        }
        muted = QColor(self._theme.theme.muted)
        number = QTableWidgetItem(lang.integer(row + 1))
        self.table.setItem(row, 0, number)
        for c, criterion in enumerate(CRITERIA):
            relative = choice.relative[c]
            if criterion in choice.best:
                text = f"{BEST_MARK} {figures[criterion]}"
            else:
                text = f"{figures[criterion]} (+{lang.number(relative * 100.0, 0)}%)"
            item = QTableWidgetItem(text)
            if criterion in choice.best:
                font = QFont()
                font.setBold(True)
                item.setFont(font)
            item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
            self.table.setItem(row, 1 + c, item)
        trade = QTableWidgetItem(self._trade_off(row, choice))
        if choice.dominated_by is not None:
            for c in range(COLUMNS - 1):
                cell = self.table.item(row, c)
                if cell is not None:
                    cell.setForeground(muted)
            trade.setForeground(QColor(self._theme.theme.warning))
        self.table.setItem(row, COLUMNS - 1, trade)

    def _trade_off(self, row: int, choice: Choice) -> str:
        """Say what the route gains and gives up against the fastest route on offer."""
        if choice.dominated_by is not None:
            return self.tr("Dominated by route %1: worse on every criterion").replace(
                "%1", self._language.integer(choice.dominated_by + 1)
            )
        fastest = min(range(len(self.choices)), key=lambda k: self.choices[k].values[0])
        if row == fastest:
            return self.tr("Fastest")
        base = self.choices[fastest].values
        names = {"time": self.tr("time"), "energy": self.tr("energy"), "risk": self.tr("risk")}
        parts = []
        for c, criterion in enumerate(CRITERIA[:3]):
            if base[c] <= 0:
                continue
            change = (choice.values[c] - base[c]) / base[c] * 100.0
            if abs(change) < 0.5:
                continue
            sign = "+" if change > 0 else "−"
            parts.append(f"{names[criterion]} {sign}{self._language.number(abs(change), 0)}%")
        return self.tr("Against the fastest: %1").replace("%1", " · ".join(parts) or "—")

    def _selection_changed(self) -> None:
        index = self.selected_index()
        self.send_button.setEnabled(index >= 0 and self.vehicle_id is not None)
        self.sig_preview.emit(index)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language (the last result, worded before, is cleared)."""
        self.feedback.clear()
        if not self.available:
            self.note.setText(
                self.tr(
                    "No dispatcher on this site: routes can be chosen once a sector pack "
                    "with task types is enabled."
                )
            )
        else:
            self.note.setText(
                self.tr(
                    "Routes that trade time, energy and risk against one another: select one "
                    "to preview it on the map, then send it to the vehicle."
                )
            )
        for widget in (self.destination, self.find_button, self.table, self.send_button):
            widget.setEnabled(self.available)
        self.send_button.setEnabled(self.available and self.selected_index() >= 0)
        self.vehicle_label.setText(
            self.tr("Vehicle %1").replace("%1", ltr(self.vehicle_id))
            if self.vehicle_id
            else self.tr("No vehicle selected")
        )
        self.destination.setToolTip(self.tr("Destination"))
        self.find_button.setText(self.tr("Find routes"))
        self.send_button.setText(self.tr("Send route"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("#", "route number"),
                self.tr("Time"),
                self.tr("Energy"),
                self.tr("Risk"),
                self.tr("Length"),
                self.tr("Trade-off"),
            ]
        )
        self._fill_destinations()
        selected = self.selected_index()
        for row, choice in enumerate(self.choices):
            self._fill_row(row, choice)
        if selected >= 0:
            self.table.blockSignals(True)
            self.table.selectRow(selected)
            self.table.blockSignals(False)
