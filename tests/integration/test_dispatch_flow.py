"""Dispatched haul cycles end to end over real WebSockets: site service, edge node, sim trucks.

The site service plans and sends haul-cycle tasks (steps with routes) to an edge node; the
simulated trucks drive to the loader, queue, load, haul, dump and report each step; the
dispatcher closes the tasks and the KPIs move. Vehicle physics runs on an accelerated clock
(the node's ticker), so a cycle takes seconds, not minutes. Also: re-dispatch when a truck
stops or its link drops, a closed zone re-routes, pins and holds win, an old console is served
in its version, and a malformed task is refused with a clear reason.
"""

from __future__ import annotations

import asyncio
import json
import time
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest
from websockets.asyncio.client import connect

from app.core.bus import Event, ZonesClosedChanged
from app.core.dispatch import DispatchError, OverrideError, TaskState, VehicleStatus
from app.core.dispatch.events import (
    KpiUpdated,
    OverrideApplied,
    RouteAssigned,
    VehicleStatusChanged,
)
from app.core.errors import LinkError
from app.core.service import SiteService
from edge.__main__ import build_node
from edge.governor.engine import Governor
from edge.governor.loader import parse_bundle
from edge.hal.sim import SimVehicle, make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.ticker import Ticker
from maps.errors import NoRouteError
from maps.routing.router import Router
from maps.site import Site, default_site_path, load_site
from plugins.runtime import SitePacks, load_site_packs
from plugins.simfleet import fleet_classes

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
    from pathlib import Path

    from websockets.asyncio.client import ClientConnection

    from app.core.dispatch.site import SiteDispatch
    from app.core.dispatch.view import DispatchView

pytestmark = pytest.mark.integration

TIMEOUT_S = 40.0
SPEED = 100.0
"""Simulated seconds per real second on the edge (vehicle physics, loading, dumping)."""
HZ = 20.0


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


@pytest.fixture(scope="module")
def packs(site: Site) -> SitePacks:
    return load_site_packs(default_site_path(), site, builtin_only=True)


def fast_backoff() -> Iterator[float]:
    while True:
        yield 0.02


def fast_clock(speed: float = SPEED) -> Callable[[], float]:
    """A wall clock running ``speed`` times faster than real time."""
    t0, m0 = time.time(), time.monotonic()
    return lambda: t0 + (time.monotonic() - m0) * speed


