"""Numba twin of :mod:`._lap_ref`: the same function, compiled (read that one first).

The reference is written in the subset numba compiles (flat loops, preallocated arrays), so the
twin is the reference itself under ``@njit(cache=True)``; the machine code is cached on disk and
reused across processes.
"""

from __future__ import annotations

from numba import njit

from app.core.dispatch import _lap_ref

__all__ = ["solve_dense"]

solve_dense = njit(cache=True)(_lap_ref.solve_dense)
