"""Haul KPIs from task progress: tonnes and moves per hour, queue time, cycle time, march rate.

The site's dispatch service feeds :class:`HaulKpis` with what the edge nodes report about
tasks of the haul type (loading point to dump: a mining haul cycle, a logistics yard move, a
defense resupply): a vehicle began queueing at a loader, began loading, began its loaded drive
(of so many metres), dumped so many tonnes, finished the task. :meth:`HaulKpis.values` turns
that into the packs' KPI ids with the aggregation each :class:`plugins.records.KpiDefinition`
declares (``p50`` here, ``p90`` or ``mean``):

* ``mining.tonnes_per_hour`` - tonnes dumped over the last hour;
* ``mining.loader_queue_time``, ``logistics.crane_wait_time`` - wait at the loading point;
* ``mining.cycle_time`` - load to load per vehicle;
* ``logistics.moves_per_hour`` - haul-type tasks completed over the last hour;
* ``defense.march_rate`` - km/h of the loaded drive, start to arrival, halts included;
* ``logistics.dock_turn_time`` - arrival at a door (a docking task's service step, its wait
  for the door included) to the start of the pull-out.

The clock is the caller's; nothing here reads the wall clock.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CRANE_WAIT_TIME",
    "CYCLE_TIME",
    "DOCK_TURN_TIME",
    "MARCH_RATE",
    "MOVES_PER_HOUR",
    "QUEUE_TIME",
    "TONNES_PER_HOUR",
    "HaulKpis",
]

TONNES_PER_HOUR = "mining.tonnes_per_hour"
QUEUE_TIME = "mining.loader_queue_time"
CYCLE_TIME = "mining.cycle_time"
MOVES_PER_HOUR = "logistics.moves_per_hour"
CRANE_WAIT_TIME = "logistics.crane_wait_time"
MARCH_RATE = "defense.march_rate"
DOCK_TURN_TIME = "logistics.dock_turn_time"

WINDOW_S = 3600.0
"""Tonnes per hour are counted over the last hour (or since the start, if shorter)."""
SAMPLES = 256
"""Queue and cycle times aggregated over the latest this many (bounded)."""


class HaulKpis:
    """Rolling haul KPIs.

    Parameters
    ----------
    start
        Clock time production began (tonnes per hour are counted from here while the window
        is not yet full).
    aggregation
        KPI id -> ``"p50"``, ``"p90"`` or ``"mean"`` (the pack's declaration); ids not given
        are aggregated as the median.
    """

    def __init__(self, start: float, aggregation: Mapping[str, str] | None = None) -> None:
        self.start = start
        self._aggregation = dict(aggregation or {})
        self._dumps: deque[tuple[float, float]] = deque()
        self._queue_since: dict[str, float] = {}
        self._queue_s: deque[float] = deque(maxlen=SAMPLES)
        self._last_load: dict[str, float] = {}
        self._cycle_s: deque[float] = deque(maxlen=SAMPLES)
        self._done: deque[float] = deque()
        self._march_since: dict[str, tuple[float, float]] = {}
        self._march_kmh: deque[float] = deque(maxlen=SAMPLES)
        self._dock_since: dict[str, float] = {}
        self._dock_s: deque[float] = deque(maxlen=SAMPLES)
        self.tonnes = 0.0
        """Tonnes dumped since the start."""
        self.loads = 0
        """Loads started since the start."""

    def queue_started(self, vehicle_id: str, at: float) -> None:
        """Record that a truck reached a busy loader and waits."""
        self._queue_since.setdefault(vehicle_id, at)

    def load_started(self, vehicle_id: str, at: float) -> None:
        """Record that a truck began loading (its queue wait ends; a cycle ends, one begins)."""
        since = self._queue_since.pop(vehicle_id, at)
        self._queue_s.append(max(0.0, at - since))
        last = self._last_load.get(vehicle_id)
        if last is not None:
            self._cycle_s.append(max(0.0, at - last))
        self._last_load[vehicle_id] = at
        self.loads += 1

    def dumped(self, tonnes: float, at: float) -> None:
        """Record that a truck dumped ``tonnes``."""
        if tonnes > 0:
            self._dumps.append((at, tonnes))
            self.tonnes += tonnes

    def march_started(self, vehicle_id: str, metres: float, at: float) -> None:
        """Record that a vehicle began its loaded drive of ``metres``."""
        if metres > 0:
            self._march_since[vehicle_id] = (at, metres)

    def march_ended(self, vehicle_id: str, at: float) -> None:
        """Record that a vehicle arrived at the end of its loaded drive."""
        since = self._march_since.pop(vehicle_id, None)
        if since is not None and at > since[0]:
            self._march_kmh.append(since[1] / (at - since[0]) * 3.6)

    def dock_arrived(self, vehicle_id: str, at: float) -> None:
        """Record that a vehicle reached its door (waiting for it, or served at once)."""
        self._dock_since.setdefault(vehicle_id, at)

    def dock_left(self, vehicle_id: str, at: float) -> None:
        """Record that a vehicle began to pull out from its door."""
        since = self._dock_since.pop(vehicle_id, None)
        if since is not None:
            self._dock_s.append(max(0.0, at - since))

    def completed(self, at: float) -> None:
        """Record that a haul-type task was done."""
        self._done.append(at)

    def abandoned(self, vehicle_id: str) -> None:
        """Forget a truck's open wait, cycle and drive (it faulted or was re-dispatched)."""
        self._queue_since.pop(vehicle_id, None)
        self._last_load.pop(vehicle_id, None)
        self._march_since.pop(vehicle_id, None)
        self._dock_since.pop(vehicle_id, None)

    def values(self, now: float) -> dict[str, float]:
        """Return the KPI values at ``now`` (0 where nothing was measured yet)."""
        while self._dumps and self._dumps[0][0] < now - WINDOW_S:
            self._dumps.popleft()
        while self._done and self._done[0] < now - WINDOW_S:
            self._done.popleft()
        span = min(WINDOW_S, now - self.start)
        dumped = sum(t for _, t in self._dumps)
        return {
            TONNES_PER_HOUR: dumped * 3600.0 / span if span > 0 else 0.0,
            QUEUE_TIME: self._aggregate(QUEUE_TIME, self._queue_s),
            CYCLE_TIME: self._aggregate(CYCLE_TIME, self._cycle_s),
            MOVES_PER_HOUR: len(self._done) * 3600.0 / span if span > 0 else 0.0,
            CRANE_WAIT_TIME: self._aggregate(CRANE_WAIT_TIME, self._queue_s),
            MARCH_RATE: self._aggregate(MARCH_RATE, self._march_kmh),
            DOCK_TURN_TIME: self._aggregate(DOCK_TURN_TIME, self._dock_s),
        }

    def _aggregate(self, kpi: str, samples: deque[float]) -> float:
        if not samples:
            return 0.0
        how = self._aggregation.get(kpi, "p50")
        data = np.fromiter(samples, dtype=np.float64, count=len(samples))
        if how == "mean":
            return float(data.mean())
        return float(np.percentile(data, 90.0 if how == "p90" else 50.0))
