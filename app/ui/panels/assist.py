"""The Assist queue panel, until tele-assist lands: vehicles waiting for a human.

The site service has no assist queue yet (the tele-assist issue brings requests with reasons,
priorities and deadlines).  Until then this panel says so, and lists the vehicles whose own
telemetry reports ``ASSIST_NEEDED`` or ``HOLDING``, longest waiting first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.ui.language import ltr
from app.ui.map.frame_records import frame_records
from app.ui.states import STATE_SHAPES, state_colour, state_text
from edge.protocol.messages import VehicleState

if TYPE_CHECKING:
    from collections.abc import Collection

    from app.core.fleet.state import FleetState
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
WAITING = (VehicleState.ASSIST_NEEDED, VehicleState.HOLDING)
COL_WAITING = 2
"""The column whose text (time waited) changes every frame without a new sample."""


class AssistQueueModel(QAbstractTableModel):
    """Waiting vehicles: id, state, waiting time, faults; assist-needed before holding."""

    def __init__(
        self, language: LanguageManager, theme: ThemeManager, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._theme = theme
        self.since: dict[str, float] = {}
        self.rows: list[tuple[str, VehicleState, float, str]] = []
        self._info: dict[str, tuple[VehicleState, str]] = {}
        """State and faults of each waiting vehicle, as of its latest sample."""
        self._now = 0.0

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Track which vehicles wait, from the ids changed this frame."""
        self._now = now
        dirty = False
        # The frame's vehicles are read once for every view (the map reads them first); only
        # the vehicles that changed this frame are looked at, whatever the queue's length.
        records = frame_records(fleet, changed)
        for vid, sample in zip(records.sampled_ids, records.samples, strict=True):
            if sample.state in WAITING:
                info = (sample.state, ", ".join(sample.faults))
                if vid not in self.since:
                    self.since[vid] = now
                if self._info.get(vid) != info:
                    self._info[vid] = info
                    dirty = True
            elif vid in self.since:
                del self.since[vid]
                del self._info[vid]
                dirty = True
        if dirty:
            rows = []
            for vid, since in self.since.items():
                state, faults = self._info[vid]
                rows.append((vid, state, since, faults))
            rows.sort(key=lambda r: (r[1] is not VehicleState.ASSIST_NEEDED, r[2]))
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        elif self.rows:  # only the waiting times moved on
            last = len(self.rows) - 1
            self.dataChanged.emit(self.index(0, COL_WAITING), self.index(last, COL_WAITING))

    @override
    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    @override
    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 4

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("AssistQueueModel", "Vehicle"),
            QCoreApplication.translate("AssistQueueModel", "State"),
            QCoreApplication.translate("AssistQueueModel", "Waiting"),
            QCoreApplication.translate("AssistQueueModel", "Faults"),
        )[section]

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        vid, state, since, faults = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return vid
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QColor(state_colour(state, self._theme.theme))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return ltr(vid)
        if col == 1:
            return f"{STATE_SHAPES[state]} {state_text(state)}"
        if col == 2:
            waited = max(0, int(self._now - since))
            return QCoreApplication.translate("AssistQueueModel", "%1 s").replace(
                "%1", self._language.integer(waited)
            )
        return ltr(faults) if faults else ""


class AssistQueuePanel(QWidget):
    """The honest interim assist queue; double-click a row to focus the map on it."""

    sig_vehicle_activated = Signal(str)
    """The operator double-clicked a waiting vehicle."""
    sig_count_changed = Signal(int)
    """How many vehicles wait changed (the window shows it on the panel's tab)."""

    def __init__(
        self, language: LanguageManager, theme: ThemeManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.assist")
        self.model = AssistQueueModel(language, theme, self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        self.table = QTableView(self)
        self.table.setObjectName("assist.table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # a long list stays cheap
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(
            lambda index: self.sig_vehicle_activated.emit(
                self.model.data(index, Qt.ItemDataRole.UserRole)
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self.retranslate()

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Frame clock entry point."""
        before = len(self.model.rows)
        self.model.update_vehicles(fleet, changed, now)
        if len(self.model.rows) != before:
            self.sig_count_changed.emit(len(self.model.rows))

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.note.setText(
            self.tr(
                "Tele-assist requests are not connected yet. Listed here: vehicles whose own "
                "telemetry reports Assist needed or Holding, longest waiting first."
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
