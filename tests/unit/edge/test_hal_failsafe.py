"""HAL fail-safes: stale setpoints are never actuated (F2); a stalled decision loop trips the
watchdog into safe stop (F3).  All on injected monotonic clocks."""

from __future__ import annotations

import pytest

from edge.decisions import verdict_of
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.hal.base import SETPOINT_MAX_AGE_S, Setpoint, SetpointGate
from edge.hal.sim import SimVehicle
from edge.hal.sim_world import SimWorld
from edge.hal.watchdog import Watchdog, Watched
from edge.protocol import Health, LinkState, TaskAssign, VehicleState
from maps.site import default_site_path, load_site

START = 1_767_225_600.0
DT = 0.1


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, t: float = 100.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def world() -> SimWorld:
    return SimWorld(load_site(default_site_path()))


@pytest.fixture(scope="module")
def governor(world: SimWorld) -> Governor:
    return Governor(load_core_bundle(), world.site)


def step(v: SimVehicle, governor: Governor, clock: Clock, t: float, dt: float = DT) -> float:
    """Advance wall time and the controller's clock by ``dt``; decide proposals at once."""
    t += dt
    clock.t += dt
    v.step(t, dt)
    for proposal in v.pop_proposals():
        v.apply_verdict(proposal, verdict_of(governor.decide(proposal)))
    return t


def driving(world: SimWorld, governor: Governor, clock: Clock) -> tuple[SimVehicle, float]:
    """A haul truck on a task, moving at 3 m/s or more."""
    v = SimVehicle(world, "f2-1", "haul_truck", seed=3, monotonic=clock)
    v.set_link_state(LinkState.CONNECTED)
    dest = world.pois_of("crusher")[0]
    task = TaskAssign(
        seq=0, ts=START, task_id="t1", vehicle_id=v.vehicle_id, task_type="move",
        destination=dest.id,
    )  # fmt: skip
    assert v.assign(task) is None
    t = START
    for _ in range(600):
        t = step(v, governor, clock, t)
        if v.sample(t).speed_mps >= 3.0:
            return v, t
    pytest.fail("the truck never got going")


def test_setpoint_gate_bound_is_inclusive_and_late_setpoints_are_dropped() -> None:
    """F2: a setpoint is actuatable up to 0.5 s old, not a moment later."""
    gate = SetpointGate()
    assert gate.stale(0.0) is None  # nothing commanded: nothing to actuate
    gate.command(Setpoint(5.0, 90.0, stamp=10.0))
    assert gate.stale(10.0 + SETPOINT_MAX_AGE_S) is None
    assert gate.stale(10.5001) == "stale setpoint: 0.50 s old (limit 0.5 s)"
    gate.command(Setpoint(1.0, 90.0, stamp=9.0))  # arrived late: older than what we hold
    assert gate.latest is not None
    assert gate.latest.stamp == 10.0
    assert gate.expired_at() == 10.5
    gate.clear()
    assert gate.stale(99.0) is None
    with pytest.raises(ValueError, match="positive"):
        SetpointGate(0.0)


def test_stale_setpoint_brings_a_moving_vehicle_to_a_controlled_stop(
    world: SimWorld, governor: Governor
) -> None:
    """F2: a step 0.5 s after the last setpoint still drives; 0.6 s after, the truck stops."""
    clock = Clock()
    v, t = driving(world, governor, clock)
    v.pop_task_updates()
    t = step(v, governor, clock, t, dt=SETPOINT_MAX_AGE_S)  # exactly at the bound: drives on
    assert v.sample(t).state is VehicleState.MOVING
    speed = v.sample(t).speed_mps
    t = step(v, governor, clock, t, dt=0.6)  # the node's ticks stalled for 0.6 s
    sample = v.sample(t)
    assert sample.state is VehicleState.SAFE_STOP
    assert sample.health is Health.WARNING
    assert sample.faults == ["stale setpoint: 0.60 s old (limit 0.5 s)"]
    assert sample.speed_mps < speed  # braking, not driving on the old setpoint
    failed = v.pop_task_updates()
    assert [(u.task_id, u.status, u.detail) for u in failed] == [
        ("t1", "failed", "stale setpoint: 0.60 s old (limit 0.5 s)")
    ]
    for _ in range(200):
        t = step(v, governor, clock, t)
    sample = v.sample(t)
    assert sample.speed_mps == 0.0
    assert sample.state is VehicleState.SAFE_STOP  # still reported, not moving by itself


