"""Fleet state: the latest sample of every vehicle, which node hosts it, and ingest figures.

The ingest path (:meth:`FleetState.apply`) is the hottest code in the site service — every
telemetry sample of the site passes through it — so it does the minimum: store the sample,
note the vehicle as changed, record the end-to-end latency, and copy the frame's numbers into
numpy columns with one vectorised pass per field (a telemetry frame carries a whole gateway's
vehicles).  Everything else (staleness, summaries, percentiles) is computed when an observer
asks, at its own pace.

Observers read the vehicles changed since their last frame in bulk (:meth:`FleetState.read`):
one dictionary lookup per vehicle and numpy fancy indexing for every number, instead of a
record built per vehicle.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from edge.protocol.messages import VehicleMode, VehicleState

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence

    import numpy.typing as npt

    from edge.protocol.messages import TelemetrySample, VehicleInfo

STALE_AFTER_S = 3.0
"""A vehicle with no sample for this long is shown as stale (last known state, greyed)."""
LATENCY_WINDOW = 65_536
"""How many recent end-to-end latencies the percentiles are computed over."""
NUMBER_FIELDS = ("x", "y", "heading_deg", "speed_mps", "energy", "link_quality")
"""The sample fields in :attr:`FleetColumns.numbers`, in column order."""
STATES: tuple[VehicleState, ...] = tuple(VehicleState)
"""Every vehicle state, in the order of the state codes (an index into this tuple)."""
STATE_CODE = {state: code for code, state in enumerate(STATES)}
"""Vehicle state -> small integer code."""
MODES: tuple[VehicleMode, ...] = tuple(VehicleMode)
"""Every control mode, in the order of the mode codes."""
MODE_CODE = {mode: code for code, mode in enumerate(MODES)}
"""Control mode -> small integer code."""
_UNKNOWN = ("unknown", "unknown")
"""Class and node of a vehicle heard from but never announced."""
_FIELD_GETTERS = tuple(attrgetter(name) for name in NUMBER_FIELDS)
_STATE = attrgetter("state")
_MODE = attrgetter("mode")
_VEHICLE_ID = attrgetter("vehicle_id")
_TIME = attrgetter("t")


@dataclass(frozen=True, slots=True)
class VehicleRecord:
    """A vehicle as the site knows it: identity, host node and latest sample (if any)."""

    vehicle_id: str
    vehicle_class: str
    node_id: str
    sample: TelemetrySample | None
    received_at: float | None
    """Wall-clock time the latest sample arrived, seconds."""

    def stale(self, now: float, after_s: float = STALE_AFTER_S) -> bool:
        """Whether the vehicle has been silent for ``after_s`` seconds or never reported."""
        return self.received_at is None or now - self.received_at >= after_s


class LatencyWindow:
    """A ring of recent latencies (seconds) with percentiles on demand."""

    def __init__(self, size: int = LATENCY_WINDOW) -> None:
        self._ring = np.zeros(size, dtype=np.float64)
        self._next = 0
        self._count = 0

    def extend(self, values: Sequence[float] | npt.NDArray[np.float64]) -> None:
        """Record a batch of latencies."""
        n = len(values)
        if n == 0:
            return
        size = self._ring.size
        if n >= size:
            self._ring[:] = values[-size:]
            self._next, self._count = 0, size
            return
        end = self._next + n
        if end <= size:
            self._ring[self._next : end] = values
        else:
            split = size - self._next
            self._ring[self._next :] = values[:split]
            self._ring[: n - split] = values[split:]
        self._next = end % size
        self._count = min(size, self._count + n)

    def percentiles(self, *qs: float) -> tuple[float, ...]:
        """Return the requested percentiles (0–100) in seconds; NaN when empty."""
        if self._count == 0:
            return tuple(float("nan") for _ in qs)
        data = self._ring[: self._count] if self._count < self._ring.size else self._ring
        return tuple(float(v) for v in np.percentile(data, qs))

    def clear(self) -> None:
        """Forget every recorded latency."""
        self._next = self._count = 0


@dataclass(frozen=True, slots=True)
class FleetColumns:
    """Some vehicles as columns: what :meth:`FleetState.read` returns.

    ``ids`` and ``classes`` cover every requested vehicle the fleet knows; the other fields
    cover ``sampled_ids``, the subset that has a sample (a vehicle announced by its node but
    not yet heard from has none), row for row.
    """

    ids: list[str]
    classes: list[str]
    sampled_ids: list[str]
    samples: list[TelemetrySample]
    """The latest sample of each of ``sampled_ids``."""
    numbers: npt.NDArray[np.float64]
    """``(len(sampled_ids), 6)``: the :data:`NUMBER_FIELDS` of each sample."""
    states: npt.NDArray[np.int8]
    """State code of each sample (an index into :data:`STATES`)."""
    modes: npt.NDArray[np.int8]
    """Mode code of each sample (an index into :data:`MODES`)."""
    received: npt.NDArray[np.float64]
    """Wall-clock time each sample arrived, seconds."""
    rows: npt.NDArray[np.int64]
    """The fleet state's row of each of ``sampled_ids``: stable for the life of the fleet
    state (a vehicle keeps its row), so a view can keep its own columns indexed by it
    (:meth:`FleetState.vehicle_ids` maps rows back to ids)."""


class FleetState:
    """Latest state per vehicle, fed by the edge links, read by observers."""

    def __init__(self, capacity: int = 1024) -> None:
        self._samples: dict[str, TelemetrySample] = {}
        self._info: dict[str, tuple[str, str]] = {}
        self._changed: set[str] = set()
        # Numeric columns of the latest samples, one row per sampled vehicle (rows never move).
        self._row: dict[str, int] = {}
        self._row_ids: list[str] = []
        self._numbers = np.zeros((capacity, len(NUMBER_FIELDS)), dtype=np.float64)
        self._states = np.zeros(capacity, dtype=np.int8)
        self._modes = np.zeros(capacity, dtype=np.int8)
        self._received_col = np.zeros(capacity, dtype=np.float64)
        self._t = np.full(capacity, -np.inf)
        """Sample time of each row's latest sample (what a newer sample is checked against)."""
        self.latency = LatencyWindow()
        self.updates = 0
        """Samples applied since start (monotonic counter)."""
        self.out_of_order = 0
        """Samples dropped because an older sample arrived after a newer one."""
        self.registrations = 0
        """Calls of :meth:`register` since start: a view compares it with the count it last
        saw to know whether a vehicle's class or node may have changed."""

    # ------------------------------------------------------------------ writers

    def register(self, node_id: str, vehicles: Iterable[VehicleInfo]) -> None:
        """Record which vehicles an edge node hosts (from its ``welcome``)."""
        self.registrations += 1
        for info in vehicles:
            self._info[info.vehicle_id] = (info.vehicle_class, node_id)
            self._changed.add(info.vehicle_id)

    def apply(self, samples: Sequence[TelemetrySample], received_at: float) -> None:
        """Store a frame's samples; a sample older than the one held is ignored.

        A frame is applied in bulk: one C-level pass per step (ids, row lookups, dictionary
        and set updates) and numpy for the age check and the columns, no Python loop per
        sample.  A frame naming a vehicle twice is applied in runs without repeats, in order,
        so each sample is checked against the one before it, as if applied one by one.
        """
        vids = list(map(_VEHICLE_ID, samples))
        if len(set(vids)) == len(vids):
            self._apply_run(samples, vids, received_at)
            return
        start = 0
        seen: set[str] = set()
        for i, vid in enumerate(vids):
            if vid in seen:
                self._apply_run(samples[start:i], vids[start:i], received_at)
                start = i
                seen.clear()
            seen.add(vid)
        self._apply_run(samples[start:], vids[start:], received_at)

    def _apply_run(
        self, samples: Sequence[TelemetrySample], vids: list[str], received_at: float
    ) -> None:
        """Apply samples of distinct vehicles."""
        n = len(vids)
        if n == 0:
            return
        row_of = self._row
        found = list(map(row_of.get, vids))
        if None in found:
            for vid, row in zip(vids, found, strict=True):
                if row is None and vid not in row_of:
                    row_of[vid] = len(self._row_ids)
                    self._row_ids.append(vid)
            self._grow(len(self._row_ids))
            found = list(map(row_of.get, vids))
        index = np.array(found, dtype=np.int64)
        times = np.fromiter(map(_TIME, samples), dtype=np.float64, count=n)
        older = self._t[index] > times
        if older.any():
            self.out_of_order += int(np.count_nonzero(older))
            kept = np.flatnonzero(~older).tolist()
            samples = [samples[i] for i in kept]
            vids = [vids[i] for i in kept]
            index, times = index[~older], times[~older]
            if not vids:
                return
        self._samples.update(zip(vids, samples, strict=True))
        self._changed.update(vids)
        self.updates += len(vids)
        self.latency.extend(received_at - times)
        self._store_columns(index, samples, times, received_at)

    def _store_columns(
        self,
        index: npt.NDArray[np.int64],
        samples: Sequence[TelemetrySample],
        times: npt.NDArray[np.float64],
        received_at: float,
    ) -> None:
        """Copy a run's numbers, states and modes into the columns, one pass per field."""
        n = len(samples)
        for column, getter in enumerate(_FIELD_GETTERS):
            self._numbers[index, column] = np.fromiter(
                map(getter, samples), dtype=np.float64, count=n
            )
        self._states[index] = np.fromiter(
            map(STATE_CODE.__getitem__, map(_STATE, samples)), dtype=np.int8, count=n
        )
        self._modes[index] = np.fromiter(
            map(MODE_CODE.__getitem__, map(_MODE, samples)), dtype=np.int8, count=n
        )
        self._received_col[index] = received_at
        self._t[index] = times

    def _grow(self, needed: int) -> None:
        capacity = self._states.shape[0]
        if needed <= capacity:
            return
        extra = max(needed, 2 * capacity) - capacity
        self._numbers = np.concatenate(
            [self._numbers, np.zeros((extra, len(NUMBER_FIELDS)), dtype=np.float64)]
        )
        self._states = np.concatenate([self._states, np.zeros(extra, dtype=np.int8)])
        self._modes = np.concatenate([self._modes, np.zeros(extra, dtype=np.int8)])
        self._received_col = np.concatenate([self._received_col, np.zeros(extra)])
        self._t = np.concatenate([self._t, np.full(extra, -np.inf)])

    # ------------------------------------------------------------------ readers

    def __len__(self) -> int:
        return len(self._info.keys() | self._samples.keys())

    def get(self, vehicle_id: str) -> VehicleRecord | None:
        """Return what the site knows of one vehicle, or ``None``."""
        sample = self._samples.get(vehicle_id)
        info = self._info.get(vehicle_id)
        if sample is None and info is None:
            return None
        vclass, node = info or _UNKNOWN
        row = self._row.get(vehicle_id)
        received = None if row is None else float(self._received_col[row])
        return VehicleRecord(vehicle_id, vclass, node, sample, received)

    def read(self, vehicle_ids: Collection[str]) -> FleetColumns:
        """Return many vehicles at once as columns (in the order of ``vehicle_ids``).

        Unknown ids are left out.  This is how a view reads a frame's changed vehicles: one
        dictionary lookup per vehicle, every number by numpy indexing.
        """
        info, held, row_of = self._info, self._samples, self._row
        ids = [v for v in vehicle_ids if v in info or v in held]
        classes = [info.get(v, _UNKNOWN)[0] for v in ids]
        sampled_ids = [v for v in ids if v in held]
        samples = [held[v] for v in sampled_ids]
        rows = np.fromiter(map(row_of.__getitem__, sampled_ids), dtype=np.int64)
        return FleetColumns(
            ids,
            classes,
            sampled_ids,
            samples,
            self._numbers[rows],
            self._states[rows],
            self._modes[rows],
            self._received_col[rows],
            rows,
        )

    @property
    def rows(self) -> int:
        """How many rows the columns have: one per vehicle ever sampled (rows never move)."""
        return len(self._row_ids)

    def vehicle_ids(self, rows: Iterable[int]) -> list[str]:
        """Return the vehicle of each fleet row (see :attr:`FleetColumns.rows`)."""
        ids = self._row_ids
        return [ids[row] for row in rows]

    def records(self) -> list[VehicleRecord]:
        """Return every known vehicle, sorted by id."""
        ids = sorted(self._info.keys() | self._samples.keys())
        return [r for r in (self.get(v) for v in ids) if r is not None]

    def drain_changed(self) -> set[str]:
        """Return the ids changed since the last call and reset the set (for observers)."""
        changed, self._changed = self._changed, set()
        return changed

    def node_of(self, vehicle_id: str) -> str | None:
        """Return the id of the edge node hosting a vehicle."""
        info = self._info.get(vehicle_id)
        return info[1] if info else None

    def count_stale(self, now: float, after_s: float = STALE_AFTER_S) -> int:
        """How many known vehicles have been silent for ``after_s`` seconds or more."""
        received = self._received_col[: len(self._row_ids)]
        fresh = int(np.count_nonzero(now - received < after_s))
        return len(self) - fresh

    def count_by_state(self) -> dict[VehicleState, int]:
        """Vehicles per reported state (latest sample)."""
        codes = np.bincount(self._states[: len(self._row_ids)], minlength=len(STATES))
        return {STATES[code]: int(count) for code, count in enumerate(codes) if count}
