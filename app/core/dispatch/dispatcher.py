"""The dispatcher service: keeps tasks and vehicles, assigns optimally, obeys operators.

Headless and synchronous: every call changes state, emits events through the ``emit`` callable
(the site service passes its bus's ``publish``) and, when ``auto`` is on, re-runs the
assignment. The clock is injected; nothing here reads the wall clock or sleeps.

Assignment. Free vehicles (``available``, no pin pending) against queued tasks (not pinned to
someone else); the cost of a pair is the travel time from the vehicle's location to the task's
origin, minus ``priority_weight_s`` per priority step, plus any extra :class:`CostTerm` (the
mining flow targets add the "needy loader" term). A vehicle of a class the task does not accept,
or one that cannot reach the origin, is a forbidden pair. The matching is optimal
(:func:`~app.core.dispatch.assignment.solve_assignment`).

Overrides always win and are recorded (operator id, time, reason): a *pin* gives a task to a
vehicle before the optimiser runs (taking it from another vehicle if needed); a *hold* takes a
vehicle out of dispatch and sends its task back to the queue. Safety first: a pin never gives a
task to a vehicle of the wrong class, or to one that is held, faulted or offline.

Re-dispatch. A fault, an offline vehicle or a road closure (new travel times in which the
vehicle can no longer reach its task) sends the task back to ``queued``, recorded with the
reason, and the assignment runs again.

Retention. Over a shift a busy site finishes tens of thousands of tasks; keeping them all would
grow memory and every pass over :attr:`Dispatcher.tasks` without bound. The dispatcher keeps
every open task and the last ``keep_finished`` (:data:`KEEP_FINISHED`) finished ones, in the
order they finished; older done and failed tasks, with their history, are dropped. The counts
by state (:meth:`Dispatcher.counts`) stay exact over the whole run, and
:meth:`Dispatcher.submitted_since` tells a view which tasks are new without relying on the
mapping only growing. The audit record of every task is its :class:`TaskTransitioned` events
(who, why, when), published as they happen; the dispatcher's memory is a working set, not the
archive.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from app.core.dispatch.assignment import solve_assignment
from app.core.dispatch.errors import DispatchError, OverrideError
from app.core.dispatch.events import OverrideApplied, TaskTransitioned, VehicleStatusChanged
from app.core.dispatch.tasks import Task, TaskState

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from app.core.bus import Event
    from app.core.dispatch.tasks import Transition
    from app.core.dispatch.traveltime import TravelTimes

__all__ = ["DISPATCHER", "KEEP_FINISHED", "CostTerm", "Dispatcher", "Vehicle", "VehicleStatus"]

DISPATCHER = "dispatcher"
"""The ``who`` of the dispatcher's own decisions."""
KEEP_FINISHED = 2000
"""Finished (done or failed) tasks the dispatcher keeps, newest first finished; older ones are
dropped (open tasks are always kept). At least the task board's ``FINISHED_KEPT`` (500)."""


class VehicleStatus(enum.StrEnum):
    """A vehicle as the dispatcher sees it."""

    AVAILABLE = "available"
    BUSY = "busy"
    HELD = "held"
    FAULT = "fault"
    OFFLINE = "offline"


@dataclass(slots=True, eq=False)
class Vehicle:
    """A dispatchable vehicle: its class, last known place and status.

    ``location`` is a point-of-interest id the travel times know (where the vehicle last was:
    its start, or the destination of its last task).
    """

    vehicle_id: str
    vehicle_class: str
    location: str
    status: VehicleStatus = VehicleStatus.AVAILABLE
    task_id: str | None = None
    held_by: str | None = None


class CostTerm(Protocol):
    """An extra cost (seconds) for giving ``task`` to ``vehicle``; ``inf`` forbids the pair."""

    def __call__(self, task: Task, vehicle: Vehicle, travel_s: float, now: float) -> float:
        """Return the extra cost."""
        ...


