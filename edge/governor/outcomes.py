"""What a decision says: outcome, fired rules with reasons, constraints, escalation.

Severity order (the combine rule): ``TERMINATE > BLOCK > ESCALATE > RESTRICT > ALLOW``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from edge.protocol.messages import Outcome

if TYPE_CHECKING:
    from edge.protocol.messages import Constraint

__all__ = [
    "SEVERITY",
    "Decision",
    "Escalation",
    "HoldBehaviour",
    "fallback_due",
    "severity",
]

SEVERITY: tuple[Outcome, ...] = (
    Outcome.ALLOW,
    Outcome.RESTRICT,
    Outcome.ESCALATE,
    Outcome.BLOCK,
    Outcome.TERMINATE,
)
"""Outcomes by increasing severity; an outcome's index is its code in batch results."""

_RANK = {outcome: rank for rank, outcome in enumerate(SEVERITY)}

HoldBehaviour = Literal["hold", "slow", "safe_stop"]


def severity(outcome: Outcome) -> int:
    """Return the severity code of an outcome (``ALLOW`` 0 ... ``TERMINATE`` 4)."""
    return _RANK[outcome]


class Escalation(NamedTuple):
    """A request for a human, merged over every fired ESCALATE rule (most urgent wins).

    Attributes
    ----------
    reason_rules
        The ESCALATE rules that fired, in bundle order (``AssistRequest.reason_rules``).
    priority
        The lowest (most urgent) priority among them, 0..9.
    criticality
        The highest criticality among them.
    deadline_at
        The earliest deadline, wall-clock seconds since the Unix epoch.
    hold_behaviour
        What to do while waiting: the most conservative (``safe_stop`` > ``hold`` > ``slow``).
    fallback
        What to do when nobody answers by the deadline (``safe_stop`` > ``hold``).
    """

    reason_rules: tuple[str, ...]
    priority: int
    criticality: Literal["low", "medium", "high", "critical"]
    deadline_at: float
    hold_behaviour: HoldBehaviour
    fallback: Literal["hold", "safe_stop"]


def fallback_due(escalation: Escalation, now: float) -> Literal["hold", "safe_stop"] | None:
    """Return the declared fallback once the deadline has passed unanswered, else ``None``.

    An unanswered request means "not granted" (VDA 5050 v3 section 6.9 semantics): the caller
    applies the fallback and records it as a decision of its own.

    Parameters
    ----------
    escalation
        The escalation of an ESCALATE decision still waiting for an answer.
    now
        Wall-clock time, seconds since the Unix epoch.

    Returns
    -------
    str or None
        ``"hold"`` or ``"safe_stop"`` when ``now >= deadline_at``.
    """
    return escalation.fallback if now >= escalation.deadline_at else None


class Decision(NamedTuple):
    """The governor's answer to one proposal.

    An immutable record; a named tuple rather than a frozen dataclass because it is built on
    the decision path (a third of the construction cost).

    Attributes
    ----------
    outcome
        The combined outcome (most severe of the fired rules; ALLOW when none fired).
    fired
        Ids of the rules that fired: the engine's built-ins (``core.input_invalid``,
        ``core.bundle_expired``) first, then bundle rules in bundle order.
    fired_outcomes
        Each fired rule's own outcome, aligned with :attr:`fired`.
    reasons
        Each fired rule's explanation, aligned with :attr:`fired` (English; translated by the
        console with the rule id as code).
    constraints
        Merged restrictions, tightest wins: ``speed_cap_mps`` (absolute, speed factors already
        applied to the local limit), ``buffer_m``, ``no_reverse``, and ``hold_s`` while an
        escalation holds the vehicle.
    no_new_missions
        No new mission may start (the link is degraded or offline).
    escalation
        The merged escalation when the outcome is ESCALATE, else ``None``.
    bundle_id, bundle_version
        The policy the decision was made under.
    inputs_digest
        SHA-256 (hex) of the canonical packing of the proposal.
    invalid_fields
        The proposal fields that made the decision fail closed, if any.
    """

    outcome: Outcome
    fired: tuple[str, ...]
    fired_outcomes: tuple[Outcome, ...]
    reasons: tuple[str, ...]
    constraints: tuple[Constraint, ...]
    no_new_missions: bool
    escalation: Escalation | None
    bundle_id: str
    bundle_version: int
    inputs_digest: str
    invalid_fields: tuple[str, ...] = ()

    def constraint(self, kind: str) -> float | None:
        """Return the value of one constraint kind, or ``None`` when absent."""
        for item in self.constraints:
            if item.kind == kind:
                return item.value
        return None
