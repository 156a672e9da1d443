"""What an operator's answer may do: the limits of a scoped, time-limited override.

Guidance is advice the vehicle re-checks, but an override widens what the governor allows,
so it is bounded here before anything is applied:

* only the rules that escalated this request may be waived (the override is scoped), and
  all of them (a partial waiver would let the vehicle go on a rule nobody waived);
* never a hard rule: strength ``R`` (regulation, law), or a rule whose own outcome is BLOCK or
  TERMINATE (e-stops, BLOCKED zones), or a rule this bundle does not know;
* an assist operator may waive guidance, doctrine and site rules (``G``, ``D``, ``E``) for at
  most :data:`ASSIST_MAX_OVERRIDE_S`; a supervisor also standards (``S``), for at most
  :data:`SUPERVISOR_MAX_OVERRIDE_S`;
* a zone may be entered by override only if it is a RELEASE zone of the compiled policy
  (a grant); BLOCKED zones never.

Every refusal is a sentence naming what was refused and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from edge.protocol.messages import Outcome
from edge.security.roles import Role

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from edge.governor.engine import Governor

__all__ = [
    "ASSIST_MAX_OVERRIDE_S",
    "SUPERVISOR_MAX_OVERRIDE_S",
    "AnswerPolicy",
]

ASSIST_MAX_OVERRIDE_S = 600.0
"""Longest override an assist operator may give (10 min, DOMAIN "enter this zone")."""
SUPERVISOR_MAX_OVERRIDE_S = 3600.0
"""Longest override a supervisor may give."""

_WAIVABLE: Mapping[Role, frozenset[str]] = MappingProxyType(
    {
        Role.ASSIST: frozenset({"G", "D", "E"}),
        Role.SUPERVISOR: frozenset({"S", "G", "D", "E"}),
        Role.ADMIN: frozenset({"S", "G", "D", "E"}),
    }
)
_HARD_OUTCOMES = frozenset({Outcome.BLOCK, Outcome.TERMINATE})


@dataclass(frozen=True, slots=True)
class AnswerPolicy:
    """The override limits of one compiled policy.

    Attributes
    ----------
    strengths
        Rule id to strength (``R`` regulation ... ``E`` site rule).
    outcomes
        Rule id to the rule's own outcome.
    release_zones
        RELEASE zone ids a grant can open.
    """

    strengths: Mapping[str, str]
    outcomes: Mapping[str, Outcome]
    release_zones: frozenset[str]

    @classmethod
    def of(cls, governor: Governor) -> AnswerPolicy:
        """Return the limits of the policy ``governor`` decides with."""
        bundle = governor.bundle
        return cls(
            strengths=MappingProxyType({r.id: r.strength for r in bundle.rules}),
            outcomes=MappingProxyType({r.id: r.effect.outcome for r in bundle.rules}),
            release_zones=frozenset(governor.policy.release_bits),
        )

    @classmethod
    def none(cls) -> AnswerPolicy:
        """Return the limits of a node without a governor: nothing may be overridden."""
        return cls(MappingProxyType({}), MappingProxyType({}), frozenset())

    def check_override(
        self,
        *,
        escalated: Collection[str],
        waive: Collection[str],
        zone_id: str | None,
        seconds: float | None,
        role: Role | None,
    ) -> str | None:
        """Return why this override may not be given, or ``None`` when it may.

        Parameters
        ----------
        escalated
            The rules that escalated the request(s) answered: the scope.
        waive
            The rules the operator asks to waive.
        zone_id
            A zone the operator grants entry to, if any.
        seconds
            How long the override lasts; required.
        role
            The verified role of the operator; ``None`` (insecure development mode) gets an
            assist operator's limits.
        """
        role = Role.ASSIST if role is None else role
        if not waive and zone_id is None:
            return "an override names rules to waive or a zone to enter"
        if seconds is None:
            return "an override needs a duration (override_s): it is always time-limited"
        limit = SUPERVISOR_MAX_OVERRIDE_S if role >= Role.SUPERVISOR else ASSIST_MAX_OVERRIDE_S
        if seconds > limit:
            return f"{role.label} may override for at most {limit:g} s, not {seconds:g} s"
        for rule in waive:
            why = self._rule_refusal(rule, escalated, role)
            if why is not None:
                return why
        left = sorted(set(escalated) - set(waive))
        if waive and left:
            # The vehicle would still have to ask for the others: a partial waiver is refused
            # rather than let one waived rule stand for the rest.
            return f"an override waives every rule that escalated; not waived: {', '.join(left)}"
        if zone_id is not None and zone_id not in self.release_zones:
            return (
                f"zone {zone_id} is not a RELEASE zone of this policy: an override can only "
                "grant entry to a RELEASE zone, never to a BLOCKED one"
            )
        return None

    def _rule_refusal(self, rule: str, escalated: Collection[str], role: Role) -> str | None:
        strength = self.strengths.get(rule)
        if strength is None:
            return f"rule {rule} is not in the active policy bundle"
        if strength == "R":
            return f"rule {rule} is a regulation (strength R): it can never be overridden"
        if self.outcomes.get(rule) in _HARD_OUTCOMES:
            return f"rule {rule} blocks or stops (hard rule): it can never be overridden"
        if rule not in escalated:
            return f"rule {rule} did not escalate this request: an override is scoped to it"
        if strength not in _WAIVABLE.get(role, frozenset()):
            return f"{role.label} may not waive rule {rule} (strength {strength})"
        return None
