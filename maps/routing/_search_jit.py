"""Numba twin of :mod:`._search_ref`: the same function, compiled (read that one first).

The machine code is cached on disk (``cache=True``) and reused across processes.
"""

from __future__ import annotations

from numba import njit

from maps.routing import _search_ref

__all__ = ["astar", "dijkstra_all"]

astar = njit(cache=True)(_search_ref.astar)
dijkstra_all = njit(cache=True)(_search_ref.dijkstra_all)
