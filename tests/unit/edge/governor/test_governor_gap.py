"""The ``gap_m`` input (distance to the vehicle ahead): following-distance rules in both
kernels, fail-closed values, batch default, and unchanged digests when no gap is known.
"""

from __future__ import annotations

import dataclasses
import math
import struct
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from edge.governor import Governor, parse_bundle
from edge.governor.context import NO_GAP_M
from edge.governor.inputs import canonical_packing, inputs_digest
from edge.protocol.messages import Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.governor import PolicyBundle, Proposal
    from maps import Site

FOLLOW = {
    "id": "test.following_distance",
    "explanation": "Closer than 61 m to the vehicle ahead: half speed.",
    "strength": "G",
    "source": "SECTOR_RULES M9",
    "when": [{"field": "gap_m", "op": "lt", "value": 61.0}],
    "effect": {"outcome": "RESTRICT", "constraints": {"speed_factor": 0.5}},
}


@pytest.fixture(scope="module")
def follow_bundle(core_bundle: PolicyBundle) -> PolicyBundle:
    doc: dict[str, Any] = core_bundle.model_dump(mode="json")
    doc["rules"].append(FOLLOW)
    return parse_bundle(doc)


@pytest.mark.parametrize("jit", [True, False], ids=["jit", "ref"])
def test_following_distance_rule(
    follow_bundle: PolicyBundle,
    small_site: Site,
    proposal: Callable[..., Proposal],
    jit: bool,
) -> None:
    gov = Governor(follow_bundle, small_site, jit=jit)
    close = gov.decide(proposal(gap_m=40.0, requested_speed_mps=10.0))
    assert "test.following_distance" in close.fired
    assert close.outcome is Outcome.RESTRICT
    far = gov.decide(proposal(gap_m=200.0))
    assert "test.following_distance" not in far.fired
    unknown = gov.decide(proposal())  # the default: no vehicle ahead known
    assert "test.following_distance" not in unknown.fired


@pytest.mark.parametrize("bad", [math.nan, -1.0, 2e4, None, "40", True])
def test_bad_gap_fails_closed(
    small_jit: Governor, proposal: Callable[..., Proposal], bad: object
) -> None:
    d = small_jit.decide(proposal(gap_m=bad))
    assert d.outcome is Outcome.BLOCK
    assert "gap_m" in d.invalid_fields


def test_jit_and_ref_agree_on_gaps(
    follow_bundle: PolicyBundle, small_site: Site, proposal: Callable[..., Proposal]
) -> None:
    jit = Governor(follow_bundle, small_site, jit=True)
    ref = Governor(follow_bundle, small_site, jit=False)
    rng = np.random.default_rng(11)
    for gap in rng.uniform(0.0, 150.0, 200):
        p = proposal(gap_m=float(gap), requested_speed_mps=float(rng.uniform(0, 20)))
        a, b = jit.decide(p), ref.decide(p)
        assert (a.outcome, a.fired, a.constraints) == (b.outcome, b.fired, b.constraints)


def test_batch_without_a_gap_column_means_no_gap(
    follow_bundle: PolicyBundle, small_site: Site, proposal: Callable[..., Proposal]
) -> None:
    gov = Governor(follow_bundle, small_site)
    p = proposal(requested_speed_mps=10.0)
    cols = {f.name: np.array([getattr(p, f.name)] * 3) for f in dataclasses.fields(p)}
    del cols["granted_zones"]
    cols["link_state"] = np.array([str(p.link_state.value)] * 3)
    del cols["gap_m"]
    codes, caps = gov.decide_batch(cols)
    single = gov.decide(p)
    assert codes.tolist() == [1 if single.outcome is Outcome.RESTRICT else 0] * 3
    cols["gap_m"] = np.array([10.0, 100.0, NO_GAP_M])
    codes, caps = gov.decide_batch(cols)
    assert caps[0] < caps[1]


def test_digest_is_unchanged_without_a_gap(proposal: Callable[..., Proposal]) -> None:
    p = proposal()
    base = canonical_packing(p)
    assert b"G" + struct.pack(">d", NO_GAP_M) not in base
    with_gap = canonical_packing(dataclasses.replace(p, gap_m=30.0))
    assert with_gap == base + b"G" + struct.pack(">d", 30.0)
    assert inputs_digest(dataclasses.replace(p, gap_m=30.0)) != inputs_digest(p)


def test_fast_path_digest_equals_the_reference_packing(
    small_jit: Governor, proposal: Callable[..., Proposal]
) -> None:
    for gap in (NO_GAP_M, 12.5, 0.0, 10_000):
        p = proposal(gap_m=gap)
        assert small_jit.decide(p).inputs_digest == inputs_digest(p)
