"""The Edge links panel: every edge node's state, round trip, message rate and reconnects.

Connect / disconnect act on the site service (``add_endpoint`` / ``remove_endpoint``); a
disconnected endpoint stays listed (state "disconnected") so it can be connected again.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.ui.alerts.log import Severity
from app.ui.language import ltr
from app.ui.table_fit import ColumnFitter
from edge.protocol.messages import LinkState

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable, Coroutine

    from app.core.service import SiteService
    from app.ui.alerts.log import AlertLog
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
COLUMNS = 8
STATE_SHAPES = {LinkState.CONNECTED: "●", LinkState.DEGRADED: "▲", LinkState.OFFLINE: "✕"}


def check_endpoint(text: str) -> str:
    """Return the normalised ``ws://host:port`` address, or raise ``ValueError`` saying why."""
    url = text.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss"):
        raise ValueError(
            QCoreApplication.translate(
                "EdgeLinksPanel", "The address must start with ws:// or wss:// (for example %1)."
            ).replace("%1", ltr("ws://10.0.0.5:8765"))
        )
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None:
        raise ValueError(
            QCoreApplication.translate(
                "EdgeLinksPanel", "The address needs a host and a port, as in %1."
            ).replace("%1", ltr("ws://10.0.0.5:8765"))
        )
    return url


class EdgeLinksModel(QAbstractTableModel):
    """One row per endpoint the console knows (connected, reconnecting or disconnected)."""

    def __init__(
        self,
        service: SiteService,
        language: LanguageManager,
        theme: ThemeManager,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._language = language
        self._theme = theme
        self._clock = clock
        self.urls: list[str] = list(service.links)
        self._rates: dict[str, float] = {}
        self._last: dict[str, tuple[float, int]] = {}

    def refresh(self) -> None:
        """Re-read the links' figures (call about once a second)."""
        now = self._clock()
        for url, link in self._service.links.items():
            frames = link.stats.frames_in
            before = self._last.get(url)
            if before is not None and now > before[0]:
                self._rates[url] = (frames - before[1]) / (now - before[0])
            self._last[url] = (now, frames)
        new = [u for u in self._service.links if u not in self.urls]
        if new:
            self.beginInsertRows(QModelIndex(), len(self.urls), len(self.urls) + len(new) - 1)
            self.urls.extend(new)
            self.endInsertRows()
        if self.urls:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.urls) - 1, COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    @override
    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.urls)

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
            QCoreApplication.translate("EdgeLinksModel", "Edge node"),
            QCoreApplication.translate("EdgeLinksModel", "State"),
            QCoreApplication.translate("EdgeLinksModel", "Round trip"),
            QCoreApplication.translate("EdgeLinksModel", "Messages/s"),
            QCoreApplication.translate("EdgeLinksModel", "Vehicles"),
            QCoreApplication.translate("EdgeLinksModel", "Reconnects"),
            QCoreApplication.translate("EdgeLinksModel", "Address"),
            QCoreApplication.translate("EdgeLinksModel", "Last error"),
        )[section]

    def state_text(self, url: str) -> tuple[str, str]:
        """Return (shape + translated state, colour) of an endpoint."""
        t = self._theme.theme
        link = self._service.links.get(url)
        if link is None:
            return "○ " + QCoreApplication.translate("EdgeLinksModel", "Disconnected"), t.muted
        state = link.stats.state
        if not link.stats.connected:
            return "✕ " + QCoreApplication.translate("EdgeLinksModel", "Reconnecting"), t.critical
        text = {
            LinkState.CONNECTED: QCoreApplication.translate("EdgeLinksModel", "Connected"),
            LinkState.DEGRADED: QCoreApplication.translate("EdgeLinksModel", "Degraded"),
            LinkState.OFFLINE: QCoreApplication.translate("EdgeLinksModel", "Offline"),
        }[state]
        colour = {LinkState.CONNECTED: t.ok, LinkState.DEGRADED: t.warning}.get(state, t.critical)
        return f"{STATE_SHAPES[state]} {text}", colour

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        url = self.urls[index.row()]
        link = self._service.links.get(url)
        col = index.column()
        lang = self._language
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QColor(self.state_text(url)[1])
        if role == Qt.ItemDataRole.ToolTipRole and col == 7 and link is not None:
            return ltr(link.stats.last_error)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return ltr(link.stats.node_id or "—") if link is not None else "—"
        if col == 1:
            return self.state_text(url)[0]
        if col == 6:
            return ltr(url)
        if link is None:
            return ""
        stats = link.stats
        if col == 2:
            if stats.rtt_s is None or not stats.connected:
                return "—"
            return QCoreApplication.translate("EdgeLinksModel", "%1 ms").replace(
                "%1", lang.number(stats.rtt_s * 1e3, 1)
            )
        if col == 3:
            return lang.number(self._rates.get(url, 0.0), 1)
        if col == 4:
            return lang.integer(stats.vehicles)
        if col == 5:
            return lang.integer(stats.reconnects)
        return ltr(stats.last_error) if stats.last_error else ""


