"""Words of the assist workspace: criticality, countdowns, states, answers and rule reasons.

Every cue pairs a colour with a shape and a word, so no cue depends on colour alone.  Rule
explanations arrive from the edge in English; the operator reads them in their language from
the packs' translations (keyed by rule id, ``plugins.records.Translations``) or, for the core
rules, from the console's own catalogue, and in English (as a left-to-right island) otherwise.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.ui.actions import QT_TRANSLATE_NOOP
from app.ui.language import ltr
from maps.errors import UnknownFeatureError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from app.ui.language import LanguageManager
    from app.ui.theme import Theme
    from maps.site import Site

LATIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
"""A Latin id inside an Arabic name."""
SOON_S = 60.0
"""A countdown under this is a warning (half-filled circle)."""
URGENT_S = 20.0
"""A countdown under this is critical (filled circle)."""

CORE_RULES: dict[str, str] = {
    "core.estop_latched": QT_TRANSLATE_NOOP(
        "AssistRules", "An emergency stop is latched: stop safely now."
    ),
    "core.resume_needs_release": QT_TRANSLATE_NOOP(
        "AssistRules",
        "No automatic resume after an emergency stop or a link outage: moving again needs an "
        "explicit release.",
    ),
    "core.blocked_zone": QT_TRANSLATE_NOOP(
        "AssistRules", "The point is inside an active no-entry zone: the action is not allowed."
    ),
    "core.link_no_new_missions": QT_TRANSLATE_NOOP(
        "AssistRules", "The console link is degraded or offline: no new mission may start."
    ),
    "core.perception_low": QT_TRANSLATE_NOOP(
        "AssistRules", "Perception confidence is low: ask an operator and hold meanwhile."
    ),
    "core.release_zone": QT_TRANSLATE_NOOP(
        "AssistRules",
        "The point is inside a zone that needs permission (e.g. a loader's exclusion zone): "
        "ask an operator and hold meanwhile.",
    ),
    "core.link_degraded": QT_TRANSLATE_NOOP(
        "AssistRules", "The console link is degraded or offline: lower speed, wider buffer."
    ),
    "core.zone_speed_limit": QT_TRANSLATE_NOOP(
        "AssistRules", "Inside a speed-limit zone: the lowest limit of the zones here applies."
    ),
    "core.over_speed_limit": QT_TRANSLATE_NOOP(
        "AssistRules", "The requested speed is above the limit here: capped to the limit."
    ),
}
"""The core rules' reasons as the console words them (the packs translate their own)."""


def rule_text(
    rule_id: str, english: str, language: str, pack_texts: Mapping[str, Mapping[str, str]]
) -> str:
    """Return why rule ``rule_id`` fired, in ``language``.

    ``english`` is the edge's explanation (with the site's figures), shown as is in English;
    other languages take the pack's translation, then the console's, then the English text as
    a left-to-right island (an untranslated rule is still read, never hidden).
    """
    if language == "en":
        return english or rule_id
    translated = pack_texts.get(language, {}).get(rule_id)
    if translated:
        return translated
    source = CORE_RULES.get(rule_id)
    if source is not None:
        return QCoreApplication.translate("AssistRules", source)
    return ltr(english or rule_id)


def criticality_text(criticality: str) -> str:
    """Return the criticality with its shape (▲ critical, ◆ high, ■ medium, ○ low)."""
    texts = {
        "critical": "▲ " + QCoreApplication.translate("AssistTexts", "Critical"),
        "high": "◆ " + QCoreApplication.translate("AssistTexts", "High"),
        "medium": "■ " + QCoreApplication.translate("AssistTexts", "Medium"),
        "low": "○ " + QCoreApplication.translate("AssistTexts", "Low"),
    }
    return texts.get(criticality, ltr(criticality))


def criticality_colour(criticality: str, theme: Theme) -> str:
    """Return the theme colour of a criticality."""
    return {
        "critical": theme.critical,
        "high": theme.warning,
        "medium": theme.accent,
    }.get(criticality, theme.muted)


