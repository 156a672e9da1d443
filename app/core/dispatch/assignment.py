"""Optimal assignment of vehicles to tasks: rectangular costs, forbidden pairs, numba or not.

:func:`solve_assignment` takes any ``(R, C)`` cost matrix in which ``inf`` marks a forbidden
pair (a vehicle that cannot do a task, a task it cannot reach). It returns a matching of
maximum size and, among those, of minimum total cost; rows or columns left over are simply not
in the result. The kernel (:mod:`._lap_ref`, or its numba twin :mod:`._lap_jit` unless
``ATLASMESH_NO_JIT=1``) needs a finite matrix with ``R <= C``, so this module transposes when
needed and turns forbidden pairs into one large finite price ``M``: with
``M > R * (max - min)`` a matching with one more allowed pair always costs less, so the kernel's
optimum has maximum size, and pairs priced ``M`` are dropped from the answer.

Call :func:`warm_up` at start-up: numba compiles on first use (or loads its disk cache).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from app.core.dispatch import _lap_ref
from app.core.dispatch.errors import CostMatrixError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["NO_JIT_ENV", "Assignment", "solve_assignment", "warm_up"]

NO_JIT_ENV = "ATLASMESH_NO_JIT"
"""Set to ``1`` to run the pure-Python reference kernel (the governor honours it too)."""


class _Kernel(Protocol):
    def __call__(self, cost: npt.NDArray[np.float64], col4row: npt.NDArray[np.int64]) -> bool: ...


@dataclass(frozen=True, slots=True)
class Assignment:
    """An optimal matching.

    Attributes
    ----------
    rows, cols
        Equal-length int64 arrays: row ``rows[k]`` gets column ``cols[k]``; sorted by row.
        Only allowed (finite-cost) pairs appear.
    cost
        Sum of the chosen costs.
    """

    rows: npt.NDArray[np.int64]
    cols: npt.NDArray[np.int64]
    cost: float

    def __len__(self) -> int:
        """Return the number of matched pairs."""
        return len(self.rows)


def _kernel(jit: bool | None) -> _Kernel:
    """Return the numba kernel unless ``jit`` is false or the environment says no."""
    if jit is None:
        jit = os.environ.get(NO_JIT_ENV, "") != "1"
    if not jit:
        return _lap_ref.solve_dense
    from app.core.dispatch import _lap_jit  # numba only when wanted

    kernel: _Kernel = _lap_jit.solve_dense
    return kernel


def solve_assignment(cost: npt.ArrayLike, *, jit: bool | None = None) -> Assignment:
    """Return a maximum-size, minimum-cost matching of rows to columns.

    Parameters
    ----------
    cost
        ``(R, C)`` costs; ``+inf`` forbids a pair. Any sign is fine.
    jit
        ``True``/``False`` to choose the kernel; ``None`` follows ``ATLASMESH_NO_JIT``.

    Returns
    -------
    Assignment
        The matched pairs (forbidden pairs never appear) and their total cost.

    Raises
    ------
    CostMatrixError
        When the matrix is not 2-D or holds NaN or ``-inf``.
    """
    matrix = np.asarray(cost, dtype=np.float64)
    if matrix.ndim != 2:
        raise CostMatrixError(f"cost matrix must be 2-D, got shape {matrix.shape}")
    if np.isnan(matrix).any():
        raise CostMatrixError("cost matrix holds NaN (use +inf for a forbidden pair)")
    if np.isneginf(matrix).any():
        raise CostMatrixError("cost matrix holds -inf (costs must be finite or +inf)")
    empty = np.zeros(0, dtype=np.int64)
    allowed = np.isfinite(matrix)
    if matrix.size == 0 or not allowed.any():
        return Assignment(empty, empty.copy(), 0.0)

    transposed = matrix.shape[0] > matrix.shape[1]
    work = matrix.T if transposed else matrix
    allowed_w = allowed.T if transposed else allowed
    finite = work[allowed_w]
    low, high = float(finite.min()), float(finite.max())
    # Shift to start at 0 and price forbidden pairs above any matching of allowed ones.
    big = (work.shape[0] + 1) * (high - low + 1.0)
    dense = np.where(allowed_w, work - low, big)
    dense = np.ascontiguousarray(dense, dtype=np.float64)
    col4row = np.empty(work.shape[0], dtype=np.int64)
    if not _kernel(jit)(dense, col4row):  # pragma: no cover - finite input always solves
        raise CostMatrixError("assignment kernel found no augmenting path")

    rows = np.arange(work.shape[0], dtype=np.int64)
    keep = allowed_w[rows, col4row]
    rows, cols = rows[keep], col4row[keep]
    if transposed:
        rows, cols = cols, rows
        order = np.argsort(rows, kind="stable")
        rows, cols = rows[order], cols[order]
    total = float(matrix[rows, cols].sum()) if len(rows) else 0.0
    return Assignment(rows.astype(np.int64), cols.astype(np.int64), total)


def warm_up(jit: bool | None = None) -> None:
    """Compile (or load from numba's cache) the kernel by solving a tiny instance."""
    solve_assignment(np.array([[1.0, 2.0], [2.0, np.inf]]), jit=jit)