def test_vehicle_moves_again_only_on_a_new_task_and_a_governor_permission(
    world: SimWorld, governor: Governor
) -> None:
    """F2: after a stale-setpoint stop, a new task (decided by the governor) clears it."""
    clock = Clock()
    v, t = driving(world, governor, clock)
    t = step(v, governor, clock, t, dt=1.0)
    for _ in range(200):
        t = step(v, governor, clock, t)
    assert v.sample(t).state is VehicleState.SAFE_STOP
    dest = world.pois_of("loading")[0]
    task = TaskAssign(
        seq=1, ts=t, task_id="t2", vehicle_id=v.vehicle_id, task_type="move",
        destination=dest.id,
    )  # fmt: skip
    assert v.assign(task) is None
    for _ in range(100):
        t = step(v, governor, clock, t)
    sample = v.sample(t)
    assert sample.state is VehicleState.MOVING
    assert sample.faults == []


def test_watchdog_trips_once_per_stall_at_its_bound(world: SimWorld, governor: Governor) -> None:
    """F3: silent for more than 0.45 s (checked every 0.05 s: stop ordered by 0.5 s)."""
    clock = Clock()
    v, t = driving(world, governor, clock)
    dog = Watchdog()
    reasons: list[str] = []
    loop_clock = Clock(0.0)  # the node's (its ticker's) monotonic clock
    member = dog.watch(Watched("gw-f3", [v], loop_clock, on_trip=reasons.append), thread=False)
    loop_clock.t = 0.45
    assert dog.check() == []
    loop_clock.t = 0.46
    assert dog.check() == [member]
    assert reasons == ["governor stalled: no decision round for 0.46 s (limit 0.45 s); "
                       "safe stop by the watchdog"]  # fmt: skip
    loop_clock.t += 5.0
    assert dog.check() == []  # the same stall trips once
    assert member.trips == 1
    # The loop comes back: the vehicle applies the stop at its next step, and reports it.
    member.beat()
    assert dog.check() == []
    assert member.tripped_at is None
    t = step(v, governor, clock, t)
    sample = v.sample(t)
    assert sample.state is VehicleState.SAFE_STOP
    assert sample.faults == [reasons[0]]
    # A second stall trips again.
    loop_clock.t += 1.0
    assert dog.check() == [member]
    assert member.trips == 2
    dog.unwatch(member)
    assert not dog.running


def test_watchdog_survives_an_adapter_that_fails(world: SimWorld, governor: Governor) -> None:
    """F3: one adapter raising in fail_safe does not spare the others; an idle vehicle has
    nothing to stop and reports nothing."""

    class Broken(SimVehicle):
        def fail_safe(self, reason: str) -> None:
            raise RuntimeError("bus down")

    clock = Clock()
    broken = Broken(world, "b", "haul_truck", seed=1, monotonic=clock)
    healthy, t = driving(world, governor, clock)
    idle = SimVehicle(world, "i", "haul_truck", seed=2, monotonic=clock)
    dog = Watchdog()
    member = dog.watch(Watched("gw", [broken, healthy, idle], clock), thread=False)
    clock.t += 1.0
    assert dog.check() == [member]
    t = step(healthy, governor, clock, t)
    idle.step(t, DT)
    assert healthy.sample(t).state is VehicleState.SAFE_STOP
    assert idle.sample(t).state is VehicleState.IDLE
    assert idle.sample(t).faults == []
