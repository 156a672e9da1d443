"""Haul KPIs from task progress: tonnes per hour, queue time at loaders, cycle time."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.dispatch.kpis import (
    CRANE_WAIT_TIME,
    CYCLE_TIME,
    DOCK_TURN_TIME,
    MARCH_RATE,
    MOVES_PER_HOUR,
    QUEUE_TIME,
    TONNES_PER_HOUR,
    WINDOW_S,
    HaulKpis,
)


def test_kpis_follow_loads_queues_and_dumps() -> None:
    kpis = HaulKpis(start=0.0)
    assert set(kpis.values(0.0).values()) == {0.0}
    kpis.load_started("a", 10.0)  # no queue: 0 s
    kpis.queue_started("b", 20.0)
    kpis.load_started("b", 80.0)  # waited 60 s
    kpis.dumped(200.0, 600.0)
    kpis.dumped(220.0, 900.0)
    kpis.load_started("a", 1210.0)  # cycle 1200 s
    values = kpis.values(1800.0)
    assert values[TONNES_PER_HOUR] == pytest.approx(420.0 * 3600.0 / 1800.0)
    assert values[QUEUE_TIME] == pytest.approx(0.0)  # median of 0, 60, 0
    assert values[CYCLE_TIME] == pytest.approx(1200.0)


def test_tonnes_per_hour_counts_the_last_hour_only() -> None:
    kpis = HaulKpis(start=0.0)
    kpis.dumped(200.0, 100.0)
    kpis.dumped(200.0, WINDOW_S + 500.0)
    assert kpis.values(WINDOW_S + 600.0)[TONNES_PER_HOUR] == pytest.approx(200.0)


def test_the_pack_s_aggregation_applies_and_an_abandoned_wait_is_forgotten() -> None:
    kpis = HaulKpis(start=0.0, aggregation={QUEUE_TIME: "mean"})
    kpis.queue_started("a", 0.0)
    kpis.load_started("a", 30.0)
    kpis.queue_started("b", 0.0)
    kpis.load_started("b", 90.0)
    kpis.queue_started("c", 0.0)
    kpis.abandoned("c")  # it faulted in the queue: no wait recorded, and none later
    kpis.load_started("c", 500.0)
    assert kpis.values(600.0)[QUEUE_TIME] == pytest.approx(40.0)  # mean of 30, 90, 0


def test_moves_per_hour_crane_wait_and_march_rate() -> None:
    kpis = HaulKpis(start=0.0, aggregation={MARCH_RATE: "mean", CRANE_WAIT_TIME: "p50"})
    kpis.queue_started("a", 0.0)
    kpis.load_started("a", 40.0)  # 40 s under the crane
    kpis.march_started("a", 2000.0, 100.0)
    kpis.march_ended("a", 400.0)  # 2 km in 300 s: 24 km/h
    kpis.completed(450.0)
    kpis.march_started("b", 3000.0, 500.0)
    kpis.abandoned("b")  # it stopped on the way: no rate from a drive it never finished
    kpis.march_ended("b", 900.0)
    kpis.march_started("c", 1000.0, 1000.0)
    kpis.march_ended("c", 1100.0)  # 36 km/h
    kpis.completed(1200.0)
    values = kpis.values(1800.0)
    assert values[MOVES_PER_HOUR] == pytest.approx(2 * 3600.0 / 1800.0)
    assert values[CRANE_WAIT_TIME] == pytest.approx(40.0)
    assert values[MARCH_RATE] == pytest.approx(30.0)
    # Moves count over the last hour only.
    assert kpis.values(450.0 + WINDOW_S + 1.0)[MOVES_PER_HOUR] == pytest.approx(1.0)


def test_dock_turn_time_runs_from_arrival_at_the_door_to_the_pull_out() -> None:
    kpis = HaulKpis(start=0.0, aggregation={DOCK_TURN_TIME: "p90"})
    assert kpis.values(10.0)[DOCK_TURN_TIME] == 0.0  # nothing measured yet
    for k, (arrive, served, leave) in enumerate([(0, 0, 100), (10, 70, 200), (0, 0, 300)]):
        vid = f"y{k}"
        kpis.dock_arrived(vid, float(arrive))  # at the door, waiting for it
        kpis.dock_arrived(vid, float(served))  # its service begins: the wait still counts
        kpis.dock_left(vid, float(leave))
    kpis.dock_arrived("y9", 0.0)
    kpis.abandoned("y9")  # it faulted at the door: no turn from a visit it never finished
    kpis.dock_left("y9", 5000.0)
    turns = np.array([100.0, 190.0, 300.0])
    assert kpis.values(400.0)[DOCK_TURN_TIME] == pytest.approx(np.percentile(turns, 90.0))
