"""The edge node: hosts vehicles, serves consoles over WebSockets, speaks protocol v1.

One :class:`EdgeNode` runs on one asyncio loop.  It steps its vehicle adapters at the
telemetry rate, streams their samples to every subscribed console (one frame per chunk of
vehicles, so a site gateway batches), exchanges heartbeats, derives the link state, and
executes console commands (emergency stop, resume, task), and arbitrates tele-assist: the
governor's ESCALATE opens a request at the node's :class:`~edge.assist.desk.AssistDesk`,
broadcast to every console; claims, releases, transfers and answers are ruled on here, each
change broadcast and journaled.  A bad frame gets an ``error`` reply; nothing a console sends
can stop the node or another console's session.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import TypeAdapter
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from edge.assist.exchange import AssistExchange
from edge.errors import ErrorCode, ProtocolError
from edge.hal.watchdog import Watchdog, Watched
from edge.link.connection import ConsoleLink
from edge.link.limits import ConnectionCaps, ConnectionLimiter, capped_listener
from edge.protocol.codec import TRANSPORT_FRAME_MAX, encode
from edge.protocol.linkmonitor import LinkThresholds
from edge.protocol.messages import (
    Ack,
    AssistAnswer,
    AssistClaim,
    AssistRelease,
    AssistTransfer,
    Bye,
    CommandAck,
    EmergencyStop,
    Envelope,
    Error,
    Heartbeat,
    Hello,
    LinkState,
    Message,
    Outcome,
    PeerRole,
    PolicyBundleAck,
    PolicyBundlePush,
    Resume,
    Revocation,
    Subscribe,
    TaskAssign,
    TaskCancel,
    TaskProgress,
    TelemetrySample,
    Topic,
    VehicleInfo,
    Welcome,
)
from edge.receipts.record import ReceiptBody
from edge.security.audit import AuditRecord
from edge.security.guard import EdgeGuard
from edge.ticker import Ticker

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from concurrent.futures import Future

    from websockets.http11 import Request, Response

    from edge.assist.closures import ZoneClosures
    from edge.decisions import DecisionPipeline
    from edge.hal.base import VehicleAdapter
    from edge.receipts.record import Receipt
    from edge.security.assertion import OperatorClaim
    from edge.security.latch import StopLatch

log = logging.getLogger(__name__)

REVOCATION_ALARM_REPEAT_S = 3600.0
"""While the revocation list's alarm stands, it is logged again this often."""
RECEIPT_BATCH = 500
"""Receipts read from the journal per round when streaming or replaying to a console."""

_SAMPLES: TypeAdapter[list[TelemetrySample]] = TypeAdapter(list[TelemetrySample])
_LINK_RANK = {LinkState.CONNECTED: 0, LinkState.DEGRADED: 1, LinkState.OFFLINE: 2}


@dataclass(frozen=True, slots=True)
class EdgeNodeConfig:
    """How an edge node runs."""

    node_id: str
    site_id: str
    host: str = "127.0.0.1"
    port: int = 0
    """0 picks a free port (see :attr:`EdgeNode.port`)."""
    telemetry_hz: float = 10.0
    heartbeat_s: float = 1.0
    hello_timeout_s: float = 5.0
    chunk_size: int = 1000
    """Vehicles per telemetry frame; a gateway sends ``ceil(n / chunk_size)`` frames a tick."""
    max_consoles: int = 32
    max_consoles_per_address: int = 8
    """Console sessions from one source address; more are closed with 1013 (W9)."""
    connection_caps: ConnectionCaps = field(default_factory=ConnectionCaps)
    """TCP connections (handshaking or in session) per address and in total, enforced at
    ``accept`` before TLS (W9)."""
    open_timeout_s: float = 10.0
    """TLS and WebSocket handshake deadline: idle or half-open sockets are reaped."""
    thresholds: LinkThresholds = field(default_factory=LinkThresholds)


