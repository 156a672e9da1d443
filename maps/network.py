"""Checks a road network must pass before a site is accepted.

* Every segment is reachable from every other when direction is ignored (one network, not
  islands).
* With one-way rules respected, every node can reach every other node: a one-way segment must
  never lead traffic into a part of the network it cannot leave, nor be a part nothing reaches.
  Closed and unpublished roads count here: closures and publication change daily, the network's
  shape does not.
* Every point of interest lies within :data:`POI_ANCHOR_RADIUS_M` of a road node.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from maps.errors import SiteFileError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from maps.graph import RoadGraph

POI_ANCHOR_RADIUS_M = 30.0
"""A point of interest must lie at most this far from a road node."""


def anchor_node(graph: RoadGraph, xy: tuple[float, float]) -> tuple[int, float]:
    """Return the node nearest to ``xy`` and its distance in metres."""
    node = graph.nearest_node(*xy)
    nx, ny = graph.node_xy[node]
    return node, math.hypot(float(nx) - xy[0], float(ny) - xy[1])


def check_connected(graph: RoadGraph, roads: Sequence[tuple[str, int]], source: str) -> None:
    """Raise if the network is split into islands or one-way roads form a trap.

    Parameters
    ----------
    graph
        The graph built from the roads.
    roads
        Per road (in graph order), its feature id and index in the file, for messages.
    source
        The file name, for messages.

    Raises
    ------
    SiteFileError
        Naming the first segment (in file order) outside the main part of the network.
    """
    labels = _weak_components(graph)
    sizes = np.bincount(labels)
    main = int(np.argmax(sizes))
    for r, (a, _) in enumerate(graph.road_nodes):
        if labels[a] != main:
            road_id, index = roads[r]
            part = sum(1 for u, _ in graph.road_nodes if labels[u] == labels[a])
            raise SiteFileError(
                f"not connected to the rest of the road network (its part has {part} segment(s),"
                f" the main part {len(graph.road_nodes) - part})",
                source=source,
                feature_id=road_id,
                index=index,
            )
    forward = graph.reachable(0)
    backward = graph.reachable(0, reverse=True)
    if bool(forward.all() and backward.all()):
        return
    core = _largest_strong_component(graph)
    core_reach = graph.reachable(int(np.flatnonzero(core)[0]))
    for r, (a, b) in enumerate(graph.road_nodes):
        outside = [n for n in (a, b) if not core[n]]
        if outside:
            road_id, index = roads[r]
            if core_reach[outside[0]]:
                problem = "one-way roads trap traffic here: it cannot get back to the network"
            else:
                problem = "one-way roads make this unreachable from the rest of the network"
            raise SiteFileError(problem, source=source, feature_id=road_id, index=index)


def _weak_components(graph: RoadGraph) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    """Label each node with its component when edge direction is ignored (union-find)."""
    parent = list(range(graph.node_count))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in graph.road_nodes:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = [find(n) for n in range(graph.node_count)]
    _, labels = np.unique(np.array(roots, dtype=np.int64), return_inverse=True)
    return labels.astype(np.int64)


def _largest_strong_component(graph: RoadGraph) -> np.ndarray[tuple[int], np.dtype[np.bool_]]:
    """Return a mask of the largest strongly connected component (only run on failure)."""
    best = np.zeros(graph.node_count, dtype=np.bool_)
    assigned = np.zeros(graph.node_count, dtype=np.bool_)
    for start in range(graph.node_count):
        if assigned[start]:
            continue
        component = graph.reachable(start) & graph.reachable(start, reverse=True)
        assigned |= component
        if component.sum() > best.sum():
            best = component
    return best
