"""Translated wording of alert codes and severities (context ``Alerts``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.ui.alerts.log import Severity
from app.ui.language import ltr

if TYPE_CHECKING:
    from app.ui.alerts.log import Alert

SEVERITY_SHAPES = {Severity.INFO: "●", Severity.WARNING: "▲", Severity.CRITICAL: "■"}
"""A shape per severity, so colour is never the only carrier of meaning."""


def fill(text: str, *args: str) -> str:
    """Replace Qt-style ``%1``, ``%2``… placeholders (translators may reorder them)."""
    for index in range(len(args), 0, -1):
        text = text.replace(f"%{index}", args[index - 1])
    return text


def severity_text(severity: Severity) -> str:
    """Return the translated name of a severity."""
    return {
        Severity.INFO: QCoreApplication.translate("Alerts", "Info"),
        Severity.WARNING: QCoreApplication.translate("Alerts", "Warning"),
        Severity.CRITICAL: QCoreApplication.translate("Alerts", "Critical"),
    }[severity]


def alert_text(alert: Alert) -> str:
    """Return the translated sentence for an alert (ids, URLs and reasons as LTR islands)."""
    p = alert.params
    v = ltr(alert.vehicle_id)
    node = ltr(p.get("node", ""))
    match alert.code:
        case "vehicle_fault":
            text = fill(QCoreApplication.translate("Alerts", "Vehicle %1 reports a fault"), v)
            return text + (f": {ltr(p['faults'])}" if p.get("faults") else "")
        case "vehicle_safe_stop":
            return fill(QCoreApplication.translate("Alerts", "Vehicle %1 is in a safe stop"), v)
        case "vehicle_assist":
            return fill(
                QCoreApplication.translate("Alerts", "Vehicle %1 needs operator assistance"), v
            )
        case "vehicle_stale":
            return fill(QCoreApplication.translate("Alerts", "No telemetry from vehicle %1"), v)
        case "link_up":
            return fill(QCoreApplication.translate("Alerts", "Edge node %1 connected"), node)
        case "link_down":
            return fill(
                QCoreApplication.translate("Alerts", "Edge node %1 disconnected: %2"),
                node,
                ltr(p["reason"]),
            )
        case "link_degraded":
            return fill(QCoreApplication.translate("Alerts", "Link to edge node %1 degraded"), node)
        case "frame_refused_by_us":
            return fill(
                QCoreApplication.translate("Alerts", "Refused a frame from %1: %2"),
                ltr(p["url"]),
                ltr(p["reason"]),
            )
        case "frame_refused_by_node":
            return fill(
                QCoreApplication.translate("Alerts", "Edge node %1 refused a frame: %2"),
                ltr(p["url"]),
                ltr(p["reason"]),
            )
        case "command_done":
            return fill(
                QCoreApplication.translate("Alerts", "Command executed for %1"),
                ltr(p["vehicles"] or p["url"]),
            )
        case "command_refused":
            return fill(
                QCoreApplication.translate("Alerts", "Command refused for %1: %2"),
                ltr(p["vehicles"] or p["url"]),
                ltr(p["reason"]),
            )
        case "estop_sent":
            return fill(
                QCoreApplication.translate("Alerts", "Emergency stop sent to %1 by %2"),
                target_text(p["target"]),
                ltr(p["by"]),
            )
        case "assist_critical":
            return fill(
                QCoreApplication.translate("Alerts", "Critical assist request from vehicle %1"), v
            )
        case "estop_failed":
            return fill(
                QCoreApplication.translate(
                    "Alerts", "Emergency stop NOT delivered: %1. Use the radio stop now."
                ),
                ltr(p["reason"]),
            )
        case "estop_pending":
            return fill(
                QCoreApplication.translate(
                    "Alerts",
                    "Emergency stop not yet acknowledged by %1 (attempt %2): %3. "
                    "Re-sending until it is; use the radio stop now.",
                ),
                node,
                ltr(p["attempts"]),
                ltr(p["reason"]),
            )
        case "revocation_alarm":
            return fill(
                QCoreApplication.translate(
                    "Alerts", "The site's revocation list needs attention: %1"
                ),
                ltr(p["reason"]),
            )
        case "revocation_ok":
            return QCoreApplication.translate("Alerts", "The site's revocation list is current")
        case "resume_sent":
            return fill(
                QCoreApplication.translate("Alerts", "Resume sent to %1 by %2"),
                target_text(p["target"]),
                ltr(p["by"]),
            )
        case "resume_failed":
            return fill(
                QCoreApplication.translate("Alerts", "Resume not delivered: %1"), ltr(p["reason"])
            )
        case "pack_panel_failed":
            return fill(
                QCoreApplication.translate(
                    "Alerts",
                    "Sector pack panel %1 could not open: %2. The rest of the console runs.",
                ),
                ltr(p["panel"]),
                ltr(p["reason"]),
            )
        case "endpoint_added":
            return fill(
                QCoreApplication.translate("Alerts", "Edge node endpoint %1 added"), ltr(p["url"])
            )
        case "endpoint_removed":
            return fill(
                QCoreApplication.translate("Alerts", "Edge node endpoint %1 disconnected"),
                ltr(p["url"]),
            )
        case _:
            return fill(QCoreApplication.translate("Alerts", "Event %1"), ltr(alert.code))


def target_text(vehicles: str) -> str:
    """Describe a command's target (comma-separated ids): "all vehicles" when empty."""
    if not vehicles:
        return QCoreApplication.translate("Alerts", "all vehicles")
    return ltr(vehicles)
