"""One edge node as the site service sees it: connect, hand-shake, ingest, reconnect.

:meth:`EdgeLink.run` keeps a session open for as long as the link is wanted: it connects,
sends ``hello``, waits for ``welcome``, subscribes, then ingests frames into the fleet state
while a heartbeat task keeps the link state fresh.  When the connection drops it waits a
jittered, growing delay and tries again, forever, until :meth:`EdgeLink.close`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from app.core.bus import (
    AssistReply,
    CommandResult,
    EventBus,
    LinkDown,
    LinkStateChanged,
    LinkUp,
    PeerError,
    TaskChanged,
    ZoneClosed,
    ZonesClosedChanged,
)
from app.core.errors import LinkError
from app.core.links.backoff import exponential_backoff

if TYPE_CHECKING:
    import ssl
    from concurrent.futures import Future

    from app.core.assist.queue import AssistQueue
    from app.core.store.receipts import ReceiptStore
from edge.errors import ErrorCode, ProtocolError
from edge.protocol.codec import TRANSPORT_FRAME_MAX, encode
from edge.protocol.linkmonitor import LinkMonitor, LinkThresholds
from edge.protocol.messages import (
    MINOR_1_1_TYPES,
    MINOR_1_2_TYPES,
    PROTOCOL_VERSION,
    Ack,
    AssistAnswer,
    AssistClaim,
    AssistClaimResult,
    AssistRelease,
    AssistRequest,
    AssistTransfer,
    AssistUpdate,
    Bye,
    ClosedZones,
    CommandAck,
    DecisionReceipt,
    Envelope,
    Error,
    Heartbeat,
    Hello,
    LinkState,
    Message,
    PeerRole,
    Revocation,
    Subscribe,
    TaskAssign,
    TaskCancel,
    TaskProgress,
    Telemetry,
    Topic,
    Welcome,
)
from edge.protocol.session import SUPPORTED_VERSIONS, Session
from edge.security.errors import SecurityError
from edge.security.identity import PeerIdentity, identity_of
from edge.security.tls import peer_certificate

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from app.core.fleet.state import FleetState

log = logging.getLogger(__name__)

DEFAULT_TOPICS = (Topic.TELEMETRY, Topic.RECEIPTS, Topic.ASSIST, Topic.TASKS)
MAX_PENDING_REPLIES = 1024
"""Assist commands awaiting the node's reply per link; beyond this new ones are refused."""
AssistCommand = (
    AssistClaim | AssistAnswer | AssistRelease | AssistTransfer | TaskAssign | TaskCancel
)
"""A console→edge command answered by one reply the link waits for (assist, task)."""
_NEW_ANSWERS = frozenset({"close_zone", "open_zone"})


@dataclass(slots=True)
class LinkStats:
    """Per-link figures shown in the edge links panel and the status line."""

    node_id: str | None = None
    vehicles: int = 0
    connected: bool = False
    state: LinkState = LinkState.OFFLINE
    rtt_s: float | None = None
    frames_in: int = 0
    samples_in: int = 0
    refused_in: int = 0
    refused_by_peer: int = 0
    connects: int = 0
    last_error: str = ""
    session_id: str | None = None
    dropped_at: list[float] = field(default_factory=list)

    @property
    def reconnects(self) -> int:
        """Sessions opened after the first."""
        return max(0, self.connects - 1)


