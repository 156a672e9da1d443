"""The governor watchdog: safe stop when a node's decision loop stalls (RELIABILITY F3).

An edge node decides on its asyncio loop: the ticker steps the vehicles and asks the governor
about their proposals.  If a rule evaluation hangs or the loop is blocked, nothing on that loop
can notice.  :class:`Watchdog` runs on **its own thread**: each node :meth:`~Watched.beat` s
after every completed decision round, and when a node's last beat is older than the bound
the watchdog calls :meth:`~edge.hal.base.VehicleAdapter.fail_safe` on every vehicle of that
node (thread-safe by contract), logs it, and counts the trip.  With ``bound_s`` 0.45 and a
check every 0.05 s the safe stop is ordered at most 0.5 s after the last round.

One watchdog thread serves every node of a process (:meth:`Watchdog.shared`); it runs only
while some node is watched.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from edge.hal.base import VehicleAdapter

log = logging.getLogger(__name__)

WATCHDOG_BOUND_S = 0.45
"""A decision round older than this trips the watchdog."""
WATCHDOG_PERIOD_S = 0.05
"""How often the watchdog thread checks (bound + period = 0.5 s, RELIABILITY F3)."""


@dataclass(slots=True, eq=False)
class Watched:
    """One node as the watchdog sees it.

    Attributes
    ----------
    name
        For logs (the node id).
    vehicles
        Put in safe stop when the node stalls.
    monotonic
        The node's monotonic clock (injectable in tests): beats and checks use it.
    """

    name: str
    vehicles: Sequence[VehicleAdapter]
    monotonic: Callable[[], float] = time.monotonic
    last_beat: float = field(default=0.0)
    tripped_at: float | None = None
    """The last beat before the current stall, once it tripped (``None``: not stalled)."""
    trips: int = 0
    last_reason: str = ""
    on_trip: Callable[[str], None] | None = None
    """Also called (on the watchdog thread) with the reason when this node trips."""

    def __post_init__(self) -> None:
        self.last_beat = self.monotonic()

    def beat(self) -> None:
        """Record a completed decision round (called on the node's loop)."""
        self.last_beat = self.monotonic()


class Watchdog:
    """Checks that each watched node keeps beating; trips its vehicles into safe stop.

    Parameters
    ----------
    bound_s
        Silence that trips a node.
    period_s
        How often the thread checks.
    """

    _shared: ClassVar[Watchdog | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, *, bound_s: float = WATCHDOG_BOUND_S, period_s: float = WATCHDOG_PERIOD_S
    ) -> None:
        if not (bound_s > 0 and period_s > 0):
            raise ValueError(f"watchdog needs positive bound and period, got {bound_s}, {period_s}")
        self.bound_s = bound_s
        self.period_s = period_s
        self._members: list[Watched] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        """The running thread's stop signal (a new one per thread)."""
        self._thread: threading.Thread | None = None

    @classmethod
    def shared(cls) -> Watchdog:
        """Return the process's watchdog (one thread for every node of the process)."""
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    @property
    def running(self) -> bool:
        """Whether the watchdog thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def watch(self, member: Watched, *, thread: bool = True) -> Watched:
        """Start watching ``member``; starts the thread on first use unless ``thread`` is off.

        ``thread=False`` leaves checking to the caller (:meth:`check`), for tests.
        """
        member.beat()
        with self._lock:
            self._members.append(member)
            if thread and self._thread is None:
                self._stop = threading.Event()
                self._thread = threading.Thread(
                    target=self._run, args=(self._stop,), name="edge-watchdog", daemon=True
                )
                self._thread.start()
        return member

    def unwatch(self, member: Watched) -> None:
        """Stop watching ``member``; stops the thread when nobody is left."""
        with self._lock:
            if member in self._members:
                self._members.remove(member)
            thread = self._thread if not self._members else None
            if thread is not None:
                self._thread = None
                self._stop.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def check(self) -> list[Watched]:
        """Trip every member silent for longer than the bound; return those tripped now."""
        with self._lock:
            members = tuple(self._members)
        tripped = []
        for member in members:
            now = member.monotonic()
            silent = now - member.last_beat
            if silent <= self.bound_s:
                if member.tripped_at is not None:
                    log.warning(
                        "edge %s: decision loop beats again after %.2f s; vehicles stay "
                        "stopped until the governor lets them go",
                        member.name,
                        now - member.tripped_at,
                    )
                    member.tripped_at = None
                continue
            if member.tripped_at is not None:
                continue  # this stall tripped already
            member.tripped_at = member.last_beat
            member.trips += 1
            member.last_reason = (
                f"governor stalled: no decision round for {silent:.2f} s "
                f"(limit {self.bound_s:g} s); safe stop by the watchdog"
            )
            log.error("edge %s: %s", member.name, member.last_reason)
            for vehicle in member.vehicles:
                try:
                    vehicle.fail_safe(member.last_reason)
                except Exception:  # isolation boundary: one adapter's fault spares no other
                    log.exception("edge %s: fail_safe failed on %s", member.name, vehicle)
            if member.on_trip is not None:
                member.on_trip(member.last_reason)
            tripped.append(member)
        return tripped

    def _run(self, stop: threading.Event) -> None:
        while not stop.wait(self.period_s):
            try:
                self.check()
            except Exception:  # the watchdog must outlive any fault it watches for
                log.exception("watchdog check failed")