class Dispatcher:
    """Tasks, vehicles, optimal assignment and operator overrides.

    Parameters
    ----------
    travel
        Travel times between points of interest.
    clock
        Returns the current time, seconds.
    emit
        Receives every event (the site service passes its bus's ``publish``).
    priority_weight_s
        Seconds of travel one priority step is worth.
    cost_terms
        Extra costs added to every allowed pair.
    auto
        Re-run the assignment after every change that can free a vehicle or queue a task.
    keep_finished
        Finished tasks kept (the latest to finish); older finished tasks are dropped.
    """

    def __init__(
        self,
        travel: TravelTimes,
        *,
        clock: Callable[[], float],
        emit: Callable[[Event], None],
        priority_weight_s: float = 60.0,
        cost_terms: Iterable[CostTerm] = (),
        auto: bool = True,
        keep_finished: int = KEEP_FINISHED,
    ) -> None:
        if not priority_weight_s >= 0:
            raise ValueError(f"priority_weight_s must be >= 0, got {priority_weight_s}")
        if keep_finished < 0:
            raise ValueError(f"keep_finished must be >= 0, got {keep_finished}")
        self._travel = travel
        self._clock = clock
        self._emit = emit
        self._priority_weight = priority_weight_s
        self._terms = tuple(cost_terms)
        self.auto = auto
        self._tasks: dict[str, Task] = {}
        self._vehicles: dict[str, Vehicle] = {}
        self._pins: dict[str, tuple[str, str]] = {}  # vehicle -> (task, operator)
        self._keep_finished = keep_finished
        self._finished: deque[str] = deque()  # kept finished task ids, in finishing order
        self._seq: dict[str, int] = {}  # kept task id -> its submission number (1, 2, ...)
        self._submitted = 0
        self._counts: dict[TaskState, int] = dict.fromkeys(TaskState, 0)
        self.dropped = 0
        """Finished tasks dropped so far (no longer in :attr:`tasks`)."""

    # ------------------------------------------------------------------ views

    @property
    def tasks(self) -> Mapping[str, Task]:
        """Open tasks and the last ``keep_finished`` finished ones by id, in submission order.

        A read-only view; do not mutate the tasks. Older finished tasks are not in it (see
        :meth:`counts` for exact totals).
        """
        return self._tasks

    @property
    def keep_finished(self) -> int:
        """How many finished tasks are kept."""
        return self._keep_finished

    @property
    def submitted(self) -> int:
        """How many tasks were ever submitted (kept or dropped)."""
        return self._submitted

    def counts(self) -> dict[TaskState, int]:
        """Return how many tasks are in each state, counting dropped finished tasks too."""
        return dict(self._counts)

    def submitted_since(self, seen: int) -> list[str]:
        """Return the ids of the kept tasks submitted after the first ``seen``, in order.

        A view remembers :attr:`submitted` and asks for what came after; the cost is the number
        of new tasks, not of all tasks.
        """
        if seen >= self._submitted:
            return []
        new: list[str] = []
        for task_id in reversed(self._tasks):
            if self._seq[task_id] <= seen:
                break
            new.append(task_id)
        new.reverse()
        return new

    @property
    def vehicles(self) -> Mapping[str, Vehicle]:
        """Every vehicle by id (read-only view)."""
        return self._vehicles

    @property
    def pins(self) -> Mapping[str, tuple[str, str]]:
        """Pending and active pins: vehicle id -> (task id, operator id)."""
        return self._pins

    def task(self, task_id: str) -> Task:
        """Return a task (raises :class:`DispatchError` naming the unknown id).

        A finished task dropped to keep memory bounded is unknown too (the message says so).
        """
        try:
            return self._tasks[task_id]
        except KeyError:
            raise DispatchError(
                f"unknown task {task_id!r} (or finished and no longer kept: the dispatcher "
                f"keeps the last {self._keep_finished} finished tasks)"
            ) from None

    def vehicle(self, vehicle_id: str) -> Vehicle:
        """Return a vehicle (raises :class:`DispatchError` naming the unknown id)."""
        try:
            return self._vehicles[vehicle_id]
        except KeyError:
            raise DispatchError(f"unknown vehicle {vehicle_id!r}") from None

    # ------------------------------------------------------------------ fleet and tasks

    def add_vehicle(self, vehicle_id: str, vehicle_class: str, location: str) -> Vehicle:
        """Register an available vehicle at a point of interest."""
        if vehicle_id in self._vehicles:
            raise DispatchError(f"vehicle {vehicle_id!r} is already registered")
        vehicle = Vehicle(vehicle_id, vehicle_class, location)
        self._vehicles[vehicle_id] = vehicle
        self._maybe_dispatch()
        return vehicle

    def submit(self, task: Task) -> None:
        """Queue a new task."""
        if task.task_id in self._tasks:
            raise DispatchError(f"task {task.task_id!r} already exists")
        if task.state is not TaskState.QUEUED:
            raise DispatchError(f"task {task.task_id!r} must be submitted queued")
        self._tasks[task.task_id] = task
        self._submitted += 1
        self._seq[task.task_id] = self._submitted
        self._counts[TaskState.QUEUED] += 1
        self._maybe_dispatch()

    def cancel(self, task_id: str, *, who: str, why: str) -> None:
        """Fail a task that is not final; its vehicle (if any) becomes available."""
        task = self.task(task_id)
        vehicle_id = task.vehicle_id
        self._move(task, TaskState.FAILED, who=who, why=f"cancelled: {why}")
        self._drop_pins_of(task_id)
        if vehicle_id is not None:
            self._free(self._vehicles[vehicle_id], who=who, why="task cancelled")
        self._maybe_dispatch()

    def task_started(self, task_id: str, *, who: str) -> None:
        """Record that the vehicle began the task (the edge node acknowledged it)."""
        task = self.task(task_id)
        self._move(task, TaskState.RUNNING, who=who, why="started")

    def task_done(self, task_id: str, *, who: str, location: str) -> None:
        """Record that the task finished; its vehicle is free at ``location``."""
        task = self.task(task_id)
        vehicle_id = task.vehicle_id
        self._move(task, TaskState.DONE, who=who, why="done")
        self._drop_pins_of(task_id)
        if vehicle_id is not None:
            vehicle = self._vehicles[vehicle_id]
            vehicle.location = location
            self._free(vehicle, who=who, why="task done")
        self._maybe_dispatch()

    def task_failed(self, task_id: str, *, who: str, why: str, location: str) -> None:
        """Record that the vehicle could not complete the task (final); it is free."""
        task = self.task(task_id)
        vehicle_id = task.vehicle_id
        self._move(task, TaskState.FAILED, who=who, why=why)
        self._drop_pins_of(task_id)
        if vehicle_id is not None:
            vehicle = self._vehicles[vehicle_id]
            vehicle.location = location
            self._free(vehicle, who=who, why="task failed")
        self._maybe_dispatch()

    # ------------------------------------------------------------------ vehicle health

    def vehicle_fault(self, vehicle_id: str, *, reason: str) -> None:
        """Take a faulted vehicle out of dispatch; its task goes back to the queue."""
        self._set_unusable(vehicle_id, VehicleStatus.FAULT, f"fault: {reason}")

    def vehicle_offline(self, vehicle_id: str, *, reason: str = "link lost") -> None:
        """Take an offline vehicle out of dispatch; its task goes back to the queue."""
        self._set_unusable(vehicle_id, VehicleStatus.OFFLINE, f"offline: {reason}")

    def vehicle_recovered(self, vehicle_id: str, *, location: str) -> None:
        """Return a faulted or offline vehicle to dispatch, free at ``location``."""
        vehicle = self.vehicle(vehicle_id)
        if vehicle.status not in (VehicleStatus.FAULT, VehicleStatus.OFFLINE):
            raise DispatchError(f"vehicle {vehicle_id!r} is {vehicle.status.value}, not down")
        vehicle.location = location
        self._set_status(vehicle, VehicleStatus.AVAILABLE, who=vehicle_id, why="recovered")
        self._maybe_dispatch()

    def set_travel_times(self, travel: TravelTimes, *, who: str, why: str) -> None:
        """Adopt new travel times (a road closed or opened); requeue tasks now unreachable."""
        self._travel = travel
        for vehicle in self._vehicles.values():
            if vehicle.task_id is None:
                continue
            task = self._tasks[vehicle.task_id]
            target = task.origin if task.state is TaskState.ASSIGNED else task.destination
            if math.isinf(travel.seconds(vehicle.location, target)):
                self._requeue(task, vehicle, who=who, why=f"unreachable: {why}")
        self._maybe_dispatch()

    # ------------------------------------------------------------------ operator overrides

    def pin(self, vehicle_id: str, task_id: str, *, operator: str, reason: str = "") -> None:
        """Give ``task_id`` to ``vehicle_id`` ahead of the optimiser.

        The task is taken from any other vehicle; the vehicle's own unstarted task goes back to
        the queue. A busy vehicle gets the task as soon as it is free.

        Raises
        ------
        OverrideError
            Unknown ids, a final task, a vehicle of a class the task does not accept, or a
            vehicle that is held, faulted or offline.
        """
        vehicle = self._override_target(vehicle_id, operator)
        task = self._tasks.get(task_id)
        if task is None:
            raise OverrideError(f"pin refused: unknown task {task_id!r}")
        if task.final:
            raise OverrideError(f"pin refused: task {task_id} is {task.state.value}")
        if vehicle.vehicle_class not in task.vehicle_classes:
            raise OverrideError(
                f"pin refused: {vehicle_id} is a {vehicle.vehicle_class}; task {task_id} needs "
                f"{', '.join(sorted(task.vehicle_classes))}"
            )
        if vehicle.status in (VehicleStatus.HELD, VehicleStatus.FAULT, VehicleStatus.OFFLINE):
            raise OverrideError(f"pin refused: {vehicle_id} is {vehicle.status.value}")
        why = f"override by {operator}: pinned to {vehicle_id}" + (f" ({reason})" if reason else "")
        self._drop_pins_of(task_id)
        self._pins.pop(vehicle_id, None)
        if task.vehicle_id is not None and task.vehicle_id != vehicle_id:
            self._requeue(task, self._vehicles[task.vehicle_id], who=operator, why=why)
        own = self._tasks[vehicle.task_id] if vehicle.task_id is not None else None
        if own is not None and own is not task and own.state is TaskState.ASSIGNED:
            self._requeue(own, vehicle, who=operator, why=why)
        self._pins[vehicle_id] = (task_id, operator)
        self._emit(OverrideApplied(self._clock(), operator, "pin", vehicle_id, task_id, reason))
        self._maybe_dispatch()

    def unpin(self, vehicle_id: str, *, operator: str, reason: str = "") -> None:
        """Remove a pin; an assignment already made stays."""
        if self._pins.pop(vehicle_id, None) is None:
            raise OverrideError(f"unpin refused: {vehicle_id!r} has no pin")
        self._emit(OverrideApplied(self._clock(), operator, "unpin", vehicle_id, None, reason))

    def hold(self, vehicle_id: str, *, operator: str, reason: str) -> None:
        """Take a vehicle out of dispatch; its task (started or not) goes back to the queue."""
        vehicle = self._override_target(vehicle_id, operator)
        why = f"override by {operator}: vehicle held ({reason})"
        if vehicle.task_id is not None:
            self._requeue(self._tasks[vehicle.task_id], vehicle, who=operator, why=why)
        self._pins.pop(vehicle_id, None)
        vehicle.held_by = operator
        self._set_status(vehicle, VehicleStatus.HELD, who=operator, why=why)
        self._emit(OverrideApplied(self._clock(), operator, "hold", vehicle_id, None, reason))
        self._maybe_dispatch()

    def release(self, vehicle_id: str, *, operator: str, reason: str = "") -> None:
        """Return a held vehicle to dispatch."""
        vehicle = self._override_target(vehicle_id, operator)
        if vehicle.status is not VehicleStatus.HELD:
            raise OverrideError(f"release refused: {vehicle_id} is not held")
        vehicle.held_by = None
        why = f"override by {operator}: released" + (f" ({reason})" if reason else "")
        self._set_status(vehicle, VehicleStatus.AVAILABLE, who=operator, why=why)
        self._emit(OverrideApplied(self._clock(), operator, "release", vehicle_id, None, reason))
        self._maybe_dispatch()

    # ------------------------------------------------------------------ assignment

    def dispatch(self) -> list[Transition]:
        """Assign free vehicles to queued tasks: pins first, then the optimal matching.

        Returns
        -------
        list of Transition
            The assignments made, in order.
        """
        now = self._clock()
        made: list[Transition] = []
        for vehicle_id, (task_id, operator) in list(self._pins.items()):
            vehicle, task = self._vehicles[vehicle_id], self._tasks[task_id]
            if vehicle.status is VehicleStatus.AVAILABLE and task.state is TaskState.QUEUED:
                made.append(self._assign(task, vehicle, who=operator, why="assigned: pinned"))
        pinned_tasks = {task_id for task_id, _ in self._pins.values()}
        free = [
            v
            for v in self._vehicles.values()
            if v.status is VehicleStatus.AVAILABLE and v.vehicle_id not in self._pins
        ]
        if not free:
            return made  # every vehicle busy: no pass over the tasks
        queued = [
            t
            for t in self._tasks.values()
            if t.state is TaskState.QUEUED and t.task_id not in pinned_tasks
        ]
        if not free or not queued:
            return made
        cost = self.cost_matrix(free, queued, now)
        result = solve_assignment(cost)
        for r, c in zip(result.rows.tolist(), result.cols.tolist(), strict=True):
            why = f"assigned: cost {cost[r, c]:.1f} s"
            made.append(self._assign(queued[c], free[r], who=DISPATCHER, why=why))
        return made

    def cost_matrix(
        self, vehicles: list[Vehicle], tasks: list[Task], now: float
    ) -> np.ndarray[tuple[int, int], np.dtype[np.float64]]:
        """Return the ``(vehicles, tasks)`` cost matrix, ``inf`` for forbidden pairs.

        Travel times are asked once per distinct (location, origin) pair and class checks once
        per distinct (class, task classes) pair, so a large fleet on a site with few points of
        interest costs array work, not a Python call per pair; cost terms, if any, are called
        per allowed pair.
        """
        locations = {loc: k for k, loc in enumerate(sorted({v.location for v in vehicles}))}
        origins = {org: k for k, org in enumerate(sorted({t.origin for t in tasks}))}
        loc_index = np.array([locations[v.location] for v in vehicles], dtype=np.int64)
        org_index = np.array([origins[t.origin] for t in tasks], dtype=np.int64)
        travel = np.array(
            [[self._travel.seconds(a, b) for b in origins] for a in locations], dtype=np.float64
        ).reshape(len(locations), len(origins))
        classes = {c: k for k, c in enumerate(sorted({v.vehicle_class for v in vehicles}))}
        cls_index = np.array([classes[v.vehicle_class] for v in vehicles], dtype=np.int64)
        capable = np.array(
            [[c in t.vehicle_classes for t in tasks] for c in classes], dtype=np.bool_
        ).reshape(len(classes), len(tasks))
        priority = np.array([t.priority for t in tasks], dtype=np.float64)
        base = travel[np.ix_(loc_index, org_index)]
        cost = np.where(
            capable[cls_index], base - self._priority_weight * priority[None, :], np.inf
        )
        if self._terms:
            for i, j in zip(*np.nonzero(np.isfinite(cost)), strict=True):
                vehicle, task = vehicles[i], tasks[j]
                travel_s = float(base[i, j])
                cost[i, j] += sum(term(task, vehicle, travel_s, now) for term in self._terms)
        return cost

    # ------------------------------------------------------------------ internals

    def _maybe_dispatch(self) -> None:
        if self.auto:
            self.dispatch()

    def _override_target(self, vehicle_id: str, operator: str) -> Vehicle:
        """Return the vehicle an override names; refuse an anonymous or unknown one."""
        if not operator:
            raise OverrideError("an override needs the operator's id")
        vehicle = self._vehicles.get(vehicle_id)
        if vehicle is None:
            raise OverrideError(f"override refused: unknown vehicle {vehicle_id!r}")
        return vehicle

    def _assign(self, task: Task, vehicle: Vehicle, *, who: str, why: str) -> Transition:
        record = self._move(
            task, TaskState.ASSIGNED, who=who, why=why, vehicle_id=vehicle.vehicle_id
        )
        vehicle.task_id = task.task_id
        self._set_status(vehicle, VehicleStatus.BUSY, who=who, why=f"task {task.task_id}")
        return record

    def _requeue(self, task: Task, vehicle: Vehicle, *, who: str, why: str) -> None:
        self._move(task, TaskState.QUEUED, who=who, why=why)
        vehicle.task_id = None
        if vehicle.status is VehicleStatus.BUSY:
            self._set_status(vehicle, VehicleStatus.AVAILABLE, who=who, why=why)

    def _free(self, vehicle: Vehicle, *, who: str, why: str) -> None:
        vehicle.task_id = None
        if vehicle.status is VehicleStatus.BUSY:
            self._set_status(vehicle, VehicleStatus.AVAILABLE, who=who, why=why)

    def _set_unusable(self, vehicle_id: str, status: VehicleStatus, why: str) -> None:
        vehicle = self.vehicle(vehicle_id)
        if vehicle.task_id is not None:
            self._requeue(self._tasks[vehicle.task_id], vehicle, who=vehicle_id, why=why)
        self._pins.pop(vehicle_id, None)
        self._set_status(vehicle, status, who=vehicle_id, why=why)
        self._maybe_dispatch()

    def _drop_pins_of(self, task_id: str) -> None:
        for vehicle_id, (pinned, _) in list(self._pins.items()):
            if pinned == task_id:
                del self._pins[vehicle_id]

    def _move(
        self,
        task: Task,
        new: TaskState,
        *,
        who: str,
        why: str,
        vehicle_id: str | None = None,
    ) -> Transition:
        old_vehicle = task.vehicle_id
        record = task.move(new, at=self._clock(), who=who, why=why, vehicle_id=vehicle_id)
        self._counts[record.old] -= 1
        self._counts[record.new] += 1
        self._emit(
            TaskTransitioned(
                record.at,
                task.task_id,
                task.type_id,
                record.old.value,
                record.new.value,
                record.vehicle_id or old_vehicle,
                who,
                why,
            )
        )
        if task.final:
            self._retire(task)
        return record

    def _retire(self, task: Task) -> None:
        """Keep a task that just finished; drop the oldest finished past ``keep_finished``."""
        self._finished.append(task.task_id)
        while len(self._finished) > self._keep_finished:
            old = self._finished.popleft()
            if self._tasks.pop(old, None) is not None:
                del self._seq[old]
                self.dropped += 1

    def _set_status(self, vehicle: Vehicle, new: VehicleStatus, *, who: str, why: str) -> None:
        if vehicle.status is new:
            return
        old = vehicle.status
        vehicle.status = new
        self._emit(
            VehicleStatusChanged(self._clock(), vehicle.vehicle_id, old.value, new.value, who, why)
        )
