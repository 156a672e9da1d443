"""What the console reads from and asks of the site's embedded dispatcher.

The site service exposes an object with this shape as ``SiteService.dispatch`` (``None`` while
no pack with task types is enabled). The console's task board, route overlay, route chooser and
KPI plots use only this and the events of :mod:`app.core.dispatch.events`, so the console never
reaches into the dispatcher's internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping

    from app.core.dispatch.dispatcher import Dispatcher
    from app.core.dispatch.events import RouteAssigned
    from app.core.identity import OperatorSession
    from maps.routing.pareto import ParetoResult
    from maps.routing.router import Route

__all__ = ["DispatchView"]


class DispatchView(Protocol):
    """The dispatcher as the console sees it."""

    @property
    def dispatcher(self) -> Dispatcher:
        """Return the dispatcher: its ``tasks`` and ``vehicles`` are the task board's snapshot."""
        ...

    @property
    def time_scale(self) -> float:
        """Return simulated seconds per wall-clock second (1: real time; KPIs are simulated)."""
        ...

    def route_of(self, vehicle_id: str) -> RouteAssigned | None:
        """Return the route the vehicle is driving now, or ``None``."""
        ...

    def kpis(self) -> Mapping[str, float]:
        """Return the latest KPI values by id (those of the last :class:`KpiUpdated`)."""
        ...

    def route_choices(self, vehicle_id: str, destination: str) -> ParetoResult:
        """Return non-dominated routes (time, energy, risk) from the vehicle to a POI."""
        ...

    async def choose_route(
        self, vehicle_id: str, route: Route, *, operator: str | OperatorSession
    ) -> None:
        """Send the vehicle on ``route`` (an operator's choice; recorded with their name)."""
        ...
