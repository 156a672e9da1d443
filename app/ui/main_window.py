"""The console's main window: dockable panels around the site map, one frame clock.

Panels are dock widgets whose arrangement persists (QSettings) and can be reset; sector packs
and later features add theirs with :meth:`ConsoleWindow.add_panel`.  The frame clock drives
the map, the fleet table, the assist queue and the alert watcher from one drain of the fleet's
changes per frame; a one-second poller reads the site status for the KPIs, the edge links and
the status bar.  Commands that change the site (emergency stop, resume) are confirmed in a
banner, never a modal dialog, so live updates continue while the operator decides.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QChildEvent, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenuBar,
    QTabBar,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.core.bus import ZonesClosedChanged
from app.core.errors import CoreError
from app.ui.actions import QT_TRANSLATE_NOOP, ActionRegistry
from app.ui.alerts.log import Alert, AlertLog, Severity
from app.ui.alerts.sources import AlertWatcher
from app.ui.assist import AssistWorkspace
from app.ui.banners import ConfirmBar, CriticalBanner
from app.ui.dispatch.console import DispatchConsole
from app.ui.dock_tabs import keep_titles_whole
from app.ui.fleet.panel import FleetPanel
from app.ui.frame_clock import FRAME_HZ, FrameClock
from app.ui.language import LANGUAGES, ltr
from app.ui.map.view import SiteMapView
from app.ui.palette import CommandPalette
from app.ui.panels.alerts import AlertsPanel
from app.ui.panels.kpis import KpisPanel
from app.ui.panels.links import EdgeLinksPanel
from app.ui.status_bar import ConsoleStatusBar
from app.ui.theme import THEMES
from app.ui.timers import make_timer
from app.ui.window_actions import build_command_row, build_menus, register_actions

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from PySide6.QtCore import QChildEvent, QSettings
    from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
    from PySide6.QtWidgets import QMenu, QToolButton

    from app.core.service import SiteService
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager
    from maps.site import Site

log = logging.getLogger(__name__)

LAYOUT_VERSION = 2
"""Bump when the default set of docks changes: older saved layouts are then ignored."""
PANEL_CONTEXT = "Panels"
LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


class ConsoleWindow(QMainWindow):
    """The operator console.

    Parameters
    ----------
    service
        The site service the console observes and commands.
    site
        The site drawn on the map.
    settings
        Where layout and preferences persist.
    language, theme
        Application-wide language and theme managers.
    policy
        The active policy bundle (``id vN``) when known.
    operator
        Recorded on commands and acknowledgements.
    """

    def __init__(
        self,
        service: SiteService,
        site: Site,
        *,
        settings: QSettings,
        language: LanguageManager,
        theme: ThemeManager,
        policy: str | None = None,
        operator: str = "operator",
        frame_hz: float = FRAME_HZ,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.setObjectName("console")
        self.service = service
        self.site = site
        self.settings = settings
        self.language = language
        self.theme = theme
        self.operator = operator
        self._clock = clock
        self._tasks: set[asyncio.Future[Any]] = set()
        self._docks: dict[str, tuple[QDockWidget, str, str]] = {}
        self._first_show = True
        self.selected: str | None = None
        self._badges: dict[str, int] = {}
        self._markers: dict[str, str] = {}
        self._unacknowledged = 0
        self.menu_titles: list[tuple[QMenu, str]] = []
        """Each menu with its untranslated title (context ``ConsoleWindow``)."""
        self.view_menu: QMenu | None = None
        self.map_menu: QMenu | None = None
        self.layer_actions: dict[str, QAction] = {}
        self.command_buttons: dict[str, QToolButton] = {}

        # ---------------------------------------------------------- state and views
        self.alerts = AlertLog()
        self.watcher = AlertWatcher(self.alerts, service.bus)
        self.map_view = SiteMapView(site, self)
        # Zones operators close at run time (assist answers, lapsed leases): redrawn only when
        # an edge node says its closures changed, never per frame.
        self.map_view.set_zone_closures(service.zone_closures())
        service.bus.subscribe(ZonesClosedChanged, self._zones_closed)
        self.fleet_panel = FleetPanel(self)
        self.assist_panel = AssistWorkspace(
            service, site, language, theme, self.alerts, operator, self.spawn, self
        )
        self.alerts_panel = AlertsPanel(self.alerts, language, theme, operator, self)
        self.links_panel = EdgeLinksPanel(service, language, theme, self.alerts, self.spawn, self)
        self.kpis_panel = KpisPanel(language, theme, self)
        self.dispatch = DispatchConsole(self)

        self.frame_clock = FrameClock(service.fleet, self, hz=frame_hz, clock=clock)
        self.frame_clock.add_wake(service.assist.has_changes)  # a request shows without telemetry
        for view in (self.map_view, self.fleet_panel, self.assist_panel, self.watcher):
            self.frame_clock.add_view(view)
        self.frame_clock.add_view(self.dispatch)  # before the map's paint: routes in this frame

        # ---------------------------------------------------------- chrome
        self.actions_registry = ActionRegistry(self)
        self.critical_banner = CriticalBanner(self.alerts, language, operator, self)
        self.confirm_bar = ConfirmBar(self)
        self.menu_bar = QMenuBar(self)
        self.command_row = QWidget(self)
        self.command_row.setObjectName("commands")
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        for widget in (self.menu_bar, self.command_row, self.critical_banner, self.confirm_bar):
            top_layout.addWidget(widget)
        self.setMenuWidget(top)
        placeholder = QWidget(self)
        placeholder.setObjectName("central")
        self.setCentralWidget(placeholder)
        placeholder.hide()  # a hidden central widget gives every pixel to the docks
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        self.status = ConsoleStatusBar(site, language, policy, self, clock, operator=operator)
        self.setStatusBar(self.status)

        self.add_panel("map", QT_TRANSLATE_NOOP("Panels", "Site map"), self.map_view, LEFT)
        self.add_panel("fleet", QT_TRANSLATE_NOOP("Panels", "Fleet"), self.fleet_panel, LEFT)
        self.add_panel(
            "alerts", QT_TRANSLATE_NOOP("Panels", "Alerts & events"), self.alerts_panel, RIGHT
        )
        self.add_panel(
            "assist", QT_TRANSLATE_NOOP("Panels", "Assist queue"), self.assist_panel, RIGHT
        )
        self.add_panel("links", QT_TRANSLATE_NOOP("Panels", "Edge links"), self.links_panel, RIGHT)
        self.add_panel("kpis", QT_TRANSLATE_NOOP("Panels", "KPIs"), self.kpis_panel, RIGHT)
        self.add_panel("tasks", QT_TRANSLATE_NOOP("Panels", "Tasks"), self.dispatch.board, RIGHT)
        self.add_panel(
            "routes", QT_TRANSLATE_NOOP("Panels", "Route choice"), self.dispatch.chooser, RIGHT
        )
        self.add_panel(
            "pack_kpis",
            QT_TRANSLATE_NOOP("Panels", "Operations KPIs"),
            self.dispatch.pack_kpis,
            RIGHT,
        )
        self.tabifyDockWidget(self._dock("assist"), self._dock("links"))
        self.tabifyDockWidget(self._dock("links"), self._dock("kpis"))
        # One tab group only: a second one made before the window shows leaves a stale,
        # untranslated tab bar on screen (Qt 6.11).
        for before, after in (("kpis", "tasks"), ("tasks", "pack_kpis"), ("pack_kpis", "routes")):
            self.tabifyDockWidget(self._dock(before), self._dock(after))
        self._dock("kpis").raise_()

        register_actions(self)
        self.dispatch.attach_buttons()
        self.assist_panel.register_actions(self.actions_registry)
        build_menus(self)
        build_command_row(self)
        self.command_palette = CommandPalette(self.actions_registry, self)
        self._default_state = self.saveState(LAYOUT_VERSION)

        # ---------------------------------------------------------- wiring
        self.map_view.vehicleSelected.connect(lambda vid: self.select_vehicle(vid, self.map_view))
        self.fleet_panel.vehicleSelected.connect(
            lambda vid: self.select_vehicle(vid, self.fleet_panel)
        )
        self.map_view.vehicleActivated.connect(self.focus_vehicle)
        self.fleet_panel.vehicleActivated.connect(self.focus_vehicle)
        self.assist_panel.sig_vehicle_activated.connect(self.focus_vehicle)
        self.critical_banner.sig_alerts_requested.connect(lambda: self.show_panel("alerts"))
        self.assist_panel.sig_counts_changed.connect(self._assist_counts)
        self.alerts.subscribe(self._alerts_changed)
        language.sig_digits_changed.connect(lambda _on: self._digits_changed())
        language.sig_language_changed.connect(self._language_changed)
        theme.sig_theme_changed.connect(self.map_view.set_style)
        theme.sig_theme_changed.connect(self.fleet_panel.set_style)
        self.assist_panel.sig_critical_arrived.connect(lambda _rid: self._dock("assist").show())

        self._poll = make_timer("status-poll", 1000, self)
        self._poll.timeout.connect(self.poll_status)
        self.restore_preferences()
        self.retranslate()

    # ------------------------------------------------------------------ panels

    def add_panel(
        self,
        key: str,
        title_source: str,
        widget: QWidget,
        area: Qt.DockWidgetArea = RIGHT,
        *,
        context: str = PANEL_CONTEXT,
    ) -> QDockWidget:
        """Dock ``widget`` as panel ``key``, titled ``translate(context, title_source)``.

        The panel gets a show/hide action (menus and command palette), persists in the saved
        layout under its key, and is re-titled on every language change.

        Raises
        ------
        ValueError
            When a panel with this key already exists.
        """
        if key in self._docks:
            raise ValueError(f"a panel {key!r} already exists; choose another key")
        dock = QDockWidget(self)
        dock.setObjectName(f"dock.{key}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        self._docks[key] = (dock, context, title_source)
        self._title_dock(key)
        registry = getattr(self, "actions_registry", None)
        if registry is not None and self.view_menu is not None:
            self._add_panel_action(key)
        return dock

    def set_panel_badge(self, key: str, count: int, *, marker: str = "") -> None:
        """Show ``count`` after panel ``key``'s title (0 hides it): seen even behind a tab.

        ``marker`` (a shape such as ``▲``) goes before the title: a cue that needs no colour.
        """
        self._badges[key] = count
        self._markers[key] = marker
        self._title_dock(key)

    def _title_dock(self, key: str) -> None:
        dock, context, source = self._docks[key]
        title = QCoreApplication.translate(context, source)
        count = self._badges.get(key, 0)
        if count:
            title += f" ({self.language.integer(count)})"
        marker = self._markers.get(key, "")
        if marker:
            title = f"{marker} {title}"
        dock.setWindowTitle(_plain(title))

    def _assist_counts(self, open_count: int, critical: int) -> None:
        # Critical requests waiting: "▲ Assist queue (5)" even behind another tab.
        self.set_panel_badge("assist", open_count, marker="▲" if critical else "")

    def _dock(self, key: str) -> QDockWidget:
        return self._docks[key][0]

    def panels(self) -> dict[str, QDockWidget]:
        """Every panel's dock, by key."""
        return {key: dock for key, (dock, _, _) in self._docks.items()}

    def show_panel(self, key: str) -> None:
        """Show panel ``key``, bring its tab forward and give it the keyboard."""
        dock = self._dock(key)
        dock.show()
        dock.raise_()
        dock.widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def show_assist_workspace(self) -> None:
        """Bring the assist workspace forward with room to work (half the window's width)."""
        self.show_panel("assist")
        self.assist_panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resizeDocks(
            [self._dock("map"), self._dock("assist")],
            [int(self.width() * 0.45), int(self.width() * 0.55)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks(
            [self._dock("alerts"), self._dock("assist")],
            [int(self.height() * 0.15), int(self.height() * 0.85)],
            Qt.Orientation.Vertical,
        )

    def _add_panel_action(self, key: str) -> None:
        _dock, context, title = self._docks[key]
        action = self.actions_registry.add(
            f"panel.{key}", title, lambda: self.show_panel(key), context=context
        )
        if self.view_menu is not None:
            self.view_menu.addAction(action)

    # ------------------------------------------------------------------ actions

    # ------------------------------------------------------------------ selection

    def select_vehicle(self, vehicle_id: str, source: QWidget | None = None) -> None:
        """Make ``vehicle_id`` ("" = none) the selection everywhere but its ``source``."""
        self.selected = vehicle_id or None
        self.dispatch.select_vehicle(self.selected)
        if source is not self.map_view:
            self.map_view.select_vehicle(self.selected)
        if source is not self.fleet_panel:
            self.fleet_panel.select_vehicle(self.selected)
        follow = self.actions_registry.get("map.follow")
        if follow.isChecked():
            self.map_view.set_follow(self.selected)

    def focus_vehicle(self, vehicle_id: str) -> None:
        """Select ``vehicle_id`` everywhere and centre the map on it."""
        if not vehicle_id:
            return
        self.select_vehicle(vehicle_id, self.map_view)
        self.map_view.focus_vehicle(vehicle_id)
        self._dock("map").raise_()

    def _toggle_follow(self) -> None:
        on = self.actions_registry.get("map.follow").isChecked()
        self.map_view.set_follow(self.selected if on else None)

    # ------------------------------------------------------------------ commands

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Future[Any]:
        """Run ``coro`` on the console's loop; failures are logged, never lost."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Future[Any]) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("console command failed", exc_info=t.exception())

        task.add_done_callback(done)
        return task

    def _need_selection(self) -> str | None:
        if self.selected is None:
            self.status.showMessage(self.tr("Select a vehicle first (map or fleet table)."), 5000)
        return self.selected

    def ask_estop_all(self) -> None:
        """Ask to confirm an emergency stop of every vehicle."""
        count = len(self.service.fleet)
        self.confirm_bar.ask(
            lambda: self.tr("Emergency stop ALL %1 vehicles on the site?").replace(
                "%1", self.language.integer(count)
            ),
            lambda: self.tr("STOP ALL"),
            lambda: self.spawn(self.emergency_stop([])),
        )

    def ask_estop_selected(self) -> None:
        """Ask to confirm an emergency stop of the selected vehicle."""
        vid = self._need_selection()
        if vid is None:
            return
        self.confirm_bar.ask(
            lambda: self.tr("Emergency stop vehicle %1?").replace("%1", ltr(vid)),
            lambda: self.tr("STOP"),
            lambda: self.spawn(self.emergency_stop([vid])),
        )

    def ask_resume_selected(self) -> None:
        """Ask to confirm releasing the selected vehicle's stop."""
        vid = self._need_selection()
        if vid is None:
            return
        self.confirm_bar.ask(
            lambda: self.tr("Resume vehicle %1? Check the area is clear.").replace("%1", ltr(vid)),
            lambda: self.tr("Resume"),
            lambda: self.spawn(self.resume([vid])),
            focus_confirm=False,
            danger=False,
        )

    def ask_resume_all(self) -> None:
        """Ask to confirm releasing every vehicle's stop."""
        self.confirm_bar.ask(
            lambda: self.tr("Resume ALL vehicles? Check the site is clear."),
            lambda: self.tr("Resume all"),
            lambda: self.spawn(self.resume([])),
            focus_confirm=False,
            danger=False,
        )

    async def emergency_stop(self, vehicles: list[str]) -> None:
        """Send the stop; a stop that did not go out is a critical alert."""
        now = self._clock()
        try:
            await self.service.emergency_stop(vehicles, operator=self.operator, reason="console")
        except CoreError as exc:  # not delivered, or the operator's session is not valid
            self.alerts.add(now, Severity.CRITICAL, "estop_failed", reason=str(exc))
            return
        self.alerts.add(
            now, Severity.WARNING, "estop_sent", target=", ".join(vehicles), by=self.operator
        )

    async def resume(self, vehicles: list[str]) -> None:
        """Send the resume; report whether it went out."""
        now = self._clock()
        try:
            await self.service.resume(vehicles, operator=self.operator)
        except CoreError as exc:
            self.alerts.add(now, Severity.WARNING, "resume_failed", reason=str(exc))
            return
        self.alerts.add(
            now, Severity.INFO, "resume_sent", target=", ".join(vehicles), by=self.operator
        )

    def _alerts_changed(self, added: list[Alert] | None) -> None:
        # Counted as they come (a burst of thousands must not rescan the log per alert).
        # Information events (a node connected) need no acknowledgement; they are not counted.
        if added is None:
            self._unacknowledged = sum(
                len(self.alerts.unacknowledged(s)) for s in (Severity.WARNING, Severity.CRITICAL)
            )
        else:
            self._unacknowledged += sum(1 for a in added if a.severity >= Severity.WARNING)
        self.set_panel_badge("alerts", self._unacknowledged)

    def _ack_all(self) -> None:
        self.alerts_panel.acknowledge_all()

    def open_palette(self) -> None:
        """Open the command palette."""
        self.command_palette.open()

    # ------------------------------------------------------------------ preferences

    def set_operator(self, operator: str) -> None:
        """Name ``operator`` on commands and acknowledgements from now on (empty: nobody)."""
        self.operator = operator
        self.alerts_panel.set_operator(operator)
        self.assist_panel.set_operator(operator)
        self.critical_banner.set_operator(operator)
        self.status.set_operator(operator)

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the critical-alert sound (the banner still shows)."""
        self.critical_banner.muted = muted
        self.status.set_muted(muted)
        action = self.actions_registry.get("alerts.mute")
        if action.isChecked() != muted:
            action.setChecked(muted)
        self.settings.setValue("alerts/muted", muted)

    def set_theme(self, key: str) -> None:
        """Apply a theme to the whole console and remember it."""
        self.theme.set_theme(key)
        self.actions_registry.get(f"theme.{key}").setChecked(True)
        self.settings.setValue("ui/theme", key)

    def _scale(self, steps: int) -> None:
        self.theme.step_scale(steps)
        self.settings.setValue("ui/scale", self.theme.scale)

    def _reset_scale(self) -> None:
        self.theme.set_scale(1.0)
        self.settings.setValue("ui/scale", 1.0)

    def toggle_language(self) -> None:
        """Switch between English and Arabic."""
        self.language.set_language("ar" if self.language.language == "en" else "en")

    def _digits_changed(self) -> None:
        # The option applies to Arabic only; the map and the table format their own numbers.
        on = self.language.arabic_digits and self.language.language == "ar"
        self.map_view.set_arabic_digits(on)
        self.fleet_panel.set_arabic_digits(on)
        self.retranslate()

    def _language_changed(self, lang: str) -> None:
        self._digits_changed()
        self.actions_registry.get(f"language.{lang}").setChecked(True)
        self.settings.setValue("ui/language", lang)

    def restore_preferences(self) -> None:
        """Apply the saved theme, scale, language, digits, sound and layout."""
        s = self.settings
        theme = str(s.value("ui/theme", self.theme.theme.key))
        self.set_theme(theme if theme in THEMES else "dark")
        self.theme.set_scale(float(s.value("ui/scale", self.theme.scale)))  # type: ignore[arg-type]
        lang = str(s.value("ui/language", self.language.language))
        if lang in LANGUAGES and lang != self.language.language:
            self.language.set_language(lang)
        self.actions_registry.get(f"language.{self.language.language}").setChecked(True)
        digits = _bool(s.value("ui/arabic_digits", self.language.arabic_digits))
        self.language.set_arabic_digits(digits)
        self.actions_registry.get("language.digits").setChecked(digits)
        self.set_muted(_bool(s.value("alerts/muted", False)))
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION):
            self._first_show = False

    def save_layout(self) -> None:
        """Persist the window geometry and the dock arrangement."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.setValue("ui/arabic_digits", self.language.arabic_digits)
        self.settings.sync()

    def reset_layout(self) -> None:
        """Put every panel back where it starts."""
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.panels().values():
            dock.show()
        self._default_sizes()
        self.save_layout()

    def _default_sizes(self) -> None:
        width = self.width()
        self.resizeDocks(
            [self._dock("map"), self._dock("alerts")],
            [int(width * 0.62), int(width * 0.38)],
            Qt.Orientation.Horizontal,
        )
        height = self.height()
        self.resizeDocks(
            [self._dock("map"), self._dock("fleet")],
            [int(height * 0.6), int(height * 0.4)],
            Qt.Orientation.Vertical,
        )
        self.resizeDocks(
            [self._dock("alerts"), self._dock("assist")],
            [int(height * 0.38), int(height * 0.62)],
            Qt.Orientation.Vertical,
        )

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Start the frame clock and the status poller."""
        self.frame_clock.start()
        self._poll.start()
        self.poll_status()

    def stop(self) -> None:
        """Stop the timers (the service is the caller's to stop)."""
        self.frame_clock.stop()
        self._poll.stop()

    def _zones_closed(self, _: ZonesClosedChanged) -> None:
        self.map_view.set_zone_closures(self.service.zone_closures())

    def poll_status(self) -> None:
        """Read the site status once and hand it to the status bar, KPIs and edge links."""
        status = self.service.status()
        self.status.update_status(status)
        self.kpis_panel.update_status(status)
        self.links_panel.model.refresh()

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            self._default_sizes()
        self.map_view.fit_site()

    @override
    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        # The dock tab bars (made by the layout at start, on a drag, on restoring a layout)
        # scroll rather than elide: with the packs' panels a tab group holds eight docks, and
        # "As…" names none of them.  Configured once polished, after Qt's defaults.
        child = event.child()
        if event.type() == QEvent.Type.ChildPolished and isinstance(child, QTabBar):
            keep_titles_whole(child)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.stop()
        super().closeEvent(event)

    # ------------------------------------------------------------------ language

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Re-translate the window's own texts (panels re-translate themselves)."""
        translate = QCoreApplication.translate  # sources are variables: marked where defined
        self.setWindowTitle(self.tr("AtlasMesh Control Center"))
        self.actions_registry.retranslate()
        for menu, title in self.menu_titles:
            menu.setTitle(translate("ConsoleWindow", title))
        for key in self._docks:
            self._title_dock(key)
        titles = dict(self.map_view.layers())
        for key, action in self.layer_actions.items():
            text = QCoreApplication.translate("ConsoleWindow", "Layer: %1").replace(
                "%1", titles.get(key, key)
            )
            action.setText(text)
            action.setToolTip(text)
        self.confirm_bar.retranslate()


def _plain(title: str) -> str:
    """Escape ``&`` in a title that Qt would otherwise read as a mnemonic marker."""
    return title.replace("&", "&&")


def _bool(value: object) -> bool:
    """Read a boolean from QSettings (INI files give strings back)."""
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
