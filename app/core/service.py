"""The site service: edge links, fleet state and the event bus, wired together, headless.

The console observes a :class:`SiteService`; ``atlasmesh site`` runs one on its own with a
status line.  The service runs on one asyncio loop and never blocks it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.assist.queue import AssistQueue
from app.core.bus import Event, EventBus, ZoneClosed, ZonesClosedChanged
from app.core.dispatch.site import SiteDispatch
from app.core.errors import LinkError
from app.core.fleet.state import FleetState
from app.core.identity.session import CommandStamper, OperatorSession, SessionExpiredError
from app.core.links.backoff import exponential_backoff
from app.core.links.edge_link import DEFAULT_TOPICS, EdgeLink
from app.core.links.pacing import CommandPacer
from app.core.links.stops import (
    STOP_ACK_TIMEOUT_S,
    StopNotAcknowledgedError,
    StopRelay,
    StopStillPendingError,
)
from edge.protocol.messages import (
    AssistAnswer,
    AssistClaim,
    AssistRelease,
    AssistTransfer,
    CommandAuth,
    EmergencyStop,
    LinkState,
    Resume,
    Topic,
    VehicleState,
)
from edge.security.revocation import RevocationList, lapse_alarm
from edge.security.roles import Role
from maps.errors import UnknownFeatureError

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import ssl
    from collections.abc import Awaitable, Callable, Iterator, Sequence

    from app.core.bus import AssistReply
    from app.core.identity.session import Identity
    from app.core.links.edge_link import AssistCommand
    from app.core.store.receipts import ReceiptStore
    from edge.protocol.linkmonitor import LinkThresholds
    from edge.protocol.messages import Envelope
    from edge.protocol.session import Session
    from maps.site import Site
    from plugins.contributions import Contributions


def _lasts_longer(a: ZoneClosed, b: ZoneClosed) -> bool:
    """Whether closure ``a`` ends after ``b`` (``None``: until reopened, the longest)."""
    if a.until is None or b.until is None:
        return a.until is None and b.until is not None
    return a.until > b.until


@dataclass(frozen=True, slots=True)
class SiteStatus:
    """A snapshot of the site for status lines and the console's status bar."""

    at: float
    nodes_total: int
    nodes_up: int
    vehicles: int
    vehicles_stale: int
    updates_per_s: float
    frames_per_s: float
    links: dict[LinkState, int]
    latency_p50_ms: float
    latency_p99_ms: float
    reconnects: int
    refused_frames: int
    receipts_per_s: float = 0.0
    receipts_stored: int = 0
    by_state: dict[VehicleState, int] | None = None
    insecure_links: int = 0
    """Links running plain ``ws://`` without authentication (development mode)."""
    stops_pending: int = 0
    """Emergency stops not yet acknowledged by their edge node (being re-sent, S7)."""
    revocation_alarm: str = ""
    """Why the site's revocation list needs attention (near or past its next update)."""


@dataclass(frozen=True, slots=True)
class RevocationAlarm(Event):
    """The site's revocation list is near or past its next update, or back in date.

    ``reason`` is empty when the alarm clears.
    """

    reason: str


class RateMeter:
    """Turns a growing counter into a rate between successive readings."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._last_at = clock()
        self._last_value = 0

    def rate(self, value: int) -> float:
        """Return the counter's growth per second since the previous call."""
        now = self._clock()
        span = now - self._last_at
        rate = (value - self._last_value) / span if span > 0 else 0.0
        self._last_at, self._last_value = now, value
        return rate


