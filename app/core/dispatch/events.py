"""Events the dispatcher emits: plain frozen records the site service publishes on its bus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.bus import Event

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "KpiUpdated",
    "OverrideApplied",
    "RouteAssigned",
    "TaskTransitioned",
    "VehicleStatusChanged",
]


@dataclass(frozen=True, slots=True)
class TaskTransitioned(Event):
    """A task changed state (see :class:`app.core.dispatch.tasks.Transition`)."""

    task_id: str
    type_id: str
    old: str
    new: str
    vehicle_id: str | None
    who: str
    why: str


@dataclass(frozen=True, slots=True)
class VehicleStatusChanged(Event):
    """A vehicle's dispatch status changed (available, busy, held, fault, offline)."""

    vehicle_id: str
    old: str
    new: str
    who: str
    why: str


@dataclass(frozen=True, slots=True)
class OverrideApplied(Event):
    """An operator override took effect: ``pin``, ``unpin``, ``hold`` or ``release``."""

    operator: str
    action: str
    vehicle_id: str
    task_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class RouteAssigned(Event):
    """A vehicle was given a route: by the dispatcher with its task, or by an operator's choice.

    ``polyline`` is in the site's local metres, origin first. ``chosen_by`` is ``"dispatcher"``
    or the operator's name. An empty polyline clears the vehicle's route (task ended).
    """

    vehicle_id: str
    task_id: str | None
    polyline: tuple[tuple[float, float], ...]
    time_s: float
    energy_kj: float
    risk: float
    chosen_by: str


@dataclass(frozen=True, slots=True)
class KpiUpdated(Event):
    """Fresh values of the enabled packs' KPIs, keyed by KPI id (``mining.tonnes_per_hour``).

    Units are the ones the pack's :class:`plugins.records.KpiDefinition` declares.
    """

    values: Mapping[str, float]