class EdgeNode:
    """Hosts vehicle adapters and serves consoles.

    Parameters
    ----------
    config
        Identity, address and rates.
    vehicles
        The adapters this node hosts (one for a vehicle's own node, many for a gateway).
    ticker
        A shared :class:`~edge.ticker.Ticker` at the node's telemetry rate, for processes
        hosting many nodes; by default the node ticks itself.
    clock, monotonic
        Wall clock (stamps frames and samples) and monotonic clock (rates, link state);
        injectable for tests.
    watchdog
        Puts the vehicles in safe stop when this node's decision rounds stop (F3); the
        process's shared one by default.  It runs on the ticker's monotonic clock.
    closures
        Where operators' zone closures are persisted and restored from (``None``: memory
        only, a restart reopens them).
    """

    def __init__(
        self,
        config: EdgeNodeConfig,
        vehicles: Sequence[VehicleAdapter],
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        ticker: Ticker | None = None,
        decisions: DecisionPipeline | None = None,
        guard: EdgeGuard | None = None,
        latch: StopLatch | None = None,
        watchdog: Watchdog | None = None,
        closures: ZoneClosures | None = None,
    ) -> None:
        if ticker is not None and ticker.hz != config.telemetry_hz:
            raise ValueError(
                f"ticker runs at {ticker.hz} Hz but node {config.node_id} wants "
                f"{config.telemetry_hz} Hz"
            )
        self._ticker = ticker
        self.decisions = decisions
        if decisions is not None:
            decisions.on_durable = self._receipt_durable
        self.config = config
        self.guard = guard if guard is not None else EdgeGuard(config.site_id)
        """Who may connect and command; insecure development mode when built without one."""
        if self.guard.site_id != config.site_id:
            raise ValueError(f"guard is for site {self.guard.site_id}, node for {config.site_id}")
        self._consoles: set[ConsoleLink] = set()
        self._assist = AssistExchange(
            config.node_id,
            consoles=self._consoles,
            decisions=decisions,
            clock=clock,
            monotonic=monotonic,
            closures=closures,
        )
        self.assist = self._assist.desk
        """The node's tele-assist arbiter: requests, claims, leases, answers, deadlines."""
        self.zones = self._assist.zones
        """Zones closed by operators' answers (``None``: no site, nothing to close)."""
        self.vehicles = {v.vehicle_id: v for v in vehicles}
        self._order = list(self.vehicles.values())
        self._clock = clock
        self._mono = monotonic
        self._server: Server | None = None
        self._watchdog = watchdog
        self.watched: Watched | None = None
        """This node as its watchdog sees it (trips, last reason), while it runs."""
        self.connections = ConnectionLimiter(config.connection_caps, name=f"edge {config.node_id}")
        """Open TCP connections per source address and those refused at the caps."""
        self._tasks: list[asyncio.Task[None]] = []
        self._closing: set[asyncio.Future[None]] = set()
        self._link_state = LinkState.OFFLINE
        self._had_link = False
        self.frames_sent = 0
        self.errors_sent = 0
        self.frames_received = 0
        """Frames read from consoles (every session, hello included)."""
        self.revocation_alarm: str | None = None
        """Why the node's revocation list needs attention (near or past its next update)."""
        self._alarm_logged = 0.0
        for vehicle in self._order:
            vehicle.set_link_state(LinkState.OFFLINE)
        self.latch = latch
        """Where emergency stops are persisted; ``None`` keeps them in memory only."""
        if latch is not None:
            for vehicle in self._order:
                why = latch.latched.get(vehicle.vehicle_id)
                if why is not None or latch.damaged:
                    vehicle.emergency_stop(why or "stop latch unreadable: latched for safety")
                    log.warning(
                        "edge %s: %s latched at start (%s)",
                        config.node_id,
                        vehicle.vehicle_id,
                        why or "latch file damaged",
                    )

    # ------------------------------------------------------------------ lifecycle

    def use_guard(self, guard: EdgeGuard) -> None:
        """Replace the node's security policy (before :meth:`start`; composition roots).

        Raises
        ------
        RuntimeError
            When the node is already serving: its TLS context is fixed at start.
        """
        if self._server is not None:
            raise RuntimeError(f"edge node {self.config.node_id} is already serving")
        if guard.site_id != self.config.site_id:
            raise ValueError(f"guard is for site {guard.site_id}, node for {self.config.site_id}")
        self.guard = guard

    @property
    def port(self) -> int:
        """The TCP port the node listens on (after :meth:`start`)."""
        if self._server is None:
            raise RuntimeError("edge node not started")
        sock = next(iter(self._server.sockets))
        return int(sock.getsockname()[1])

    @property
    def url(self) -> str:
        """``wss://host:port`` of the node (``ws://`` in insecure development mode)."""
        scheme = "ws" if self.guard.insecure else "wss"
        return f"{scheme}://{self.config.host}:{self.port}"

    @property
    def insecure(self) -> bool:
        """Whether the node serves plain ``ws://`` without authentication (development)."""
        return self.guard.insecure

    @property
    def link_state(self) -> LinkState:
        """The best link among connected consoles; offline when none is connected."""
        return self._link_state

    @property
    def consoles(self) -> int:
        """How many console sessions are open."""
        return sum(1 for c in self._consoles if c.open)

    async def start(self) -> None:
        """Start listening and stepping the vehicles."""
        listener = capped_listener(self.config.host, self.config.port, self.connections)
        self._server = await serve(
            self._handle,
            sock=listener,
            compression=None,  # small frames: deflate costs more CPU than it saves here
            max_size=TRANSPORT_FRAME_MAX,
            max_queue=64,
            ping_interval=None,  # protocol heartbeats do liveness, on both ends
            close_timeout=2,
            open_timeout=self.config.open_timeout_s,
            ssl=self.guard.ssl_context(),
            origins=self.guard.origins(),
            process_request=None if self.guard.insecure else self._admit,
        )
        if self.guard.insecure:
            log.warning(
                "edge node %s runs INSECURE (plain ws, no authentication): development only",
                self.config.node_id,
            )
        if self._ticker is None:
            self._ticker = Ticker(self.config.telemetry_hz, clock=self._clock, monotonic=self._mono)
        self.watched = (self._watchdog or Watchdog.shared()).watch(
            Watched(self.config.node_id, self._order, self._ticker.monotonic)
        )
        self._ticker.add(self)
        self._tasks = [
            asyncio.create_task(self._heartbeat_loop(), name=f"{self.config.node_id}-hb"),
        ]
        log.info("edge node %s listening on %s", self.config.node_id, self.url)

    async def stop(self) -> None:
        """Close every session with ``bye`` and stop."""
        now = self._clock()
        for console in list(self._consoles):
            if console.open:
                with contextlib.suppress(ConnectionClosed):
                    bye = console.session.make(Bye, now, reason="edge node stopping")
                    await console.ws.send(encode(bye))
        if self._ticker is not None:
            self._ticker.remove(self)
        if self.watched is not None:
            (self._watchdog or Watchdog.shared()).unwatch(self.watched)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        self.guard.audit.close()

    # ------------------------------------------------------------------ periodic work

    def tick(self, now: float, dt: float) -> None:
        """Step every vehicle and publish telemetry and task changes (called by the ticker).

        Every action a vehicle proposes goes through the governor here.  Without one (a node
        built with no decision pipeline) proposals are never answered, so nothing moves.
        """
        decisions = self.decisions
        desk = self.assist
        for vehicle in self._order:
            vehicle.step(now, dt)
            if decisions is not None:
                for proposal in vehicle.pop_proposals():
                    desk.decided(vehicle, proposal, decisions.handle(vehicle, proposal), now)
        if decisions is not None:
            decisions.flush()
        desk.record(self._order, now)
        desk.tick(now)
        self._assist.lapse_zones(now)
        self._assist.flush(now)
        self._publish_telemetry(now)
        self._publish_task_updates(now)
        if self.watched is not None:
            self.watched.beat()  # a full decision round: the watchdog may rest

    def _publish_telemetry(self, now: float) -> None:
        listeners = [c for c in self._consoles if c.open and Topic.TELEMETRY in c.topics]
        if not listeners:
            return
        size = self.config.chunk_size
        shared: dict[int, bytes] = {}
        for console in listeners:
            for chunk, start in enumerate(range(0, len(self._order), size)):
                group = self._order[start : start + size]
                if console.vehicle_filter is not None:
                    group = [v for v in group if v.vehicle_id in console.vehicle_filter]
                    if not group:
                        continue
                    body = _SAMPLES.dump_json([v.sample(now) for v in group], exclude_none=True)
                else:
                    body = shared.get(chunk, b"")
                    if not body:
                        body = _SAMPLES.dump_json([v.sample(now) for v in group], exclude_none=True)
                        shared[chunk] = body
                console.offer_telemetry(chunk, now, body.decode())
                self.frames_sent += 1

    def _publish_task_updates(self, now: float) -> None:
        for vehicle in self._order:
            for update in vehicle.pop_task_updates():
                failed = update.status in ("failed", "rejected")
                state = vehicle.sample(now).state if failed else None
                for console in list(self._consoles):
                    if console.open and Topic.TASKS in console.topics:
                        progress = console.message(
                            TaskProgress,
                            now,
                            task_id=update.task_id,
                            vehicle_id=vehicle.vehicle_id,
                            status=update.status,
                            progress=update.progress,
                            detail=update.detail,
                            step=update.step,
                            step_name=update.step_name,
                            load_t=update.load_t,
                            vehicle_state=state,
                        )
                        console.post_control(progress)

    async def _heartbeat_loop(self) -> None:
        while True:
            mono, now = self._mono(), self._clock()
            for console in list(self._consoles):
                if not console.open:
                    continue
                mon = console.monitor
                state = mon.state(mono)
                if mon.silent_s(mono) >= mon.thresholds.offline_after_s:
                    # Silent for the offline bound: the connection may be dead without a FIN.
                    # Drop it so the console reconnects instead of waiting on the OS.
                    log.warning(
                        "edge %s: console %s offline; dropping its connection",
                        self.config.node_id,
                        console.peer,
                    )
                    console.ws.transport.abort()
                    continue
                age = None if mon.last_heartbeat_rx is None else mono - mon.last_heartbeat_rx
                beat = console.message(
                    Heartbeat, now, echo_ts=mon.last_heartbeat_ts, echo_age=age, link=state
                )
                # Never wait here: one console with a full outbox must not delay the others.
                console.post_control(beat)
            self._update_link_state(mono)
            if not self.guard.insecure:
                self._close_revoked()
                self._check_revocation_list(now, mono)
            await asyncio.sleep(self.config.heartbeat_s)

    def _check_revocation_list(self, now: float, mono: float) -> None:
        """Raise (log, keep in :attr:`revocation_alarm`) the revocation list's alarm.

        Logged when it changes and again every hour while it stands.  The node keeps
        enforcing a lapsed list and keeps serving consoles (docs/security.md §6).
        """
        alarm = self.guard.revocation_alarm(now)
        repeat = alarm is not None and mono - self._alarm_logged >= REVOCATION_ALARM_REPEAT_S
        if alarm != self.revocation_alarm or repeat:
            self._alarm_logged = mono
            if alarm is not None:
                log.error("edge %s: ALARM %s", self.config.node_id, alarm)
            elif self.revocation_alarm is not None:
                log.warning("edge %s: revocation list current again", self.config.node_id)
        self.revocation_alarm = alarm

    def _update_link_state(self, mono: float) -> None:
        states = [c.monitor.state(mono) for c in self._consoles if c.open]
        best = min(states, key=_LINK_RANK.__getitem__) if states else LinkState.OFFLINE
        self._had_link = self._had_link or best is LinkState.CONNECTED
        if best is not self._link_state:
            log.info("edge node %s link %s -> %s", self.config.node_id, self._link_state, best)
            self._link_state = best
            for vehicle in self._order:
                vehicle.set_link_state(best)

    # ------------------------------------------------------------------ receipts

    def _receipt_durable(self, receipts: list[Receipt]) -> None:
        """Wake every console's receipt stream: a group of receipts is durable."""
        for console in self._consoles:
            console.receipts_waiting.set()

    def _start_receipt_stream(self, console: ConsoleLink) -> None:
        if self.decisions is None or console.receipt_task is not None:
            return
        console.receipt_task = asyncio.create_task(
            self._stream_receipts(console), name=f"{self.config.node_id}-receipts-{console.peer}"
        )

    async def _stream_receipts(self, console: ConsoleLink) -> None:
        """Send a console every receipt after its acknowledged cursor, then keep it current.

        Replay and live streaming are one loop reading the journal, so a console that was
        away gets the backlog in order and then the new receipts, with no gap; it may see a
        receipt twice (at least once on the wire) and stores it once.
        """
        assert self.decisions is not None
        journal = self.decisions.journal
        loop = asyncio.get_running_loop()
        next_seq = await loop.run_in_executor(None, journal.cursor, console.peer) + 1
        while console.open:
            console.receipts_waiting.clear()
            batch = await loop.run_in_executor(None, journal.read_from, next_seq, RECEIPT_BATCH)
            if not batch:
                await console.receipts_waiting.wait()
                continue
            now = self._clock()
            for receipt in batch:
                await console.send_bulk(receipt.to_message(frame_seq=0, ts=now))
            next_seq = batch[-1].seq + 1

    # ------------------------------------------------------------------ sessions

    def _admit(self, ws: ServerConnection, request: Request) -> Response | None:
        """Refuse, before the WebSocket opens, a TLS peer that is not a live console of ours."""
        verdict = self.guard.admit(ws.transport.get_extra_info("ssl_object"))
        if isinstance(verdict, str):
            log.warning(
                "edge %s refused a connection from %s: %s",
                self.config.node_id,
                ws.remote_address,
                verdict,
            )
            return ws.respond(403, f"refused: {verdict}\n")
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        # After an outage a new session starts where the node's link is and must earn
        # "connected" with healthy heartbeats (RELIABILITY F8): reconnecting is no shortcut.
        initial = self._link_state if self._had_link else LinkState.CONNECTED
        console = ConsoleLink(ws, self._mono(), self.config.thresholds, initial=initial)
        console.peer = f"{ws.remote_address}"
        if not self.guard.insecure:
            verdict = self.guard.admit(ws.transport.get_extra_info("ssl_object"))
            if isinstance(verdict, str):  # checked at the upgrade already; never reached
                await ws.close(1008, "not authorised")
                return
            console.identity = verdict
        refusal = self._session_cap(ws)
        if refusal is not None:
            self._refuse_session(console, refusal)
            await ws.close(1013, refusal)
            return
        self._consoles.add(console)
        pump = asyncio.create_task(console.pump())
        try:
            async with asyncio.timeout(self.config.hello_timeout_s):
                first = await ws.recv()
            if not await self._on_frame(console, first) or not console.open:
                return
            async for frame in ws:
                if not await self._on_frame(console, frame):
                    return
        except TimeoutError:
            await ws.close(1008, "no hello in time")
        except ConnectionClosed:
            pass
        finally:
            self._consoles.discard(console)
            pump.cancel()
            if console.receipt_task is not None:
                console.receipt_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await pump
            self._update_link_state(self._mono())

    def _session_cap(self, ws: ServerConnection) -> str | None:
        """Why a new session would exceed the node's caps (W9), or ``None``."""
        if len(self._consoles) >= self.config.max_consoles:
            return f"too many consoles ({self.config.max_consoles})"
        address = _address_of(ws)
        same = sum(1 for c in self._consoles if _address_of(c.ws) == address)
        if same >= self.config.max_consoles_per_address:
            return f"too many consoles from {address} ({self.config.max_consoles_per_address})"
        return None

    def _refuse_session(self, console: ConsoleLink, refusal: str) -> None:
        """Log and audit a session refused at a cap (close code 1013, try again later)."""
        who = console.identity.name if console.identity is not None else console.peer
        log.warning("edge %s refused a session of %s: %s", self.config.node_id, who, refusal)
        self.guard.audit.record(
            AuditRecord(self._clock(), who, None, None, "connect", 0, False, "capped", refusal)
        )

    async def _on_frame(self, console: ConsoleLink, frame: str | bytes) -> bool:
        """Handle one frame; return ``False`` when the session must end."""
        now = self._clock()
        self.frames_received += 1
        console.monitor.on_frame(self._mono())
        try:
            message = console.session.receive(frame)
            claim = self.guard.authorize(
                message,
                peer=console.identity,
                console=console.peer,
                now=now,
                mono=self._mono(),
            )
            return await self._dispatch(console, message, now, claim)
        except ProtocolError as exc:
            log.info("edge %s refused a frame from %s: %s", self.config.node_id, console.peer, exc)
            if not console.open:
                # A failed handshake ends the session: say why first, directly (the outbox is
                # empty before welcome), then close: 1002 for a version mismatch, else 1008.
                self.errors_sent += 1
                await console.ws.send(encode(console.session.error_for(exc, now)))
                version = exc.code is ErrorCode.UNSUPPORTED_VERSION
                await console.ws.close(1002 if version else 1008, exc.code.value)
                return False
            await self._send_error(console, exc, now)
            return True
        except Exception as exc:  # isolation boundary: one bad message never ends the node
            log.exception("edge %s failed on a frame from %s", self.config.node_id, console.peer)
            await self._send_error(
                console, ProtocolError(ErrorCode.INTERNAL, f"{type(exc).__name__}"), now
            )
            return True

    async def _send_error(self, console: ConsoleLink, exc: ProtocolError, now: float) -> None:
        self.errors_sent += 1
        await console.send_control(
            console.message(Error, now, code=exc.code.value, reason=exc.reason, ref_seq=exc.ref_seq)
        )

    async def _dispatch(
        self,
        console: ConsoleLink,
        message: Message,
        now: float,
        claim: OperatorClaim | None = None,
    ) -> bool:
        session = console.session
        match message:
            case Hello():
                if message.role is not PeerRole.CONSOLE:
                    raise ProtocolError(ErrorCode.REJECTED, "only consoles may connect")
                if message.site_id != self.config.site_id:
                    raise ProtocolError(
                        ErrorCode.REJECTED,
                        f"site {message.site_id!r} does not match this node's site "
                        f"{self.config.site_id!r}",
                    )
                identity = console.identity
                if identity is not None and message.node_id != identity.name:
                    raise ProtocolError(
                        ErrorCode.REJECTED,
                        f"hello names console {message.node_id!r} but its certificate is "
                        f"for {identity.name!r}",
                    )
                version = session.accept_hello(message)
                console.peer = message.node_id
                welcome = console.message(
                    Welcome,
                    now,
                    node_id=self.config.node_id,
                    site_id=self.config.site_id,
                    version=version,
                    session_id=uuid.uuid4().hex,
                    vehicles=[
                        VehicleInfo(
                            vehicle_id=v.vehicle_id,
                            vehicle_class=v.vehicle_class,
                            profile=v.profile,
                        )
                        for v in self._order
                    ],
                    telemetry_hz=self.config.telemetry_hz,
                    heartbeat_s=self.config.heartbeat_s,
                )
                await console.send_control(welcome)
                if session.speaks_1_4:  # the closures in force: its dispatcher routes by them
                    await console.send_control(self._assist.closed_zones(console, now))
                self._update_link_state(self._mono())
            case Subscribe():
                if message.vehicles is not None:
                    self._require_vehicles(message.vehicles, message.seq)  # before any change
                had_assist = Topic.ASSIST in console.topics
                console.topics = frozenset(message.topics)
                if Topic.ASSIST in console.topics and not had_assist:
                    await self._assist.resend(console, now)
                if Topic.RECEIPTS in console.topics:
                    self._start_receipt_stream(console)
                console.vehicle_filter = (
                    None if message.vehicles is None else frozenset(message.vehicles)
                )
            case Heartbeat():
                console.monitor.on_heartbeat(message, self._mono(), now)
            case Ack():
                if self.decisions is None:
                    raise ProtocolError(
                        ErrorCode.REJECTED, "this edge node keeps no receipts", message.seq
                    )
                try:
                    # Recorded durably by the journal's writer; never blocks this loop.
                    self.decisions.journal.ack(console.peer, message.up_to_seq)
                except ValueError as exc:
                    raise ProtocolError(ErrorCode.REJECTED, str(exc), message.seq) from None
            case EmergencyStop():
                # Safety first: stop every named vehicle we host even if the list also names
                # vehicles we do not; those are reported in the ack's reason.
                unknown = [v for v in message.vehicles if v not in self.vehicles]
                known = [v for v in message.vehicles if v in self.vehicles]
                targets = self._targets(known, message.seq) if known or not unknown else []
                why = message.reason or f"e-stop by {message.operator}"
                for vehicle in targets:
                    vehicle.emergency_stop(why)
                    self.assist.withdraw(vehicle.vehicle_id, now, f"e-stop by {message.operator}")
                self._assist.flush(now)
                unsaved = self._persist_latch(targets, f"{message.operator}: {why}", release=False)
                log.warning(
                    "edge %s: e-stop by %s on %d vehicle(s), %d unknown",
                    self.config.node_id,
                    message.operator,
                    len(targets),
                    len(unknown),
                )
                reason = f"not hosted here: {', '.join(unknown[:10])}" if unknown else ""
                reason = "; ".join(r for r in (reason, unsaved) if r)
                await self._ack(console, message, now, bool(targets), reason, targets)
            case Resume():
                targets = self._targets(message.vehicles, message.seq)
                for vehicle in targets:
                    vehicle.release()
                unsaved = self._persist_latch(targets, "", release=True)
                reason = "released; awaiting a task" + (f"; {unsaved}" if unsaved else "")
                await self._ack(console, message, now, True, reason, targets)
            case TaskAssign():
                (vehicle,) = self._targets([message.vehicle_id], message.seq)
                refusal = vehicle.assign(message)
                self._journal_task(message, claim, refusal, now)
                await self._ack(console, message, now, refusal is None, refusal or "", [vehicle])
            case TaskCancel():
                (vehicle,) = self._targets([message.vehicle_id], message.seq)
                refusal = vehicle.cancel_task(message.task_id, message.reason)
                self._journal_task(message, claim, refusal, now)
                await self._ack(console, message, now, refusal is None, refusal or "", [vehicle])
            case AssistClaim() | AssistRelease() | AssistTransfer() | AssistAnswer():
                await self._assist.command(console, message, claim, now)
            case PolicyBundlePush():
                ack = console.message(
                    PolicyBundleAck,
                    now,
                    bundle_id=message.bundle_id,
                    bundle_version=message.bundle_version,
                    accepted=False,
                    reason="this edge node runs without a governor; policy bundles are refused",
                )
                await console.send_control(ack)
            case Revocation():
                installed, current, why = self.guard.install_revocations(message.crl)
                if installed:
                    log.warning("edge %s: revocation %s", self.config.node_id, why)
                    self._close_revoked()
                alarm = self.guard.revocation_alarm(now)
                if alarm is not None:  # the pushing console learns it too
                    why = f"{why}; ALARM: {alarm}"[:256]
                await self._ack(console, message, now, current, why, [])
            case Error():
                log.warning(
                    "edge %s: console %s refused our frame %s: %s %s",
                    self.config.node_id,
                    console.peer,
                    message.ref_seq,
                    message.code,
                    message.reason,
                )
            case Bye():
                session.close()
                return False
            case _:
                raise ProtocolError(
                    ErrorCode.REJECTED,
                    f"{message.type} is not handled by this edge node",
                    message.seq,
                )
        return True

    def _journal_task(
        self,
        message: TaskAssign | TaskCancel,
        claim: OperatorClaim | None,
        refusal: str | None,
        now: float,
    ) -> None:
        """Record a task command in the journal like the node's decisions (ALLOW or BLOCK).

        The receipt's inputs digest covers the command as received, with who issued it.
        """
        decisions = self.decisions
        if decisions is None:
            return
        who = claim.operator if claim is not None else message.operator or "unverified"
        record = message.model_dump(mode="json", exclude={"auth"}) | {"issued_by": who}
        if refusal is not None:
            record["refused"] = refusal
        digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        governor = decisions.governor
        body = ReceiptBody(
            vehicle_id=message.vehicle_id,
            action="task.assign" if isinstance(message, TaskAssign) else "task.cancel",
            outcome=Outcome.ALLOW if refusal is None else Outcome.BLOCK,
            fired_rules=(),
            constraints=(),
            bundle_id=governor.bundle_id,
            bundle_version=governor.bundle_version,
            inputs_digest=digest,
            decided_at=now,
            decided_mono=self._mono(),
        )
        try:
            decisions.journal.submit(body).add_done_callback(self._task_journaled)
        except Exception:  # isolation boundary: a journal fault is logged, the ack still goes
            log.exception("edge %s: task command not journaled", self.config.node_id)

    def _task_journaled(self, done: Future[Receipt]) -> None:
        error = done.exception()
        if error is not None:
            log.error("edge %s: task command not journaled: %s", self.config.node_id, error)

    def _persist_latch(self, vehicles: Sequence[VehicleAdapter], why: str, *, release: bool) -> str:
        """Record latched or released vehicles before the command is acknowledged.

        Returns ``""``, or the problem to report in the acknowledgement: a failed write is
        logged loudly and does not undo the stop (the vehicles are stopped now; only a
        restart could forget them), and a failed release leaves them latched after a restart.
        """
        if self.latch is None or not vehicles:
            return ""
        ids = [v.vehicle_id for v in vehicles]
        try:
            if release:
                self.latch.release(ids)
            else:
                self.latch.latch(ids, why)
        except OSError as exc:
            log.exception("edge %s: could not persist the stop latch", self.config.node_id)
            what = "release" if release else "latch"
            after = "latch it again" if release else "not keep it"
            return f"{what} not saved ({exc.strerror or exc}); a restart may {after}"[:160]
        return ""

    def _close_revoked(self) -> None:
        """Close every open session whose console certificate is revoked or has expired."""
        now = self._clock()
        for console in list(self._consoles):
            peer = console.identity
            if peer is None or not console.open:
                continue
            why = (
                "certificate revoked"
                if self.guard.is_revoked(peer)
                else "certificate expired"
                if now >= peer.not_after
                else None
            )
            if why is not None:
                log.warning("edge %s: closing %s: %s", self.config.node_id, peer.name, why)
                console.session.close()
                task = asyncio.ensure_future(console.ws.close(1008, why))
                self._closing.add(task)
                task.add_done_callback(self._closing.discard)

    def _require_vehicles(self, ids: Sequence[str], seq: int) -> None:
        unknown = [v for v in ids if v not in self.vehicles]
        if unknown:
            raise ProtocolError(
                ErrorCode.UNKNOWN_VEHICLE,
                f"not hosted here: {', '.join(unknown[:10])}",
                seq,
            )

    def _targets(self, ids: Sequence[str], seq: int) -> list[VehicleAdapter]:
        if not ids:
            return list(self._order)
        self._require_vehicles(ids, seq)
        return [self.vehicles[v] for v in ids]

    async def _ack(
        self,
        console: ConsoleLink,
        message: Envelope,
        now: float,
        accepted: bool,
        reason: str,
        vehicles: Sequence[VehicleAdapter],
    ) -> None:
        ack = console.message(
            CommandAck,
            now,
            ref_seq=message.seq,
            accepted=accepted,
            reason=reason,
            vehicles=[v.vehicle_id for v in vehicles],
        )
        await console.send_control(ack)


def _address_of(ws: ServerConnection) -> str:
    """Return the source address of a connection (without its port)."""
    remote = ws.remote_address
    return str(remote[0]) if remote else "?"
