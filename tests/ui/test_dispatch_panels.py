"""The console's dispatch side: task board, overrides, routes on the map, route chooser, KPIs.

The dispatcher behind the panels is real: :class:`RouterDispatchView` implements the console's
``DispatchView`` contract over a real :class:`Dispatcher` and a real :class:`Router` on the
demo mine, and publishes the dispatcher's events on the site service's real bus.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt  # noqa: TID251 - a UI test drives Qt
from PySide6.QtWidgets import QApplication  # noqa: TID251 - a UI test drives Qt

from app.core.dispatch.dispatcher import KEEP_FINISHED, Dispatcher, VehicleStatus
from app.core.dispatch.events import (
    KpiUpdated,
    OverrideApplied,
    RouteAssigned,
    TaskTransitioned,
)
from app.core.dispatch.tasks import Task, TaskState
from app.core.service import SiteService
from app.ui.dispatch.board import FINISHED_KEPT, Col
from app.ui.dispatch.texts import reason_text
from app.ui.map import route_layer
from app.ui.pack_panels import add_pack_panels
from maps.routing.router import Router
from maps.site import default_site_path
from plugins.records import KpiDefinition
from plugins.runtime import load_site_packs
from tests.ui.conftest import NOW
from tests.ui.test_console_language import english_left

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtGui import QColor  # noqa: TID251 - a UI test drives Qt

    from app.core.bus import Event, EventBus
    from app.core.identity import OperatorSession
    from maps.routing.pareto import ParetoResult
    from maps.routing.router import Route
    from maps.site import Site
    from plugins.runtime import SitePacks

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]

HAUL = "mining.haul_cycle"
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class RouterDispatchView:
    """The console's ``DispatchView`` over a real dispatcher and router, events on a bus.

    When the dispatcher assigns a task it sends the vehicle on the fastest route to the task's
    origin (``RouteAssigned`` by the dispatcher); when a task ends or goes back to the queue
    the vehicle's route is cleared (an empty polyline).
    """

    def __init__(
        self, site: Site, bus: EventBus, clock: list[float], keep_finished: int = KEEP_FINISHED
    ) -> None:
        self.bus = bus
        self.router = Router(site, "haul_truck", jit=False)
        self._routes: dict[str, RouteAssigned] = {}
        self._kpis: dict[str, float] = {}
        self.chosen: list[tuple[str, Route, str]] = []
        self.scale = 1.0
        self._clock = clock
        self._dispatcher = Dispatcher(
            self.router, clock=lambda: clock[0], emit=self._emit, keep_finished=keep_finished
        )

    @property
    def dispatcher(self) -> Dispatcher:
        return self._dispatcher

    @property
    def time_scale(self) -> float:
        return self.scale

    def route_of(self, vehicle_id: str) -> RouteAssigned | None:
        return self._routes.get(vehicle_id)

    def kpis(self) -> Mapping[str, float]:
        return self._kpis

    def route_choices(self, vehicle_id: str, destination: str) -> ParetoResult:
        return self.router.pareto_result(self._dispatcher.vehicle(vehicle_id).location, destination)

    async def choose_route(
        self, vehicle_id: str, route: Route, *, operator: str | OperatorSession
    ) -> None:
        await asyncio.sleep(0)
        name = operator if isinstance(operator, str) else operator.operator
        self.chosen.append((vehicle_id, route, name))
        self._publish_route(vehicle_id, None, route, name)

    def publish_kpis(self, at: float, values: dict[str, float]) -> None:
        self._kpis = dict(values)
        self.bus.publish(KpiUpdated(at, values))

    def _emit(self, event: Event) -> None:
        self.bus.publish(event)
        if isinstance(event, TaskTransitioned) and event.vehicle_id is not None:
            if event.new == TaskState.ASSIGNED:
                vehicle = self._dispatcher.vehicle(event.vehicle_id)
                task = self._dispatcher.task(event.task_id)
                route = self.router.route(vehicle.location, task.origin)
                self._publish_route(event.vehicle_id, event.task_id, route, "dispatcher")
            elif event.new in (TaskState.QUEUED, TaskState.DONE, TaskState.FAILED):
                self._routes.pop(event.vehicle_id, None)
                self.bus.publish(
                    RouteAssigned(
                        self._clock[0], event.vehicle_id, event.task_id, (), 0.0, 0.0, 0.0, ""
                    )
                )

    def _publish_route(self, vid: str, task_id: str | None, route: Route, by: str) -> None:
        line = tuple((float(x), float(y)) for x, y in route.polyline)
        event = RouteAssigned(
            self._clock[0], vid, task_id, line, route.time_s, route.energy_kj, route.risk, by
        )
        self._routes[vid] = event
        self.bus.publish(event)


@pytest.fixture(scope="module")
def mine_packs(demo_site: Site) -> SitePacks:
    return load_site_packs(default_site_path(), demo_site)


@pytest.fixture
def dispatch_console(make_console, demo_site, qloop):  # type: ignore[no-untyped-def]
    service = SiteService(demo_site.site_id)
    console = make_console(service)
    view = RouterDispatchView(demo_site, service.bus, console.clock)
    # The console reads SiteService.dispatch as a DispatchView; this one is the test's.
    service.dispatch = view  # type: ignore[assignment]
    d = view.dispatcher
    d.add_vehicle("T1", "haul_truck", "PK1")
    d.add_vehicle("T2", "haul_truck", "WS1")
    d.add_vehicle("LV1", "light_vehicle", "PK1")
    console.view = view
    frame(console)
    return console


def frame(console) -> None:  # type: ignore[no-untyped-def]
    """Run one frame of the console (the clock moves a second, so the frame is delivered)."""
    console.clock[0] += 1.0
    console.window.frame_clock.tick()


def submit(
    view: RouterDispatchView, task_id: str, origin: str, destination: str, priority: int = 0
) -> None:
    task = Task(task_id, HAUL, origin, destination, frozenset({"haul_truck"}), priority=priority)
    task.created_at = NOW
    view.dispatcher.submit(task)


def cells(console, col: Col) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The board as shown: task id -> text of ``col``, for the rows the filters let through."""
    board = console.window.dispatch.board
    proxy = board.proxy
    out = {}
    for row in range(proxy.rowCount()):
        task_id = proxy.index(row, 0).data(Qt.ItemDataRole.UserRole)
        out[task_id] = proxy.index(row, int(col)).data()
    return out


