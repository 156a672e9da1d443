"""The Alerts & events panel: a live, filterable log with acknowledgement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.ui.alerts.log import Severity
from app.ui.panels.alerts_model import (
    ALERT_ROLE,
    COL_MESSAGE,
    AlertFilterProxy,
    AlertTableModel,
)
from app.ui.table_fit import ColumnFitter

if TYPE_CHECKING:
    from app.ui.alerts.log import AlertLog
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager

RESIZE_PRECISION = 50
"""Rows Qt looks at to size a column to its contents."""
AGES = (None, 15 * 60.0, 3600.0, 8 * 3600.0)


class AlertsPanel(QWidget):
    """Alerts & events: filter by severity, vehicle and age; acknowledge selected or all.

    Parameters
    ----------
    log
        The alert log.
    language, theme
        Formatting and colours.
    operator
        Who acknowledges (recorded on each entry).
    """

    def __init__(
        self,
        log: AlertLog,
        language: LanguageManager,
        theme: ThemeManager,
        operator: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.alerts")
        self._log = log
        self._operator = operator
        self.model = AlertTableModel(log, language, theme, self)
        self.proxy = AlertFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.severity = QComboBox(self)
        self.severity.setObjectName("alerts.severity")
        self.age = QComboBox(self)
        self.age.setObjectName("alerts.age")
        self.vehicle = QLineEdit(self)
        self.vehicle.setObjectName("alerts.vehicle")
        self.vehicle.setClearButtonEnabled(True)
        self.show_acked = QCheckBox(self)
        self.show_acked.setChecked(True)
        self.ack_selected = QPushButton(self)
        self.ack_all = QPushButton(self)

        self.table = QTableView(self)
        self.table.setObjectName("alerts.table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Size columns from the newest rows only: a burst of thousands of alerts must not
        # make Qt measure every row on every insert.
        header.setResizeContentsPrecision(RESIZE_PRECISION)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.fitter = ColumnFitter(self.table)

        self.vehicle.setMinimumWidth(160)
        filters = QHBoxLayout()
        for w in (self.severity, self.age, self.vehicle):
            filters.addWidget(w)
        filters.addStretch(1)
        acks = QHBoxLayout()
        acks.addWidget(self.show_acked)
        acks.addStretch(1)
        acks.addWidget(self.ack_selected)
        acks.addWidget(self.ack_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(acks)
        layout.addWidget(self.table)

        self.severity.currentIndexChanged.connect(self._severity_changed)
        self.age.currentIndexChanged.connect(self._age_changed)
        self.vehicle.textChanged.connect(lambda text: self.proxy.set_filter(vehicle=text))
        self.show_acked.toggled.connect(lambda on: self.proxy.set_filter(show_acknowledged=on))
        self.ack_selected.clicked.connect(self.acknowledge_selected)
        self.ack_all.clicked.connect(self.acknowledge_all)
        self.retranslate()

    # ------------------------------------------------------------------ actions

    def set_operator(self, operator: str) -> None:
        """Acknowledge in ``operator``'s name from now on."""
        self._operator = operator

    def acknowledge_selected(self) -> int:
        """Acknowledge the selected rows; return how many were newly acknowledged."""
        rows = self.table.selectionModel().selectedRows()
        ids = [int(self.proxy.data(index, ALERT_ROLE)) for index in rows]
        return self._log.acknowledge(ids, self._operator)

    def acknowledge_all(self) -> int:
        """Acknowledge every entry; return how many were newly acknowledged."""
        return self._log.acknowledge(
            [a.alert_id for a in self._log.unacknowledged()], self._operator
        )

    def _severity_changed(self, index: int) -> None:
        self.proxy.set_filter(min_severity=Severity(max(index, 0)))

    def _age_changed(self, index: int) -> None:
        self.proxy.set_filter(max_age_s=AGES[max(index, 0)])

    # ------------------------------------------------------------------ language

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        _set_items(
            self.severity,
            [self.tr("All severities"), self.tr("Warnings and critical"), self.tr("Critical only")],
        )
        _set_items(
            self.age,
            [
                self.tr("Any time"),
                self.tr("Last 15 minutes"),
                self.tr("Last hour"),
                self.tr("Last 8 hours"),
            ],
        )
        self.severity.setToolTip(self.tr("Show alerts of this severity or higher"))
        self.age.setToolTip(self.tr("Show alerts from this period"))
        self.vehicle.setPlaceholderText(self.tr("Filter by vehicle…"))
        self.vehicle.setToolTip(self.tr("Show only alerts whose vehicle id contains this text"))
        self.show_acked.setText(self.tr("Show acknowledged"))
        self.ack_selected.setText(self.tr("Acknowledge"))
        self.ack_selected.setToolTip(self.tr("Acknowledge the selected alerts"))
        self.ack_all.setText(self.tr("Acknowledge all"))
        self.ack_all.setToolTip(self.tr("Acknowledge every alert in the log"))
        self.fitter.schedule()  # the texts' widths change with the language


def _set_items(combo: QComboBox, texts: list[str]) -> None:
    """Replace a combo's item texts in place, keeping the current index."""
    current = combo.currentIndex()
    combo.blockSignals(True)
    if combo.count() != len(texts):
        combo.clear()
        combo.addItems(texts)
    else:
        for i, text in enumerate(texts):
            combo.setItemText(i, text)
    combo.setCurrentIndex(max(current, 0))
    combo.blockSignals(False)
