"""A shift of tasks: the dispatcher keeps open tasks and the latest finished; counts exact."""

from __future__ import annotations

import logging
import random
from typing import TYPE_CHECKING

import pytest

from app.core.bus import TaskChanged
from app.core.dispatch.dispatcher import Dispatcher
from app.core.dispatch.errors import DispatchError
from app.core.dispatch.events import TaskTransitioned
from app.core.dispatch.site import SiteDispatch
from app.core.dispatch.tasks import Task, TaskState
from app.core.service import SiteService
from maps.site import default_site_path, load_site
from plugins.runtime import load_site_packs

if TYPE_CHECKING:
    from app.core.bus import Event

PLACES = ("L1", "L2", "D")


class Table:
    def seconds(self, origin: str, destination: str) -> float:
        return 0.0 if origin == destination else 60.0 + 10.0 * (ord(origin[-1]) % 3)


def _task(task_id: str, k: int, classes: str = "truck") -> Task:
    return Task(task_id, "mining.haul_cycle", PLACES[k % 2], "D", frozenset({classes}))


def test_a_long_run_stays_bounded_and_the_counts_stay_exact() -> None:
    now = [0.0]
    events: list[Event] = []
    keep = 40
    d = Dispatcher(Table(), clock=lambda: now[0], emit=events.append, keep_finished=keep)
    for v in range(6):
        d.add_vehicle(f"T{v}", "truck", "D")
    # Tasks nobody can do stay queued all along: open tasks are never dropped.
    for k in range(3):
        d.submit(_task(f"w{k}", k, classes="water_truck"))
    rng = random.Random(7)
    finished: list[str] = []
    most = 0
    for k in range(3000):
        now[0] += 30.0
        d.submit(_task(f"k{k:05d}", k))
        for v in range(6):
            vehicle = d.vehicle(f"T{v}")
            task_id = vehicle.task_id
            if task_id is None:
                continue
            task = d.task(task_id)
            if task.state is TaskState.ASSIGNED:
                d.task_started(task_id, who=vehicle.vehicle_id)
            elif rng.random() < 0.5:
                if rng.random() < 0.1:
                    d.task_failed(task_id, who=vehicle.vehicle_id, why="blocked", location="D")
                else:
                    d.task_done(task_id, who=vehicle.vehicle_id, location="D")
                finished.append(task_id)
        if rng.random() < 0.02:
            queued = [t for t in d.tasks.values() if t.state is TaskState.QUEUED]
            if queued and queued[0].task_id not in ("w0", "w1", "w2"):
                d.cancel(queued[0].task_id, who="op-1", why="test")
                finished.append(queued[0].task_id)
        open_ = sum(1 for t in d.tasks.values() if not t.final)
        kept = [t.task_id for t in d.tasks.values() if t.final]
        assert len(kept) <= keep
        most = max(most, len(d.tasks))
        if len(finished) >= keep:
            assert sorted(kept) == sorted(finished[-keep:])  # the latest to finish
        assert open_ == len(d.tasks) - len(kept)
    # Bounded: every open task (a few) and the last 40 finished, out of 3,000.
    assert most <= keep + 3 + 6 + 2 * 6
    assert {"w0", "w1", "w2"} <= set(d.tasks)
    # Exact counts over the whole run, replayed from the events (the audit record).
    replay = dict.fromkeys(TaskState, 0)
    replay[TaskState.QUEUED] = 3003
    for event in events:
        if isinstance(event, TaskTransitioned):
            replay[TaskState(event.old)] -= 1
            replay[TaskState(event.new)] += 1
    assert d.counts() == replay
    assert sum(d.counts().values()) == d.submitted == 3003
    assert d.counts()[TaskState.DONE] + d.counts()[TaskState.FAILED] == len(finished)
    assert d.dropped == len(finished) - keep
    assert d.dropped > 2000


