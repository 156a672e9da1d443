"""Keep a table's content-sized columns fitted as rows come and go.

``QHeaderView.ResizeMode.ResizeToContents`` measures a column when the view lays itself out,
but rows inserted above existing ones (the alert log's newest-first order) or data changed in
place do not always trigger that layout: the column keeps the width of the first rows it saw
and a longer text ("▲ Warning", a vehicle id) is elided.  :class:`ColumnFitter` asks the
header to re-measure after such changes, at most once per ``delay_ms`` however many rows a
burst brings (a fleet-wide stop adds thousands at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

FIT_DELAY_MS = 200
"""How long a burst of changes is gathered before the columns are measured again."""


class ColumnFitter(QObject):
    """Re-measure ``view``'s content-sized columns after its model changes (coalesced).

    Parameters
    ----------
    view
        A table whose header has content-sized sections; its current model is watched.
    delay_ms
        Changes within this time are answered by one measurement.
    manual
        The header's sections are ``Interactive``: this fitter is their only measurement
        (every column but a stretched last one).  Use it where Qt's own ``ResizeToContents``
        measures too often: it re-measures on every model reset and selection change, 20 ms
        a time for the assist queue's 100 rows.
    """

    def __init__(
        self, view: QTableView, delay_ms: int = FIT_DELAY_MS, *, manual: bool = False
    ) -> None:
        super().__init__(view)
        self._view = view
        self._manual = manual
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.fit_now)
        model = view.model()
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.modelReset,
            model.layoutChanged,
            model.dataChanged,
        ):
            signal.connect(self.schedule)

    def schedule(self, *_: object) -> None:
        """Measure again soon (a pending measurement covers this change too)."""
        if not self._timer.isActive():
            self._timer.start()

    def fit_now(self) -> None:
        """Measure the content-sized columns now."""
        self._timer.stop()
        header = self._view.horizontalHeader()
        if not self._manual:
            header.resizeSections()
            return
        last = header.count() - 1
        for col in range(header.count()):
            if not (col == last and header.stretchLastSection()):
                self._view.resizeColumnToContents(col)
