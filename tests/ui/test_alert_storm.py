"""Vehicle alerts from telemetry: one entry per transition, and a fleet-wide stop in one batch."""

from __future__ import annotations

from app.core.bus import EventBus
from app.core.fleet.state import FleetState
from app.ui.alerts.log import MAX_ALERTS, Alert, AlertLog, Severity
from app.ui.alerts.sources import AlertWatcher
from edge.protocol.messages import VehicleState
from tests.ui.conftest import NOW, register, sample


def _watched() -> tuple[FleetState, AlertLog, AlertWatcher, list[list[Alert] | None]]:
    fleet, log = FleetState(capacity=2), AlertLog()
    heard: list[list[Alert] | None] = []
    log.subscribe(heard.append)
    return fleet, log, AlertWatcher(log, EventBus()), heard


def test_entering_an_alerting_state_is_logged_once_per_transition() -> None:
    fleet, log, watcher, heard = _watched()
    fleet.apply(
        [
            sample("A"),
            sample("B", VehicleState.FAULT, faults=["brake_pressure", "tyre"]),
            sample("C", VehicleState.ASSIST_NEEDED),
        ],
        NOW,
    )
    watcher.update_vehicles(fleet, fleet.drain_changed(), NOW)
    entries = [(a.code, a.vehicle_id, a.severity, a.params) for a in log.entries()]
    assert sorted(entries) == [
        ("vehicle_assist", "C", Severity.WARNING, {"faults": ""}),
        ("vehicle_fault", "B", Severity.CRITICAL, {"faults": "brake_pressure, tyre"}),
    ]
    assert len(heard) == 1  # the frame's entries reach the listeners as one batch
    # B stays in fault (no new entry); A stops; C recovers, then needs help again.
    fleet.apply([sample("B", VehicleState.FAULT, t=NOW + 1)], NOW + 1)
    fleet.apply([sample("A", VehicleState.SAFE_STOP, t=NOW + 1)], NOW + 1)
    fleet.apply([sample("C", t=NOW + 1)], NOW + 1)
    watcher.update_vehicles(fleet, fleet.drain_changed(), NOW + 1)
    fleet.apply([sample("C", VehicleState.ASSIST_NEEDED, t=NOW + 2)], NOW + 2)
    watcher.update_vehicles(fleet, fleet.drain_changed(), NOW + 2)
    new = [(a.code, a.vehicle_id) for a in log.entries()[2:]]
    assert new == [("vehicle_safe_stop", "A"), ("vehicle_assist", "C")]


def test_a_silent_vehicle_is_reported_once_until_it_reports_again() -> None:
    fleet, log, watcher, _ = _watched()
    fleet.apply([sample("Q-1"), sample("Q-2")], NOW)
    watcher.update_vehicles(fleet, fleet.drain_changed(), NOW)
    for step in range(1, 6):  # Q-2 keeps reporting, Q-1 falls silent
        fleet.apply([sample("Q-2", t=NOW + step)], NOW + step)
        watcher.update_vehicles(fleet, fleet.drain_changed(), NOW + step)
    assert [a.vehicle_id for a in log.entries() if a.code == "vehicle_stale"] == ["Q-1"]
    fleet.apply([sample("Q-1", t=NOW + 6)], NOW + 6)  # back, then silent again
    for step in range(6, 11):
        watcher.update_vehicles(fleet, fleet.drain_changed(), NOW + step)
    stale = [a.vehicle_id for a in log.entries() if a.code == "vehicle_stale"]
    assert stale == ["Q-1", "Q-2", "Q-1"]  # Q-2 last reported at +5, Q-1 at +6


def test_a_fleet_wide_stop_reaches_the_console_as_one_batch(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    ids = [f"T-{i:04d}" for i in range(3000)]
    register(service, "gw-1", ids)
    service.fleet.apply([sample(v) for v in ids], NOW)
    window.frame_clock.tick()
    model = window.alerts_panel.model
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    service.fleet.apply([sample(v, VehicleState.SAFE_STOP, t=NOW + 1) for v in ids], NOW + 1)
    window.frame_clock.tick()
    stops = [a for a in window.alerts.entries() if a.code == "vehicle_safe_stop"]
    assert sorted(a.vehicle_id for a in stops) == ids
    assert inserts == [(0, len(ids) - 1)]  # one insertion, not 3,000
    assert model.rowCount() == len(window.alerts)
    assert model.alert(0) is window.alerts.entries()[-1]  # newest first
    assert window.critical_banner.beeps == 1
    assert f"({len(ids):,})".replace(",", "") in window.panels()["alerts"].windowTitle().replace(
        ",", ""
    )


def test_the_table_keeps_the_bounded_logs_newest_entries_after_a_batch(make_console) -> None:  # type: ignore[no-untyped-def]
    window = make_console().window
    log, model = window.alerts, window.alerts_panel.model
    log.add(NOW, Severity.INFO, "link_up", node="gw-1", url="ws://x:1")
    limit = MAX_ALERTS
    with log.batch():  # more than the log holds: the oldest fall out, the table follows
        for i in range(limit + 10):
            log.add(NOW, Severity.WARNING, "vehicle_stale", f"V-{i}")
    assert len(log) == limit
    assert model.rowCount() == limit
    assert model.alert(0).vehicle_id == f"V-{limit + 9}"
    assert model.alert(limit - 1).vehicle_id == "V-10"
