"""Non-dominated routes for (time, energy, risk): a bounded multi-criteria label-setting search.

Martins' label-setting algorithm, with two exact prunings and two documented bounds:

* a label at a node is dropped when a settled label there is as good or better on every
  criterion (exact; with travel time > 0 on every edge this also rules out cycles);
* a label is dropped when a route already found at the target is within ``1 + epsilon`` of
  the label's cost *plus its exact lower bound to the target* on every criterion (the lower
  bounds are one reverse Dijkstra per criterion). So every truly non-dominated route is
  epsilon-covered by a returned one: some returned route costs at most ``(1 + epsilon)`` times
  as much on every criterion (``epsilon = 0`` gives the exact Pareto set);
* ``max_labels`` bounds the work: when that many labels have been settled the search stops
  and reports ``complete = False`` (the routes found are still legal and non-dominated among
  themselves);
* ``max_routes`` bounds what an operator is shown: when more routes survive, the best route on
  each criterion is kept and the rest are chosen farthest-first in relative cost, so the
  choice stays spread; the epsilon-cover then holds only for the routes kept.

Labels pop in lexicographic order of (cost + lower bound); because the bounds are consistent,
routes reach the target in non-decreasing time, so the first is the fastest.

The search itself is :func:`maps.routing._pareto_ref.label_setting` (flat arrays, the subset
numba compiles), compiled in :mod:`maps.routing._pareto_jit` unless ``ATLASMESH_NO_JIT=1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from maps.routing import search

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

__all__ = ["ParetoResult", "pareto_search", "spread_subset"]

Cost = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class ParetoResult:
    """What :func:`pareto_search` found.

    Attributes
    ----------
    paths
        Edge-slot lists, one per route, fastest first.
    costs
        ``(time, energy, risk)`` per route.
    complete
        False when ``max_labels`` stopped the search early.
    labels
        Labels settled (the work done).
    """

    paths: tuple[tuple[int, ...], ...]
    costs: tuple[Cost, ...]
    complete: bool
    labels: int


def pareto_search(
    indptr: IntArray,
    indices: IntArray,
    costs: FloatArray,
    lower: FloatArray,
    source: int,
    target: int,
    *,
    epsilon: float = 0.0,
    max_labels: int = 200_000,
    jit: bool | None = None,
) -> ParetoResult:
    """Find the (epsilon-)Pareto set of routes from ``source`` to ``target``.

    Parameters
    ----------
    indptr, indices
        The CSR graph.
    costs
        ``(E, 3)`` per-edge (time, energy, risk), ``inf`` rows for excluded edges; time > 0.
    lower
        ``(N, 3)`` exact lower bounds of each criterion from each node to ``target``.
    source, target
        The origin and destination nodes.
    epsilon
        Relative slack of the target pruning (>= 0).
    max_labels
        Bound on the labels settled.
    jit
        ``True``/``False`` to choose the kernel; ``None`` follows ``ATLASMESH_NO_JIT``.
    """
    if not epsilon >= 0:
        raise ValueError(f"epsilon must be >= 0, got {epsilon}")
    if max_labels < 1:
        raise ValueError(f"max_labels must be >= 1, got {max_labels}")
    kernel = search.pareto_kernel(jit)
    found, label_cost, parent, edge, count, complete = kernel(
        indptr,
        indices,
        np.ascontiguousarray(costs, dtype=np.float64),
        np.ascontiguousarray(lower, dtype=np.float64),
        source,
        target,
        float(epsilon),
        max_labels,
    )
    paths: list[tuple[int, ...]] = []
    route_costs: list[Cost] = []
    for lab in found.tolist():
        edges: list[int] = []
        k = lab
        while parent[k] >= 0:
            edges.append(int(edge[k]))
            k = int(parent[k])
        paths.append(tuple(reversed(edges)))
        c = label_cost[lab]
        route_costs.append((float(c[0]), float(c[1]), float(c[2])))
    return ParetoResult(tuple(paths), tuple(route_costs), bool(complete), int(count))


def spread_subset(costs: list[Cost], limit: int) -> list[int]:
    """Pick at most ``limit`` indices: the best on each criterion, then farthest-first.

    Distance is the largest relative difference on any criterion (log of the cost ratio), so
    the routes kept differ as much as possible; returned in the input order.
    """
    if limit < 1:
        raise ValueError(f"limit must be >= 1, got {limit}")
    if len(costs) <= limit:
        return list(range(len(costs)))
    arr = np.log(np.maximum(np.asarray(costs, dtype=np.float64), 1e-12))
    chosen: list[int] = []
    for k in range(3):
        best = int(np.argmin(arr[:, k]))
        if best not in chosen and len(chosen) < limit:
            chosen.append(best)
    gap = np.full(len(costs), np.inf)
    for c in chosen:
        gap = np.minimum(gap, np.abs(arr - arr[c]).max(axis=1))
    while len(chosen) < limit:
        pick = int(np.argmax(gap))
        chosen.append(pick)
        gap = np.minimum(gap, np.abs(arr - arr[pick]).max(axis=1))
    return sorted(chosen)
