"""Shortest-augmenting-path assignment (Jonker-Volgenant), the readable reference.

The kernel solves a dense, finite, rectangular problem with ``rows <= cols``: every row gets a
distinct column and the sum of the chosen costs is minimal. It grows the matching one row at a
time along a shortest augmenting path in the reduced costs ``cost[i, j] - u[i] - v[j]``
(Dijkstra over the columns), then updates the dual prices ``u`` and ``v`` so every reduced cost
stays non-negative. This is the Jonker-Volgenant augmentation step (Jonker and Volgenant, 1987)
in the form D. F. Crouse describes for rectangular problems (IEEE Trans. Aerospace and
Electronic Systems 52(4), 2016); forbidden pairs and ``rows > cols`` are handled by the caller,
:mod:`app.core.dispatch.assignment`.

Written as flat loops over preallocated arrays so that :mod:`._lap_jit` can compile this very
function with numba: one algorithm, two speeds, and the tests check that they agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["solve_dense"]


def solve_dense(cost: npt.NDArray[np.float64], col4row: npt.NDArray[np.int64]) -> bool:
    """Solve the dense rectangular assignment in place.

    Parameters
    ----------
    cost
        ``(R, C)`` float64 costs with ``R <= C``, every entry finite.
    col4row
        ``(R,)`` int64 output: the column given to each row.

    Returns
    -------
    bool
        ``True`` on success; ``False`` if no augmenting path exists (cannot happen for finite
        costs with ``R <= C``; kept so the kernel never loops on bad input).
    """
    n_rows, n_cols = cost.shape
    u = np.zeros(n_rows)
    v = np.zeros(n_cols)
    shortest = np.empty(n_cols)
    path = np.full(n_cols, -1, dtype=np.int64)
    row4col = np.full(n_cols, -1, dtype=np.int64)
    remaining = np.empty(n_cols, dtype=np.int64)
    seen_rows = np.zeros(n_rows, dtype=np.bool_)
    seen_cols = np.zeros(n_cols, dtype=np.bool_)
    for r in range(n_rows):
        col4row[r] = -1

    for cur_row in range(n_rows):
        # Dijkstra over the columns, from the free row cur_row, in reduced costs.
        for k in range(n_cols):
            remaining[k] = n_cols - k - 1
            shortest[k] = np.inf
            seen_cols[k] = False
        for k in range(n_rows):
            seen_rows[k] = False
        num_remaining = n_cols
        min_val = 0.0
        i = cur_row
        sink = -1
        while sink == -1:
            seen_rows[i] = True
            index = -1
            lowest = np.inf
            for it in range(num_remaining):
                j = remaining[it]
                reduced = min_val + cost[i, j] - u[i] - v[j]
                if reduced < shortest[j]:
                    path[j] = i
                    shortest[j] = reduced
                # Prefer a free column on ties: the path ends sooner.
                if shortest[j] < lowest or (shortest[j] == lowest and row4col[j] == -1):
                    lowest = shortest[j]
                    index = it
            if index == -1 or lowest == np.inf:
                return False
            min_val = lowest
            j = remaining[index]
            seen_cols[j] = True
            num_remaining -= 1
            remaining[index] = remaining[num_remaining]
            if row4col[j] == -1:
                sink = j
            else:
                i = row4col[j]

        # Dual update keeps reduced costs non-negative and zero along the matching.
        u[cur_row] += min_val
        for k in range(n_rows):
            if seen_rows[k] and k != cur_row:
                u[k] += min_val - shortest[col4row[k]]
        for k in range(n_cols):
            if seen_cols[k]:
                v[k] -= min_val - shortest[k]

        # Augment: flip the matching along the path back to cur_row.
        j = sink
        while True:
            i = path[j]
            row4col[j] = i
            previous = col4row[i]
            col4row[i] = j
            j = previous
            if i == cur_row:
                break
    return True
