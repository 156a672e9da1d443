"""Zones closed by an operator at run time: the governor recompiled with them BLOCKED.

Zones are inputs the governor compiles from the site (kind, active flag); closing one from a
tele-assist answer ("this intersection is closed") therefore means a governor compiled with
that zone made an active BLOCKED zone, swapped in for the old one.  Only zones an operator
closed can be reopened this way: a zone the site file blocks (a blast area, a closed road)
opens only by a site or policy change.

Compiling takes tens of milliseconds, so :meth:`ZoneState.compile` is meant to run off the
event loop; the caller swaps the result in and then calls :meth:`ZoneState.commit`.

:class:`Misfires` is the other run-time zone state: when a suspected misfire was recorded for a
blast zone. It changes no compiled geometry; the time since the misfire at a point is the
governor input ``misfire_elapsed_s``, which a pack's rule compares with its waiting period
(30 CFR 56.6310, SECTOR_RULES M7).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import shapely

from edge.governor.context import NO_MISFIRE_S
from edge.governor.engine import Governor
from edge.protocol.messages import MAX_ZONE_CLOSURES
from edge.security.roles import Role

if TYPE_CHECKING:
    from maps.site import Site

__all__ = ["Misfires", "ZoneState", "close_zones"]


def close_zones(site: Site, closed: frozenset[str]) -> Site:
    """Return ``site`` with every zone in ``closed`` an active BLOCKED zone.

    Raises
    ------
    ValueError
        Naming the ids that are not zones of the site.
    """
    unknown = closed - {z.id for z in site.zones}
    if unknown:
        raise ValueError(f"not zones of site {site.site_id}: {', '.join(sorted(unknown))}")
    zones = tuple(
        replace(z, kind="BLOCKED", active=True) if z.id in closed else z for z in site.zones
    )
    return replace(site, zones=zones)


class ZoneState:
    """The operator-closed zones of one edge node's governor.

    Parameters
    ----------
    governor
        The governor as compiled from the site file (its bundle, site and kernels are reused).
    """

    def __init__(self, governor: Governor) -> None:
        if governor.site is None:
            raise ValueError("a governor without a site has no zones to close")
        self._site: Site = governor.site
        self._bundle = governor.bundle
        self._jit = governor.jit
        self.closed: frozenset[str] = frozenset()
        """Zones closed by operators, in force now."""

    def check(self, kind: str, zone_id: str | None, role: Role | None) -> str | None:
        """Return why ``kind`` (``close_zone`` / ``open_zone``) of ``zone_id`` is refused.

        Closing is restrictive, so any assist operator may; reopening widens what vehicles
        may do, so it needs a verified supervisor.
        """
        if zone_id is None:
            return f"{kind} names a zone (zone_id)"
        zone = next((z for z in self._site.zones if z.id == zone_id), None)
        if zone is None:
            return f"zone {zone_id} is not a zone of site {self._site.site_id}"
        if kind == "close_zone":
            if zone_id in self.closed or (zone.kind == "BLOCKED" and zone.active):
                return f"zone {zone_id} is already closed"
            if len(self.closed) >= MAX_ZONE_CLOSURES:
                return (
                    f"{len(self.closed)} zones are closed by operators already, the most one "
                    "node holds: reopen one first"
                )
            return None
        if zone_id not in self.closed:
            return (
                f"zone {zone_id} was not closed by an operator: a zone the site blocks opens "
                "only by a site or policy change"
            )
        if role is None or role < Role.SUPERVISOR:
            return f"reopening zone {zone_id} needs a verified supervisor"
        return None

    def compile(self, kind: str, zone_id: str) -> Governor:
        """Compile the governor with ``zone_id`` closed or reopened (slow: off the loop)."""
        closed = self._after(kind, zone_id)
        return Governor(self._bundle, close_zones(self._site, closed), jit=self._jit)

    def commit(self, kind: str, zone_id: str) -> None:
        """Record the change once the governor compiled by :meth:`compile` is in use."""
        self.closed = self._after(kind, zone_id)

    def compile_closed(self, closed: frozenset[str]) -> Governor:
        """Compile the governor with exactly ``closed`` closed by operators (slow).

        Raises
        ------
        ValueError
            Naming the ids that are not zones of the site.
        """
        return Governor(self._bundle, close_zones(self._site, closed), jit=self._jit)

    def commit_closed(self, closed: frozenset[str]) -> None:
        """Record ``closed`` once the governor compiled by :meth:`compile_closed` is in use."""
        self.closed = closed

    def _after(self, kind: str, zone_id: str) -> frozenset[str]:
        if kind == "close_zone":
            return self.closed | {zone_id}
        return self.closed - {zone_id}


class Misfires:
    """Suspected misfires recorded for a site's blast zones, and the time since, by point.

    A blast zone keeps its record whether or not it is active: re-opening the zone on site does
    not shorten the wait, which runs from the misfire.

    Parameters
    ----------
    site
        The site whose zones of sector kind ``blast`` may have misfires.
    """

    def __init__(self, site: Site) -> None:
        self._site_id = site.site_id
        self._zones = {z.id: z.polygon for z in site.zones if z.sector_kind == "blast"}
        for polygon in self._zones.values():
            shapely.prepare(polygon)
        self._at: dict[str, float] = {}

    @property
    def recorded(self) -> dict[str, float]:
        """Blast zone id to the time of its latest recorded misfire (epoch seconds)."""
        return dict(self._at)

    def record(self, zone_id: str, at: float) -> None:
        """Record a suspected misfire in a blast zone at ``at`` (epoch seconds).

        Raises
        ------
        ValueError
            When the zone is not a blast zone of the site or the time is not finite.
        """
        if zone_id not in self._zones:
            raise ValueError(f"zone {zone_id} is not a blast zone of site {self._site_id}")
        if not math.isfinite(at) or at < 0:
            raise ValueError(f"misfire time must be finite epoch seconds, not {at!r}")
        self._at[zone_id] = max(at, self._at.get(zone_id, at))

    def elapsed(self, x: float, y: float, now: float) -> float:
        """Seconds since the latest misfire of a blast zone containing ``(x, y)``.

        :data:`~edge.governor.context.NO_MISFIRE_S` when no such zone has one; 0 when the
        record lies in the future (a clock behind the record's: count the wait from now).
        """
        latest = -math.inf
        for zone_id, at in self._at.items():
            if at > latest and shapely.contains_xy(self._zones[zone_id], x, y):
                latest = at
        if latest == -math.inf:
            return NO_MISFIRE_S
        return min(NO_MISFIRE_S, max(0.0, now - latest))
