"""Fleet state ingest, staleness, latency window; the bus; the backoff."""

from __future__ import annotations

import math

import pytest

from app.core.bus import Event, EventBus, LinkUp
from app.core.fleet.state import MODES, NUMBER_FIELDS, STATES, FleetState, LatencyWindow
from app.core.links.backoff import exponential_backoff
from edge.protocol import TelemetrySample, VehicleInfo, VehicleMode, VehicleState


def sample(vid: str, t: float, state: VehicleState = VehicleState.MOVING) -> TelemetrySample:
    return TelemetrySample(
        vehicle_id=vid,
        t=t,
        x=0.0,
        y=0.0,
        heading_deg=0.0,
        speed_mps=1.0,
        mode=VehicleMode.AUTONOMOUS,
        state=state,
        energy=0.5,
    )


def test_apply_keeps_latest_and_records_latency() -> None:
    fleet = FleetState()
    fleet.register("gw-1", [VehicleInfo(vehicle_id="a", vehicle_class="haul_truck")])
    fleet.apply([sample("a", 10.0), sample("b", 10.0)], received_at=10.05)
    fleet.apply([sample("a", 9.0)], received_at=10.1)  # older: ignored
    record = fleet.get("a")
    assert record is not None
    assert record.sample is not None
    assert record.sample.t == 10.0
    assert record.node_id == "gw-1"
    assert fleet.out_of_order == 1
    assert fleet.updates == 2
    (p50,) = fleet.latency.percentiles(50)
    assert p50 == pytest.approx(0.05)
    assert fleet.drain_changed() == {"a", "b"}
    assert fleet.drain_changed() == set()


def test_read_returns_the_latest_samples_as_columns_in_the_asked_order() -> None:
    fleet = FleetState(capacity=2)  # grows past its first capacity
    fleet.register("gw-1", [VehicleInfo(vehicle_id=v, vehicle_class="haul_truck") for v in "abc"])
    first = [
        sample("a", 10.0),
        sample("b", 10.0, VehicleState.HOLDING).model_copy(update={"x": 7.0, "energy": 0.25}),
        sample("d", 10.0, VehicleState.FAULT),
    ]
    fleet.apply(first, received_at=10.5)
    fleet.apply([sample("a", 9.0, VehicleState.FAULT)], received_at=11.0)  # older: ignored
    newer = sample("a", 12.0, VehicleState.ASSIST_NEEDED).model_copy(update={"heading_deg": 90.0})
    fleet.apply([sample("a", 11.0), newer], received_at=12.5)  # twice in one frame: latest wins

    cols = fleet.read(["d", "c", "zz", "b", "a"])

    assert cols.ids == ["d", "c", "b", "a"]  # unknown "zz" left out, order kept
    assert cols.classes == ["unknown", "haul_truck", "haul_truck", "haul_truck"]
    assert cols.sampled_ids == ["d", "b", "a"]  # "c" announced, never heard from
    assert [s.t for s in cols.samples] == [10.0, 10.0, 12.0]
    assert cols.numbers.shape == (3, len(NUMBER_FIELDS))
    for row, held in enumerate(cols.samples):
        assert cols.numbers[row].tolist() == [getattr(held, f) for f in NUMBER_FIELDS]
        assert STATES[cols.states[row]] is held.state
        assert MODES[cols.modes[row]] is held.mode
    assert cols.received.tolist() == [10.5, 10.5, 12.5]
    assert fleet.read([]).numbers.shape == (0, len(NUMBER_FIELDS))


def test_staleness_counts_silent_and_never_seen() -> None:
    fleet = FleetState()
    fleet.register("gw", [VehicleInfo(vehicle_id=v, vehicle_class="x") for v in "abc"])
    fleet.apply([sample("a", 1.0), sample("b", 1.0)], received_at=1.0)
    assert fleet.count_stale(now=2.0) == 1  # c never reported
    assert fleet.count_stale(now=10.0) == 3
    record = fleet.get("a")
    assert record is not None
    assert record.stale(now=10.0)


