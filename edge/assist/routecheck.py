"""The governor's check of a route an operator chose for a vehicle (a ``reroute`` answer).

Guidance is advice the vehicle re-checks, and a route is advice about places: before the
vehicle takes a route from an assist answer, the edge node asks its governor about every
point along it, as the vehicle would propose to drive there.  A route is refused, with the
rule, its reason and the zone, when any point draws a hard outcome (BLOCK or TERMINATE): an
active BLOCKED zone, a zone an operator closed since the console planned the route, a pack's
no-go rule.  Escalating and restricting rules do not refuse a route: the vehicle asks again
when it gets there (a RELEASE zone, a speed limit), as it does on any route.

The route is the vehicle's position, then the waypoints in order, joined by straight lines
and sampled every :data:`ROUTE_STEP_M`; the console sends every node of the road route it
chose, so the lines follow the roads closely.  The vehicle re-checks where it is as it drives
(every few seconds), so a curve between two nodes is still governed.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import shapely

from edge.governor.context import NO_INTERSECTION_M
from edge.protocol.messages import Outcome

if TYPE_CHECKING:
    from collections.abc import Sequence

    from edge.governor.context import Proposal
    from edge.governor.engine import Governor

__all__ = ["MAX_ROUTE_POINTS", "ROUTE_STEP_M", "check_route", "route_points"]

ROUTE_STEP_M = 5.0
"""Distance between the points of a route the governor is asked about."""
MAX_ROUTE_POINTS = 20_000
"""Points checked at most (100 km at 5 m); a longer route is refused, never half-checked."""

_HARD = frozenset({Outcome.BLOCK, Outcome.TERMINATE})


def route_points(
    start: tuple[float, float],
    waypoints: Sequence[tuple[float, float]],
    step_m: float = ROUTE_STEP_M,
) -> list[tuple[float, float]] | None:
    """Return points every ``step_m`` along ``start`` then ``waypoints``, or ``None`` if too many.

    Every waypoint is among the points, so a waypoint inside a zone is always checked.
    """
    points = [start]
    total = 0
    x0, y0 = start
    for x1, y1 in waypoints:
        length = math.hypot(x1 - x0, y1 - y0)
        n = max(1, math.ceil(length / step_m))
        total += n
        if total > MAX_ROUTE_POINTS:
            return None
        points.extend((x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1))
        x0, y0 = x1, y1
    return points


def check_route(
    governor: Governor, proposal: Proposal, waypoints: Sequence[tuple[float, float]]
) -> str | None:
    """Return why ``governor`` refuses driving through ``waypoints``, or ``None``.

    ``proposal`` is the one that escalated the request: the vehicle's state (class, load,
    perception, link, grants, ...) is asked about at each point as a ``proceed`` there, with
    no intersection ahead (crossings are asked about live, at the crossing).
    """
    if not waypoints:
        return "a reroute needs at least one waypoint"
    points = route_points((proposal.x, proposal.y), waypoints)
    if points is None:
        return (
            f"the route is too long to check: at most {MAX_ROUTE_POINTS} points "
            f"{ROUTE_STEP_M:g} m apart"
        )
    base = replace(
        proposal,
        action="proceed",
        intersection_m=NO_INTERSECTION_M,
        next_road_kind="none",
        cross_rank=0.0,
        cross_left_rank=0.0,
    )
    for x, y in points:
        decision = governor.decide(replace(base, x=x, y=y))
        if decision.outcome not in _HARD:
            continue
        for rule, outcome, reason in zip(
            decision.fired, decision.fired_outcomes, decision.reasons, strict=False
        ):
            if outcome in _HARD:
                zone = _blocked_zone_at(governor, x, y)
                where = f" in zone {zone}" if zone else ""
                return (
                    f"the route passes ({x:.0f}, {y:.0f}){where}, where rule {rule} "
                    f"{outcome.value.lower()}s: {reason}"
                )
    return None


def _blocked_zone_at(governor: Governor, x: float, y: float) -> str | None:
    """Return the id of an active BLOCKED zone of the governor's site at a point, if any."""
    site = governor.site
    if site is None:
        return None
    point = shapely.Point(x, y)
    for zone in site.zones:
        if zone.kind == "BLOCKED" and zone.active and zone.polygon.covers(point):
            return zone.id
    return None
