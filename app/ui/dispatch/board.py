"""The task board: every dispatch task with its state, vehicle, age and last reason.

The model reads the dispatcher's tasks (:attr:`DispatchView.dispatcher`) and is told which
tasks changed by :class:`~app.core.dispatch.events.TaskTransitioned` events; it applies them
once per frame (:meth:`TaskBoardModel.apply`): new tasks are rows inserted (a task submitted
queued emits no event, so a frame also looks past the last task it knows), a changed task one
``dataChanged``, however many events arrived. Ages move on once a second.

Over a 12-hour shift thousands of tasks finish: the board keeps every open task and the last
:data:`FINISHED_KEPT` finished ones (done or failed, in the order they finished), dropping the
oldest finished rows in batches; the counts by state are always the dispatcher's exact ones.

Filters: state chips (with counts), task type, vehicle and free text. Overrides are marked: a
task pinned by an operator, or whose last change an operator made, shows ``⚑`` and the name.
"""

from __future__ import annotations

from collections import deque
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.core.dispatch.dispatcher import DISPATCHER
from app.core.dispatch.tasks import TaskState
from app.ui.dispatch.texts import (
    STATE_SHAPES,
    duration_text,
    reason_text,
    task_state_text,
    vehicle_status_text,
    who_text,
)
from app.ui.language import ltr

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from app.core.dispatch.tasks import Task
    from app.core.dispatch.view import DispatchView
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
TASK_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OVERRIDE_MARK = "⚑"
AGE_REFRESH_S = 1.0
FINISHED_KEPT = 500
"""Finished (done or failed) tasks the board keeps shown, the most recently finished."""
ACTION_COLUMNS = 3
"""Action buttons per row: the board sits beside the fleet table and must stay narrow."""


class Col(IntEnum):
    """The board's columns."""

    ID = 0
    STATE = 1
    TYPE = 2
    ROUTE = 3
    VEHICLE = 4
    PRIORITY = 5
    AGE = 6
    REASON = 7
    WHO = 8


