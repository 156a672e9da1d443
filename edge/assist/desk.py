"""The assist desk of one edge node: requests, claims, leases, answers and deadlines.

The edge node is the authority over its vehicles, so it arbitrates assist requests: the
governor's ESCALATE opens a request (:meth:`AssistDesk.escalated`); the first valid claim
wins and holds a lease (:meth:`AssistDesk.claim`); an unanswered lease lapses and the request
is offered again; the owner may release or transfer it; the owner's answer is checked against
policy and applied by the vehicle adapter, which keeps the veto (:meth:`AssistDesk.answer`);
at the deadline the declared fallback applies (:meth:`AssistDesk.tick`).

The desk does no I/O and reads no clock: every call takes ``now``.  Each change becomes a
:class:`DeskEvent` the node drains (:meth:`AssistDesk.pop_events`), broadcasts to its consoles
and journals (the event's receipt body, action ``assist.<what>``, names the request and the
operator in ``fired_rules``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from edge.assist.policy import AnswerPolicy
from edge.hal.base import FallbackResult, Guidance, GuidanceKind
from edge.protocol.messages import Outcome
from edge.receipts.record import ReceiptBody
from edge.security.roles import Role

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from edge.governor.context import Proposal
    from edge.governor.outcomes import Decision
    from edge.hal.base import VehicleAdapter
    from edge.protocol.messages import AssistAnswer, TelemetrySample

__all__ = [
    "HISTORY_MAX",
    "HISTORY_PERIOD_S",
    "LEASE_S",
    "AnswerResult",
    "AssistDesk",
    "ClaimResult",
    "DeskEvent",
]

log = logging.getLogger(__name__)

LEASE_S = 30.0
"""How long a claim holds without an answer before the request is offered again."""
HISTORY_PERIOD_S = 1.0
"""Telemetry history kept for a request's context: one sample per this period ..."""
HISTORY_MAX = 60
"""... and this many samples (the last minute)."""
MAX_OPEN = 10_000
"""Open requests per node; beyond, a new escalation is journaled but not offered (logged)."""
KEEP_CLOSED = 1_000
"""Closed requests remembered, so a late claim or answer is told who closed it and how."""

_FALLBACK_OUTCOME = {"safe_stop": Outcome.TERMINATE, "hold": Outcome.BLOCK}
_ANSWER_OUTCOME = {
    "confirm": Outcome.ALLOW,
    "override": Outcome.ALLOW,
    "reroute": Outcome.RESTRICT,
    "deny": Outcome.BLOCK,
    "hold": Outcome.BLOCK,
    "safe_stop": Outcome.TERMINATE,
    "retry": Outcome.ESCALATE,
}


def _describe(message: AssistAnswer) -> str:
    """Say what an answer did, for the update's ``detail`` and the journal."""
    if message.zone_id is not None:
        return f"{message.answer} {message.zone_id}"
    return message.answer


class DeskEvent(NamedTuple):
    """A change to broadcast and journal.

    ``kind`` ``request`` carries the :class:`~edge.protocol.messages.AssistRequest` fields,
    ``update`` the :class:`~edge.protocol.messages.AssistUpdate` fields (without the
    envelope).
    """

    kind: Literal["request", "update"]
    request_id: str
    fields: dict[str, Any]
    body: ReceiptBody


class ClaimResult(NamedTuple):
    """The desk's ruling on a claim."""

    granted: bool
    owner: str | None
    lease_until: float | None
    reason: str


class AnswerResult(NamedTuple):
    """The desk's ruling on an answer: ``refusal`` is ``None`` when applied."""

    refusal: str | None
    resolved: tuple[str, ...]
    skipped: tuple[str, ...] = ()


