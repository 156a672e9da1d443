"""What all simulated vehicles of a site share: geometry, routes, grants, weather."""

from __future__ import annotations

import itertools
import math
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from shapely import LineString

from edge.governor.context import NO_GAP_M
from edge.governor.zonestate import Misfires
from maps.errors import NoRouteError
from maps.graph import dijkstra_ref

if TYPE_CHECKING:
    from collections.abc import Sequence

    from maps.site import PointOfInterest, Site


@dataclass(frozen=True, slots=True)
class EdgeGeometry:
    """Pre-computed geometry of one graph edge for fast interpolation."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cum: tuple[float, ...]
    length: float
    speed_limit: float
    grade: float
    road_kind: str
    """Kind of the road (``haul_road``, ``ramp``, ``access``, ``intersection_link``)."""
    end: int
    """The node the edge ends at."""


GAP_REACH_M = 300.0
"""Farthest vehicle ahead the simulated vehicles sense (beyond, ``gap_m`` is "none known")."""
GAP_HALF_ANGLE_DEG = 15.0
"""Half-width of the cone ahead in which another vehicle counts as "the vehicle ahead"."""
INTERSECTION_REACH_M = 300.0
"""Vehicles report the intersection ahead on their route within this distance; beyond it the
governor's ``intersection_m`` is "none near"."""


