"""A* over a CSR graph, written in the subset numba compiles; :mod:`._search_jit` compiles it.

Read this one: the compiled twin is this very function under ``@njit(cache=True)``. The
heuristic is the larger of two lower bounds on the cost from node ``n`` to the target ``t``:

* straight line: ``h_scale x |xy(n) - xy(t)|``, consistent when ``h_scale`` is at most the
  cheapest cost per straight-line metre of any edge (triangle inequality; see
  :func:`maps.routing.search.heuristic_scale`);
* landmarks (ALT, Goldberg and Harrelson 2005): with ``d(L, .)`` and ``d(., L)`` the costs
  from and to a landmark ``L`` on the graph *without* run-time closures,
  ``d(n, t) >= d(L, t) - d(L, n)`` and ``d(n, t) >= d(n, L) - d(t, L)``. Closures only remove
  edges, so costs only grow and the bounds stay valid and consistent.

A maximum of consistent heuristics is consistent, so every node is settled once, with its
optimal cost. With ``h_scale = 0`` and no landmarks it is Dijkstra.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

__all__ = ["astar", "dijkstra_all"]

_SAFETY = 1.0 - 1e-9
"""Shrinks the landmark bound a hair so rounding in the differences never overestimates."""


def astar(
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
    """Find the cheapest path; edges whose weight is ``inf`` are skipped.

    ``lm_from`` and ``lm_to`` are ``(N, L)`` costs from and to ``L`` landmarks (``L`` may be 0).

    Returns
    -------
    tuple
        ``(cost, edges)``: the cost (``inf`` when unreachable) and the edge slots in order
        (empty when unreachable or ``source == target``).
    """
    n = indptr.shape[0] - 1
    dist = np.full(n, np.inf)
    via = np.full(n, -1, dtype=np.int64)
    done = np.zeros(n, dtype=np.bool_)
    cap = indices.shape[0] + 1
    heap_key = np.empty(cap, dtype=np.float64)
    heap_node = np.empty(cap, dtype=np.int64)
    size = 0
    tx = node_xy[target, 0]
    ty = node_xy[target, 1]
    n_lm = lm_from.shape[1]
    dist[source] = 0.0
    heap_key[0] = 0.0
    heap_node[0] = source
    size = 1
    while size > 0:
        node = heap_node[0]
        # pop: move the last item to the root and sift it down
        size -= 1
        last_key = heap_key[size]
        last_node = heap_node[size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            if child + 1 < size and heap_key[child + 1] < heap_key[child]:
                child += 1
            if heap_key[child] >= last_key:
                break
            heap_key[i] = heap_key[child]
            heap_node[i] = heap_node[child]
            i = child
        if size > 0:
            heap_key[i] = last_key
            heap_node[i] = last_node
        if done[node]:
            continue
        done[node] = True
        if node == target:
            break
        d = dist[node]
        for e in range(indptr[node], indptr[node + 1]):
            w = weights[e]
            if w == np.inf:
                continue
            nxt = indices[e]
            if done[nxt]:
                continue
            nd = d + w
            if nd < dist[nxt]:
                dist[nxt] = nd
                via[nxt] = e
                # heuristic: the larger of the straight-line and landmark bounds
                h = h_scale * math.hypot(node_xy[nxt, 0] - tx, node_xy[nxt, 1] - ty)
                for k in range(n_lm):
                    # an infinite first term is a proof of unreachability; inf - inf is not
                    if lm_from[nxt, k] < np.inf:
                        a = lm_from[target, k] - lm_from[nxt, k]
                        if a > h:
                            h = a
                    if lm_to[target, k] < np.inf:
                        b = lm_to[nxt, k] - lm_to[target, k]
                        if b > h:
                            h = b
                if h == np.inf:
                    continue  # nxt provably cannot reach the target: never worth popping
                key = nd + h * _SAFETY
                # push: append and sift up (at most one push per edge, so cap suffices)
                j = size
                size += 1
                while j > 0:
                    parent = (j - 1) // 2
                    if heap_key[parent] <= key:
                        break
                    heap_key[j] = heap_key[parent]
                    heap_node[j] = heap_node[parent]
                    j = parent
                heap_key[j] = key
                heap_node[j] = nxt
    cost = dist[target]
    if cost == np.inf:
        return cost, np.empty(0, dtype=np.int64)
    count = 0
    node = target
    while node != source:
        count += 1
        node = edge_u[via[node]]
    path = np.empty(count, dtype=np.int64)
    node = target
    while node != source:
        count -= 1
        path[count] = via[node]
        node = edge_u[via[node]]
    return cost, path


def dijkstra_all(
    indptr: IntArray, indices: IntArray, weights: FloatArray, source: int
) -> FloatArray:
    """Return the cheapest cost from ``source`` to every node (``inf`` when unreachable).

    Run on the reversed graph it gives every node's cost *to* a target: the exact per-criterion
    lower bounds the Pareto search prunes with.
    """
    n = indptr.shape[0] - 1
    dist = np.full(n, np.inf)
    done = np.zeros(n, dtype=np.bool_)
    cap = indices.shape[0] + 1
    heap_key = np.empty(cap, dtype=np.float64)
    heap_node = np.empty(cap, dtype=np.int64)
    dist[source] = 0.0
    heap_key[0] = 0.0
    heap_node[0] = source
    size = 1
    while size > 0:
        node = heap_node[0]
        size -= 1
        last_key = heap_key[size]
        last_node = heap_node[size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            if child + 1 < size and heap_key[child + 1] < heap_key[child]:
                child += 1
            if heap_key[child] >= last_key:
                break
            heap_key[i] = heap_key[child]
            heap_node[i] = heap_node[child]
            i = child
        if size > 0:
            heap_key[i] = last_key
            heap_node[i] = last_node
        if done[node]:
            continue
        done[node] = True
        d = dist[node]
        for e in range(indptr[node], indptr[node + 1]):
            w = weights[e]
            if w == np.inf:
                continue
            nxt = indices[e]
            nd = d + w
            if not done[nxt] and nd < dist[nxt]:
                dist[nxt] = nd
                j = size
                size += 1
                while j > 0:
                    parent = (j - 1) // 2
                    if heap_key[parent] <= nd:
                        break
                    heap_key[j] = heap_key[parent]
                    heap_node[j] = heap_node[parent]
                    j = parent
                heap_key[j] = nd
                heap_node[j] = nxt
    return dist
