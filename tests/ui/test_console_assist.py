"""The interim assist queue follows the changed vehicles only and resets only when it must."""

from __future__ import annotations

import pytest

from app.ui.panels.assist import COL_WAITING
from edge.protocol.messages import VehicleState
from tests.ui.conftest import NOW, register, sample

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_queue_updates_from_changed_vehicles_and_resets_only_on_change(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    model = window.assist_panel.model
    register(service, "gw-1", ["A", "B", "C"])
    service.fleet.apply(
        [sample("A", VehicleState.HOLDING), sample("B", VehicleState.ASSIST_NEEDED), sample("C")],
        NOW,
    )
    window.frame_clock.tick()
    assert [(r[0], r[1]) for r in model.rows] == [
        ("B", VehicleState.ASSIST_NEEDED),
        ("A", VehicleState.HOLDING),
    ]
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda tl, br: changes.append((tl.column(), br.column())))

    service.fleet.apply([sample("C", t=NOW + 0.1)], NOW + 0.1)  # a vehicle not waiting moved
    console.clock[0] += 0.1
    window.frame_clock.tick()
    assert resets == []
    assert changes == [(COL_WAITING, COL_WAITING)]  # only the waiting times move on

    service.fleet.apply([sample("A", VehicleState.HOLDING, NOW + 0.2, ["brake"])], NOW + 0.2)
    console.clock[0] += 0.1
    window.frame_clock.tick()
    assert resets == [1]
    assert model.rows[1][3] == "brake"  # new faults of a waiting vehicle are shown

    service.fleet.apply([sample("B", t=NOW + 0.3)], NOW + 0.3)  # B moves on
    console.clock[0] += 0.1
    window.frame_clock.tick()
    assert [r[0] for r in model.rows] == ["A"]