def countdown_text(remaining_s: float, language: LanguageManager) -> str:
    """Return a deadline countdown as shape and ``m:ss`` (○ > 60 s, ◐ > 20 s, ● below, ✕ past)."""
    if remaining_s <= 0:
        return "✕ " + QCoreApplication.translate("AssistTexts", "overdue")
    whole = int(remaining_s)
    clock = language.digits(f"{whole // 60}:{whole % 60:02d}")
    shape = "○" if remaining_s > SOON_S else "◐" if remaining_s > URGENT_S else "●"
    return f"{shape} {ltr(clock)}"


def countdown_colour(remaining_s: float, theme: Theme) -> str:
    """Return the colour of a countdown (ok, warning below a minute, critical below 20 s)."""
    if remaining_s > SOON_S:
        return theme.ok
    return theme.warning if remaining_s > URGENT_S else theme.critical


def state_text(state: str) -> str:
    """Return the translated state of a request."""
    texts = {
        "offered": QCoreApplication.translate("AssistTexts", "Open"),
        "claimed": QCoreApplication.translate("AssistTexts", "Claimed"),
        "answered": QCoreApplication.translate("AssistTexts", "Answered"),
        "expired": QCoreApplication.translate("AssistTexts", "Expired: no answer in time"),
        "cleared": QCoreApplication.translate("AssistTexts", "Cleared by itself"),
        "withdrawn": QCoreApplication.translate("AssistTexts", "Withdrawn"),
    }
    return texts.get(state, ltr(state))


def answer_text(answer: str) -> str:
    """Return the translated name of an answer kind."""
    texts = {
        "confirm": QCoreApplication.translate("AssistTexts", "Confirm"),
        "deny": QCoreApplication.translate("AssistTexts", "Deny"),
        "hold": QCoreApplication.translate("AssistTexts", "Hold"),
        "safe_stop": QCoreApplication.translate("AssistTexts", "Safe stop"),
        "reroute": QCoreApplication.translate("AssistTexts", "Reroute"),
        "override": QCoreApplication.translate("AssistTexts", "Override"),
        "close_zone": QCoreApplication.translate("AssistTexts", "Close zone"),
        "open_zone": QCoreApplication.translate("AssistTexts", "Open zone"),
    }
    return texts.get(answer, ltr(answer))


def hold_text(behaviour: str) -> str:
    """Return what the vehicle does while it waits."""
    texts = {
        "hold": QCoreApplication.translate("AssistTexts", "holds in place"),
        "slow": QCoreApplication.translate("AssistTexts", "slows down"),
        "safe_stop": QCoreApplication.translate("AssistTexts", "stops safely"),
    }
    return texts.get(behaviour, ltr(behaviour))


def fallback_text(fallback: str) -> str:
    """Return what the edge applies at the deadline."""
    texts = {
        "hold": QCoreApplication.translate("AssistTexts", "hold and wait for a task"),
        "safe_stop": QCoreApplication.translate("AssistTexts", "safe stop (latched)"),
    }
    return texts.get(fallback, ltr(fallback))


def action_text(action: str) -> str:
    """Return the proposed action that escalated."""
    texts = {
        "start_task": QCoreApplication.translate("AssistTexts", "start a task"),
        "proceed": QCoreApplication.translate("AssistTexts", "proceed"),
        "resume": QCoreApplication.translate("AssistTexts", "resume"),
        "enter_zone": QCoreApplication.translate("AssistTexts", "enter the zone"),
    }
    if not action:
        return "—"
    return texts.get(action, ltr(action))


def feature_text(site: Site, feature: str | None, arabic: bool) -> str:
    """Return the display name of the zone or point a request is about (``—`` for none)."""
    if not feature:
        return "—"
    for lookup in (site.zone, site.poi):
        try:
            item = lookup(feature)
        except UnknownFeatureError:
            continue
        if arabic and item.name_ar:
            # Site names in Arabic may carry ids ("LD2"): those read left to right.
            name = LATIN_ID.sub(lambda m: ltr(m.group(0)), item.name_ar)
        else:
            name = item.name
        return f"{name} {ltr(feature)}"
    return ltr(feature)


def reply_reason(reason: str) -> str:
    """Return an edge node's reason (English from the edge) as a left-to-right island."""
    return ltr(reason) if reason else ""