class TaskBoardModel(QAbstractTableModel):
    """One row per task, in the order the tasks were first seen.

    Parameters
    ----------
    language, theme
        Formatting and colours.
    type_title
        Returns a task type's title in the current language (the packs' translations).
    keep_finished
        How many finished tasks stay on the board (the most recently finished; open tasks
        always stay). Older ones are dropped in batches of up to a tenth of this.
    """

    def __init__(
        self,
        language: LanguageManager,
        theme: ThemeManager,
        type_title: Callable[[str], str],
        parent: QObject | None = None,
        *,
        keep_finished: int = FINISHED_KEPT,
    ) -> None:
        super().__init__(parent)
        if keep_finished < 1:
            raise ValueError(f"keep_finished must be at least 1, not {keep_finished}")
        self.keep_finished = keep_finished
        self._finished: deque[str] = deque()
        """Finished tasks shown, oldest first (the first to drop)."""
        self._seen = 0
        """How many of the dispatcher's tasks (in their order) the board has looked at."""
        self._language = language
        self._theme = theme
        self.type_title = type_title
        self.view: DispatchView | None = None
        self.ids: list[str] = []
        self._row: dict[str, int] = {}
        self._changed: set[str] = set()
        self._now = 0.0
        self._aged_at = -1e18

    # ------------------------------------------------------------------ data

    def bind(self, view: DispatchView | None, now: float) -> None:
        """Show ``view``'s tasks (``None``: none)."""
        self.beginResetModel()
        self.view = view
        tasks = view.dispatcher.tasks if view is not None else {}
        finished = sorted(
            (t for t in tasks.values() if t.final),
            key=lambda t: (t.history[-1].at if t.history else t.created_at, t.task_id),
        )
        kept = finished[len(finished) - self.keep_finished :] if finished else []
        self._finished = deque(t.task_id for t in kept)
        shown = set(self._finished)
        self.ids = [tid for tid, t in tasks.items() if not t.final or tid in shown]
        self._row = {tid: k for k, tid in enumerate(self.ids)}
        self._seen = view.dispatcher.submitted if view is not None else 0
        self._changed.clear()
        self._now = now
        self.endResetModel()

    def task_changed(self, task_id: str) -> None:
        """Note a task that changed (applied at the next :meth:`apply`)."""
        self._changed.add(task_id)

    @property
    def pending(self) -> int:
        """How many changed tasks wait for the next frame."""
        return len(self._changed)

    def apply(self, now: float) -> bool:
        """Insert new tasks and refresh changed ones; return whether any row changed."""
        self._now = now
        view = self.view
        changed, self._changed = self._changed, set()
        if view is None:
            return False
        tasks = view.dispatcher.tasks
        # New tasks are those submitted since the last frame (a task submitted queued emits no
        # event); a changed task without a row is one already dropped from the board.
        new = view.dispatcher.submitted_since(self._seen)
        self._seen = view.dispatcher.submitted
        new.sort(key=lambda tid: (tasks[tid].created_at, tid))
        if new:
            first = len(self.ids)
            self.beginInsertRows(NO_PARENT, first, first + len(new) - 1)
            for tid in new:
                self._row[tid] = len(self.ids)
                self.ids.append(tid)
            self.endInsertRows()
        fresh = set(new)
        rows = sorted(self._row[tid] for tid in changed if tid in self._row and tid not in fresh)
        if rows:
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(Col) - 1))
        removed = self._note_finished(sorted(changed | fresh), tasks)
        if self.ids and now - self._aged_at >= AGE_REFRESH_S:
            self._aged_at = now
            self.dataChanged.emit(self.index(0, Col.AGE), self.index(len(self.ids) - 1, Col.AGE))
        return bool(new or rows or removed)

    def _note_finished(self, candidates: list[str], tasks: Mapping[str, Task]) -> bool:
        """Note tasks that just finished; drop the oldest finished past the bound (if any)."""
        shown = set(self._finished)
        # A task the dispatcher no longer keeps finished before every one it keeps (it keeps
        # the latest to finish): it goes first, to be dropped first.
        gone = [tid for tid in self._finished if tid not in tasks]
        gone += sorted(
            tid for tid in candidates if tid in self._row and tid not in shown and tid not in tasks
        )
        just = [
            tasks[tid]
            for tid in candidates
            if tid in self._row and tid not in shown and tid in tasks and tasks[tid].final
        ]
        just.sort(key=lambda t: (t.history[-1].at if t.history else t.created_at, t.task_id))
        if gone:
            dropped = set(gone)
            self._finished = deque([*gone, *(tid for tid in self._finished if tid not in dropped)])
        self._finished.extend(t.task_id for t in just)
        # Drop in batches (a tenth of the bound) so rows are not removed one per frame.
        # Rows of tasks the dispatcher dropped go at once (they have nothing left to show).
        if not gone and len(self._finished) <= self.keep_finished + max(
            1, self.keep_finished // 10
        ):
            return False
        count = max(len(self._finished) - self.keep_finished, len(gone))
        drop = {self._finished.popleft() for _ in range(count)}
        rows = sorted((self._row[tid] for tid in drop), reverse=True)
        k = 0
        while k < len(rows):  # one removal per run of adjacent rows, last rows first
            last = first = rows[k]
            while k + 1 < len(rows) and rows[k + 1] == first - 1:
                k += 1
                first = rows[k]
            self.beginRemoveRows(NO_PARENT, first, last)
            del self.ids[first : last + 1]
            self.endRemoveRows()
            k += 1
        self._row = {tid: k for k, tid in enumerate(self.ids)}
        return True

    def task(self, row: int) -> Task | None:
        """Return the task shown in ``row``, if it still exists."""
        if self.view is None or not 0 <= row < len(self.ids):
            return None
        return self.view.dispatcher.tasks.get(self.ids[row])

    def row_of(self, task_id: str) -> int | None:
        """Return the row of a task, if shown."""
        return self._row.get(task_id)

    def counts(self) -> dict[TaskState, int]:
        """Return how many tasks are in each state (the dispatcher's exact counts)."""
        if self.view is None:
            return dict.fromkeys(TaskState, 0)
        return self.view.dispatcher.counts()

    def override_of(self, task: Task) -> str | None:
        """Return the operator who pinned ``task`` or made its last change, if any."""
        view = self.view
        if view is None:
            return None
        for pinned, operator in view.dispatcher.pins.values():
            if pinned == task.task_id:
                return operator
        if task.history:
            last = task.history[-1]
            if last.who != DISPATCHER and last.why.startswith(("override by", "cancelled")):
                return last.who
        return None

    # ------------------------------------------------------------------ Qt model

    @override
    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    @override
    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(Col)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("TaskBoard", "Task"),
            QCoreApplication.translate("TaskBoard", "State"),
            QCoreApplication.translate("TaskBoard", "Type"),
            QCoreApplication.translate("TaskBoard", "From → to"),
            QCoreApplication.translate("TaskBoard", "Vehicle"),
            QCoreApplication.translate("TaskBoard", "Priority"),
            QCoreApplication.translate("TaskBoard", "Age"),
            QCoreApplication.translate("TaskBoard", "Last change"),
            QCoreApplication.translate("TaskBoard", "By"),
        )[section]

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        task = self.task(index.row()) if index.isValid() else None
        if task is None:
            return None
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(task, col)
        if role == TASK_ID_ROLE:
            return task.task_id
        if role == SORT_ROLE:
            return self._sort_key(task, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == Col.STATE:
            return QColor(self._state_colour(task.state))
        if role == Qt.ItemDataRole.FontRole and self.override_of(task) is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col in (Col.REASON, Col.WHO):
            return "\n".join(
                f"{self._language.time_of_day(r.at)}  {task_state_text(r.new)}  "
                f"{reason_text(r.why, self._language)}  {who_text(r.who)}"
                for r in task.history[-8:]
            )
        return None

    def _text(self, task: Task, col: Col) -> str:
        lang = self._language
        if col == Col.ID:
            mark = f"{OVERRIDE_MARK} " if self.override_of(task) is not None else ""
            return mark + ltr(task.task_id)
        if col == Col.STATE:
            return f"{STATE_SHAPES[task.state]} {task_state_text(task.state)}"
        if col == Col.TYPE:
            return self.type_title(task.type_id)
        if col == Col.ROUTE:
            # The arrow points the reading way: "→" in English, "←" in Arabic.
            return (
                QCoreApplication.translate("TaskBoard", "%1 → %2", "origin to destination")
                .replace("%1", ltr(task.origin))
                .replace("%2", ltr(task.destination))
            )
        if col == Col.VEHICLE:
            return ltr(task.vehicle_id) if task.vehicle_id else "—"
        if col == Col.PRIORITY:
            return lang.integer(task.priority)
        if col == Col.AGE:
            return duration_text(self._now - task.created_at, lang)
        last = task.history[-1] if task.history else None
        if col == Col.REASON:
            return reason_text(last.why, lang) if last is not None else "—"
        operator = self.override_of(task)
        if operator is not None:
            return QCoreApplication.translate("TaskBoard", "%1 (override)").replace(
                "%1", ltr(operator)
            )
        return who_text(last.who) if last is not None else "—"

    def _sort_key(self, task: Task, col: Col) -> Any:
        if col == Col.STATE:
            return list(TaskState).index(task.state)
        if col == Col.PRIORITY:
            return task.priority
        if col == Col.AGE:
            return -task.created_at
        if col == Col.VEHICLE:
            return task.vehicle_id or ""
        return self._text(task, col)

    def _state_colour(self, state: TaskState) -> str:
        t = self._theme.theme
        return {
            TaskState.QUEUED: t.warning,
            TaskState.ASSIGNED: t.accent,
            TaskState.RUNNING: t.ok,
            TaskState.DONE: t.muted,
            TaskState.FAILED: t.critical,
        }[state]


class TaskFilter(QSortFilterProxyModel):
    """The board as shown: by state, type, vehicle and text."""

    def __init__(self, source: TaskBoardModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.states: frozenset[TaskState] = frozenset(TaskState)
        self.type_id = ""
        self.vehicle_id = ""
        self.text = ""
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def set_filters(
        self,
        *,
        states: Iterable[TaskState] | None = None,
        type_id: str | None = None,
        vehicle_id: str | None = None,
        text: str | None = None,
    ) -> None:
        """Change any of the filters ("" = any type, vehicle or text)."""
        self.beginFilterChange()
        if states is not None:
            self.states = frozenset(states)
        if type_id is not None:
            self.type_id = type_id
        if vehicle_id is not None:
            self.vehicle_id = vehicle_id
        if text is not None:
            self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @override
    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        task = self._source.task(source_row)
        if task is None or task.state not in self.states:
            return False
        if self.type_id and task.type_id != self.type_id:
            return False
        if self.vehicle_id and task.vehicle_id != self.vehicle_id:
            return False
        if self.text:
            haystack = " ".join(
                (
                    task.task_id,
                    task.type_id,
                    task.origin,
                    task.destination,
                    task.vehicle_id or "",
                    self._source.type_title(task.type_id),
                    task.history[-1].who if task.history else "",
                )
            ).casefold()
            return self.text in haystack
        return True


class TaskBoardPanel(QWidget):
    """The task board dock: chips, filters, the table, the selected vehicle and the actions.

    The action buttons show the window's registered actions (the same ones the keyboard and
    the command palette run); see :class:`app.ui.dispatch.console.DispatchConsole`.
    """

    sig_task_selected = Signal(str)
    """The operator selected a task (``""`` when none)."""

    def __init__(
        self,
        language: LanguageManager,
        theme: ThemeManager,
        type_title: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.tasks")
        self._language = language
        self._theme = theme
        self.model = TaskBoardModel(language, theme, type_title, self)
        self.proxy = TaskFilter(self.model, self)
        self.status_note = QLabel(self)
        self.status_note.setObjectName("tasks.note")
        self.status_note.setWordWrap(True)
        self.status_note.setProperty("role", "muted")
        self.chips: dict[TaskState, QToolButton] = {}
        chip_row = QHBoxLayout()
        chip_row.setSpacing(4)
        for state in TaskState:
            chip = QToolButton(self)
            chip.setObjectName(f"tasks.chip.{state.value}")
            chip.setCheckable(True)
            chip.setChecked(True)
            chip.setAutoRaise(True)
            chip.toggled.connect(self._chips_changed)
            self.chips[state] = chip
            chip_row.addWidget(chip)
        chip_row.addStretch(1)
        self.text_filter = QLineEdit(self)
        self.text_filter.setObjectName("tasks.filter")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(lambda text: self.proxy.set_filters(text=text))
        self.type_filter = QComboBox(self)
        self.type_filter.setObjectName("tasks.type")
        self.type_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.type_filter.setMinimumContentsLength(8)
        self.type_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(type_id=str(self.type_filter.currentData() or ""))
        )
        self.vehicle_filter = QComboBox(self)
        self.vehicle_filter.setObjectName("tasks.vehicle")
        self.vehicle_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.vehicle_filter.setMinimumContentsLength(8)
        self.vehicle_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(
                vehicle_id=str(self.vehicle_filter.currentData() or "")
            )
        )
        filters = QHBoxLayout()
        filters.addWidget(self.text_filter, 2)
        filters.addWidget(self.type_filter, 1)
        filters.addWidget(self.vehicle_filter, 1)

        self.table = QTableView(self)
        self.table.setObjectName("tasks.table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(int(Col.AGE), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        width = self.fontMetrics().averageCharWidth()
        for col, chars in (
            (Col.ID, 17),
            (Col.STATE, 11),
            (Col.TYPE, 14),
            (Col.ROUTE, 11),
            (Col.VEHICLE, 8),
            (Col.PRIORITY, 5),
            (Col.AGE, 7),
            (Col.REASON, 26),
        ):
            header.resizeSection(int(col), width * chars + 20)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.vehicle_label = QLabel(self)
        self.vehicle_label.setObjectName("tasks.vehicle_label")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("tasks.reason")
        self.reason_edit.setClearButtonEnabled(True)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("tasks.feedback")
        self.feedback.setWordWrap(True)
        self.action_row = QGridLayout()
        self.action_row.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        operator_row = QHBoxLayout()
        operator_row.addWidget(self.vehicle_label, 1)
        operator_row.addWidget(self.reason_edit, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status_note)
        layout.addLayout(chip_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(operator_row)
        layout.addLayout(self.action_row)
        layout.addWidget(self.feedback)
        self._types: list[str] | None = None
        self._vehicles: list[str] | None = None
        self.retranslate()

    # ------------------------------------------------------------------ interface

    def add_action_button(self, key: str, button: QToolButton) -> None:
        """Show an action's button in the action row."""
        button.setParent(self)
        button.setObjectName(f"tasks.button.{key}")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row, col = divmod(len(self.buttons), ACTION_COLUMNS)
        self.buttons[key] = button
        self.action_row.addWidget(button, row, col)

    def bind(self, view: DispatchView | None, now: float) -> None:
        """Show ``view``'s tasks, or the "no dispatcher" state."""
        self.model.bind(view, now)
        self.refresh_choices()
        self._refresh_counts()
        self.retranslate()

    def apply(self, now: float) -> None:
        """Frame hook: apply the collected task changes."""
        if self.model.apply(now):
            self._refresh_counts()
            self.refresh_choices()

    def selected_task(self) -> str | None:
        """Return the id of the selected task, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(rows[0].data(TASK_ID_ROLE))

    def select_task(self, task_id: str) -> bool:
        """Select a task's row (clearing filters that hide it); return whether it is shown."""
        row = self.model.row_of(task_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            for chip in self.chips.values():
                chip.setChecked(True)
            self.type_filter.setCurrentIndex(0)
            self.vehicle_filter.setCurrentIndex(0)
            self.text_filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def set_vehicle(self, vehicle_id: str | None) -> None:
        """Show the selected vehicle and its dispatch status above the actions."""
        self._vehicle = vehicle_id
        self._show_vehicle()

    def say(self, text: str, error: bool = False) -> None:
        """Show the result of the last action (an error in the critical colour)."""
        t = self._theme.theme
        self.feedback.setStyleSheet(f"color: {t.critical if error else t.text};")
        self.feedback.setText(text)

    def refresh_choices(self) -> None:
        """Refill the type and vehicle filters when the sets changed (keeps the choice)."""
        view = self.model.view
        types = sorted({t.type_id for t in view.dispatcher.tasks.values()}) if view else []
        vehicles = sorted(view.dispatcher.vehicles) if view else []
        if types != self._types:
            self._types = types
            self._fill(self.type_filter, types, self.model.type_title, self.tr("All types"))
        if vehicles != self._vehicles:
            self._vehicles = vehicles
            self._fill(self.vehicle_filter, vehicles, ltr, self.tr("All vehicles"))
        self._show_vehicle()

    # ------------------------------------------------------------------ internals

    _vehicle: str | None = None

    def _fill(
        self, combo: QComboBox, keys: list[str], text: Callable[[str], str], any_text: str
    ) -> None:
        current = str(combo.currentData() or "")
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, "")
        for key in keys:
            combo.addItem(text(key), key)
        found = combo.findData(current)
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)
        if found < 0 and current:
            combo.currentIndexChanged.emit(0)

    def _show_vehicle(self) -> None:
        view = self.model.view
        vid = self._vehicle
        if view is None or vid is None:
            self.vehicle_label.setText(self.tr("No vehicle selected"))
            return
        vehicle = view.dispatcher.vehicles.get(vid)
        if vehicle is None:
            self.vehicle_label.setText(
                self.tr("Vehicle %1: not dispatched").replace("%1", ltr(vid))
            )
            return
        text = (
            self.tr("Vehicle %1: %2")
            .replace("%1", ltr(vid))
            .replace("%2", vehicle_status_text(vehicle.status.value))
        )
        if vehicle.held_by:
            text += " " + self.tr("(held by %1)").replace("%1", ltr(vehicle.held_by))
        pin = view.dispatcher.pins.get(vid)
        if pin is not None:
            text += " " + self.tr("(pinned to %1 by %2)").replace("%1", ltr(pin[0])).replace(
                "%2", ltr(pin[1])
            )
        self.vehicle_label.setText(text)

    def _chips_changed(self) -> None:
        self.proxy.set_filters(states=[s for s, c in self.chips.items() if c.isChecked()])

    def _selection_changed(self) -> None:
        self.sig_task_selected.emit(self.selected_task() or "")

    def _refresh_counts(self) -> None:
        counts = self.model.counts()
        for state, chip in self.chips.items():
            chip.setText(
                f"{STATE_SHAPES[state]} {task_state_text(state)} "
                f"({self._language.integer(counts[state])})"
            )

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language (the last result, worded before, is cleared)."""
        self.feedback.clear()
        if self.model.view is None:
            self.status_note.setText(
                self.tr(
                    "No dispatcher on this site: enable a sector pack with task types to "
                    "dispatch vehicles from here."
                )
            )
            self.status_note.show()
        else:
            self.status_note.hide()
        self.text_filter.setPlaceholderText(self.tr("Filter tasks: id, place, vehicle, type"))
        self.reason_edit.setPlaceholderText(self.tr("Reason for the override (recorded)"))
        self._types, self._vehicles = None, None  # refill: the "all" entries are words
        self.refresh_choices()
        self._refresh_counts()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Col) - 1)
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, len(Col) - 1)
            )
