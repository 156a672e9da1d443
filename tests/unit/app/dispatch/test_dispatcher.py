"""The dispatcher service: optimal assignment, re-dispatch, overrides that always win."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest

from app.core.dispatch.dispatcher import Dispatcher, VehicleStatus
from app.core.dispatch.errors import OverrideError, TransitionError
from app.core.dispatch.events import OverrideApplied, TaskTransitioned
from app.core.dispatch.tasks import Task, TaskState

if TYPE_CHECKING:
    from app.core.bus import Event


class Table:
    """Travel times from a dict; unknown pairs are unreachable, same place is 0."""

    def __init__(self, times: dict[tuple[str, str], float]) -> None:
        self.times = times

    def seconds(self, origin: str, destination: str) -> float:
        if origin == destination:
            return 0.0
        return self.times.get((origin, destination), math.inf)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


TIMES = {
    ("A", "L1"): 100.0,
    ("A", "L2"): 300.0,
    ("B", "L1"): 120.0,
    ("B", "L2"): 150.0,
    ("L1", "D"): 200.0,
    ("L2", "D"): 200.0,
}


def _task(
    task_id: str, origin: str, *, classes: tuple[str, ...] = ("truck",), priority: int = 0
) -> Task:
    return Task(task_id, "mining.haul_cycle", origin, "D", frozenset(classes), priority=priority)


@pytest.fixture
def events() -> list[Event]:
    return []


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def dispatcher(events: list[Event], clock: Clock) -> Dispatcher:
    d = Dispatcher(Table(dict(TIMES)), clock=clock, emit=events.append)
    d.add_vehicle("T1", "truck", "A")
    d.add_vehicle("T2", "truck", "B")
    return d


def test_assignment_minimises_total_travel_not_each_vehicle_greedily(
    dispatcher: Dispatcher,
) -> None:
    # Greedy T1 -> L1 (100) leaves T2 -> L2 (150): 250. T2 -> L1, T1 -> L2 is 420. Optimal: 250.
    dispatcher.submit(_task("k1", "L1"))
    dispatcher.submit(_task("k2", "L2"))
    assert dispatcher.task("k1").vehicle_id == "T1"
    assert dispatcher.task("k2").vehicle_id == "T2"
    assert dispatcher.vehicle("T1").status is VehicleStatus.BUSY


def test_priority_wins_the_only_free_vehicle(dispatcher: Dispatcher) -> None:
    dispatcher.vehicle_offline("T2")
    dispatcher.auto = False
    dispatcher.submit(_task("near", "L1"))
    dispatcher.submit(_task("urgent", "L2", priority=5))
    dispatcher.dispatch()
    assert dispatcher.task("urgent").state is TaskState.ASSIGNED
    assert dispatcher.task("near").state is TaskState.QUEUED


def test_vehicle_of_wrong_class_never_gets_the_task(dispatcher: Dispatcher) -> None:
    dispatcher.submit(_task("lv", "L1", classes=("light_vehicle",)))
    assert dispatcher.task("lv").state is TaskState.QUEUED


def test_fault_requeues_and_redispatches_with_a_record(
    dispatcher: Dispatcher, events: list[Event], clock: Clock
) -> None:
    dispatcher.submit(_task("k1", "L1"))
    assert dispatcher.task("k1").vehicle_id == "T1"
    dispatcher.task_started("k1", who="T1")
    clock.now = 200.0
    dispatcher.vehicle_fault("T1", reason="hydraulic pressure")
    task = dispatcher.task("k1")
    assert task.vehicle_id == "T2"
    assert task.state is TaskState.ASSIGNED
    requeue = task.history[-2]
    assert (requeue.old, requeue.new) == (TaskState.RUNNING, TaskState.QUEUED)
    assert requeue.who == "T1"
    assert requeue.why == "fault: hydraulic pressure"
    assert requeue.at == 200.0
    assert dispatcher.vehicle("T1").status is VehicleStatus.FAULT
    moves = [(e.old, e.new) for e in events if isinstance(e, TaskTransitioned)]
    assert moves == [
        ("queued", "assigned"),
        ("assigned", "running"),
        ("running", "queued"),
        ("queued", "assigned"),
    ]


def test_road_closure_requeues_tasks_that_became_unreachable(dispatcher: Dispatcher) -> None:
    dispatcher.submit(_task("k1", "L1"))
    closed = {k: v for k, v in TIMES.items() if k != ("A", "L1")}
    dispatcher.set_travel_times(Table(closed), who="dispatcher", why="road R7 closed")
    task = dispatcher.task("k1")
    assert task.vehicle_id == "T2"
    assert any(t.why == "unreachable: road R7 closed" for t in task.history)


def test_pin_beats_the_optimiser_and_is_recorded(
    dispatcher: Dispatcher, events: list[Event]
) -> None:
    dispatcher.auto = False
    dispatcher.submit(_task("k1", "L1"))
    dispatcher.pin("T2", "k1", operator="op-7", reason="radio call")
    dispatcher.dispatch()
    task = dispatcher.task("k1")
    assert task.vehicle_id == "T2"
    assert task.history[-1].who == "op-7"
    pins = [e for e in events if isinstance(e, OverrideApplied)]
    assert [(p.operator, p.action, p.vehicle_id, p.task_id) for p in pins] == [
        ("op-7", "pin", "T2", "k1")
    ]


def test_pin_takes_the_task_from_another_vehicle(dispatcher: Dispatcher) -> None:
    dispatcher.submit(_task("k1", "L1"))
    assert dispatcher.task("k1").vehicle_id == "T1"
    dispatcher.pin("T2", "k1", operator="op-7")
    assert dispatcher.task("k1").vehicle_id == "T2"
    assert dispatcher.vehicle("T1").status is VehicleStatus.AVAILABLE


def test_pin_on_busy_vehicle_waits_until_it_is_free(dispatcher: Dispatcher) -> None:
    dispatcher.submit(_task("k1", "L1"))
    dispatcher.task_started("k1", who="T1")
    dispatcher.vehicle_offline("T2")
    dispatcher.submit(_task("k2", "L2"))
    assert dispatcher.task("k2").state is TaskState.QUEUED
    dispatcher.pin("T1", "k2", operator="op-1")
    assert dispatcher.task("k2").state is TaskState.QUEUED
    dispatcher.task_done("k1", who="T1", location="D")
    assert dispatcher.task("k2").vehicle_id == "T1"


def test_hold_always_wins_and_release_returns_the_vehicle(dispatcher: Dispatcher) -> None:
    dispatcher.vehicle_offline("T2")
    dispatcher.submit(_task("k1", "L1"))
    dispatcher.task_started("k1", who="T1")
    dispatcher.hold("T1", operator="op-3", reason="tyre check")
    task = dispatcher.task("k1")
    assert task.state is TaskState.QUEUED
    assert task.history[-1].who == "op-3"
    assert dispatcher.vehicle("T1").status is VehicleStatus.HELD
    dispatcher.dispatch()
    assert task.state is TaskState.QUEUED  # a held vehicle gets nothing
    dispatcher.release("T1", operator="op-3")
    assert task.vehicle_id == "T1"


@pytest.mark.parametrize(
    ("vehicle", "task", "operator", "words"),
    [
        ("T9", "k1", "op", "unknown vehicle"),
        ("T1", "zz", "op", "unknown task"),
        ("T1", "lv", "op", "is a truck"),
        ("T1", "k1", "", "operator"),
    ],
)
def test_bad_pins_are_refused_with_the_reason(
    dispatcher: Dispatcher, vehicle: str, task: str, operator: str, words: str
) -> None:
    dispatcher.submit(_task("k1", "L1"))
    dispatcher.submit(_task("lv", "L1", classes=("light_vehicle",)))
    with pytest.raises(OverrideError, match=words):
        dispatcher.pin(vehicle, task, operator=operator)


def test_pin_to_a_held_vehicle_is_refused(dispatcher: Dispatcher) -> None:
    dispatcher.hold("T1", operator="op", reason="x")
    dispatcher.submit(_task("k1", "L1"))
    with pytest.raises(OverrideError, match="held"):
        dispatcher.pin("T1", "k1", operator="op")


def test_state_machine_refuses_skipping_states() -> None:
    task = _task("k", "L1")
    with pytest.raises(TransitionError, match="queued -> running"):
        task.move(TaskState.RUNNING, at=0.0, who="x", why="y")
    with pytest.raises(TransitionError, match="needs a vehicle"):
        task.move(TaskState.ASSIGNED, at=0.0, who="x", why="y")
    task.move(TaskState.FAILED, at=1.0, who="op", why="cancelled")
    with pytest.raises(TransitionError):
        task.move(TaskState.QUEUED, at=2.0, who="x", why="y")


def test_done_frees_the_vehicle_at_the_destination(dispatcher: Dispatcher) -> None:
    dispatcher.vehicle_offline("T2")
    dispatcher.submit(_task("k1", "L1"))
    dispatcher.task_started("k1", who="T1")
    dispatcher.task_done("k1", who="T1", location="D")
    vehicle = dispatcher.vehicle("T1")
    assert (vehicle.status, vehicle.location, vehicle.task_id) == (
        VehicleStatus.AVAILABLE,
        "D",
        None,
    )
    assert [t.new for t in dispatcher.task("k1").history] == [
        TaskState.ASSIGNED,
        TaskState.RUNNING,
        TaskState.DONE,
    ]


def test_task_of_a_pack_type_takes_its_id_and_vehicle_classes() -> None:
    from sectors.mining.catalogue import TASKS

    haul = next(t for t in TASKS if t.id == "mining.haul_cycle")
    task = Task.of_type(haul, "h1", origin="LD1", destination="DP1", priority=2)
    assert (task.type_id, task.vehicle_classes, task.priority) == (
        "mining.haul_cycle",
        frozenset({"haul_truck"}),
        2,
    )
    assert task.state is TaskState.QUEUED


def test_cost_matrix_prices_travel_minus_priority_and_forbids_the_impossible(
    dispatcher: Dispatcher,
) -> None:
    tasks = [
        _task("a", "L1", priority=1),
        _task("b", "L2", classes=("light_vehicle",)),
        _task("c", "X"),
    ]
    vehicles = [dispatcher.vehicle("T1"), dispatcher.vehicle("T2")]
    cost = dispatcher.cost_matrix(vehicles, tasks, 0.0)
    assert cost[0, 0] == 100.0 - 60.0
    assert cost[1, 0] == 120.0 - 60.0
    assert math.isinf(cost[0, 1])  # wrong class
    assert math.isinf(cost[0, 2])  # no road
