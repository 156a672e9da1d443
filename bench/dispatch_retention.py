"""Dispatcher retention benchmark: memory and the assignment pass after a shift of finished tasks.

A :class:`app.core.dispatch.Dispatcher` with 20 trucks on four places runs ``--tasks`` haul
tasks (100,000 by default, about a 12-hour shift at a very busy site several times over)
through queued -> assigned -> running -> done, 20 at a time: submit, ``dispatch()``,
``task_started``, ``task_done`` (three recorded transitions each, as on a site). Twice:

* ``kept`` - the dispatcher as it is (every open task and the last ``KEEP_FINISHED`` finished);
* ``all`` - ``keep_finished`` set past the number of tasks: every task and its history kept,
  as the dispatcher did before it bounded them.

Reported for each: the memory the dispatcher holds at the end (``tracemalloc``, after a
collection, the dispatcher's own allocations only: events are counted and discarded), the
tasks it still holds, and the median of the last 200 ``dispatch()`` calls (a separate run
without ``tracemalloc``), which pass over the tasks to find the queued ones.

Usage::

    python bench/dispatch_retention.py              # 100,000 tasks
    python bench/dispatch_retention.py --tasks 20000

The final line is JSON: ``kept_mib``, ``all_mib``, ``kept_tasks``, ``all_tasks``,
``kept_dispatch_ms``, ``all_dispatch_ms``, ``tasks``, ``keep_finished``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc

from app.core.dispatch import Dispatcher, Task, TaskState, warm_up
from app.core.dispatch.dispatcher import KEEP_FINISHED

TRUCKS = 20
PLACES = ("L1", "L2", "L3", "D1")


class _Table:
    """Travel times between four places (seconds)."""

    def seconds(self, origin: str, destination: str) -> float:
        return 0.0 if origin == destination else 120.0 + 30.0 * (ord(origin[-1]) % 3)


def _run(tasks: int, keep: int, *, trace: bool) -> tuple[float, int, float]:
    """Return (MiB held, tasks held, median ms of the last 200 dispatch calls)."""
    emitted = [0]

    def emit(_event: object) -> None:
        emitted[0] += 1

    gc.collect()
    if trace:
        tracemalloc.start()
    now = [0.0]
    d = Dispatcher(_Table(), clock=lambda: now[0], emit=emit, auto=False, keep_finished=keep)
    for v in range(TRUCKS):
        d.add_vehicle(f"T{v:02d}", "haul_truck", PLACES[v % len(PLACES)])
    times: list[float] = []
    classes = frozenset({"haul_truck"})
    for k in range(0, tasks, TRUCKS):
        now[0] += 60.0
        for j in range(k, min(k + TRUCKS, tasks)):
            d.submit(
                Task(f"haul-{j:07d}", "mining.haul_cycle", PLACES[j % 3], "D1", classes, 0, now[0])
            )
        t0 = time.perf_counter()
        made = d.dispatch()
        times.append(time.perf_counter() - t0)
        for record in made:
            vehicle = record.vehicle_id or ""
            task_id = d.vehicle(vehicle).task_id or ""
            d.task_started(task_id, who=vehicle)
            d.task_done(task_id, who=vehicle, location="D1")
    assert d.counts()[TaskState.DONE] == tasks, d.counts()
    gc.collect()
    mib = 0.0
    if trace:
        mib = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
    return mib, len(d.tasks), statistics.median(times[-200:]) * 1e3


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the figures, then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000, help="haul tasks to run")
    args = parser.parse_args(argv)
    out: dict[str, float | int] = {"tasks": args.tasks, "keep_finished": KEEP_FINISHED}
    warm_up()
    _run(TRUCKS * 10, KEEP_FINISHED, trace=False)  # compiled and cached before measuring
    for name, keep in (("kept", KEEP_FINISHED), ("all", args.tasks + 1)):
        mib, held, _ = _run(args.tasks, keep, trace=True)
        _, _, ms = _run(args.tasks, keep, trace=False)
        print(
            f"{name}: {held:,} tasks held, {mib:.1f} MiB, dispatch() {ms:.3f} ms "
            f"(median of the last 200)",
            file=sys.stderr,
        )
        out[f"{name}_mib"] = round(mib, 2)
        out[f"{name}_tasks"] = held
        out[f"{name}_dispatch_ms"] = round(ms, 3)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
