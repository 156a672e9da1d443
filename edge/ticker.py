"""One periodic driver for the edge nodes of a process.

A vehicle's own edge node has one vehicle; a simulation host or a test bench may run hundreds
of such nodes in one process.  Giving each its own timer task costs a loop wake-up per node per
tick and a timer heap as large as the node count; one :class:`Ticker` steps them all in turn.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)


class Tickable(Protocol):
    """Something stepped at a fixed rate."""

    def tick(self, now: float, dt: float) -> None:
        """Do one period's work at wall-clock ``now``; ``dt`` since the previous tick."""


class Ticker:
    """Calls :meth:`Tickable.tick` on every member at ``hz``, from one task.

    Members are spread over ``slots`` evenly spaced phases of each period, so a process with
    many nodes sends a steady stream rather than one burst per period (real vehicles are not
    phase-locked either, and a burst would queue every frame behind the others).  Each
    member gets its own wall-clock ``now``, read just before its tick.

    A phase that runs late is caught up by running the following phases back to back; when
    the ticker falls behind by more than a whole period it skips ahead instead of bursting:
    telemetry is state, and late samples are worth less than fresh ones.  A member that raises
    is logged and stays registered.
    """

    def __init__(
        self,
        hz: float,
        *,
        slots: int = 10,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if hz <= 0:
            raise ValueError(f"ticker rate must be positive, got {hz}")
        if slots < 1:
            raise ValueError(f"ticker needs at least one slot, got {slots}")
        self.hz = hz
        self.slots = slots
        self._clock = clock
        self._mono = monotonic
        self._members: list[Tickable] = []
        self._last: dict[int, float] = {}
        self._task: asyncio.Task[None] | None = None
        self.overruns = 0

    @property
    def monotonic(self) -> Callable[[], float]:
        """The monotonic clock the ticker paces itself by (a watchdog of its members uses it)."""
        return self._mono

    def add(self, member: Tickable) -> None:
        """Start ticking ``member``; starts the task on first use."""
        self._members.append(member)
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="edge-ticker")

    def remove(self, member: Tickable) -> None:
        """Stop ticking ``member``; stops the task when none is left."""
        if member in self._members:
            self._members.remove(member)
            self._last.pop(id(member), None)
        if not self._members and self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        phase = 1.0 / (self.hz * self.slots)
        next_phase = self._mono()
        slot = 0
        while True:
            next_phase += phase
            for member in tuple(self._members)[slot :: self.slots]:
                now = self._clock()
                key = id(member)
                dt = now - self._last.get(key, now)
                self._last[key] = now
                try:
                    member.tick(now, max(0.0, dt))
                except Exception:  # isolation boundary: one node's fault stops no other node
                    log.exception("tick failed for %r", member)
            slot = (slot + 1) % self.slots
            delay = next_phase - self._mono()
            # Late by less than a period: run the next phases back to back to catch up, so a
            # short stall costs no tick.  Later than that: re-anchor and count an overrun.
            if delay < -phase * self.slots:
                self.overruns += 1
                next_phase = self._mono()
                delay = 0.0
            await asyncio.sleep(max(0.0, delay))
