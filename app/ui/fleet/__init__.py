"""The fleet table (Qt): a numpy-backed model, a numpy-sorted proxy and the panel around them."""

from __future__ import annotations

from app.ui.fleet.model import VEHICLE_ID_ROLE, Column, FleetTableModel
from app.ui.fleet.panel import FleetPanel
from app.ui.fleet.proxy import FleetProxyModel

__all__ = ["VEHICLE_ID_ROLE", "Column", "FleetPanel", "FleetProxyModel", "FleetTableModel"]
