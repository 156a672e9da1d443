"""Alerts & events: the log, what feeds it, and its translated texts."""

from app.ui.alerts.log import Alert, AlertLog, Severity

__all__ = ["Alert", "AlertLog", "Severity"]
