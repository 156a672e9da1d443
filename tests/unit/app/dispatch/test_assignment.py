"""The assignment solver against scipy and brute force: optimal, rectangular, forbidden pairs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.sparse.csgraph import maximum_bipartite_matching  # type: ignore[import-untyped]

from app.core.dispatch.assignment import solve_assignment
from app.core.dispatch.errors import CostMatrixError

JIT = [pytest.param(True, id="jit"), pytest.param(False, id="ref")]


def _shapes(max_side: int) -> st.SearchStrategy[tuple[int, int]]:
    return st.tuples(st.integers(1, max_side), st.integers(1, max_side))


@st.composite
def _matrices(draw: st.DrawFn, max_side: int = 8, forbid: bool = True) -> np.ndarray:
    shape = draw(_shapes(max_side))
    values = draw(
        arrays(np.float64, shape, elements=st.floats(-1000, 1000, allow_nan=False, width=32))
    )
    if forbid:
        mask = draw(arrays(np.bool_, shape))
        values = np.where(mask, np.inf, values)
    return values


def _brute_force(cost: np.ndarray) -> tuple[int, float]:
    """Maximum number of allowed pairs, and the least cost among matchings of that size."""
    rows, cols = cost.shape
    flip = rows > cols
    c = cost.T if flip else cost
    best = (0, 0.0)
    for perm in itertools.permutations(range(c.shape[1]), c.shape[0]):
        picked = [c[i, j] for i, j in enumerate(perm) if np.isfinite(c[i, j])]
        key = (len(picked), -sum(picked))
        if key > (best[0], -best[1]):
            best = (len(picked), float(sum(picked)))
    return best


@pytest.mark.parametrize("jit", JIT)
@settings(max_examples=150, deadline=None)
@given(cost=_matrices(max_side=12, forbid=False))
def test_cost_equals_scipy_without_forbidden_pairs(jit: bool, cost: np.ndarray) -> None:
    result = solve_assignment(cost, jit=jit)
    r, c = linear_sum_assignment(cost)
    assert len(result) == min(cost.shape)
    assert result.cost == pytest.approx(float(cost[r, c].sum()), rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("jit", JIT)
@settings(max_examples=150, deadline=None)
@given(cost=_matrices(max_side=12))
def test_with_forbidden_pairs_matches_scipy_when_scipy_can_solve(
    jit: bool, cost: np.ndarray
) -> None:
    result = solve_assignment(cost, jit=jit)
    assert np.isfinite(cost[result.rows, result.cols]).all()
    assert len(set(result.rows.tolist())) == len(result)
    assert len(set(result.cols.tolist())) == len(result)
    size = int((maximum_bipartite_matching(csr_matrix(np.isfinite(cost))) >= 0).sum())
    assert len(result) == size
    try:
        r, c = linear_sum_assignment(cost)
    except ValueError:  # scipy refuses when not every row (or column) can be matched
        return
    assert result.cost == pytest.approx(float(cost[r, c].sum()), rel=1e-9, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(cost=_matrices(max_side=5))
def test_maximum_size_then_minimum_cost_by_brute_force(cost: np.ndarray) -> None:
    result = solve_assignment(cost)
    size, best = _brute_force(cost)
    assert len(result) == size
    assert result.cost == pytest.approx(best, rel=1e-9, abs=1e-6)


def test_jit_and_reference_agree_on_a_larger_instance() -> None:
    rng = np.random.default_rng(7)
    cost = rng.integers(0, 500, size=(60, 90)).astype(np.float64)
    cost[rng.random(cost.shape) < 0.3] = np.inf
    a = solve_assignment(cost, jit=True)
    b = solve_assignment(cost, jit=False)
    assert a.cost == b.cost
    assert len(a) == len(b)


def test_forbidden_pair_is_never_chosen_even_when_it_would_be_cheap() -> None:
    cost = np.array([[np.inf, 1.0], [np.inf, 2.0]])
    result = solve_assignment(cost)
    assert result.rows.tolist() == [0]
    assert result.cols.tolist() == [1]
    assert result.cost == 1.0


def test_all_forbidden_and_empty() -> None:
    assert len(solve_assignment(np.full((3, 2), np.inf))) == 0
    assert len(solve_assignment(np.zeros((0, 4)))) == 0


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (np.array([[np.nan, 1.0]]), "NaN"),
        (np.array([[-np.inf, 1.0]]), "-inf"),
        (np.zeros(3), "2-D"),
    ],
)
def test_bad_matrices_are_refused(bad: np.ndarray, words: str) -> None:
    with pytest.raises(CostMatrixError, match=words):
        solve_assignment(bad)
