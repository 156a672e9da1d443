"""The route chooser's arithmetic: routes from a Pareto result, trade-offs, dominance.

:meth:`DispatchView.route_choices` returns the search's :class:`ParetoResult` (edge slots and
``(time, energy, risk)`` per route); the chooser needs each route's polyline and length to show
and send it, and builds them here from the site's road graph, exactly as the router assembles
a route (first edge's polyline, then each next one without its shared first vertex).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from maps.routing.router import Route, RouteKey

if TYPE_CHECKING:
    from maps.routing.pareto import ParetoResult
    from maps.site import Site

__all__ = ["CRITERIA", "Choice", "choices_of", "dominated_by"]

CRITERIA = ("time", "energy", "risk", "length")
"""The columns shown side by side; the first three are the Pareto criteria."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One route on offer with its figures relative to the best on each criterion.

    Attributes
    ----------
    route
        The route, ready for :meth:`DispatchView.choose_route`.
    values
        ``time_s, energy_kj, risk, length_m``.
    relative
        Per criterion, how much worse than the best route on offer (0.0 = the best).
    best
        The criteria on which this route is the best on offer.
    dominated_by
        Index of a route on offer that is as good on time, energy and risk and better on one,
        or ``None`` (a true Pareto set has none; the chooser says so if the site's service
        ever offers one).
    """

    route: Route
    values: tuple[float, float, float, float]
    relative: tuple[float, float, float, float]
    best: frozenset[str]
    dominated_by: int | None


def route_of(result: ParetoResult, index: int, site: Site, destination: int) -> Route:
    """Return route ``index`` of ``result`` as a :class:`Route` on ``site``'s road graph."""
    graph = site.graph
    edges = tuple(int(e) for e in result.paths[index])
    time_s, energy_kj, risk = result.costs[index]
    if edges:
        origin = graph.edges[edges[0]].u
        pieces = [graph.edges[edges[0]].polyline] + [graph.edges[e].polyline[1:] for e in edges[1:]]
        polyline = np.vstack(pieces).astype(np.float64)
    else:
        origin = destination
        polyline = graph.node_xy[[destination]].astype(np.float64)
    polyline.setflags(write=False)
    nodes = (origin, *(graph.edges[e].v for e in edges))
    length = float(sum(graph.edges[e].length_m for e in edges))
    return Route(
        key=RouteKey(origin, destination, "pareto"),
        edges=edges,
        nodes=nodes,
        time_s=float(time_s),
        energy_kj=float(energy_kj),
        risk=float(risk),
        length_m=length,
        polyline=polyline,
    )


def dominated_by(costs: list[tuple[float, float, float]], k: int) -> int | None:
    """Return the index of a route that dominates route ``k`` on (time, energy, risk)."""
    mine = costs[k]
    for j, other in enumerate(costs):
        if j != k and all(o <= m for o, m in zip(other, mine, strict=True)) and other != mine:
            return j
    return None


def choices_of(result: ParetoResult, site: Site, destination: int) -> list[Choice]:
    """Return the routes of ``result`` with their trade-offs, in the result's order."""
    routes = [route_of(result, k, site, destination) for k in range(len(result.paths))]
    values = [(r.time_s, r.energy_kj, r.risk, r.length_m) for r in routes]
    if not values:
        return []
    best = [min(v[c] for v in values) for c in range(len(CRITERIA))]
    costs = [v[:3] for v in values]
    out = []
    for k, (route, v) in enumerate(zip(routes, values, strict=True)):
        relative = tuple(
            (v[c] - best[c]) / best[c] if best[c] > 0 else (0.0 if v[c] == best[c] else 1.0)
            for c in range(len(CRITERIA))
        )
        out.append(
            Choice(
                route=route,
                values=v,
                relative=(relative[0], relative[1], relative[2], relative[3]),
                best=frozenset(CRITERIA[c] for c in range(len(CRITERIA)) if v[c] <= best[c]),
                dominated_by=dominated_by(costs, k),
            )
        )
    return out