# ---------------------------------------------------------------------- task board


def test_board_reflects_transitions_once_per_frame(dispatch_console) -> None:  # type: ignore[no-untyped-def]
    console, view = dispatch_console, dispatch_console.view
    board = console.window.dispatch.board
    submit(view, "k1", "LD1", "DP1")
    submit(view, "k2", "LD3", "CR1", priority=2)
    submit(view, "k3", "LD2", "DP2")
    assert board.model.rowCount() == 0  # noted, not yet shown: the frame applies it
    frame(console)
    states = cells(console, Col.STATE)
    assert sorted(states) == ["k1", "k2", "k3"]
    assert sorted(s.split(" ", 1)[1] for s in states.values()) == ["Assigned", "Assigned", "Queued"]
    assert board.chips[TaskState.ASSIGNED].text().endswith("Assigned (2)")
    assert board.chips[TaskState.QUEUED].text().endswith("Queued (1)")
    vehicle = view.dispatcher.task("k1").vehicle_id
    assert vehicle is not None
    view.dispatcher.task_started("k1", who=vehicle)
    view.dispatcher.task_done("k1", who=vehicle, location="DP1")
    frame(console)
    assert cells(console, Col.STATE)["k1"].endswith("Done")
    assert cells(console, Col.REASON)["k1"] == "Completed"
    assert cells(console, Col.WHO)["k1"] == f"\u2066{vehicle}\u2069"
    # The freed vehicle took the queued task at once: the board shows it with its reason.
    assert cells(console, Col.STATE)["k3"].endswith("Assigned")
    assert cells(console, Col.REASON)["k3"].startswith("Assigned by the optimiser (cost ")
    assert cells(console, Col.ROUTE)["k2"] == "\u2066LD3\u2069 → \u2066CR1\u2069"
    assert cells(console, Col.PRIORITY)["k2"] == "2"
    assert board.chips[TaskState.DONE].text().endswith("Done (1)")


