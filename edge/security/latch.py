"""The emergency-stop latch, persisted: a restart never clears a stop (RELIABILITY F5).

The node records every latched vehicle (with who stopped it and why) in one small JSON file,
replaced atomically and durably before the stop is acknowledged, and re-latches those vehicles
when it starts.  Only ``resume`` removes a vehicle from the file.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from edge.receipts.atomic import write_atomic

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

log = logging.getLogger(__name__)


class StopLatch:
    """Latched vehicles of one edge node, kept in ``path``.

    A damaged file is not ignored: every vehicle the node hosts is then treated as latched
    (:attr:`damaged`), since the safe reading of "we do not know what was stopped" is "all".
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.damaged = False
        self.latched: dict[str, str] = {}
        """Vehicle id → why it is latched (operator and reason)."""
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                self.latched = {str(k): str(v) for k, v in dict(raw).items()}
            except (ValueError, TypeError, OSError) as exc:
                log.error("stop latch %s is unreadable (%s): latching every vehicle", path, exc)
                self.damaged = True

    def _save(self) -> None:
        data = json.dumps(self.latched, sort_keys=True, indent=1).encode() + b"\n"
        write_atomic(self.path, data, mode=0o644)
        self.damaged = False

    def latch(self, vehicles: Iterable[str], why: str) -> None:
        """Record ``vehicles`` as latched (durably, before returning)."""
        self.latched.update(dict.fromkeys(vehicles, why))
        self._save()

    def release(self, vehicles: Iterable[str]) -> None:
        """Forget ``vehicles`` (after an explicit ``resume``)."""
        for vehicle in vehicles:
            self.latched.pop(vehicle, None)
        self._save()
