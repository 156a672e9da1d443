"""RELIABILITY F4: the fallback runs at the deadline, a late answer is refused, and guidance
that arrives after the fallback is never applied — over randomized timelines.

Each timeline opens a request (a real simulated vehicle escalating to a real governor), has it
claimed, and answers it at a random moment between 2 s before and 2 s after its deadline, with
either fallback.  CI runs 150 timelines; the soak tier (``-m slow``) 1,000.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edge.governor.engine import Governor
from edge.protocol.messages import VehicleState
from edge.security.roles import Role
from maps.site import default_site_path, load_site
from tests.unit.edge.test_assist_desk import DT, Rig, escalating_bundle, loading

if TYPE_CHECKING:
    from maps.site import Site

DEADLINE_S = 3.0
AFTER_S = 2.0
"""How long each timeline runs on after the answer (a late guidance must not act in it)."""


@cache
def _site() -> Site:
    return load_site(default_site_path())


@cache
def _governor(fallback: str) -> Governor:
    return Governor(escalating_bundle(fallback=fallback, deadline_s=DEADLINE_S), _site())


def run_timeline(fallback: str, offset_s: float) -> None:
    site = _site()
    rig = Rig(site, loading(site)[:1], governor=_governor(fallback))
    (rid,) = rig.until_requests(1)
    (request,) = rig.desk.open_requests()
    deadline = float(request["deadline"])
    assert rig.desk.claim(rid, "alice", Role.ASSIST, rig.now).granted
    answer_at = deadline + offset_s
    while rig.now + DT <= answer_at:
        rig.step(DT)
        # Never early: the request is open until the deadline.
        assert rig.desk.state_of(rid) != "expired" or rig.now >= deadline
    expired = rig.desk.state_of(rid) == "expired"
    # ... and expired on the first tick at or after it (one tick of tolerance).
    if rig.now >= deadline + DT:
        assert expired, (rig.now - deadline, rig.desk.state_of(rid))
    vehicle = rig.vehicles[0]
    # The answer arrives between two ticks, as answers from the link do.
    result = rig.desk.answer(rig.answer(rid, "confirm"), "alice", Role.ASSIST, answer_at)
    if answer_at >= deadline:
        assert result.refusal is not None, "a late answer was taken"
        assert "deadline" in result.refusal or "expired" in result.refusal
        moved = 0.0
        for _ in range(round(AFTER_S / DT)):
            rig.step(DT)
            sample = vehicle.sample(rig.now)
            moved = max(moved, sample.speed_mps)
            if fallback == "safe_stop":
                assert sample.state is VehicleState.SAFE_STOP
        assert rig.desk.state_of(rid) == "expired"
        assert moved <= 0.5, f"the vehicle moved at {moved:.2f} m/s after its fallback"
    else:
        assert not expired
        assert result.refusal is None, result.refusal
        rig.step(AFTER_S)
        assert rig.desk.state_of(rid) != "expired"
        assert vehicle.sample(rig.now).state is not VehicleState.SAFE_STOP


offsets = st.floats(min_value=-AFTER_S, max_value=AFTER_S).filter(math.isfinite)
fallbacks = st.sampled_from(["safe_stop", "hold"])
_settings = {"deadline": None, "derandomize": True, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=150, **_settings)  # type: ignore[arg-type]
@given(fallback=fallbacks, offset_s=offsets)
def test_fallback_at_the_deadline_and_late_answers_refused(fallback: str, offset_s: float) -> None:
    run_timeline(fallback, offset_s)


@pytest.mark.slow
@settings(max_examples=1000, **_settings)  # type: ignore[arg-type]
@given(fallback=fallbacks, offset_s=offsets)
def test_fallback_timelines_soak(fallback: str, offset_s: float) -> None:
    run_timeline(fallback, offset_s)
