"""Link state from heartbeats and round-trip times, on an injected clock (Sans-I/O)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from edge.protocol.messages import Heartbeat, LinkState


@dataclass(frozen=True, slots=True)
class LinkThresholds:
    """When a link counts as degraded or offline, and how it recovers.

    The defaults follow the secure-links design: a heartbeat every second, degraded after
    2 s of silence (or a slow round trip), offline after 5 s, and back to connected only after
    ``recover_after`` healthy heartbeats in a row, so a flapping link does not flap the state.
    """

    heartbeat_s: float = 1.0
    degraded_after_s: float = 2.0
    offline_after_s: float = 5.0
    rtt_degraded_s: float = 0.5
    recover_after: int = 3


class LinkMonitor:
    """Tracks one link as seen from this end.

    Feed it every frame received (:meth:`on_frame`) and every heartbeat (:meth:`on_heartbeat`);
    ask :meth:`state` with the current time.  Times are seconds on any monotonic-enough clock
    shared by the caller; round trips use the echo fields so the peers' clocks never mix.
    """

    def __init__(
        self,
        now: float,
        thresholds: LinkThresholds | None = None,
        *,
        initial: LinkState = LinkState.CONNECTED,
    ) -> None:
        self.thresholds = thresholds or LinkThresholds()
        self._last_rx = now
        self._state = initial
        """``initial`` other than connected makes a new session earn ``connected`` with
        ``recover_after`` healthy heartbeats, like a link recovering in place (a reconnect
        after an outage must not skip the hysteresis)."""
        self._healthy_streak = 0
        self._rtts: deque[float] = deque(maxlen=32)
        self.last_heartbeat_ts: float | None = None
        """``ts`` of the peer's last heartbeat (echoed back in ours)."""
        self.last_heartbeat_rx: float | None = None
        """When (on our clock) the peer's last heartbeat arrived."""

    @property
    def rtt_s(self) -> float | None:
        """The latest round-trip time, seconds, or ``None`` before the first echo."""
        return self._rtts[-1] if self._rtts else None

    def silent_s(self, now: float) -> float:
        """Seconds since the last frame arrived (for dropping a dead connection)."""
        return now - self._last_rx

    def on_frame(self, now: float) -> None:
        """Record that a frame (of any type) arrived."""
        self._last_rx = now

    def on_heartbeat(self, beat: Heartbeat, now: float, wall_now: float) -> None:
        """Record a heartbeat; ``wall_now`` is our wall clock, the one our ``ts`` used."""
        self._last_rx = now
        self.last_heartbeat_ts = beat.ts
        self.last_heartbeat_rx = now
        if beat.echo_ts is not None:
            rtt = max(0.0, wall_now - beat.echo_ts - (beat.echo_age or 0.0))
            self._rtts.append(rtt)
            healthy = rtt < self.thresholds.rtt_degraded_s
        else:
            healthy = True
        self._healthy_streak = self._healthy_streak + 1 if healthy else 0
        if not healthy and self._state is LinkState.CONNECTED:
            self._state = LinkState.DEGRADED

    def state(self, now: float) -> LinkState:
        """Return the link state at ``now``, updating the hysteresis."""
        silent = now - self._last_rx
        th = self.thresholds
        if silent >= th.offline_after_s:
            self._state = LinkState.OFFLINE
            self._healthy_streak = 0
        elif silent >= th.degraded_after_s:
            if self._state is LinkState.CONNECTED:
                self._state = LinkState.DEGRADED
            self._healthy_streak = 0
        elif self._state is not LinkState.CONNECTED and self._healthy_streak >= th.recover_after:
            self._state = LinkState.CONNECTED
        return self._state
