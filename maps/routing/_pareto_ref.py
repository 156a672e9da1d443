"""The Pareto label-setting search in the subset numba compiles; :mod:`._pareto_jit` compiles it.

Read :mod:`maps.routing.pareto` first for the algorithm and its guarantees; this is the same
search with flat arrays instead of Python lists (comparisons of heap keys are written out
lexicographically: numba cannot call a plain helper): labels in growable arrays, the settled labels
of each node as a linked list (``head``/``next``), and a binary heap ordered lexicographically
on (time, energy, risk) of cost plus lower bound.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

__all__ = ["label_setting"]


def label_setting(
    indptr: IntArray,
    indices: IntArray,
    costs: FloatArray,
    lower: FloatArray,
    source: int,
    target: int,
    epsilon: float,
    max_labels: int,
) -> tuple[IntArray, FloatArray, IntArray, IntArray, int, bool]:
    """Run the search.

    Returns
    -------
    tuple
        ``(found, label_cost, label_parent, label_edge, settled, complete)``: the label ids of
        the routes found (fastest first), the label arrays to rebuild their paths from, the
        number of labels settled and whether the search ran to the end.
    """
    n = indptr.shape[0] - 1
    slack = 1.0 + epsilon
    cap = 1024
    lc = np.empty((cap, 3))
    lnode = np.empty(cap, dtype=np.int64)
    lparent = np.empty(cap, dtype=np.int64)
    ledge = np.empty(cap, dtype=np.int64)
    snext = np.empty(cap, dtype=np.int64)
    head = np.full(n, -1, dtype=np.int64)
    hk = np.empty((cap, 3))
    hl = np.empty(cap, dtype=np.int64)
    found = np.empty(16, dtype=np.int64)
    n_found = 0
    n_labels = 1
    lc[0, 0] = 0.0
    lc[0, 1] = 0.0
    lc[0, 2] = 0.0
    lnode[0] = source
    lparent[0] = -1
    ledge[0] = -1
    hk[0, 0] = lower[source, 0]
    hk[0, 1] = lower[source, 1]
    hk[0, 2] = lower[source, 2]
    hl[0] = 0
    size = 1
    count = 0
    complete = True
    if lower[source, 0] == np.inf:
        size = 0
    while size > 0:
        lab = hl[0]
        # pop the root: move the last item down
        size -= 1
        l0 = hk[size, 0]
        l1 = hk[size, 1]
        l2 = hk[size, 2]
        ll = hl[size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            if child + 1 < size:
                r0 = hk[child + 1, 0]
                r1 = hk[child + 1, 1]
                r2 = hk[child + 1, 2]
                if r0 < hk[child, 0] or (
                    r0 == hk[child, 0]
                    and (r1 < hk[child, 1] or (r1 == hk[child, 1] and r2 < hk[child, 2]))
                ):
                    child += 1
            q0 = hk[child, 0]
            q1 = hk[child, 1]
            q2 = hk[child, 2]
            if not (q0 < l0 or (q0 == l0 and (q1 < l1 or (q1 == l1 and q2 < l2)))):
                break
            hk[i, 0] = hk[child, 0]
            hk[i, 1] = hk[child, 1]
            hk[i, 2] = hk[child, 2]
            hl[i] = hl[child]
            i = child
        if size > 0:
            hk[i, 0] = l0
            hk[i, 1] = l1
            hk[i, 2] = l2
            hl[i] = ll
        node = lnode[lab]
        c0 = lc[lab, 0]
        c1 = lc[lab, 1]
        c2 = lc[lab, 2]
        dominated = False
        s = head[node]
        while s >= 0:
            if lc[s, 0] <= c0 and lc[s, 1] <= c1 and lc[s, 2] <= c2:
                dominated = True
                break
            s = snext[s]
        if dominated:
            continue
        b0 = c0 + lower[node, 0]
        b1 = c1 + lower[node, 1]
        b2 = c2 + lower[node, 2]
        for f in range(n_found):
            t = found[f]
            if lc[t, 0] <= b0 * slack and lc[t, 1] <= b1 * slack and lc[t, 2] <= b2 * slack:
                dominated = True
                break
        if dominated:
            continue
        if count >= max_labels:
            complete = False
            break
        count += 1
        snext[lab] = head[node]
        head[node] = lab
        if node == target:
            if n_found == found.shape[0]:
                bigger = np.empty(2 * n_found, dtype=np.int64)
                bigger[:n_found] = found
                found = bigger
            found[n_found] = lab
            n_found += 1
            continue
        for e in range(indptr[node], indptr[node + 1]):
            w0 = costs[e, 0]
            if w0 == np.inf:
                continue
            v = indices[e]
            if lower[v, 0] == np.inf:
                continue
            n0 = c0 + w0
            n1 = c1 + costs[e, 1]
            n2 = c2 + costs[e, 2]
            dominated = False
            s = head[v]
            while s >= 0:
                if lc[s, 0] <= n0 and lc[s, 1] <= n1 and lc[s, 2] <= n2:
                    dominated = True
                    break
                s = snext[s]
            if dominated:
                continue
            if n_labels == cap:
                cap *= 2
                lc2 = np.empty((cap, 3))
                lc2[:n_labels] = lc[:n_labels]
                lc = lc2
                lnode2 = np.empty(cap, dtype=np.int64)
                lnode2[:n_labels] = lnode[:n_labels]
                lnode = lnode2
                lparent2 = np.empty(cap, dtype=np.int64)
                lparent2[:n_labels] = lparent[:n_labels]
                lparent = lparent2
                ledge2 = np.empty(cap, dtype=np.int64)
                ledge2[:n_labels] = ledge[:n_labels]
                ledge = ledge2
                snext2 = np.empty(cap, dtype=np.int64)
                snext2[:n_labels] = snext[:n_labels]
                snext = snext2
                hk2 = np.empty((cap, 3))
                hk2[:size] = hk[:size]
                hk = hk2
                hl2 = np.empty(cap, dtype=np.int64)
                hl2[:size] = hl[:size]
                hl = hl2
            new = n_labels
            n_labels += 1
            lc[new, 0] = n0
            lc[new, 1] = n1
            lc[new, 2] = n2
            lnode[new] = v
            lparent[new] = lab
            ledge[new] = e
            k0 = n0 + lower[v, 0]
            k1 = n1 + lower[v, 1]
            k2 = n2 + lower[v, 2]
            # push and sift up (the heap never holds more items than labels exist)
            j = size
            size += 1
            while j > 0:
                parent = (j - 1) // 2
                p0 = hk[parent, 0]
                p1 = hk[parent, 1]
                p2 = hk[parent, 2]
                if not (k0 < p0 or (k0 == p0 and (k1 < p1 or (k1 == p1 and k2 < p2)))):
                    break
                hk[j, 0] = hk[parent, 0]
                hk[j, 1] = hk[parent, 1]
                hk[j, 2] = hk[parent, 2]
                hl[j] = hl[parent]
                j = parent
            hk[j, 0] = k0
            hk[j, 1] = k1
            hk[j, 2] = k2
            hl[j] = new
    return (
        found[:n_found].copy(),
        lc[:n_labels].copy(),
        lparent[:n_labels].copy(),
        ledge[:n_labels].copy(),
        count,
        complete,
    )
