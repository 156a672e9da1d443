"""The fleet table: rows from the fleet state, sorting, filtering, grouping, batched updates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt  # noqa: TID251 - a UI test drives Qt

from app.core.fleet.state import STALE_AFTER_S, FleetState
from app.ui.fleet import VEHICLE_ID_ROLE, Column, FleetPanel
from app.ui.map import GlyphKind
from edge.protocol.messages import TelemetrySample, VehicleInfo, VehicleMode, VehicleState

pytestmark = pytest.mark.ui

NOW = 1_800_000_000.0
STATES = [
    VehicleState.MOVING,
    VehicleState.LOADING,
    VehicleState.HOLDING,
    VehicleState.ASSIST_NEEDED,
]


def sample(i: int, t: float = NOW, speed: float | None = None) -> TelemetrySample:
    return TelemetrySample(
        vehicle_id=f"V-{i:04d}",
        t=t,
        x=float(i),
        y=0.0,
        heading_deg=0.0,
        speed_mps=float(i % 17) if speed is None else speed,
        mode=VehicleMode.AUTONOMOUS,
        state=STATES[i % len(STATES)],
        energy=(i % 100) / 100,
        task_id=f"T-{i % 5}",
    )


def vclass(i: int) -> str:
    return "light_vehicle" if i % 3 == 0 else "haul_truck"


def make_fleet(n: int) -> FleetState:
    fleet = FleetState()
    fleet.register(
        "n0", [VehicleInfo(vehicle_id=f"V-{i:04d}", vehicle_class=vclass(i)) for i in range(n)]
    )
    fleet.apply([sample(i) for i in range(n)], NOW)
    return fleet


@pytest.fixture
def panel(qtbot) -> FleetPanel:  # type: ignore[no-untyped-def]
    widget = FleetPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    return widget


def shown_ids(panel: FleetPanel) -> list[str]:
    proxy = panel.proxy
    return [str(proxy.index(r, 0).data(VEHICLE_ID_ROLE)) for r in range(proxy.rowCount())]


def cell(panel: FleetPanel, row: int, column: Column) -> str:
    return str(panel.proxy.index(row, int(column)).data())


def test_every_vehicle_gets_a_row_with_its_figures(panel: FleetPanel) -> None:
    fleet = make_fleet(40)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    assert panel.proxy.rowCount() == 40
    assert shown_ids(panel) == sorted(f"V-{i:04d}" for i in range(40))
    assert cell(panel, 5, Column.ID) == "V-0005"
    assert cell(panel, 5, Column.CLASS) == "Haul truck"
    assert cell(panel, 5, Column.STATE) == "Loading"
    assert cell(panel, 5, Column.MODE) == "Autonomous"
    assert cell(panel, 5, Column.SPEED) == "18.0"  # 5 m/s
    assert cell(panel, 5, Column.ENERGY) == "5"
    assert cell(panel, 5, Column.TASK) == "T-0"
    assert cell(panel, 5, Column.LINK) == "100"
    assert panel.proxy.index(5, int(Column.STATE)).data(Qt.ItemDataRole.DecorationRole) is not None


def test_sorting_by_a_column_both_ways(panel: FleetPanel) -> None:
    fleet = make_fleet(40)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    panel.table.sortByColumn(int(Column.SPEED), Qt.SortOrder.DescendingOrder)
    speeds = [float(cell(panel, r, Column.SPEED)) for r in range(40)]
    assert speeds == sorted(speeds, reverse=True)
    panel.table.sortByColumn(int(Column.ID), Qt.SortOrder.DescendingOrder)
    assert shown_ids(panel) == sorted(shown_ids(panel), reverse=True)


def test_text_filter_and_state_chips(panel: FleetPanel) -> None:
    fleet = make_fleet(40)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    panel.filter_edit.setText("v-001")
    assert shown_ids(panel) == [f"V-{i:04d}" for i in range(10, 20)]
    panel.filter_edit.setText("t-3")
    assert all(cell(panel, r, Column.TASK) == "T-3" for r in range(panel.proxy.rowCount()))
    panel.filter_edit.clear()
    panel.chips[GlyphKind.MOVING].setChecked(False)
    assert panel.proxy.rowCount() == 30
    assert all(cell(panel, r, Column.STATE) != "Moving" for r in range(30))
    assert "30" in panel.summary.text()


def test_group_by_class_keeps_each_class_together(panel: FleetPanel) -> None:
    fleet = make_fleet(30)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    panel.group_check.setChecked(True)
    classes = [cell(panel, r, Column.CLASS) for r in range(30)]
    assert classes == sorted(classes, key=lambda c: {"Haul truck": 0, "Light vehicle": 1}[c])
    ids = shown_ids(panel)
    assert ids[:20] == sorted(ids[:20])


def test_a_frame_of_many_changes_emits_one_coalesced_data_changed(qtbot, panel: FleetPanel) -> None:  # type: ignore[no-untyped-def]
    fleet = make_fleet(500)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    events: list[tuple[int, int]] = []
    resets: list[int] = []
    panel.model.dataChanged.connect(lambda tl, br, roles=(): events.append((tl.row(), br.row())))
    panel.model.modelReset.connect(lambda: resets.append(1))
    fleet.apply([sample(i, NOW + 0.1) for i in range(100, 400)], NOW + 0.1)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 0.1)
    assert events == [(100, 399)]
    assert resets == []


def test_the_proxy_resorts_only_when_the_sort_column_changed(panel: FleetPanel) -> None:
    fleet = make_fleet(200)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    before = panel.proxy.resorts
    fleet.apply([sample(i, NOW + 0.1, speed=3.0) for i in range(200)], NOW + 0.1)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 0.1)
    assert panel.proxy.resorts == before  # sorted by id: speeds changed, ids did not
    panel.table.sortByColumn(int(Column.SPEED), Qt.SortOrder.AscendingOrder)
    sorted_at = panel.proxy.resorts
    fleet.apply([sample(i, NOW + 0.2, speed=3.0) for i in range(200)], NOW + 0.2)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 0.2)
    assert panel.proxy.resorts == sorted_at  # same speeds: no re-sort
    fleet.apply([sample(7, NOW + 0.3, speed=40.0)], NOW + 0.3)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 0.3)
    assert panel.proxy.resorts == sorted_at + 1
    assert shown_ids(panel)[-1] == "V-0007"


def test_selection_syncs_without_echo_and_survives_resorting(qtbot, panel: FleetPanel) -> None:  # type: ignore[no-untyped-def]
    fleet = make_fleet(50)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    with qtbot.assertNotEmitted(panel.vehicleSelected):
        panel.select_vehicle("V-0020")
    rows = panel.table.selectionModel().selectedRows()
    assert [r.data(VEHICLE_ID_ROLE) for r in rows] == ["V-0020"]
    panel.table.sortByColumn(int(Column.ID), Qt.SortOrder.DescendingOrder)
    rows = panel.table.selectionModel().selectedRows()
    assert [r.data(VEHICLE_ID_ROLE) for r in rows] == ["V-0020"]
    with qtbot.waitSignal(panel.vehicleSelected) as picked:
        panel.table.selectRow(0)
    assert picked.args == ["V-0049"]
    with qtbot.waitSignal(panel.vehicleActivated) as activated:
        panel.table.doubleClicked.emit(panel.proxy.index(3, 0))
    assert activated.args == ["V-0046"]


def test_stale_rows_say_so_in_words(panel: FleetPanel) -> None:
    fleet = make_fleet(4)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    fleet.apply([sample(0, NOW + STALE_AFTER_S + 1)], NOW + STALE_AFTER_S + 1)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + STALE_AFTER_S + 1)
    states = {cell(panel, r, Column.ID): cell(panel, r, Column.STATE) for r in range(4)}
    assert states["V-0000"] == "Moving"
    assert states["V-0001"].startswith("Stale")
    assert panel.chips[GlyphKind.STALE].text().endswith("3")


def test_a_vehicle_known_but_not_yet_heard_from(panel: FleetPanel) -> None:
    fleet = FleetState()
    fleet.register("n0", [VehicleInfo(vehicle_id="V-9", vehicle_class="haul_truck")])
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    assert cell(panel, 0, Column.STATE) == "No telemetry yet"
    assert cell(panel, 0, Column.SPEED) == ""


def test_the_fleet_package_exports_are_pinned() -> None:
    import app.ui.fleet

    assert set(app.ui.fleet.__all__) == {
        "VEHICLE_ID_ROLE",
        "Column",
        "FleetPanel",
        "FleetProxyModel",
        "FleetTableModel",
    }


def test_filtering_the_selected_row_out_keeps_the_selection(qtbot, panel: FleetPanel) -> None:  # type: ignore[no-untyped-def]
    fleet = make_fleet(40)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    with qtbot.waitSignal(panel.vehicleSelected):
        panel.table.selectRow(20)
    assert panel.selected_vehicle() == "V-0020"
    with qtbot.assertNotEmitted(panel.vehicleSelected):
        panel.filter_edit.setText("v-003")
        assert panel.table.selectionModel().selectedRows() == []
        panel.filter_edit.clear()
        panel.chips[GlyphKind.MOVING].setChecked(False)  # V-0020 is moving
        panel.chips[GlyphKind.MOVING].setChecked(True)
    rows = panel.table.selectionModel().selectedRows()
    assert [r.data(VEHICLE_ID_ROLE) for r in rows] == ["V-0020"]
    assert panel.selected_vehicle() == "V-0020"


def test_arabic_indic_digits_on_request_ids_keep_theirs(panel: FleetPanel) -> None:
    fleet = make_fleet(12)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    panel.set_arabic_digits(True)
    assert cell(panel, 5, Column.SPEED) == "١٨.٠"
    assert cell(panel, 5, Column.ID) == "V-0005"
    assert "١٢" in panel.summary.text()
    panel.set_arabic_digits(False)
    assert cell(panel, 5, Column.SPEED) == "18.0"


@pytest.mark.qt_log_ignore("propagateSizeHints")  # showing a top-level widget offscreen
def test_a_frame_repaints_only_the_columns_it_changed(qtbot, panel: FleetPanel) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject  # noqa: TID251 - a UI test drives Qt
    from PySide6.QtGui import QRegion  # noqa: TID251 - a UI test drives Qt

    fleet = make_fleet(60)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    panel.show()
    qtbot.waitExposed(panel)
    signals: list[tuple[int, int, int, int]] = []
    panel.proxy.dataChanged.connect(
        lambda tl, br, roles=(): signals.append((tl.row(), br.row(), tl.column(), br.column()))
    )
    painted = QRegion()

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
            nonlocal painted
            if event.type() == QEvent.Type.Paint:
                painted = painted.united(event.region())  # type: ignore[attr-defined]
            return False

    qtbot.wait(50)  # let the first paint happen before watching
    paints = Paints()
    panel.table.viewport().installEventFilter(paints)
    # Only the speed and the receive time change: same state, mode, task, energy, link.
    moved = [sample(i, NOW + 0.1, speed=9.0) for i in range(10, 20)]
    fleet.apply(moved, NOW + 0.1)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 0.1)
    qtbot.waitUntil(lambda: not painted.isEmpty())

    speed, last_seen = int(Column.SPEED), int(Column.LAST_SEEN)
    assert signals == [(10, 19, speed, speed), (10, 19, last_seen, last_seen)]
    table = panel.table
    proxy = panel.proxy
    shown = table.viewport().rect()
    for row in (10, 19):
        for column in (speed, last_seen):
            cell = table.visualRect(proxy.index(row, column)).intersected(shown)
            assert not cell.isEmpty()
            assert QRegion(cell).subtracted(painted).isEmpty()  # the visible part, all of it
    # The id column, and rows the frame did not touch, are not repainted.
    assert not painted.intersects(table.visualRect(proxy.index(12, int(Column.ID))))
    assert not painted.intersects(table.visualRect(proxy.index(3, speed)))


def test_a_change_that_is_not_a_frame_reaches_the_view_whole(panel: FleetPanel) -> None:
    fleet = make_fleet(30)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    fleet.apply([sample(4, NOW + 0.1, speed=9.0)], NOW + 0.1)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 0.1)  # a frame of one row
    signals: list[tuple[int, int, int, int]] = []
    panel.proxy.dataChanged.connect(
        lambda tl, br, roles=(): signals.append((tl.row(), br.row(), tl.column(), br.column()))
    )
    panel.set_arabic_digits(True)  # every cell's text changes, not only the last frame's
    assert signals == [(0, 29, 0, len(Column) - 1)]


def test_rows_follow_the_fleet_state_across_frames_and_late_announcements(
    panel: FleetPanel,
) -> None:
    fleet = FleetState()
    # Heard from before its node announced it: class unknown until the welcome arrives.
    fleet.apply([sample(i) for i in (7, 3)], NOW)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW)
    model = panel.model
    assert model.ids == ["V-0003", "V-0007"]  # new rows in id order
    assert model.classes == ["unknown", "unknown"]
    fleet.register(
        "n0", [VehicleInfo(vehicle_id=f"V-{i:04d}", vehicle_class=vclass(i)) for i in (3, 7, 9)]
    )
    moved = sample(7, t=NOW + 1).model_copy(update={"task_id": "T-new", "speed_mps": 9.0})
    fleet.apply([moved, sample(1, t=NOW + 1)], NOW + 1)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 1)
    assert model.ids == ["V-0003", "V-0007", "V-0001", "V-0009"]
    assert model.classes == [vclass(3), vclass(7), "unknown", vclass(9)]  # V-0001 unannounced
    assert model.tasks[model.row_of["V-0007"]] == "T-new"
    assert model.speed[model.row_of["V-0007"]] == pytest.approx(9.0 * 3.6)
    assert Column.CLASS in model.changed_columns
    assert Column.TASK in model.changed_columns
    # A frame of known vehicles only: every figure lands on its own row.
    fleet.apply([sample(i, t=NOW + 2, speed=float(i)) for i in (9, 1, 3, 7)], NOW + 2)
    panel.update_vehicles(fleet, fleet.drain_changed(), NOW + 2)
    for vid in model.ids:
        i = int(vid[2:])
        assert model.speed[model.row_of[vid]] == pytest.approx(i * 3.6)
        assert model.tasks[model.row_of[vid]] == f"T-{i % 5}"
    assert Column.CLASS not in model.changed_columns
    assert model.received[: len(model.ids)].tolist() == [NOW + 2] * 4
