"""Replay protection and rate limiting for commands, Sans-I/O on injected clocks.

Each command carries ``auth.stream`` (a random id the console picks when it starts),
``auth.cmd_seq`` (+1 per command within the stream) and ``auth.issued_at``.  The edge node
accepts a command only when

* it is fresh: ``now - issued_at`` is at most :attr:`ReplayWindow.max_age_s` and it is not
  from the future by more than the clock skew; and
* its ``cmd_seq`` was never accepted before in its stream, within a sliding window of
  :data:`WINDOW` numbers behind the highest one (the IPsec anti-replay window, RFC 4303),
  so commands reordered in flight still pass but none passes twice.

A stream is forgotten only once its newest command is stale, so a replay from a forgotten
stream is always refused as stale.  The memory is bounded: :data:`MAX_STREAMS` per console.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

WINDOW: Final = 64
MAX_STREAMS: Final = 16
"""Command streams remembered per console (one per console start within the freshness
bound); a console that opens more is refused until the oldest go stale."""


@dataclass(slots=True)
class _Stream:
    highest: int
    bits: int
    newest_issued: float


@dataclass(slots=True)
class ReplayWindow:
    """Per-console command windows of one edge node.

    Parameters
    ----------
    max_age_s
        Staleness bound: a command issued longer ago than this is not executed.
    skew_s
        Tolerated clock difference for commands that appear to come from the future.
    """

    max_age_s: float = 10.0
    skew_s: float = 2.0
    _consoles: dict[str, dict[str, _Stream]] = field(default_factory=dict)

    def check(
        self, console: str, stream: str, cmd_seq: int, issued_at: float, now: float
    ) -> str | None:
        """Record the command if it is acceptable; otherwise return why it is refused.

        Returns
        -------
        str or None
            ``None`` when accepted (and recorded), else a reason starting with ``stale:``
            or ``replayed:``.
        """
        age = now - issued_at
        if age != age or age > self.max_age_s:  # NaN-safe
            return f"stale: issued {age:.1f} s ago, bound is {self.max_age_s:g} s"
        if age < -self.skew_s:
            return f"stale: issued {-age:.1f} s in the future (check the clocks)"
        streams = self._consoles.setdefault(console, {})
        entry = streams.get(stream)
        if entry is None:
            if len(streams) >= MAX_STREAMS:
                horizon = now - self.max_age_s - self.skew_s
                for key in [k for k, s in streams.items() if s.newest_issued < horizon]:
                    del streams[key]
            if len(streams) >= MAX_STREAMS:
                return f"replayed: more than {MAX_STREAMS} fresh command streams from {console}"
            streams[stream] = _Stream(cmd_seq, 1, issued_at)
            return None
        if cmd_seq > entry.highest:
            shift = cmd_seq - entry.highest
            entry.bits = ((entry.bits << shift) | 1) & ((1 << WINDOW) - 1) if shift < WINDOW else 1
            entry.highest = cmd_seq
        else:
            offset = entry.highest - cmd_seq
            if offset >= WINDOW:
                return f"replayed: cmd_seq {cmd_seq} is behind the window (highest {entry.highest})"
            if entry.bits >> offset & 1:
                return f"replayed: cmd_seq {cmd_seq} was already executed"
            entry.bits |= 1 << offset
        entry.newest_issued = max(entry.newest_issued, issued_at)
        return None


@dataclass(slots=True)
class RateLimiter:
    """A token bucket per console: ``per_minute`` commands on average, ``burst`` at once.

    The emergency stop never goes through it (ISO 13850: always available).
    """

    per_minute: float = 100.0
    burst: float = 10.0
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, console: str, now: float) -> bool:
        """Take a token for ``console`` at monotonic time ``now``; ``False`` when empty."""
        tokens, last = self._buckets.get(console, (self.burst, now))
        tokens = min(self.burst, tokens + max(0.0, now - last) * self.per_minute / 60.0)
        if tokens < 1.0:
            self._buckets[console] = (tokens, now)
            return False
        self._buckets[console] = (tokens - 1.0, now)
        return True
