"""The directed road graph of a site, with a reference shortest-path search.

Nodes are the distinct road-segment endpoints (endpoints closer than the snap tolerance are one
node). Each traversal direction of a road is one :class:`GraphEdge`: a two-way road gives two
edges, a one-way road one. Edges are stored sorted by their start node, so edge ``e`` is slot
``e`` of the compressed sparse row (CSR) view (``indptr``, ``indices``) that array-based routing
kernels use.

The Dijkstra search here is the readable reference (plain ``heapq``); faster routing builds on
the CSR arrays.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from maps.errors import NoRouteError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

    from maps.features import Road

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]
    BoolArray = npt.NDArray[np.bool_]

SNAP_TOLERANCE_M = 0.01
"""Endpoints closer than this are the same node."""

Weight = Literal["time", "length"]


@dataclass(frozen=True, slots=True, eq=False)
class GraphEdge:
    """One traversal direction of a road segment.

    Attributes
    ----------
    road
        Index of the road in the sequence the graph was built from (``Site.roads``).
    u, v
        Start and end nodes of the traversal.
    forward
        Whether the traversal follows the road's coordinate order.
    length_m
        Planar length.
    speed_limit_mps
        Posted speed limit.
    grade
        Signed grade in the traversal direction, as a fraction (positive climbs).
    closed, published
        Copied from the road.
    polyline
        ``(K, 2)`` read-only vertices in local metres, oriented from ``u`` to ``v``.
    """

    road: int
    u: int
    v: int
    forward: bool
    length_m: float
    speed_limit_mps: float
    grade: float
    closed: bool
    published: bool
    polyline: FloatArray

    @property
    def time_s(self) -> float:
        """Travel time at the speed limit, seconds."""
        return self.length_m / self.speed_limit_mps


@dataclass(frozen=True, slots=True, eq=False)
class CsrView:
    """A compressed sparse row view of the graph for array-based kernels.

    Attributes
    ----------
    indptr
        ``(N + 1,)`` int64: edges leaving node ``n`` are slots ``indptr[n]:indptr[n + 1]``.
    indices
        ``(E,)`` int64: the end node of each edge slot (slot ``e`` is ``RoadGraph.edges[e]``).
    weights
        ``(E,)`` float64 edge costs; ``inf`` for edges excluded by the restrictions asked for.
    """

    indptr: IntArray
    indices: IntArray
    weights: FloatArray


class RoadGraph:
    """Directed graph over road segments; build it with :meth:`from_roads`.

    Parameters
    ----------
    node_xy
        ``(N, 2)`` node positions in local metres.
    edges
        The edges, sorted by start node.
    road_nodes
        Per road, the nodes at its first and last coordinate.
    """

    def __init__(
        self,
        node_xy: FloatArray,
        edges: Sequence[GraphEdge],
        road_nodes: Sequence[tuple[int, int]],
    ) -> None:
        if any(a.u > b.u for a, b in itertools.pairwise(edges)):
            raise ValueError("edges must be sorted by start node")
        self.node_xy: FloatArray = np.array(node_xy, dtype=np.float64).reshape(-1, 2)
        self.node_xy.setflags(write=False)
        self.edges: tuple[GraphEdge, ...] = tuple(edges)
        self.road_nodes: tuple[tuple[int, int], ...] = tuple(road_nodes)
        n = len(self.node_xy)
        starts = np.array([e.u for e in self.edges], dtype=np.int64)
        self.indptr: IntArray = np.searchsorted(starts, np.arange(n + 1)).astype(np.int64)
        self.indices: IntArray = np.array([e.v for e in self.edges], dtype=np.int64)
        self.indptr.setflags(write=False)
        self.indices.setflags(write=False)
        self._lengths = np.array([e.length_m for e in self.edges], dtype=np.float64)
        self._times = np.array([e.time_s for e in self.edges], dtype=np.float64)
        self._closed = np.array([e.closed for e in self.edges], dtype=np.bool_)
        self._published = np.array([e.published for e in self.edges], dtype=np.bool_)

    @classmethod
    def from_roads(
        cls, roads: Sequence[Road], *, tolerance_m: float = SNAP_TOLERANCE_M
    ) -> RoadGraph:
        """Build the graph from road segments.

        Parameters
        ----------
        roads
            The segments; ``GraphEdge.road`` indexes into this sequence.
        tolerance_m
            Endpoints closer than this become one node.

        Returns
        -------
        RoadGraph
            Nodes numbered in order of first appearance (road order, first then last point).
        """
        snapper = _Snapper(tolerance_m)
        road_nodes = [
            (snapper.node(road.line_xy[0]), snapper.node(road.line_xy[-1])) for road in roads
        ]
        edges: list[GraphEdge] = []
        for index, (road, (a, b)) in enumerate(zip(roads, road_nodes, strict=True)):
            edges.append(_edge(index, road, a, b, forward=True))
            if not road.one_way:
                edges.append(_edge(index, road, b, a, forward=False))
        edges.sort(key=lambda e: (e.u, e.road, not e.forward))
        return cls(snapper.positions(), edges, road_nodes)

    @property
    def node_count(self) -> int:
        """Number of nodes."""
        return len(self.node_xy)

    def out_edges(self, node: int) -> tuple[int, ...]:
        """Return the indices of the edges leaving ``node``."""
        return tuple(range(int(self.indptr[node]), int(self.indptr[node + 1])))

    def nearest_node(self, x: float, y: float) -> int:
        """Return the node closest to the point ``(x, y)`` in local metres."""
        d2 = (self.node_xy[:, 0] - x) ** 2 + (self.node_xy[:, 1] - y) ** 2
        return int(np.argmin(d2))

    def edge_mask(
        self, *, allow_closed: bool = False, allow_unpublished: bool = False
    ) -> BoolArray:
        """Return a boolean array: which edges the restrictions allow."""
        mask = np.ones(len(self.edges), dtype=np.bool_)
        if not allow_closed:
            mask &= ~self._closed
        if not allow_unpublished:
            mask &= self._published
        return mask

    def weights(
        self,
        weight: Weight = "time",
        *,
        allow_closed: bool = False,
        allow_unpublished: bool = False,
    ) -> FloatArray:
        """Return per-edge costs (seconds or metres), ``inf`` for excluded edges."""
        if weight not in ("time", "length"):
            raise ValueError(f"unknown weight {weight!r}; expected 'time' or 'length'")
        base = self._times if weight == "time" else self._lengths
        mask = self.edge_mask(allow_closed=allow_closed, allow_unpublished=allow_unpublished)
        return np.where(mask, base, np.inf)

    def csr(
        self,
        weight: Weight = "time",
        *,
        allow_closed: bool = False,
        allow_unpublished: bool = False,
    ) -> CsrView:
        """Return the CSR view with the weights for the given restrictions."""
        w = self.weights(weight, allow_closed=allow_closed, allow_unpublished=allow_unpublished)
        w.setflags(write=False)
        return CsrView(self.indptr, self.indices, w)

    def shortest_path(
        self,
        u: int,
        v: int,
        *,
        allow_closed: bool = False,
        allow_unpublished: bool = False,
        weight: Weight = "time",
    ) -> list[int]:
        """Find the cheapest route from node ``u`` to node ``v`` (reference Dijkstra).

        Parameters
        ----------
        u, v
            Start and end nodes.
        allow_closed
            Also use closed roads.
        allow_unpublished
            Also use roads not yet published to manned vehicles.
        weight
            ``"time"`` (length over speed limit) or ``"length"``.

        Returns
        -------
        list of int
            Edge indices from ``u`` to ``v``, in order; empty when ``u == v``.

        Raises
        ------
        NoRouteError
            When ``v`` cannot be reached from ``u`` under the restrictions.
        """
        for node in (u, v):
            if not 0 <= node < self.node_count:
                raise ValueError(f"node {node} is not in the graph (0..{self.node_count - 1})")
        w = self.weights(weight, allow_closed=allow_closed, allow_unpublished=allow_unpublished)
        path = dijkstra_ref(self.indptr, self.indices, w, u, v)
        if path is None:
            excluded = [
                name
                for name, allowed in (("closed", allow_closed), ("unpublished", allow_unpublished))
                if not allowed
            ]
            reason = f"{' and '.join(excluded)} roads excluded" if excluded else ""
            raise NoRouteError(u, v, reason)
        return path

    def path_length(self, edges: Sequence[int]) -> float:
        """Return the total length (metres) of a sequence of edges."""
        return float(sum(self.edges[e].length_m for e in edges))

    def path_time(self, edges: Sequence[int]) -> float:
        """Return the total travel time (seconds, at the speed limits) of a sequence of edges."""
        return float(sum(self.edges[e].time_s for e in edges))

    def reachable(
        self,
        start: int,
        *,
        reverse: bool = False,
        allow_closed: bool = True,
        allow_unpublished: bool = True,
    ) -> BoolArray:
        """Return which nodes can be reached from ``start`` (or reach it, when ``reverse``)."""
        mask = self.edge_mask(allow_closed=allow_closed, allow_unpublished=allow_unpublished)
        adjacency: list[list[int]] = [[] for _ in range(self.node_count)]
        for e, edge in enumerate(self.edges):
            if mask[e]:
                a, b = (edge.v, edge.u) if reverse else (edge.u, edge.v)
                adjacency[a].append(b)
        seen = np.zeros(self.node_count, dtype=np.bool_)
        seen[start] = True
        stack = [start]
        while stack:
            for nxt in adjacency[stack.pop()]:
                if not seen[nxt]:
                    seen[nxt] = True
                    stack.append(nxt)
        return seen


def dijkstra_ref(
    indptr: IntArray, indices: IntArray, weights: FloatArray, source: int, target: int
) -> list[int] | None:
    """Plain ``heapq`` Dijkstra over a CSR graph; the reference for faster kernels.

    Parameters
    ----------
    indptr, indices, weights
        The CSR arrays; edges with an infinite weight are skipped.
    source, target
        Start and end nodes.

    Returns
    -------
    list of int or None
        Edge slots from ``source`` to ``target`` in order, or ``None`` when unreachable.
    """
    n = len(indptr) - 1
    dist = [math.inf] * n
    via = [-1] * n
    prev = [-1] * n
    dist[source] = 0.0
    heap: list[tuple[float, int]] = [(0.0, source)]
    while heap:
        d, node = heapq.heappop(heap)
        if node == target:
            break
        if d > dist[node]:
            continue
        for e in range(int(indptr[node]), int(indptr[node + 1])):
            w = float(weights[e])
            if math.isinf(w):
                continue
            nxt = int(indices[e])
            nd = d + w
            if nd < dist[nxt]:
                dist[nxt] = nd
                via[nxt] = e
                prev[nxt] = node
                heapq.heappush(heap, (nd, nxt))
    if math.isinf(dist[target]):
        return None
    path: list[int] = []
    node = target
    while node != source:
        path.append(via[node])
        node = prev[node]
    path.reverse()
    return path


def _edge(index: int, road: Road, u: int, v: int, *, forward: bool) -> GraphEdge:
    """Build the edge ``u -> v`` for one traversal direction of a road."""
    line = road.line_xy if forward else road.line_xy[::-1].copy()
    line.setflags(write=False)
    return GraphEdge(
        road=index,
        u=u,
        v=v,
        forward=forward,
        length_m=road.length_m,
        speed_limit_mps=road.speed_limit_mps,
        grade=road.grade if forward else -road.grade,
        closed=road.closed,
        published=road.published,
        polyline=line,
    )


class _Snapper:
    """Assigns node numbers to points, merging points closer than the tolerance."""

    def __init__(self, tolerance_m: float) -> None:
        if not tolerance_m > 0:
            raise ValueError("tolerance_m must be > 0")
        self._tol = tolerance_m
        self._cells: dict[tuple[int, int], list[int]] = {}
        self._xy: list[tuple[float, float]] = []

    def node(self, point: FloatArray) -> int:
        """Return the node at ``point``, creating it when no node lies within the tolerance."""
        x, y = float(point[0]), float(point[1])
        cx, cy = math.floor(x / self._tol), math.floor(y / self._tol)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for n in self._cells.get((cx + dx, cy + dy), ()):
                    nx, ny = self._xy[n]
                    if math.hypot(nx - x, ny - y) <= self._tol:
                        return n
        self._xy.append((x, y))
        self._cells.setdefault((cx, cy), []).append(len(self._xy) - 1)
        return len(self._xy) - 1

    def positions(self) -> FloatArray:
        """Return the node positions as an ``(N, 2)`` array."""
        return np.array(self._xy, dtype=np.float64).reshape(-1, 2)
