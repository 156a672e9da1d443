"""The edge node's command audit trail: every command, accepted or refused, with its operator.

Records go to a bounded in-memory ring (for tests and status) and, when a path is given, are
appended to a JSON-lines file (one object per line, flushed per record).
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pathlib import Path

RING = 1000
"""Records kept in memory (the file keeps all)."""


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One command as the edge node judged it."""

    at: float
    console: str
    operator: str | None
    role: str | None
    kind: str
    seq: int
    accepted: bool
    code: str
    reason: str


class CommandAudit:
    """Collects :class:`AuditRecord` s; appends them to ``path`` when given."""

    def __init__(self, path: Path | None = None) -> None:
        self.records: deque[AuditRecord] = deque(maxlen=RING)
        self.refused = 0
        self.path = path
        self._file: TextIO | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    def record(self, item: AuditRecord) -> None:
        """Keep ``item`` (and write it out)."""
        self.records.append(item)
        if not item.accepted:
            self.refused += 1
        if self.path is not None:
            if self._file is None:  # opened on first use, and again after close()
                self._file = self.path.open("a", encoding="utf-8")
            self._file.write(json.dumps(asdict(item), separators=(",", ":")) + "\n")
            self._file.flush()

    def close(self) -> None:
        """Close the file (a later record opens it again)."""
        if self._file is not None:
            self._file.close()
            self._file = None
