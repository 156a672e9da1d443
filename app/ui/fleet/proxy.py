"""Sorting, filtering and grouping of the fleet table, vectorised with numpy.

A ``QSortFilterProxyModel`` compares rows through Python ``data()`` calls — 5,000 rows cost
about 120,000 of them per sort — and with dynamic sorting it re-sorts on every frame.  This
proxy keeps the visible order as a numpy permutation instead and recomputes it only when the
frame changed the values of the sort column (or a filtered column) or the user changed the
sort or the filter; otherwise a frame is forwarded as one ``dataChanged``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QPersistentModelIndex, Qt

from app.ui.fleet.model import ROLES, Column, FleetTableModel
from app.ui.map.glyphs import GlyphKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy.typing as npt

    ModelIndex = QModelIndex | QPersistentModelIndex

_FILTER_COLUMNS = frozenset({Column.ID, Column.CLASS, Column.STATE, Column.TASK})
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


MAX_ROW_RUNS = 16
"""More runs of changed rows than this in one frame are forwarded as one span."""


def column_runs(columns: Iterable[int]) -> list[tuple[int, int]]:
    """Return the contiguous ``(first, last)`` runs of a set of column numbers, in order."""
    return _runs(np.unique(np.fromiter(columns, dtype=np.int64)))


def _runs(values: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    """Return the contiguous ``(first, last)`` runs of sorted distinct integers."""
    if values.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(values) != 1)
    starts = np.concatenate([[values[0]], values[breaks + 1]])
    ends = np.concatenate([values[breaks], [values[-1]]])
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


class FleetProxyModel(QAbstractProxyModel):
    """The fleet table as shown: filtered by text and state group, sorted, grouped by class."""

    def __init__(self, source: FleetTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._rows: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._row_list: list[int] = []
        """``_rows`` as a list: a view asks for every visible cell's data several times per
        paint, and indexing a list is several times cheaper than a numpy scalar."""
        self._inverse: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._sort_column = Column.ID
        self._descending = False
        self._text = ""
        self._kinds: frozenset[GlyphKind] = frozenset(GlyphKind)
        self._group = False
        self._text_match: npt.NDArray[np.bool_] = np.zeros(0, dtype=bool)
        self.resorts = 0
        """How many times the order was recomputed (diagnostics and tests)."""
        self.setSourceModel(source)
        source.dataChanged.connect(self._source_data_changed)
        source.rowsInserted.connect(self._source_rows_inserted)
        source.modelReset.connect(self._relayout)
        source.headerDataChanged.connect(self.headerDataChanged)

    # ------------------------------------------------------------------ settings

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (called by the header)."""
        self._sort_column = Column(column) if 0 <= column < len(Column) else Column.ID
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._relayout()

    def sort_column(self) -> Column:
        """Return the column sorted by."""
        return self._sort_column

    def set_filter_text(self, text: str) -> None:
        """Show only vehicles whose id, class, state or task contains ``text`` (any case)."""
        self._text = text.strip().casefold()
        self._text_match = self._match_all()
        self._relayout()

    def set_kinds(self, kinds: Iterable[GlyphKind]) -> None:
        """Show only vehicles drawn with one of these glyph kinds (the state chips)."""
        self._kinds = frozenset(kinds)
        self._relayout()

    def kinds(self) -> frozenset[GlyphKind]:
        """Return the state groups shown."""
        return self._kinds

    def set_group_by_class(self, on: bool) -> None:
        """Group rows by vehicle class (class first, then the sort column)."""
        self._group = on
        self._relayout()

    # ------------------------------------------------------------------ ordering

    def _match_all(self) -> npt.NDArray[np.bool_]:
        src = self._source
        n = len(src.ids)
        if not self._text:
            return np.ones(n, dtype=bool)
        return np.fromiter(
            (self._text in src.search_text(i) for i in range(n)), dtype=bool, count=n
        )

    def _order(self) -> npt.NDArray[np.int64]:
        src = self._source
        n = len(src.ids)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        keep = np.isin(src.kind[:n], np.array(sorted(int(k) for k in self._kinds), dtype=np.int8))
        if self._text:
            if self._text_match.shape[0] != n:
                self._text_match = self._match_all()
            keep &= self._text_match
        rows = np.flatnonzero(keep)
        key = src.sort_key(self._sort_column)[rows]
        if self._descending:
            key = -key
        keys = [src.id_rank[rows], key]
        if self._group:
            keys.append(src.class_rank()[rows])
        self.resorts += 1
        return rows[np.lexsort(keys)]

    def _relayout(self) -> None:
        """Recompute the order and tell views (persistent indexes follow their vehicles)."""
        new_rows = self._order()
        if np.array_equal(new_rows, self._rows):
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_rows = self._rows
        self._rows = new_rows
        self._row_list = new_rows.tolist()
        n = len(self._source.ids)
        self._inverse = np.full(n, -1, dtype=np.int64)
        self._inverse[new_rows] = np.arange(new_rows.size)
        new_persistent = []
        for index in old_persistent:
            r = index.row()
            target = int(self._inverse[old_rows[r]]) if 0 <= r < old_rows.size else -1
            new_persistent.append(
                self.index(target, index.column()) if target >= 0 else QModelIndex()
            )
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()

    def _source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        del parent, first, last
        if self._text:
            self._text_match = self._match_all()
        self._relayout()

    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any = ()
    ) -> None:
        del roles
        src = self._source
        changed = src.changed_rows
        columns = src.changed_columns
        if self._text and changed.size and columns & {Column.TASK, Column.STATE, Column.CLASS}:
            self._text_match[changed] = [self._text in src.search_text(int(i)) for i in changed]
        membership = bool(columns & _FILTER_COLUMNS) and (
            bool(self._text) or len(self._kinds) < len(GlyphKind)
        )
        if self._sort_column in columns or membership or (self._group and Column.CLASS in columns):
            before = self._rows
            self._relayout()
            if self._rows is not before:
                return  # the layout change repaints the view
        if src.in_frame:
            rows = changed
            runs = column_runs(int(c) for c in columns)
        else:  # not a frame (language, digits, theme): exactly the rectangle the source names
            rows = np.arange(top_left.row(), bottom_right.row() + 1)
            runs = [(top_left.column(), bottom_right.column())]
        proxy_rows = (
            self._inverse[rows[rows < self._inverse.size]] if self._inverse.size else rows[:0]
        )
        proxy_rows = proxy_rows[proxy_rows >= 0]
        if proxy_rows.size:
            # One signal per run of changed rows and columns: the view repaints only those
            # cells (speed, energy, link and last seen change every frame; id, class and task
            # seldom, and their text is the widest to lay out).  Rows scattered by the sort
            # order are sent as one span rather than as hundreds of signals.
            row_runs = _runs(np.unique(proxy_rows))
            if len(row_runs) > MAX_ROW_RUNS:
                row_runs = [(int(proxy_rows.min()), int(proxy_rows.max()))]
            for top, bottom in row_runs:
                for left, right in runs:
                    self.dataChanged.emit(self.index(top, left), self.index(bottom, right))

    # ------------------------------------------------------------------ mapping

    def mapToSource(self, proxy_index: ModelIndex) -> QModelIndex:
        """Return the source cell shown at a proxy cell."""
        if not proxy_index.isValid() or not 0 <= proxy_index.row() < self._rows.size:
            return QModelIndex()
        return self._source.index(int(self._rows[proxy_index.row()]), proxy_index.column())

    def mapFromSource(self, source_index: ModelIndex) -> QModelIndex:
        """Return where a source cell is shown (invalid when filtered out)."""
        if not source_index.isValid() or not 0 <= source_index.row() < self._inverse.size:
            return QModelIndex()
        row = int(self._inverse[source_index.row()])
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    def source_row(self, proxy_row: int) -> int:
        """Return the source row shown at ``proxy_row``."""
        return int(self._rows[proxy_row])

    def proxy_row(self, source_row: int) -> int:
        """Return where a source row is shown, ``-1`` when filtered out."""
        if 0 <= source_row < self._inverse.size:
            return int(self._inverse[source_row])
        return -1

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's signature
        """Return a proxy cell."""
        if parent.isValid() or not (0 <= row < self._rows.size and 0 <= column < len(Column)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 - Qt's signature
        """Return no parent: the table is flat."""
        del child
        return QModelIndex()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Return how many vehicles are shown."""
        return 0 if parent.isValid() else int(self._rows.size)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Return the number of columns."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the source's column titles (rows have no header)."""
        if orientation == Qt.Orientation.Horizontal:
            return self._source.headerData(section, orientation, role)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return the source cell's data."""
        # The hot path of a paint: roles the table never answers are refused before the
        # index is even looked at.
        if int(role) not in ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._row_list):
            return None
        return self._source.cell(self._row_list[row], index.column(), role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Return the same flags for every cell (read-only, selectable) without mapping it."""
        # The default maps every painted cell to the source (two more Python calls per cell).
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
