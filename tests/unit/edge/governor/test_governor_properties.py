"""Properties: fail closed, determinism, monotonic rules, tightest-wins merging, digests."""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edge.governor import (
    BUNDLE_EXPIRED,
    INPUT_INVALID,
    Governor,
    Proposal,
    inputs_digest,
    parse_bundle,
    severity,
)
from edge.governor.context import INPUT_FIELDS
from edge.protocol.messages import LinkState, Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.governor import Decision, PolicyBundle
    from maps import Site

    Make = Callable[..., Proposal]

FIELDS = [f.name for f in INPUT_FIELDS]
NUMBER_FIELDS = [f.name for f in INPUT_FIELDS if f.kind == "number"]
SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def bad_value(field: str) -> st.SearchStrategy[Any]:
    common = st.sampled_from([None, object(), b"bytes", [1.0], {"a": 1}])
    if field in NUMBER_FIELDS:
        return st.one_of(
            common,
            st.sampled_from([math.nan, math.inf, -math.inf, "1.0", True, 1e12, -1e12, 10**400]),
        )
    if field in ("estop_latched", "released"):
        return st.one_of(common, st.sampled_from([0, 1, "yes", math.nan]))
    return st.one_of(common, st.sampled_from(["", "unknown", 0, 1.5, math.nan]))


@st.composite
def broken(draw: st.DrawFn) -> dict[str, Any]:
    fields = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4, unique=True))
    changes = {f: draw(bad_value(f)) for f in fields}
    if "profile" in changes and isinstance(changes["profile"], str):
        changes["profile"] = None  # unknown profiles are valid ("other"); empty ones too
    if "vehicle_id" in changes and changes["vehicle_id"] in ("unknown",):
        changes["vehicle_id"] = ""
    if "hour" in changes and changes["hour"] in (1.5, 0):
        changes["hour"] = -1.0
    return changes


@SETTINGS
@given(changes=broken(), x=st.floats(-200, 1300), y=st.floats(-200, 500))
def test_bad_inputs_fail_closed(
    changes: dict[str, Any],
    x: float,
    y: float,
    small_jit: Governor,
    small_ref: Governor,
    proposal: Make,
) -> None:
    base: dict[str, Any] = {"x": x, "y": y}
    p = proposal(**{**base, **changes})
    d = small_jit.decide(p)
    assert severity(d.outcome) >= severity(Outcome.BLOCK)
    assert d.fired[0] == INPUT_INVALID
    assert set(d.invalid_fields) <= set(changes)
    assert d.invalid_fields
    assert d.reasons[0].startswith("An input is missing")
    assert d == small_ref.decide(p)
    assert len(d.inputs_digest) == 64


@pytest.mark.slow
@settings(
    max_examples=100_000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=broken(), x=st.floats(-200, 1300), y=st.floats(-200, 500))
def test_bad_inputs_fail_closed_soak(
    changes: dict[str, Any],
    x: float,
    y: float,
    small_jit: Governor,
    small_ref: Governor,
    proposal: Make,
) -> None:
    """RELIABILITY F7 at its number: 100,000 broken requests, every one at least BLOCK."""
    test_bad_inputs_fail_closed.hypothesis.inner_test(  # type: ignore[attr-defined]
        changes, x, y, small_jit, small_ref, proposal
    )


@pytest.mark.parametrize("field", FIELDS)
def test_each_field_alone_fails_closed_naming_it(
    field: str, small_jit: Governor, proposal: Make
) -> None:
    value = None if field != "profile" else 42
    d = small_jit.decide(proposal(**{field: value}))
    assert d.outcome is Outcome.BLOCK
    assert d.invalid_fields == (field,)
    assert field in d.reasons[0]


def test_out_of_range_values_fail_closed(small_jit: Governor, proposal: Make) -> None:
    for field, value in [
        ("perception_confidence", 1.01),
        ("speed_mps", -0.1),
        ("hour", 24.5),
        ("load_t", 5000.0),
        ("vehicle_id", "x" * 65),
        ("now", -1.0),
    ]:
        d = small_jit.decide(proposal(**{field: value}))
        assert (d.outcome, d.invalid_fields) == (Outcome.BLOCK, (field,)), field
    assert small_jit.decide(proposal(hour=24, speed_mps=0)).outcome is Outcome.ALLOW


