"""The fleet panel: the vehicle table with a text filter, state chips and grouping by class.

The shell's frame clock calls :meth:`FleetPanel.update_vehicles` once per frame; selection
is synchronised with the map through :meth:`select_vehicle` (no echo) and
``vehicleSelected``; a double-click asks the shell to focus the map on the vehicle.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.fleet.model import VEHICLE_ID_ROLE, Column, FleetTableModel
from app.ui.fleet.proxy import FleetProxyModel
from app.ui.fleet.table_view import FleetTableView
from app.ui.map.glyphs import GlyphKind, kind_icon
from app.ui.map.numbers import NumberFormat
from app.ui.map.overlays import kind_text
from app.ui.map.palette import DARK, palette_for

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from PySide6.QtGui import QIcon

    from app.core.fleet.state import FleetState


class FleetPanel(QWidget):
    """Every vehicle in a sortable, filterable table (see the module docstring).

    Parameters
    ----------
    parent
        Parent widget.
    """

    vehicleSelected = Signal(str)  # noqa: N815 - the shell's agreed interface
    """The user selected a vehicle in the table (``""`` when the selection was cleared)."""
    vehicleActivated = Signal(str)  # noqa: N815 - the shell's agreed interface
    """The user double-clicked (or pressed Enter on) a vehicle: the shell focuses the map."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fleetPanel")
        self._palette = DARK
        self._icons: dict[GlyphKind, QIcon] = {}
        self._syncing = False
        self._selected: str | None = None
        self.model = FleetTableModel(self, icon_for=self._icon)
        self.proxy = FleetProxyModel(self.model, self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("fleetFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.group_check = QCheckBox(self)
        self.group_check.setObjectName("fleetGroupByClass")
        self.group_check.toggled.connect(self._group_changed)
        self.summary = QLabel(self)
        self.summary.setObjectName("fleetSummary")
        self.chips: dict[GlyphKind, QToolButton] = {}
        chip_row = QHBoxLayout()
        chip_row.setSpacing(4)
        for kind in GlyphKind:
            chip = QToolButton(self)
            chip.setObjectName(f"fleetChip{kind.name.title()}")
            chip.setCheckable(True)
            chip.setChecked(True)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setAutoRaise(True)
            chip.toggled.connect(self._chips_changed)
            self.chips[kind] = chip
            chip_row.addWidget(chip)
        chip_row.addStretch(1)

        self.table = FleetTableView(self)
        self.table.setObjectName("fleetTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(int(Column.ID), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, chars in (
            (Column.ID, 11),
            (Column.CLASS, 13),
            (Column.STATE, 17),
            (Column.MODE, 12),
        ):
            header.resizeSection(int(column), self.fontMetrics().averageCharWidth() * chars + 24)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.group_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(chip_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._counts = [0] * len(GlyphKind)
        self._retranslate()
        self._update_summary()

    # ------------------------------------------------------------------ interface

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Apply one frame of changes (one ``dataChanged``; re-sorts only when needed)."""
        # A frame can filter the selected row out (or back in): that is not the user
        # choosing another vehicle, so it must not reach the map as a selection.
        with self._quiet():
            self.model.update_vehicles(fleet, changed, now)
        n = len(self.model.ids)
        counts = np.bincount(self.model.kind[:n], minlength=len(GlyphKind)).tolist()
        if counts != self._counts:
            self._counts = counts
            self._update_chip_counts()
        self._update_summary()
        self._restore_selection()

    def select_vehicle(self, vehicle_id: str | None) -> None:
        """Select a vehicle's row (``None`` or ``""`` clears) without emitting a signal."""
        self._selected = vehicle_id or None
        self._apply_selection()

    def selected_vehicle(self) -> str | None:
        """Return the selected vehicle's id, if any."""
        return self._selected

    def set_arabic_digits(self, on: bool) -> None:
        """Write numbers with Arabic-Indic digits (the console's digit option)."""
        self.model.set_number_format(NumberFormat(arabic_digits=on))  # repaints every cell
        self._update_chip_counts()
        self._update_summary()

    def set_style(self, theme: str) -> None:
        """Redraw the state icons for a theme (``dark``, ``light`` or ``high_contrast``)."""
        self._palette = palette_for(theme)
        self._icons.clear()
        self._retranslate_chips()
        n = len(self.model.ids)
        if n:
            self.model.dataChanged.emit(
                self.model.index(0, int(Column.STATE)), self.model.index(n - 1, int(Column.STATE))
            )

    # ------------------------------------------------------------------ internals

    def _icon(self, kind: GlyphKind) -> QIcon:
        icon = self._icons.get(kind)
        if icon is None:
            icon = self._icons[kind] = kind_icon(kind, self._palette, 16, self.devicePixelRatioF())
        return icon

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Let selection changes made inside pass without emitting ``vehicleSelected``."""
        before, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = before

    def _restore_selection(self) -> None:
        """Select the selected vehicle's row again if a frame or filter brought it back."""
        if self._selected is None:
            return
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].data(VEHICLE_ID_ROLE) == self._selected:
            return
        row = self.model.row_of.get(self._selected)
        if row is not None and self.proxy.proxy_row(row) >= 0:
            self._apply_selection(scroll=False)

    def _apply_selection(self, scroll: bool = True) -> None:
        selection = self.table.selectionModel()
        with self._quiet():
            row = self.model.row_of.get(self._selected) if self._selected else None
            proxy_row = self.proxy.proxy_row(row) if row is not None else -1
            if proxy_row < 0:
                selection.clearSelection()
                return
            index = self.proxy.index(proxy_row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
                | QItemSelectionModel.SelectionFlag.Current
            )
            selection.setCurrentIndex(index, flags)
            if scroll:
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        del selected, deselected
        if self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        vid = str(rows[0].data(VEHICLE_ID_ROLE)) if rows else ""
        if (vid or None) != self._selected:
            self._selected = vid or None
            self.vehicleSelected.emit(vid)

    def _activated(self, index: QModelIndex) -> None:
        vid = index.data(VEHICLE_ID_ROLE)
        if vid:
            self.vehicleActivated.emit(str(vid))

    def _chips_changed(self) -> None:
        with self._quiet():
            self.proxy.set_kinds(kind for kind, chip in self.chips.items() if chip.isChecked())
        self._restore_selection()
        self._update_summary()

    def _filter_changed(self, text: str) -> None:
        with self._quiet():
            self.proxy.set_filter_text(text)
        self._restore_selection()
        self._update_summary()

    def _group_changed(self, on: bool) -> None:
        with self._quiet():
            self.proxy.set_group_by_class(on)
        self._restore_selection()

    def _update_summary(self) -> None:
        shown, total = self.proxy.rowCount(), len(self.model.ids)
        fmt = self.model.number_format
        self.summary.setText(
            self.tr("Showing %1 of %2 vehicles")
            .replace("%1", fmt.integer(shown))
            .replace("%2", fmt.integer(total))
        )

    def _update_chip_counts(self) -> None:
        fmt = self.model.number_format
        for kind, chip in self.chips.items():
            chip.setText(f"{self._chip_text(kind)} {fmt.integer(self._counts[kind])}")

    def _retranslate_chips(self) -> None:
        self._update_chip_counts()
        for kind, chip in self.chips.items():
            chip.setIcon(self._icon(kind))
            chip.setToolTip(
                self.tr("%1: show or hide these vehicles").replace("%1", kind_text(kind))
            )

    def _chip_text(self, kind: GlyphKind) -> str:
        """Return the short chip label of a state group (the tooltip has the long name)."""
        return {
            GlyphKind.MOVING: self.tr("Moving", "state chip"),
            GlyphKind.WORKING: self.tr("Working", "state chip: idle, loading or dumping"),
            GlyphKind.HOLDING: self.tr("Holding", "state chip"),
            GlyphKind.ASSIST: self.tr("Assist", "state chip: assistance needed"),
            GlyphKind.FAULT: self.tr("Fault", "state chip: fault or safe stop"),
            GlyphKind.STALE: self.tr("Stale", "state chip: no recent telemetry"),
        }[kind]

    def _retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter by vehicle, class, state or task…"))
        self.filter_edit.setAccessibleName(self.tr("Fleet filter"))
        self.group_check.setText(self.tr("Group by class"))
        self.table.setAccessibleName(self.tr("Fleet table"))
        self._retranslate_chips()
        self._update_summary()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate on language change."""
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self._retranslate()
            n = len(self.model.ids)
            if n:
                self.model.dataChanged.emit(
                    self.model.index(0, 0), self.model.index(n - 1, len(Column) - 1)
                )
        super().changeEvent(event)
