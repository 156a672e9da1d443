"""Numba twin of :mod:`._pareto_ref`: the same function, compiled (read that one first).

The machine code is cached on disk (``cache=True``) and reused across processes.
"""

from __future__ import annotations

from numba import njit

from maps.routing import _pareto_ref

__all__ = ["label_setting"]

label_setting = njit(cache=True)(_pareto_ref.label_setting)
