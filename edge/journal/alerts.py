"""Alerts the journal raises about its disk budget and its health."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AlertLevel(StrEnum):
    """How bad it is."""

    HEADROOM_LOW = "headroom_low"
    """Used space passed the warning fraction and pruning could not bring it back."""
    FULL = "full"
    """No room within ``max_bytes``: new receipts are refused until consoles acknowledge."""
    STORAGE_FAILED = "storage_failed"
    """A write failed; the journal refuses every receipt until it is reopened."""
    RECOVERED = "recovered"
    """Used space fell back below the re-arm fraction."""


@dataclass(frozen=True, slots=True)
class JournalAlert:
    """One alert, passed to the journal's ``on_alert`` callback (from its writer thread).

    Attributes
    ----------
    level
        What happened.
    used_bytes, max_bytes
        Space used by the database's live pages, and the budget.
    unacknowledged
        Receipts not yet acknowledged by the slowest registered console (all of them when
        no console is registered).
    detail
        English detail for logs.
    """

    level: AlertLevel
    used_bytes: int
    max_bytes: int
    unacknowledged: int
    detail: str

    @property
    def used_fraction(self) -> float:
        """``used_bytes / max_bytes``."""
        return self.used_bytes / self.max_bytes
