"""Routing on a site's road graph: fastest, shortest, cheapest and safest routes, Pareto sets.

Public API (used by the dispatcher and the console)::

    from maps.routing import Router

    router = Router(site, "haul_truck", loaded=True)       # one router per class and load
    route = router.route("LOAD1", "CRUSHER", objective="time")   # node number or POI id
    route.edges, route.time_s, route.energy_kj, route.risk, route.polyline
    choices = router.pareto("LOAD1", "CRUSHER")            # <= 8 non-dominated routes
    affected = router.close_road("R042")                   # cached routes re-planned

* Costs per edge (:mod:`maps.routing.costs`): time (vehicle, road and zone speed limits,
  loaded trucks slower on climbs), energy (grade and rolling resistance for the gross mass),
  risk (zones crossed, intersections, weather).
* Policy (:mod:`maps.routing.policy`): closed, unpublished and blocked-zone roads are never
  used; one-way roads are one edge; :class:`Closures` adds run-time closures.
* Queries use an A* kernel (numba, with a pure-Python twin under ``ATLASMESH_NO_JIT=1``);
  :mod:`maps.routing.pareto` documents the Pareto search and its bounds.
* :func:`grid_site` builds synthetic grids of any size for benchmarks and tests.

Everything is headless and in local metres and SI units. :class:`~maps.errors.NoRouteError`
is raised when no route exists under the restrictions.
"""

from __future__ import annotations

from maps.routing.costs import EdgeCosts
from maps.routing.pareto import ParetoResult
from maps.routing.policy import Closures
from maps.routing.profiles import VEHICLE_PROFILES, VehicleProfile
from maps.routing.router import OBJECTIVES, Route, RouteKey, Router
from maps.routing.synthetic import grid_site, grid_size_for_edges

__all__ = [
    "OBJECTIVES",
    "VEHICLE_PROFILES",
    "Closures",
    "EdgeCosts",
    "ParetoResult",
    "Route",
    "RouteKey",
    "Router",
    "VehicleProfile",
    "grid_site",
    "grid_size_for_edges",
]