@dataclass(slots=True)
class _Request:
    fields: dict[str, Any]
    vehicle: VehicleAdapter
    bundle: tuple[str, int]
    state: str = "offered"
    owner: str | None = None
    lease_until: float | None = None
    min_role: Role = Role.ASSIST
    answer: str | None = None
    by: str | None = None
    proposal: Proposal | None = None
    """The proposal that escalated: the vehicle's state a chosen route is checked with."""

    @property
    def request_id(self) -> str:
        return str(self.fields["request_id"])

    @property
    def deadline(self) -> float:
        return float(self.fields["deadline"])

    @property
    def is_open(self) -> bool:
        return self.state in ("offered", "claimed")


@dataclass(slots=True)
class _History:
    samples: deque[TelemetrySample] = field(default_factory=lambda: deque(maxlen=HISTORY_MAX))
    last: float = float("-inf")


class AssistDesk:
    """Assist requests of one edge node's vehicles.

    Parameters
    ----------
    node_id
        The node, named in every request.
    policy
        Returns the current override limits (the governor may be swapped at run time).
    locate
        Names the site feature at a position (aggregation key); ``None``: no aggregation.
    monotonic
        The node's monotonic clock, for the journal bodies.
    lease_s
        Claim lease.
    route_check
        The governor's check of a ``reroute`` (:func:`edge.assist.routecheck.check_route`
        with the governor in use): the escalating proposal and the waypoints, to why the
        route is refused or ``None``.  Without one, every reroute is refused.
    """

    def __init__(
        self,
        node_id: str,
        *,
        policy: Callable[[], AnswerPolicy] = AnswerPolicy.none,
        locate: Callable[[float, float], str | None] | None = None,
        monotonic: Callable[[], float],
        lease_s: float = LEASE_S,
        route_check: Callable[[Proposal, Sequence[tuple[float, float]]], str | None] | None = None,
    ) -> None:
        self.node_id = node_id
        self._route_check = route_check
        self._policy = policy
        self._locate = locate
        self._mono = monotonic
        self.lease_s = lease_s
        self._requests: OrderedDict[str, _Request] = OrderedDict()
        self._by_vehicle: dict[str, str] = {}
        self._history: dict[str, _History] = {}
        self._events: list[DeskEvent] = []
        self.refused_full = 0

    # ------------------------------------------------------------------ reading

    def open_requests(self) -> list[dict[str, Any]]:
        """Return the fields of every open request, with its current state (for a resend)."""
        return [self._wire(r) for r in self._requests.values() if r.is_open]

    def state_of(self, request_id: str) -> str | None:
        """Return a request's state, or ``None`` when unknown."""
        req = self._requests.get(request_id)
        return None if req is None else req.state

    def owner_of(self, request_id: str) -> str | None:
        """Return who holds a request's claim, or ``None``."""
        req = self._requests.get(request_id)
        return None if req is None else req.owner

    def open_for(self, vehicle_id: str) -> str | None:
        """Return the id of the vehicle's open request, or ``None``."""
        return self._by_vehicle.get(vehicle_id)

    def pop_events(self) -> list[DeskEvent]:
        """Return and forget the changes since the last call, oldest first."""
        events, self._events = self._events, []
        return events

    # ------------------------------------------------------------------ the governor's side

    def record(self, vehicles: Iterable[VehicleAdapter], now: float) -> None:
        """Keep each vehicle's low-rate telemetry history (called every tick; cheap)."""
        for vehicle in vehicles:
            hist = self._history.get(vehicle.vehicle_id)
            if hist is None:
                hist = self._history[vehicle.vehicle_id] = _History()
            if now - hist.last >= HISTORY_PERIOD_S:
                hist.last = now
                hist.samples.append(vehicle.sample(now))

    def decided(
        self, vehicle: VehicleAdapter, proposal: Proposal, decision: Decision, now: float
    ) -> str | None:
        """Follow one governor decision; return the id of a request it opened, if any.

        ESCALATE opens a request unless the vehicle already has one open (re-checks while it
        waits do not pile up) or an answer in force covers it (``VehicleAdapter.answered``: the
        vehicle goes on under a confirmation or override); a permissive decision on a waiting
        vehicle closes its request as ``cleared``; BLOCK or TERMINATE as ``withdrawn``.
        """
        open_id = self._by_vehicle.get(vehicle.vehicle_id)
        if decision.outcome is Outcome.ESCALATE:
            if decision.fired and vehicle.answered(decision.fired[0]):
                return None  # an answer in force covers it: the vehicle goes on under it
            if open_id is None and decision.escalation is not None:
                return self._open(vehicle, proposal, decision, now)
            return None
        if open_id is not None:
            req = self._requests[open_id]
            cleared = decision.outcome in (Outcome.ALLOW, Outcome.RESTRICT)
            state = "cleared" if cleared else "withdrawn"
            detail = "the condition cleared" if cleared else f"governor {decision.outcome.value}"
            self._close(req, state, now, by=None, detail=detail, outcome=decision.outcome)
        return None

    def refused(self, request_id: str, operator: str, now: float, why: str) -> None:
        """Journal an answer refused outside the desk (a zone change the node refused)."""
        req = self._requests.get(request_id)
        if req is not None:
            self._journal(req, "answer_refused", now, operator, Outcome.ESCALATE, (why,))

    def withdraw(self, vehicle_id: str, now: float, why: str) -> None:
        """Close the vehicle's open request as ``withdrawn`` (e.g. an emergency stop)."""
        open_id = self._by_vehicle.get(vehicle_id)
        if open_id is not None:
            req = self._requests[open_id]
            self._close(req, "withdrawn", now, by=None, detail=why, outcome=Outcome.TERMINATE)

    def tick(self, now: float) -> None:
        """Lapse unanswered leases (offer again) and apply fallbacks past their deadline."""
        for req in [r for r in self._requests.values() if r.is_open]:
            if now >= req.deadline:
                fallback = str(req.fields["fallback"])
                why = f"no answer by the deadline ({', '.join(req.fields['reason_rules'])})"
                result = self._apply_fallback(req, fallback, why)
                if result.status == "applied":
                    detail = f"fallback {fallback} applied"
                elif result.status == "already_stopped":
                    detail = (
                        f"fallback {fallback}: the vehicle was already stopped ({result.reason})"
                    )
                else:
                    detail = f"fallback {fallback} not applied: {result.reason}"
                self._close(
                    req,
                    "expired",
                    now,
                    by=None,
                    detail=detail,
                    # The receipt says what was enforced: nothing, when the vehicle did nothing.
                    outcome=Outcome.ESCALATE
                    if result.status == "not_applicable"
                    else _FALLBACK_OUTCOME.get(fallback, Outcome.TERMINATE),
                    fallback=fallback,
                    fallback_result=result.status,
                )
            elif req.state == "claimed" and req.lease_until is not None and now >= req.lease_until:
                was = req.owner
                req.state, req.owner, req.lease_until = "offered", None, None
                self._emit(req, "lease_expired", now, was, detail=f"lease of {was} lapsed")

    # ------------------------------------------------------------------ the operators' side

    def claim(self, request_id: str, operator: str, role: Role | None, now: float) -> ClaimResult:
        """Rule on a claim: the first valid one wins; a repeat by the owner renews the lease."""
        req = self._requests.get(request_id)
        if req is None:
            return ClaimResult(False, None, None, f"no assist request {request_id} on this node")
        refusal: str | None = None
        if not req.is_open:
            refusal = f"request is {req.state}" + (f" by {req.by}" if req.by else "")
        elif req.owner is not None and req.owner != operator:
            refusal = f"claimed by {req.owner}"
        elif req.min_role >= Role.SUPERVISOR and (role is None or role < Role.SUPERVISOR):
            refusal = "handed to the supervisors: a verified supervisor must claim it"
        if refusal is not None:
            self._journal(req, "claim_refused", now, operator, Outcome.ESCALATE, (refusal,))
            return ClaimResult(False, req.owner, req.lease_until, refusal)
        req.state, req.owner = "claimed", operator
        req.lease_until = min(now + self.lease_s, req.deadline)
        self._emit(req, "claim", now, operator)
        return ClaimResult(True, operator, req.lease_until, "")

    def release(self, request_id: str, operator: str, now: float) -> str | None:
        """Give a claimed request back (offered again); return why not, or ``None``."""
        req, refusal = self._owned(request_id, operator)
        if req is None:
            return refusal
        req.state, req.owner, req.lease_until = "offered", None, None
        self._emit(req, "release", now, operator)
        return None

    def transfer(
        self,
        request_id: str,
        operator: str,
        now: float,
        *,
        to_operator: str | None,
        to_role: str = "assist",
    ) -> str | None:
        """Hand a claimed request on; return why not, or ``None``.

        To ``to_operator``: the lease passes to them (renewed).  To the supervisors
        (``to_role`` ``supervisor``) without an operator: offered to supervisors only.
        """
        req, refusal = self._owned(request_id, operator)
        if req is None:
            return refusal
        if to_operator is None and to_role != "supervisor":
            return "a transfer names an operator or the supervisors"
        if to_role == "supervisor":
            req.min_role = Role.SUPERVISOR
        if to_operator is not None:
            req.owner = to_operator
            req.lease_until = min(now + self.lease_s, req.deadline)
        else:
            req.state, req.owner, req.lease_until = "offered", None, None
        target = to_operator or "the supervisors"
        self._emit(req, "transfer", now, operator, detail=f"to {target}")
        return None

    def answer(
        self,
        message: AssistAnswer,
        operator: str,
        role: Role | None,
        now: float,
        *,
        dry_run: bool = False,
        zone_changed: bool = False,
    ) -> AnswerResult:
        """Check and apply an answer to its request and, aggregated, the similar ones listed.

        The primary request (``request_id``) must be open and claimed by ``operator``.  Each
        other listed request is answered too if it is open, on this node, has the primary's
        aggregate key, and is offered or also owned by ``operator``; the others are skipped
        and named.  A late answer (deadline passed) is refused: the fallback stands.

        ``dry_run`` checks and returns the requests it would answer, changing nothing.  A
        ``close_zone`` / ``open_zone`` answer is applied only with ``zone_changed`` (the
        node changed the governor's zones first); its vehicles then hold (closed) or ask
        the governor again (reopened).
        """
        primary, refusal = self._owned(message.request_id, operator)
        if primary is None:
            return AnswerResult(refusal, ())
        if now >= primary.deadline:
            return AnswerResult("the deadline has passed; the fallback applies", ())
        targets, skipped = [primary], []
        key = primary.fields["aggregate_key"]
        for rid in dict.fromkeys(message.request_ids):
            if rid == primary.request_id:
                continue
            other = self._requests.get(rid)
            if (
                other is None
                or not other.is_open
                or not key
                or other.fields["aggregate_key"] != key
                or other.owner not in (None, operator)
                or now >= other.deadline
            ):
                skipped.append(rid)
            else:
                targets.append(other)
        if dry_run:
            return AnswerResult(None, tuple(t.request_id for t in targets), tuple(skipped))
        zone_answer = message.answer == "close_zone" or message.answer == "open_zone"
        if zone_answer and not zone_changed:
            return AnswerResult("this edge node cannot change zone state", ())
        kind: GuidanceKind = (
            "hold"
            if message.answer == "close_zone"
            else "retry"
            if message.answer == "open_zone"
            else message.answer
        )
        until = message.lease_until
        grants: frozenset[str] = frozenset()
        waive = frozenset(message.waive_rules)
        if kind == "override":
            escalated = {r for t in targets for r in t.fields["reason_rules"]}
            why = self._policy().check_override(
                escalated=escalated,
                waive=waive,
                zone_id=message.zone_id,
                seconds=message.override_s,
                role=role,
            )
            if why is not None:
                self._journal(primary, "answer_refused", now, operator, Outcome.ESCALATE, (why,))
                return AnswerResult(why, ())
            assert message.override_s is not None  # checked by the policy
            end = now + message.override_s
            until = end if until is None else min(until, end)
            grants = frozenset({message.zone_id}) if message.zone_id else frozenset()
        if kind == "reroute" and not message.waypoints:
            return AnswerResult("a reroute needs waypoints", ())
        resolved: list[str] = []
        refusals: list[str] = []
        for req in targets:
            guidance = Guidance(
                kind=kind,
                request_id=req.request_id,
                operator=operator,
                until=until,
                waypoints=tuple(message.waypoints),
                waive_rules=waive,
                grant_zones=grants,
                loss_behaviour=message.loss_behaviour,
            )
            # The governor re-checks a chosen route before the vehicle may take it.
            why = self._check_route(req, guidance) if kind == "reroute" else None
            if why is None:
                vetoed = req.vehicle.apply_guidance(guidance)
                why = None if vetoed is None else f"vehicle refused: {vetoed}"
            if why is not None:
                refusals.append(f"{req.request_id}: {why}")
                if req is primary:
                    self._journal(req, "answer_refused", now, operator, Outcome.ESCALATE, (why,))
                    return AnswerResult(why, ())
                skipped.append(req.request_id)
                continue
            req.answer = message.answer
            self._close(
                req,
                "answered",
                now,
                by=operator,
                detail=message.note or _describe(message),
                outcome=_ANSWER_OUTCOME.get(kind, Outcome.ESCALATE),
            )
            resolved.append(req.request_id)
        return AnswerResult(None, tuple(resolved), tuple(skipped))

    # ------------------------------------------------------------------ internals

    def _apply_fallback(self, req: _Request, fallback: str, why: str) -> FallbackResult:
        """Have the vehicle apply the fallback; return what it says it did."""
        try:
            result: object = req.vehicle.apply_fallback(fallback, why)  # type: ignore[arg-type]
        except Exception as exc:  # isolation boundary: one adapter failing must not stop the desk
            log.exception("assist %s: fallback %s failed", req.request_id, fallback)
            return FallbackResult("not_applicable", f"the vehicle adapter failed: {exc}")
        if not isinstance(result, FallbackResult):  # an adapter written before it had to say
            return FallbackResult(
                "not_applicable", "the vehicle adapter did not report what it did"
            )
        return result

    def _check_route(self, req: _Request, guidance: Guidance) -> str | None:
        """Return why the governor refuses the answer's route for this request's vehicle."""
        if self._route_check is None or req.proposal is None:
            return "this edge node has no governor to check a route: reroutes are refused"
        why = self._route_check(req.proposal, guidance.waypoints)
        return None if why is None else f"the governor refuses the route: {why}"

    def _owned(self, request_id: str, operator: str) -> tuple[_Request | None, str]:
        req = self._requests.get(request_id)
        if req is None:
            return None, f"no assist request {request_id} on this node"
        if not req.is_open:
            by = f" by {req.by}" if req.by else ""
            return None, f"request {request_id} is {req.state}{by}"
        if req.owner != operator:
            who = req.owner or "nobody"
            return None, f"request {request_id} is claimed by {who}, not {operator}: claim it first"
        return req, ""

    def _open(
        self, vehicle: VehicleAdapter, proposal: Proposal, decision: Decision, now: float
    ) -> str | None:
        escalation = decision.escalation
        assert escalation is not None
        request_id = f"{self.node_id}:{uuid.uuid4().hex[:16]}"[-64:]
        context = vehicle.sample(now)
        feature = self._locate(context.x, context.y) if self._locate is not None else None
        rules = list(escalation.reason_rules)
        why = dict(zip(decision.fired, decision.reasons, strict=False))
        hist = self._history.get(vehicle.vehicle_id)
        fields: dict[str, Any] = {
            "request_id": request_id,
            "vehicle_id": vehicle.vehicle_id,
            "reason_rules": rules,
            "explanations": [why.get(r, "") for r in rules],
            "priority": escalation.priority,
            "criticality": escalation.criticality,
            "deadline": escalation.deadline_at,
            "hold_behaviour": escalation.hold_behaviour,
            "fallback": escalation.fallback,
            "context": context,
            "node_id": self.node_id,
            "created_at": now,
            "action": proposal.action if isinstance(proposal.action, str) else "?",
            "feature": feature,
            "aggregate_key": f"{feature}|{'+'.join(rules)}" if feature else "",
            "history": list(hist.samples) if hist is not None else [],
        }
        req = _Request(
            fields, vehicle, (decision.bundle_id, decision.bundle_version), proposal=proposal
        )
        if len(self._by_vehicle) >= MAX_OPEN:  # one open request per vehicle
            self.refused_full += 1
            self._journal(req, "request_dropped", now, None, Outcome.ESCALATE, ("desk full",))
            return None
        self._requests[request_id] = req
        self._by_vehicle[vehicle.vehicle_id] = request_id
        body = self._body(req, "request", now, None, Outcome.ESCALATE, ())
        self._events.append(DeskEvent("request", request_id, self._wire(req), body))
        return request_id

    def _close(
        self,
        req: _Request,
        state: str,
        now: float,
        *,
        by: str | None,
        detail: str,
        outcome: Outcome,
        fallback: str | None = None,
        fallback_result: str | None = None,
    ) -> None:
        req.state, req.by, req.lease_until = state, by, None
        if self._by_vehicle.get(req.fields["vehicle_id"]) == req.request_id:
            del self._by_vehicle[req.fields["vehicle_id"]]
        self._requests.move_to_end(req.request_id)
        self._emit(
            req,
            state,
            now,
            by,
            detail=detail,
            outcome=outcome,
            fallback=fallback,
            fallback_result=fallback_result,
        )
        closed = [r for r, q in self._requests.items() if not q.is_open]
        for old in closed[: max(0, len(closed) - KEEP_CLOSED)]:
            del self._requests[old]

    def _emit(
        self,
        req: _Request,
        what: str,
        now: float,
        by: str | None,
        *,
        detail: str = "",
        outcome: Outcome = Outcome.ESCALATE,
        fallback: str | None = None,
        fallback_result: str | None = None,
    ) -> None:
        fields: dict[str, Any] = {
            "request_id": req.request_id,
            "vehicle_id": req.fields["vehicle_id"],
            "state": req.state,
            "owner": req.owner,
            "lease_until": req.lease_until,
            "by": by,
            "at": now,
            "answer": req.answer,
            "fallback": fallback,
            "fallback_result": fallback_result,
            "min_role": "supervisor" if req.min_role >= Role.SUPERVISOR else "assist",
            "detail": detail[:256],
        }
        body = self._body(req, what, now, by, outcome, (detail,) if detail else ())
        self._events.append(DeskEvent("update", req.request_id, fields, body))

    def _journal(
        self,
        req: _Request,
        what: str,
        now: float,
        by: str | None,
        outcome: Outcome,
        notes: tuple[str, ...],
    ) -> None:
        """Journal an event that changes no state (a refusal): no broadcast."""
        body = self._body(req, what, now, by, outcome, notes)
        self._events.append(DeskEvent("update", req.request_id, {}, body))

    def _body(
        self,
        req: _Request,
        what: str,
        now: float,
        by: str | None,
        outcome: Outcome,
        notes: tuple[str, ...],
    ) -> ReceiptBody:
        fired = (
            f"assist:{req.request_id}",
            f"operator:{by or '-'}",
            *(n[:200] for n in notes),
            *req.fields["reason_rules"],
        )
        record = {
            "what": what,
            "request": req.request_id,
            "by": by,
            "at": now,
            "state": req.state,
            "owner": req.owner,
            "notes": list(notes),
        }
        digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        return ReceiptBody(
            vehicle_id=str(req.fields["vehicle_id"]),
            action=f"assist.{what}",
            outcome=outcome,
            fired_rules=fired,
            constraints=(),
            bundle_id=req.bundle[0],
            bundle_version=req.bundle[1],
            inputs_digest=digest,
            decided_at=now,
            decided_mono=self._mono(),
        )

    def _wire(self, req: _Request) -> dict[str, Any]:
        return {
            **req.fields,
            "state": req.state,
            "owner": req.owner,
            "lease_until": req.lease_until,
        }
