"""The numba kernel and its pure-Python twin agree; batches agree with single decisions."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edge.governor import ACTIONS, SEVERITY, WEATHERS, Governor, Proposal
from edge.governor.kernels import dispatch
from edge.protocol.messages import LinkState

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.governor import PolicyBundle
    from maps import Site

    Make = Callable[..., Proposal]

BAD = st.sampled_from([None, math.nan, math.inf, -math.inf, -1.0, 1e12, "x", True, object()])


def maybe_bad(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(good, good, good, good, good, good, BAD)


def proposals(bounds: tuple[float, float, float, float]) -> st.SearchStrategy[dict[str, Any]]:
    minx, miny, maxx, maxy = bounds
    return st.fixed_dictionaries(
        {
            "vehicle_class": maybe_bad(
                st.sampled_from(["haul_truck", "light_vehicle", "water_truck", "dozer"])
            ),
            "profile": maybe_bad(st.sampled_from(["sim.haul_truck", ""])),
            "action": maybe_bad(st.sampled_from([*ACTIONS, "fly"])),
            "x": maybe_bad(st.floats(minx - 50, maxx + 50)),
            "y": maybe_bad(st.floats(miny - 50, maxy + 50)),
            "speed_mps": maybe_bad(st.floats(0, 30)),
            "requested_speed_mps": maybe_bad(st.floats(0, 30)),
            "load_t": maybe_bad(st.floats(0, 300)),
            "perception_confidence": maybe_bad(st.floats(0, 1)),
            "link_state": maybe_bad(st.sampled_from([*LinkState, "lost"])),
            "weather": maybe_bad(st.sampled_from([*WEATHERS, "snow"])),
            "hour": maybe_bad(st.floats(0, 24)),
            "estop_latched": maybe_bad(st.booleans()),
            "released": maybe_bad(st.booleans()),
            "granted_zones": st.frozensets(st.sampled_from(["Z08", "Z09", "ZD", "nope"])),
        }
    )


FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(data=st.data())
def test_jit_and_reference_agree_on_the_demo_mine(
    data: st.DataObject, demo_site: Site, demo_jit: Governor, demo_ref: Governor, proposal: Make
) -> None:
    p = proposal(**data.draw(proposals(demo_site.bounds)))
    assert demo_jit.decide(p) == demo_ref.decide(p)


@FAST
@given(data=st.data())
def test_jit_and_reference_agree_on_the_small_site(
    data: st.DataObject, small_site: Site, small_jit: Governor, small_ref: Governor, proposal: Make
) -> None:
    p = proposal(**data.draw(proposals(small_site.bounds)))
    assert small_jit.decide(p) == small_ref.decide(p)


def random_columns(site: Site, n: int, seed: int) -> dict[str, np.ndarray[Any, Any]]:
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = site.bounds
    cols: dict[str, np.ndarray[Any, Any]] = {
        "vehicle_class": rng.choice(np.array(["haul_truck", "light_vehicle", "dozer"]), n),
        "profile": rng.choice(np.array(["sim.haul_truck", "other"]), n),
        "action": rng.integers(0, len(ACTIONS), n),
        "x": rng.uniform(minx, maxx, n),
        "y": rng.uniform(miny, maxy, n),
        "speed_mps": rng.uniform(0, 20, n),
        "requested_speed_mps": rng.uniform(0, 25, n),
        "load_t": rng.uniform(0, 250, n),
        "perception_confidence": rng.uniform(0.6, 1.0, n),
        "link_state": rng.choice(np.array([s.value for s in LinkState]), n),
        "weather": rng.integers(0, len(WEATHERS), n),
        "hour": rng.uniform(0, 24, n),
        "estop_latched": rng.random(n) < 0.05,
        "released": rng.random(n) < 0.5,
        "now": np.full(n, 1.8e9),
        "grant_mask": rng.integers(0, 32, n),
    }
    cols["speed_mps"][::17] = np.nan  # some invalid rows
    cols["action"][::23] = 99
    return cols


def row_proposal(gov: Governor, cols: dict[str, np.ndarray[Any, Any]], j: int) -> Proposal:
    actions, weathers = list(gov.codes("action")), list(gov.codes("weather"))
    grants = frozenset(
        z for z, bit in gov.policy.release_bits.items() if cols["grant_mask"][j] & bit
    )
    action = int(cols["action"][j])
    return Proposal(
        vehicle_id="v",
        vehicle_class=str(cols["vehicle_class"][j]),
        profile=str(cols["profile"][j]),
        action=actions[action] if action < len(actions) else "bogus",
        x=float(cols["x"][j]),
        y=float(cols["y"][j]),
        speed_mps=float(cols["speed_mps"][j]),
        requested_speed_mps=float(cols["requested_speed_mps"][j]),
        load_t=float(cols["load_t"][j]),
        perception_confidence=float(cols["perception_confidence"][j]),
        link_state=LinkState(str(cols["link_state"][j])),
        weather=weathers[int(cols["weather"][j])],
        hour=float(cols["hour"][j]),
        estop_latched=bool(cols["estop_latched"][j]),
        released=bool(cols["released"][j]),
        now=float(cols["now"][j]),
        granted_zones=grants,
    )


@pytest.mark.parametrize(("jit", "n"), [(True, 3000), (False, 200)])
def test_batch_agrees_with_single_decisions(
    jit: bool, n: int, demo_site: Site, demo_jit: Governor, demo_ref: Governor
) -> None:
    gov = demo_jit if jit else demo_ref
    cols = random_columns(demo_site, n, seed=3)
    codes, caps = gov.decide_batch(cols)
    assert codes.dtype == np.int8
    assert caps.dtype == np.float64
    assert len(set(codes.tolist())) >= 4
    for j in range(0, n, max(1, n // 200)):
        d = gov.decide(row_proposal(gov, cols, j))
        cap = d.constraint("speed_cap_mps")
        assert SEVERITY[codes[j]] is d.outcome, j
        assert caps[j] == (math.inf if cap is None else cap), j


def test_batch_jit_and_reference_agree(
    demo_site: Site, demo_jit: Governor, demo_ref: Governor
) -> None:
    cols = random_columns(demo_site, 300, seed=5)
    jit_codes, jit_caps = demo_jit.decide_batch(cols)
    ref_codes, ref_caps = demo_ref.decide_batch(cols)
    np.testing.assert_array_equal(jit_codes, ref_codes)
    np.testing.assert_array_equal(jit_caps, ref_caps)


def test_batch_crosses_chunk_boundaries(small_site: Site, small_jit: Governor) -> None:
    import edge.governor.engine as engine

    cols = random_columns(small_site, 1000, seed=9)
    whole = small_jit.decide_batch(cols)
    chunk, engine.BATCH_CHUNK = engine.BATCH_CHUNK, 64
    try:
        pieces = small_jit.decide_batch(cols)
    finally:
        engine.BATCH_CHUNK = chunk
    np.testing.assert_array_equal(whole[0], pieces[0])
    np.testing.assert_array_equal(whole[1], pieces[1])


def test_batch_missing_columns_fail_closed(small_jit: Governor) -> None:
    codes, _ = small_jit.decide_batch({"x": np.zeros(5), "y": np.zeros(5)})
    assert codes.tolist() == [3] * 5  # BLOCK
    empty_codes, _ = small_jit.decide_batch({})
    assert empty_codes.shape == (0,)


def test_batch_rejects_malformed_columns(small_jit: Governor) -> None:
    from edge.governor import BatchError

    with pytest.raises(BatchError, match="unknown columns: speed"):
        small_jit.decide_batch({"speed": np.zeros(3)})
    with pytest.raises(BatchError, match="differ in length"):
        small_jit.decide_batch({"x": np.zeros(3), "y": np.zeros(4)})
    with pytest.raises(BatchError, match="1-D"):
        small_jit.decide_batch({"x": np.zeros((3, 2))})


def test_no_compilation_on_the_decision_path(
    core_bundle: PolicyBundle, demo_site: Site, demo_jit: Governor, proposal: Make
) -> None:
    from edge.governor.kernels import _jit

    demo_jit.decide(proposal())
    demo_jit.decide_batch(random_columns(demo_site, 10, seed=1))
    Governor(core_bundle, None, jit=True).decide(proposal(x=math.nan))
    assert len(_jit.decide_one.signatures) == 1
    assert len(_jit.decide_batch.signatures) == 1


def test_environment_chooses_the_kernels(
    monkeypatch: pytest.MonkeyPatch, core_bundle: PolicyBundle
) -> None:
    monkeypatch.setenv(dispatch.NO_JIT_ENV, "1")
    assert not dispatch.jit_enabled()
    assert not dispatch.kernels().jit
    assert not Governor(core_bundle).jit
    monkeypatch.setenv(dispatch.NO_JIT_ENV, "0")
    assert dispatch.kernels().jit
    assert Governor(core_bundle, jit=False).jit is False
