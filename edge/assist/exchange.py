"""How an edge node's assist desk meets its consoles and its journal.

:class:`AssistExchange` turns the desk's events into frames (``assist_request`` to every
``assist`` subscriber, ``assist_update`` to 1.1 sessions only) and journal receipts, rules on
the consoles' assist commands through the desk and replies to them, re-sends the open
requests to a console that subscribes, and carries out zone answers (the governor recompiled
off the loop, then swapped).  The edge node owns one and calls it from its tick and its
frame dispatch.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from edge.assist.closures import Closure
from edge.assist.desk import AnswerResult, AssistDesk
from edge.assist.features import FeatureLocator
from edge.assist.policy import AnswerPolicy
from edge.assist.routecheck import check_route
from edge.governor.zonestate import ZoneState
from edge.protocol.messages import (
    AssistAnswer,
    AssistClaim,
    AssistClaimResult,
    AssistRelease,
    AssistRequest,
    AssistTransfer,
    AssistUpdate,
    CommandAck,
    Topic,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence
    from concurrent.futures import Future

    from edge.assist.closures import ZoneClosures
    from edge.assist.desk import DeskEvent
    from edge.decisions import DecisionPipeline
    from edge.governor.context import Proposal
    from edge.governor.engine import Governor
    from edge.link.connection import ConsoleLink
    from edge.receipts.record import Receipt
    from edge.security.assertion import OperatorClaim
    from edge.security.roles import Role

__all__ = ["AssistExchange"]

log = logging.getLogger(__name__)


class AssistExchange:
    """The assist desk of one edge node, wired to its consoles and journal.

    Parameters
    ----------
    node_id
        The node's id.
    consoles
        The node's live console sessions (read, never changed, here).
    decisions
        The node's decision pipeline: its journal records assist events, its governor gives
        the override limits, the feature locator and the zones; ``None``: nothing is
        journaled and nothing may be overridden.
    clock, monotonic
        The node's clocks.
    closures
        Where zone closures are persisted (restored here, minus those whose lease passed);
        ``None`` keeps them in memory only.
    """

    def __init__(
        self,
        node_id: str,
        *,
        consoles: Collection[ConsoleLink],
        decisions: DecisionPipeline | None,
        clock: Callable[[], float],
        monotonic: Callable[[], float],
        closures: ZoneClosures | None = None,
    ) -> None:
        self.node_id = node_id
        self._consoles = consoles
        self.decisions = decisions
        self._clock = clock
        self._policy_of: tuple[Governor | None, AnswerPolicy] = (None, AnswerPolicy.none())
        site = decisions.governor.site if decisions is not None else None
        self.desk = AssistDesk(
            node_id,
            policy=self._answer_policy,
            locate=FeatureLocator(site) if site is not None else None,
            monotonic=monotonic,
            route_check=self._check_route if decisions is not None else None,
        )
        self.zones = (
            ZoneState(decisions.governor) if decisions is not None and site is not None else None
        )
        self._zone_lock = asyncio.Lock()
        self.journal_failures = 0
        self.closures = closures
        self._lapsing: asyncio.Task[None] | None = None
        self._restore_closures()

    def _restore_closures(self) -> None:
        """Close again the zones operators closed before a restart (leases honoured)."""
        store, zones, decisions = self.closures, self.zones, self.decisions
        if store is None or not store.closures:
            return
        now = self._clock()
        lapsed = store.lapsed(now)
        if lapsed:
            log.warning(
                "edge %s: zone closures lapsed while the node was down, reopened: %s",
                self.node_id,
                ", ".join(sorted(lapsed)),
            )
            store.reopen(lapsed)
        if zones is None or decisions is None or not store.closures:
            return
        closed = frozenset(store.closures)
        # Unknown zones (the site file changed) raise here: the node does not start with
        # closures it cannot apply (close_zones names them).
        decisions.governor = zones.compile_closed(closed)
        zones.commit_closed(closed)
        for closure in store.closures.values():
            until = "until reopened" if closure.until is None else f"until {closure.until:.0f}"
            log.warning(
                "edge %s: zone %s closed again at start (by %s, %s)",
                self.node_id,
                closure.zone_id,
                closure.by,
                until,
            )

    def lapse_zones(self, now: float) -> None:
        """Reopen zones whose closure lease has passed (called every tick; cheap)."""
        store = self.closures
        if store is None or not store.closures or self._lapsing is not None:
            return
        lapsed = store.lapsed(now)
        if lapsed:
            self._lapsing = asyncio.get_running_loop().create_task(self._reopen(lapsed))

    async def _reopen(self, lapsed: frozenset[str]) -> None:
        try:
            async with self._zone_lock:
                zones, decisions, store = self.zones, self.decisions, self.closures
                if zones is None or decisions is None or store is None:
                    return
                closed = zones.closed - lapsed
                loop = asyncio.get_running_loop()
                decisions.governor = await loop.run_in_executor(None, zones.compile_closed, closed)
                zones.commit_closed(closed)
                store.reopen(lapsed)
                log.warning(
                    "edge %s: zone closure lease passed, reopened: %s",
                    self.node_id,
                    ", ".join(sorted(lapsed)),
                )
        finally:
            self._lapsing = None

    def _answer_policy(self) -> AnswerPolicy:
        """Return the override limits of the governor in use (rebuilt when it is swapped)."""
        governor = self.decisions.governor if self.decisions is not None else None
        if governor is not self._policy_of[0]:
            policy = AnswerPolicy.of(governor) if governor is not None else AnswerPolicy.none()
            self._policy_of = (governor, policy)
        return self._policy_of[1]

    def _check_route(
        self, proposal: Proposal, waypoints: Sequence[tuple[float, float]]
    ) -> str | None:
        """Ask the governor in use (operator closures included) about a chosen route."""
        assert self.decisions is not None
        return check_route(self.decisions.governor, proposal, waypoints)

    def flush(self, now: float) -> None:
        """Journal the desk's changes and broadcast them to every assist subscriber."""
        events = self.desk.pop_events()
        if not events:
            return
        self._journal(events)
        listeners = [c for c in self._consoles if c.open and Topic.ASSIST in c.topics]
        for event in events:
            if not event.fields:
                continue  # a refusal: journaled, nothing changed to show
            for console in listeners:
                if event.kind == "request":
                    console.post_control(console.message(AssistRequest, now, **event.fields))
                elif console.session.speaks_1_3:
                    console.post_control(console.message(AssistUpdate, now, **event.fields))
                elif console.session.speaks_1_1:  # a 1.0 console does not know the update
                    older = {k: v for k, v in event.fields.items() if k != "fallback_result"}
                    console.post_control(console.message(AssistUpdate, now, **older))

    def _journal(self, events: list[DeskEvent]) -> None:
        if self.decisions is None:
            return
        try:
            done = self.decisions.journal.submit_many([e.body for e in events])
        except Exception:  # isolation boundary: the journal failing must not stop arbitration
            self.journal_failures += 1
            log.exception("edge %s: assist events not journaled", self.node_id)
            return
        done.add_done_callback(self._journaled)

    def _journaled(self, done: Future[list[Receipt]]) -> None:
        error = done.exception()
        if error is not None:
            self.journal_failures += 1
            log.error("edge %s: assist events not journaled: %s", self.node_id, error)

    async def command(
        self,
        console: ConsoleLink,
        message: AssistClaim | AssistRelease | AssistTransfer | AssistAnswer,
        claim: OperatorClaim | None,
        now: float,
    ) -> None:
        """Rule on an assist command, broadcast what changed, reply to its console.

        A claim is answered by ``assist_claim_result``; release, transfer and answer by
        ``command_ack`` (``accepted`` false with the reason when refused).
        """
        desk = self.desk
        role = claim.role if claim is not None else None
        operator = claim.operator if claim is not None else message.operator
        refusal: str | None
        note = ""
        if isinstance(message, AssistClaim):
            result = desk.claim(message.request_id, operator, role, now)
            self.flush(now)
            await console.send_control(
                console.message(
                    AssistClaimResult,
                    now,
                    request_id=message.request_id,
                    granted=result.granted,
                    owner=result.owner,
                    lease_until=result.lease_until,
                    ref_seq=message.seq,
                    reason=result.reason,
                )
            )
            return
        if isinstance(message, AssistRelease):
            refusal = desk.release(message.request_id, operator, now)
        elif isinstance(message, AssistTransfer):
            refusal = desk.transfer(
                message.request_id,
                operator,
                now,
                to_operator=message.to_operator,
                to_role=message.to_role,
            )
        else:
            if message.answer in ("close_zone", "open_zone"):
                answered = await self._zone_answer(message, operator, role, now)
                now = self._clock()
            else:
                answered = desk.answer(message, operator, role, now)
            refusal = answered.refusal
            if refusal is None:
                skipped = f"; skipped {', '.join(answered.skipped)}" if answered.skipped else ""
                note = f"answered {', '.join(answered.resolved)}{skipped}"
        self.flush(now)
        ack = console.message(
            CommandAck,
            now,
            ref_seq=message.seq,
            accepted=refusal is None,
            reason=(refusal or note)[:256],
        )
        await console.send_control(ack)

    async def _zone_answer(
        self, message: AssistAnswer, operator: str, role: Role | None, now: float
    ) -> AnswerResult:
        """Close or reopen a zone for an answer: recompile the governor, swap it, apply.

        The answer is checked first (owner, deadline, aggregation) without changing
        anything; then the zone change (role, zone state); the governor compiles off the
        loop; once it is in use the answer is applied to the requests still open.
        """
        desk, kind, zone_id = self.desk, message.answer, message.zone_id
        check = desk.answer(message, operator, role, now, dry_run=True)
        if check.refusal is not None:
            return check
        async with self._zone_lock:  # one zone change at a time: each builds on the last
            zones, decisions = self.zones, self.decisions
            why = (
                "this edge node has no site zones to close"
                if zones is None or decisions is None
                else zones.check(kind, zone_id, role)
            )
            if why is not None or zones is None or decisions is None or zone_id is None:
                desk.refused(message.request_id, operator, now, why or "no zone")
                return AnswerResult(why or "no zone", ())
            loop = asyncio.get_running_loop()
            governor = await loop.run_in_executor(None, zones.compile, kind, zone_id)
            decisions.governor = governor
            zones.commit(kind, zone_id)
            if self.closures is not None:  # durable before the answer is acknowledged
                if kind == "close_zone":
                    closure = Closure(
                        zone_id, operator, now, message.lease_until, message.request_id
                    )
                    self.closures.close(closure)
                else:
                    self.closures.reopen({zone_id})
            log.warning(
                "edge %s: %s %s by %s (now closed: %s)",
                self.node_id,
                kind,
                zone_id,
                operator,
                ", ".join(sorted(zones.closed)) or "none",
            )
        return desk.answer(message, operator, role, self._clock(), zone_changed=True)

    async def resend(self, console: ConsoleLink, now: float) -> None:
        """Send a newly subscribed console every open request, in its current state."""
        for fields in self.desk.open_requests():
            await console.send_bulk(console.message(AssistRequest, now, **fields))
