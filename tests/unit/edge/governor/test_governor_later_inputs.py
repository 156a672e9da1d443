"""The inputs added for the sector rules (grade, road kinds, intersection and right of way,
misfire time): rules over them in both kernels, fail-closed values, batch defaults, and
digests unchanged for proposals that do not give them.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from edge.governor import Governor, parse_bundle
from edge.governor.context import INPUT_DEFAULTS, NO_MISFIRE_S, ROAD_KINDS
from edge.governor.inputs import canonical_packing, inputs_digest
from edge.protocol.messages import Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.governor import PolicyBundle, Proposal
    from maps import Site


def _rule(rid: str, when: list[dict[str, Any]], outcome: str = "BLOCK") -> dict[str, Any]:
    effect: dict[str, Any] = {"outcome": outcome}
    if outcome == "RESTRICT":
        effect["constraints"] = {"speed_cap_mps": 11.1}
    return {
        "id": rid,
        "explanation": rid,
        "strength": "E",
        "source": "test",
        "when": when,
        "effect": effect,
    }


RULES = [
    _rule("t.grade", [{"field": "grade_pct", "op": "lt", "value": -9.5}], "RESTRICT"),
    _rule(
        "t.enter_haul",
        [
            {"field": "road_kind", "op": "ne", "value": "haul_road"},
            {"field": "next_road_kind", "op": "eq", "value": "haul_road"},
            {"field": "intersection_m", "op": "le", "value": 30.0},
        ],
    ),
    _rule(
        "t.yield",
        [
            {"field": "intersection_m", "op": "le", "value": 50.0},
            {"field": "cross_rank", "op": "gt", "value_field": "row_rank"},
        ],
    ),
    _rule(
        "t.left",
        [
            {"field": "intersection_m", "op": "le", "value": 50.0},
            {"field": "cross_left_rank", "op": "ge", "value_field": "row_rank"},
            {"field": "row_rank", "op": "gt", "value": 0.0},
        ],
    ),
    _rule("t.misfire", [{"field": "misfire_elapsed_s", "op": "lt", "value": 1800.0}]),
]


@pytest.fixture(scope="module")
def later_bundle(core_bundle: PolicyBundle) -> PolicyBundle:
    doc: dict[str, Any] = core_bundle.model_dump(mode="json")
    doc["rules"].extend(RULES)
    return parse_bundle(doc)


@pytest.mark.parametrize("jit", [True, False], ids=["jit", "ref"])
def test_rules_over_the_later_inputs(
    later_bundle: PolicyBundle, small_site: Site, proposal: Callable[..., Proposal], jit: bool
) -> None:
    gov = Governor(later_bundle, small_site, jit=jit)

    def fired(**kw: Any) -> set[str]:
        return {r for r in gov.decide(proposal(**kw)).fired if r.startswith("t.")}

    assert fired() == set()  # every later input at its default: nothing known, nothing fires
    assert fired(grade_pct=-9.6) == {"t.grade"}
    assert fired(grade_pct=-9.5) == set()
    entering = {"road_kind": "access", "next_road_kind": "haul_road"}
    assert fired(intersection_m=30.0, **entering) == {"t.enter_haul"}
    assert fired(intersection_m=30.1, **entering) == set()
    assert fired(intersection_m=10.0, road_kind="haul_road", next_road_kind="haul_road") == set()
    assert fired(intersection_m=50.0, row_rank=1.0, cross_rank=3.0) == {"t.yield"}
    assert fired(intersection_m=50.0, row_rank=3.0, cross_rank=3.0) == set()
    assert fired(intersection_m=50.0, row_rank=3.0, cross_rank=3.0, cross_left_rank=3.0) == {
        "t.left"
    }
    assert fired(intersection_m=50.0, row_rank=3.0, cross_rank=3.0, cross_left_rank=2.0) == set()
    assert fired(misfire_elapsed_s=1799.0) == {"t.misfire"}
    assert fired(misfire_elapsed_s=1800.0) == set()


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("grade_pct", 101.0),
        ("grade_pct", math.nan),
        ("road_kind", "motorway"),
        ("next_road_kind", None),
        ("intersection_m", -1.0),
        ("row_rank", 10.0),
        ("cross_rank", "3"),
        ("cross_left_rank", True),
        ("misfire_elapsed_s", -5.0),
        ("misfire_elapsed_s", math.inf),
    ],
)
def test_bad_later_inputs_fail_closed(
    small_jit: Governor, proposal: Callable[..., Proposal], name: str, bad: object
) -> None:
    d = small_jit.decide(proposal(**{name: bad}))
    assert d.outcome is Outcome.BLOCK
    assert name in d.invalid_fields
    assert d.inputs_digest == inputs_digest(proposal(**{name: bad}))


def test_jit_and_ref_agree(
    later_bundle: PolicyBundle, small_site: Site, proposal: Callable[..., Proposal]
) -> None:
    jit = Governor(later_bundle, small_site, jit=True)
    ref = Governor(later_bundle, small_site, jit=False)
    rng = np.random.default_rng(5)
    for _ in range(300):
        p = proposal(
            grade_pct=float(rng.uniform(-15, 15)),
            road_kind=str(rng.choice(ROAD_KINDS)),
            next_road_kind=str(rng.choice(ROAD_KINDS)),
            intersection_m=float(rng.uniform(0, 80)),
            row_rank=float(rng.integers(0, 5)),
            cross_rank=float(rng.integers(0, 5)),
            cross_left_rank=float(rng.integers(0, 5)),
            misfire_elapsed_s=float(rng.choice([rng.uniform(0, 3600), NO_MISFIRE_S])),
        )
        a, b = jit.decide(p), ref.decide(p)
        assert (a.outcome, a.fired, a.constraints) == (b.outcome, b.fired, b.constraints)
        assert a.inputs_digest == inputs_digest(p)


def test_batch_without_the_later_columns_uses_their_defaults(
    later_bundle: PolicyBundle, small_site: Site, proposal: Callable[..., Proposal]
) -> None:
    gov = Governor(later_bundle, small_site)
    p = proposal()
    cols = {f.name: np.array([getattr(p, f.name)] * 2) for f in dataclasses.fields(p)}
    del cols["granted_zones"]
    cols["link_state"] = np.array([str(p.link_state.value)] * 2)
    for name in INPUT_DEFAULTS:
        del cols[name]
    codes, _ = gov.decide_batch(cols)
    assert codes.tolist() == [0, 0]
    cols["misfire_elapsed_s"] = np.array([60.0, 4000.0])
    cols["road_kind"] = np.array(["access", "access"])
    codes, _ = gov.decide_batch(cols)
    assert codes.tolist() == [3, 0]


def test_digest_is_unchanged_when_the_later_inputs_are_not_given(
    small_jit: Governor, proposal: Callable[..., Proposal]
) -> None:
    p = proposal()
    explicit = dataclasses.replace(p, **INPUT_DEFAULTS)  # type: ignore[arg-type]
    assert canonical_packing(explicit) == canonical_packing(p)
    assert b"R" not in canonical_packing(p)[-60:]
    for change in (
        {"grade_pct": 8.0},
        {"road_kind": "ramp"},
        {"next_road_kind": "access"},
        {"intersection_m": 20.0},
        {"cross_rank": 3.0},
        {"misfire_elapsed_s": 10.0},
    ):
        q = dataclasses.replace(p, **change)
        assert inputs_digest(q) != inputs_digest(p), change
        assert small_jit.decide(q).inputs_digest == inputs_digest(q)