def test_a_frame_is_applied_as_if_sample_by_sample() -> None:
    fleet = FleetState(capacity=1)  # grows while applying
    fleet.apply([sample("a", 10.0), sample("b", 10.0)], received_at=10.5)
    # In one frame: a newer "a", an older "b" (ignored), a new "c" twice, the second older.
    fleet.apply(
        [
            sample("a", 11.0, VehicleState.HOLDING),
            sample("b", 9.0, VehicleState.FAULT),
            sample("c", 11.0, VehicleState.ASSIST_NEEDED),
            sample("c", 10.5, VehicleState.FAULT),
            sample("a", 11.0, VehicleState.SAFE_STOP),  # same time as the held one: taken
        ],
        received_at=11.5,
    )
    assert fleet.out_of_order == 2
    assert fleet.updates == 2 + 3
    held = {
        r.vehicle_id: (r.sample.t, r.sample.state, r.received_at)
        for r in fleet.records()
        if r.sample
    }
    assert held == {
        "a": (11.0, VehicleState.SAFE_STOP, 11.5),
        "b": (10.0, VehicleState.MOVING, 10.5),
        "c": (11.0, VehicleState.ASSIST_NEEDED, 11.5),
    }
    cols = fleet.read(["a", "b", "c"])
    assert [STATES[code] for code in cols.states] == [h[1] for h in held.values()]
    assert cols.received.tolist() == [11.5, 10.5, 11.5]
    assert fleet.vehicle_ids(cols.rows.tolist()) == ["a", "b", "c"]
    assert fleet.drain_changed() == {"a", "b", "c"}
    fleet.apply([sample("b", 8.0)], received_at=12.0)  # only an older sample: nothing changes
    assert fleet.drain_changed() == set()
    assert fleet.count_by_state() == {
        VehicleState.SAFE_STOP: 1,
        VehicleState.MOVING: 1,
        VehicleState.ASSIST_NEEDED: 1,
    }
    assert fleet.count_stale(now=13.0) == 0
    assert fleet.count_stale(now=13.6) == 1  # b last arrived at 10.5


def test_count_by_state() -> None:
    fleet = FleetState()
    fleet.apply([sample("a", 1.0), sample("b", 1.0, VehicleState.FAULT)], received_at=1.0)
    assert fleet.count_by_state() == {VehicleState.MOVING: 1, VehicleState.FAULT: 1}


def test_latency_window_wraps() -> None:
    window = LatencyWindow(size=4)
    assert all(math.isnan(v) for v in window.percentiles(50))
    window.extend([1.0, 2.0, 3.0])
    window.extend([4.0, 5.0, 6.0])
    assert window.percentiles(0, 100) == (3.0, 6.0)
    window.extend([float(i) for i in range(10)])
    assert window.percentiles(0, 100) == (6.0, 9.0)


def test_bus_isolates_failing_handler(caplog: pytest.LogCaptureFixture) -> None:
    bus = EventBus()
    seen: list[Event] = []

    def broken(_: Event) -> None:
        raise RuntimeError("observer bug")

    bus.subscribe(Event, broken)
    unsubscribe = bus.subscribe(LinkUp, seen.append)
    event = LinkUp(1.0, "ws://x", "n", 3)
    bus.publish(event)
    assert seen == [event]
    assert "observer bug" in caplog.text
    unsubscribe()
    bus.publish(event)
    assert seen == [event]


def test_backoff_grows_to_cap_with_jitter() -> None:
    delays = exponential_backoff(first_s=0.1, factor=2.0, cap_s=1.0, rng=lambda: 1.0)
    assert [round(next(delays), 3) for _ in range(6)] == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    low = exponential_backoff(first_s=1.0, rng=lambda: 0.0)
    assert next(low) == 0.5
