"""Tasks and their state machine: queued -> assigned -> running -> done / failed.

Every transition is recorded with who made it (``dispatcher``, an operator id, a vehicle id)
and why, so the task board and the audit trail can say how a task got where it is. A vehicle
that faults, goes offline or loses its road sends its task back to ``queued`` (re-dispatch);
a task may be failed (cancelled) from any state that is not final.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.dispatch.errors import TransitionError

if TYPE_CHECKING:
    from plugins import TaskType

__all__ = ["Task", "TaskState", "Transition"]


class TaskState(enum.StrEnum):
    """Where a task is in its life."""

    QUEUED = "queued"
    ASSIGNED = "assigned"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


_ALLOWED: dict[TaskState, frozenset[TaskState]] = {
    TaskState.QUEUED: frozenset({TaskState.ASSIGNED, TaskState.FAILED}),
    TaskState.ASSIGNED: frozenset({TaskState.RUNNING, TaskState.QUEUED, TaskState.FAILED}),
    TaskState.RUNNING: frozenset({TaskState.DONE, TaskState.QUEUED, TaskState.FAILED}),
    TaskState.DONE: frozenset(),
    TaskState.FAILED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class Transition:
    """One recorded state change.

    Attributes
    ----------
    at
        Clock time of the change, seconds.
    old, new
        States before and after.
    who
        ``"dispatcher"``, an operator id or a vehicle id.
    why
        A stable reason code with detail (``"assigned: cost 312.4 s"``, ``"fault: motor"``).
    vehicle_id
        The vehicle the task is with after the change (``None`` when queued or final).
    """

    at: float
    old: TaskState
    new: TaskState
    who: str
    why: str
    vehicle_id: str | None


@dataclass(slots=True, eq=False)
class Task:
    """A unit of work for one vehicle, of a type an enabled pack declares.

    Parameters
    ----------
    task_id
        Unique id.
    type_id
        The pack task type (``mining.haul_cycle``).
    origin, destination
        Point-of-interest ids: where the work starts (the vehicle is sent there) and ends.
    vehicle_classes
        The classes that may do it (from the task type); a vehicle of another class never gets
        it.
    priority
        0 (routine) and up; each step lowers the assignment cost by the dispatcher's priority
        weight (seconds).
    created_at
        Clock time the task was queued.
    """

    task_id: str
    type_id: str
    origin: str
    destination: str
    vehicle_classes: frozenset[str]
    priority: int = 0
    created_at: float = 0.0
    state: TaskState = TaskState.QUEUED
    vehicle_id: str | None = None
    history: list[Transition] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.task_id:
            raise ValueError("task_id must not be empty")
        if not self.vehicle_classes:
            raise ValueError(f"task {self.task_id}: vehicle_classes must not be empty")
        if self.priority < 0:
            raise ValueError(f"task {self.task_id}: priority must be >= 0, got {self.priority}")

    @classmethod
    def of_type(
        cls,
        task_type: TaskType,
        task_id: str,
        *,
        origin: str,
        destination: str,
        priority: int = 0,
        created_at: float = 0.0,
    ) -> Task:
        """Return a queued task of a pack's task type (its id and vehicle classes)."""
        return cls(
            task_id,
            task_type.id,
            origin,
            destination,
            frozenset(task_type.vehicle_classes),
            priority=priority,
            created_at=created_at,
        )

    @property
    def final(self) -> bool:
        """Whether the task is done or failed."""
        return self.state in (TaskState.DONE, TaskState.FAILED)

    def move(
        self, new: TaskState, *, at: float, who: str, why: str, vehicle_id: str | None = None
    ) -> Transition:
        """Change state, record the change and return its record.

        Raises
        ------
        TransitionError
            When the state machine does not allow ``state -> new``, or an assignment names no
            vehicle.
        """
        if new not in _ALLOWED[self.state]:
            raise TransitionError(
                f"task {self.task_id}: {self.state.value} -> {new.value} is not allowed"
            )
        if new is TaskState.ASSIGNED and vehicle_id is None:
            raise TransitionError(f"task {self.task_id}: an assignment needs a vehicle")
        keep = new in (TaskState.ASSIGNED, TaskState.RUNNING)
        holder = (vehicle_id or self.vehicle_id) if keep else None
        record = Transition(at, self.state, new, who, why, holder)
        self.state = new
        self.vehicle_id = holder
        self.history.append(record)
        return record