class EdgeLink:
    """Keeps one edge node connected and feeds its frames into the fleet state.

    Parameters
    ----------
    url
        ``ws://`` or ``wss://`` address of the edge node.
    site_id, console_id
        Who we are, sent in ``hello``.
    fleet, bus
        Where telemetry and events go.
    backoff
        Factory of reconnect delay iterators (a fresh one after every good session).
    clock, monotonic
        Wall clock and monotonic clock, injectable for tests.
    tls
        Client TLS context (mutual authentication) for a ``wss://`` node; built with
        :func:`edge.security.tls.client_context`.
    revocations
        Returns the site's current signed revocation list (PEM) to push to the node after
        every handshake, or ``None`` when there is none.
    assist
        The site's assist queue, fed with this node's requests and their state changes.
    """

    def __init__(
        self,
        url: str,
        *,
        site_id: str,
        console_id: str,
        fleet: FleetState,
        bus: EventBus,
        topics: tuple[Topic, ...] = DEFAULT_TOPICS,
        backoff: Callable[[], Iterator[float]] = exponential_backoff,
        thresholds: LinkThresholds | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        heartbeat_s: float = 1.0,
        open_timeout_s: float = 5.0,
        store: ReceiptStore | None = None,
        tls: ssl.SSLContext | None = None,
        revocations: Callable[[], bytes | None] | None = None,
        assist: AssistQueue | None = None,
    ) -> None:
        if tls is not None and not url.startswith("wss://"):
            raise ValueError(f"a TLS context needs a wss:// address, got {url}")
        self.url = url
        self.tls = tls
        self.peer: PeerIdentity | None = None
        """The edge node's verified certificate identity, once connected over TLS."""
        self._revocations = revocations
        self._revocation_seqs: set[int] = set()
        self.site_id = site_id
        self.console_id = console_id
        self.stats = LinkStats()
        self._fleet = fleet
        self._bus = bus
        self._topics = topics
        self._backoff = backoff
        self._thresholds = thresholds
        self._clock = clock
        self._mono = monotonic
        self._heartbeat_s = heartbeat_s
        self._open_timeout_s = open_timeout_s
        self._ws: ClientConnection | None = None
        self._session: Session | None = None
        self._monitor: LinkMonitor | None = None
        self._closing = False
        self._task: asyncio.Task[None] | None = None
        self._store = store
        self._pending_receipts: list[DecisionReceipt] = []
        self._acked = 0
        self._background: set[asyncio.Future[None]] = set()
        self.receipts_in = 0
        self._assist = assist
        self._replies: dict[int, tuple[str, str, asyncio.Future[AssistReply]]] = {}
        self._acks: dict[int, asyncio.Future[CommandResult]] = {}
        """Commands whose acknowledgement a caller awaits (emergency stops), by ``seq``."""

    @property
    def insecure(self) -> bool:
        """Whether this link runs without TLS (plain ``ws://``): the console must flag it."""
        return not self.url.startswith("wss://")

    @property
    def version(self) -> str | None:
        """The protocol version of the open session, ``None`` when none is open."""
        session = self._session
        return session.version if session is not None and self.stats.connected else None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> asyncio.Task[None]:
        """Run the link in a task on the current loop and return it."""
        self._task = asyncio.create_task(self.run(), name=f"link {self.url}")
        return self._task

    async def close(self) -> None:
        """End the session with ``bye`` and stop reconnecting."""
        self._closing = True
        if self._ws is not None and self._session is not None:
            with contextlib.suppress(ConnectionClosed):
                await self._ws.send(encode(self._session.make(Bye, self._clock(), reason="close")))
                await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def drop(self) -> None:
        """Close the current connection abruptly (as a cut link would); reconnection follows."""
        if self._ws is not None:
            self._ws.transport.abort()

    async def run(self) -> None:
        """Connect, serve the session, reconnect with backoff; until :meth:`close`."""
        delays = self._backoff()
        while not self._closing:
            try:
                healthy = await self._session_once()
            except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
                self._lost(f"cannot connect: {exc}")
                healthy = False
            except ConnectionClosed as exc:
                # Only a session that got as far as welcome resets the backoff; a node that
                # accepts and then closes at once (full, restarting) must not be hammered.
                healthy = self.stats.connected
                self._lost(f"connection closed: {exc}")
            except (ProtocolError, SecurityError) as exc:
                self._lost(f"session refused: {exc}")
                healthy = False
            if healthy:
                delays = self._backoff()
            if not self._closing:
                await asyncio.sleep(next(delays))

    # ------------------------------------------------------------------ commands

    async def send(self, build: Callable[[Session, float], Envelope]) -> int:
        """Send a command built by ``build(session, now)``; return its sequence number.

        Raises
        ------
        LinkError
            When no session is open.
        """
        ws, session = self._ws, self._session
        if ws is None or session is None or not self.stats.connected:
            raise LinkError(f"no open session with {self.url}")
        message = build(session, self._clock())
        await ws.send(encode(message))
        return message.seq

    async def send_acknowledged(
        self, build: Callable[[Session, float], Envelope]
    ) -> tuple[int, asyncio.Future[CommandResult]]:
        """Send a command; return its ``seq`` and a future of the node's acknowledgement.

        The future gets the node's ``command_ack`` as a :class:`CommandResult` (also published
        on the bus as usual), or a refusal (``error`` naming the command: ``accepted`` false,
        the code in ``reason``); it fails with :class:`LinkError` when the session is lost
        first.  A caller that stops waiting calls :meth:`forget_ack`.

        Raises
        ------
        LinkError
            When no session is open or the frame could not be written.
        """
        ws, session = self._ws, self._session
        if ws is None or session is None or not self.stats.connected:
            raise LinkError(f"no open session with {self.url}")
        message = build(session, self._clock())
        future: asyncio.Future[CommandResult] = asyncio.get_running_loop().create_future()
        self._acks[message.seq] = future
        try:
            await ws.send(encode(message))
        except ConnectionClosed as exc:
            self._acks.pop(message.seq, None)
            raise LinkError(f"{self.url} closed before the command went out: {exc}") from None
        return message.seq, future

    def forget_ack(self, seq: int) -> None:
        """Stop waiting for the acknowledgement of command ``seq``."""
        self._acks.pop(seq, None)

    def _resolve_ack(self, result: CommandResult) -> None:
        future = self._acks.pop(result.ref_seq, None)
        if future is not None and not future.done():
            future.set_result(result)

    async def send_assist(
        self, build: Callable[[Session, float], AssistCommand], *, request_id: str
    ) -> asyncio.Future[AssistReply]:
        """Send an assist command; return a future resolved with the node's reply.

        The reply is the node's ``assist_claim_result`` or ``command_ack`` for the command
        (an ``error`` naming it resolves the future as refused); a lost session fails it
        with :class:`LinkError`.

        Raises
        ------
        LinkError
            When no session is open, too many replies are pending, or the command needs
            protocol 1.1 and the node speaks 1.0.
        """
        ws, session = self._ws, self._session
        if ws is None or session is None or not self.stats.connected:
            raise LinkError(f"no open session with {self.url}")
        if len(self._replies) >= MAX_PENDING_REPLIES:
            raise LinkError(f"{MAX_PENDING_REPLIES} assist commands await {self.url}'s reply")
        message = build(session, self._clock())
        needs_1_1 = message.type in MINOR_1_1_TYPES or (
            isinstance(message, AssistAnswer)
            and (message.answer in _NEW_ANSWERS or len(message.request_ids) > 0)
        )
        if needs_1_1 and not session.speaks_1_1:
            raise LinkError(
                f"{message.type} needs protocol 1.1; {self.url} speaks {session.version}"
            )
        needs_1_2 = message.type in MINOR_1_2_TYPES or (
            isinstance(message, TaskAssign) and len(message.steps) > 0
        )
        if needs_1_2 and not session.speaks_1_2:
            raise LinkError(
                f"{message.type} with steps needs protocol 1.2; {self.url} speaks {session.version}"
            )
        future: asyncio.Future[AssistReply] = asyncio.get_running_loop().create_future()
        self._replies[message.seq] = (message.type, request_id, future)
        try:
            await ws.send(encode(message))
        except ConnectionClosed as exc:
            self._replies.pop(message.seq, None)
            raise LinkError(f"{self.url} closed before the command went out: {exc}") from None
        return future

    def _reply(
        self, now: float, ref_seq: int | None, accepted: bool, reason: str, owner: str | None
    ) -> bool:
        """Resolve the future of the assist command ``ref_seq``; ``False`` when none waits."""
        pending = None if ref_seq is None else self._replies.pop(ref_seq, None)
        if pending is None:
            return False
        command, request_id, future = pending
        reply = AssistReply(now, self.url, request_id, command, accepted, reason, owner)
        if not future.done():
            future.set_result(reply)
        if not command.startswith("task_"):  # task commands are the dispatcher's own
            self._bus.publish(reply)
        return True

    def forget_reply(self, future: asyncio.Future[AssistReply]) -> None:
        """Stop waiting for the reply to ``future``'s command (the caller gave up on it)."""
        for seq, (_command, _request_id, pending) in list(self._replies.items()):
            if pending is future:
                del self._replies[seq]

    def _fail_replies(self, reason: str) -> None:
        replies, self._replies = self._replies, {}
        acks, self._acks = self._acks, {}
        for ack in acks.values():
            if not ack.done():
                ack.set_exception(LinkError(f"no acknowledgement from {self.url}: {reason}"))
        for _command, _request_id, future in replies.values():
            if not future.done():
                future.set_exception(LinkError(f"no reply from {self.url}: {reason}"))

    async def push_revocations(self, crl_pem: bytes) -> int:
        """Send the site's revocation list on the open session; return the frame's ``seq``.

        Raises
        ------
        LinkError
            When no session is open (the list goes out on the next handshake anyway).
        """
        text = crl_pem.decode()
        seq = await self.send(lambda s, now: s.make(Revocation, now, crl=text))
        self._revocation_seqs.add(seq)
        return seq

    # ------------------------------------------------------------------ receipts

    def _flush_receipts(self, now: float) -> None:
        """Hand the receipts of this loop turn to the store; acknowledge once they are durable."""
        batch, self._pending_receipts = self._pending_receipts, []
        if not batch or self._store is None:
            return
        node = batch[0].node_id
        done = self._store.submit(batch, now)
        loop = asyncio.get_running_loop()
        done.add_done_callback(lambda f: loop.call_soon_threadsafe(self._acknowledge, node, f))

    def _acknowledge(self, node: str, done: Future[dict[str, int]]) -> None:
        if done.exception() is not None:
            # Not stored, so not acknowledged: the edge node keeps the receipts and resends.
            log.error("link %s: receipts not stored: %s", self.url, done.exception())
            return
        cursor = done.result().get(node)
        if cursor is None or cursor <= self._acked or not self.stats.connected:
            return
        self._acked = cursor
        task = asyncio.ensure_future(self._send_ack(cursor))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _send_ack(self, cursor: int) -> None:
        try:
            await self.send(lambda s, now: s.make(Ack, now, up_to_seq=cursor))
        except (LinkError, ConnectionClosed) as exc:
            log.info("link %s: ack %d not sent (%s); the node will resend", self.url, cursor, exc)

    # ------------------------------------------------------------------ session

    async def _session_once(self) -> bool:
        async with connect(
            self.url,
            compression=None,
            max_size=TRANSPORT_FRAME_MAX,
            ping_interval=None,
            open_timeout=self._open_timeout_s,
            close_timeout=2,
            max_queue=64,
            ssl=self.tls,
        ) as ws:
            self._check_edge(ws)
            session = Session(initiator=True)
            hello = session.make(
                Hello,
                self._clock(),
                role=PeerRole.CONSOLE,
                node_id=self.console_id,
                site_id=self.site_id,
                versions=list(SUPPORTED_VERSIONS),
                software=f"atlasmesh-site/{PROTOCOL_VERSION}",
            )
            await ws.send(encode(hello))
            async with asyncio.timeout(self._open_timeout_s):
                first = session.receive(await ws.recv())
            if isinstance(first, Error):
                raise ProtocolError(ErrorCode.REJECTED, f"{first.code}: {first.reason}")
            if not isinstance(first, Welcome):
                raise ProtocolError(ErrorCode.NOT_READY, f"expected welcome, got {first.type}")
            if self.peer is not None and first.node_id != self.peer.name:
                raise SecurityError(
                    f"welcome names node {first.node_id!r} but its certificate is for "
                    f"{self.peer.name!r}"
                )
            session.opened(first.version)
            self._opened(ws, session, first)
            await ws.send(encode(session.make(Subscribe, self._clock(), topics=self._topics)))
            crl = self._revocations() if self._revocations is not None else None
            if crl is not None and not self.insecure:
                push = session.make(Revocation, self._clock(), crl=crl.decode())
                self._revocation_seqs.add(push.seq)
                await ws.send(encode(push))
            beats = asyncio.create_task(self._heartbeats(ws, session))
            try:
                async for frame in ws:
                    await self._on_frame(ws, session, frame)
            finally:
                beats.cancel()
                with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                    await beats
            self._lost("closed by the edge node")
            return True

    def _check_edge(self, ws: ClientConnection) -> None:
        """Check that a TLS peer is an edge node of our site (the chain is verified by TLS).

        Raises
        ------
        SecurityError
            When the certificate names a console, another site, or nothing we know.
        """
        if self.tls is None:
            return
        cert = peer_certificate(ws.transport.get_extra_info("ssl_object"))
        if cert is None:
            raise SecurityError("the edge node presented no certificate")
        peer = identity_of(cert)
        if peer.kind != "edge" or peer.site_id != self.site_id:
            raise SecurityError(
                f"{self.url} presented a {peer.kind} certificate of site {peer.site_id!r}; "
                f"expected an edge node of {self.site_id!r}"
            )
        self.peer = peer

    def _opened(self, ws: ClientConnection, session: Session, welcome: Welcome) -> None:
        self._ws, self._session = ws, session
        self._revocation_seqs.clear()  # sequence numbers restart with every session
        self._monitor = LinkMonitor(self._mono(), self._thresholds)
        stats = self.stats
        stats.node_id = welcome.node_id
        stats.session_id = welcome.session_id
        stats.vehicles = len(welcome.vehicles)
        stats.connected = True
        stats.connects += 1
        stats.state = LinkState.CONNECTED
        self._acked = 0  # a new session: the node may have missed our last ack, so ack again
        self._fleet.register(welcome.node_id, welcome.vehicles)
        if self._assist is not None:
            self._assist.on_link_up(self.url)  # the node re-sends those still open
        log.info("link %s up: node %s, %d vehicles", self.url, welcome.node_id, stats.vehicles)
        self._bus.publish(LinkUp(self._clock(), self.url, welcome.node_id, stats.vehicles))

    def _lost(self, reason: str) -> None:
        stats = self.stats
        was_connected = stats.connected
        stats.connected = False
        stats.last_error = reason
        self._ws = self._session = None
        self._fail_replies(reason)
        if was_connected:
            stats.dropped_at.append(self._clock())
            del stats.dropped_at[:-16]
            level = logging.INFO if self._closing else logging.WARNING
            log.log(level, "link %s down: %s", self.url, reason)
            self._set_state(LinkState.OFFLINE)
            self._bus.publish(LinkDown(self._clock(), self.url, stats.node_id, reason))
        else:
            log.debug("link %s: %s", self.url, reason)

    def _set_state(self, state: LinkState) -> None:
        if state is not self.stats.state:
            self.stats.state = state
            self._bus.publish(LinkStateChanged(self._clock(), self.url, self.stats.node_id, state))

    async def _heartbeats(self, ws: ClientConnection, session: Session) -> None:
        monitor = self._monitor
        assert monitor is not None
        while True:
            mono = self._mono()
            age = None if monitor.last_heartbeat_rx is None else mono - monitor.last_heartbeat_rx
            state = monitor.state(mono)
            self._set_state(state)
            if state is LinkState.OFFLINE:
                # Silent for the offline bound: the TCP connection may be dead without a FIN;
                # drop it and reconnect rather than wait for the OS to notice.
                log.warning("link %s offline; dropping the connection to reconnect", self.url)
                ws.transport.abort()
                return
            self.stats.rtt_s = monitor.rtt_s
            beat = session.make(
                Heartbeat,
                self._clock(),
                echo_ts=monitor.last_heartbeat_ts,
                echo_age=age,
                link=state,
            )
            await ws.send(encode(beat))
            await asyncio.sleep(self._heartbeat_s)

    async def _on_frame(self, ws: ClientConnection, session: Session, frame: str | bytes) -> None:
        now = self._clock()
        stats = self.stats
        stats.frames_in += 1
        monitor = self._monitor
        assert monitor is not None
        monitor.on_frame(self._mono())
        try:
            message = session.receive(frame)
        except ProtocolError as exc:
            stats.refused_in += 1
            log.info("link %s refused a frame: %s", self.url, exc)
            self._bus.publish(PeerError(now, self.url, exc.code.value, exc.reason, ours=True))
            await ws.send(encode(session.error_for(exc, now)))
            return
        self._handle(message, now)

    def _handle(self, message: Message, now: float) -> None:
        match message:
            case Telemetry():
                self._fleet.apply(message.samples, now)
                self.stats.samples_in += len(message.samples)
            case DecisionReceipt():
                self.receipts_in += 1
                if self._store is not None:
                    if not self._pending_receipts:
                        asyncio.get_running_loop().call_soon(self._flush_receipts, now)
                    self._pending_receipts.append(message)
            case Heartbeat():
                assert self._monitor is not None
                self._monitor.on_heartbeat(message, self._mono(), now)
            case CommandAck() if message.ref_seq in self._revocation_seqs:
                # The answer to our revocation push, not to an operator's command.
                self._revocation_seqs.discard(message.ref_seq)
                level = logging.INFO if message.accepted else logging.WARNING
                log.log(level, "link %s: revocation list: %s", self.url, message.reason)
            case AssistRequest():
                if self._assist is not None:
                    self._assist.on_request(self.url, self.stats.node_id or "", message)
            case AssistUpdate():
                if self._assist is not None:
                    self._assist.on_update(message)
            case AssistClaimResult():
                self._reply(now, message.ref_seq, message.granted, message.reason, message.owner)
            case CommandAck() if message.ref_seq in self._replies:
                self._reply(now, message.ref_seq, message.accepted, message.reason, None)
            case CommandAck():
                result = CommandResult(
                    now,
                    self.url,
                    message.ref_seq,
                    message.accepted,
                    message.reason,
                    tuple(message.vehicles),
                )
                self._resolve_ack(result)
                self._bus.publish(result)
            case TaskProgress():
                self._bus.publish(
                    TaskChanged(
                        now,
                        message.task_id,
                        message.vehicle_id,
                        message.status,
                        message.detail,
                        message.step,
                        message.step_name,
                        message.load_t,
                        message.vehicle_state.value if message.vehicle_state else "",
                    )
                )
            case Error():
                self.stats.refused_by_peer += 1
                self._reply(now, message.ref_seq, False, f"{message.code}: {message.reason}", None)
                if message.ref_seq is not None:
                    refusal = f"{message.code}: {message.reason}"
                    self._resolve_ack(
                        CommandResult(now, self.url, message.ref_seq, False, refusal, ())
                    )
                log.warning(
                    "edge %s refused our frame: %s %s", self.url, message.code, message.reason
                )
                self._bus.publish(
                    PeerError(now, self.url, message.code, message.reason, ours=False)
                )
            case ClosedZones():
                self._bus.publish(
                    ZonesClosedChanged(
                        now,
                        self.url,
                        self.stats.node_id or "",
                        frozenset(c.zone_id for c in message.closures),
                        message.change,
                        message.by,
                        tuple(
                            ZoneClosed(c.zone_id, c.by, c.at, c.until, self.stats.node_id or "")
                            for c in message.closures
                        ),
                    )
                )
            case Bye():
                log.info("edge %s said bye: %s", self.url, message.reason)
            case _:
                # Receipts, assist and policy acks arrive once those capabilities land; they
                # are valid frames, so they are counted, not refused.
                log.debug("link %s: %s not consumed yet", self.url, message.type)
