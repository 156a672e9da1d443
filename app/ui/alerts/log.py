"""The console's alert log: bounded, newest last, each entry a stable code with parameters.

Entries carry codes (``vehicle_fault``, ``link_down``…) and parameters, never sentences: the
panel translates them when it draws, so a language switch re-words the whole history.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

MAX_ALERTS = 10_000
"""The log keeps this many entries; when full the oldest is dropped (acknowledged or not)."""


class Severity(IntEnum):
    """How urgent an entry is; the order is the sort order."""

    INFO = 0
    WARNING = 1
    CRITICAL = 2


@dataclass(slots=True)
class Alert:
    """One entry of the log."""

    alert_id: int
    at: float
    severity: Severity
    code: str
    vehicle_id: str = ""
    params: dict[str, str] = field(default_factory=dict)
    acknowledged: bool = False
    acknowledged_by: str = ""


class AlertLog:
    """A bounded, append-only log with acknowledgement and change listeners.

    Parameters
    ----------
    maxlen
        Entries kept; the oldest is dropped when full.
    """

    def __init__(self, maxlen: int = MAX_ALERTS) -> None:
        self._entries: deque[Alert] = deque(maxlen=maxlen)
        self._ids = itertools.count(1)
        self._listeners: list[Callable[[Alert | None], None]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int) -> Alert:
        return self._entries[index]

    def entries(self) -> list[Alert]:
        """Return every entry, oldest first."""
        return list(self._entries)

    def subscribe(self, listener: Callable[[Alert | None], None]) -> None:
        """Call ``listener(alert)`` per new entry, ``listener(None)`` after acknowledgements."""
        self._listeners.append(listener)

    def add(
        self,
        at: float,
        severity: Severity,
        code: str,
        vehicle_id: str = "",
        **params: str,
    ) -> Alert:
        """Append an entry and tell the listeners."""
        alert = Alert(next(self._ids), at, severity, code, vehicle_id, dict(params))
        self._entries.append(alert)
        for listener in self._listeners:
            listener(alert)
        return alert

    def acknowledge(self, alert_ids: Iterable[int], operator: str) -> int:
        """Acknowledge entries by id; return how many were newly acknowledged."""
        wanted = set(alert_ids)
        count = 0
        for alert in self._entries:
            if alert.alert_id in wanted and not alert.acknowledged:
                alert.acknowledged = True
                alert.acknowledged_by = operator
                count += 1
        if count:
            for listener in self._listeners:
                listener(None)
        return count

    def unacknowledged(self, severity: Severity | None = None) -> list[Alert]:
        """Entries not yet acknowledged (of one severity, if given), oldest first."""
        return [
            a
            for a in self._entries
            if not a.acknowledged and (severity is None or a.severity is severity)
        ]
