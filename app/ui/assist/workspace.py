"""The console's assist workspace: the queue, one request in detail, and the answers.

Layout (mirrored in right-to-left languages): the backlog line and a cue for new critical
requests on top; the queue (:class:`~app.ui.assist.model.AssistQueueTableModel`); then the
selected request's detail pane, map inset and 60-second telemetry plot; then the answer
buttons, each showing its key.  Keyboard first: ``N`` next open request, ``C`` claim, ``Y`` /
Enter confirm, ``D`` deny, ``H`` hold, ``S`` safe stop, ``O`` override, ``T`` transfer...

The workspace is a frame-clock view: once per frame it drains the queue's changes
(:meth:`AssistQueue.drain_changed`), updates the table, the pane and the live plot, and cues
new critical requests (a critical alert: the alerts' sound and its mute setting, and the
banner).  Commands go to :class:`~app.core.service.SiteService` (``assist_claim``,
``assist_answer``, ``assist_release``, ``assist_transfer``); the edge node's reply (granted,
owned by someone else, refused with its reason) shows in the pane, never in a dialog.
Buttons and keys are enabled only when the command can be valid: claimed by me, link up,
role allows.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.core.dispatch.events import RouteAssigned
from app.ui.alerts.log import Severity
from app.ui.assist.answers import AssistAnswers
from app.ui.assist.commands import COMMANDS, AssistKeys, make_button, register_commands
from app.ui.assist.detail import AssistDetailPane
from app.ui.assist.inset import AssistMapInset
from app.ui.assist.model import AssistQueueTableModel
from app.ui.assist.plot import AssistTelemetryPlot
from app.ui.assist.routes import ROUTE_KEYS, AssistRoutes
from app.ui.language import ltr
from app.ui.table_fit import ColumnFitter

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Coroutine, Mapping

    from PySide6.QtGui import QAction

    from app.core.assist import AssistItem
    from app.core.fleet.state import FleetState
    from app.core.service import SiteService
    from app.ui.actions import ActionRegistry
    from app.ui.alerts.log import AlertLog
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager
    from maps.site import Site

log = logging.getLogger(__name__)

SEEN_MAX = 20_000
"""Request ids remembered for the critical cue (a re-sent request does not cue again)."""
ROUTES_MAX = 5_000
"""Routes remembered for the inset (one per vehicle; the oldest is forgotten first)."""


class AssistWorkspace(QWidget):
    """The assist workspace (see the module docstring).

    Parameters
    ----------
    service
        Its ``assist`` queue is shown; its ``assist_*`` commands are sent.
    site
        For the map inset and the names of zones.
    language, theme
        Formatting, language and colours.
    alerts
        New critical requests are logged here as critical alerts (sound and banner).
    operator
        Who claims and answers from this console.
    spawn
        Runs a command coroutine on the console's loop.
    """

    sig_counts_changed = Signal(int, int)
    """Open and critical open requests changed (the window shows them on the dock's title)."""
    sig_critical_arrived = Signal(str)
    """A critical request arrived that this console had not seen (its id)."""
    sig_vehicle_activated = Signal(str)
    """The operator double-clicked a request: show its vehicle on the main map."""

    def __init__(
        self,
        service: SiteService,
        site: Site,
        language: LanguageManager,
        theme: ThemeManager,
        alerts: AlertLog,
        operator: str,
        spawn: Callable[[Coroutine[Any, Any, Any]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.assist")
        self.service = service
        self.queue = service.assist
        self._site = site
        self._language = language
        self.language = language
        self._theme = theme
        self._alerts = alerts
        self.operator = operator
        self._spawn = spawn
        self.selected_id: str | None = None
        self._now = 0.0
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._routes: OrderedDict[str, tuple[tuple[float, float], ...]] = OrderedDict()
        self._counts = (0, 0)
        self._inset_at: tuple[int, int] | None = None
        self.cues = 0
        """Critical cues given (one per new critical request)."""
        self.commands: dict[str, QAction] = {}
        self.answers = AssistAnswers(self, service, site, spawn)
        self.routes = AssistRoutes(self, site, language, theme)

        self.backlog = QLabel(self)
        self.backlog.setObjectName("assist.backlog")
        self.cue = QLabel(self)
        self.cue.setObjectName("assist.cue")
        self.cue.hide()
        self.model = AssistQueueTableModel(self.queue, language, theme, operator, self)
        self.table = QTableView(self)
        self.table.setObjectName("assist.table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Measured by the fitter after changes settle, not by Qt at every reset and selection.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(50)
        header.setStretchLastSection(True)
        self.fitter = ColumnFitter(self.table, delay_ms=1000, manual=True)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._select_row(current.row())
        )
        self.table.doubleClicked.connect(self._activated)
        self.model.modelReset.connect(self._restore_selection)

        self.detail = AssistDetailPane(site, language, theme, self)
        self.inset = AssistMapInset(site, self)
        self.inset.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot = AssistTelemetryPlot(theme, self)
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.similar_box = QCheckBox(self)
        self.similar_box.setObjectName("assist.similar")
        self.similar_box.setChecked(True)
        self.similar_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.override_min = QSpinBox(self)
        self.override_min.setObjectName("assist.override_min")
        self.override_min.setRange(1, 10)
        self.override_min.setValue(10)
        self.transfer_to = QLineEdit(self)
        self.transfer_to.setObjectName("assist.transfer_to")
        self.transfer_to.setMaxLength(128)
        self.override_label = QLabel(self)
        self.buttons_box = QWidget(self)
        self.buttons_box.setObjectName("assist.buttons")
        self.buttons: dict[str, QWidget] = {}

        views = QWidget(self)
        views_row = QHBoxLayout(views)
        views_row.setContentsMargins(0, 0, 0, 0)
        views_row.addWidget(self.inset, 2)
        views_row.addWidget(self.plot, 3)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(views, 1)
        lower_layout.addWidget(self.routes.panel, 1)
        lower_layout.addWidget(self.buttons_box)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("assist.splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.backlog)
        layout.addWidget(self.cue)
        layout.addWidget(self.splitter, 1)

        self.keys: AssistKeys | None = None
        service.bus.subscribe(RouteAssigned, self._on_route)
        theme.sig_theme_changed.connect(self._restyle)
        language.sig_digits_changed.connect(lambda _on: self.retranslate())
        self._restyle(theme.theme.key)
        self.retranslate()

    # ------------------------------------------------------------------ commands and keys

    def register_actions(self, registry: ActionRegistry) -> None:
        """Register the workspace's commands (palette) and lay out their buttons."""
        slots: dict[str, Callable[[], object]] = {
            "assist.next": self.select_next,
            "assist.down": lambda: self._step(1),
            "assist.up": lambda: self._step(-1),
            "assist.claim": self.answers.claim,
            "assist.confirm": lambda: self.answers.answer("confirm"),
            "assist.deny": lambda: self.answers.answer("deny"),
            "assist.hold": lambda: self.answers.answer("hold"),
            "assist.safe_stop": lambda: self.answers.answer("safe_stop"),
            "assist.reroute": self.choose_route,
            "assist.override": lambda: self.answers.answer("override"),
            "assist.close_zone": lambda: self.answers.answer("close_zone"),
            "assist.open_zone": lambda: self.answers.answer("open_zone"),
            "assist.release": self.answers.release,
            "assist.transfer": self.answers.transfer,
        }
        self.commands = register_commands(registry, slots, self)
        grid = QGridLayout(self.buttons_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        order = [c for c in COMMANDS if c.key not in ("assist.down", "assist.up")]
        for n, command in enumerate(order):
            button = make_button(command, self.commands[command.key], self.buttons_box)
            self.buttons[command.key] = button
            grid.addWidget(button, n // 4, n % 4)
        extras = QHBoxLayout()
        extras.addWidget(self.similar_box)
        extras.addStretch(1)
        extras.addWidget(self.override_label)
        extras.addWidget(self.override_min)
        extras.addWidget(self.transfer_to, 1)
        grid.addLayout(extras, (len(order) + 3) // 4, 0, 1, 4)
        self.keys = AssistKeys(self.commands, self)
        self.keys.keeps = self._chooser_keeps
        self.keys.install(self)
        self.answers.update_actions()

    def _chooser_keeps(self, watched: QObject, key: int) -> bool:
        panel = self.routes.panel
        inside = isinstance(watched, QWidget) and (watched is panel or panel.isAncestorOf(watched))
        return inside and key in ROUTE_KEYS

    def choose_route(self) -> None:
        """Show the dispatcher's routes for the selected request's vehicle (key R)."""
        item = self.current_item()
        if item is not None:
            self.routes.open(item)

    # ------------------------------------------------------------------ selection

    def current_item(self) -> AssistItem | None:
        """Return the selected request (open or just closed), or ``None``."""
        return None if self.selected_id is None else self.queue.get(self.selected_id)

    def select_request(self, request_id: str | None) -> None:
        """Select ``request_id`` in the queue (``None`` clears the selection)."""
        self.selected_id = request_id
        row = self.model.row_of(request_id)
        selection = self.table.selectionModel()
        if row >= 0:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        self._show_selected(new=True)

    def select_next(self) -> None:
        """Select the next open request nobody owns (wrapping), else the next one at all."""
        nxt = self.queue.next_open(self.selected_id) or self.queue.next_open(
            self.selected_id, unclaimed_only=False
        )
        if nxt is not None:
            self.select_request(nxt)

    def _step(self, delta: int) -> None:
        if not self.model.ids:
            return
        row = self.model.row_of(self.selected_id)
        row = 0 if row < 0 else max(0, min(len(self.model.ids) - 1, row + delta))
        self.select_request(self.model.ids[row])

    def _select_row(self, row: int) -> None:
        if row < 0:
            return
        request_id = self.model.ids[row] if row < len(self.model.ids) else None
        if request_id is not None and request_id != self.selected_id:
            self.selected_id = request_id
            self._show_selected(new=True)

    def _restore_selection(self) -> None:
        # A reset drops Qt's selection; the selected request stays selected by id (a closed
        # one stays in the detail pane, with its outcome, until the operator moves on).
        row = self.model.row_of(self.selected_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _activated(self, index: Any) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.sig_vehicle_activated.emit(item.vehicle_id)

    def _show_selected(self, *, new: bool) -> None:
        item = self.current_item()
        if new:
            self.routes.follow_selection(self.selected_id)
        self.detail.show_item(
            item,
            self._now,
            operator=self.operator,
            similar=1 if item is None else self.model.similar(item.request_id),
        )
        if new:
            reply = None if item is None else self.answers.replies.get(item.request_id)
            if reply is None:
                self.detail.show_reply("", ok=True)
            else:
                self.detail.show_reply(reply[0], ok=reply[1])
            if item is None:
                self.inset.clear()
                self.plot.show_vehicle(None, ())
            else:
                self.plot.show_vehicle(item.vehicle_id, item.history)
                record = self.service.fleet.get(item.vehicle_id)
                if record is not None and record.sample is not None:
                    self.plot.add_sample(record.sample)
                self._inset_at = None
                self._update_inset(item)
            self.plot.redraw(self._now)
        self.answers.update_actions()

    def refresh_inset(self) -> None:
        """Repaint the inset for the selected request (a route previewed or dropped)."""
        item = self.current_item()
        if item is not None:
            self._inset_at = None
            self._update_inset(item)

    def _update_inset(self, item: AssistItem) -> None:
        record = self.service.fleet.get(item.vehicle_id)
        sample = record.sample if record is not None and record.sample is not None else item.context
        at = (round(sample.x), round(sample.y))
        if at == self._inset_at:
            return  # the vehicle waits where it was: nothing to repaint
        self._inset_at = at
        track = [(s.x, s.y) for s in item.history]
        track.append((sample.x, sample.y))
        route = self._routes.get(item.vehicle_id, ())
        if self.routes.preview and self.routes.request_id == item.request_id:
            route = self.routes.preview  # the route the operator is weighing
        dispatch = self.service.dispatch
        if not route and dispatch is not None:
            assigned = dispatch.route_of(item.vehicle_id)
            route = assigned.polyline if assigned is not None else ()
        self.inset.show_vehicle(
            sample.x,
            sample.y,
            sample.heading_deg,
            zone=self.answers.zone_of(item),
            track=track,
            route=route,
        )

    def _on_route(self, event: RouteAssigned) -> None:
        self._routes[event.vehicle_id] = event.polyline
        self._routes.move_to_end(event.vehicle_id)
        while len(self._routes) > ROUTES_MAX:
            self._routes.popitem(last=False)

    # ------------------------------------------------------------------ frames

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Frame clock entry point: the queue's changes, countdowns and the live plot."""
        self._now = now
        ids = self.model.refresh(now)
        if ids:
            self._cue_new_critical(ids, now)
            self._update_counts()
        item = self.current_item()
        if item is not None and self.plot.vehicle_id is not None:
            if item.vehicle_id in changed:
                record = fleet.get(item.vehicle_id)
                if record is not None and record.sample is not None:
                    self.plot.add_sample(record.sample)
                    self._update_inset(item)
            self.plot.redraw(now)
        if ids or item is not None:
            self._show_selected(new=False)
        self._update_backlog(now)

    def _cue_new_critical(self, ids: set[str], now: float) -> None:
        for request_id in sorted(ids):
            if request_id in self._seen:
                continue
            item = self.queue.get(request_id)
            if item is None:
                continue
            self._seen[request_id] = None
            if len(self._seen) > SEEN_MAX:
                self._seen.popitem(last=False)
            if item.criticality == "critical" and item.is_open:
                self.cues += 1
                # A critical alert: the alerts' beep (muted with them) and the banner.
                self._alerts.add(
                    now,
                    Severity.CRITICAL,
                    "assist_critical",
                    vehicle_id=item.vehicle_id,
                    request=item.request_id,
                )
                self.cue.setText(
                    "▲ "
                    + self.tr("New critical request: vehicle %1. Press N to select it.").replace(
                        "%1", ltr(item.vehicle_id)
                    )
                )
                self.cue.show()
                self.sig_critical_arrived.emit(request_id)
        backlog = self.queue.backlog(now)
        if backlog.critical == 0:
            self.cue.hide()

    def _update_counts(self) -> None:
        backlog = self.queue.backlog(self._now)
        counts = (backlog.open, backlog.critical)
        if counts != self._counts:
            self._counts = counts
            self.sig_counts_changed.emit(*counts)

    def _update_backlog(self, now: float) -> None:
        b = self.queue.backlog(now)
        lang = self._language
        text = (
            self.tr(
                "Open %1 (unclaimed %2, critical %3) · oldest %4 s · answered %5/h · expired %6/h"
            )
            .replace("%1", lang.integer(b.open))
            .replace("%2", lang.integer(b.unclaimed))
            .replace("%3", lang.integer(b.critical))
            .replace("%4", lang.integer(int(b.oldest_age_s)))
            .replace("%5", lang.integer(b.answered_per_hour))
            .replace("%6", lang.integer(b.expired_per_hour))
        )
        down = self.queue.links_down()
        if down:
            text += " · ⚠ " + self.tr("%1 on a link that is down").replace("%1", lang.integer(down))
        if self.backlog.text() != text:
            self.backlog.setText(text)

    # ------------------------------------------------------------------ settings

    def set_operator(self, operator: str) -> None:
        """Claim and answer as ``operator`` from now on."""
        self.operator = operator
        self.model.operator = operator
        self.answers.update_actions()

    def set_pack_texts(self, texts: Mapping[str, Mapping[str, str]]) -> None:
        """Use the packs' display texts (by language, then record id) for rule reasons."""
        self.detail.pack_texts = texts
        self._show_selected(new=False)

    def _restyle(self, key: str) -> None:
        t = self._theme.theme
        self.cue.setStyleSheet(
            f"background: {t.critical}; color: #ffffff; font-weight: bold; padding: 3px;"
        )
        # A disabled answer must not look ready: the theme colours only enabled ones.
        self.buttons_box.setStyleSheet(
            f"QPushButton:disabled {{ background: {t.panel}; color: {t.muted}; "
            f"border: 1px solid {t.border}; font-weight: normal; }}"
        )
        self.inset.set_style(key)

    # ------------------------------------------------------------------ language

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.similar_box.setText(self.tr("Answer all alike"))
        self.similar_box.setToolTip(
            self.tr("One answer resolves every open request at the same place for the same reason")
        )
        self.override_label.setText(self.tr("Override minutes"))
        self.override_min.setToolTip(self.tr("How long an override lasts (your role's limit)"))
        self.transfer_to.setPlaceholderText(self.tr("Transfer to (empty: supervisors)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self._update_backlog(self._now)
        self._show_selected(new=False)
