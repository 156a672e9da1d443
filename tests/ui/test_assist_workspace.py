"""The assist workspace against a real edge node over WebSocket, driven from the keyboard."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt  # noqa: TID251 - a UI test drives Qt

from app.core.dispatch.site import SiteDispatch
from app.core.service import SiteService
from app.ui.assist.model import COL_LINK, COL_OWNER
from app.ui.language import ltr
from edge.__main__ import build_node
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle, parse_bundle
from edge.hal.sim import SimVehicle
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol.messages import VehicleState
from maps.site import default_site_path
from plugins.runtime import load_site_packs
from tests.conftest import MS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from app.ui.assist import AssistWorkspace
    from maps.site import Site

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


async def until(
    condition: Callable[[], bool],
    what: str,
    timeout_s: float = 30.0,
    state: Callable[[], object] = lambda: "",
) -> None:
    try:
        async with asyncio.timeout(timeout_s * MS * 1000):
            while not condition():  # noqa: ASYNC110 - polls state owned by the code under test
                await asyncio.sleep(0.01)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what} {state()}")


def gate_governor(site: Site) -> Governor:
    """The core rules plus a safety-strength rule that asks an operator before every start."""
    doc = load_core_bundle().model_dump(mode="json")
    doc["rules"].append(
        {
            "id": "test.gate_check",
            "explanation": "Every departure is checked by an operator.",
            "strength": "S",
            "source": "test",
            "when": [{"field": "action", "op": "eq", "value": "start_task"}],
            "effect": {
                "outcome": "ESCALATE",
                "escalation": {
                    "priority": 3,
                    "criticality": "high",
                    "deadline_s": 300.0,
                    "hold_behaviour": "hold",
                    "fallback": "safe_stop",
                },
            },
        }
    )
    return Governor(parse_bundle(doc, source="test"), site)


def gate_node(site: Site, tmp_path: Path, vehicles: int) -> EdgeNode:
    world = SimWorld(site)
    loading = [p for p in site.pois if p.kind == "loading"]
    fleet = [
        SimVehicle(world, f"a-{i}", "haul_truck", seed=i, start=loading[i % len(loading)])
        for i in range(vehicles)
    ]
    return build_node(
        EdgeNodeConfig(node_id="gw-a", site_id=site.site_id, telemetry_hz=20, heartbeat_s=0.2),
        fleet,
        site=site,
        data_dir=tmp_path / "edge",
        governor=gate_governor(site),
    )


def fast_backoff():  # type: ignore[no-untyped-def]
    while True:
        yield 0.05


def frame(console, workspace: AssistWorkspace) -> None:  # type: ignore[no-untyped-def]
    """One frame of the console at the real time (the edge's deadlines are wall clock)."""
    console.clock[0] = time.time()
    console.window.frame_clock.tick()
    assert workspace.model.rowCount() == len(workspace.queue.open_items())


def press(qtbot: QtBot, workspace: AssistWorkspace, key: Qt.Key) -> None:
    qtbot.keyClick(workspace.table, key)  # type: ignore[no-untyped-call]


def test_keyboard_next_claim_confirm_reaches_the_edge_and_the_vehicle_moves_on(  # type: ignore[no-untyped-def]
    make_console, qloop, qtbot, demo_site, tmp_path
) -> None:
    node = gate_node(demo_site, tmp_path, vehicles=3)
    service = SiteService(demo_site.site_id, console_id="ui-a", backoff=fast_backoff)
    rival = SiteService(demo_site.site_id, console_id="ui-b", backoff=fast_backoff)
    console = make_console(service)
    window = console.window
    workspace = window.assist_panel
    window.show()
    qtbot.waitExposed(window)
    window.show_panel("assist")
    workspace.table.setFocus()

    async def scenario() -> None:
        await node.start()
        try:
            await service.start()
            await rival.start()
            await service.add_endpoint(node.url)
            await rival.add_endpoint(node.url)
            await until(lambda: len(service.assist.open_items()) == 3, "three requests")
            await until(lambda: len(rival.assist.open_items()) == 3, "three on the rival")
            frame(console, workspace)
            assert workspace.model.resets == 1  # three requests, one refresh

            # N selects the first open request; nothing is enabled that cannot be valid.
            press(qtbot, workspace, Qt.Key.Key_N)
            first = service.assist.open_items()[0]
            assert workspace.selected_id == first.request_id
            assert workspace.commands["assist.claim"].isEnabled()
            assert not workspace.commands["assist.confirm"].isEnabled()
            assert "gate_check" in workspace.detail.why.text()
            assert workspace.plot.points() > 0  # the request's history, then live samples
            assert "C" in workspace.buttons["assist.claim"].text()  # the key is shown

            # C claims: the edge node arbitrates and every console learns the owner.
            press(qtbot, workspace, Qt.Key.Key_C)
            await asyncio.gather(*window._tasks)
            assert node.assist.owner_of(first.request_id) == "op-test"
            await until(
                lambda: (
                    (i := service.assist.get(first.request_id)) is not None and i.owner == "op-test"
                ),
                "owner known",
            )
            frame(console, workspace)
            row = workspace.model.row_of(first.request_id)
            assert workspace.model.index(row, COL_OWNER).data() == "me"
            assert workspace.commands["assist.confirm"].isEnabled()
            assert "✓" in workspace.detail.reply.text()

            # O: an override of a safety rule is beyond an unverified operator: refused by the
            # edge with its reason, shown in the pane (no dialog).
            press(qtbot, workspace, Qt.Key.Key_O)
            await asyncio.gather(*window._tasks)
            refusal = workspace.detail.reply.text()
            assert refusal.startswith("✕")
            assert "refused by the edge" in refusal
            assert workspace.detail.reply.isVisible()

            # Y confirms: answered on the edge, the vehicle asks its governor again and goes.
            press(qtbot, workspace, Qt.Key.Key_Y)
            await asyncio.gather(*window._tasks)
            await until(
                lambda: (
                    (i := service.assist.get(first.request_id)) is not None
                    and i.state == "answered"
                ),
                "answered",
            )
            vehicle = first.vehicle_id
            await until(
                lambda: (
                    (r := service.fleet.get(vehicle)) is not None
                    and r.sample is not None
                    and r.sample.state is VehicleState.MOVING
                ),
                "the vehicle drives on after the confirmation",
            )
            frame(console, workspace)
            assert first.request_id not in workspace.model.ids
            assert "Answered by" in workspace.detail.title.text()

            # The rival console claims the next one first: our claim is told who owns it.
            press(qtbot, workspace, Qt.Key.Key_N)
            second = workspace.selected_id
            assert second is not None
            assert (await rival.assist_claim(second, operator="bob")).accepted
            press(qtbot, workspace, Qt.Key.Key_C)
            await asyncio.gather(*window._tasks)
            assert f"{ltr('bob')} owns this request" in workspace.detail.reply.text()

            # The edge link goes down: open requests are marked; nothing can be claimed.
            await node.stop()
            await until(
                lambda: service.assist.links_down() == len(service.assist.open_items()) >= 2,
                "every open request marked link down",
            )
            frame(console, workspace)
            row = workspace.model.row_of(second)
            assert "⚠" in workspace.model.index(row, COL_LINK).data()
            assert not workspace.commands["assist.claim"].isEnabled()
            assert "is down" in workspace.detail.link.text()
        finally:
            await service.stop()
            await rival.stop()
            await node.stop()
            assert node.decisions is not None
            node.decisions.journal.close()

    qloop.run_until_complete(scenario())


def test_keyboard_route_choice_is_rechecked_by_the_edge_then_taken(  # type: ignore[no-untyped-def]
    make_console, qloop, qtbot, demo_site, tmp_path
) -> None:
    node = gate_node(demo_site, tmp_path, vehicles=1)
    service = SiteService(demo_site.site_id, console_id="ui-r", backoff=fast_backoff)
    console = make_console(service)
    window = console.window
    workspace = window.assist_panel
    window.show()
    qtbot.waitExposed(window)
    window.show_panel("assist")
    workspace.table.setFocus()
    zones, decisions = node.zones, node.decisions
    assert zones is not None
    assert decisions is not None
    site_governor = decisions.governor

    async def scenario() -> None:
        await node.start()
        try:
            await service.start()
            # The site's embedded dispatcher, as a console with the mining pack has it (its
            # dispatch loop is not run: nothing is dispatched, it only offers routes).
            service.dispatch = SiteDispatch(
                demo_site,
                load_site_packs(default_site_path(), demo_site).contributions,
                bus=service.bus,
                fleet=service.fleet,
                links=service,
                clock=time.time,
                jit=False,
            )
            await service.add_endpoint(node.url)
            await until(lambda: len(service.assist.open_items()) == 1, "one request")
            await until(lambda: service.fleet.get("a-0") is not None, "the vehicle's telemetry")
            frame(console, workspace)
            press(qtbot, workspace, Qt.Key.Key_N)
            (item,) = service.assist.open_items()
            assert not workspace.commands["assist.reroute"].isEnabled()  # not mine yet
            press(qtbot, workspace, Qt.Key.Key_C)
            await asyncio.gather(*window._tasks)
            await until(
                lambda: (i := service.assist.get(item.request_id)) is not None and bool(i.owner),
                "claimed",
            )
            frame(console, workspace)
            assert workspace.commands["assist.reroute"].isEnabled()
            assert "R" in workspace.buttons["assist.reroute"].text()

            # Another operator closed the crusher's approach (Z04) on the edge; the console's
            # dispatcher does not know it and offers routes through it.
            decisions.governor = zones.compile("close_zone", "Z04")
            zones.commit("close_zone", "Z04")

            # R: the routes to the crusher side by side, the first previewed in the inset.
            press(qtbot, workspace, Qt.Key.Key_R)
            routes = workspace.routes
            assert routes.is_open()
            routes.panel.set_destination("CR1")
            routes.panel.find_routes()
            table = routes.panel.table
            assert table.rowCount() >= 1
            assert table.columnCount() == 6  # time, energy, risk, length, trade-off
            assert routes.preview  # drawn in the inset
            assert table.hasFocus()
            # Enter sends the selected route (it does not confirm the request).
            qtbot.keyClick(table, Qt.Key.Key_Return)
            await asyncio.gather(*window._tasks)
            reply = workspace.detail.reply.text()
            assert reply.startswith("✕"), reply
            assert "Z04" in reply
            assert "core.blocked_zone" in reply
            assert node.assist.state_of(item.request_id) == "claimed"
            assert not routes.is_open()
            assert workspace.table.hasFocus()

            # Reopened on the edge: the same choice passes and the vehicle takes the route.
            decisions.governor = site_governor
            zones.commit("open_zone", "Z04")
            press(qtbot, workspace, Qt.Key.Key_R)
            assert routes.is_open()
            assert table.rowCount() >= 1
            chosen = routes.panel.choices[routes.panel.selected_index()].route
            qtbot.keyClick(table, Qt.Key.Key_Return)
            await asyncio.gather(*window._tasks)
            assert workspace.detail.reply.text().startswith("✓"), workspace.detail.reply.text()
            assert node.assist.state_of(item.request_id) == "answered"
            vehicle = node.vehicles["a-0"]
            assert isinstance(vehicle, SimVehicle)
            mission = vehicle._mission  # the sim's plan: the chosen road, edge by edge
            assert mission is not None
            driven = [demo_site.graph.edges[e].v for e in mission.route]
            assert driven[: len(chosen.nodes) - 1] == list(chosen.nodes[1:])
        finally:
            await service.stop()
            await node.stop()
            assert node.decisions is not None
            node.decisions.journal.close()

    qloop.run_until_complete(scenario())
