"""The decision path of an edge node: proposal → governor → durable receipt → vehicle.

A vehicle adapter proposes an action; the governor decides it in microseconds; the decision's
receipt goes to the journal.  Restrictive verdicts (ESCALATE, BLOCK, TERMINATE) reach the
vehicle at once — stopping is always safe.  Permissive ones (ALLOW, RESTRICT) reach it only
when the receipt is durable, so no vehicle acts on a decision that could be lost.  If the
journal cannot store a receipt, the vehicle is stopped: never an action without a receipt.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

from edge.hal.base import Verdict
from edge.receipts.record import ReceiptBody

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future

    from edge.governor.context import Proposal
    from edge.governor.engine import Governor
    from edge.governor.outcomes import Decision
    from edge.hal.base import VehicleAdapter
    from edge.journal import Journal
    from edge.receipts.record import Receipt

log = logging.getLogger(__name__)

_Pending = tuple["VehicleAdapter", "Proposal", Verdict, ReceiptBody]
"""A decided proposal waiting for its receipt to be durable."""


def verdict_of(decision: Decision) -> Verdict:
    """Turn a governor decision into what the vehicle applies."""
    escalation = decision.escalation
    return Verdict(
        outcome=decision.outcome,
        reason=decision.fired[0] if decision.fired else "",
        speed_cap_mps=decision.constraint("speed_cap_mps"),
        no_new_missions=decision.no_new_missions,
        deadline=escalation.deadline_at if escalation else None,
        hold_behaviour=escalation.hold_behaviour if escalation else "hold",
        fallback=escalation.fallback if escalation else "safe_stop",
    )


def receipt_body(proposal: Proposal, decision: Decision, *, decided_mono: float) -> ReceiptBody:
    """Return the receipt body recording ``decision`` on ``proposal``.

    A proposal's ids that are not strings (bad input, decided fail-closed) are recorded as
    ``"?"``; a non-finite decision time as the wall clock now.
    """
    return ReceiptBody(
        vehicle_id=proposal.vehicle_id if isinstance(proposal.vehicle_id, str) else "?",
        action=proposal.action if isinstance(proposal.action, str) else "?",
        outcome=decision.outcome,
        fired_rules=decision.fired,
        constraints=tuple((c.kind, c.value) for c in decision.constraints),
        bundle_id=decision.bundle_id,
        bundle_version=decision.bundle_version,
        inputs_digest=decision.inputs_digest,
        decided_at=proposal.now if _finite(proposal.now) else time.time(),
        decided_mono=decided_mono,
    )


class DecisionPipeline:
    """Governor and journal of one edge node, wired to its vehicles.

    Parameters
    ----------
    governor
        The compiled policy.
    journal
        The node's durable receipt journal.
    on_durable
        Called on the event loop with each group of receipts once it is durable (to stream
        them).
    """

    def __init__(
        self,
        governor: Governor,
        journal: Journal,
        *,
        on_durable: Callable[[list[Receipt]], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.governor = governor
        self.journal = journal
        self.on_durable = on_durable
        self._mono = monotonic
        self.decided = 0
        self.durable = 0
        self.journal_failures = 0
        self.by_outcome: dict[str, int] = {}
        self._batch: list[_Pending] = []

    def handle(self, vehicle: VehicleAdapter, proposal: Proposal) -> Decision:
        """Decide one proposal; restrictive verdicts apply now, the receipt waits for flush."""
        decision = self.governor.decide(proposal)
        verdict = verdict_of(decision)
        self.decided += 1
        key = decision.outcome.value
        self.by_outcome[key] = self.by_outcome.get(key, 0) + 1
        if not verdict.permits:
            vehicle.apply_verdict(proposal, verdict)
        body = receipt_body(proposal, decision, decided_mono=self._mono())
        self._batch.append((vehicle, proposal, verdict, body))
        return decision

    def flush(self) -> None:
        """Journal the receipts decided since the last flush as one group (once per tick).

        One group, one durable commit, one callback: cheaper than a future per receipt, and
        the receipts of one tick become durable together.
        """
        batch, self._batch = self._batch, []
        if not batch:
            return
        try:
            done = self.journal.submit_many([item[3] for item in batch])
        except Exception as exc:  # noqa: BLE001 - isolation boundary: a journal fault stops motion
            for vehicle, *_ in batch:
                self._failed(vehicle, exc)
            return
        loop = asyncio.get_running_loop()
        done.add_done_callback(lambda f: loop.call_soon_threadsafe(self._settled, batch, f))

    def _settled(self, batch: list[_Pending], done: Future[list[Receipt]]) -> None:
        error = done.exception()
        if error is not None:
            for vehicle, *_ in batch:
                self._failed(vehicle, error)
            return
        self.durable += len(batch)
        for vehicle, proposal, verdict, _body in batch:
            if verdict.permits:
                vehicle.apply_verdict(proposal, verdict)
        if self.on_durable is not None:
            self.on_durable(done.result())

    def _failed(self, vehicle: VehicleAdapter, error: BaseException) -> None:
        self.journal_failures += 1
        log.error("journal refused a receipt for %s (%s): stopping it", vehicle.vehicle_id, error)
        vehicle.emergency_stop(f"journal failure: {error}")


def _finite(value: object) -> bool:
    return isinstance(value, float | int) and value == value and abs(value) != float("inf")