class SimWorld:
    """What all simulated vehicles on one site share.

    Parameters
    ----------
    site
        The loaded site; vehicles drive its open, published roads only.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        graph = site.graph
        self._geometry: list[EdgeGeometry] = []
        for edge in graph.edges:
            pts = edge.polyline
            xs = tuple(float(p[0]) for p in pts)
            ys = tuple(float(p[1]) for p in pts)
            cum = [0.0]
            for i in range(1, len(xs)):
                cum.append(cum[-1] + math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]))
            self._geometry.append(
                EdgeGeometry(
                    xs,
                    ys,
                    tuple(cum),
                    cum[-1],
                    edge.speed_limit_mps,
                    edge.grade,
                    site.roads[edge.road].kind,
                    edge.v,
                )
            )
        neighbours: dict[int, set[int]] = {}
        for edge in graph.edges:
            neighbours.setdefault(edge.u, set()).add(edge.v)
            neighbours.setdefault(edge.v, set()).add(edge.u)
        self.intersections = frozenset(n for n, near in neighbours.items() if len(near) >= 3)
        """Road-graph nodes where three or more roads meet."""
        self.misfires = Misfires(site)
        """Suspected misfires recorded for the site's blast zones (``record`` one to test M7)."""
        # Vehicles approaching each intersection: node -> vehicle id -> (rank, x, y).
        self._approaching: dict[int, dict[str, tuple[int, float, float]]] = {}
        self._approach_of: dict[str, int] = {}
        self._routes: dict[tuple[int, int], tuple[int, ...]] = {}
        self._queues: dict[str, deque[str]] = {}
        self.pois = tuple(site.pois)
        self.weather = "clear"
        """Site weather the vehicles report to the governor."""
        self._slots: dict[str, int] = {}
        self._xy = np.zeros((0, 2), dtype=np.float64)
        self._grants: dict[str, frozenset[str]] = {}
        for zone in site.zones:
            poi_id = zone.properties.get("poi_id")
            if zone.kind == "RELEASE" and isinstance(poi_id, str):
                self._grants[poi_id] = self._grants.get(poi_id, frozenset()) | {zone.id}
        # Roads crossing an active BLOCKED zone (a blast, a closure) are not routed through.
        # RELEASE zones a road crosses are granted with a route that uses it: the dispatcher
        # arranges entry with the loader operator when it assigns the route (SECTOR_RULES M16).
        self._weights = graph.weights("time")
        self._edge_grants: list[frozenset[str]] = []
        for index, edge in enumerate(graph.edges):
            line = LineString(edge.polyline)
            self._edge_grants.append(
                frozenset(
                    z.id
                    for z in site.zones
                    if z.kind == "RELEASE" and z.active and z.polygon.intersects(line)
                )
            )
            if any(
                z.kind == "BLOCKED" and z.active and z.polygon.intersects(line) for z in site.zones
            ):
                self._weights[index] = math.inf

    def geometry(self, edge: int) -> EdgeGeometry:
        """Return the pre-computed geometry of a graph edge."""
        return self._geometry[edge]

    def route(self, start: int, goal: int) -> tuple[int, ...]:
        """Return the fastest open, published route between two nodes (cached)."""
        key = (start, goal)
        cached = self._routes.get(key)
        if cached is None:
            graph = self.site.graph
            path = dijkstra_ref(graph.indptr, graph.indices, self._weights, start, goal)
            if path is None:
                raise NoRouteError(start, goal, "closed, unpublished and blocked roads excluded")
            cached = tuple(path)
            self._routes[key] = cached
        return cached

    def edges_along(self, nodes: Sequence[int]) -> tuple[int, ...] | str:
        """Return the edges of a planned route given as road-graph nodes, or why it is not one.

        Consecutive nodes must be joined by a road the vehicles may drive (open, published, not
        through an active BLOCKED zone); where two roads join them, the faster is taken.
        """
        graph = self.site.graph
        n = graph.node_count
        edges: list[int] = []
        for u, v in itertools.pairwise(nodes):
            if not (0 <= u < n and 0 <= v < n):
                return f"route node {u if not 0 <= u < n else v} is not on this site's road graph"
            slots = [
                k
                for k in range(int(graph.indptr[u]), int(graph.indptr[u + 1]))
                if int(graph.indices[k]) == v
            ]
            if not slots:
                return f"route nodes {u} -> {v} are not joined by a road"
            best = min(slots, key=lambda k: float(self._weights[k]))
            if math.isinf(self._weights[best]):
                return f"route nodes {u} -> {v}: the road is closed or not published"
            edges.append(best)
        return tuple(edges)

    # ------------------------------------------------------------------ loaders

    def join_queue(self, poi_id: str, vehicle_id: str) -> bool:
        """Queue at a loading point; return whether the vehicle may load now (first in line).

        One truck loads at a time: the others wait in arrival order (where queue time at
        loaders comes from).
        """
        queue = self._queues.setdefault(poi_id, deque())
        if vehicle_id not in queue:
            queue.append(vehicle_id)
        return queue[0] == vehicle_id

    def may_load(self, poi_id: str, vehicle_id: str) -> bool:
        """Whether the vehicle is first in the loading point's queue."""
        queue = self._queues.get(poi_id)
        return queue is not None and len(queue) > 0 and queue[0] == vehicle_id

    def leave_queue(self, poi_id: str, vehicle_id: str) -> None:
        """Leave a loading point (loaded, or gave up); the next truck in line may load."""
        queue = self._queues.get(poi_id)
        if queue is not None and vehicle_id in queue:
            queue.remove(vehicle_id)

    def queue_length(self, poi_id: str) -> int:
        """Trucks at a loading point, the one loading included."""
        return len(self._queues.get(poi_id, ()))

    def route_grants(self, route: tuple[int, ...]) -> frozenset[str]:
        """RELEASE zones granted with a route: those its roads cross."""
        granted: frozenset[str] = frozenset()
        for edge in route:
            granted |= self._edge_grants[edge]
        return granted

    def grants_for(self, *poi_ids: str) -> frozenset[str]:
        """RELEASE zones a vehicle working at these points of interest is granted."""
        granted: frozenset[str] = frozenset()
        for poi_id in poi_ids:
            granted |= self._grants.get(poi_id, frozenset())
        return granted

    def node_xy(self, node: int) -> tuple[float, float]:
        """Return a road-graph node's position in site metres."""
        x, y = self.site.graph.node_xy[node]
        return float(x), float(y)

    def report(self, vehicle_id: str, x: float, y: float) -> None:
        """Record where a vehicle is (each telemetry tick), for :meth:`gap_ahead`."""
        slot = self._slots.get(vehicle_id)
        if slot is None:
            slot = self._slots[vehicle_id] = len(self._slots)
            grown = np.full((slot + 1, 2), np.nan)
            grown[:slot] = self._xy
            self._xy = grown
        self._xy[slot] = (x, y)

    def approach(self, vehicle_id: str, node: int | None, rank: int, x: float, y: float) -> None:
        """Record the intersection a vehicle approaches (``None``: none near), each tick."""
        old = self._approach_of.get(vehicle_id)
        if old is not None and old != node:
            del self._approaching[old][vehicle_id]
            del self._approach_of[vehicle_id]
        if node is not None:
            self._approaching.setdefault(node, {})[vehicle_id] = (rank, x, y)
            self._approach_of[vehicle_id] = node

    def crossing(self, vehicle_id: str, node: int, x: float, y: float) -> tuple[int, int]:
        """Right-of-way ranks of the other vehicles approaching ``node``: all, and from the left.

        "From the left" is relative to the direction from ``(x, y)`` (the asking vehicle) to
        the node: the other vehicle lies on the left of that line.
        """
        others = self._approaching.get(node)
        if not others:
            return 0, 0
        nx, ny = self.node_xy(node)
        hx, hy = nx - x, ny - y
        top = left = 0
        for other, (rank, ox, oy) in others.items():
            if other == vehicle_id:
                continue
            top = max(top, rank)
            if hx * (oy - ny) - hy * (ox - nx) > 0.0:
                left = max(left, rank)
        return top, left

    def gap_ahead(
        self,
        vehicle_id: str,
        x: float,
        y: float,
        heading_deg: float,
        *,
        reach_m: float = GAP_REACH_M,
        half_angle_deg: float = GAP_HALF_ANGLE_DEG,
    ) -> float:
        """Distance to the nearest other vehicle ahead, metres; ``NO_GAP_M`` when none.

        "Ahead" is within ``reach_m`` and within ``half_angle_deg`` of the heading (clockwise
        from grid north), what a forward radar or the fleet's shared positions would give.
        """
        if len(self._slots) < 2:
            return NO_GAP_M
        dx = self._xy[:, 0] - x
        dy = self._xy[:, 1] - y
        dist = np.hypot(dx, dy)
        own = self._slots.get(vehicle_id)
        if own is not None:
            dist[own] = np.inf
        heading = math.radians(heading_deg)
        along = dx * math.sin(heading) + dy * math.cos(heading)  # metres ahead of the vehicle
        with np.errstate(invalid="ignore"):
            ahead = (along > 0.0) & (along >= dist * math.cos(math.radians(half_angle_deg)))
            ahead &= dist <= reach_m
        if not ahead.any():
            return NO_GAP_M
        return float(dist[ahead].min())

    def pois_of(self, *kinds: str) -> list[PointOfInterest]:
        """Return the points of interest of the given kinds."""
        return [p for p in self.pois if p.kind in kinds]

    def poi(self, poi_id: str) -> PointOfInterest | None:
        """Return a point of interest by id, or ``None``."""
        return next((p for p in self.pois if p.id == poi_id), None)
