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
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

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


def _covers(t: Cost, c: Cost, slack: float) -> bool:
    """Whether ``t`` is within ``slack`` times ``c`` on every criterion."""
    return t[0] <= c[0] * slack and t[1] <= c[1] * slack and t[2] <= c[2] * slack


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
    """
    if not epsilon >= 0:
        raise ValueError(f"epsilon must be >= 0, got {epsilon}")
    if max_labels < 1:
        raise ValueError(f"max_labels must be >= 1, got {max_labels}")
    slack = 1.0 + epsilon
    lb = lower.tolist()
    rows = costs.tolist()
    ptr = indptr.tolist()
    nxt_of = indices.tolist()
    if math.isinf(lb[source][0]):
        return ParetoResult((), (), True, 0)
    # label = (cost, node, parent label, edge into node)
    label_cost: list[Cost] = [(0.0, 0.0, 0.0)]
    label_node = [source]
    label_parent = [-1]
    label_edge = [-1]
    settled: dict[int, list[Cost]] = {}
    found: list[int] = []
    found_cost: list[Cost] = []
    s0 = lb[source]
    heap: list[tuple[float, float, float, int]] = [(s0[0], s0[1], s0[2], 0)]
    count = 0
    complete = True
    while heap:
        _, _, _, lab = heapq.heappop(heap)
        node = label_node[lab]
        c = label_cost[lab]
        here = settled.setdefault(node, [])
        if any(s[0] <= c[0] and s[1] <= c[1] and s[2] <= c[2] for s in here):
            continue
        b = lb[node]
        bound = (c[0] + b[0], c[1] + b[1], c[2] + b[2])
        if any(_covers(t, bound, slack) for t in found_cost):
            continue
        if count >= max_labels:
            complete = False
            break
        count += 1
        here.append(c)
        if node == target:
            found.append(lab)
            found_cost.append(c)
            continue
        for e in range(ptr[node], ptr[node + 1]):
            w = rows[e]
            if math.isinf(w[0]):
                continue
            v = nxt_of[e]
            bv = lb[v]
            if math.isinf(bv[0]):
                continue
            nc = (c[0] + w[0], c[1] + w[1], c[2] + w[2])
            if any(s[0] <= nc[0] and s[1] <= nc[1] and s[2] <= nc[2] for s in settled.get(v, ())):
                continue
            label_cost.append(nc)
            label_node.append(v)
            label_parent.append(lab)
            label_edge.append(e)
            heapq.heappush(heap, (nc[0] + bv[0], nc[1] + bv[1], nc[2] + bv[2], len(label_cost) - 1))
    paths: list[tuple[int, ...]] = []
    for lab in found:
        edges: list[int] = []
        k = lab
        while label_parent[k] >= 0:
            edges.append(label_edge[k])
            k = label_parent[k]
        paths.append(tuple(reversed(edges)))
    return ParetoResult(tuple(paths), tuple(found_cost), complete, count)


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
