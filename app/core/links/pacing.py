"""Pacing of the console's machine-issued commands under each edge node's rate limit.

An edge node accepts at most 100 commands a minute from one console, 10 at once (the
console→edge command rate of ../shared/RELIABILITY.md; remote stops exempt). The dispatcher
embedded in the console issues task commands by itself: at start-up it sends every idle truck
out at once, and a refused command used to fail its task, which freed the truck for another
task and another refused command. The pacer spaces the dispatcher's commands to a share of the
node's budget (60 a minute, 6 at once by default), so they are never refused for rate and the
rest of the budget stays free for the operators' own commands (assist answers, resume).

Sans-I/O core (:meth:`CommandPacer.reserve`) on an injected monotonic clock, plus an async
:meth:`CommandPacer.acquire` that sleeps until the reserved slot.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["CommandPacer"]


class CommandPacer:
    """A token bucket per edge node that queues instead of refusing.

    Callers are served in the order they reserve: a reservation may take the bucket below
    zero, and the caller waits until the bucket has refilled to where its token was.

    Parameters
    ----------
    per_minute
        Sustained commands a minute per node.
    burst
        Commands sent back to back when the bucket is full.
    monotonic, sleep
        Injectable clock and sleep (tests).
    """

    def __init__(
        self,
        per_minute: float = 60.0,
        burst: float = 6.0,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError(f"need per_minute > 0 and burst >= 1, got {per_minute}, {burst}")
        self.per_minute = per_minute
        self.burst = burst
        self._rate = per_minute / 60.0
        self._mono = monotonic
        self._sleep = sleep
        self._buckets: dict[str, tuple[float, float]] = {}

    def reserve(self, key: str, now: float) -> float:
        """Take the next token of ``key``'s bucket; return how long to wait for it (s)."""
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + max(0.0, now - last) * self._rate) - 1.0
        self._buckets[key] = (tokens, now)
        return 0.0 if tokens >= 0.0 else -tokens / self._rate

    async def acquire(self, key: str) -> float:
        """Wait for a token of ``key``'s bucket; return the time waited (s)."""
        wait = self.reserve(key, self._mono())
        if wait > 0.0:
            await self._sleep(wait)
        return wait

    def forget(self, key: str) -> None:
        """Drop ``key``'s bucket (its node was removed)."""
        self._buckets.pop(key, None)
