"""Zone closures from assist answers, persisted: a restart does not reopen a closed zone.

A ``close_zone`` answer recompiles the node's governor with the zone BLOCKED
(:mod:`edge.governor.zonestate`).  The node records each closure (zone, operator, when, the
answer's lease expiry, the request) in one small JSON file, replaced atomically and durably
before the answer is acknowledged, like the emergency-stop latch; ``open_zone`` and a lapsed
lease remove it.  When the node starts it closes the recorded zones again, except those whose
lease passed while it was down.

A damaged file is not ignored: the node does not know which zones operators closed, so it
refuses to start (:class:`ClosureFileError` names the file) rather than open them all.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from edge.receipts.atomic import write_atomic

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Closure", "ClosureFileError", "ZoneClosures"]


class ClosureFileError(ValueError):
    """The closures file cannot be read: which zones operators closed is unknown."""


@dataclass(frozen=True, slots=True)
class Closure:
    """One zone an operator closed.

    Attributes
    ----------
    zone_id
        The zone.
    by
        The operator who closed it.
    at
        When (wall clock).
    until
        The answer's lease expiry: the zone reopens then (``None``: until an ``open_zone``).
    request_id
        The assist request the closure answered.
    """

    zone_id: str
    by: str
    at: float
    until: float | None
    request_id: str

    def in_force(self, now: float) -> bool:
        """Whether the closure still holds at ``now``."""
        return self.until is None or now < self.until


class ZoneClosures:
    """The operator closures of one edge node, kept in ``path``.

    Raises
    ------
    ClosureFileError
        The file exists but is not a valid closures file (naming it and what is wrong).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.closures: dict[str, Closure] = {}
        """Zone id to its closure, as last written."""
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                for zone_id, entry in dict(raw).items():
                    closure = Closure(
                        zone_id=str(zone_id),
                        by=str(entry["by"]),
                        at=float(entry["at"]),
                        until=None if entry["until"] is None else float(entry["until"]),
                        request_id=str(entry["request_id"]),
                    )
                    if not math.isfinite(closure.at) or (
                        closure.until is not None and not math.isfinite(closure.until)
                    ):
                        raise ValueError(f"zone {zone_id}: times must be finite")
                    self.closures[closure.zone_id] = closure
            except (ValueError, TypeError, KeyError, OSError) as exc:
                raise ClosureFileError(
                    f"zone closures file {path} is unreadable ({exc}): which zones operators "
                    "closed is unknown, so the node does not start; restore the file from a "
                    "backup, or remove it after checking the site's closures by hand"
                ) from exc

    def _save(self) -> None:
        data = {
            z: {k: v for k, v in asdict(c).items() if k != "zone_id"}
            for z, c in self.closures.items()
        }
        write_atomic(
            self.path, json.dumps(data, sort_keys=True, indent=1).encode() + b"\n", mode=0o644
        )

    def close(self, closure: Closure) -> None:
        """Record ``closure`` (durably, before returning)."""
        self.closures[closure.zone_id] = closure
        self._save()

    def reopen(self, zone_ids: set[str] | frozenset[str]) -> None:
        """Forget the closures of ``zone_ids`` (durably, before returning)."""
        if any(z in self.closures for z in zone_ids):
            for zone_id in zone_ids:
                self.closures.pop(zone_id, None)
            self._save()

    def lapsed(self, now: float) -> frozenset[str]:
        """Return the zones whose closure lease has passed at ``now``."""
        return frozenset(z for z, c in self.closures.items() if not c.in_force(now))
