"""Dispatch words as the console shows them: task states, vehicle statuses, reasons, units.

The dispatcher records stable codes (``queued``, ``held``, ``assigned: cost 312.4 s``,
``fault: motor``); the console translates the code and keeps any identifier in the detail as
a left-to-right island, so an Arabic screen shows no English word.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.core.dispatch.tasks import TaskState
from app.ui.language import ltr

if TYPE_CHECKING:
    from app.ui.language import LanguageManager

CONTEXT = "Dispatch"
STATE_SHAPES = {
    TaskState.QUEUED: "◌",
    TaskState.ASSIGNED: "◐",
    TaskState.RUNNING: "▶",
    TaskState.DONE: "✓",
    TaskState.FAILED: "✕",
}
"""A shape per task state, so colour is never the only carrier of meaning."""
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.:/\-]*")
_COST = re.compile(r"cost (-?[0-9.]+) s")
_OVERRIDE = re.compile(r"override by (?P<who>[^:]+): (?P<what>.*)")


def _t(source: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate(CONTEXT, source, disambiguation)


def task_state_text(state: TaskState | str) -> str:
    """Return the translated name of a task state."""
    return {
        TaskState.QUEUED: QCoreApplication.translate(CONTEXT, "Queued", "task state"),
        TaskState.ASSIGNED: QCoreApplication.translate(CONTEXT, "Assigned", "task state"),
        TaskState.RUNNING: QCoreApplication.translate(CONTEXT, "Running", "task state"),
        TaskState.DONE: QCoreApplication.translate(CONTEXT, "Done", "task state"),
        TaskState.FAILED: QCoreApplication.translate(CONTEXT, "Failed", "task state"),
    }[TaskState(state)]


def vehicle_status_text(status: str) -> str:
    """Return the translated name of a dispatch vehicle status (unknown codes as islands)."""
    texts = {
        "available": QCoreApplication.translate(CONTEXT, "Available", "vehicle dispatch status"),
        "busy": QCoreApplication.translate(CONTEXT, "Busy", "vehicle dispatch status"),
        "held": QCoreApplication.translate(CONTEXT, "Held", "vehicle dispatch status"),
        "fault": QCoreApplication.translate(CONTEXT, "Fault", "vehicle dispatch status"),
        "offline": QCoreApplication.translate(CONTEXT, "Offline", "vehicle dispatch status"),
    }
    return texts.get(status, ltr(status))


def isolate_latin(text: str) -> str:
    """Wrap each Latin token (an id such as ``SH01``) of ``text`` as a left-to-right island."""
    return _LATIN.sub(lambda m: ltr(m.group(0)), text)


def reason_text(why: str, language: LanguageManager) -> str:
    """Translate a transition's reason code; identifiers in its detail stay LTR islands.

    ``assigned: cost 312.4 s`` -> "Assigned by the optimiser (cost 312.4 s)"; ``override by
    op-1: vehicle held (shift change)`` -> "Operator override: vehicle held"; an unknown code is
    shown as it is, isolated.
    """
    code, _, detail = why.partition(": ")
    detail = detail.strip()
    override = _OVERRIDE.fullmatch(why)
    if override is not None:
        what = override.group("what")
        if what.startswith("pinned to "):
            vehicle = what.removeprefix("pinned to ").split(" ", 1)[0]
            return _t("Operator override: pinned to %1").replace("%1", ltr(vehicle))
        if what.startswith("vehicle held"):
            return _t("Operator override: vehicle held")
        if what.startswith("released"):
            return _t("Operator override: vehicle released")
        return _t("Operator override")
    if code == "assigned":
        cost = _COST.fullmatch(detail)
        if cost is not None:
            return _t("Assigned by the optimiser (cost %1 s)").replace(
                "%1", language.number(float(cost.group(1)), 0)
            )
        if detail == "pinned":
            return _t("Assigned: pinned by an operator")
        return _t("Assigned")
    simple = {
        "started": _t("Started by the vehicle"),
        "done": _t("Completed"),
    }
    if why in simple:
        return simple[why]
    with_detail = {
        "cancelled": _t("Cancelled: %1"),
        "fault": _t("Vehicle fault: %1"),
        "offline": _t("Vehicle offline: %1"),
        "unreachable": _t("Route lost: %1"),
    }
    if code in with_detail:
        return with_detail[code].replace("%1", ltr(detail) if detail else "—")
    return ltr(why) if why else "—"


def who_text(who: str) -> str:
    """Return who made a change: the dispatcher (translated) or an id (an island)."""
    if who == "dispatcher":
        return _t("Dispatcher", "who made a task change")
    return ltr(who) if who else "—"


def unit_text(unit: str) -> str:
    """Translate a KPI unit the packs use; an unknown one is shown as an island."""
    units = {
        "t/h": _t("t/h", "unit: tonnes per hour"),
        "s": _t("s", "unit: seconds"),
        "min": _t("min", "unit: minutes"),
        "h": _t("h", "unit: hours"),
        "%": "%",
        "m": _t("m", "unit: metres"),
        "km": _t("km", "unit: kilometres"),
        "km/h": _t("km/h", "unit: kilometres per hour"),
        "moves/h": _t("moves/h", "unit: moves per hour"),
        "count": "",
    }
    return units.get(unit, ltr(unit))


def duration_text(seconds: float, language: LanguageManager) -> str:
    """Format a duration as ``m:ss`` (or ``h:mm:ss``) with the digit option."""
    total = max(0, round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    text = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
    return language.digits(text)
