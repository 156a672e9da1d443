"""The fleet table's model: one row per vehicle over numpy and list columns, updated in place.

Rows never move in this model (a vehicle keeps its row for the session); sorting and filtering
are the proxy's job (:mod:`app.ui.fleet.proxy`).  Once per frame :meth:`update_vehicles` reads
only the vehicles changed since the previous frame and emits a single ``dataChanged`` spanning
the changed rows — never a reset, never one signal per message.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.core.fleet.state import STALE_AFTER_S
from app.ui.map.frame_records import MODES, ViewRows, frame_records
from app.ui.map.glyphs import KIND_OF_CODE, STATES, GlyphKind
from app.ui.map.numbers import NumberFormat
from app.ui.map.vehicle_text import (
    class_text,
    mode_text,
    no_data_text,
    stale_text,
    state_text,
    tooltip_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    import numpy.typing as npt

    from app.core.fleet.state import FleetState

    ModelIndex = QModelIndex | QPersistentModelIndex

VEHICLE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Item role returning the row's vehicle id."""
GLYPH_KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""Item role returning the row's :class:`GlyphKind` (stale wins)."""


class Column(IntEnum):
    """The table's columns, in display order."""

    ID = 0
    CLASS = 1
    STATE = 2
    MODE = 3
    SPEED = 4
    ENERGY = 5
    TASK = 6
    LINK = 7
    LAST_SEEN = 8


def column_title(column: Column) -> str:
    """Return the translated header of a column."""
    return {
        Column.ID: QCoreApplication.translate(
            "FleetTableModel", "Vehicle", "table column: vehicle id"
        ),
        Column.CLASS: QCoreApplication.translate(
            "FleetTableModel", "Class", "table column: vehicle class"
        ),
        Column.STATE: QCoreApplication.translate(
            "FleetTableModel", "State", "table column: vehicle state"
        ),
        Column.MODE: QCoreApplication.translate(
            "FleetTableModel", "Mode", "table column: control mode"
        ),
        Column.SPEED: QCoreApplication.translate("FleetTableModel", "Speed (km/h)"),
        Column.ENERGY: QCoreApplication.translate(
            "FleetTableModel", "Energy (%)", "battery or fuel level"
        ),
        Column.TASK: QCoreApplication.translate("FleetTableModel", "Task"),
        Column.LINK: QCoreApplication.translate(
            "FleetTableModel", "Link (%)", "radio link quality"
        ),
        Column.LAST_SEEN: QCoreApplication.translate(
            "FleetTableModel", "Last seen", "time of the latest telemetry"
        ),
    }[column]


_NUMERIC = frozenset({Column.SPEED, Column.ENERGY, Column.LINK, Column.LAST_SEEN})
_COLUMNS = tuple(Column)
_KINDS = tuple(GlyphKind)
_STATE_COLUMN = int(Column.STATE)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ROLES = frozenset(
    {_DISPLAY, _DECORATION, _ALIGN, _FOREGROUND, _TOOLTIP, VEHICLE_ID_ROLE, GLYPH_KIND_ROLE}
)
"""The roles the table answers (every other role is ``None``)."""
_RIGHT = int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
_STALE_COLOUR = QColor(128, 128, 128)


