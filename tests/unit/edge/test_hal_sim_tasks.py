"""Simulated vehicles carry out dispatched tasks with steps (protocol 1.2).

Drive the planned route under the governor, queue at a busy loader (one truck loads at a time),
load, haul loaded (slower), dump, report every step; refuse what they cannot do, with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from shapely import LineString, Point

from edge.decisions import verdict_of
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.governor.zonestate import ZoneState
from edge.hal.sim import SimVehicle
from edge.hal.sim_world import SimWorld
from edge.protocol import LinkState, TaskAssign, TaskStepSpec, VehicleState
from maps.routing.router import Router
from maps.site import default_site_path, load_site

if TYPE_CHECKING:
    from edge.hal.base import TaskUpdate

DT = 0.5
START = 1_767_225_600.0  # 2026-01-01, a plausible wall clock for the governor


@pytest.fixture(scope="module")
def world() -> SimWorld:
    return SimWorld(load_site(default_site_path()))


@pytest.fixture(scope="module")
def governor(world: SimWorld) -> Governor:
    return Governor(load_core_bundle(), world.site)


def haul_steps(world: SimWorld, start: str, loader: str, dump: str) -> list[TaskStepSpec]:
    site = world.site
    empty = Router(site, "haul_truck", loaded=False, jit=False).route(start, loader)
    full = Router(site, "haul_truck", loaded=True, jit=False).route(loader, dump)
    return [
        TaskStepSpec(name="to_loader", action="drive", poi=loader, nodes=list(empty.nodes)),
        TaskStepSpec(name="load", action="load", poi=loader),
        TaskStepSpec(name="haul", action="drive", poi=dump, nodes=list(full.nodes), loaded=True),
        TaskStepSpec(name="dump", action="dump", poi=dump, loaded=True),
    ]


def assign(task_id: str, vehicle: SimVehicle, steps: list[TaskStepSpec]) -> str | None:
    message = TaskAssign(
        seq=0,
        ts=START,
        task_id=task_id,
        vehicle_id=vehicle.vehicle_id,
        task_type="mining.haul_cycle",
        steps=steps,
    )
    return vehicle.assign(message)


def run_until(
    vehicles: list[SimVehicle], governor: Governor, done: list[str], limit_s: float
) -> dict[str, list[TaskUpdate]]:
    """Step the vehicles (the governor deciding at once) until every task in ``done`` ends."""
    updates: dict[str, list[TaskUpdate]] = {v.vehicle_id: [] for v in vehicles}
    t = START
    while t < START + limit_s:
        t += DT
        for v in vehicles:
            v.step(t, DT)
            for proposal in v.pop_proposals():
                v.apply_verdict(proposal, verdict_of(governor.decide(proposal)))
            updates[v.vehicle_id].extend(v.pop_task_updates())
        ended = {u.task_id for us in updates.values() for u in us if u.status in ("done", "failed")}
        if set(done) <= ended:
            break
    return updates


def test_a_haul_cycle_is_driven_loaded_and_dumped_step_by_step(
    world: SimWorld, governor: Governor
) -> None:
    site = world.site
    loader = site.pois_of_kind("loading")[0].id
    dump = site.pois_of_kind("crusher")[0].id
    park = site.pois_of_kind("parking")[0]
    truck = SimVehicle(world, "u-1", "haul_truck", seed=1, start=park)
    truck.set_link_state(LinkState.CONNECTED)
    assert assign("T1", truck, haul_steps(world, park.id, loader, dump)) is None
    updates = run_until([truck], governor, ["T1"], 3 * 3600)["u-1"]
    names = [u.step_name for u in updates if u.status == "running"]
    assert names == ["to_loader", "load", "haul", "dump"]
    assert updates[0].status == "accepted"
    assert updates[-1].status == "done"
    dumped = next(u for u in updates if u.step_name == "dump")
    assert dumped.load_t > 0.8 * truck.kin.payload_t  # it dumps what it loaded
    assert updates[-1].load_t == 0.0
    assert truck.sample(START).state is VehicleState.HOLDING  # waits for the next task


def test_one_truck_loads_at_a_time_the_others_queue(world: SimWorld, governor: Governor) -> None:
    site = world.site
    loader = site.pois_of_kind("loading")[0]
    dump = site.pois_of_kind("crusher")[0].id
    trucks = [SimVehicle(world, f"q-{i}", "haul_truck", seed=i, start=loader) for i in range(2)]
    for truck in trucks:
        truck.set_link_state(LinkState.CONNECTED)
    for i, truck in enumerate(trucks):
        assert assign(f"Q{i}", truck, haul_steps(world, loader.id, loader.id, dump)[1:]) is None
    assert trucks[0].sample(START).state is VehicleState.LOADING
    assert trucks[1].sample(START).state is VehicleState.HOLDING  # in line behind it
    assert world.queue_length(loader.id) == 2
    updates = run_until(trucks, governor, ["Q0", "Q1"], 3 * 3600)
    second = [u.step_name for u in updates["q-1"] if u.status == "running"]
    assert second[:2] == ["queue", "load"]
    assert all(u.status != "failed" for us in updates.values() for u in us)
    assert world.queue_length(loader.id) == 0


def test_tasks_it_cannot_do_are_refused_with_the_reason(world: SimWorld) -> None:
    site = world.site
    loader = site.pois_of_kind("loading")[0]
    dump = site.pois_of_kind("dump")[0]
    truck = SimVehicle(world, "r-1", "haul_truck", seed=3, start=loader)
    light = SimVehicle(world, "r-2", "light_vehicle", seed=4, start=loader)
    graph = site.graph
    far = next(
        n
        for n in range(graph.node_count)
        if n != loader.node
        and loader.node not in graph.indices[graph.indptr[n] : graph.indptr[n + 1]]
    )
    bad_path = [TaskStepSpec(name="go", action="drive", poi=loader.id, nodes=[far, loader.node])]
    assert "not joined by a road" in (assign("B1", truck, bad_path) or "")
    wrong_end = [TaskStepSpec(name="go", action="drive", poi=dump.id, nodes=[loader.node])]
    assert "does not end at" in (assign("B2", truck, wrong_end) or "")
    unknown = [TaskStepSpec(name="go", action="drive", poi="NOPE")]
    assert "unknown point of interest" in (assign("B3", truck, unknown) or "")
    load_at_dump = [TaskStepSpec(name="load", action="load", poi=dump.id)]
    assert "cannot load" in (assign("B4", truck, load_at_dump) or "")
    light_load = [TaskStepSpec(name="load", action="load", poi=loader.id)]
    assert "cannot load" in (assign("B5", light, light_load) or "")
    # Nothing was taken on.
    assert truck.pop_task_updates() == []
    truck.emergency_stop("test")
    ok = [TaskStepSpec(name="dump", action="dump", poi=dump.id)]
    assert "latched safe stop" in (assign("B6", truck, ok) or "")


def test_without_its_link_a_truck_starts_no_new_drive(world: SimWorld) -> None:
    park = world.site.pois_of_kind("parking")[0]
    loader = world.site.pois_of_kind("loading")[0].id
    truck = SimVehicle(world, "o-1", "haul_truck", seed=6, start=park)
    truck.set_link_state(LinkState.CONNECTED)
    truck.set_link_state(LinkState.OFFLINE)
    assert assign("O1", truck, haul_steps(world, park.id, loader, loader)[:1]) is None
    failed = [u for u in truck.pop_task_updates() if u.status == "failed"]
    assert failed
    assert failed[0].detail.startswith("link offline")
    assert truck.sample(START).state is VehicleState.HOLDING


def test_a_cancelled_task_stops_the_truck_and_frees_the_loader(
    world: SimWorld, governor: Governor
) -> None:
    loader = world.site.pois_of_kind("loading")[1]
    truck = SimVehicle(world, "c-1", "haul_truck", seed=5, start=loader)
    assert assign("C1", truck, [TaskStepSpec(name="load", action="load", poi=loader.id)]) is None
    assert world.queue_length(loader.id) == 1
    assert truck.cancel_task("C2", "wrong id") is not None
    assert truck.cancel_task("C1", "held by alice") is None
    failed = [u for u in truck.pop_task_updates() if u.status == "failed"]
    assert failed
    assert "held by alice" in failed[0].detail
    assert world.queue_length(loader.id) == 0
    assert truck.sample(START).task_id is None


def test_a_route_into_a_closed_zone_is_vetoed_by_the_governor(
    world: SimWorld, governor: Governor
) -> None:
    """The dispatcher's route is only a plan: the governor blocks the drive at the zone."""
    site = world.site
    router = Router(site, "haul_truck", loaded=False, jit=False)
    pois = [p for p in site.pois if p.kind in ("parking", "loading", "dump", "crusher")]
    for start, goal in ((a, b) for a in pois for b in pois if a.id != b.id):
        route = router.route(start.id, goal.id)
        line = LineString(route.polyline) if len(route.polyline) > 1 else None
        zone = next(
            (
                z
                for z in site.zones
                if z.kind == "SPEED_LIMIT"
                and line is not None
                and line.intersects(z.polygon)
                and not z.polygon.contains(Point(route.polyline[0]))
            ),
            None,
        )
        if zone is not None:
            break
    else:
        pytest.fail("no route of the demo mine crosses a speed-limit zone")
    closed = ZoneState(governor).compile("close_zone", zone.id)
    truck = SimVehicle(world, "v-1", "haul_truck", seed=7, start=start)
    truck.set_link_state(LinkState.CONNECTED)
    step = TaskStepSpec(name="go", action="drive", poi=goal.id, nodes=list(route.nodes))
    assert assign("V1", truck, [step]) is None
    updates = run_until([truck], closed, ["V1"], 3600)["v-1"]
    assert updates[-1].status == "failed"
    assert updates[-1].detail.startswith("blocked: ")
    assert not zone.polygon.contains(Point(truck.sample(START).x, truck.sample(START).y))


