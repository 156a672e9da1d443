"""The mining rules decide real proposals on the demo mine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import sectors.mining
from edge.protocol.messages import LinkState, Outcome
from sectors.mining import profiles as mining_profiles
from tests.unit.sectors.conftest import proposal

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.governor import Governor
    from maps.site import Site


@pytest.fixture(scope="module")
def gov(governor_for: Callable[..., Governor]) -> Governor:
    return governor_for(sectors.mining)


def _near_loader(mine: Site, dx: float = 70.0) -> tuple[float, float]:
    poi = mine.poi("LD1")
    return poi.xy[0] + dx, poi.xy[1]


def _far(mine: Site) -> tuple[float, float]:
    poi = mine.poi("PK1")
    return poi.xy


def test_site_speed_cap(gov: Governor, mine: Site) -> None:
    x, y = _far(mine)
    d = gov.decide(proposal(x=x, y=y, requested_speed_mps=16.0))
    assert "mining.site_speed_cap" in d.fired
    assert min(c.value for c in d.constraints if c.kind == "speed_cap_mps") <= 45 / 3.6 + 1e-9


def test_loaded_truck_is_capped_lower_than_empty(gov: Governor, mine: Site) -> None:
    x, y = _far(mine)
    empty = gov.decide(proposal(x=x, y=y, requested_speed_mps=12.0, load_t=0.0))
    loaded = gov.decide(proposal(x=x, y=y, requested_speed_mps=12.0, load_t=200.0))
    assert "mining.loaded_speed_cap" not in empty.fired
    assert "mining.loaded_speed_cap" in loaded.fired


def test_loader_approach_slows_and_buffers(gov: Governor, mine: Site) -> None:
    x, y = _near_loader(mine)
    d = gov.decide(proposal(x=x, y=y, requested_speed_mps=10.0))
    assert "mining.loader_approach" in d.fired
    kinds = {c.kind: c.value for c in d.constraints}
    assert kinds["speed_cap_mps"] == pytest.approx(20 / 3.6)
    assert kinds["buffer_m"] == 50.0


def test_outage_near_loader_blocks_but_stop_is_allowed(gov: Governor, mine: Site) -> None:
    x, y = _near_loader(mine)
    d = gov.decide(proposal(x=x, y=y, link_state=LinkState.OFFLINE))
    assert d.outcome is Outcome.BLOCK
    assert "mining.outage_hold_near_loader" in d.fired
    stop = gov.decide(proposal(x=x, y=y, link_state=LinkState.OFFLINE, action="stop"))
    assert "mining.outage_hold_near_loader" not in stop.fired


def test_resume_near_loader_needs_the_loader_operator(gov: Governor, mine: Site) -> None:
    x, y = _near_loader(mine)
    d = gov.decide(proposal(x=x, y=y, action="resume", released=True))
    assert d.outcome is Outcome.ESCALATE
    assert "mining.loader_rearm" in d.fired
    far = gov.decide(proposal(x=_far(mine)[0], y=_far(mine)[1], action="resume", released=True))
    assert "mining.loader_rearm" not in far.fired


def test_no_new_task_beside_a_loaded_blast(gov: Governor, mine: Site) -> None:
    zone = mine.zone("Z06")
    edge_x, edge_y = zone.polygon.exterior.coords[0]
    d = gov.decide(proposal(x=edge_x + 1.0, y=edge_y, action="start_task"))
    assert d.outcome is Outcome.BLOCK


def test_site_override_changes_the_rule(governor_for: Callable[..., Governor], mine: Site) -> None:
    gov = governor_for(sectors.mining, {"haul_road_speed_kmh": 30.0})
    x, y = _far(mine)
    d = gov.decide(proposal(x=x, y=y, requested_speed_mps=10.0))
    assert "mining.site_speed_cap" in d.fired


def test_following_distance_halves_the_limit(gov: Governor, mine: Site) -> None:
    x, y = _far(mine)
    close = gov.decide(proposal(x=x, y=y, gap_m=40.0))
    assert "mining.following_distance" in close.fired
    assert "mining.light_vehicle_gap" not in close.fired  # a haul truck
    lv = gov.decide(proposal(x=x, y=y, gap_m=40.0, vehicle_class="light_vehicle"))
    assert "mining.light_vehicle_gap" in lv.fired
    assert "mining.following_distance" not in gov.decide(proposal(x=x, y=y, gap_m=80.0)).fired


# ---------------------------------------------------------------- grades (M9, M22)


@pytest.mark.parametrize(
    ("grade", "gap", "fires"),
    [
        (5.0, 121.9, "mining.following_distance_up_grade"),  # 5 % is a grade (grade_from_pct)
        (4.9, 100.0, None),  # a level road: only the 61 m rule applies
        (5.0, 122.0, None),  # 122 m is enough on a grade
        (-5.0, 121.9, "mining.following_distance_down_grade"),
        (-4.9, 100.0, None),
    ],
)
def test_following_distance_on_grades(
    gov: Governor, mine: Site, grade: float, gap: float, fires: str | None
) -> None:
    x, y = _far(mine)
    d = gov.decide(proposal(x=x, y=y, grade_pct=grade, gap_m=gap))
    fired = {r for r in d.fired if "grade" in r}
    assert fired == ({fires} if fires else set())
    if fires:
        assert d.outcome is Outcome.RESTRICT


def test_steep_downgrade_speed(gov: Governor, mine: Site) -> None:
    x, y = _far(mine)
    fast = 12.0  # 43 km/h
    steep = gov.decide(proposal(x=x, y=y, grade_pct=-9.6, requested_speed_mps=fast))
    assert "mining.steep_downgrade_speed" in steep.fired
    caps = [c.value for c in steep.constraints if c.kind == "speed_cap_mps"]
    assert min(caps) <= 40 / 3.6 + 1e-9  # tightest wins (a lower posted limit may apply)
    at_limit = gov.decide(proposal(x=x, y=y, grade_pct=-9.5, requested_speed_mps=fast))
    assert "mining.steep_downgrade_speed" not in at_limit.fired  # "steeper than -9.5 %"
    climbing = gov.decide(proposal(x=x, y=y, grade_pct=9.6, requested_speed_mps=fast))
    assert "mining.steep_downgrade_speed" not in climbing.fired
    slow = gov.decide(proposal(x=x, y=y, grade_pct=-12.0, requested_speed_mps=40 / 3.6))
    assert "mining.steep_downgrade_speed" not in slow.fired


# ---------------------------------------------------------------- right of way (M15)


def _crossing(**kw: float | str) -> dict[str, float | str]:
    return {"intersection_m": 60.0, **kw}


@pytest.mark.parametrize(
    ("vehicle_class", "row", "cross", "left", "distance", "fires"),
    [
        ("light_vehicle", 1, 3, 0, 60.0, "mining.right_of_way"),  # truck approaching: yield
        ("light_vehicle", 1, 3, 0, 60.1, None),  # beyond the approach distance
        ("light_vehicle", 1, 1, 0, 30.0, None),  # another light vehicle: no priority
        ("haul_truck", 3, 1, 1, 30.0, None),  # a light vehicle yields to the truck
        ("haul_truck", 3, 4, 0, 30.0, "mining.right_of_way"),  # emergency vehicle
        ("haul_truck", 3, 3, 3, 30.0, "mining.give_way_left"),  # truck from the left
        ("haul_truck", 3, 3, 0, 30.0, None),  # truck from the right: it gives way to us
        ("light_vehicle", 1, 1, 1, 30.0, None),  # "to the left" is truck-to-truck only
    ],
)
def test_right_of_way_at_intersections(
    gov: Governor,
    mine: Site,
    vehicle_class: str,
    row: int,
    cross: int,
    left: int,
    distance: float,
    fires: str | None,
) -> None:
    x, y = _far(mine)
    d = gov.decide(
        proposal(
            x=x,
            y=y,
            vehicle_class=vehicle_class,
            intersection_m=distance,
            row_rank=float(row),
            cross_rank=float(cross),
            cross_left_rank=float(left),
        )
    )
    fired = {r for r in d.fired if r in ("mining.right_of_way", "mining.give_way_left")}
    assert fired == ({fires} if fires else set())
    assert (d.outcome is Outcome.BLOCK) == (fires is not None)
    stop = gov.decide(
        proposal(x=x, y=y, action="stop", intersection_m=10.0, row_rank=1.0, cross_rank=4.0)
    )
    assert stop.outcome is not Outcome.BLOCK  # stopping to give way is never refused


def test_profiles_carry_the_m15_ranks() -> None:
    ranks = {p.vehicle_class: p.right_of_way for p in mining_profiles.PROFILES}
    assert ranks == {"haul_truck": 3, "light_vehicle": 1}


# ---------------------------------------------------------------- haul-road entry (M17)


@pytest.mark.parametrize(
    ("vehicle_class", "road", "next_road", "distance", "speed", "blocked"),
    [
        ("light_vehicle", "access", "haul_road", 60.0, 5.0, True),
        ("light_vehicle", "access", "haul_road", 60.0, 0.5, False),  # stopped: may enter
        ("light_vehicle", "access", "haul_road", 60.1, 5.0, False),  # not near yet
        ("light_vehicle", "haul_road", "haul_road", 20.0, 5.0, False),  # already on it
        ("light_vehicle", "ramp", "haul_road", 20.0, 5.0, False),  # a ramp is a haul road
        ("light_vehicle", "access", "intersection_link", 20.0, 5.0, True),
        ("light_vehicle", "access", "access", 20.0, 5.0, False),
        ("haul_truck", "access", "haul_road", 20.0, 5.0, False),  # light vehicles only
    ],
)
def test_light_vehicle_stops_before_entering_a_haul_road(
    gov: Governor,
    mine: Site,
    vehicle_class: str,
    road: str,
    next_road: str,
    distance: float,
    speed: float,
    blocked: bool,
) -> None:
    x, y = _far(mine)
    d = gov.decide(
        proposal(
            x=x,
            y=y,
            vehicle_class=vehicle_class,
            road_kind=road,
            next_road_kind=next_road,
            intersection_m=distance,
            speed_mps=speed,
        )
    )
    assert ("mining.haul_road_entry" in d.fired) == blocked
    if blocked:
        assert d.outcome is Outcome.BLOCK


# ---------------------------------------------------------------- misfire (M7)


def test_misfire_blocks_entry_until_the_wait_is_over(gov: Governor, mine: Site) -> None:
    x, y = _far(mine)
    wait_s = 30 * 60.0
    inside = gov.decide(proposal(x=x, y=y, action="enter_zone", misfire_elapsed_s=wait_s - 1))
    assert inside.outcome is Outcome.BLOCK
    assert "mining.misfire_reentry" in inside.fired
    after = gov.decide(proposal(x=x, y=y, action="enter_zone", misfire_elapsed_s=wait_s))
    assert "mining.misfire_reentry" not in after.fired
    none = gov.decide(proposal(x=x, y=y, action="enter_zone"))  # no misfire recorded
    assert "mining.misfire_reentry" not in none.fired


def test_misfire_wait_is_the_site_parameter(
    governor_for: Callable[..., Governor], mine: Site
) -> None:
    gov = governor_for(sectors.mining, {"misfire_wait_min": 15.0})  # non-fuse detonators
    x, y = _far(mine)
    assert (
        "mining.misfire_reentry"
        in gov.decide(proposal(x=x, y=y, misfire_elapsed_s=15 * 60.0 - 1)).fired
    )
    assert (
        "mining.misfire_reentry"
        not in gov.decide(proposal(x=x, y=y, misfire_elapsed_s=15 * 60.0)).fired
    )
