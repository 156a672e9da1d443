"""The router: routes on a site's road graph for one vehicle class and load, under closures.

One :class:`Router` per (vehicle class, load): it precomputes the edge costs
(:class:`~maps.routing.costs.EdgeCosts`) and the standing restrictions once, answers route
queries with the A* kernel, keeps the routes it planned in a cache keyed by
:class:`RouteKey`, and re-plans only the cached routes a new closure touches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from maps.errors import NoRouteError
from maps.routing import pareto as pareto_mod
from maps.routing import search
from maps.routing.costs import EdgeCosts, zone_incidence
from maps.routing.policy import Closures, EdgePolicy
from maps.routing.profiles import VehicleProfile, profile

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy.typing as npt

    from maps.site import Site

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]
    BoolArray = npt.NDArray[np.bool_]

__all__ = ["LANDMARKS", "OBJECTIVES", "Objective", "Route", "RouteKey", "Router"]

LANDMARKS = 8
"""Landmarks of the A* bound per objective (two one-to-all searches each, at build time)."""

Objective = Literal["time", "energy", "risk", "length"]
OBJECTIVES: tuple[Objective, ...] = ("time", "energy", "risk", "length")
"""What a single-objective route minimises: seconds, kilojoules, risk points or metres."""


@dataclass(frozen=True, slots=True, order=True)
class RouteKey:
    """Identifies a cached route: origin node, destination node and objective."""

    origin: int
    destination: int
    objective: str


@dataclass(frozen=True, slots=True, eq=False)
class Route:
    """A planned route.

    Attributes
    ----------
    key
        Origin, destination and objective (``"pareto"`` for a route of a Pareto set).
    edges
        Graph edge slots in driving order (empty when origin = destination).
    nodes
        Graph nodes visited, origin first.
    time_s, energy_kj, risk, length_m
        The route's totals under the router's cost model.
    polyline
        ``(K, 2)`` read-only vertices in local metres, origin to destination.
    """

    key: RouteKey
    edges: tuple[int, ...]
    nodes: tuple[int, ...]
    time_s: float
    energy_kj: float
    risk: float
    length_m: float
    polyline: FloatArray = field(repr=False)

    @property
    def costs(self) -> tuple[float, float, float]:
        """``(time_s, energy_kj, risk)``: the criteria of the Pareto set."""
        return (self.time_s, self.energy_kj, self.risk)


class Router:
    """Routes for one vehicle class and load on a site's road graph.

    Parameters
    ----------
    site
        The loaded site (roads, zones, graph, points of interest).
    vehicle_class
        A built-in class name (``haul_truck``, ``light_vehicle``, ``water_truck``) or a
        :class:`~maps.routing.profiles.VehicleProfile`.
    loaded
        Whether the vehicle carries its payload (slower, heavier).
    weather_factor
        Risk multiplier for the weather (1 = clear; >= 1).
    closures
        Run-time closures in force at the start.
    jit
        ``True``/``False`` to choose the kernel; ``None`` follows ``ATLASMESH_NO_JIT``.
    """

    def __init__(
        self,
        site: Site,
        vehicle_class: str | VehicleProfile = "haul_truck",
        *,
        loaded: bool = False,
        weather_factor: float = 1.0,
        closures: Closures | None = None,
        jit: bool | None = None,
    ) -> None:
        self.site = site
        self.vehicle = profile(vehicle_class) if isinstance(vehicle_class, str) else vehicle_class
        self.loaded = loaded
        graph = site.graph
        self._graph = graph
        self._incidence = zone_incidence(site.roads, site.zones)
        self._policy = EdgePolicy(graph, site.zones, self._incidence)
        self._edge_u = self._policy.edge_u
        self._edge_v = graph.indices
        order = np.argsort(self._edge_v, kind="stable")
        self._rev_order = order
        self._rev_indptr = np.searchsorted(
            self._edge_v[order], np.arange(graph.node_count + 1)
        ).astype(np.int64)
        self._rev_indices = self._edge_u[order]
        # Every edge's vertices in one array (edge e's are rows off[e]:off[e + 1]), so a
        # route's polyline is one gather instead of a Python loop over its edges.
        lines = [edge.polyline for edge in graph.edges]
        self._line_off = np.zeros(len(lines) + 1, dtype=np.int64)
        if lines:
            np.cumsum([len(line) for line in lines], out=self._line_off[1:])
            self._line_xy = np.vstack(lines)
        else:
            self._line_xy = np.zeros((0, 2))
        self._jit = jit
        self._astar = search.kernel(jit)
        self._tree = search.tree_kernel(jit)
        search.warm_up(jit)
        self._closures = closures if closures is not None else Closures()
        self._check_closures(self._closures)
        self._allowed = self._policy.allowed(self._closures)
        self._cache: dict[RouteKey, Route] = {}
        self._by_road: dict[int, set[RouteKey]] = {}
        self._set_costs(weather_factor)

    # ----------------------------------------------------------------- state
    @property
    def costs(self) -> EdgeCosts:
        """The per-edge cost arrays in use."""
        return self._costs

    @property
    def weather_factor(self) -> float:
        """The risk multiplier in use."""
        return self._weather

    @property
    def closures(self) -> Closures:
        """The run-time closures in force."""
        return self._closures

    @property
    def allowed_edges(self) -> BoolArray:
        """Read-only mask of the edges routes may use now."""
        return self._allowed

    def cached(self, key: RouteKey) -> Route | None:
        """Return the cached route for ``key``, if any (``None`` after a failed re-plan)."""
        return self._cache.get(key)

    @property
    def cached_keys(self) -> tuple[RouteKey, ...]:
        """Keys of every cached route, sorted."""
        return tuple(sorted(self._cache))

    # --------------------------------------------------------------- queries
    def node_of(self, place: int | str) -> int:
        """Resolve a graph node or a point-of-interest id to a node (clear error otherwise)."""
        if isinstance(place, str):
            return self.site.poi(place).node
        if isinstance(place, bool) or not isinstance(place, (int, np.integer)):
            raise TypeError(f"expected a node number or a POI id, got {place!r}")
        node = int(place)
        if not 0 <= node < self._graph.node_count:
            raise ValueError(f"node {node} is not in the graph (0..{self._graph.node_count - 1})")
        return node

    def route(
        self,
        origin: int | str,
        destination: int | str,
        objective: str = "time",
        *,
        cache: bool = True,
    ) -> Route:
        """Return the cheapest route for ``objective`` (cached until a closure touches it).

        With ``cache=False`` the route is planned afresh and not remembered (one-off queries,
        benchmarks); such a route is not re-planned on closures.

        Raises
        ------
        NoRouteError
            When the destination cannot be reached under the restrictions and closures.
        ValueError
            On an unknown objective or node.
        """
        if objective not in OBJECTIVES:
            raise ValueError(f"unknown objective {objective!r}; expected one of {OBJECTIVES}")
        key = RouteKey(self.node_of(origin), self.node_of(destination), objective)
        hit = self._cache.get(key) if cache else None
        if hit is not None:
            return hit
        planned = self._plan(key)
        if planned is None:
            raise NoRouteError(key.origin, key.destination, self._reason())
        if cache:
            self._remember(planned)
        return planned

    def seconds(self, origin: int | str, destination: int | str) -> float:
        """Return the fastest travel time, seconds, ``inf`` when unreachable (cached).

        This is the ``TravelTimes`` contract of the dispatcher (``app.core.dispatch``).
        """
        try:
            return self.route(origin, destination, "time").time_s
        except NoRouteError:
            return math.inf

    def pareto(
        self,
        origin: int | str,
        destination: int | str,
        *,
        epsilon: float = 0.02,
        max_routes: int = 8,
        max_labels: int = 200_000,
    ) -> list[Route]:
        """Return non-dominated routes for (time, energy, risk), fastest first.

        See :mod:`maps.routing.pareto` for the guarantees of ``epsilon``, ``max_routes`` and
        ``max_labels``. Pareto routes are not cached.

        Raises
        ------
        NoRouteError
            When the destination cannot be reached.
        """
        result = self.pareto_result(origin, destination, epsilon=epsilon, max_labels=max_labels)
        o, d = self.node_of(origin), self.node_of(destination)
        if not result.paths:
            raise NoRouteError(o, d, self._reason())
        keep = pareto_mod.spread_subset(list(result.costs), max_routes)
        key = RouteKey(o, d, "pareto")
        return [self._make_route(key, result.paths[k]) for k in keep]

    def pareto_result(
        self,
        origin: int | str,
        destination: int | str,
        *,
        epsilon: float = 0.02,
        max_labels: int = 200_000,
    ) -> pareto_mod.ParetoResult:
        """Run the Pareto search and return everything it found (uncapped, with completeness)."""
        o, d = self.node_of(origin), self.node_of(destination)
        costs = np.stack([self._masked["time"], self._masked["energy"], self._masked["risk"]], 1)
        lower = np.stack(
            [
                self._tree(
                    self._rev_indptr,
                    self._rev_indices,
                    np.ascontiguousarray(self._masked[obj][self._rev_order]),
                    d,
                )
                for obj in ("time", "energy", "risk")
            ],
            axis=1,
        )
        return pareto_mod.pareto_search(
            self._graph.indptr,
            self._graph.indices,
            costs,
            lower,
            o,
            d,
            epsilon=epsilon,
            max_labels=max_labels,
            jit=self._jit,
        )

    # ------------------------------------------------------- closures / replan
    def close_road(self, road_id: str) -> list[RouteKey]:
        """Close a road (both directions); re-plan the cached routes on it; return their keys."""
        k = self.site.road_index(road_id)
        return self.set_closures(_with(self._closures, roads=self._closures.roads | {k}))

    def open_road(self, road_id: str) -> list[RouteKey]:
        """Reopen a road closed at run time; return the keys of cached routes that changed."""
        k = self.site.road_index(road_id)
        return self.set_closures(_with(self._closures, roads=self._closures.roads - {k}))

    def close_zone(self, zone_id: str) -> list[RouteKey]:
        """Close every road through a zone; return the keys of the cached routes re-planned."""
        z = self.site.zones.index(self.site.zone(zone_id))
        return self.set_closures(_with(self._closures, zones=self._closures.zones | {z}))

    def open_zone(self, zone_id: str) -> list[RouteKey]:
        """Lift a run-time zone closure; return the keys of cached routes that changed."""
        z = self.site.zones.index(self.site.zone(zone_id))
        return self.set_closures(_with(self._closures, zones=self._closures.zones - {z}))

    def close_node(self, node: int) -> list[RouteKey]:
        """Close a node (an intersection); return the keys of the cached routes re-planned."""
        n = self.node_of(node)
        return self.set_closures(_with(self._closures, nodes=self._closures.nodes | {n}))

    def open_node(self, node: int) -> list[RouteKey]:
        """Reopen a node; return the keys of cached routes that changed."""
        n = self.node_of(node)
        return self.set_closures(_with(self._closures, nodes=self._closures.nodes - {n}))

    def set_closures(self, closures: Closures) -> list[RouteKey]:
        """Put ``closures`` in force and re-plan what it affects.

        Only the cached routes using a newly closed edge are re-planned when closures only
        grow; when something reopens every cached route is re-planned (any may now have a
        cheaper way). A route that can no longer be planned is dropped from the cache (its key
        is still returned; :meth:`cached` then gives ``None``).

        Returns
        -------
        list of RouteKey
            The keys whose cached route changed or was dropped, sorted.
        """
        self._check_closures(closures)
        before = self._allowed
        self._closures = closures
        self._allowed = self._policy.allowed(closures)
        self._mask_costs()
        newly_closed = before & ~self._allowed
        if (self._allowed & ~before).any():
            return self._replan(list(self._cache))
        roads = {int(r) for r in np.unique(self._policy.edge_road[newly_closed])}
        suspects = set().union(*(self._by_road.get(r, set()) for r in roads))
        hit = [
            key
            for key in suspects
            if newly_closed[np.fromiter(self._cache[key].edges, dtype=np.int64)].any()
        ]
        return self._replan(hit)

    def set_weather(self, weather_factor: float) -> list[RouteKey]:
        """Change the weather factor; re-plan cached routes; return the keys that changed."""
        self._set_costs(weather_factor)
        return self._replan(list(self._cache))

    # -------------------------------------------------------------- internal
    def _set_costs(self, weather_factor: float) -> None:
        """Build the cost arrays, the heuristic scales and the masked weights."""
        self._costs = EdgeCosts.build(
            self._graph,
            self.site.zones,
            self._incidence,
            self.vehicle,
            loaded=self.loaded,
            weather_factor=weather_factor,
        )
        self._weather = weather_factor
        xy = self._graph.node_xy
        self._scale: dict[str, float] = {
            obj: search.heuristic_scale(
                self._costs.by_objective(obj), self._edge_u, self._edge_v, xy
            )
            for obj in OBJECTIVES
        }
        self._mask_costs()
        standing = self._policy.standing
        self._landmarks = search.pick_landmarks(xy, LANDMARKS)
        self._lm: dict[str, tuple[FloatArray, FloatArray]] = {}
        for obj in OBJECTIVES:
            w = np.where(standing, self._costs.by_objective(obj), np.inf)
            self._lm[obj] = search.landmark_costs(
                self._tree,
                (self._graph.indptr, self._graph.indices, w),
                (self._rev_indptr, self._rev_indices, np.ascontiguousarray(w[self._rev_order])),
                self._landmarks,
            )

    def _mask_costs(self) -> None:
        """Recompute the per-objective weights with ``inf`` on the disallowed edges."""
        self._masked: dict[str, FloatArray] = {
            obj: np.where(self._allowed, self._costs.by_objective(obj), np.inf)
            for obj in OBJECTIVES
        }

    def _check_closures(self, closures: Closures) -> None:
        """Refuse closures naming roads, zones or nodes the site does not have."""
        for name, items, size in (
            ("road", closures.roads, len(self.site.roads)),
            ("zone", closures.zones, len(self.site.zones)),
            ("node", closures.nodes, self._graph.node_count),
        ):
            bad = sorted(i for i in items if not 0 <= i < size)
            if bad:
                raise ValueError(f"closures name {name} indices outside 0..{size - 1}: {bad}")

    def _plan(self, key: RouteKey) -> Route | None:
        """Run A* for one key; ``None`` when unreachable."""
        cost, path = self._astar(
            self._graph.indptr,
            self._graph.indices,
            self._edge_u,
            self._masked[key.objective],
            self._graph.node_xy,
            self._scale[key.objective],
            *self._lm[key.objective],
            key.origin,
            key.destination,
        )
        if math.isinf(cost):
            return None
        return self._make_route(key, tuple(np.asarray(path, dtype=np.int64).tolist()))

    def _make_route(self, key: RouteKey, edges: tuple[int, ...]) -> Route:
        """Assemble a route's totals, nodes and polyline from its edges."""
        idx = np.fromiter(edges, dtype=np.int64, count=len(edges))
        c = self._costs
        nodes = (key.origin, *self._edge_v[idx].tolist())
        if edges:
            # The first edge's vertices, then each next edge's without its first (shared).
            starts = self._line_off[idx]
            starts[1:] += 1
            lengths = self._line_off[idx + 1] - starts
            ends = np.cumsum(lengths)
            rows = np.arange(ends[-1]) + np.repeat(starts - (ends - lengths), lengths)
            polyline = self._line_xy[rows]
        else:
            polyline = self._graph.node_xy[[key.origin]].copy()
        polyline.setflags(write=False)
        return Route(
            key=key,
            edges=edges,
            nodes=nodes,
            time_s=float(c.time_s[idx].sum()),
            energy_kj=float(c.energy_kj[idx].sum()),
            risk=float(c.risk[idx].sum()),
            length_m=float(c.length_m[idx].sum()),
            polyline=polyline,
        )

    def _remember(self, planned: Route) -> None:
        """Cache a route and index it by the roads it uses."""
        self._forget(planned.key)
        self._cache[planned.key] = planned
        for r in {int(self._policy.edge_road[e]) for e in planned.edges}:
            self._by_road.setdefault(r, set()).add(planned.key)

    def _forget(self, key: RouteKey) -> None:
        """Drop a cached route and its index entries."""
        old = self._cache.pop(key, None)
        if old is None:
            return
        for r in {int(self._policy.edge_road[e]) for e in old.edges}:
            keys = self._by_road.get(r)
            if keys is not None:
                keys.discard(key)

    def _replan(self, keys: Iterable[RouteKey]) -> list[RouteKey]:
        """Re-plan the given cached routes; return those whose route changed or was dropped."""
        changed: list[RouteKey] = []
        for key in keys:
            old = self._cache[key]
            new = self._plan(key)
            if new is None:
                self._forget(key)
                changed.append(key)
            elif new.edges != old.edges or new.costs != old.costs:
                self._remember(new)
                changed.append(key)
        return sorted(changed)

    def _reason(self) -> str:
        """Describe the restrictions in force, for a NoRouteError."""
        c = self._closures
        parts = ["closed, unpublished and blocked-zone roads excluded"]
        if c.roads or c.zones or c.nodes:
            parts.append(
                f"closures: {len(c.roads)} roads, {len(c.zones)} zones, {len(c.nodes)} nodes"
            )
        return "; ".join(parts)


def _with(closures: Closures, **change: frozenset[int]) -> Closures:
    """Return a copy of ``closures`` with some fields replaced."""
    fields = {"roads": closures.roads, "zones": closures.zones, "nodes": closures.nodes}
    fields.update(change)
    return Closures(**fields)
