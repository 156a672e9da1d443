"""The assist queue as a Qt table: open requests in queue order, refreshed once per frame.

The model keeps no copy of a request's state: rows are request ids in the order of
:meth:`app.core.assist.AssistQueue.open_items` and every cell is read from the queue.  Once
per frame :meth:`AssistQueueTableModel.refresh` drains the queue's changed ids: the row order
is rebuilt only when requests changed (a reset, the view restores its selection by id),
otherwise only the countdown column moves on.  A surge of messages is one refresh.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from typing_extensions import override

from app.ui.assist.texts import (
    countdown_colour,
    countdown_text,
    criticality_colour,
    criticality_text,
)
from app.ui.language import ltr

if TYPE_CHECKING:
    from app.core.assist import AssistItem, AssistQueue
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
COL_CRITICALITY, COL_VEHICLE, COL_DEADLINE, COL_LINK, COL_SIMILAR, COL_OWNER = range(6)
COLUMNS = 6
REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole
"""Each row's request id."""


class AssistQueueTableModel(QAbstractTableModel):
    """Open assist requests, most urgent first (criticality, priority, deadline, age).

    Parameters
    ----------
    queue
        The site service's assist queue (the truth; never copied).
    language, theme
        Formatting and colours.
    operator
        Who "me" is in the owner column.
    """

    def __init__(
        self,
        queue: AssistQueue,
        language: LanguageManager,
        theme: ThemeManager,
        operator: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._language = language
        self._theme = theme
        self.operator = operator
        self.ids: list[str] = []
        self._similar: dict[str, int] = {}
        self._now = 0.0
        self.resets = 0
        """How many times the row order was rebuilt (a refresh with changes)."""

    # ------------------------------------------------------------------ refresh

    def refresh(self, now: float) -> set[str]:
        """Apply the queue's changes since the previous frame; return the changed ids."""
        changed = self._queue.drain_changed()
        if changed:
            self._now = now
            self.beginResetModel()
            items = self._queue.open_items()
            self.ids = [i.request_id for i in items]
            counts: dict[tuple[str, str], int] = {}
            for i in items:
                if i.aggregate_key:
                    key = (i.node_id, i.aggregate_key)
                    counts[key] = counts.get(key, 0) + 1
            self._similar = {
                i.request_id: counts.get((i.node_id, i.aggregate_key), 1) for i in items
            }
            self.resets += 1
            self.endResetModel()
        elif self.ids and math.floor(now) != math.floor(self._now):
            # Only the countdowns moved on. They show whole seconds, so they are redrawn when
            # the second changes, not every frame: each redraw re-measures the column (about
            # 30 times the work at 30 fps, bench/console.py --assist).
            self._now = now
            last = len(self.ids) - 1
            self.dataChanged.emit(self.index(0, COL_DEADLINE), self.index(last, COL_DEADLINE))
        return changed

    def item(self, row: int) -> AssistItem | None:
        """Return the request shown in ``row`` (``None`` if it is gone)."""
        if 0 <= row < len(self.ids):
            return self._queue.get(self.ids[row])
        return None

    def row_of(self, request_id: str | None) -> int:
        """Return the row of ``request_id``, or -1."""
        try:
            return self.ids.index(request_id) if request_id is not None else -1
        except ValueError:
            return -1

    def similar(self, request_id: str) -> int:
        """How many open requests one answer to ``request_id`` may resolve (itself included)."""
        return self._similar.get(request_id, 1)

    # ------------------------------------------------------------------ Qt model

    @override
    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    @override
    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else COLUMNS

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("AssistQueueTableModel", "Criticality"),
            QCoreApplication.translate("AssistQueueTableModel", "Vehicle"),
            QCoreApplication.translate("AssistQueueTableModel", "Deadline"),
            QCoreApplication.translate("AssistQueueTableModel", "Link"),
            QCoreApplication.translate("AssistQueueTableModel", "Similar"),
            QCoreApplication.translate("AssistQueueTableModel", "Owner"),
        )[section]

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        col = index.column()
        if role == REQUEST_ID_ROLE:
            return item.request_id
        theme = self._theme.theme
        remaining = item.remaining_s(self._now)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_CRITICALITY:
                return QColor(criticality_colour(item.criticality, theme))
            if col == COL_DEADLINE:
                return QColor(countdown_colour(remaining, theme))
            if col == COL_LINK and item.link_down:
                return QColor(theme.critical)
            if col == COL_OWNER and item.owner == self.operator:
                return QColor(theme.accent)
            return None
        if role == Qt.ItemDataRole.FontRole and col in (COL_CRITICALITY, COL_DEADLINE):
            font = QFont()
            font.setBold(item.criticality == "critical" or remaining <= 20.0)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_LINK and item.link_down:
            return QCoreApplication.translate(
                "AssistQueueTableModel",
                "The link to this request's edge node is down: no claim or answer can reach it "
                "until it returns (the edge applies the fallback at the deadline).",
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == COL_CRITICALITY:
            return criticality_text(item.criticality)
        if col == COL_VEHICLE:
            return ltr(item.vehicle_id)
        if col == COL_DEADLINE:
            return countdown_text(remaining, self._language)
        if col == COL_OWNER:
            if item.owner is None:
                if item.min_role == "supervisor":
                    return QCoreApplication.translate("AssistQueueTableModel", "supervisors")
                return "—"
            if item.owner == self.operator:
                return QCoreApplication.translate("AssistQueueTableModel", "me")
            return ltr(item.owner)
        if col == COL_SIMILAR:
            count = self.similar(item.request_id)
            return f"×{self._language.integer(count)}" if count > 1 else ""
        if col == COL_LINK:
            if item.link_down:
                return "⚠ " + QCoreApplication.translate("AssistQueueTableModel", "down")
            return "✓"
        return None
