"""Simulated vehicles: plausible kinematics, deterministic runs, latched stops."""

from __future__ import annotations

import math

import pytest

from edge.decisions import verdict_of
from edge.governor.context import NO_GAP_M
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.hal.kinematics import CLASSES
from edge.hal.sim import SimVehicle, make_fleet
from edge.hal.sim_world import GAP_REACH_M, SimWorld
from edge.protocol import LinkState, TaskAssign, TelemetrySample, VehicleState
from maps.site import Site, default_site_path, load_site

DT = 0.1


START = 1_767_225_600.0  # 2026-01-01, a plausible wall clock for the governor


@pytest.fixture(scope="module")
def world() -> SimWorld:
    return SimWorld(load_site(default_site_path()))


@pytest.fixture(scope="module")
def governor(world: SimWorld) -> Governor:
    return Governor(load_core_bundle(), world.site)


GOV: list[Governor] = []


@pytest.fixture(autouse=True)
def _governed(governor: Governor) -> None:
    GOV[:] = [governor]


def govern(v: SimVehicle) -> None:
    """Decide the vehicle's proposals at once (the node adds the durable receipt)."""
    for proposal in v.pop_proposals():
        v.apply_verdict(proposal, verdict_of(GOV[0].decide(proposal)))


def step_all(vehicles: list[SimVehicle], t: float) -> None:
    for v in vehicles:
        v.step(t, DT)
        govern(v)


def run(vehicles: list[SimVehicle], seconds: float, start: float = START) -> float:
    t = start
    for _ in range(int(seconds / DT)):
        t += DT
        step_all(vehicles, t)
    return t


def connected(vehicles: list[SimVehicle]) -> list[SimVehicle]:
    for v in vehicles:
        v.set_link_state(LinkState.CONNECTED)
    return vehicles


def test_samples_are_valid_protocol_messages(world: SimWorld) -> None:
    fleet = connected(make_fleet(world, 20, prefix="v", seed=1))
    t = run(fleet, 60.0)
    for v in fleet:
        sample = v.sample(t)
        TelemetrySample.model_validate(sample.model_dump())  # constructed, so check it
        assert sample.t == t


def test_speed_never_exceeds_class_or_road_limit(world: SimWorld) -> None:
    fleet = connected(make_fleet(world, 20, prefix="v", seed=2))
    top = max(c.max_speed_mps for c in CLASSES.values())
    road_top = max(e.speed_limit_mps for e in world.site.graph.edges)
    t = START
    moved = 0
    for _ in range(1500):
        t += DT
        step_all(fleet, t)
        for v in fleet:
            s = v.sample(t)
            assert s.speed_mps <= min(v.kin.max_speed_mps, road_top) + 1e-9
            assert s.speed_mps <= top
            moved += s.speed_mps > 1.0
    assert moved > 1000, "the fleet should be driving"


def test_vehicles_stay_on_the_site(world: SimWorld) -> None:
    site: Site = world.site
    minx, miny, maxx, maxy = site.bounds
    fleet = connected(make_fleet(world, 15, prefix="v", seed=3))
    t = run(fleet, 120.0)
    for v in fleet:
        s = v.sample(t)
        assert minx - 1 <= s.x <= maxx + 1
        assert miny - 1 <= s.y <= maxy + 1


def test_haul_trucks_load_and_dump(world: SimWorld) -> None:
    fleet = connected(make_fleet(world, 8, prefix="v", seed=4))
    trucks = [v for v in fleet if v.vehicle_class == "haul_truck"]
    seen: set[VehicleState] = set()
    loads = []
    t = START
    for _ in range(int(1800 / DT)):
        t += DT
        step_all(trucks, t)
        for v in trucks:
            s = v.sample(t)
            seen.add(s.state)
            loads.append(s.load_t)
    assert VehicleState.LOADING in seen
    assert VehicleState.DUMPING in seen
    assert max(loads) > 150.0


def test_same_seed_same_run(world: SimWorld) -> None:
    a = connected(make_fleet(world, 5, prefix="v", seed=9))
    b = connected(make_fleet(world, 5, prefix="v", seed=9))
    t = run(a, 120.0)
    run(b, 120.0)
    assert [v.sample(t) for v in a] == [v.sample(t) for v in b]


def test_no_new_missions_while_offline(world: SimWorld) -> None:
    fleet = make_fleet(world, 10, prefix="v", seed=5)  # link starts offline
    t = run(fleet, 60.0)
    assert all(v.sample(t).speed_mps == 0.0 for v in fleet)


def test_no_automatic_resume_after_an_outage(world: SimWorld) -> None:
    fleet = connected(make_fleet(world, 10, prefix="v", seed=10))
    t = run(fleet, 20.0)
    assert any(v.sample(t).speed_mps > 0 for v in fleet)
    for v in fleet:
        v.set_link_state(LinkState.OFFLINE)
    t = run(fleet, 900.0, t)  # long enough to finish any route in progress
    for v in fleet:
        v.set_link_state(LinkState.CONNECTED)
    t = run(fleet, 120.0, t)
    for v in fleet:
        sample = v.sample(t)
        assert sample.speed_mps == 0.0
        assert sample.state in (VehicleState.HOLDING, VehicleState.LOADING, VehicleState.DUMPING)


