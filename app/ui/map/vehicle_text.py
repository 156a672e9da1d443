"""Translated texts about a vehicle (state, mode, tooltip), shared by the map and the table.

Vehicle ids, numbers and coordinates are wrapped as left-to-right isolates so they stay
readable inside right-to-left (Arabic) text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from edge.protocol.messages import VehicleMode, VehicleState

if TYPE_CHECKING:
    from app.core.fleet.state import VehicleRecord
    from app.ui.map.numbers import NumberFormat

LRI = "\u2066"
PDI = "\u2069"


def ltr(text: str) -> str:
    """Wrap ``text`` in a left-to-right isolate (ids, numbers, coordinates)."""
    return f"{LRI}{text}{PDI}"


def state_text(state: VehicleState) -> str:
    """Return the translated name of a vehicle state."""
    texts = {
        VehicleState.IDLE: QCoreApplication.translate("VehicleText", "Idle", "vehicle state"),
        VehicleState.MOVING: QCoreApplication.translate("VehicleText", "Moving", "vehicle state"),
        VehicleState.LOADING: QCoreApplication.translate("VehicleText", "Loading", "vehicle state"),
        VehicleState.DUMPING: QCoreApplication.translate("VehicleText", "Dumping", "vehicle state"),
        VehicleState.HOLDING: QCoreApplication.translate("VehicleText", "Holding", "vehicle state"),
        VehicleState.ASSIST_NEEDED: QCoreApplication.translate(
            "VehicleText", "Assist needed", "vehicle state"
        ),
        VehicleState.SAFE_STOP: QCoreApplication.translate(
            "VehicleText", "Safe stop", "vehicle state"
        ),
        VehicleState.FAULT: QCoreApplication.translate("VehicleText", "Fault", "vehicle state"),
    }
    return texts[state]


def stale_text() -> str:
    """Return the translated word for a vehicle with no recent telemetry."""
    return QCoreApplication.translate("VehicleText", "Stale", "vehicle with no recent telemetry")


def no_data_text() -> str:
    """Return the translated text for a vehicle never heard from."""
    return QCoreApplication.translate("VehicleText", "No telemetry yet")


def mode_text(mode: VehicleMode) -> str:
    """Return the translated name of a vehicle's control mode."""
    texts = {
        VehicleMode.AUTONOMOUS: QCoreApplication.translate(
            "VehicleText", "Autonomous", "vehicle control mode"
        ),
        VehicleMode.MANUAL: QCoreApplication.translate(
            "VehicleText", "Manual", "vehicle control mode"
        ),
        VehicleMode.REMOTE_ASSIST: QCoreApplication.translate(
            "VehicleText", "Remote assist", "vehicle control mode"
        ),
        VehicleMode.MAINTENANCE: QCoreApplication.translate(
            "VehicleText", "Maintenance", "vehicle control mode"
        ),
    }
    return texts[mode]


def class_text(vehicle_class: str) -> str:
    """Return the translated name of a known vehicle class (unknown ones as given)."""
    texts = {
        "haul_truck": QCoreApplication.translate("VehicleText", "Haul truck"),
        "light_vehicle": QCoreApplication.translate("VehicleText", "Light vehicle"),
        "water_truck": QCoreApplication.translate("VehicleText", "Water truck"),
    }
    return texts.get(vehicle_class, vehicle_class)


def age_text(seconds: float, fmt: NumberFormat) -> str:
    """Return 'N s ago' / 'N min ago' in the current language."""
    if seconds < 90:
        return QCoreApplication.translate("VehicleText", "%1 s ago").replace(
            "%1", fmt.integer(max(0, int(seconds)))
        )
    return QCoreApplication.translate("VehicleText", "%1 min ago").replace(
        "%1", fmt.integer(int(seconds // 60))
    )


def tooltip_text(record: VehicleRecord, now: float, fmt: NumberFormat) -> str:
    """Return the hover tooltip of a vehicle: id, class, state, speed, energy, task, link, age."""
    lines = [ltr(record.vehicle_id) + " · " + class_text(record.vehicle_class)]
    sample = record.sample
    if sample is None:
        lines.append(no_data_text())
        return "\n".join(lines)
    state = state_text(sample.state)
    if record.stale(now):
        state = f"{stale_text()} ({state})"
    lines.append(QCoreApplication.translate("VehicleText", "State: %1").replace("%1", state))
    lines.append(
        QCoreApplication.translate("VehicleText", "Mode: %1").replace("%1", mode_text(sample.mode))
    )
    kmh = fmt.decimal(sample.speed_mps * 3.6, 1)
    lines.append(
        QCoreApplication.translate("VehicleText", "Speed: %1 km/h").replace("%1", ltr(kmh))
    )
    lines.append(
        QCoreApplication.translate("VehicleText", "Energy: %1 %").replace(
            "%1", ltr(fmt.integer(round(sample.energy * 100)))
        )
    )
    task = sample.task_id or QCoreApplication.translate("VehicleText", "none", "no task assigned")
    lines.append(
        QCoreApplication.translate("VehicleText", "Task: %1").replace(
            "%1", ltr(task) if sample.task_id else task
        )
    )
    lines.append(
        QCoreApplication.translate("VehicleText", "Link: %1 %").replace(
            "%1", ltr(fmt.integer(round(sample.link_quality * 100)))
        )
    )
    if sample.faults:
        lines.append(
            QCoreApplication.translate("VehicleText", "Faults: %1").replace(
                "%1", ltr(", ".join(sample.faults))
            )
        )
    if record.received_at is not None:
        lines.append(
            QCoreApplication.translate("VehicleText", "Last seen: %1").replace(
                "%1", age_text(now - record.received_at, fmt)
            )
        )
    return "\n".join(lines)