def test_estop_still_terminates_with_bad_inputs(small_jit: Governor, proposal: Make) -> None:
    d = small_jit.decide(proposal(estop_latched=True, speed_mps=None))
    assert d.outcome is Outcome.TERMINATE
    assert d.fired == (INPUT_INVALID, "core.estop_latched")


def test_an_expired_bundle_blocks(core_bundle: PolicyBundle, proposal: Make) -> None:
    doc = core_bundle.model_dump(mode="json")
    doc["expires_at"] = "2027-01-01T00:00:00Z"
    gov = Governor(parse_bundle(doc))
    assert gov.decide(proposal(now=1_790_000_000.0)).outcome is Outcome.ALLOW  # 2026
    late = gov.decide(proposal(now=1_800_000_000.0))  # 2027
    assert (late.outcome, late.fired) == (Outcome.BLOCK, (BUNDLE_EXPIRED,))


@SETTINGS
@given(x=st.floats(-200, 1300), y=st.floats(-200, 500), conf=st.floats(0, 1))
def test_deterministic(
    x: float,
    y: float,
    conf: float,
    small_jit: Governor,
    core_bundle: PolicyBundle,
    small_site: Site,
    proposal: Make,
) -> None:
    p = proposal(x=x, y=y, perception_confidence=conf, link_state="degraded")
    first = small_jit.decide(p)
    assert small_jit.decide(p) == first
    assert small_jit.decide(dataclasses.replace(p)) == first


# ------------------------------------------------------------------ adding rules is monotonic

CONDITIONS = st.one_of(
    st.builds(
        lambda v: {"field": "perception_confidence", "op": "lt", "value": v}, st.floats(0, 1)
    ),
    st.builds(lambda v: {"field": "speed_mps", "op": "ge", "value": v}, st.floats(0, 20)),
    st.builds(lambda v: {"field": "hour", "op": "gt", "value": v}, st.floats(0, 24)),
    st.just({"field": "requested_speed_mps", "op": "gt", "value_field": "speed_limit_mps"}),
    st.builds(
        lambda v: {"field": "action", "op": "in", "value": v},
        st.lists(
            st.sampled_from(["proceed", "stop", "resume", "start_task"]), min_size=1, unique=True
        ),
    ),
    st.builds(
        lambda v: {"field": "link_state", "op": "ne", "value": v},
        st.sampled_from(["connected", "offline"]),
    ),
    st.just({"field": "released", "op": "is_false"}),
    st.builds(
        lambda v: {"in_zone_kind": v}, st.sampled_from(["BLOCKED", "SPEED_LIMIT", "RELEASE"])
    ),
    st.builds(lambda v: {"in_zone_sector_kind": v}, st.sampled_from(["blast", "pedestrian"])),
    st.builds(lambda d: {"near_feature": "blast", "within_m": d}, st.floats(1, 100)),
)
CONSTRAINTS = st.fixed_dictionaries(
    {},
    optional={
        "speed_cap_mps": st.floats(0.5, 30),
        "speed_factor": st.floats(0.1, 1),
        "speed_cap_field": st.sampled_from(["zone_speed_limit_mps", "class_speed_limit_mps"]),
        "buffer_m": st.floats(0, 50),
        "no_reverse": st.booleans(),
        "no_new_missions": st.booleans(),
    },
).filter(lambda c: any(v not in (False,) for v in c.values()))
ESCALATION = st.fixed_dictionaries(
    {
        "priority": st.integers(0, 9),
        "criticality": st.sampled_from(["low", "medium", "high", "critical"]),
        "deadline_s": st.floats(1, 600),
        "hold_behaviour": st.sampled_from(["hold", "slow", "safe_stop"]),
        "fallback": st.sampled_from(["hold", "safe_stop"]),
    }
)