def test_board_keeps_open_tasks_and_only_the_last_finished(dispatch_console) -> None:  # type: ignore[no-untyped-def]
    console, view = dispatch_console, dispatch_console.view
    board = console.window.dispatch.board
    model = board.model
    model.keep_finished = 10  # a 12-hour shift's thousands, in small
    d = view.dispatcher
    # Two tasks nobody on the site can do stay queued all along: open tasks always stay.
    for k in range(2):
        task = Task(f"w{k}", HAUL, "LD1", "DP1", frozenset({"water_truck"}))
        task.created_at = NOW
        d.submit(task)
    finished: list[str] = []
    for k in range(60):
        submit(view, f"c{k:02d}", "LD1", "DP1")
        vehicle = d.task(f"c{k:02d}").vehicle_id
        assert vehicle is not None
        if k % 7 == 3:
            d.cancel(f"c{k:02d}", who="op-1", why="test")  # failed: finished too
        else:
            d.task_started(f"c{k:02d}", who=vehicle)
            d.task_done(f"c{k:02d}", who=vehicle, location="DP1")
        finished.append(f"c{k:02d}")
        if k % 3 == 2:
            frame(console)
            shown = set(model.ids)
            assert {"w0", "w1"} <= shown
            kept = [tid for tid in model.ids if tid.startswith("c")]
            assert len(kept) <= 10 + 1  # the bound, plus a batch of at most a tenth
            assert kept == finished[len(finished) - len(kept) :]  # the latest finished
            assert all(model.row_of(tid) == row for row, tid in enumerate(model.ids))
    frame(console)
    assert len(model.ids) == 2 + len([t for t in model.ids if t.startswith("c")]) <= 13
    # The counts stay exact: every task ever, not only the rows shown.
    failed = sum(1 for k in range(60) if k % 7 == 3)
    assert board.chips[TaskState.DONE].text().endswith(f"Done ({60 - failed})")
    assert board.chips[TaskState.FAILED].text().endswith(f"Failed ({failed})")
    assert board.chips[TaskState.QUEUED].text().endswith("Queued (2)")
    # A late event about a dropped task does not bring its row back; a rebind keeps the bound.
    model.task_changed("c00")
    frame(console)
    assert model.row_of("c00") is None
    board.bind(view, NOW)
    assert [tid for tid in model.ids if tid.startswith("c")] == finished[-10:]
    assert {"w0", "w1"} <= set(model.ids)
    assert cells(console, Col.STATE)["c59"].endswith("Failed")  # 59 % 7 == 3: cancelled
    assert cells(console, Col.STATE)["c58"].endswith("Done")


