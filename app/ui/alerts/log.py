"""The console's alert log: bounded, newest last, each entry a stable code with parameters.

Entries carry codes (``vehicle_fault``, ``link_down``…) and parameters, never sentences: the
panel translates them when it draws, so a language switch re-words the whole history.

Listeners hear of new entries in batches: a stop of the whole fleet logs one entry per vehicle
in one frame (5,000 at once), and a listener called per entry re-inserted a table row, re-titled
a dock and re-drew the banner 5,000 times — seconds of a frozen console at the moment the
operator needs it.  Inside :meth:`AlertLog.batch` entries are appended at once and the
listeners are told once, when the batch ends.
"""

from __future__ import annotations

import itertools
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

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
        self._listeners: list[Callable[[list[Alert] | None], None]] = []
        self._batch_depth = 0
        self._pending: list[Alert] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int) -> Alert:
        return self._entries[index]

    def entries(self) -> list[Alert]:
        """Return every entry, oldest first."""
        return list(self._entries)

    def subscribe(self, listener: Callable[[list[Alert] | None], None]) -> None:
        """Call ``listener(alerts)`` with new entries, ``listener(None)`` after acknowledgements.

        ``alerts`` is one entry, or every entry of a :meth:`batch`, oldest first.  A batch
        larger than the log holds lists entries the log has already dropped.
        """
        self._listeners.append(listener)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Tell the listeners about the entries added inside the block once, at its end.

        Batches nest: the outermost one notifies.  Entries are in the log as soon as they
        are added.
        """
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._pending:
                added, self._pending = self._pending, []
                self._notify(added)

    def _notify(self, added: list[Alert] | None) -> None:
        for listener in self._listeners:
            listener(added)

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
        if self._batch_depth:
            self._pending.append(alert)
        else:
            self._notify([alert])
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
            self._notify(None)
        return count

    def unacknowledged(self, severity: Severity | None = None) -> list[Alert]:
        """Entries not yet acknowledged (of one severity, if given), oldest first."""
        return [
            a
            for a in self._entries
            if not a.acknowledged and (severity is None or a.severity is severity)
        ]
