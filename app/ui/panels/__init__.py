"""The console's dock panels (the map and fleet views live in app.ui.map and app.ui.fleet)."""

from app.ui.panels.alerts import AlertsPanel
from app.ui.panels.assist import AssistQueuePanel
from app.ui.panels.kpis import KpisPanel
from app.ui.panels.links import EdgeLinksPanel

__all__ = ["AlertsPanel", "AssistQueuePanel", "EdgeLinksPanel", "KpisPanel"]