def test_degraded_link_cuts_speed_caps(world: SimWorld) -> None:
    fleet = make_fleet(world, 10, prefix="v", seed=6)
    for v in fleet:
        v.set_link_state(LinkState.CONNECTED)
    t = run(fleet, 30.0)
    for v in fleet:
        v.set_link_state(LinkState.DEGRADED)
    t = run(fleet, 15.0, t)  # a governor check and time to brake down to the new caps
    road_top = max(e.speed_limit_mps for e in world.site.graph.edges)
    for _ in range(600):
        t += DT
        step_all(fleet, t)
        for v in fleet:
            cap = min(v.kin.max_speed_mps, road_top) * 0.7
            assert v.sample(t).speed_mps <= cap + 1e-6


def test_low_confidence_escalates_and_holds(world: SimWorld) -> None:
    (v,) = connected(make_fleet(world, 1, prefix="v", seed=11))
    t = START
    while v.sample(t).speed_mps < 3.0:
        t = run([v], 1.0, t)
    v._sensors.dip_until = t + 120.0  # dust: confidence falls below 0.85 and stays there
    t = run([v], 30.0, t)
    sample = v.sample(t)
    assert sample.perception_confidence < 0.85
    assert sample.state is VehicleState.ASSIST_NEEDED
    assert sample.speed_mps == 0.0
    t = run([v], 120.0, t)  # nobody answers: the declared fallback applies
    assert v.sample(t).state is VehicleState.SAFE_STOP


def test_emergency_stop_latches_and_release_waits_for_a_task(world: SimWorld) -> None:
    (v,) = connected(make_fleet(world, 1, prefix="v", seed=7))
    t = START
    while v.sample(t).speed_mps < 3.0:
        t = run([v], 1.0, t)
    v.emergency_stop("test")
    assert v.sample(t).state is VehicleState.SAFE_STOP
    t = run([v], 30.0, t)
    assert v.sample(t).speed_mps == 0.0
    refused = v.assign(
        TaskAssign(
            seq=0, ts=t, task_id="k", vehicle_id=v.vehicle_id, task_type="move", destination="WS1"
        )
    )
    assert refused is not None
    assert "release" in refused
    v.release()
    t = run([v], 60.0, t)
    sample = v.sample(t)
    assert sample.state is VehicleState.HOLDING
    assert sample.speed_mps == 0.0
    dest = world.pois_of("crusher")[0]
    refusal = v.assign(
        TaskAssign(
            seq=0,
            ts=t,
            task_id="k2",
            vehicle_id=v.vehicle_id,
            task_type="move",
            destination=dest.id,
        )
    )
    assert refusal is None
    t = run([v], 10.0, t)
    assert v.sample(t).state is VehicleState.MOVING
    updates = v.pop_task_updates()
    assert [u.status for u in updates][:2] == ["accepted", "running"]


def test_unknown_destination_is_refused(world: SimWorld) -> None:
    (v,) = connected(make_fleet(world, 1, prefix="v", seed=8))
    refusal = v.assign(
        TaskAssign(
            seq=0,
            ts=1.0,
            task_id="k",
            vehicle_id=v.vehicle_id,
            task_type="move",
            destination="nowhere",
        )
    )
    assert refusal is not None
    assert "nowhere" in refusal


def test_gap_ahead_is_the_nearest_vehicle_in_the_cone_ahead() -> None:
    world = SimWorld(load_site(default_site_path()))
    assert world.gap_ahead("A", 0.0, 0.0, 0.0) == NO_GAP_M  # alone on site
    world.report("A", 0.0, 0.0)
    world.report("ahead", 0.0, 80.0)  # 80 m due north
    world.report("closer-but-behind", 0.0, -10.0)
    world.report("beside", 40.0, 5.0)  # 83° off the heading: not "ahead"
    world.report("far", 0.0, 400.0)  # beyond reach
    assert world.gap_ahead("A", 0.0, 0.0, 0.0) == pytest.approx(80.0)
    assert world.gap_ahead("A", 0.0, 0.0, 180.0) == pytest.approx(10.0)  # facing south
    assert world.gap_ahead("A", 0.0, 0.0, 90.0) == pytest.approx(math.hypot(40.0, 5.0))
    world.report("ahead", 0.0, 500.0)  # it drove on: positions are the latest reported
    assert world.gap_ahead("A", 0.0, 0.0, 0.0) == NO_GAP_M


def test_proposals_carry_the_gap_to_the_vehicle_ahead(world: SimWorld) -> None:
    fleet = connected(make_fleet(world, 30, prefix="gap-", seed=3))
    gaps = []
    t = START
    for _ in range(int(120 / DT)):
        t += DT
        for v in fleet:
            v.step(t, DT)
            v.sample(t)  # telemetry reports the position the others' gaps are measured to
            for proposal in v.pop_proposals():
                gaps.append(proposal.gap_m)
                v.apply_verdict(proposal, verdict_of(GOV[0].decide(proposal)))
    assert gaps
    sensed = [g for g in gaps if g < NO_GAP_M]
    assert sensed  # vehicles on shared roads see one another ahead
    assert all(0.0 <= g <= GAP_REACH_M for g in sensed)
