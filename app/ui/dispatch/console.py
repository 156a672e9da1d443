"""The console's dispatch side: task board, route chooser, routes layer, pack KPIs, overrides.

:class:`DispatchConsole` observes the site service's dispatcher through the
:class:`~app.core.dispatch.view.DispatchView` contract (``SiteService.dispatch``; ``None`` when
no enabled pack declares task types, and the panels then say so) and the dispatch events on
the service's bus. Events are only noted when they arrive; the panels and the map are updated
once per frame (:meth:`DispatchConsole.update_vehicles`, called by the frame clock).

Overrides (pin a vehicle to a task, hold and release a vehicle, cancel a task) go through the
dispatcher's own methods with the signed-in operator's name, so they are recorded with it; a
request the dispatcher would refuse is explained in the operator's language before it is sent.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QToolButton

from app.core.dispatch.dispatcher import VehicleStatus
from app.core.dispatch.errors import DispatchError
from app.core.dispatch.events import (
    KpiUpdated,
    OverrideApplied,
    RouteAssigned,
    TaskTransitioned,
    VehicleStatusChanged,
)
from app.core.errors import CoreError
from app.ui.dispatch.board import TaskBoardPanel
from app.ui.dispatch.chooser import RouteChooserPanel
from app.ui.dispatch.texts import task_state_text, vehicle_status_text
from app.ui.language import ltr
from app.ui.map.route_layer import RouteLayer
from app.ui.panels.kpis import PackKpisPanel
from maps.errors import MapError

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from app.core.dispatch.view import DispatchView
    from app.core.fleet.state import FleetState
    from app.ui.main_window import ConsoleWindow
    from plugins.contributions import Contributions

log = logging.getLogger(__name__)

ACTIONS = ("dispatch.pin", "dispatch.hold", "dispatch.release", "dispatch.cancel", "dispatch.route")
"""The registered actions the task board shows as buttons (and the keyboard runs)."""


class DispatchConsole(QObject):
    """Owns the dispatch panels and keeps them on the site's dispatcher.

    Parameters
    ----------
    window
        The console window: its service, site, map, language, theme, operator and selection.
    """

    def __init__(self, window: ConsoleWindow) -> None:
        super().__init__(window)
        self._window = window
        self._type_titles: dict[str, dict[str, str]] = {}
        self.board = TaskBoardPanel(window.language, window.theme, self.type_title, window)
        self.chooser = RouteChooserPanel(window.site, window.language, window.theme, window)
        self.pack_kpis = PackKpisPanel(window.language, window.theme, window)
        self.route_layer = RouteLayer(window.map_view)
        self.view: DispatchView | None = None
        self._vehicles_dirty = False
        self._now = 0.0
        bus = window.service.bus
        self._unsubscribe = [
            bus.subscribe(TaskTransitioned, self._task_transitioned),
            bus.subscribe(VehicleStatusChanged, self._vehicle_changed),
            bus.subscribe(OverrideApplied, self._vehicle_changed),
            bus.subscribe(RouteAssigned, self.route_layer.route_assigned),
            bus.subscribe(KpiUpdated, self._kpis_updated),
        ]
        self.board.sig_task_selected.connect(self._task_selected)
        self.chooser.sig_find.connect(self.find_routes)
        self.chooser.sig_preview.connect(self._preview)
        self.chooser.sig_send.connect(self.send_route)
        window.language.sig_language_changed.connect(self._language_changed)
        self.bind(self._service_view())

    # ------------------------------------------------------------------ wiring

    def bind(self, view: DispatchView | None) -> None:
        """Observe ``view`` (``None``: the site has no dispatcher)."""
        self.view = view
        now = self._window._clock()
        self.board.bind(view, now)
        self.chooser.set_available(view is not None)
        routes: dict[str, RouteAssigned] = {}
        if view is not None:
            for vid in view.dispatcher.vehicles:
                route = view.route_of(vid)
                if route is not None:
                    routes[vid] = route
            kpis = dict(view.kpis())
            if kpis:
                self.pack_kpis.add_values(now, kpis)
        self.pack_kpis.set_time_scale(view.time_scale if view is not None else 1.0)
        self.route_layer.set_routes(routes)
        self.select_vehicle(self._window.selected)

    def attach_buttons(self) -> None:
        """Show the registered dispatch actions as buttons on the task board."""
        for key in ACTIONS:
            button = QToolButton(self.board)
            button.setDefaultAction(self._window.actions_registry.get(key))
            self.board.add_action_button(key, button)

    def use_packs(self, contributions: Contributions) -> None:
        """Title task types and KPIs from the enabled packs, and show the packs' KPIs."""
        self._type_titles = {
            lang: dict(texts) for lang, texts in contributions.translations.items()
        }
        english = {tid: t.title for tid, t in contributions.tasks.items()}
        english.update({kid: k.title for kid, k in contributions.kpis.items()})
        self._type_titles.setdefault("en", {})
        for key, title in english.items():
            self._type_titles["en"].setdefault(key, title)
        self.pack_kpis.set_definitions(contributions.kpis, self.type_title)
        self._retitle()

    def type_title(self, record_id: str) -> str:
        """Return a pack record's title (task type, KPI) in the current language."""
        lang = self._window.language.language
        title = self._type_titles.get(lang, {}).get(record_id)
        if title is None and lang == "en":
            title = self._type_titles.get("en", {}).get(record_id)
        return title if title is not None else ltr(record_id)

    def close(self) -> None:
        """Stop observing the bus."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    # ------------------------------------------------------------------ frame

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Frame clock entry point: apply everything noted since the previous frame."""
        del fleet, changed
        self._now = now
        view = self._service_view()
        if view is not self.view:
            self.bind(view)
        self.board.apply(now)
        if self._vehicles_dirty:
            self._vehicles_dirty = False
            self.board.refresh_choices()
        self.route_layer.flush()
        self.pack_kpis.flush(now)

    def select_vehicle(self, vehicle_id: str | None) -> None:
        """Follow the console's vehicle selection (route highlight, board, chooser)."""
        self.route_layer.select(vehicle_id)
        self.board.set_vehicle(vehicle_id)
        changed = vehicle_id != self.chooser.vehicle_id
        self.chooser.set_vehicle(vehicle_id)
        route = self.view.route_of(vehicle_id) if self.view is not None and vehicle_id else None
        if changed and route is not None and route.polyline:
            # A vehicle on a task may only be re-routed to where its current leg ends.
            x, y = route.polyline[-1]
            pois = self._window.site.pois
            end = min(pois, key=lambda p: (p.xy[0] - x) ** 2 + (p.xy[1] - y) ** 2)
            self.chooser.set_destination(end.id)

    # ------------------------------------------------------------------ overrides

    def pin_selected(self) -> None:
        """Pin the selected vehicle to the task selected on the board."""
        view, operator = self._ready()
        if view is None:
            return
        vid, task_id = self._window.selected, self.board.selected_task()
        if vid is None:
            self._refuse(
                QCoreApplication.translate(
                    "DispatchConsole", "Select a vehicle first (map, fleet table or task board)."
                )
            )
            return
        if task_id is None:
            self._refuse(
                QCoreApplication.translate("DispatchConsole", "Select a task on the board first.")
            )
            return
        vehicle = view.dispatcher.vehicles.get(vid)
        task = view.dispatcher.tasks.get(task_id)
        if vehicle is None:
            self._refuse(
                QCoreApplication.translate(
                    "DispatchConsole", "Vehicle %1 is not dispatched on this site."
                ).replace("%1", ltr(vid))
            )
            return
        if task is None:
            return
        if task.final:
            self._refuse(
                QCoreApplication.translate("DispatchConsole", "Task %1 is already %2.")
                .replace("%1", ltr(task_id))
                .replace("%2", task_state_text(task.state))
            )
            return
        if vehicle.vehicle_class not in task.vehicle_classes:
            self._refuse(
                QCoreApplication.translate("DispatchConsole", "Task %1 needs %2; vehicle %3 is %4.")
                .replace("%1", ltr(task_id))
                .replace("%2", ltr(", ".join(sorted(task.vehicle_classes))))
                .replace("%3", ltr(vid))
                .replace("%4", ltr(vehicle.vehicle_class))
            )
            return
        if vehicle.status in (VehicleStatus.HELD, VehicleStatus.FAULT, VehicleStatus.OFFLINE):
            self._refuse(
                QCoreApplication.translate(
                    "DispatchConsole", "Vehicle %1 is %2: it cannot take a task."
                )
                .replace("%1", ltr(vid))
                .replace("%2", vehicle_status_text(vehicle.status.value))
            )
            return
        self._override(
            lambda: view.dispatcher.pin(vid, task_id, operator=operator, reason=self._reason()),
            QCoreApplication.translate("DispatchConsole", "Vehicle %1 pinned to task %2.")
            .replace("%1", ltr(vid))
            .replace("%2", ltr(task_id)),
        )

    def hold_selected(self) -> None:
        """Take the selected vehicle out of dispatch (its task goes back to the queue)."""
        view, operator = self._ready()
        vid = self._vehicle_for_override()
        if view is None or vid is None:
            return
        vehicle = view.dispatcher.vehicles.get(vid)
        if vehicle is None:
            self._refuse(
                QCoreApplication.translate(
                    "DispatchConsole", "Vehicle %1 is not dispatched on this site."
                ).replace("%1", ltr(vid))
            )
            return
        if vehicle.status is VehicleStatus.HELD:
            self._refuse(
                QCoreApplication.translate(
                    "DispatchConsole", "Vehicle %1 is already held."
                ).replace("%1", ltr(vid))
            )
            return
        reason = self._reason() or "console"
        self._override(
            lambda: view.dispatcher.hold(vid, operator=operator, reason=reason),
            QCoreApplication.translate(
                "DispatchConsole", "Vehicle %1 held: out of dispatch until released."
            ).replace("%1", ltr(vid)),
        )

    def release_selected(self) -> None:
        """Return the selected held vehicle to dispatch."""
        view, operator = self._ready()
        vid = self._vehicle_for_override()
        if view is None or vid is None:
            return
        vehicle = view.dispatcher.vehicles.get(vid)
        if vehicle is None or vehicle.status is not VehicleStatus.HELD:
            self._refuse(
                QCoreApplication.translate("DispatchConsole", "Vehicle %1 is not held.").replace(
                    "%1", ltr(vid)
                )
            )
            return
        self._override(
            lambda: view.dispatcher.release(vid, operator=operator, reason=self._reason()),
            QCoreApplication.translate(
                "DispatchConsole", "Vehicle %1 released to dispatch."
            ).replace("%1", ltr(vid)),
        )

    def ask_cancel_selected(self) -> None:
        """Ask (in the confirm bar, not a dialog) to cancel the task selected on the board."""
        view, operator = self._ready()
        if view is None:
            return
        task_id = self.board.selected_task()
        if task_id is None:
            self._refuse(
                QCoreApplication.translate("DispatchConsole", "Select a task on the board first.")
            )
            return
        task = view.dispatcher.tasks.get(task_id)
        if task is None or task.final:
            state = task_state_text(task.state) if task is not None else "—"
            self._refuse(
                QCoreApplication.translate("DispatchConsole", "Task %1 is already %2.")
                .replace("%1", ltr(task_id))
                .replace("%2", state)
            )
            return
        reason = self._reason() or "console"
        self._window.confirm_bar.ask(
            lambda: QCoreApplication.translate(
                "DispatchConsole", "Cancel task %1? Its vehicle becomes free."
            ).replace("%1", ltr(task_id)),
            lambda: QCoreApplication.translate("DispatchConsole", "Cancel task"),
            lambda: self._override(
                lambda: view.dispatcher.cancel(task_id, who=operator, why=reason),
                QCoreApplication.translate("DispatchConsole", "Task %1 cancelled.").replace(
                    "%1", ltr(task_id)
                ),
            ),
            focus_confirm=False,
        )

    def open_route_chooser(self) -> None:
        """Show the route chooser for the selected vehicle and give it the keyboard."""
        self._window.show_panel("routes")
        self.chooser.destination.setFocus()

    # ------------------------------------------------------------------ routes

    def find_routes(self, vehicle_id: str, destination: str) -> None:
        """Ask the dispatcher for the Pareto routes and show them."""
        view = self.view
        if view is not None:
            self.chooser.offer(
                lambda: view.route_choices(vehicle_id, destination), vehicle_id, destination
            )

    def send_route(self, index: int) -> None:
        """Send the chooser's route ``index`` to its vehicle, recorded with the operator."""
        view, operator = self._ready(self.chooser.say)
        vid = self.chooser.vehicle_id
        if view is None or vid is None or not 0 <= index < len(self.chooser.choices):
            return
        route = self.chooser.choices[index].route
        number = self._window.language.integer(index + 1)

        async def send() -> None:
            try:
                await view.choose_route(vid, route, operator=operator)
            except (CoreError, MapError, ValueError) as exc:
                self.chooser.say(
                    QCoreApplication.translate("DispatchConsole", "Route not sent: %1").replace(
                        "%1", ltr(str(exc))
                    ),
                    error=True,
                )
                return
            self.chooser.say(
                QCoreApplication.translate("DispatchConsole", "Route %1 sent to vehicle %2.")
                .replace("%1", number)
                .replace("%2", ltr(vid))
            )

        self.chooser.say(
            QCoreApplication.translate("DispatchConsole", "Sending route %1…").replace("%1", number)
        )
        self._window.spawn(send())

    # ------------------------------------------------------------------ internals

    def _service_view(self) -> DispatchView | None:
        return self._window.service.dispatch

    def _ready(self, say: Callable[..., None] | None = None) -> tuple[DispatchView | None, str]:
        """Return the dispatcher and the operator, or explain why an override cannot go."""
        tell = say or self.board.say
        if self.view is None:
            tell(QCoreApplication.translate("DispatchConsole", "No dispatcher on this site."), True)
            return None, ""
        operator = self._window.operator
        if not operator:
            tell(
                QCoreApplication.translate(
                    "DispatchConsole",
                    "Sign in first: overrides are recorded with the operator's name.",
                ),
                True,
            )
            return None, ""
        return self.view, operator

    def _vehicle_for_override(self) -> str | None:
        vid = self._window.selected
        if vid is None:
            task_id = self.board.selected_task()
            task = self.view.dispatcher.tasks.get(task_id) if self.view and task_id else None
            vid = task.vehicle_id if task is not None else None
        if vid is None:
            self._refuse(
                QCoreApplication.translate(
                    "DispatchConsole", "Select a vehicle first (map, fleet table or task board)."
                )
            )
        return vid

    def _reason(self) -> str:
        return self.board.reason_edit.text().strip()

    def _refuse(self, text: str) -> None:
        self.board.say(text, error=True)
        self._window.status.showMessage(text, 5000)

    def _override(self, call: Callable[[], None], done: str) -> None:
        try:
            call()
        except DispatchError as exc:  # refused for a reason the checks above did not foresee
            self._refuse(
                QCoreApplication.translate(
                    "DispatchConsole", "Refused by the dispatcher: %1"
                ).replace("%1", ltr(str(exc)))
            )
            return
        self.board.say(done)
        self.board.reason_edit.clear()
        self.board.apply(self._window._clock())
        self.board.refresh_choices()

    def _task_transitioned(self, event: TaskTransitioned) -> None:
        self.board.model.task_changed(event.task_id)
        self._vehicles_dirty = True

    def _vehicle_changed(self, event: VehicleStatusChanged | OverrideApplied) -> None:
        del event
        self._vehicles_dirty = True

    def _kpis_updated(self, event: KpiUpdated) -> None:
        self.pack_kpis.add_values(event.at, event.values)

    def _task_selected(self, task_id: str) -> None:
        view = self.view
        task = view.dispatcher.tasks.get(task_id) if view is not None and task_id else None
        if task is not None and task.vehicle_id is not None:
            self._window.select_vehicle(task.vehicle_id, self.board)

    def _preview(self, index: int) -> None:
        choices = self.chooser.choices
        self.route_layer.set_preview(
            choices[index].route.polyline if 0 <= index < len(choices) else None
        )
        self.route_layer.flush()

    def _language_changed(self, lang: str) -> None:
        del lang
        self._retitle()

    def _retitle(self) -> None:
        self.board.retranslate()
        self.pack_kpis.retranslate()