@st.composite
def rules(draw: st.DrawFn, rule_id: str) -> dict[str, Any]:
    outcome = draw(st.sampled_from(["ALLOW", "RESTRICT", "ESCALATE", "BLOCK", "TERMINATE"]))
    effect: dict[str, Any] = {"outcome": outcome}
    if outcome != "ALLOW" and (outcome == "RESTRICT" or draw(st.booleans())):
        effect["constraints"] = draw(CONSTRAINTS)
    if outcome == "ESCALATE":
        effect["escalation"] = draw(ESCALATION)
    return {
        "id": rule_id,
        "explanation": rule_id,
        "strength": "E",
        "source": "test",
        "when": draw(st.lists(CONDITIONS, max_size=3)),
        "effect": effect,
    }


def bundle_of(rule_list: list[dict[str, Any]]) -> PolicyBundle:
    return parse_bundle(
        {
            "schema_version": 1,
            "bundle_id": "prop",
            "version": 1,
            "issued_at": "2026-01-01T00:00:00Z",
            "parameters": {"vehicle_classes": {"haul_truck": {"max_speed_mps": 16}}},
            "rules": rule_list,
        }
    )


def sample_proposals(proposal: Make) -> list[Proposal]:
    rng = np.random.default_rng(0)
    points = [
        (-500.0, -500.0),
        (50.0, 0.0),
        (320.0, 30.0),
        (380.0, 0.0),
        (470.0, 10.0),
        (650.0, 0.0),
        (1020.0, 300.0),
        (1100.0, 300.0),
    ]
    out = []
    for k, (x, y) in enumerate(points * 3):
        out.append(
            proposal(
                x=x,
                y=y,
                speed_mps=float(rng.uniform(0, 20)),
                requested_speed_mps=float(rng.uniform(0, 25)),
                perception_confidence=float(rng.uniform(0.5, 1)),
                hour=float(rng.uniform(0, 24)),
                action=["proceed", "stop", "resume", "start_task"][k % 4],
                link_state=list(LinkState)[k % 3],
                released=bool(k % 2),
            )
        )
    return out


def cap_of(d: Decision) -> float:
    cap = d.constraint("speed_cap_mps")
    return math.inf if cap is None else cap


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_adding_a_rule_never_makes_a_decision_more_permissive(
    data: st.DataObject, small_site: Site, proposal: Make
) -> None:
    base = [data.draw(rules(f"test.r{i}")) for i in range(data.draw(st.integers(0, 4)))]
    extra = data.draw(rules("test.extra"))
    before = Governor(bundle_of(base), small_site)
    after = Governor(bundle_of([*base, extra]), small_site)
    for p in sample_proposals(proposal):
        d0, d1 = before.decide(p), after.decide(p)
        assert severity(d1.outcome) >= severity(d0.outcome)
        assert cap_of(d1) <= cap_of(d0)
        assert (d1.constraint("buffer_m") or 0.0) >= (d0.constraint("buffer_m") or 0.0)
        assert d1.no_new_missions >= d0.no_new_missions
        assert (d1.constraint("no_reverse") or 0.0) >= (d0.constraint("no_reverse") or 0.0)
        assert set(d0.fired) <= set(d1.fired)


# ------------------------------------------------------------------ merging


def rule(rule_id: str, outcome: str, **effect: Any) -> dict[str, Any]:
    return {
        "id": rule_id,
        "explanation": f"why {rule_id}",
        "strength": "E",
        "source": "test",
        "when": [],
        "effect": {"outcome": outcome, **effect},
    }


def escalate(rule_id: str, **spec: Any) -> dict[str, Any]:
    base = {
        "priority": 5,
        "criticality": "low",
        "deadline_s": 100,
        "hold_behaviour": "slow",
        "fallback": "hold",
    }
    return rule(rule_id, "ESCALATE", escalation={**base, **spec})


