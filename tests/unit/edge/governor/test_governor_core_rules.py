"""Each core safety rule fires where it should, on the demo mine and on a small test site."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from edge.governor import Governor, Proposal, fallback_due
from edge.protocol.messages import LinkState, Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from maps import Site

    Make = Callable[..., Proposal]

HAUL_LIMIT = 60 / 3.6


def inside(site: Site, zone_id: str) -> dict[str, float]:
    point = site.zone(zone_id).polygon.representative_point()
    return {"x": point.x, "y": point.y}


@pytest.mark.parametrize("zone_id", [f"Z{i:02d}" for i in range(1, 14)])
def test_zone_rules_fire_inside_each_demo_zone(
    zone_id: str, demo_site: Site, demo_jit: Governor, proposal: Make
) -> None:
    zone = demo_site.zone(zone_id)
    d = demo_jit.decide(proposal(**inside(demo_site, zone_id), requested_speed_mps=1.0))
    if not zone.active:
        assert "core.blocked_zone" not in d.fired
        assert d.outcome in (Outcome.ALLOW, Outcome.RESTRICT)
    elif zone.kind == "BLOCKED":
        assert "core.blocked_zone" in d.fired
        assert d.outcome is Outcome.BLOCK
    elif zone.kind == "SPEED_LIMIT":
        assert "core.zone_speed_limit" in d.fired
        cap = d.constraint("speed_cap_mps")
        assert zone.speed_limit_mps is not None
        assert cap is not None
        assert cap <= zone.speed_limit_mps
    else:
        assert zone.kind == "RELEASE"
        assert "core.release_zone" in d.fired
        assert d.outcome is Outcome.ESCALATE
        granted = demo_jit.decide(
            proposal(**inside(demo_site, zone_id), granted_zones=frozenset({zone_id}))
        )
        assert "core.release_zone" not in granted.fired
        other = demo_jit.decide(
            proposal(**inside(demo_site, zone_id), granted_zones=frozenset({"Z99", "Z01"}))
        )
        assert "core.release_zone" in other.fired


def test_nothing_fires_in_the_open(small_jit: Governor, proposal: Make) -> None:
    d = small_jit.decide(proposal())
    assert (d.outcome, d.fired, d.constraints, d.escalation) == (Outcome.ALLOW, (), (), None)
    assert (d.bundle_id, d.bundle_version) == ("core", 1)


def test_estop_terminates(small_jit: Governor, proposal: Make) -> None:
    d = small_jit.decide(proposal(estop_latched=True, action="stop"))
    assert d.outcome is Outcome.TERMINATE
    assert d.fired == ("core.estop_latched",)
    assert d.reasons[0].startswith("An emergency stop is latched")


def test_no_automatic_resume(small_jit: Governor, proposal: Make) -> None:
    assert small_jit.decide(proposal(action="resume")).outcome is Outcome.BLOCK
    assert "core.resume_needs_release" in small_jit.decide(proposal(action="resume")).fired
    assert small_jit.decide(proposal(action="resume", released=True)).outcome is Outcome.ALLOW


def test_low_perception_escalates_and_holds(small_jit: Governor, proposal: Make) -> None:
    d = small_jit.decide(proposal(perception_confidence=0.84))
    assert d.outcome is Outcome.ESCALATE
    assert d.fired == ("core.perception_low",)
    assert d.escalation is not None
    esc = d.escalation
    assert (esc.reason_rules, esc.priority, esc.criticality) == (
        ("core.perception_low",),
        2,
        "high",
    )
    assert (esc.hold_behaviour, esc.fallback) == ("hold", "safe_stop")
    assert esc.deadline_at == proposal().now + 60.0
    assert d.constraint("hold_s") == 60.0
    assert fallback_due(esc, esc.deadline_at - 1.0) is None
    assert fallback_due(esc, esc.deadline_at) == "safe_stop"
    assert small_jit.decide(proposal(perception_confidence=0.85)).outcome is Outcome.ALLOW
    stopping = small_jit.decide(proposal(perception_confidence=0.2, action="stop"))
    assert stopping.outcome is Outcome.ALLOW


@pytest.mark.parametrize("link", [LinkState.DEGRADED, LinkState.OFFLINE])
def test_degraded_link_is_conservative(
    link: LinkState, small_jit: Governor, proposal: Make
) -> None:
    d = small_jit.decide(proposal(link_state=link))
    assert d.outcome is Outcome.RESTRICT
    assert d.fired == ("core.link_degraded",)
    assert d.constraint("speed_cap_mps") == pytest.approx(0.7 * HAUL_LIMIT)
    assert d.constraint("buffer_m") == 20.0
    assert d.no_new_missions
    task = small_jit.decide(proposal(link_state=link, action="start_task"))
    assert task.outcome is Outcome.BLOCK
    assert "core.link_no_new_missions" in task.fired
    on_road = small_jit.decide(proposal(link_state=link, x=50.0, y=0.0))
    assert on_road.constraint("speed_cap_mps") == pytest.approx(0.7 * 45 / 3.6)


def test_connected_link_allows_new_missions(small_jit: Governor, proposal: Make) -> None:
    d = small_jit.decide(proposal(action="start_task"))
    assert d.outcome is Outcome.ALLOW
    assert not d.no_new_missions


def test_over_speed_is_capped_to_the_lowest_limit(small_jit: Governor, proposal: Make) -> None:
    off_road = small_jit.decide(proposal(requested_speed_mps=20.0))
    assert off_road.fired == ("core.over_speed_limit",)
    assert off_road.outcome is Outcome.RESTRICT
    assert off_road.constraint("speed_cap_mps") == pytest.approx(HAUL_LIMIT)
    light = small_jit.decide(proposal(vehicle_class="light_vehicle", requested_speed_mps=20.0))
    assert light.outcome is Outcome.ALLOW
    on_road = small_jit.decide(proposal(x=50.0, y=5.0, requested_speed_mps=14.0))
    assert on_road.constraint("speed_cap_mps") == pytest.approx(45 / 3.6)
    at_limit = small_jit.decide(proposal(x=50.0, y=5.0, requested_speed_mps=45 / 3.6))
    assert at_limit.outcome is Outcome.ALLOW


def test_blocked_zone_blocks_entering_but_never_stopping(
    small_jit: Governor, proposal: Make
) -> None:
    enter = small_jit.decide(proposal(action="enter_zone", x=420.0, y=0.0))
    assert enter.outcome is Outcome.BLOCK
    assert "core.blocked_zone" in enter.fired
    stop = small_jit.decide(proposal(action="stop", x=420.0, y=0.0))
    assert "core.blocked_zone" not in stop.fired
    assert stop.outcome is Outcome.RESTRICT  # the speed-limit zone still caps
