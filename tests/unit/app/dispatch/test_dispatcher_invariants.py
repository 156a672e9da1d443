"""Random sequences of fleet events and overrides never break the dispatcher's invariants."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.dispatch.dispatcher import Dispatcher, VehicleStatus
from app.core.dispatch.errors import DispatchError
from app.core.dispatch.events import TaskTransitioned
from app.core.dispatch.tasks import Task, TaskState

if TYPE_CHECKING:
    from app.core.bus import Event

PLACES = ("A", "B", "L1", "L2", "D")
VEHICLES = ("T1", "T2", "T3", "LV")
OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "submit",
                "start",
                "done",
                "fault",
                "offline",
                "recover",
                "pin",
                "hold",
                "release",
                "cancel",
                "close",
                "dispatch",
            ]
        ),
        st.integers(0, 3),
        st.integers(0, 7),
    ),
    max_size=40,
)


class Table:
    def __init__(self, closed: frozenset[str]) -> None:
        self.closed = closed

    def seconds(self, origin: str, destination: str) -> float:
        if destination in self.closed:
            return math.inf
        return (
            0.0 if origin == destination else 10.0 * (1 + sum(map(ord, origin + destination)) % 7)
        )


def _check(d: Dispatcher, events: list[Event], keep: int) -> None:
    # Retention: every open task is kept, at most ``keep`` finished ones, and the counts by
    # state are exact (replayed from the events, dropped tasks included).
    replay = dict.fromkeys(TaskState, 0)
    replay[TaskState.QUEUED] = d.submitted
    for event in events:
        if isinstance(event, TaskTransitioned):
            replay[TaskState(event.old)] -= 1
            replay[TaskState(event.new)] += 1
    assert d.counts() == replay
    kept = dict.fromkeys(TaskState, 0)
    for task in d.tasks.values():
        kept[task.state] += 1
    for state in (TaskState.QUEUED, TaskState.ASSIGNED, TaskState.RUNNING):
        assert kept[state] == replay[state]
    assert kept[TaskState.DONE] + kept[TaskState.FAILED] <= keep
    assert d.dropped == replay[TaskState.DONE] + replay[TaskState.FAILED] - (
        kept[TaskState.DONE] + kept[TaskState.FAILED]
    )
    holders: dict[str, str] = {}
    for task in d.tasks.values():
        if task.state in (TaskState.ASSIGNED, TaskState.RUNNING):
            assert task.vehicle_id is not None
            assert task.vehicle_id not in holders, "a vehicle holds two tasks"
            holders[task.vehicle_id] = task.task_id
            vehicle = d.vehicle(task.vehicle_id)
            assert vehicle.task_id == task.task_id
            assert vehicle.status is VehicleStatus.BUSY
            assert vehicle.vehicle_class in task.vehicle_classes
        else:
            assert task.vehicle_id is None
    for vehicle in d.vehicles.values():
        if vehicle.status in (VehicleStatus.HELD, VehicleStatus.FAULT, VehicleStatus.OFFLINE):
            assert vehicle.task_id is None
            assert vehicle.vehicle_id not in d.pins
        if vehicle.status is VehicleStatus.BUSY:
            assert vehicle.vehicle_id in holders
    # Overrides win: a pinned task is never with another vehicle, and once the pinned vehicle
    # is free a dispatch gives it the task.
    for vehicle_id, (task_id, _) in d.pins.items():
        task = d.task(task_id)
        assert task.vehicle_id in (None, vehicle_id), f"pinned {task_id} is with {task.vehicle_id}"
        vehicle = d.vehicle(vehicle_id)
        if vehicle.status is VehicleStatus.AVAILABLE and task.state is TaskState.QUEUED:
            raise AssertionError(f"pin {vehicle_id} -> {task_id} not served by auto dispatch")


@settings(max_examples=300, deadline=None)
@given(ops=OPERATIONS, keep=st.integers(0, 3))
def test_invariants_hold_under_any_sequence(ops: list[tuple[str, int, int]], keep: int) -> None:
    now = [0.0]
    events: list[Event] = []
    d = Dispatcher(Table(frozenset()), clock=lambda: now[0], emit=events.append, keep_finished=keep)
    for k, vid in enumerate(VEHICLES):
        d.add_vehicle(vid, "light_vehicle" if vid == "LV" else "truck", PLACES[k % 2])
    count = 0
    for op, v, t in ops:
        now[0] += 1.0
        vid = VEHICLES[v]
        task_ids = sorted(d.tasks)
        tid = task_ids[t % len(task_ids)] if task_ids else "none"
        try:
            if op == "submit":
                classes = frozenset({"light_vehicle"} if t == 7 else {"truck"})
                d.submit(Task(f"k{count}", "x", PLACES[2 + t % 2], "D", classes, priority=t % 3))
                count += 1
            elif op == "start":
                task = d.task(tid)
                d.task_started(tid, who=task.vehicle_id or "?")
            elif op == "done":
                d.task_done(tid, who="v", location="D")
            elif op == "fault":
                d.vehicle_fault(vid, reason="test")
            elif op == "offline":
                d.vehicle_offline(vid)
            elif op == "recover":
                d.vehicle_recovered(vid, location=PLACES[t % len(PLACES)])
            elif op == "pin":
                d.pin(vid, tid, operator="op")
            elif op == "hold":
                d.hold(vid, operator="op", reason="test")
            elif op == "release":
                d.release(vid, operator="op")
            elif op == "cancel":
                d.cancel(tid, who="op", why="test")
            elif op == "close":
                d.set_travel_times(Table(frozenset({PLACES[2 + t % 2]})), who="op", why="closed")
            else:
                d.dispatch()
        except DispatchError:
            pass  # refused requests (unknown ids, bad transitions) must change nothing unsafe
        _check(d, events, keep)
    assert all(e.at >= 0 for e in events)