class FleetTableModel(QAbstractTableModel):
    """Every vehicle of the fleet, one row each (see the module docstring).

    Parameters
    ----------
    parent
        Owner.
    icon_for
        Returns the decoration of a glyph kind (the panel passes themed icons).
    """

    def __init__(
        self, parent: Any = None, icon_for: Callable[[GlyphKind], Any] | None = None
    ) -> None:
        super().__init__(parent)
        self._icon_for = icon_for
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.classes: list[str] = []
        self.tasks: list[str] = []
        cap = 1024
        self.state = np.full(cap, -1, dtype=np.int8)
        self.mode = np.full(cap, -1, dtype=np.int8)
        self.speed = np.full(cap, np.nan)
        self.energy = np.full(cap, np.nan)
        self.link = np.full(cap, np.nan)
        self.received = np.full(cap, np.nan)
        self.stale = np.ones(cap, dtype=bool)
        self.kind = np.full(cap, int(GlyphKind.STALE), dtype=np.int8)
        self.id_rank = np.zeros(cap, dtype=np.int64)
        self.changed_rows: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        """Rows changed by the latest :meth:`update_vehicles`."""
        self.changed_columns: set[Column] = set()
        """Columns whose values changed in the latest :meth:`update_vehicles`."""
        self.rows_added = 0
        """Rows appended by the latest :meth:`update_vehicles`."""
        self.in_frame = False
        """True while the frame's own ``dataChanged`` is being emitted: only then do
        :attr:`changed_rows` and :attr:`changed_columns` describe the signal (any other
        ``dataChanged``, e.g. a language change, means exactly the rectangle it names)."""
        self._fleet: FleetState | None = None
        self._view_rows = ViewRows()
        self._registrations = -1
        """The fleet state's :attr:`~FleetState.registrations` when classes were last compared."""
        self._now = 0.0
        self.number_format = NumberFormat()
        """How numbers and times are written (see :meth:`set_number_format`)."""

    # ------------------------------------------------------------------ updates

    def set_number_format(self, fmt: NumberFormat) -> None:
        """Write numbers and times with ``fmt`` (e.g. Arabic-Indic digits) from now on."""
        self.number_format = fmt
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(Column) - 1))

    def _grow(self, needed: int) -> None:
        cap = self.state.shape[0]
        if needed <= cap:
            return
        extra = max(needed, 2 * cap) - cap
        self.state = np.concatenate([self.state, np.full(extra, -1, dtype=np.int8)])
        self.mode = np.concatenate([self.mode, np.full(extra, -1, dtype=np.int8)])
        self.speed = np.concatenate([self.speed, np.full(extra, np.nan)])
        self.energy = np.concatenate([self.energy, np.full(extra, np.nan)])
        self.link = np.concatenate([self.link, np.full(extra, np.nan)])
        self.received = np.concatenate([self.received, np.full(extra, np.nan)])
        self.stale = np.concatenate([self.stale, np.ones(extra, dtype=bool)])
        self.kind = np.concatenate([self.kind, np.full(extra, int(GlyphKind.STALE), dtype=np.int8)])
        self.id_rank = np.concatenate([self.id_rank, np.zeros(extra, dtype=np.int64)])

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Apply one frame: append new vehicles, update changed rows, one ``dataChanged``."""
        self._fleet = fleet
        self._now = now
        frame = frame_records(fleet, changed)
        row_of = self.row_of
        rows = self._view_rows.known(fleet, frame)
        complete = ViewRows.complete(frame, rows)
        self.rows_added = 0
        cols: set[Column] = set()
        classes, tasks = self.classes, self.tasks
        if not complete:
            # New vehicles get rows in id order, so a node's vehicles sit together and a
            # frame's changed range stays tight.
            new = sorted(
                (vid, vclass)
                for vid, vclass in zip(frame.ids, frame.classes, strict=True)
                if vid not in row_of
            )
            self.rows_added = len(new)
            if new:
                first = len(self.ids)
                self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
                self._grow(first + len(new))
                for vid, vclass in new:
                    row_of[vid] = len(self.ids)
                    self.ids.append(vid)
                    self.classes.append(vclass)
                    self.tasks.append("")
                n = len(self.ids)
                order = np.argsort(np.array(self.ids, dtype=object), kind="stable")
                self.id_rank[order] = np.arange(n)
                self.endInsertRows()
            rows = self._view_rows.fill(frame, rows, row_of)
        if not complete or fleet.registrations != self._registrations:
            # A class changes only when a node announces its vehicles: compare then only.
            self._registrations = fleet.registrations
            for vid, vclass in zip(frame.ids, frame.classes, strict=True):
                i = row_of[vid]
                if classes[i] != vclass:
                    classes[i] = vclass
                    cols.add(Column.CLASS)
        state, mode = self.state, self.mode
        speed, energy, link, received = self.speed, self.energy, self.link, self.received
        old_speed, old_energy, old_link = speed[rows], energy[rows], link[rows]
        old_state, old_mode = state[rows], mode[rows]
        if rows.size:
            numbers = frame.numbers
            state[rows] = frame.states
            mode[rows] = frame.modes
            speed[rows] = numbers[:, 3] * 3.6
            energy[rows] = numbers[:, 4] * 100.0
            link[rows] = numbers[:, 5] * 100.0
            received[rows] = frame.received
            # Tasks compared as object arrays (one C loop); only the changed ones are written.
            new_tasks = np.array(frame.tasks, dtype=object)
            old_tasks = np.array(tasks, dtype=object)[rows]
            moved = np.flatnonzero(old_tasks != new_tasks)
            if moved.size:
                cols.add(Column.TASK)
                for i in moved.tolist():
                    tasks[int(rows[i])] = new_tasks[i]
        if rows.size:
            cols.add(Column.LAST_SEEN)
            for column, old, now_values in (
                (Column.SPEED, old_speed, speed[rows]),
                (Column.ENERGY, old_energy, energy[rows]),
                (Column.LINK, old_link, link[rows]),
            ):
                if not np.array_equal(old, now_values, equal_nan=True):
                    cols.add(column)
            if not np.array_equal(old_state, state[rows]):
                cols.add(Column.STATE)
            if not np.array_equal(old_mode, mode[rows]):
                cols.add(Column.MODE)
        # Staleness moves with the clock: rows that turned stale (or fresh) change too.
        n = len(self.ids)
        stale = np.isnan(received[:n]) | (now - received[:n] >= STALE_AFTER_S) | (state[:n] < 0)
        flipped = np.flatnonzero(stale != self.stale[:n])
        self.stale[:n] = stale
        self.kind[:n] = np.where(
            stale, np.int8(GlyphKind.STALE), KIND_OF_CODE[np.maximum(state[:n], 0)]
        )
        if flipped.size:
            cols.add(Column.STATE)
            rows = np.union1d(rows, flipped)
        self.changed_rows = rows
        self.changed_columns = cols
        if rows.size and cols:
            # One signal spanning the changed columns only: a frame rarely touches the id,
            # class or task, and a view repaints the rectangle it is told about.
            self.in_frame = True
            try:
                self.dataChanged.emit(
                    self.index(int(rows.min()), min(cols)), self.index(int(rows.max()), max(cols))
                )
            finally:
                self.in_frame = False

    # ------------------------------------------------------------------ reading

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Return the number of vehicles (0 under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Return the number of columns."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the translated column titles."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return column_title(Column(section))
            if role == Qt.ItemDataRole.TextAlignmentRole and Column(section) in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return one cell's text, icon, alignment, tooltip or colour."""
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        """Return a cell's data for a role without building a model index (the hot path).

        A view asks every visible cell for a dozen roles per paint; roles the table does not
        use are answered first and cheaply.
        """
        role = int(role)
        if role not in ROLES:
            return None
        if role == _DISPLAY:
            return self._text(row, _COLUMNS[column])
        if role == _ALIGN:
            return _RIGHT if column in _NUMERIC else None
        if role == _DECORATION:
            if column == _STATE_COLUMN and self._icon_for is not None:
                return self._icon_for(_KINDS[int(self.kind[row])])
            return None
        if role == _FOREGROUND:
            return _STALE_COLOUR if self.stale[row] else None
        if role == _TOOLTIP:
            if self._fleet is None:
                return None
            record = self._fleet.get(self.ids[row])
            return (
                tooltip_text(record, self._now, self.number_format) if record is not None else None
            )
        if role == VEHICLE_ID_ROLE:
            return self.ids[row]
        return int(self.kind[row])  # GLYPH_KIND_ROLE

    def _text(self, row: int, column: Column) -> str:
        fmt = self.number_format
        code = int(self.state[row])
        if column == Column.ID:
            return self.ids[row]
        if column == Column.CLASS:
            return class_text(self.classes[row])
        if code < 0:
            return no_data_text() if column == Column.STATE else ""
        if column == Column.STATE:
            text = state_text(STATES[code])
            return f"{stale_text()} · {text}" if self.stale[row] else text
        if column == Column.MODE:
            return mode_text(MODES[int(self.mode[row])])
        if column == Column.SPEED:
            return fmt.decimal(float(self.speed[row]), 1)
        if column == Column.ENERGY:
            return fmt.integer(round(float(self.energy[row])))
        if column == Column.TASK:
            return self.tasks[row]
        if column == Column.LINK:
            return fmt.integer(round(float(self.link[row])))
        return fmt.clock(float(self.received[row]))

    # ------------------------------------------------------------------ sorting support

    def sort_key(self, column: Column) -> npt.NDArray[Any]:
        """Return a numeric key per row for ``column`` (ascending = natural order)."""
        n = len(self.ids)
        if column == Column.ID:
            return self.id_rank[:n]
        if column == Column.CLASS:
            return _rank(self.classes)
        if column == Column.STATE:
            # Attention first when descending: stale, then by glyph kind, then exact state.
            return self.kind[:n].astype(np.int64) * 16 + np.maximum(self.state[:n], 0)
        if column == Column.MODE:
            return self.mode[:n].astype(np.int64)
        if column == Column.TASK:
            return _rank(self.tasks)
        values = {
            Column.SPEED: self.speed,
            Column.ENERGY: self.energy,
            Column.LINK: self.link,
            Column.LAST_SEEN: self.received,
        }[column][:n]
        key: npt.NDArray[np.float64] = np.nan_to_num(values, nan=-1.0)
        return key

    def class_rank(self) -> npt.NDArray[np.int64]:
        """Return each row's rank of its vehicle class (for grouping)."""
        return _rank(self.classes)

    def search_text(self, row: int) -> str:
        """Return the lower-case text a filter matches against (id, class, state, task)."""
        code = int(self.state[row])
        state = state_text(STATES[code]) if code >= 0 else ""
        return " ".join(
            (
                self.ids[row],
                self.classes[row],
                class_text(self.classes[row]),
                state,
                self.tasks[row],
            )
        ).casefold()


def _rank(values: list[str]) -> npt.NDArray[np.int64]:
    """Return each string's rank among the distinct values (numpy sorts the distinct set)."""
    if not values:
        return np.zeros(0, dtype=np.int64)
    _, inverse = np.unique(np.array(values, dtype=object), return_inverse=True)
    return inverse.astype(np.int64)
