"""Fleet state: the latest sample of every vehicle, which node hosts it, and ingest figures.

The ingest path (:meth:`FleetState.apply`) is the hottest code in the site service — every
telemetry sample of the site passes through it — so it does the minimum: store the sample,
note the vehicle as changed, record the end-to-end latency.  Everything else (staleness,
summaries, percentiles) is computed when an observer asks, at its own pace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from edge.protocol.messages import TelemetrySample, VehicleInfo, VehicleState

STALE_AFTER_S = 3.0
"""A vehicle with no sample for this long is shown as stale (last known state, greyed)."""
LATENCY_WINDOW = 65_536
"""How many recent end-to-end latencies the percentiles are computed over."""


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

    def extend(self, values: Sequence[float]) -> None:
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


class FleetState:
    """Latest state per vehicle, fed by the edge links, read by observers."""

    def __init__(self) -> None:
        self._samples: dict[str, TelemetrySample] = {}
        self._received: dict[str, float] = {}
        self._info: dict[str, tuple[str, str]] = {}
        self._changed: set[str] = set()
        self.latency = LatencyWindow()
        self.updates = 0
        """Samples applied since start (monotonic counter)."""
        self.out_of_order = 0
        """Samples dropped because an older sample arrived after a newer one."""

    # ------------------------------------------------------------------ writers

    def register(self, node_id: str, vehicles: Iterable[VehicleInfo]) -> None:
        """Record which vehicles an edge node hosts (from its ``welcome``)."""
        for info in vehicles:
            self._info[info.vehicle_id] = (info.vehicle_class, node_id)
            self._changed.add(info.vehicle_id)

    def apply(self, samples: Sequence[TelemetrySample], received_at: float) -> None:
        """Store a frame's samples; a sample older than the one held is ignored."""
        latencies = []
        held = self._samples
        for sample in samples:
            vid = sample.vehicle_id
            previous = held.get(vid)
            if previous is not None and previous.t > sample.t:
                self.out_of_order += 1
                continue
            held[vid] = sample
            self._received[vid] = received_at
            self._changed.add(vid)
            latencies.append(received_at - sample.t)
        self.updates += len(latencies)
        self.latency.extend(latencies)

    # ------------------------------------------------------------------ readers

    def __len__(self) -> int:
        return len(self._info.keys() | self._samples.keys())

    def get(self, vehicle_id: str) -> VehicleRecord | None:
        """Return what the site knows of one vehicle, or ``None``."""
        sample = self._samples.get(vehicle_id)
        info = self._info.get(vehicle_id)
        if sample is None and info is None:
            return None
        vclass, node = info or ("unknown", "unknown")
        return VehicleRecord(vehicle_id, vclass, node, sample, self._received.get(vehicle_id))

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
        fresh = sum(1 for t in self._received.values() if now - t < after_s)
        return len(self) - fresh

    def count_by_state(self) -> dict[VehicleState, int]:
        """Vehicles per reported state (latest sample)."""
        counts: dict[VehicleState, int] = {}
        for sample in self._samples.values():
            counts[sample.state] = counts.get(sample.state, 0) + 1
        return counts
