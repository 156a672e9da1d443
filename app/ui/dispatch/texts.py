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
_REFUSED = re.compile(r"refused by (?P<who>[^:]+): (?P<detail>.*)", re.S)
_OVERRIDE = re.compile(r"override by (?P<who>[^:]+): (?P<what>.*)")


def task_state_text(state: TaskState | str) -> str:
    """Return the translated name of a task state."""
    return {
        TaskState.QUEUED: QCoreApplication.translate("Dispatch", "Queued", "task state"),
        TaskState.ASSIGNED: QCoreApplication.translate("Dispatch", "Assigned", "task state"),
        TaskState.RUNNING: QCoreApplication.translate("Dispatch", "Running", "task state"),
        TaskState.DONE: QCoreApplication.translate("Dispatch", "Done", "task state"),
        TaskState.FAILED: QCoreApplication.translate("Dispatch", "Failed", "task state"),
    }[TaskState(state)]


def vehicle_status_text(status: str) -> str:
    """Return the translated name of a dispatch vehicle status (unknown codes as islands)."""
    texts = {
        "available": QCoreApplication.translate("Dispatch", "Available", "vehicle dispatch status"),
        "busy": QCoreApplication.translate("Dispatch", "Busy", "vehicle dispatch status"),
        "held": QCoreApplication.translate("Dispatch", "Held", "vehicle dispatch status"),
        "fault": QCoreApplication.translate("Dispatch", "Fault", "vehicle dispatch status"),
        "offline": QCoreApplication.translate("Dispatch", "Offline", "vehicle dispatch status"),
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
            return QCoreApplication.translate(
                "Dispatch", "Operator override: pinned to %1"
            ).replace("%1", ltr(vehicle))
        if what.startswith("vehicle held"):
            return QCoreApplication.translate("Dispatch", "Operator override: vehicle held")
        if what.startswith("released"):
            return QCoreApplication.translate("Dispatch", "Operator override: vehicle released")
        return QCoreApplication.translate("Dispatch", "Operator override")
    if code == "assigned":
        cost = _COST.fullmatch(detail)
        if cost is not None:
            return QCoreApplication.translate(
                "Dispatch", "Assigned by the optimiser (cost %1 s)"
            ).replace("%1", language.number(float(cost.group(1)), 0))
        if detail == "pinned":
            return QCoreApplication.translate("Dispatch", "Assigned: pinned by an operator")
        return QCoreApplication.translate("Dispatch", "Assigned")
    refused = _REFUSED.fullmatch(why)
    if refused is not None:
        code = refused.group("detail").split(":", 1)[0].strip()
        return (
            QCoreApplication.translate("Dispatch", "Refused by %1 (%2)")
            .replace("%1", ltr(refused.group("who")))
            .replace("%2", ltr(code) if code else "—")
        )
    if code.startswith("no route after closure"):
        return QCoreApplication.translate("Dispatch", "No route after a road or zone closure")
    simple = {
        "started": QCoreApplication.translate("Dispatch", "Started by the vehicle"),
        "done": QCoreApplication.translate("Dispatch", "Completed"),
    }
    if why in simple:
        return simple[why]
    with_detail = {
        "cancelled": QCoreApplication.translate("Dispatch", "Cancelled: %1"),
        "fault": QCoreApplication.translate("Dispatch", "Vehicle fault: %1"),
        "offline": QCoreApplication.translate("Dispatch", "Vehicle offline: %1"),
        "unreachable": QCoreApplication.translate("Dispatch", "Route lost: %1"),
        "not planned": QCoreApplication.translate("Dispatch", "Could not be planned: %1"),
        "failed": QCoreApplication.translate("Dispatch", "Failed on the vehicle: %1"),
        "rejected": QCoreApplication.translate("Dispatch", "Rejected by the vehicle: %1"),
    }
    if code in with_detail:
        return with_detail[code].replace("%1", ltr(detail) if detail else "—")
    return ltr(why) if why else "—"


def who_text(who: str) -> str:
    """Return who made a change: the dispatcher (translated) or an id (an island)."""
    if who == "dispatcher":
        return QCoreApplication.translate("Dispatch", "Dispatcher", "who made a task change")
    return ltr(who) if who else "—"


def unit_text(unit: str) -> str:
    """Translate a KPI unit the packs use; an unknown one is shown as an island."""
    units = {
        "t/h": QCoreApplication.translate("Dispatch", "t/h", "unit: tonnes per hour"),
        "s": QCoreApplication.translate("Dispatch", "s", "unit: seconds"),
        "min": QCoreApplication.translate("Dispatch", "min", "unit: minutes"),
        "h": QCoreApplication.translate("Dispatch", "h", "unit: hours"),
        "%": "%",
        "m": QCoreApplication.translate("Dispatch", "m", "unit: metres"),
        "km": QCoreApplication.translate("Dispatch", "km", "unit: kilometres"),
        "km/h": QCoreApplication.translate("Dispatch", "km/h", "unit: kilometres per hour"),
        "moves/h": QCoreApplication.translate("Dispatch", "moves/h", "unit: moves per hour"),
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