def test_a_dropped_task_is_unknown_and_a_late_report_changes_nothing() -> None:
    now = [0.0]
    d = Dispatcher(Table(), clock=lambda: now[0], emit=lambda e: None, keep_finished=2)
    d.add_vehicle("T1", "truck", "D")
    for k in range(4):
        d.submit(_task(f"k{k}", k))
        d.task_started(f"k{k}", who="T1")
        d.task_done(f"k{k}", who="T1", location="D")
    assert set(d.tasks) == {"k2", "k3"}
    before = d.counts()
    with pytest.raises(DispatchError, match="no longer kept"):
        d.task_done("k0", who="T1", location="D")
    with pytest.raises(DispatchError, match="unknown task 'k1'"):
        d.pin("T1", "k1", operator="op-1")
    assert d.counts() == before
    assert d.vehicle("T1").task_id is None
    # A task id never seen again can be submitted (the dispatcher forgot it).
    d.submit(_task("k0", 0))
    assert d.task("k0").state is TaskState.ASSIGNED


def test_submitted_since_names_new_tasks_across_drops() -> None:
    d = Dispatcher(Table(), clock=lambda: 0.0, emit=lambda e: None, keep_finished=1, auto=False)
    d.add_vehicle("T1", "truck", "D")
    for k in range(3):
        d.submit(_task(f"a{k}", k))
    seen = d.submitted
    assert d.submitted_since(0) == ["a0", "a1", "a2"]
    d.cancel("a0", who="op", why="x")
    d.cancel("a1", who="op", why="x")  # a0 dropped
    d.submit(_task("b0", 0))
    d.submit(_task("b1", 1))
    d.cancel("b0", who="op", why="x")  # a1 dropped; b0 kept
    assert d.submitted_since(seen) == ["b0", "b1"]
    assert d.submitted_since(0) == ["a2", "b0", "b1"]
    assert d.submitted_since(d.submitted) == []
    assert d.counts()[TaskState.FAILED] == 3
    assert d.dropped == 2


def test_keep_finished_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="keep_finished"):
        Dispatcher(Table(), clock=lambda: 0.0, emit=lambda e: None, keep_finished=-1)


def test_nothing_finished_is_kept_when_asked() -> None:
    d = Dispatcher(Table(), clock=lambda: 0.0, emit=lambda e: None, keep_finished=0)
    d.add_vehicle("T1", "truck", "D")
    d.submit(_task("k0", 0))
    d.task_started("k0", who="T1")
    d.task_done("k0", who="T1", location="D")
    assert dict(d.tasks) == {}
    assert d.counts()[TaskState.DONE] == 1
    assert d.vehicle("T1").task_id is None
    assert d.dropped == 1


def test_the_site_ignores_a_late_report_of_a_dropped_task_with_a_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    site = load_site(default_site_path())
    packs = load_site_packs(default_site_path(), site, builtin_only=True).contributions
    service = SiteService(site.site_id)
    dispatch = SiteDispatch(
        site,
        packs,
        bus=service.bus,
        fleet=service.fleet,
        links=service,
        clock=lambda: 1000.0,
        jit=False,
    )
    d = dispatch.dispatcher
    haul = packs.tasks["mining.haul_cycle"]
    loader, dump = site.pois_of_kind("loading")[0].id, site.pois_of_kind("dump")[0].id
    for k in range(d.keep_finished + 1):
        d.submit(Task.of_type(haul, f"h{k}", origin=loader, destination=dump))
        d.cancel(f"h{k}", who="op-1", why="shift test")
    assert "h0" not in d.tasks
    assert len(d.tasks) == d.keep_finished
    before = d.counts()
    with caplog.at_level(logging.INFO, logger="app.core.dispatch.site"):
        service.bus.publish(TaskChanged(1001.0, "h0", "t-1", "done", ""))
    assert "t-1 done of task h0 ignored: not kept" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert d.counts() == before
    assert before[TaskState.FAILED] == d.keep_finished + 1
