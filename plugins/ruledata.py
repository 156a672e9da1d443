"""Helpers for writing a pack's rules as data in the governor's rule language.

Every pack builds its rules as dictionaries the governor validates (``RuleSet.rules``); these
helpers keep the shape in one place instead of each pack repeating it.
"""

from __future__ import annotations

from typing import Any

KMH = 1 / 3.6
"""One km/h in m/s: rule figures are quoted in km/h, the governor speaks m/s."""

NOT_STOP: dict[str, Any] = {"field": "action", "op": "ne", "value": "stop"}
"""Condition: the proposed action is not a stop (a stop is never restricted further)."""


def rule(
    rule_id: str,
    explanation: str,
    strength: str,
    source: str,
    when: list[dict[str, Any]],
    effect: dict[str, Any],
) -> dict[str, Any]:
    """Return one rule in the governor's rule language (validated when the bundle compiles).

    Parameters
    ----------
    rule_id
        ``<pack>.<name>``.
    explanation
        What the rule does, in words an operator reads on a receipt.
    strength, source
        SECTOR_RULES strength code and the source of the figure.
    when
        Conditions, all of which must hold.
    effect
        Outcome and constraints.
    """
    return {
        "id": rule_id,
        "explanation": explanation,
        "strength": strength,
        "source": source,
        "when": when,
        "effect": effect,
    }
