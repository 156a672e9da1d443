"""Vehicle states as the console shows them: translated name, shape and theme colour.

Colour is never the only carrier of meaning: each state also has a shape and a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from edge.protocol.messages import VehicleState

if TYPE_CHECKING:
    from app.ui.theme import Theme

STATE_SHAPES = {
    VehicleState.IDLE: "○",
    VehicleState.MOVING: "▶",
    VehicleState.LOADING: "◐",
    VehicleState.DUMPING: "◑",
    VehicleState.HOLDING: "‖",
    VehicleState.ASSIST_NEEDED: "?",
    VehicleState.SAFE_STOP: "■",
    VehicleState.FAULT: "✕",
}


def state_text(state: VehicleState) -> str:
    """Return the translated name of a vehicle state."""
    return {
        VehicleState.IDLE: QCoreApplication.translate("VehicleStates", "Idle"),
        VehicleState.MOVING: QCoreApplication.translate("VehicleStates", "Moving"),
        VehicleState.LOADING: QCoreApplication.translate("VehicleStates", "Loading"),
        VehicleState.DUMPING: QCoreApplication.translate("VehicleStates", "Dumping"),
        VehicleState.HOLDING: QCoreApplication.translate("VehicleStates", "Holding"),
        VehicleState.ASSIST_NEEDED: QCoreApplication.translate("VehicleStates", "Assist needed"),
        VehicleState.SAFE_STOP: QCoreApplication.translate("VehicleStates", "Safe stop"),
        VehicleState.FAULT: QCoreApplication.translate("VehicleStates", "Fault"),
    }[state]


def state_colour(state: VehicleState, theme: Theme) -> str:
    """Return the theme colour of a vehicle state."""
    if state in (VehicleState.FAULT, VehicleState.SAFE_STOP):
        return theme.critical
    if state in (VehicleState.ASSIST_NEEDED, VehicleState.HOLDING):
        return theme.warning
    if state is VehicleState.IDLE:
        return theme.muted
    return theme.ok
