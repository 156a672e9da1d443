"""Emergency stops delivered at least once: re-sent until each edge node acknowledges them.

A stop that an operator issued must reach the vehicles even when the link drops it (RELIABILITY
S7, ISO 13850).  :class:`StopRelay` keeps one :class:`PendingStop` per edge node a stop is for,
and re-sends it (bounded exponential backoff, at most ``retry_cap_s`` apart) until that node
answers: a ``command_ack`` (accepted, or refused with a reason) or an ``error`` naming it
ends the delivery.  Each attempt is a *new* command, stamped afresh for the operator, so the
node never takes a retry for a replay; stops latch and are idempotent on the node, so a stop
that arrives twice stops once.

While a stop waits, it is visible: :attr:`StopRelay.pending`, ``SiteStatus.stops_pending``
and a :class:`StopPending` event on the bus after every failed attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.bus import Event
from app.core.errors import CoreError, LinkError
from app.core.links.backoff import exponential_backoff

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from app.core.bus import CommandResult, EventBus
    from app.core.links.edge_link import EdgeLink
    from edge.protocol.messages import Envelope
    from edge.protocol.session import Session

log = logging.getLogger(__name__)

STOP_ACK_TIMEOUT_S = 1.0
"""How long one attempt waits for the node's acknowledgement before the stop is re-sent."""
STOP_RETRY_CAP_S = 2.0
"""Longest pause between two attempts (the backoff starts at 0.1 s and doubles up to it)."""


class StopNotAcknowledgedError(LinkError):
    """A stop is not yet acknowledged by some node; it is being re-sent until it is."""


class StopStillPendingError(LinkError):
    """A resume was asked for vehicles whose stop has not reached their node yet.

    Releasing them then would race the stop still being re-sent (the node could latch it
    after the resume), so the resume is refused until the node has acknowledged the stop.
    """


@dataclass(frozen=True, slots=True)
class StopPending(Event):
    """An attempt to deliver a stop failed; it will be re-sent (bounded backoff)."""

    url: str
    node_id: str | None
    vehicles: tuple[str, ...]
    """The vehicles named (empty: every vehicle of the node)."""
    attempts: int
    reason: str


@dataclass(slots=True, eq=False)
class PendingStop:
    """One stop on its way to one edge node."""

    url: str
    vehicles: tuple[str, ...]
    operator: str
    since: float
    attempts: int = 0
    first_seq: int | None = None
    last_error: str = ""
    result: CommandResult | None = None
    """The node's answer, once acknowledged."""
    tried: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once the first attempt has been answered or has failed."""
    done: asyncio.Event = field(default_factory=asyncio.Event)


class StopRelay:
    """Delivers emergency stops until acknowledged.

    Parameters
    ----------
    links
        The site's edge links by address (read at each attempt: a reconnected link is used).
    bus
        Where :class:`StopPending` is published.
    clock
        Wall clock for events.
    ack_timeout_s
        How long an attempt waits for its acknowledgement.
    backoff
        Pauses between attempts (bounded).
    """

    def __init__(
        self,
        links: Mapping[str, EdgeLink],
        bus: EventBus,
        *,
        clock: Callable[[], float],
        ack_timeout_s: float = STOP_ACK_TIMEOUT_S,
        backoff: Callable[[], Iterator[float]] | None = None,
    ) -> None:
        self._links = links
        self._bus = bus
        self._clock = clock
        self.ack_timeout_s = ack_timeout_s
        self._backoff = backoff or (
            lambda: exponential_backoff(first_s=0.1, cap_s=STOP_RETRY_CAP_S)
        )
        self.pending: list[PendingStop] = []
        """Stops not yet acknowledged, oldest first."""
        self._tasks: set[asyncio.Task[None]] = set()

    def pending_for(self, url: str, vehicles: tuple[str, ...]) -> list[PendingStop]:
        """Return the stops on their way to ``url`` that cover any of ``vehicles`` (none: all)."""
        wanted = set(vehicles)
        return [
            stop
            for stop in self.pending
            if stop.url == url
            and (not wanted or not stop.vehicles or wanted.intersection(stop.vehicles))
        ]

    def send(
        self,
        url: str,
        vehicles: tuple[str, ...],
        operator: str,
        build: Callable[[Session, float], Envelope],
    ) -> PendingStop:
        """Start delivering a stop built by ``build`` (called afresh for every attempt)."""
        stop = PendingStop(url, vehicles, operator, self._clock())
        self.pending.append(stop)
        task = asyncio.create_task(self._deliver(stop, build), name=f"estop-{url}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return stop

    async def close(self) -> None:
        """Stop re-sending (the service stops); stops still pending are logged."""
        for stop in self.pending:
            log.error(
                "stop for %s by %s to %s never acknowledged (%d attempts): %s",
                ", ".join(stop.vehicles) or "every vehicle",
                stop.operator,
                stop.url,
                stop.attempts,
                stop.last_error,
            )
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _deliver(
        self, stop: PendingStop, build: Callable[[Session, float], Envelope]
    ) -> None:
        delays = self._backoff()
        try:
            while True:
                result = await self._attempt(stop, build)
                if result is not None:
                    stop.result = result
                    break
                link = self._links.get(stop.url)
                self._bus.publish(
                    StopPending(
                        self._clock(),
                        stop.url,
                        link.stats.node_id if link is not None else None,
                        stop.vehicles,
                        stop.attempts,
                        stop.last_error,
                    )
                )
                log.warning(
                    "stop to %s not acknowledged (attempt %d): %s; re-sending",
                    stop.url,
                    stop.attempts,
                    stop.last_error,
                )
                stop.tried.set()
                await asyncio.sleep(next(delays))
        finally:
            if stop in self.pending:
                self.pending.remove(stop)
            stop.tried.set()
            stop.done.set()
        level = logging.INFO if stop.attempts == 1 else logging.WARNING
        log.log(level, "stop to %s acknowledged after %d attempt(s)", stop.url, stop.attempts)

    async def _attempt(
        self, stop: PendingStop, build: Callable[[Session, float], Envelope]
    ) -> CommandResult | None:
        """Send once and wait for the answer; ``None`` (and ``last_error``) when it failed."""
        stop.attempts += 1
        link = self._links.get(stop.url)
        if link is None:
            stop.last_error = f"{stop.url} is no longer a link of this site"
            return None
        try:
            seq, answer = await link.send_acknowledged(build)
        except CoreError as exc:  # not connected, or the operator's stamp could not be made
            stop.last_error = str(exc)
            return None
        if stop.first_seq is None:
            stop.first_seq = seq
        try:
            async with asyncio.timeout(self.ack_timeout_s):
                return await answer
        except TimeoutError:
            link.forget_ack(seq)
            stop.last_error = f"no acknowledgement within {self.ack_timeout_s:g} s"
        except LinkError as exc:
            stop.last_error = str(exc)
        return None
