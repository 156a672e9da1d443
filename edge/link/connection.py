"""One console connected to an edge node: its session, link monitor and bounded outbox."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, TypeVar

from edge.protocol.codec import encode
from edge.protocol.linkmonitor import LinkMonitor, LinkThresholds
from edge.protocol.messages import Envelope, LinkState
from edge.protocol.session import Session

if TYPE_CHECKING:
    from websockets.asyncio.server import ServerConnection

    from edge.protocol.messages import Topic
    from edge.security.identity import PeerIdentity

log = logging.getLogger(__name__)

M = TypeVar("M", bound=Envelope)

CONTROL_OUTBOX_MAX = 256
"""Control frames queued for one console.  When full the sender waits (backpressure)."""
BULK_HIGH_WATER = CONTROL_OUTBOX_MAX // 2
"""Bulk senders (a receipt replay) wait while this many control frames are queued, so the
outbox always has room for heartbeats and command replies."""


class ConsoleLink:
    """The edge node's view of one console connection.

    Two outgoing lanes keep control traffic ahead of telemetry: a bounded FIFO of control
    frames (acks, errors, heartbeats, receipts), and a one-slot mailbox for telemetry that
    keeps only the newest frame per chunk — telemetry is state, so an old frame that could
    not be sent in time is replaced, never queued behind (counted in ``telemetry_dropped``).
    """

    def __init__(
        self,
        ws: ServerConnection,
        now: float,
        thresholds: LinkThresholds | None = None,
        *,
        initial: LinkState = LinkState.CONNECTED,
    ) -> None:
        self.ws = ws
        self.session = Session(initiator=False)
        self.monitor = LinkMonitor(now, thresholds, initial=initial)
        self.topics: frozenset[Topic] = frozenset()
        self.vehicle_filter: frozenset[str] | None = None
        self.peer = "?"
        self.identity: PeerIdentity | None = None
        """The console's verified certificate identity (``None`` on an insecure link)."""
        self.telemetry_dropped = 0
        self._control: asyncio.Queue[Envelope] = asyncio.Queue(maxsize=CONTROL_OUTBOX_MAX)
        self._telemetry: dict[int, tuple[float, str]] = {}
        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()
        self.receipts_waiting = asyncio.Event()
        """Set when a new receipt is durable: wakes this console's receipt stream."""
        self.receipt_task: asyncio.Task[None] | None = None

    @property
    def open(self) -> bool:
        """Whether the handshake completed and the session is open."""
        return self.session.phase.value == "open"

    def message(self, cls: type[M], ts: float, **fields: Any) -> M:
        """Build a message for this console; its sequence number is stamped when sent."""
        return cls(v=self.session.version, seq=0, ts=ts, **fields)

    async def send_control(self, message: Envelope) -> None:
        """Queue a control message; waits while the outbox is full."""
        await self._control.put(message)
        self._wake.set()

    async def send_bulk(self, message: Envelope) -> None:
        """Queue a frame of a long stream, leaving half the outbox for control traffic."""
        while self._control.qsize() >= BULK_HIGH_WATER:
            self._room.clear()
            await self._room.wait()
        await self.send_control(message)

    def post_control(self, message: Envelope) -> None:
        """Queue a control message without waiting (from synchronous code).

        A console whose control outbox is full is not keeping up even with control traffic:
        its connection is dropped and it resynchronises when it reconnects.
        """
        try:
            self._control.put_nowait(message)
        except asyncio.QueueFull:
            log.warning("console %s cannot keep up with control traffic; closing", self.peer)
            self.ws.transport.abort()
            return
        self._wake.set()

    def offer_telemetry(self, chunk: int, ts: float, samples_json: str) -> None:
        """Offer the newest telemetry for a chunk, replacing an unsent older one."""
        if chunk in self._telemetry:
            self.telemetry_dropped += 1
        self._telemetry[chunk] = (ts, samples_json)
        self._wake.set()

    async def pump(self) -> None:
        """Send queued frames until the connection closes (control first).

        Sequence numbers are stamped here, at send time, so the peer sees them in order even
        though control frames overtake telemetry.
        """
        session = self.session
        while True:
            await self._wake.wait()
            self._wake.clear()
            while not self._control.empty() or self._telemetry:
                if not self._control.empty():
                    message = self._control.get_nowait()
                    if self._control.qsize() < BULK_HIGH_WATER:
                        self._room.set()
                    stamped = message.model_copy(update={"seq": session.next_seq()})
                    await self.ws.send(encode(stamped))
                    continue
                chunk = next(iter(self._telemetry))
                ts, body = self._telemetry.pop(chunk)
                # Samples are encoded once per tick and spliced into each console's envelope.
                await self.ws.send(
                    f'{{"type":"telemetry","v":"{session.version}","seq":{session.next_seq()},'
                    f'"ts":{ts!r},"samples":{body}}}'
                )
