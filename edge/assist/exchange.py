"""How an edge node's assist desk meets its consoles and its journal.

:class:`AssistExchange` turns the desk's events into frames (``assist_request`` to every
``assist`` subscriber, ``assist_update`` to 1.1 sessions only) and journal receipts, rules on
the consoles' assist commands through the desk and replies to them, re-sends the open
requests to a console that subscribes, and carries out zone answers (the governor recompiled
off the loop, then swapped).  The edge node owns one and calls it from its tick and its
frame dispatch.

Zone closures are the node's to tell: every 1.4 console gets ``closed_zones`` after its
``welcome`` and whenever a closure starts or ends (answer, lease lapse), so the console's
dispatcher routes as the node's governor decides.  A lease lapse, and a closure the node
re-applies or drops at start, is journaled like the answer that closed the zone, with the node
as the one who acted.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import asdict
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
    ClosedZones,
    CommandAck,
    Outcome,
    Topic,
    ZoneClosure,
)
from edge.receipts.record import ReceiptBody

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence
    from concurrent.futures import Future

    from edge.assist.closures import ZoneClosures
    from edge.assist.desk import DeskEvent
    from edge.decisions import DecisionPipeline
    from edge.governor.context import Proposal
    from edge.governor.engine import Governor
    from edge.link.connection import ConsoleLink
    from edge.protocol.messages import ZoneChange
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
        self._monotonic = monotonic
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
        self.closed: dict[str, Closure] = {}
        """The operator closures in force on the governor, by zone (persisted or not)."""
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
            self._journal_zones(
                "zone_lapsed",
                [store.closures[z] for z in sorted(lapsed)],
                "lease passed while the node was down",
                now,
            )
            store.reopen(lapsed)
        if zones is None or decisions is None or not store.closures:
            return
        closed = frozenset(store.closures)
        # Unknown zones (the site file changed) raise here: the node does not start with
        # closures it cannot apply (close_zones names them).
        decisions.governor = zones.compile_closed(closed)
        zones.commit_closed(closed)
        self.closed = dict(store.closures)
        self._journal_zones(
            "zone_reclosed",
            [store.closures[z] for z in sorted(closed)],
            "closed again at start",
            now,
        )
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
        if not self.closed or self._lapsing is not None:
            return
        if any(not c.in_force(now) for c in self.closed.values()):
            self._lapsing = asyncio.get_running_loop().create_task(self._reopen())

    async def _reopen(self) -> None:
        try:
            async with self._zone_lock:
                zones, decisions, store = self.zones, self.decisions, self.closures
                if zones is None or decisions is None:
                    return
                # Read under the lock: an answer may have reopened or closed again meanwhile.
                now = self._clock()
                ended = [c for c in self.closed.values() if not c.in_force(now)]
                if not ended:
                    return
                lapsed = frozenset(c.zone_id for c in ended)
                closed = zones.closed - lapsed
                loop = asyncio.get_running_loop()
                decisions.governor = await loop.run_in_executor(None, zones.compile_closed, closed)
                zones.commit_closed(closed)
                if store is not None:
                    store.reopen(lapsed)
                for zone_id in lapsed:
                    self.closed.pop(zone_id, None)
                now = self._clock()
                self._journal_zones("zone_lapsed", ended, "lease passed", now)
                self._broadcast_zones("lapsed", lapsed, self.node_id, now)
                log.warning(
                    "edge %s: zone closure lease passed, reopened: %s",
                    self.node_id,
                    ", ".join(sorted(lapsed)),
                )
        finally:
            self._lapsing = None

    def closed_zones(
        self,
        console: ConsoleLink,
        now: float,
        change: ZoneChange = "snapshot",
        zone_ids: Collection[str] = (),
        by: str = "",
    ) -> ClosedZones:
        """Return the ``closed_zones`` frame for ``console``: every closure in force now."""
        return console.message(
            ClosedZones,
            now,
            closures=[
                ZoneClosure(
                    zone_id=c.zone_id, by=c.by, at=c.at, until=c.until, request_id=c.request_id
                )
                for c in sorted(self.closed.values(), key=lambda c: c.zone_id)
            ],
            change=change,
            zone_ids=sorted(zone_ids),
            by=by,
        )

    def _broadcast_zones(
        self, change: ZoneChange, zone_ids: Collection[str], by: str, now: float
    ) -> None:
        """Tell every 1.4 console the closures after a change (older ones cannot hear it)."""
        for console in self._consoles:
            if console.open and console.session.speaks_1_4:
                console.post_control(self.closed_zones(console, now, change, zone_ids, by))

    def _journal_zones(self, what: str, closures: Sequence[Closure], why: str, now: float) -> None:
        """Journal what the node itself did to operator closures (``assist.<what>``).

        One receipt a zone, like the answer that closed it: ``fired_rules`` names the
        answered request, the node as the operator, why, and the zone; ``vehicle_id`` is the
        node (no vehicle acted).  A reopening is ALLOW (the zone is open again), a closing
        BLOCK.
        """
        decisions = self.decisions
        if decisions is None or not closures:
            return
        governor = decisions.governor
        outcome = Outcome.ALLOW if what == "zone_lapsed" else Outcome.BLOCK
        bodies = []
        for closure in closures:
            until = "none" if closure.until is None else f"{closure.until:.0f}"
            note = f"{why}: zone {closure.zone_id} closed by {closure.by}, lease until {until}"
            record = {"what": what, "by": self.node_id, "at": now, "closure": asdict(closure)}
            digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
            bodies.append(
                ReceiptBody(
                    vehicle_id=self.node_id,
                    action=f"assist.{what}",
                    outcome=outcome,
                    fired_rules=(
                        f"assist:{closure.request_id}",
                        f"operator:{self.node_id}",
                        note[:200],
                        f"zone:{closure.zone_id}",
                    ),
                    constraints=(),
                    bundle_id=governor.bundle_id,
                    bundle_version=governor.bundle_version,
                    inputs_digest=digest,
                    decided_at=now,
                    decided_mono=self._monotonic(),
                )
            )
        self._submit(bodies)

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
        self._submit([e.body for e in events])

    def _submit(self, bodies: list[ReceiptBody]) -> None:
        if self.decisions is None:
            return
        try:
            done = self.decisions.journal.submit_many(bodies)
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
            if kind == "close_zone":
                closure = Closure(zone_id, operator, now, message.lease_until, message.request_id)
                self.closed[zone_id] = closure
                if self.closures is not None:  # durable before the answer is acknowledged
                    self.closures.close(closure)
            else:
                self.closed.pop(zone_id, None)
                if self.closures is not None:
                    self.closures.reopen({zone_id})
            self._broadcast_zones(
                "closed" if kind == "close_zone" else "reopened",
                (zone_id,),
                operator,
                self._clock(),
            )
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
