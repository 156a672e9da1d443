"""Simulated vehicles fill the sector inputs: grade and road kind, the intersection ahead and
who approaches it (right of way), the time since a misfire; and give way when refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import sectors.mining
from edge.decisions import verdict_of
from edge.governor.context import NO_INTERSECTION_M, NO_MISFIRE_S
from edge.governor.engine import Governor
from edge.hal.sim import GATE_M, STOP_SHORT_M, SimVehicle
from edge.hal.sim_world import SimWorld
from edge.protocol import LinkState, TaskAssign
from maps.site import Site, default_site_path, load_site
from plugins import PackManager, compose_bundle

if TYPE_CHECKING:
    from edge.governor.context import Proposal

DT = 0.1
START = 1_767_225_600.0


@pytest.fixture(scope="module")
def mine() -> Site:
    return load_site(default_site_path())


@pytest.fixture(scope="module")
def governor(mine: Site) -> Governor:
    manager = PackManager()
    manager.add_module(sectors.mining)
    found = manager.collect(site=mine, overrides={"mining": {}})
    return Governor(compose_bundle(found, {"mining": sectors.mining.PACK.version}), mine)


def _vehicle(
    world: SimWorld, vid: str, cls: str, start: str, seed: int = 1, time_scale: float = 1.0
) -> SimVehicle:
    v = SimVehicle(world, vid, cls, seed=seed, start=world.poi(start), time_scale=time_scale)
    v.set_link_state(LinkState.CONNECTED)
    return v


def _assign(v: SimVehicle, destination: str) -> None:
    task = TaskAssign(
        seq=0,
        ts=1.0,
        task_id=f"t-{v.vehicle_id}",
        vehicle_id=v.vehicle_id,
        task_type="move",
        destination=destination,
    )
    assert v.assign(task) is None


def _drive(
    v: SimVehicle, governor: Governor, seconds: float, t: float, seen: list[Proposal]
) -> float:
    for _ in range(int(seconds / DT)):
        t += DT
        v.step(t, DT)
        v.sample(t)
        for p in v.pop_proposals():
            seen.append(p)
            v.apply_verdict(p, verdict_of(governor.decide(p)))
    return t


def test_crossing_ranks_and_the_left(mine: Site) -> None:
    world = SimWorld(mine)
    node = next(iter(world.intersections))
    nx, ny = world.node_xy(node)
    me = (nx, ny - 40.0)  # south of the node, heading north into it
    assert world.crossing("me", node, *me) == (0, 0)
    world.approach("me", node, 3, *me)
    world.approach("west", node, 3, nx - 30.0, ny)  # on my left
    world.approach("east", node, 1, nx + 30.0, ny)  # on my right
    assert world.crossing("me", node, *me) == (3, 3)
    world.approach("west", None, 3, nx - 30.0, ny)  # it passed: no longer approaching
    assert world.crossing("me", node, *me) == (1, 0)
    world.approach("east", None, 1, 0.0, 0.0)
    assert world.crossing("me", node, *me) == (0, 0)


def test_proposals_carry_grade_road_kind_and_no_misfire(mine: Site, governor: Governor) -> None:
    world = SimWorld(mine)
    truck = _vehicle(world, "HT-1", "haul_truck", "LD1")
    _assign(truck, "LD3")  # 1.3 km through the pit, down and up its ramps
    seen: list[Proposal] = []
    _drive(truck, governor, 240.0, START, seen)
    kinds = {p.road_kind for p in seen}
    assert kinds <= {"haul_road", "ramp", "access", "intersection_link"}
    assert "ramp" in kinds
    ramp_grades = {round(abs(p.grade_pct), 1) for p in seen if p.road_kind == "ramp"}
    assert ramp_grades <= {9.0, 9.5}
    assert all(p.misfire_elapsed_s == NO_MISFIRE_S for p in seen)
    assert all(p.row_rank == 3.0 for p in seen)


@pytest.mark.parametrize("time_scale", [1.0, 20.0])
def test_light_vehicle_gives_way_to_a_haul_truck_then_crosses(
    mine: Site, governor: Governor, time_scale: float
) -> None:
    # Run 20 times faster than real time (the demo), a tick covers many metres: the vehicle
    # still stops short of an intersection it is not cleared to cross.
    world = SimWorld(mine)
    lv = _vehicle(world, "LV-1", "light_vehicle", "PK1", time_scale=time_scale)
    _assign(lv, "LD1")
    mission = lv._mission
    assert mission is not None
    assert mission.junctions
    k = mission.junctions[0]
    node = world.geometry(mission.route[k]).end
    nx, ny = world.node_xy(node)
    # A haul truck approaches the same intersection on another road and stays there.
    other = world.geometry(mission.route[k + 1])
    world.approach("HT-9", node, 3, other.xs[min(3, len(other.xs) - 1)], other.ys[0] + 1.0)
    seen: list[Proposal] = []
    t = _drive(lv, governor, 60.0, START, seen)
    gates = [p for p in seen if p.intersection_m < NO_INTERSECTION_M]
    assert gates
    assert all(p.intersection_m <= GATE_M for p in gates)
    refused = [governor.decide(p) for p in gates]
    assert all("mining.right_of_way" in d.fired for d in refused)
    assert lv._mission is mission
    assert mission.index <= k
    sample = lv.sample(t)
    assert sample.speed_mps == 0.0
    assert ((sample.x - nx) ** 2 + (sample.y - ny) ** 2) ** 0.5 >= STOP_SHORT_M - 1.0
    # The truck has passed: the light vehicle asks again, is let through and drives on.
    world.approach("HT-9", None, 3, 0.0, 0.0)
    seen.clear()
    _drive(lv, governor, 60.0, t, seen)
    assert mission.index > k
    assert mission.cleared >= k
    crossing = [governor.decide(p) for p in seen if p.intersection_m < NO_INTERSECTION_M]
    assert crossing
    assert crossing[0].outcome.value in ("ALLOW", "RESTRICT")


def test_light_vehicle_stops_before_entering_a_haul_road(mine: Site, governor: Governor) -> None:
    world = SimWorld(mine)
    lv = _vehicle(world, "LV-2", "light_vehicle", "WS1")
    _assign(lv, "LD1")  # 590 m of access road from the workshop, then the haul road
    seen: list[Proposal] = []
    _drive(lv, governor, 300.0, START, seen)  # 10 km/h around the workshop
    entries = [
        (p, governor.decide(p))
        for p in seen
        if p.intersection_m < NO_INTERSECTION_M
        and p.road_kind == "access"
        and p.next_road_kind == "haul_road"
    ]
    assert entries
    moving = [d for p, d in entries if p.speed_mps > 0.5]
    assert moving
    assert all("mining.haul_road_entry" in d.fired for d in moving)
    stopped = [d for p, d in entries if p.speed_mps <= 0.5]
    assert stopped
    assert "mining.haul_road_entry" not in stopped[-1].fired


def test_proposals_inside_a_misfired_blast_zone_carry_the_time_since(mine: Site) -> None:
    world = SimWorld(mine)
    world.misfires.record("Z06", START - 600.0)
    point = mine.zone("Z06").polygon.representative_point()
    assert world.misfires.elapsed(point.x, point.y, START) == 600.0