async def wait_for(predicate: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not predicate():  # noqa: ASYNC110 - polls state owned by the code under test
                await asyncio.sleep(0.02)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


@asynccontextmanager
async def haul_site(
    site: Site,
    packs: SitePacks,
    tmp_path: Path,
    *,
    trucks: int = 3,
    governor: Governor | None = None,
    speed: float = SPEED,
    time_scale: float = 1.0,
    light: int = 0,
) -> AsyncIterator[tuple[EdgeNode, SiteService, list[Event], list[SimVehicle]]]:
    world = SimWorld(site)
    loaders = site.pois_of_kind("loading")
    fleet = [
        SimVehicle(
            world,
            f"t-{i}",
            "haul_truck",
            seed=i,
            start=loaders[i % len(loaders)],
            time_scale=time_scale,
        )
        for i in range(trucks)
    ]
    fleet += [
        SimVehicle(world, f"lv-{i}", "light_vehicle", seed=50 + i, time_scale=time_scale)
        for i in range(light)
    ]
    node = build_node(
        EdgeNodeConfig(node_id="gw-d", site_id=site.site_id, telemetry_hz=HZ, heartbeat_s=0.2),
        fleet,
        site=site,
        data_dir=tmp_path / "edge",
        governor=governor or Governor(packs.bundle, site),
        ticker=Ticker(HZ, clock=fast_clock(speed)),
    )
    await node.start()
    service = SiteService(
        site.site_id,
        [node.url],
        console_id="dispatch-test",
        backoff=fast_backoff,
        site=site,
        packs=packs.contributions,
        dispatch_period_s=0.05,
        routing_jit=False,
        time_scale=time_scale,
    )
    events: list[Event] = []
    service.bus.subscribe(Event, events.append)
    await service.start()
    try:
        yield node, service, events, fleet
    finally:
        await service.stop()
        await node.stop()
        assert node.decisions is not None
        node.decisions.journal.close()


def done_tasks(service: SiteService) -> list[str]:
    assert service.dispatch is not None
    return [
        t.task_id for t in service.dispatch.dispatcher.tasks.values() if t.state is TaskState.DONE
    ]


def test_haul_cycles_run_end_to_end_and_kpis_move(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (node, service, events, _fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            view: DispatchView = dispatch  # the console's contract, checked by mypy
            assert view.dispatcher is dispatch.dispatcher
            await wait_for(lambda: len(dispatch.dispatcher.vehicles) == 3, "trucks joined dispatch")
            await wait_for(lambda: len(done_tasks(service)) >= 2, "two haul cycles done")
            kpis = [e for e in events if isinstance(e, KpiUpdated)]
            assert kpis, "no KPI update published"
            await wait_for(
                lambda: dispatch.kpis().get("mining.tonnes_per_hour", 0.0) > 0, "tonnes moving"
            )
            assert set(dispatch.kpis()) == {
                "mining.tonnes_per_hour",
                "mining.loader_queue_time",
                "mining.cycle_time",
            }
            task = dispatch.dispatcher.task(done_tasks(service)[0])
            states = [r.new.value for r in task.history]
            assert states == ["assigned", "running", "done"]
            routes = [
                e for e in events if isinstance(e, RouteAssigned) and e.task_id == task.task_id
            ]
            assert any(r.polyline for r in routes), "the route was published"
            assert routes[-1].polyline == (), "the route is cleared when the task ends"
            # The edge journaled the task commands like its decisions.
            assert node.decisions is not None

    asyncio.run(scenario())


def test_a_time_scaled_fleet_reports_kpis_in_simulated_time(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    # The demo's way: the node runs on the wall clock, the trucks drive, load and dump 80
    # times faster, and the dispatcher counts the KPIs in simulated time.
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path, speed=1.0, time_scale=80.0) as (
            _node,
            service,
            _events,
            _fleet,
        ):
            dispatch = service.dispatch
            assert dispatch is not None
            assert dispatch.time_scale == 80.0
            await wait_for(
                lambda: dispatch.kpis().get("mining.tonnes_per_hour", 0.0) > 0, "tonnes moving"
            )
            # Three 220 t trucks can dump at most 3 x 231 t every 168 simulated seconds
            # (loading and dumping at their shortest, no driving): under 15,000 t per
            # simulated hour. Counted per wall-clock hour it would be 80 times more.
            tph = dispatch.kpis()["mining.tonnes_per_hour"]
            assert 0 < tph < 15_000

    asyncio.run(scenario())


def test_a_stopped_truck_is_taken_out_and_its_work_re_dispatched(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (_, service, _events, _fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            vehicles = dispatch.dispatcher.vehicles
            await wait_for(lambda: vehicles.get("t-1") is not None, "t-1 joined")
            await wait_for(
                lambda: any(
                    t.vehicle_id == "t-1" and t.state is TaskState.RUNNING
                    for t in dispatch.dispatcher.tasks.values()
                ),
                "t-1 runs a task",
            )
            task_id = vehicles["t-1"].task_id
            assert task_id is not None
            await service.emergency_stop(["t-1"], operator="alice", reason="test stop")
            await wait_for(lambda: vehicles["t-1"].status is VehicleStatus.FAULT, "t-1 out")
            task = dispatch.dispatcher.task(task_id)
            assert task.vehicle_id != "t-1"
            requeued = [r for r in task.history if r.new is TaskState.QUEUED]
            assert requeued, task.history
            assert "safe stop" in requeued[0].why
            await wait_for(lambda: task.state is not TaskState.QUEUED, "re-dispatched")
            assert task.vehicle_id in ("t-0", "t-2")
            # The stopped truck is released by a supervisor and rejoins dispatch.
            await service.resume(["t-1"], operator="sam")
            await wait_for(lambda: vehicles["t-1"].status is not VehicleStatus.FAULT, "t-1 back")
            await wait_for(lambda: vehicles["t-1"].task_id is not None, "t-1 has work again")

    asyncio.run(scenario())


def test_a_lost_link_takes_its_trucks_offline_and_they_return(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (node, service, _, fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            vehicles = dispatch.dispatcher.vehicles
            await wait_for(
                lambda: len(vehicles) == 3 and all(v.task_id for v in vehicles.values()),
                "every truck on a task",
            )
            tasks = {v.vehicle_id: v.task_id for v in vehicles.values()}
            await service.remove_endpoint(node.url)
            await wait_for(
                lambda: all(v.status is VehicleStatus.OFFLINE for v in vehicles.values()),
                "trucks offline",
            )
            for vehicle_id, task_id in tasks.items():
                assert task_id is not None
                task = dispatch.dispatcher.task(task_id)
                assert task.state is TaskState.QUEUED, (vehicle_id, task.history)
                assert "offline" in task.history[-1].why
            await service.add_endpoint(node.url)
            await wait_for(
                lambda: all(v.status is VehicleStatus.BUSY for v in vehicles.values()),
                "trucks back at work",
            )
            await wait_for(
                lambda: all(
                    f._task is not None and f._task.task_id == vehicles[f.vehicle_id].task_id
                    for f in fleet
                ),
                "every truck works on the task the dispatcher holds for it",
            )

    asyncio.run(scenario())


def test_hold_and_pin_win_and_are_recorded(site: Site, packs: SitePacks, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (_, service, events, fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            d = dispatch.dispatcher
            await wait_for(lambda: d.vehicles.get("t-2") is not None, "t-2 joined")
            await wait_for(lambda: d.vehicles["t-2"].task_id is not None, "t-2 on a task")
            d.hold("t-2", operator="alice", reason="tyre check")
            assert d.vehicles["t-2"].status is VehicleStatus.HELD
            truck = fleet[2]
            await wait_for(lambda: truck._task is None, "the held truck dropped its task")
            await asyncio.sleep(0.3)  # several dispatch rounds: a held truck gets nothing
            assert d.vehicles["t-2"].task_id is None
            assert any(
                isinstance(e, OverrideApplied) and e.action == "hold" and e.operator == "alice"
                for e in events
            )
            with pytest.raises(OverrideError, match="t-2 is held"):
                d.pin("t-2", next(iter(d.tasks)), operator="alice")
            # Released, the optimiser gives it work at once; the pin then wins over that.
            d.release("t-2", operator="alice")
            given = d.vehicles["t-2"].task_id
            queued = next(
                t for t in d.tasks.values() if t.state is TaskState.QUEUED and t.task_id != given
            )
            d.pin("t-2", queued.task_id, operator="alice", reason="send it there")
            await wait_for(
                lambda: queued.vehicle_id == "t-2" or d.vehicles["t-2"].task_id == queued.task_id,
                "the pinned task went to t-2",
            )
            assert any(r.why == "assigned: pinned" for r in queued.history)
            await wait_for(
                lambda: truck._task is not None and truck._task.task_id == queued.task_id,
                "t-2 works on the pinned task",
            )

    asyncio.run(scenario())


def test_a_closed_zone_re_routes_the_haul(site: Site, packs: SitePacks, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (_, service, events, _fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            await wait_for(lambda: any(e for e in events if isinstance(e, RouteAssigned)), "routes")
            zone = crossed_zone(dispatch)
            dispatch.close_zone(zone, who="alice")
            closed = dispatch.router("haul_truck", loaded=True).allowed_edges
            empty = dispatch.router("haul_truck", loaded=False).allowed_edges
            await asyncio.sleep(0.3)
            for sent in dispatch._sent.values():
                for leg in sent.legs.values():
                    if leg.step >= max(sent.step, 0):
                        mask = closed if leg.loaded else empty
                        assert all(mask[e] for e in leg.route.edges), (zone, sent.task_id)
            dispatch.open_zone(zone, who="alice")
            assert zone not in dispatch.closed_zones
            before = len(done_tasks(service))
            await wait_for(lambda: len(done_tasks(service)) > before, "hauling goes on")

    asyncio.run(scenario())


def crossed_zone(dispatch: SiteDispatch) -> str:
    """Return a zone the current haul routes cross whose closure leaves another way."""
    legs = [leg for sent in dispatch._sent.values() for leg in sent.legs.values()]
    site = dispatch.site
    for zone in site.zones:
        router = Router(site, "haul_truck", loaded=True, jit=False)
        router.close_zone(zone.id)
        allowed = router.allowed_edges
        if any(not allowed[e] for leg in legs for e in leg.route.edges):
            return zone.id
    pytest.fail("the haul routes cross no zone")


def test_old_consoles_keep_working_and_bad_tasks_are_refused_clearly(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (node, _service, _, _fleet):
            for version in ("1.0", "1.1"):
                async with connect(node.url) as ws:
                    await ws.send(json.dumps(hello_frame(site, version)))
                    welcome = json.loads(await ws.recv())
                    assert (welcome["type"], welcome["version"]) == ("welcome", version)
            async with connect(node.url) as ws:
                await ws.send(json.dumps(hello_frame(site, "1.2")))
                welcome = json.loads(await ws.recv())
                assert welcome["version"] == "1.2"
                # Not a road path: refused by the vehicle with the reason.
                bad_route = task_frame(1, steps=[
                    {"name": "to_loader", "action": "drive", "poi": "LD1", "nodes": [150, 37]}
                ])  # fmt: skip
                reply = await command_reply(ws, bad_route)
                assert reply["type"] == "command_ack"
                assert not reply["accepted"]
                assert "not joined by a road" in str(reply["reason"])
                # Loading at a dump: refused.
                wrong = task_frame(
                    2, steps=[{"name": "load", "action": "load", "poi": dump_of(site)}]
                )
                reply = await command_reply(ws, wrong)
                assert not reply["accepted"]
                assert "cannot load" in str(reply["reason"])
                # Not a step at all: the frame is invalid, named in an error.
                invalid = task_frame(3, steps=[{"name": "fly", "action": "fly", "poi": "LD1"}])
                reply = await command_reply(ws, invalid)
                assert reply["type"] == "error"
                assert reply["code"] == "invalid"

    asyncio.run(scenario())


def hello_frame(site: Site, version: str) -> dict[str, object]:
    return {
        "type": "hello",
        "v": version,
        "seq": 0,
        "ts": 1.0,
        "role": "console",
        "node_id": f"console-{version}",
        "site_id": site.site_id,
        "versions": [version],
    }


def task_frame(seq: int, *, steps: list[dict[str, object]]) -> dict[str, object]:
    return {
        "type": "task_assign",
        "v": "1.2",
        "seq": seq,
        "ts": 1.0,
        "task_id": f"bad-{seq}",
        "vehicle_id": "t-0",
        "task_type": "mining.haul_cycle",
        "steps": steps,
        "operator": "mallory",
    }


def dump_of(site: Site) -> str:
    return site.pois_of_kind("dump")[0].id


async def command_reply(ws: ClientConnection, frame: dict[str, object]) -> dict[str, object]:
    await ws.send(json.dumps(frame))
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            reply: dict[str, object] = json.loads(await ws.recv())
            if reply["type"] in ("command_ack", "error") and reply.get("ref_seq") == frame["seq"]:
                return reply


def test_an_operator_chooses_the_route_and_sends_a_held_truck_by_hand(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (_, service, _events, fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            d = dispatch.dispatcher
            await wait_for(
                lambda: any(
                    s.vehicle_id == "t-1" and (s.step + 1) in s.legs and s.step >= 0
                    for s in dispatch._sent.values()
                ),
                "t-1 before a drive",
            )
            sent = next(s for s in dispatch._sent.values() if s.vehicle_id == "t-1")
            leg = sent.legs.get(sent.step) or sent.legs[sent.step + 1]
            choices = dispatch.routes("t-1", leg.target)
            assert choices
            assert dispatch.route_choices("t-1", leg.target).paths
            await dispatch.choose_route("t-1", choices[-1], operator="alice")
            chosen = dispatch.route_of("t-1")
            assert chosen is not None
            assert chosen.chosen_by == "alice"
            assert chosen.time_s == pytest.approx(choices[-1].time_s)
            # A route to another place than the leg's is refused, clearly.
            elsewhere = next(p.id for p in site.pois_of_kind("parking"))
            with pytest.raises(DispatchError, match="current leg"):
                await dispatch.choose_route(
                    "t-1", dispatch.routes("t-1", elsewhere)[0], operator="alice"
                )
            # A truck without a task goes where the operator sends it, held out of dispatch.
            d.hold("t-0", operator="alice", reason="to parking")
            await wait_for(lambda: fleet[0]._task is None, "t-0 dropped its task")
            await wait_for(lambda: fleet[0]._braking is False, "t-0 at rest")
            park = dispatch.routes("t-0", elsewhere)[0]
            await dispatch.choose_route("t-0", park, operator="alice")
            assert d.vehicles["t-0"].status is VehicleStatus.HELD
            truck = fleet[0]
            assert truck._task is not None
            assert truck._task.task_id.startswith("manual-")
            await wait_for(lambda: truck._at.id == elsewhere, "t-0 drove to the parking")

    asyncio.run(scenario())


def through_zone(site: Site, zone_id: str) -> tuple[str, str] | None:
    """Return two points of interest whose fastest route crosses ``zone_id`` and that are
    still connected, another way, when it is closed."""
    router = Router(site, "haul_truck", loaded=False, jit=False)
    router.close_zone(zone_id)
    blocked = ~router.allowed_edges
    for a in site.pois:
        for b in site.pois:
            if a.id == b.id:
                continue
            try:
                router.route(a.id, b.id, cache=False)
            except NoRouteError:
                continue
            router.open_zone(zone_id)
            try:
                route = router.route(a.id, b.id, cache=False)
            finally:
                router.close_zone(zone_id)
            if any(blocked[e] for e in route.edges):
                return a.id, b.id
    return None


def test_a_zone_closed_by_an_assist_answer_is_closed_to_dispatch_until_its_lease_passes(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    """The edge closes the zone for its governor; the site's routes follow the same answer,
    a console that connects later learns the closure, and when the lease passes the node
    reopens the zone and every console routes through it again."""
    doc = packs.bundle.model_dump(mode="json")
    doc["rules"].append(
        {
            "id": "test.gate_check",
            "explanation": "Every departure is checked by an operator.",
            "strength": "E",
            "source": "test",
            "when": [{"field": "action", "op": "eq", "value": "start_task"}],
            "effect": {
                "outcome": "ESCALATE",
                "escalation": {
                    "priority": 3,
                    "criticality": "high",
                    "deadline_s": 3600.0,
                    "hold_behaviour": "hold",
                    "fallback": "hold",
                },
            },
        }
    )
    gated = Governor(parse_bundle(doc, source="test"), site)
    # A zone some route crosses, with a detour when it is closed (Z05 on the demo mine).
    zone, (a, b) = next(
        (z, pair)
        for z in site.zones
        if z.kind == "SPEED_LIMIT" and (pair := through_zone(site, z.id)) is not None
    )
    z = site.zones.index(zone)

    async def scenario() -> None:
        # Real time on the edge: the assist desk's and the closure's leases run on its clock.
        within = haul_site(site, packs, tmp_path, governor=gated, speed=1.0)
        async with within as (node, service, events, _f):
            dispatch = service.dispatch
            assert dispatch is not None
            router = dispatch.router("haul_truck", loaded=False)
            before = router.route(a, b, cache=False)
            await wait_for(lambda: len(service.assist.open_items()) >= 1, "an assist request")
            rid = service.assist.open_items()[0].request_id
            assert (await service.assist_claim(rid, operator="alice")).accepted
            lease = time.time() + 4.0
            reply = await service.assist_answer(
                rid, "close_zone", operator="alice", zone_id=zone.id, lease_until=lease
            )
            assert reply.accepted, reply.reason
            assert dispatch.closed_zones == {zone.id}
            for vehicle_class in ("haul_truck",):
                for loaded in (False, True):
                    assert z in dispatch.router(vehicle_class, loaded=loaded).closures.zones
            around = router.route(a, b, cache=False)
            assert all(router.allowed_edges[e] for e in around.edges)
            assert around.edges != before.edges
            # A console that connects after the closure learns it from the node.
            late = SiteService(
                site.site_id,
                [node.url],
                console_id="late-console",
                backoff=fast_backoff,
                site=site,
                packs=packs.contributions,
                dispatch_period_s=3600.0,
                routing_jit=False,
            )
            await late.start()
            try:
                assert late.dispatch is not None
                late_dispatch = late.dispatch
                await wait_for(
                    lambda: late_dispatch.closed_zones == {zone.id}, "the late console told"
                )
                assert time.time() < lease, "the test was too slow to see the closure"
                # The lease passes: the node reopens the zone and says so to both consoles.
                await wait_for(lambda: not dispatch.closed_zones, "the zone open to dispatch")
                await wait_for(lambda: not late_dispatch.closed_zones, "the late console too")
            finally:
                await late.stop()
            assert time.time() >= lease
            assert node.zones is not None
            assert node.zones.closed == frozenset()
            for loaded in (False, True):
                assert z not in dispatch.router("haul_truck", loaded=loaded).closures.zones
            assert router.route(a, b, cache=False).edges == before.edges
            said = [e for e in events if isinstance(e, ZonesClosedChanged)]
            assert [(e.change, e.zones) for e in said] == [
                ("snapshot", frozenset()),
                ("closed", frozenset({zone.id})),
                ("lapsed", frozenset()),
            ]
            assert said[-1].by == "gw-d"

    asyncio.run(scenario())


def test_a_task_the_link_fails_to_deliver_is_requeued_not_failed(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    """The link, not the truck, failed the command: the task goes back to the queue, the truck
    is out until its telemetry is fresh again, and no task is marked failed."""

    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (_, service, events, _):
            dispatch = service.dispatch
            assert dispatch is not None
            real_send = service.send_task
            failed_once: list[str] = []

            def send_task(vehicle_id: str, build: Any, *, ref: str) -> Awaitable[Any]:
                if vehicle_id == "t-0" and not failed_once:
                    failed_once.append(ref)

                    async def closed() -> Any:
                        raise LinkError("no reply from ws://x: closed by the edge node")

                    return closed()
                return real_send(vehicle_id, build, ref=ref)

            service.send_task = send_task  # type: ignore[method-assign]
            await wait_for(lambda: bool(failed_once), "the first command to t-0 failed")
            task = dispatch.dispatcher.task(failed_once[0])
            vehicles = dispatch.dispatcher.vehicles
            await wait_for(lambda: vehicles["t-0"].task_id is not None, "t-0 has work again")
            requeued = [r for r in task.history if r.new is TaskState.QUEUED and r.old]
            assert requeued, task.history
            assert "not delivered" in requeued[0].why
            offline = [
                e for e in events
                if isinstance(e, VehicleStatusChanged) and e.vehicle_id == "t-0"
                and e.new == VehicleStatus.OFFLINE.value
            ]  # fmt: skip
            assert offline, "t-0 was taken out while its link failed"
            assert "not delivered" in offline[0].why
            assert not [
                t for t in dispatch.dispatcher.tasks.values() if t.state is TaskState.FAILED
            ]

    asyncio.run(scenario())


SITES = default_site_path().parent


@pytest.mark.parametrize(
    ("site_file", "errand", "haul", "kpis"),
    [
        (
            "demo_base.geojson",
            "defense.patrol",
            "defense.resupply",
            {"defense.march_rate"},
        ),
        (
            "container_yard.geojson",
            "logistics.dock",
            "logistics.yard_move",
            {"logistics.moves_per_hour", "logistics.crane_wait_time", "logistics.dock_turn_time"},
        ),
    ],
)
def test_each_pack_s_task_types_are_generated_run_and_measured(
    tmp_path: Path, site_file: str, errand: str, haul: str, kpis: set[str]
) -> None:
    # A site of another pack: its vehicles (the pack's classes) get the pack's haul-type tasks
    # from the flow plan and its other task types as errands, run them, and the pack's KPIs
    # come from what they did.
    path = SITES / site_file
    other = load_site(path)
    other_packs = load_site_packs(path, other, builtin_only=True)
    classes = fleet_classes(other_packs.contributions.profiles.values())
    assert classes is not None

    async def scenario() -> None:
        world = SimWorld(other)
        fleet = make_fleet(
            world, 2 * len(classes), prefix="p-", seed=3, classes=classes, time_scale=80.0
        )
        node = build_node(
            EdgeNodeConfig(node_id="gw-p", site_id=other.site_id, telemetry_hz=HZ),
            fleet,
            site=other,
            data_dir=tmp_path / "edge",
            governor=Governor(other_packs.bundle, other),
            ticker=Ticker(HZ),
        )
        await node.start()
        service = SiteService(
            other.site_id,
            [node.url],
            console_id="packs-test",
            backoff=fast_backoff,
            site=other,
            packs=other_packs.contributions,
            dispatch_period_s=0.05,
            routing_jit=False,
            time_scale=80.0,
        )
        await service.start()
        try:
            dispatch = service.dispatch
            assert dispatch is not None
            tasks = dispatch.dispatcher.tasks

            def done(type_id: str) -> bool:
                return any(
                    t.type_id == type_id and t.state is TaskState.DONE for t in tasks.values()
                )

            await wait_for(lambda: done(errand), f"a {errand} task done")
            await wait_for(lambda: done(haul), f"a {haul} task done")
            await wait_for(lambda: kpis <= set(dispatch.kpis()), "the pack's KPIs published")
            await wait_for(
                lambda: all(dispatch.kpis()[k] > 0 for k in kpis), f"{sorted(kpis)} measured"
            )
            assert not set(dispatch.kpis()) - set(other_packs.contributions.kpis)
        finally:
            await service.stop()
            await node.stop()
            assert node.decisions is not None
            node.decisions.journal.close()

    asyncio.run(scenario())


def test_light_vehicles_run_inspection_runs_on_the_mine(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with haul_site(
            site, packs, tmp_path, trucks=1, speed=1.0, time_scale=80.0, light=1
        ) as (_node, service, _events, _fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            tasks = dispatch.dispatcher.tasks

            def inspected() -> list[str]:
                return [
                    t.task_id
                    for t in tasks.values()
                    if t.type_id == "mining.inspection_run" and t.state is TaskState.DONE
                ]

            await wait_for(lambda: len(inspected()) >= 1, "an inspection run done")
            runs = [tasks[tid] for tid in inspected()]
            assert all(t.history[-1].who == "lv-0" for t in runs)  # the vehicle reported done
            made = [t for t in tasks.values() if t.type_id == "mining.inspection_run"]
            assert len(made) >= 2  # the next one waits as soon as the first is taken
            assert all(site.poi(t.destination).kind == "parking" for t in made)
            assert made[0].origin != made[1].origin  # round the site's work places

    asyncio.run(scenario())
