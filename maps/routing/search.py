"""Pick the path-search kernel: numba unless ``ATLASMESH_NO_JIT=1``; warm it up at start-up.

The router calls :func:`warm_up` when it is built, so no route query pays numba's compile (or
cache load) time.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

import numpy as np

from maps.routing import _pareto_ref, _search_ref

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

__all__ = [
    "NO_JIT_ENV",
    "SearchKernel",
    "TreeKernel",
    "heuristic_scale",
    "kernel",
    "landmark_costs",
    "pareto_kernel",
    "pick_landmarks",
    "tree_kernel",
    "warm_up",
]

NO_JIT_ENV = "ATLASMESH_NO_JIT"
"""Set to ``1`` to run the pure-Python reference kernel."""

_SAFETY = 1.0 - 1e-9
"""Shrinks the heuristic a hair so rounding can never make it overestimate."""


class SearchKernel(Protocol):
    """The contract of :func:`maps.routing._search_ref.astar`."""

    def __call__(
        self,
        indptr: IntArray,
        indices: IntArray,
        edge_u: IntArray,
        weights: FloatArray,
        node_xy: FloatArray,
        h_scale: float,
        lm_from: FloatArray,
        lm_to: FloatArray,
        source: int,
        target: int,
    ) -> tuple[float, IntArray]:
        """Return ``(cost, edge slots)`` of the cheapest path."""
        ...


class TreeKernel(Protocol):
    """The contract of :func:`maps.routing._search_ref.dijkstra_all`."""

    def __call__(
        self, indptr: IntArray, indices: IntArray, weights: FloatArray, source: int
    ) -> FloatArray:
        """Return the cheapest cost from ``source`` to every node."""
        ...


def _use_jit(jit: bool | None) -> bool:
    """Resolve ``None`` to the environment's choice."""
    return os.environ.get(NO_JIT_ENV, "") != "1" if jit is None else jit


def kernel(jit: bool | None = None) -> SearchKernel:
    """Return the numba A* unless ``jit`` is false or the environment says no."""
    if not _use_jit(jit):
        return _search_ref.astar
    from maps.routing import _search_jit  # numba only when wanted

    compiled: SearchKernel = _search_jit.astar
    return compiled


def tree_kernel(jit: bool | None = None) -> TreeKernel:
    """Return the numba one-to-all Dijkstra unless ``jit`` is false or the environment says no."""
    if not _use_jit(jit):
        return _search_ref.dijkstra_all
    from maps.routing import _search_jit

    compiled: TreeKernel = _search_jit.dijkstra_all
    return compiled


class ParetoKernel(Protocol):
    """The contract of :func:`maps.routing._pareto_ref.label_setting`."""

    def __call__(
        self,
        indptr: IntArray,
        indices: IntArray,
        costs: FloatArray,
        lower: FloatArray,
        source: int,
        target: int,
        epsilon: float,
        max_labels: int,
    ) -> tuple[IntArray, FloatArray, IntArray, IntArray, int, bool]:
        """Return ``(found, label costs, parents, edges, settled, complete)``."""
        ...


def pareto_kernel(jit: bool | None = None) -> ParetoKernel:
    """Return the numba Pareto search unless ``jit`` is false or the environment says no."""
    if not _use_jit(jit):
        return _pareto_ref.label_setting
    from maps.routing import _pareto_jit

    compiled: ParetoKernel = _pareto_jit.label_setting
    return compiled


def heuristic_scale(
    weights: FloatArray, edge_u: IntArray, edge_v: IntArray, node_xy: FloatArray
) -> float:
    """Return the largest safe A* scale: the cheapest cost per straight-line metre of any edge.

    ``h(n) = scale x distance(n, target)`` is then consistent: for an edge ``u -> v``,
    ``h(u) <= scale |uv| + h(v) <= w(u, v) + h(v)``. Pass the weights of every edge (closures
    only remove edges, which keeps the bound valid).
    """
    chord = np.hypot(*(node_xy[edge_v] - node_xy[edge_u]).T)
    usable = (chord > 0) & np.isfinite(weights)
    if not usable.any():
        return 0.0
    return float(np.min(weights[usable] / chord[usable])) * _SAFETY


def pick_landmarks(node_xy: FloatArray, count: int) -> IntArray:
    """Choose up to ``count`` landmark nodes spread over the site (farthest-point order).

    Landmarks on the edge of the network give the tightest ALT bounds; the first is the node
    farthest from the centroid, each next one the node farthest from those already chosen.
    """
    n = len(node_xy)
    if n == 0 or count < 1:
        return np.empty(0, dtype=np.int64)
    centre = node_xy.mean(axis=0)
    chosen = [int(np.argmax(np.hypot(*(node_xy - centre).T)))]
    gap = np.hypot(*(node_xy - node_xy[chosen[0]]).T)
    while len(chosen) < min(count, n):
        nxt = int(np.argmax(gap))
        if gap[nxt] <= 0:
            break
        chosen.append(nxt)
        gap = np.minimum(gap, np.hypot(*(node_xy - node_xy[nxt]).T))
    return np.array(chosen, dtype=np.int64)


def landmark_costs(
    tree: TreeKernel,
    forward: tuple[IntArray, IntArray, FloatArray],
    backward: tuple[IntArray, IntArray, FloatArray],
    landmarks: IntArray,
) -> tuple[FloatArray, FloatArray]:
    """Return ``(from, to)``: ``(N, L)`` costs from each landmark and to each landmark.

    ``forward`` is the CSR graph with its weights, ``backward`` the reversed graph with the
    same weights; pass the weights *without* run-time closures (see :mod:`._search_ref`).
    """
    n = len(forward[0]) - 1
    lm_from = np.empty((n, len(landmarks)))
    lm_to = np.empty((n, len(landmarks)))
    for k, node in enumerate(landmarks):
        lm_from[:, k] = tree(*forward, int(node))
        lm_to[:, k] = tree(*backward, int(node))
    return lm_from, lm_to


def warm_up(jit: bool | None = None) -> None:
    """Run the kernels once on a two-node graph so compiling happens now, not on a query."""
    indptr = np.array([0, 1, 1], dtype=np.int64)
    indices = np.array([1], dtype=np.int64)
    edge_u = np.array([0], dtype=np.int64)
    weights = np.array([1.0])
    xy = np.array([[0.0, 0.0], [1.0, 0.0]])
    lm = np.zeros((2, 1))
    kernel(jit)(indptr, indices, edge_u, weights, xy, 0.5, lm, lm, 0, 1)
    tree_kernel(jit)(indptr, indices, weights, 0)
    pareto_kernel(jit)(indptr, indices, np.ones((1, 3)), np.zeros((2, 3)), 0, 1, 0.0, 10)
