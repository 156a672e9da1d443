"""Qt adapters over the alert log: a table model (newest first) and its filter."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from typing_extensions import override

from app.ui.alerts.log import Severity
from app.ui.alerts.texts import SEVERITY_SHAPES, alert_text, severity_text
from app.ui.language import ltr

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.ui.alerts.log import Alert, AlertLog
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
COL_TIME, COL_SEVERITY, COL_VEHICLE, COL_MESSAGE, COL_STATUS = range(5)
ALERT_ROLE = Qt.ItemDataRole.UserRole + 1


class AlertTableModel(QAbstractTableModel):
    """The alert log as a table, newest entry in row 0.

    Parameters
    ----------
    log
        The log; the model never copies it, it maps rows onto it.
    language, theme
        Formatting and colours.
    """

    def __init__(
        self,
        log: AlertLog,
        language: LanguageManager,
        theme: ThemeManager,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._language = language
        self._theme = theme
        self._rows = len(log)
        log.subscribe(self._on_log)
        language.sig_language_changed.connect(self.refresh)
        language.sig_digits_changed.connect(self.refresh)
        theme.sig_theme_changed.connect(self.refresh)

    def _on_log(self, added: list[Alert] | None) -> None:
        if added is None:  # acknowledgements
            self.refresh()
            return
        # Rows are newest first: the batch goes on top in one insertion, and whatever the
        # bounded log dropped comes off the bottom in one removal.
        now_rows = len(self._log)
        inserted = min(len(added), now_rows)
        kept = now_rows - inserted
        if kept < self._rows:
            self.beginRemoveRows(QModelIndex(), kept, self._rows - 1)
            self._rows = kept
            self.endRemoveRows()
        if inserted:
            self.beginInsertRows(QModelIndex(), 0, inserted - 1)
            self._rows += inserted
            self.endInsertRows()

    def refresh(self) -> None:
        """Re-draw every cell (language, digits, theme or acknowledgement changed)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, COL_STATUS))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COL_STATUS)

    def alert(self, row: int) -> Alert:
        """Return the alert shown in ``row``."""
        return self._log[len(self._log) - 1 - row]

    @override
    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else self._rows

    @override
    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else COL_STATUS + 1

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("AlertTableModel", "Time"),
            QCoreApplication.translate("AlertTableModel", "Severity"),
            QCoreApplication.translate("AlertTableModel", "Vehicle"),
            QCoreApplication.translate("AlertTableModel", "Message"),
            QCoreApplication.translate("AlertTableModel", "Status"),
        )[section]

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.alert(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TIME:
                return self._language.time_of_day(a.at)
            if col == COL_SEVERITY:
                return f"{SEVERITY_SHAPES[a.severity]} {severity_text(a.severity)}"
            if col == COL_VEHICLE:
                return ltr(a.vehicle_id) if a.vehicle_id else ""
            if col == COL_MESSAGE:
                return self._language.digits(alert_text(a))
            if a.acknowledged:
                return QCoreApplication.translate("AlertTableModel", "✓ Acknowledged")
            return QCoreApplication.translate("AlertTableModel", "New")
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_SEVERITY, COL_STATUS):
            t = self._theme.theme
            if col == COL_STATUS and a.acknowledged:
                return QColor(t.muted)
            return QColor(
                {Severity.INFO: t.text, Severity.WARNING: t.warning, Severity.CRITICAL: t.critical}[
                    a.severity
                ]
            )
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TIME:
            return self._language.date_time(a.at)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STATUS and a.acknowledged:
            return ltr(a.acknowledged_by)
        if role == ALERT_ROLE:
            return a.alert_id
        return None


class AlertFilterProxy(QSortFilterProxyModel):
    """Filters the alert table by minimum severity, vehicle, age and acknowledgement.

    Parameters
    ----------
    clock
        Wall clock, for the age filter.
    """

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.time):
        super().__init__(parent)
        self._clock = clock
        self.min_severity = Severity.INFO
        self.vehicle = ""
        self.max_age_s: float | None = None
        self.show_acknowledged = True

    def set_filter(
        self,
        *,
        min_severity: Severity | None = None,
        vehicle: str | None = None,
        max_age_s: float | bool | None = False,
        show_acknowledged: bool | None = None,
    ) -> None:
        """Change any of the filters (``max_age_s=None`` means no age limit)."""
        self.beginFilterChange()
        if min_severity is not None:
            self.min_severity = min_severity
        if vehicle is not None:
            self.vehicle = vehicle.strip().lower()
        if max_age_s is not False:
            self.max_age_s = max_age_s if isinstance(max_age_s, float | int) else None
        if show_acknowledged is not None:
            self.show_acknowledged = show_acknowledged
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @override
    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, AlertTableModel)
        a = model.alert(source_row)
        if a.severity < self.min_severity:
            return False
        if self.vehicle and self.vehicle not in a.vehicle_id.lower():
            return False
        if self.max_age_s is not None and self._clock() - a.at > self.max_age_s:
            return False
        return self.show_acknowledged or not a.acknowledged