def test_constraints_merge_tightest_wins(proposal: Make) -> None:
    gov = Governor(
        bundle_of(
            [
                rule("t.a", "RESTRICT", constraints={"speed_cap_mps": 5, "buffer_m": 10}),
                rule("t.b", "RESTRICT", constraints={"speed_cap_mps": 3, "no_reverse": True}),
                rule("t.c", "RESTRICT", constraints={"speed_factor": 0.1, "buffer_m": 20}),
                rule("t.d", "ALLOW"),
            ]
        )
    )
    d = gov.decide(proposal())
    assert d.outcome is Outcome.RESTRICT
    assert d.fired == ("t.a", "t.b", "t.c", "t.d")
    assert d.fired_outcomes == (Outcome.RESTRICT,) * 3 + (Outcome.ALLOW,)
    assert d.reasons == ("why t.a", "why t.b", "why t.c", "why t.d")
    assert d.constraint("speed_cap_mps") == pytest.approx(1.6)  # 0.1 x the 16 m/s class limit
    assert d.constraint("buffer_m") == 20
    assert d.constraint("no_reverse") == 1.0


def test_severity_combines_and_escalations_merge(proposal: Make) -> None:
    both = Governor(
        bundle_of(
            [
                escalate("t.e1", priority=4, criticality="high", deadline_s=30),
                escalate(
                    "t.e2", priority=1, deadline_s=90, hold_behaviour="hold", fallback="safe_stop"
                ),
            ]
        )
    )
    d = both.decide(proposal())
    assert d.outcome is Outcome.ESCALATE
    assert d.escalation is not None
    esc = d.escalation
    assert esc.reason_rules == ("t.e1", "t.e2")
    assert (esc.priority, esc.criticality, esc.deadline_at) == (1, "high", proposal().now + 30)
    assert (esc.hold_behaviour, esc.fallback) == ("hold", "safe_stop")
    assert d.constraint("hold_s") == 30
    blocked = Governor(bundle_of([escalate("t.e"), rule("t.b", "BLOCK")])).decide(proposal())
    assert (blocked.outcome, blocked.escalation) == (Outcome.BLOCK, None)
    ended = Governor(bundle_of([rule("t.b", "BLOCK"), rule("t.t", "TERMINATE")]))
    assert ended.decide(proposal()).outcome is Outcome.TERMINATE


# ------------------------------------------------------------------ digests


def test_digest_is_canonical(small_jit: Governor, proposal: Make) -> None:
    p = proposal()
    assert small_jit.decide(p).inputs_digest == inputs_digest(p)
    assert inputs_digest(p) == inputs_digest(proposal())
    assert inputs_digest(proposal(hour=10)) == inputs_digest(proposal(hour=10.0))
    assert inputs_digest(proposal(link_state="connected")) == inputs_digest(p)
    digests = {inputs_digest(p)}
    for field, value in [
        ("vehicle_id", "HT-002"),
        ("x", -499.0),
        ("now", p.now + 1e-3),
        ("released", True),
        ("granted_zones", frozenset({"ZD"})),
        ("profile", "sim.haul_truckX"),
        ("speed_mps", None),
    ]:
        changed = proposal(**{field: value})
        digests.add(inputs_digest(changed))
        assert small_jit.decide(changed).inputs_digest == inputs_digest(changed)
    assert len(digests) == 8
    # strings are length-prefixed: moving a character between fields changes the digest
    assert inputs_digest(proposal(vehicle_id="ab", profile="c")) != inputs_digest(
        proposal(vehicle_id="a", profile="bc")
    )


def test_malformed_proposals_have_stable_digests(proposal: Make) -> None:
    weird = proposal(speed_mps=None, hour=True, granted_zones=frozenset({1, "a"}), weather=b"x")
    assert inputs_digest(weird) == inputs_digest(
        proposal(speed_mps=None, hour=True, granted_zones=frozenset({"a", 1}), weather=b"x")
    )
    assert inputs_digest(weird) != inputs_digest(
        proposal(speed_mps=None, hour=False, granted_zones=frozenset({1, "a"}), weather=b"x")
    )
