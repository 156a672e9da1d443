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

    When a period's work overruns by more than a whole period the ticker skips ahead rather
    than bursting to catch up: telemetry is state, and late samples are worth less than
    fresh ones.  A member that raises is logged and stays registered.
    """

    def __init__(
        self,
        hz: float,
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if hz <= 0:
            raise ValueError(f"ticker rate must be positive, got {hz}")
        self.hz = hz
        self._clock = clock
        self._mono = monotonic
        self._members: list[Tickable] = []
        self._task: asyncio.Task[None] | None = None
        self.overruns = 0

    def add(self, member: Tickable) -> None:
        """Start ticking ``member``; starts the task on first use."""
        self._members.append(member)
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="edge-ticker")

    def remove(self, member: Tickable) -> None:
        """Stop ticking ``member``; stops the task when none is left."""
        if member in self._members:
            self._members.remove(member)
        if not self._members and self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        period = 1.0 / self.hz
        next_tick = self._mono()
        last = self._clock()
        while True:
            next_tick += period
            now = self._clock()
            dt, last = max(0.0, now - last), now
            for member in tuple(self._members):
                try:
                    member.tick(now, dt)
                except Exception:  # isolation boundary: one node's fault stops no other node
                    log.exception("tick failed for %r", member)
            delay = next_tick - self._mono()
            if delay < -period:
                self.overruns += 1
                next_tick = self._mono()
                delay = 0.0
            await asyncio.sleep(max(0.0, delay))