class EdgeLinksPanel(QWidget):
    """The edge links table with connect, disconnect and add-endpoint actions.

    Parameters
    ----------
    service
        The site service whose links are shown and changed.
    log
        Where endpoint changes are recorded.
    spawn
        Runs a coroutine on the console's loop (errors are reported by the window).
    """

    def __init__(
        self,
        service: SiteService,
        language: LanguageManager,
        theme: ThemeManager,
        log: AlertLog,
        spawn: Callable[[Coroutine[Any, Any, Any]], asyncio.Future[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.links")
        self._service = service
        self._log = log
        self._spawn = spawn
        self.model = EdgeLinksModel(service, language, theme, self)
        self.table = QTableView(self)
        self.table.setObjectName("links.table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # a long list stays cheap
        self.table.horizontalHeader().setStretchLastSection(True)
        self.fitter = ColumnFitter(self.table)
        self.connect_button = QPushButton(self)
        self.disconnect_button = QPushButton(self)
        self.address = QLineEdit(self)
        self.address.setObjectName("links.address")
        self.add_button = QPushButton(self)
        self.error = QLabel(self)
        self.error.setObjectName("links.error")
        self.error.setWordWrap(True)
        self.error.hide()

        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addWidget(self.disconnect_button)
        row.addStretch(1)
        add = QHBoxLayout()
        add.addWidget(self.address, 1)
        add.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addLayout(add)
        layout.addWidget(self.error)

        self.connect_button.clicked.connect(self.connect_selected)
        self.disconnect_button.clicked.connect(self.disconnect_selected)
        self.add_button.clicked.connect(self.add_from_field)
        self.address.returnPressed.connect(self.add_from_field)
        self.retranslate()

    def selected_url(self) -> str | None:
        """Return the endpoint of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.urls[rows[0].row()] if rows else None

    def add_endpoint(self, text: str) -> asyncio.Future[Any] | None:
        """Validate and add an endpoint; show what is wrong instead when it is invalid."""
        try:
            url = check_endpoint(text)
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None
        self.error.hide()
        self.address.clear()
        return self._spawn(self._add(url))

    async def _add(self, url: str) -> None:
        await self._service.add_endpoint(url)
        self._log.add(time.time(), Severity.INFO, "endpoint_added", url=url)
        self.model.refresh()

    def add_from_field(self) -> None:
        """Add the endpoint typed in the address field."""
        self.add_endpoint(self.address.text())

    def connect_selected(self) -> asyncio.Future[Any] | None:
        """Connect the selected endpoint again (if it was disconnected)."""
        url = self.selected_url()
        if url is None or url in self._service.links:
            return None
        return self._spawn(self._add(url))

    def disconnect_selected(self) -> asyncio.Future[Any] | None:
        """Disconnect from the selected endpoint (it stays listed, to connect again)."""
        url = self.selected_url()
        if url is None or url not in self._service.links:
            return None
        return self._spawn(self._remove(url))

    async def _remove(self, url: str) -> None:
        await self._service.remove_endpoint(url)
        self._log.add(time.time(), Severity.WARNING, "endpoint_removed", url=url)
        self.model.refresh()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.connect_button.setText(self.tr("Connect"))
        self.connect_button.setToolTip(self.tr("Connect to the selected edge node again"))
        self.disconnect_button.setText(self.tr("Disconnect"))
        self.disconnect_button.setToolTip(
            self.tr("Close the link to the selected edge node; its vehicles keep running safely")
        )
        self.address.setPlaceholderText(
            self.tr("New edge node address, e.g. %1").replace("%1", ltr("ws://10.0.0.5:8765"))
        )
        self.address.setToolTip(self.tr("Address of an edge node to connect to"))
        self.add_button.setText(self.tr("Add endpoint"))
        self.add_button.setToolTip(self.tr("Connect to the edge node at this address"))
        self.model.refresh()