class SiteService:
    """Keeps the site's edge nodes connected and its fleet state current.

    Parameters
    ----------
    site_id
        The site every edge node must belong to.
    endpoints
        Edge node addresses (``ws://host:port``) to connect to; more can be added later.
    console_id
        This service's identity in ``hello`` (on TLS links: its certificate's name).
    tls
        Client TLS context for ``wss://`` nodes (mutual authentication); ``None`` for plain
        ``ws://`` in insecure development mode.
    identity
        Operator sign-in for this console; commands then carry signed operator assertions.
    revocations
        Returns the site's signed revocation list (PEM), pushed to every node on connect.
    reply_timeout_s
        How long an assist or task command waits for the edge node's reply.
    site, packs
        The site map and its enabled packs' contributions: with both, and task types among
        the contributions, the service runs the site's dispatcher (:attr:`dispatch`).
    dispatch_period_s
        How often the dispatcher follows the fleet, dispatches and publishes KPIs.
    routing_jit
        Routing kernel choice for the dispatcher (``None`` follows ``ATLASMESH_NO_JIT``).
    time_scale
        The simulated fleet's time scale (1: real vehicles, real time); the dispatcher's flow
        targets and KPIs are counted in simulated time (:class:`SiteDispatch`).
    stop_ack_timeout_s
        How long one emergency-stop attempt waits for the node's acknowledgement before it
        is re-sent (stops are re-sent until acknowledged, with ``stop_backoff`` between).
    task_pacer
        Spaces task commands per edge node within the dispatcher's share of the node's
        command rate limit (default: 60 a minute, 6 at once).
    """

    DISPATCHER_NAME = "dispatcher"
    """The dispatcher's name on the commands it issues (the edge audits and journals it)."""

    def __init__(
        self,
        site_id: str,
        endpoints: Sequence[str] = (),
        *,
        console_id: str = "site-service",
        topics: tuple[Topic, ...] = DEFAULT_TOPICS,
        backoff: Callable[[], Iterator[float]] = exponential_backoff,
        thresholds: LinkThresholds | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        store: ReceiptStore | None = None,
        tls: ssl.SSLContext | None = None,
        identity: Identity | None = None,
        revocations: Callable[[], bytes | None] | None = None,
        reply_timeout_s: float = 5.0,
        site: Site | None = None,
        packs: Contributions | None = None,
        dispatch_period_s: float = 1.0,
        routing_jit: bool | None = None,
        time_scale: float = 1.0,
        stop_ack_timeout_s: float = STOP_ACK_TIMEOUT_S,
        stop_backoff: Callable[[], Iterator[float]] | None = None,
        task_pacer: CommandPacer | None = None,
    ) -> None:
        self.site_id = site_id
        self.task_pacer = task_pacer or CommandPacer(monotonic=monotonic)
        """Paces task commands per edge node (the dispatcher's share of its rate limit)."""
        self.tls = tls
        self.identity = identity
        self.sessions: dict[str, OperatorSession] = {}
        """Operators signed in on this console, by name."""
        self._stamper = CommandStamper(clock)
        self._revocations = revocations
        self.store = store
        self.console_id = console_id
        self.bus = EventBus()
        self.fleet = FleetState()
        self.assist = AssistQueue(self.bus, clock=clock)
        """Every edge node's assist requests, merged and ordered (the console's queue)."""
        self._reply_timeout_s = reply_timeout_s
        self.links: dict[str, EdgeLink] = {}
        self.stops = StopRelay(
            self.links, self.bus, clock=clock, ack_timeout_s=stop_ack_timeout_s,
            backoff=stop_backoff,
        )  # fmt: skip
        """Emergency stops on their way, re-sent until each node acknowledges them (S7)."""
        self._topics = topics
        self._backoff = backoff
        self._thresholds = thresholds
        self._clock = clock
        self._mono = monotonic
        self._started = False
        self._revocation_alarm: str | None = None
        self._updates = RateMeter(clock)
        self._frames = RateMeter(clock)
        self._receipts = RateMeter(clock)
        for url in endpoints:
            self._make_link(url)
        self._dispatcher_session: OperatorSession | None = None
        self._dispatch_period_s = dispatch_period_s
        self._dispatch_task: asyncio.Task[None] | None = None
        self.dispatch: SiteDispatch | None = None
        """The site's dispatcher (the console's ``DispatchView``); ``None`` without task types."""
        if site is not None and packs is not None and packs.tasks:
            self.dispatch = SiteDispatch(
                site,
                packs,
                bus=self.bus,
                fleet=self.fleet,
                links=self,
                clock=clock,
                jit=routing_jit,
                time_scale=time_scale,
            )
        self._zones_by_node: dict[str, frozenset[str]] = {}
        """Zones each edge node (by URL) closed on its governor, as it last said; kept when
        its link drops (restrictive), replaced by its next ``closed_zones``."""
        self._closures_by_node: dict[str, tuple[ZoneClosed, ...]] = {}
        """The same, with who closed each zone and until when (:meth:`zone_closures`)."""
        # Subscribed first, so the service's state is current when the console's map hears it.
        self.bus.subscribe(ZonesClosedChanged, self._on_zones_closed)

    def _make_link(self, url: str) -> EdgeLink:
        link = EdgeLink(
            url,
            site_id=self.site_id,
            console_id=self.console_id,
            fleet=self.fleet,
            bus=self.bus,
            topics=self._topics,
            backoff=self._backoff,
            thresholds=self._thresholds,
            clock=self._clock,
            monotonic=self._mono,
            store=self.store,
            tls=self.tls if url.startswith("wss://") else None,
            revocations=self._revocations,
            assist=self.assist,
        )
        self.links[url] = link
        return link

    async def start(self) -> None:
        """Start every link (each connects and reconnects on its own)."""
        self._started = True
        self.check_revocation_list()
        for link in self.links.values():
            link.start()
        if self.dispatch is not None and self._dispatch_task is None:
            self._dispatch_task = asyncio.create_task(self._dispatch_loop(), name="dispatch")

    async def stop(self) -> None:
        """Close every link."""
        self._started = False
        task, self._dispatch_task = self._dispatch_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.dispatch is not None:
            await self.dispatch.close()
        await self.stops.close()
        await asyncio.gather(*(link.close() for link in self.links.values()))

    async def _dispatch_loop(self) -> None:
        dispatch = self.dispatch
        assert dispatch is not None
        while True:
            try:
                dispatch.tick()
            except Exception:  # isolation boundary: a dispatch fault never stops the links
                log.exception("dispatch tick failed")
            await asyncio.sleep(self._dispatch_period_s)

    async def add_endpoint(self, url: str) -> EdgeLink:
        """Connect to one more edge node (no-op if already known)."""
        link = self.links.get(url) or self._make_link(url)
        if self._started and link._task is None:
            link.start()
        return link

    async def remove_endpoint(self, url: str) -> None:
        """Disconnect from an edge node and forget it."""
        link = self.links.pop(url, None)
        if link is not None:
            if link.stats.node_id:
                self.task_pacer.forget(link.stats.node_id)
            await link.close()

    @property
    def insecure(self) -> bool:
        """Whether any link runs without TLS (plain ``ws://``): the console must flag it.

        Per link: ``service.links[url].insecure``.
        """
        return any(link.insecure for link in self.links.values())

    # ------------------------------------------------------------------ operators

    def sign_in(self, user: str, password: str) -> OperatorSession:
        """Sign an operator in on this console; commands may then name them.

        Raises
        ------
        SessionExpiredError
            When no identity is configured, or the user or password is wrong, or the
            account is disabled.
        """
        if self.identity is None:
            raise SessionExpiredError("this console has no operator accounts configured")
        session = self.identity.sign_in(user, password)
        self.sessions[session.operator] = session
        return session

    def sign_out(self, operator: str) -> None:
        """End an operator's session on this console (no-op when not signed in)."""
        session = self.sessions.pop(operator, None)
        if session is not None:
            session.sign_out()

    def _auth(self, operator: str | OperatorSession) -> tuple[str, CommandAuth | None]:
        """Resolve who issues a command and stamp it.

        An operator named by string must be signed in, except on a console with neither
        TLS nor identity (insecure development), where commands go out unstamped.
        """
        if isinstance(operator, OperatorSession):
            return operator.operator, self._stamper.stamp(operator)
        session = self.sessions.get(operator)
        if session is None:
            if self.identity is None and self.tls is None:
                return operator, None
            raise SessionExpiredError(f"operator {operator!r} is not signed in on this console")
        return session.operator, self._stamper.stamp(session)

    # ------------------------------------------------------------------ task links (dispatch)

    def _link_of(self, vehicle_id: str) -> EdgeLink | None:
        node = self.fleet.node_of(vehicle_id)
        if node is None:
            return None
        for link in self.links.values():
            if link.stats.node_id == node and link.stats.connected:
                return link
        return None

    def task_version(self, vehicle_id: str) -> str | None:
        """Return the protocol version of the vehicle's node session (``None``: not linked)."""
        link = self._link_of(vehicle_id)
        return None if link is None else link.version

    def task_auth(self, operator: str | OperatorSession | None) -> tuple[str, CommandAuth | None]:
        """Return who issues a task command and its ``auth``; ``None`` is the dispatcher.

        The dispatcher signs as this console's service identity with the operator role (the
        role ``task_assign`` needs); on an insecure console its commands go out unstamped.
        """
        if operator is not None:
            return self._auth(operator)
        if self.identity is None:
            return self.DISPATCHER_NAME, None
        if self._dispatcher_session is None:
            self._dispatcher_session = self.identity.service_session(
                self.DISPATCHER_NAME, Role.OPERATOR
            )
        return self.DISPATCHER_NAME, self._stamper.stamp(self._dispatcher_session)

    def send_task(
        self, vehicle_id: str, build: Callable[[Session, float], Envelope], *, ref: str
    ) -> Awaitable[AssistReply]:
        """Send a task command to the vehicle's node; resolve with the node's ack.

        Raises
        ------
        LinkError
            When the vehicle's node is not connected or did not answer in time.
        """
        return self._task_command(vehicle_id, build, ref)

    async def _task_command(
        self, vehicle_id: str, build: Callable[[Session, float], Envelope], ref: str
    ) -> AssistReply:
        node = self.fleet.node_of(vehicle_id)
        if node is not None:
            # Task commands share the node's command budget with the operators: keep to the
            # dispatcher's share instead of being refused for rate (see links/pacing.py).
            await self.task_pacer.acquire(node)
        link = self._link_of(vehicle_id)
        if link is None:
            raise LinkError(f"{vehicle_id} is not hosted by a connected edge node")
        future = await link.send_assist(build, request_id=ref)  # type: ignore[arg-type]
        try:
            async with asyncio.timeout(self._reply_timeout_s):
                return await future
        except TimeoutError:
            link.forget_reply(future)
            raise LinkError(
                f"{link.stats.node_id} did not answer within {self._reply_timeout_s:g} s"
            ) from None

    # ------------------------------------------------------------------ commands

    async def push_revocations(self, crl_pem: bytes) -> list[int]:
        """Send the site's revocation list to every connected node now.

        Returns the sequence numbers sent; nodes not connected get it on their next
        handshake (when the service was built with ``revocations``).
        """
        sent = []
        for link in self.links.values():
            if link.stats.connected and not link.insecure:
                sent.append(await link.push_revocations(crl_pem))
        return sent

    async def emergency_stop(
        self, vehicles: Sequence[str], *, operator: str | OperatorSession, reason: str = ""
    ) -> list[int]:
        """Send an emergency stop to the nodes hosting ``vehicles`` (every node if empty).

        The stop is re-sent to each node until that node acknowledges it (RELIABILITY S7);
        this waits until every node has answered, or for ``stop_ack_timeout_s`` (attempts
        go on meanwhile, e.g. while a link is still opening), and returns the sequence
        numbers of the first attempts that went out.

        Raises
        ------
        StopNotAcknowledgedError
            Naming the nodes that have not acknowledged yet: their stops stay in
            :attr:`stops` and are re-sent until they are; the operator must know meanwhile.
        LinkError
            When a vehicle is not hosted by a known node (nothing goes out).
        SessionExpiredError
            When the operator is not signed in (nothing goes out).
        """
        name, _ = self._auth(operator)  # fail before anything goes out

        def stop_for(ids: list[str]) -> Callable[[Session, float], EmergencyStop]:
            # Stamped afresh at every attempt: a re-sent stop is a new command, not a replay.
            return lambda s, now: s.make(
                EmergencyStop,
                now,
                vehicles=ids,
                operator=name,
                reason=reason,
                auth=self._auth(operator)[1],
            )

        targets = self._targets(vehicles)
        stops = [
            self.stops.send(url, tuple(ids), name, stop_for(ids)) for url, ids in targets.items()
        ]
        # Wait for the answers up to one attempt's time (a link still opening gets its
        # retries meanwhile), and for every first attempt to have had its chance.
        settled = [asyncio.ensure_future(stop.done.wait()) for stop in stops]
        try:
            await asyncio.wait(settled, timeout=self.stops.ack_timeout_s)
        finally:
            for waiter in settled:
                waiter.cancel()
        await asyncio.gather(*(stop.tried.wait() for stop in stops))
        waiting = [stop for stop in stops if not stop.done.is_set()]
        if waiting:
            raise StopNotAcknowledgedError(
                "stop not yet acknowledged by "
                + ", ".join(f"{stop.url} ({stop.last_error})" for stop in waiting)
                + "; re-sent until it is"
            )
        return [stop.first_seq for stop in stops if stop.first_seq is not None]

    async def resume(
        self, vehicles: Sequence[str], *, operator: str | OperatorSession
    ) -> list[int]:
        """Release latched stops on ``vehicles`` (every vehicle if empty).

        Raises
        ------
        StopStillPendingError
            When a stop for any of them has not been acknowledged by its node yet (nothing
            goes out): released now, the vehicle could still be stopped by that stop's next
            attempt, so the stop must land before it can be released.
        LinkError
            When a vehicle is not hosted by a known node, or a node did not take the resume.
        SessionExpiredError
            When the operator is not signed in (nothing goes out).
        """
        name, _ = self._auth(operator)
        in_flight = [
            stop
            for url, ids in self._targets(vehicles).items()
            for stop in self.stops.pending_for(url, tuple(ids))
        ]
        if in_flight:
            raise StopStillPendingError(
                "a stop is still on its way to "
                + ", ".join(
                    f"{stop.url} ({', '.join(stop.vehicles) or 'every vehicle'}, "
                    f"by {stop.operator}, {stop.attempts} attempt(s))"
                    for stop in in_flight
                )
                + "; it must be acknowledged before it can be released"
            )
        return await self._fan_out(
            vehicles,
            lambda ids: (
                lambda s, now: s.make(
                    Resume, now, vehicles=ids, operator=name, auth=self._auth(operator)[1]
                )
            ),
        )

    def _targets(self, vehicles: Sequence[str]) -> dict[str, list[str]]:
        """Group ``vehicles`` by the link of their node (every link, empty lists, if none)."""
        if not vehicles:
            return {url: [] for url in self.links}
        targets: dict[str, list[str]] = {}
        by_node = {link.stats.node_id: url for url, link in self.links.items()}
        for vid in vehicles:
            node = self.fleet.node_of(vid)
            if node is None or node not in by_node:
                raise LinkError(f"vehicle {vid} is not hosted by a known edge node")
            targets.setdefault(by_node[node], []).append(vid)
        return targets

    async def _fan_out(
        self,
        vehicles: Sequence[str],
        builder: Callable[[list[str]], Callable[[Session, float], Resume]],
    ) -> list[int]:
        targets = self._targets(vehicles)
        sent, failed = [], []
        for url, ids in targets.items():
            try:
                sent.append(await self.links[url].send(builder(ids)))
            except (LinkError, OSError) as exc:
                failed.append(f"{url} ({exc})")
        if failed:
            raise LinkError("not delivered to: " + ", ".join(failed))
        return sent

    # ------------------------------------------------------------------ tele-assist

    async def assist_claim(
        self, request_id: str, *, operator: str | OperatorSession
    ) -> AssistReply:
        """Ask the owning edge node to give ``request_id`` to ``operator``.

        The node arbitrates: the first valid claim wins; the reply says whether this one was
        granted and who owns the request (``owner``).

        Raises
        ------
        LinkError
            When the request is unknown, its node is not connected, or no reply came.
        SessionExpiredError
            When ``operator`` is not signed in on this console.
        """
        name, _ = self._auth(operator)
        return await self._assist_command(
            request_id,
            lambda s, now: s.make(
                AssistClaim,
                now,
                request_id=request_id,
                operator=name,
                auth=self._auth(operator)[1],
            ),
        )

    async def assist_answer(
        self,
        request_id: str,
        answer: str,
        *,
        operator: str | OperatorSession,
        request_ids: Sequence[str] = (),
        waypoints: Sequence[tuple[float, float]] = (),
        override_s: float | None = None,
        zone_id: str | None = None,
        waive_rules: Sequence[str] = (),
        lease_until: float | None = None,
        loss_behaviour: str = "stop",
        note: str = "",
    ) -> AssistReply:
        """Send guidance for ``request_id`` (and, aggregated, the other ``request_ids``).

        ``answer`` is one of ``confirm``, ``deny``, ``hold``, ``safe_stop``, ``reroute``
        (with ``waypoints``), ``override`` (``override_s`` with ``waive_rules`` and/or
        ``zone_id``), ``close_zone`` or ``open_zone`` (``zone_id``).  The edge node checks it
        against policy and the operator's role; a refusal comes back with its reason.

        Raises
        ------
        LinkError
            When the request is unknown, its node is not connected, or no reply came.
        pydantic.ValidationError
            When the answer is malformed (unknown kind, too many waypoints, ...).
        """
        name, _ = self._auth(operator)
        ids = [r for r in request_ids if r != request_id]
        item = self.assist.get(request_id)
        reply = await self._assist_command(
            request_id,
            lambda s, now: s.make(
                AssistAnswer,
                now,
                request_id=request_id,
                operator=name,
                answer=answer,
                request_ids=[request_id, *ids] if ids else [],
                waypoints=list(waypoints),
                override_s=override_s,
                zone_id=zone_id,
                waive_rules=list(waive_rules),
                lease_until=lease_until,
                loss_behaviour=loss_behaviour,
                note=note,
                auth=self._auth(operator)[1],
            ),
        )
        if reply.accepted and zone_id is not None and item is not None:
            # The edge closed (opened) the zone for its governor; routes follow.  A 1.4 node
            # has said so already (closed_zones comes before the reply); an older one only
            # says it by accepting the answer.
            zones = self._zones_by_node.get(item.url, frozenset())
            if answer == "close_zone":
                self._zones_by_node[item.url] = zones | {zone_id}
            elif answer == "open_zone":
                self._zones_by_node[item.url] = zones - {zone_id}
            self._follow_zones(name)
        return reply

    def _on_zones_closed(self, event: ZonesClosedChanged) -> None:
        """Follow what an edge node says is closed on its governor (dispatch re-plans)."""
        self._zones_by_node[event.url] = event.zones
        self._closures_by_node[event.url] = event.closures
        self._follow_zones(event.by or event.node_id or event.url)

    def zone_closures(self) -> dict[str, ZoneClosed]:
        """Return the zones closed at run time now, by zone id, across every edge node.

        From each node's latest ``closed_zones`` (kept while its link is down: restrictive).
        When several nodes closed one zone, the closure that lasts longest is shown (no lease
        end outlasts any).  Changes are announced by :class:`~app.core.bus.ZonesClosedChanged`;
        read this after it (the service hears that event first).
        """
        out: dict[str, ZoneClosed] = {}
        for closures in self._closures_by_node.values():
            for c in closures:
                seen = out.get(c.zone_id)
                if seen is None or _lasts_longer(c, seen):
                    out[c.zone_id] = c
        return dict(sorted(out.items()))

    def _follow_zones(self, who: str) -> None:
        """Close to dispatch every zone some node has closed; reopen the others (re-plan)."""
        dispatch = self.dispatch
        if dispatch is None:
            return
        closed: frozenset[str] = frozenset().union(*self._zones_by_node.values())
        for zone_id in sorted(closed - dispatch.closed_zones):
            try:
                dispatch.close_zone(zone_id, who=who)
            except UnknownFeatureError:
                log.warning(
                    "an edge node closed zone %s, which this console's site does not have: "
                    "the site files differ",
                    zone_id,
                )
        for zone_id in sorted(dispatch.closed_zones - closed):
            dispatch.open_zone(zone_id, who=who)

    async def assist_release(
        self, request_id: str, *, operator: str | OperatorSession
    ) -> AssistReply:
        """Give a claimed request back; the node offers it again."""
        name, _ = self._auth(operator)
        return await self._assist_command(
            request_id,
            lambda s, now: s.make(
                AssistRelease,
                now,
                request_id=request_id,
                operator=name,
                auth=self._auth(operator)[1],
            ),
        )

    async def assist_transfer(
        self,
        request_id: str,
        *,
        operator: str | OperatorSession,
        to_operator: str | None = None,
        to_role: str = "assist",
    ) -> AssistReply:
        """Hand a claimed request to ``to_operator``, or to the supervisors (``to_role``)."""
        name, _ = self._auth(operator)
        return await self._assist_command(
            request_id,
            lambda s, now: s.make(
                AssistTransfer,
                now,
                request_id=request_id,
                operator=name,
                to_operator=to_operator,
                to_role=to_role,
                auth=self._auth(operator)[1],
            ),
        )

    async def _assist_command(
        self, request_id: str, build: Callable[[Session, float], AssistCommand]
    ) -> AssistReply:
        item = self.assist.get(request_id)
        if item is None:
            raise LinkError(f"assist request {request_id} is not in the queue")
        link = self.links.get(item.url)
        if link is None:
            raise LinkError(f"assist request {request_id} came from {item.url}, no longer linked")
        future = await link.send_assist(build, request_id=request_id)
        try:
            async with asyncio.timeout(self._reply_timeout_s):
                return await future
        except TimeoutError:
            link.forget_reply(future)
            raise LinkError(
                f"{item.node_id} did not answer within {self._reply_timeout_s:g} s"
            ) from None

    # ------------------------------------------------------------------ status

    def check_revocation_list(self) -> str | None:
        """Check the site's revocation list (the one pushed to nodes) against its next update.

        Returns the alarm, or ``None``; publishes :class:`RevocationAlarm` when it changes
        (also called by :meth:`start` and :meth:`status`).
        """
        alarm: str | None = None
        if self._revocations is not None:
            pem = self._revocations()
            if pem is None:
                alarm = "no site revocation list to push: revoked certificates stay accepted"
            else:
                try:
                    crl = RevocationList.parse(pem)
                except ValueError as exc:
                    alarm = f"site revocation list unreadable: {exc}"
                else:
                    alarm = lapse_alarm(crl.number, crl.next_update, self._clock())
        if alarm != self._revocation_alarm:
            self._revocation_alarm = alarm
            self.bus.publish(RevocationAlarm(self._clock(), alarm or ""))
        return alarm

    def status(self) -> SiteStatus:
        """Return the current figures (rates are since the previous call)."""
        now = self._clock()
        links = dict.fromkeys(LinkState, 0)
        for link in self.links.values():
            links[link.stats.state] += 1
        p50, p99 = self.fleet.latency.percentiles(50, 99)
        return SiteStatus(
            at=now,
            nodes_total=len(self.links),
            nodes_up=sum(1 for link in self.links.values() if link.stats.connected),
            vehicles=len(self.fleet),
            vehicles_stale=self.fleet.count_stale(now),
            updates_per_s=self._updates.rate(self.fleet.updates),
            frames_per_s=self._frames.rate(sum(k.stats.frames_in for k in self.links.values())),
            links=links,
            latency_p50_ms=p50 * 1000.0,
            latency_p99_ms=p99 * 1000.0,
            reconnects=sum(link.stats.reconnects for link in self.links.values()),
            refused_frames=sum(link.stats.refused_in for link in self.links.values()),
            receipts_per_s=self._receipts.rate(sum(k.receipts_in for k in self.links.values())),
            receipts_stored=self.store.inserted if self.store is not None else 0,
            by_state=self.fleet.count_by_state(),
            insecure_links=sum(1 for link in self.links.values() if link.insecure),
            stops_pending=len(self.stops.pending),
            revocation_alarm=self.check_revocation_list() or "",
        )
