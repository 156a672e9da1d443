"""Link state transitions on an injected clock."""

from __future__ import annotations

from edge.protocol import Heartbeat, LinkMonitor, LinkState, LinkThresholds


def beat(ts: float, echo: float | None = None) -> Heartbeat:
    return Heartbeat(seq=0, ts=ts, echo_ts=echo, echo_age=0.0 if echo is not None else None)


def test_silence_degrades_then_goes_offline() -> None:
    monitor = LinkMonitor(now=0.0)
    assert monitor.state(1.9) is LinkState.CONNECTED
    assert monitor.state(2.0) is LinkState.DEGRADED
    assert monitor.state(4.9) is LinkState.DEGRADED
    assert monitor.state(5.0) is LinkState.OFFLINE


def test_recovery_needs_several_healthy_heartbeats() -> None:
    monitor = LinkMonitor(now=0.0, thresholds=LinkThresholds(recover_after=3))
    assert monitor.state(6.0) is LinkState.OFFLINE
    for i, t in enumerate((6.0, 7.0)):
        monitor.on_heartbeat(beat(t), now=t, wall_now=t)
        assert monitor.state(t) is LinkState.OFFLINE, i
    monitor.on_heartbeat(beat(8.0), now=8.0, wall_now=8.0)
    assert monitor.state(8.0) is LinkState.CONNECTED


def test_slow_round_trip_degrades() -> None:
    monitor = LinkMonitor(now=0.0, thresholds=LinkThresholds(rtt_degraded_s=0.5))
    monitor.on_heartbeat(beat(1.0, echo=0.2), now=1.0, wall_now=1.0)  # rtt 0.8 s
    assert monitor.rtt_s is not None
    assert abs(monitor.rtt_s - 0.8) < 1e-9
    assert monitor.state(1.0) is LinkState.DEGRADED


def test_rtt_discounts_time_held_by_peer() -> None:
    monitor = LinkMonitor(now=0.0)
    hb = Heartbeat(seq=0, ts=5.0, echo_ts=4.0, echo_age=0.9)
    monitor.on_heartbeat(hb, now=5.0, wall_now=5.0)
    assert monitor.rtt_s is not None
    assert abs(monitor.rtt_s - 0.1) < 1e-9
    assert monitor.state(5.0) is LinkState.CONNECTED


def test_flapping_link_does_not_flap_state() -> None:
    monitor = LinkMonitor(now=0.0)
    assert monitor.state(2.5) is LinkState.DEGRADED
    monitor.on_heartbeat(beat(2.6), now=2.6, wall_now=2.6)
    assert monitor.state(2.6) is LinkState.DEGRADED
    assert monitor.state(4.7) is LinkState.DEGRADED  # silent again: streak reset
    monitor.on_heartbeat(beat(4.8), now=4.8, wall_now=4.8)
    assert monitor.state(4.8) is LinkState.DEGRADED
