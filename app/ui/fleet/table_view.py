"""The fleet table's view: repaints only the cells a frame changed.

``QAbstractItemView.dataChanged`` repaints the whole viewport for any range wider than one
cell.  A frame changes the speed, energy, link and last-seen columns of most rows (and the id,
class and task of almost none), so the view repaints only the rectangle a ``dataChanged``
names; the proxy (:mod:`app.ui.fleet.proxy`) emits one per run of changed rows and columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QRect
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTableView

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    ModelIndex = QModelIndex | QPersistentModelIndex


class FleetTableView(QTableView):
    """A ``QTableView`` whose ``dataChanged`` repaints the changed cells only."""

    def dataChanged(self, top_left: ModelIndex, bottom_right: ModelIndex, roles: Any = ()) -> None:
        """Repaint the rectangle of the changed range (the whole viewport in Qt's own)."""
        if (
            not top_left.isValid()
            or not bottom_right.isValid()
            or top_left == bottom_right
            or QAccessible.isActive()  # Qt's own also tells assistive technology
        ):
            super().dataChanged(top_left, bottom_right, roles)
            return
        model = self.model()
        top, bottom = top_left.row(), bottom_right.row()
        area = QRect()
        # Per column, so that columns the user moved are still covered.
        for column in range(top_left.column(), bottom_right.column() + 1):
            area = area.united(self.visualRect(model.index(top, column)))
            area = area.united(self.visualRect(model.index(bottom, column)))
        area = area.intersected(self.viewport().rect())
        if not area.isEmpty():
            self.viewport().update(area)
