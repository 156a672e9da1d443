"""Events the dispatcher emits: plain frozen records the site service publishes on its bus."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.bus import Event

__all__ = ["OverrideApplied", "TaskTransitioned", "VehicleStatusChanged"]


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
