"""The console's dock panels (the map, fleet and assist views have packages of their own)."""

from app.ui.panels.alerts import AlertsPanel
from app.ui.panels.kpis import KpisPanel
from app.ui.panels.links import EdgeLinksPanel

__all__ = ["AlertsPanel", "EdgeLinksPanel", "KpisPanel"]
