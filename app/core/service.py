"""The site service: edge links, fleet state and the event bus, wired together, headless.

The console observes a :class:`SiteService`; ``atlasmesh site`` runs one on its own with a
status line.  The service runs on one asyncio loop and never blocks it.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.assist.queue import AssistQueue
from app.core.bus import EventBus
from app.core.errors import LinkError
from app.core.fleet.state import FleetState
from app.core.identity.session import CommandStamper, OperatorSession, SessionExpiredError
from app.core.links.backoff import exponential_backoff
from app.core.links.edge_link import DEFAULT_TOPICS, EdgeLink
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

if TYPE_CHECKING:
    import ssl
    from collections.abc import Callable, Iterator, Sequence

    from app.core.bus import AssistReply
    from app.core.identity.session import Identity
    from app.core.links.edge_link import AssistCommand
    from app.core.store.receipts import ReceiptStore
    from edge.protocol.linkmonitor import LinkThresholds
    from edge.protocol.session import Session


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
        How long an assist command waits for the edge node's reply.
    """

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
    ) -> None:
        self.site_id = site_id
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
        self._topics = topics
        self._backoff = backoff
        self._thresholds = thresholds
        self._clock = clock
        self._mono = monotonic
        self._started = False
        self._updates = RateMeter(clock)
        self._frames = RateMeter(clock)
        self._receipts = RateMeter(clock)
        for url in endpoints:
            self._make_link(url)

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
        for link in self.links.values():
            link.start()

    async def stop(self) -> None:
        """Close every link."""
        self._started = False
        await asyncio.gather(*(link.close() for link in self.links.values()))

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

        Returns the sequence numbers sent.  Raises :class:`LinkError` naming the nodes that
        could not be reached: the caller must know a stop did not go out.
        """
        name, _ = self._auth(operator)  # fail before anything goes out
        return await self._fan_out(
            vehicles,
            lambda ids: (
                lambda s, now: s.make(
                    EmergencyStop,
                    now,
                    vehicles=ids,
                    operator=name,
                    reason=reason,
                    auth=self._auth(operator)[1],
                )
            ),
        )

    async def resume(
        self, vehicles: Sequence[str], *, operator: str | OperatorSession
    ) -> list[int]:
        """Release latched stops on ``vehicles`` (every vehicle if empty)."""
        name, _ = self._auth(operator)
        return await self._fan_out(
            vehicles,
            lambda ids: (
                lambda s, now: s.make(
                    Resume, now, vehicles=ids, operator=name, auth=self._auth(operator)[1]
                )
            ),
        )

    async def _fan_out(
        self,
        vehicles: Sequence[str],
        builder: Callable[[list[str]], Callable[[Session, float], EmergencyStop | Resume]],
    ) -> list[int]:
        targets: dict[str, list[str]] = {}
        if vehicles:
            by_node = {link.stats.node_id: url for url, link in self.links.items()}
            for vid in vehicles:
                node = self.fleet.node_of(vid)
                if node is None or node not in by_node:
                    raise LinkError(f"vehicle {vid} is not hosted by a known edge node")
                targets.setdefault(by_node[node], []).append(vid)
        else:
            targets = {url: [] for url in self.links}
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
        return await self._assist_command(
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
        )
