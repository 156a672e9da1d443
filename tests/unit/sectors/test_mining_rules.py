"""The mining rules decide real proposals on the demo mine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import sectors.mining
from edge.protocol.messages import LinkState, Outcome
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