def test_board_follows_a_dispatcher_that_drops_finished_tasks(  # type: ignore[no-untyped-def]
    make_console, demo_site, qloop
) -> None:
    # The dispatcher keeps more finished tasks than the board shows (rows never go blank)...
    assert KEEP_FINISHED >= FINISHED_KEPT + FINISHED_KEPT // 10
    # ...but when more finish in one frame than it keeps, their rows still go, none blank.
    service = SiteService(demo_site.site_id)
    console = make_console(service)
    view = RouterDispatchView(demo_site, service.bus, console.clock, keep_finished=12)
    service.dispatch = view  # type: ignore[assignment]
    d = view.dispatcher
    d.add_vehicle("T1", "haul_truck", "PK1")
    console.view = view
    frame(console)
    board = console.window.dispatch.board
    model = board.model
    model.keep_finished = 10
    waiting = Task("w0", HAUL, "LD1", "DP1", frozenset({"water_truck"}))
    waiting.created_at = NOW
    d.submit(waiting)
    done = 0
    for burst in (3, 30, 5, 40):
        # Half the burst is on the board (queued) before it finishes with the rest.
        ids = [f"c{k:03d}" for k in range(done, done + burst)]
        for task_id in ids[: burst // 2]:
            submit(view, task_id, "LD1", "DP1")
        frame(console)
        for k, task_id in enumerate(ids):
            if k >= burst // 2:
                submit(view, task_id, "LD1", "DP1")
            d.task_started(task_id, who="T1")
            d.task_done(task_id, who="T1", location="DP1")
            done += 1
        frame(console)
        assert all(model.task(row) is not None for row in range(len(model.ids)))
        kept = [tid for tid in model.ids if tid.startswith("c")]
        assert 0 < len(kept) <= 11
        assert kept == [f"c{k:03d}" for k in range(done - len(kept), done)]
        assert "w0" in model.ids
        assert board.chips[TaskState.DONE].text().endswith(f"Done ({done})")
    assert d.dropped == done - 12


def test_filters_by_text_state_type_and_vehicle(dispatch_console) -> None:  # type: ignore[no-untyped-def]
    console, view = dispatch_console, dispatch_console.view
    board = console.window.dispatch.board
    submit(view, "k1", "LD1", "DP1")
    submit(view, "k2", "LD3", "CR1")
    submit(view, "k3", "LD2", "DP2")
    inspection = Task("i1", "mining.inspection_run", "PK1", "WS1", frozenset({"light_vehicle"}))
    view.dispatcher.submit(inspection)
    frame(console)
    assert len(cells(console, Col.ID)) == 4
    board.text_filter.setText("cr1")
    assert list(cells(console, Col.ID)) == ["k2"]
    board.text_filter.clear()
    board.chips[TaskState.ASSIGNED].setChecked(False)
    assert list(cells(console, Col.ID)) == ["k3"]
    board.chips[TaskState.ASSIGNED].setChecked(True)
    board.type_filter.setCurrentIndex(board.type_filter.findData("mining.inspection_run"))
    assert list(cells(console, Col.ID)) == ["i1"]
    board.type_filter.setCurrentIndex(0)
    holder = view.dispatcher.task("k2").vehicle_id
    board.vehicle_filter.setCurrentIndex(board.vehicle_filter.findData(holder))
    assert list(cells(console, Col.ID)) == ["k2"]
    board.vehicle_filter.setCurrentIndex(0)
    assert len(cells(console, Col.ID)) == 4


def test_pin_hold_and_release_from_the_keyboard_are_recorded_with_the_operator(  # type: ignore[no-untyped-def]
    dispatch_console, qtbot
) -> None:
    console, view = dispatch_console, dispatch_console.view
    window, d = console.window, dispatch_console.view.dispatcher
    overrides: list[OverrideApplied] = []
    window.service.bus.subscribe(OverrideApplied, overrides.append)
    submit(view, "k1", "LD1", "DP1")
    submit(view, "k2", "LD3", "CR1")
    submit(view, "k3", "LD2", "DP2")
    frame(console)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts are window-wide
    board = window.dispatch.board
    queued = next(t.task_id for t in d.tasks.values() if t.state is TaskState.QUEUED)
    window.select_vehicle("T2")
    assert board.select_task(queued)
    board.reason_edit.setText("loader waiting")
    qtbot.keyClick(board.table, Qt.Key.Key_P, CTRL_ALT)
    assert d.task(queued).vehicle_id == "T2"
    assert d.task(queued).history[-1].who == "op-test"
    assert overrides[-1] == OverrideApplied(
        console.clock[0], "op-test", "pin", "T2", queued, "loader waiting"
    )
    frame(console)
    assert cells(console, Col.ID)[queued].startswith("⚑ ")
    assert cells(console, Col.WHO)[queued] == "\u2066op-test\u2069 (override)"
    assert board.feedback.text() == f"Vehicle \u2066T2\u2069 pinned to task \u2066{queued}\u2069."

    # Hold: from the keyboard too; T1's task goes back to the queue, recorded with the operator.
    window.select_vehicle("T1")
    own = d.vehicle("T1").task_id
    qtbot.keyClick(board.table, Qt.Key.Key_H, CTRL_ALT)
    assert d.vehicle("T1").status is VehicleStatus.HELD
    assert d.vehicle("T1").held_by == "op-test"
    assert own is not None
    assert d.task(own).state is TaskState.QUEUED
    assert d.task(own).history[-1].why == "override by op-test: vehicle held (console)"
    frame(console)
    assert cells(console, Col.REASON)[own] == "Operator override: vehicle held"
    assert "held by \u2066op-test\u2069" in board.vehicle_label.text()

    # A pin the dispatcher would refuse is explained first and not sent.
    board.select_task(own)
    before = len(overrides)
    qtbot.keyClick(board.table, Qt.Key.Key_P, CTRL_ALT)
    assert len(overrides) == before
    assert board.feedback.text() == "Vehicle \u2066T1\u2069 is Held: it cannot take a task."

    qtbot.keyClick(board.table, Qt.Key.Key_U, CTRL_ALT)
    assert d.vehicle("T1").status is not VehicleStatus.HELD
    assert overrides[-1].action == "release"
    assert overrides[-1].operator == "op-test"


def test_overrides_need_a_signed_in_operator(dispatch_console) -> None:  # type: ignore[no-untyped-def]
    window, d = dispatch_console.window, dispatch_console.view.dispatcher
    window.set_operator("")
    window.select_vehicle("T1")
    window.actions_registry.get("dispatch.hold").trigger()
    assert d.vehicle("T1").status is VehicleStatus.AVAILABLE
    assert "Sign in first" in window.dispatch.board.feedback.text()


def test_cancel_asks_in_the_confirm_bar_then_fails_the_task(dispatch_console) -> None:  # type: ignore[no-untyped-def]
    console, view = dispatch_console, dispatch_console.view
    window = console.window
    submit(view, "k1", "LD1", "DP1")
    frame(console)
    window.dispatch.board.select_task("k1")
    window.actions_registry.get("dispatch.cancel").trigger()
    assert window.confirm_bar.pending
    assert view.dispatcher.task("k1").state is TaskState.ASSIGNED  # nothing until confirmed
    window.confirm_bar.confirm.click()
    task = view.dispatcher.task("k1")
    assert task.state is TaskState.FAILED
    assert task.history[-1].who == "op-test"
    frame(console)
    assert cells(console, Col.REASON)["k1"] == "Cancelled: \u2066console\u2069"


# ---------------------------------------------------------------------- routes on the map


def _pixel_at(window, world: tuple[float, float]) -> QColor:  # type: ignore[no-untyped-def]
    view = window.map_view
    image = view.grab().toImage()  # first: the grab lays the map out at its size
    x, y = view.transform().point_to_screen(*world)
    colour: QColor = image.pixelColor(QPoint(round(x), round(y)))
    return colour


def test_route_layer_draws_the_selected_route_and_clears_on_an_empty_polyline(  # type: ignore[no-untyped-def]
    dispatch_console,
) -> None:
    console, view = dispatch_console, dispatch_console.view
    window = console.window
    window.map_view.resize(900, 700)
    window.map_view.fit_site()
    layer = window.dispatch.route_layer
    assert window.map_view.layer_visible(route_layer.KEY)
    route = view.router.route("WS1", "LD1")
    middle = tuple(route.polyline[len(route.polyline) // 2])
    before = _pixel_at(window, middle)
    submit(view, "k1", "LD1", "DP1")  # T2 at WS1 is nearest: it gets the route WS1 -> LD1
    assert view.dispatcher.task("k1").vehicle_id == "T2"
    assert layer.pending  # drawn at the next frame, not per event
    frame(console)
    assert np.array_equal(layer.routes["T2"], route.polyline)
    window.select_vehicle("T2")
    assert window.dispatch.chooser.destination_id() == "LD1"  # where its current leg ends
    frame(console)
    selected = _pixel_at(window, middle)
    assert selected != before
    # Nothing changed: a paint reuses the cached background, the layer is not painted again.
    renders = layer.renders
    frame(console)
    window.map_view.repaint()
    assert layer.renders == renders
    # The task ends: the dispatcher clears the route with an empty polyline.
    view.dispatcher.cancel("k1", who="op-test", why="test")
    frame(console)
    assert "T2" not in layer.routes
    assert _pixel_at(window, middle) == before
    # The layer toggles like the others (Map menu action).
    window.layer_actions[route_layer.KEY].trigger()
    assert not window.map_view.layer_visible(route_layer.KEY)


# ---------------------------------------------------------------------- route chooser


def test_route_chooser_offers_the_pareto_set_previews_and_sends_the_pick(  # type: ignore[no-untyped-def]
    dispatch_console, qloop
) -> None:
    console, view = dispatch_console, dispatch_console.view
    window = console.window
    chooser = window.dispatch.chooser
    window.select_vehicle("T2")  # at WS1
    window.actions_registry.get("dispatch.route").trigger()
    assert window.panels()["routes"].isVisibleTo(window)
    chooser.set_destination("LD1")
    chooser.find_button.click()
    expected = view.router.pareto_result("WS1", "LD1")
    assert len(expected.paths) >= 2
    assert [c.route.edges for c in chooser.choices] == [tuple(p) for p in expected.paths]
    assert [c.route.costs for c in chooser.choices] == list(expected.costs)
    by_edges = {r.edges: r for r in view.router.pareto("WS1", "LD1")}
    for choice in chooser.choices:
        same = by_edges[choice.route.edges]
        assert np.array_equal(choice.route.polyline, same.polyline)
        assert choice.route.length_m == pytest.approx(same.length_m)
        assert choice.dominated_by is None
    assert chooser.table.rowCount() == len(expected.paths)
    assert chooser.table.item(0, 1).text().startswith("★")  # the fastest is first
    assert chooser.table.item(0, 5).text() == "Fastest"
    assert chooser.table.item(1, 5).text().startswith("Against the fastest: time +")
    layer = window.dispatch.route_layer
    chooser.table.selectRow(1)
    assert np.array_equal(layer.preview, chooser.choices[1].route.polyline)
    chooser.send_button.click()
    qloop.run_until_complete(asyncio.gather(*window._tasks))
    assert [(v, r.edges, who) for v, r, who in view.chosen] == [
        ("T2", chooser.choices[1].route.edges, "op-test")
    ]
    frame(console)
    assert np.array_equal(layer.routes["T2"], chooser.choices[1].route.polyline)
    assert chooser.feedback.text() == "Route 2 sent to vehicle \u2066T2\u2069."


def test_route_chooser_explains_an_unknown_vehicle(dispatch_console) -> None:  # type: ignore[no-untyped-def]
    window = dispatch_console.window
    chooser = window.dispatch.chooser
    window.select_vehicle("NOPE")
    chooser.find_button.click()
    assert chooser.choices == []
    assert chooser.feedback.text().startswith("No route from vehicle \u2066NOPE\u2069")


# ---------------------------------------------------------------------- KPIs


def test_pack_kpi_plots_get_points_with_target_line(dispatch_console, mine_packs) -> None:  # type: ignore[no-untyped-def]
    console, view = dispatch_console, dispatch_console.view
    window = console.window
    add_pack_panels(window, mine_packs)
    panel = window.dispatch.pack_kpis
    assert set(mine_packs.contributions.kpis) <= set(panel.kpis)
    target = KpiDefinition(
        id="test.availability",
        title="Availability",
        unit="%",
        description="Share of the fleet able to work.",
        aggregation="ratio",
        source="telemetry",
        better="higher",
        target=95.0,
    )
    panel.set_definitions({"test.availability": target}, window.dispatch.type_title)
    redraws = panel.redraws
    start = console.clock[0]
    view.publish_kpis(start, {"mining.tonnes_per_hour": 4200.0, "test.availability": 90.0})
    view.publish_kpis(start + 60.0, {"mining.tonnes_per_hour": 4500.0, "test.availability": 97.0})
    console.clock[0] = start + 60.0
    window.frame_clock.tick()
    assert panel.redraws == redraws + 1  # two updates, one redraw in the frame
    tph = panel.kpis["mining.tonnes_per_hour"]
    xs, ys = tph.curve.getData()
    assert list(ys) == [4200.0, 4500.0]
    assert list(xs) == [-1.0, 0.0]  # minutes before now
    assert tph.tile.value.text() == "4,500 t/h"
    assert tph.tile.caption.text() == "Tonnes per hour"
    availability = panel.kpis["test.availability"]
    assert availability.target.isVisible()
    assert availability.target.value() == 95.0
    assert not tph.target.isVisible()
    # An hour of history: older points are dropped, the same curve item is reused.
    curve = tph.curve
    view.publish_kpis(start + 3650.0, {"mining.tonnes_per_hour": 4000.0})
    console.clock[0] = start + 3650.0
    window.frame_clock.tick()
    assert tph.curve is curve
    assert list(tph.curve.getData()[1]) == [4500.0, 4000.0]


def test_simulated_kpis_say_so(dispatch_console) -> None:  # type: ignore[no-untyped-def]
    console, view = dispatch_console, dispatch_console.view
    window = console.window
    panel = window.dispatch.pack_kpis
    window.show()
    window.show_panel("pack_kpis")
    assert panel.clock_note.isHidden()  # real vehicles, real time: nothing to say
    view.scale = 20.0  # a demo's simulated fleet, 20 times faster than real time
    window.dispatch.bind(view)
    assert panel.clock_note.isVisible()
    assert panel.clock_note.text().startswith("Simulated ×20: ")
    assert "per simulated hour" in panel.clock_note.text()
    view.scale = 1.0
    window.dispatch.bind(view)
    assert panel.clock_note.isHidden()


# ---------------------------------------------------------------------- Arabic


def test_dispatch_panels_in_arabic_are_right_to_left_with_no_english(  # type: ignore[no-untyped-def]
    dispatch_console, mine_packs
) -> None:
    console, view = dispatch_console, dispatch_console.view
    window = console.window
    view.scale = 20.0  # the demo's: the KPI panel says the figures are simulated
    window.dispatch.bind(view)
    # What add_pack_panels does for the dispatch panels (the packs' own panels are theirs).
    window.dispatch.use_packs(mine_packs.contributions)
    submit(view, "k1", "LD1", "DP1")
    submit(view, "k2", "LD3", "CR1")
    submit(view, "k3", "LD2", "DP2")
    view.publish_kpis(console.clock[0], {"mining.tonnes_per_hour": 4200.0})
    window.select_vehicle("T2")
    window.dispatch.board.select_task("k3")
    window.actions_registry.get("dispatch.pin").trigger()
    frame(console)
    window.show()
    chooser = window.dispatch.chooser
    chooser.set_destination("LD1")
    for key in ("tasks", "routes", "pack_kpis"):
        window.show_panel(key)
    console.language.set_language("ar")
    chooser.find_button.click()
    frame(console)
    assert window.dispatch.board.isRightToLeft()
    assert chooser.isRightToLeft()
    assert window.panels()["tasks"].windowTitle() == "المهام"
    assert english_left(window) == []
    assert "دورة النقل" in cells(console, Col.TYPE).values()
    assert window.dispatch.pack_kpis.clock_note.text().startswith("محاكاة ×")


def test_no_dispatcher_shows_a_clear_state(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    window = console.window
    board, chooser = window.dispatch.board, window.dispatch.chooser
    assert window.dispatch.view is None
    assert board.status_note.text().startswith("No dispatcher on this site")
    assert not chooser.find_button.isEnabled()
    window.select_vehicle("T1")
    window.actions_registry.get("dispatch.hold").trigger()
    assert board.feedback.text() == "No dispatcher on this site."
    window.show()
    for key in ("tasks", "routes", "pack_kpis"):
        window.show_panel(key)
    console.language.set_language("ar")
    assert english_left(window) == []


def test_reason_codes_of_the_site_dispatch_are_worded(make_console) -> None:  # type: ignore[no-untyped-def]
    language = make_console().language
    island = "\u2066{}\u2069".format
    cases = {
        "assigned: cost 312.4 s": "Assigned by the optimiser (cost 312 s)",
        "assigned: pinned": "Assigned: pinned by an operator",
        "override by op-1: pinned to T7 (loader waiting)": (
            f"Operator override: pinned to {island('T7')}"
        ),
        "refused by gw-1-0035: rate_limited: more than 100 commands a minute": (
            f"Refused by {island('gw-1-0035')} ({island('rate_limited')})"
        ),
        "no route after closure (zone Z1 closed): no path": "No route after a road or zone closure",
        "fault: motor": f"Vehicle fault: {island('motor')}",
        "something new": island("something new"),
    }
    for why, text in cases.items():
        assert reason_text(why, language) == text