def _cycle(
    world: SimWorld, governor: Governor, time_scale: float
) -> tuple[float, float, list[str]]:
    """Run one haul cycle; return its wall-clock time, the top reported speed and the steps."""
    site = world.site
    loader = site.pois_of_kind("loading")[0].id
    dump = site.pois_of_kind("crusher")[0].id
    park = site.pois_of_kind("parking")[0]
    truck = SimVehicle(
        world, f"s-{time_scale:g}", "haul_truck", seed=1, start=park, time_scale=time_scale
    )
    truck.set_link_state(LinkState.CONNECTED)
    assert assign("S1", truck, haul_steps(world, park.id, loader, dump)) is None
    t, top = START, 0.0
    updates: list[TaskUpdate] = []
    while t < START + 3 * 3600 and not any(u.status in ("done", "failed") for u in updates):
        t += DT
        truck.step(t, DT)
        top = max(top, truck.sample(t).speed_mps)
        for proposal in truck.pop_proposals():
            truck.apply_verdict(proposal, verdict_of(governor.decide(proposal)))
        updates.extend(truck.pop_task_updates())
    assert updates[-1].status == "done"
    return t - START, top, [u.step_name for u in updates if u.status == "running"]


def test_a_time_scaled_truck_runs_the_same_cycle_that_much_faster(
    world: SimWorld, governor: Governor
) -> None:
    real, real_top, real_steps = _cycle(world, governor, 1.0)
    fast, fast_top, fast_steps = _cycle(world, governor, 20.0)
    assert fast_steps == real_steps == ["to_loader", "load", "haul", "dump"]
    # Driving, loading and dumping all run 20 times faster (the dwell times are drawn at
    # random, +-20 %, and the first tick of each step is not scaled).
    assert real / 30 < fast < real / 12
    # Reported speeds stay physical: the governor judges the truck's real speed.
    assert fast_top <= SimVehicle(world, "k", "haul_truck", seed=1).kin.max_speed_mps + 1e-9
    assert abs(fast_top - real_top) < 1.0


@pytest.mark.parametrize("scale", [0.5, 0.0, 101.0, float("nan")])
def test_a_time_scale_out_of_range_is_refused(world: SimWorld, scale: float) -> None:
    with pytest.raises(ValueError, match="time scale"):
        SimVehicle(world, "bad", "haul_truck", seed=1, time_scale=scale)
