"""The console shell: frame clock, panels fed by the site service, selection, layout, alerts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt  # noqa: TID251 - a UI test drives Qt
from PySide6.QtWidgets import QDockWidget  # noqa: TID251 - a UI test drives Qt

from app.core.fleet.state import FleetState
from app.ui.alerts.log import Severity
from app.ui.frame_clock import FrameClock
from app.ui.panels.alerts_model import COL_SEVERITY, COL_VEHICLE
from edge.protocol.messages import VehicleState
from tests.ui.conftest import NOW, answered, assist_request, register, sample

if TYPE_CHECKING:
    from collections.abc import Collection

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


class Recorder:
    def __init__(self) -> None:
        self.frames: list[set[str]] = []

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        self.frames.append(set(changed))


def test_frame_clock_drains_once_per_frame_and_hands_every_view_the_same_set(qapp) -> None:  # type: ignore[no-untyped-def]
    fleet = FleetState()
    clock = [NOW]
    frame = FrameClock(fleet, clock=lambda: clock[0])
    first, second = Recorder(), Recorder()
    frame.add_view(first)
    frame.add_view(second)
    fleet.apply([sample("A"), sample("B")], NOW)
    fleet.apply([sample("A", t=NOW + 0.1)], NOW + 0.1)  # two messages, one frame
    frame.tick()
    assert first.frames == [{"A", "B"}]
    assert second.frames == first.frames
    assert fleet.drain_changed() == set()  # the clock consumed them
    frame.tick()  # nothing changed and less than the idle refresh: no frame
    assert len(first.frames) == 1
    clock[0] += 1.5  # idle refresh: views see "now" move for staleness
    frame.tick()
    assert first.frames[-1] == set()
    assert frame.frames == 2


def test_panels_update_from_the_site_service(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    register(service, "gw-1", ["T-1", "T-2", "T-3"])
    service.fleet.apply(
        [
            sample("T-1"),
            sample("T-2", VehicleState.ASSIST_NEEDED),
            sample("T-3", VehicleState.FAULT, faults=["brake_pressure"]),
        ],
        NOW,
    )
    service.assist.on_request("ws://gw-1", "gw-1", assist_request("r-1", "T-2"))
    window.frame_clock.tick()
    assist = window.assist_panel.model
    assert assist.ids == ["r-1"]
    assert window.panels()["assist"].windowTitle() == "Assist queue (1)"  # seen behind a tab
    codes = [(a.code, a.vehicle_id) for a in window.alerts.entries()]
    assert ("vehicle_assist", "T-2") in codes
    assert ("vehicle_fault", "T-3") in codes
    assert window.critical_banner.isVisibleTo(window)
    # The vehicle is helped: its request leaves the queue on the next frame.
    service.assist.on_update(answered("r-1", "T-2"))
    service.fleet.apply([sample("T-2", VehicleState.MOVING, t=NOW + 1)], NOW + 1)
    window.frame_clock.tick()
    assert assist.ids == []
    assert window.panels()["assist"].windowTitle() == "Assist queue"
    window.poll_status()
    assert window.kpis_panel.tiles["vehicles"].value.text() == "3"
    assert "3" in window.status.vehicles_label.text()


def test_selection_is_synced_between_map_and_table_without_echo(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    register(service, "gw-1", ["S-1", "S-2"])
    service.fleet.apply([sample("S-1"), sample("S-2")], NOW)
    window.frame_clock.tick()
    window.map_view.vehicleSelected.emit("S-2")
    assert window.fleet_panel.selected_vehicle() == "S-2"
    assert window.selected == "S-2"
    window.fleet_panel.vehicleSelected.emit("S-1")
    assert window.map_view.selected_vehicle() == "S-1"
    window.fleet_panel.vehicleActivated.emit("S-2")
    assert window.map_view.selected_vehicle() == "S-2"
    assert window.fleet_panel.selected_vehicle() == "S-2"
    window.map_view.vehicleSelected.emit("")
    assert window.fleet_panel.selected_vehicle() is None


def test_layout_persists_and_resets(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    window = console.window
    window.show()
    window.panels()["links"].hide()
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.panels()["kpis"])
    window.save_layout()
    again = make_console(settings_name="console.ini").window
    again.show()
    assert not again.panels()["links"].isVisible()
    assert again.dockWidgetArea(again.panels()["kpis"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    again.reset_layout()
    assert again.panels()["links"].isVisibleTo(again)
    assert again.dockWidgetArea(again.panels()["kpis"]) == Qt.DockWidgetArea.RightDockWidgetArea


def test_add_panel_docks_a_new_panel_with_a_palette_action(make_console) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel  # noqa: TID251 - a UI test drives Qt

    window = make_console().window
    dock = window.add_panel("packs", "Packs", QLabel("x"), Qt.DockWidgetArea.RightDockWidgetArea)
    assert isinstance(dock, QDockWidget)
    assert dock.objectName() == "dock.packs"
    assert window.actions_registry.get("panel.packs").text() == "Packs"
    with pytest.raises(ValueError, match="already exists"):
        window.add_panel("packs", "Packs", QLabel("y"))


def test_alerts_acknowledge_and_the_critical_banner(make_console) -> None:  # type: ignore[no-untyped-def]
    window = make_console().window
    log, panel, banner = window.alerts, window.alerts_panel, window.critical_banner
    log.add(NOW, Severity.INFO, "link_up", node="gw-1", url="ws://x:1")
    log.add(NOW, Severity.CRITICAL, "vehicle_fault", "V-9", faults="")
    assert banner.isVisibleTo(window)
    assert banner.beeps == 1
    log.add(NOW, Severity.CRITICAL, "vehicle_fault", "V-7", faults="")
    assert banner.beeps == 1  # a burst shares one beep
    window.set_muted(True)
    log.add(NOW, Severity.CRITICAL, "vehicle_safe_stop", "V-8")
    assert banner.beeps == 1  # muted: no sound, the banner still shows
    assert "(+" in banner.label.text()
    panel.table.selectRow(0)  # newest first: the safe stop
    assert panel.acknowledge_selected() == 1
    assert banner.isVisibleTo(window)  # the fault is still unacknowledged
    panel.show_acked.setChecked(False)
    assert panel.proxy.rowCount() == 3
    banner.acknowledge()
    assert not banner.isVisibleTo(window)
    assert all(a.acknowledged_by == "op-test" for a in log.entries() if a.acknowledged)
    panel.severity.setCurrentIndex(2)  # critical only
    assert panel.proxy.rowCount() == 0
    panel.show_acked.setChecked(True)
    assert panel.proxy.rowCount() == 3
    panel.vehicle.setText("v-9")
    assert panel.proxy.rowCount() == 1


def test_estop_waits_for_confirmation_and_reports_a_stop_that_did_not_go_out(  # type: ignore[no-untyped-def]
    make_console, qloop
) -> None:
    console = make_console()
    window = console.window
    register(console.service, "gw-1", ["E-1"])
    window.select_vehicle("E-1")
    window.ask_estop_selected()
    assert window.confirm_bar.pending
    assert window.alerts.entries() == []  # nothing sent before the operator confirms
    window.confirm_bar.confirm.click()
    assert not window.confirm_bar.pending
    qloop.run_until_complete(asyncio_drain(window))
    (alert,) = window.alerts.entries()
    # No link to the node hosting E-1: the console must say the stop did not go out.
    assert alert.code == "estop_failed"
    assert alert.severity is Severity.CRITICAL
    window.ask_estop_all()
    window.confirm_bar.cancel.click()
    assert not window.confirm_bar.pending
    assert len(window.alerts.entries()) == 1


async def asyncio_drain(window) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    await asyncio.gather(*window._tasks)


def test_command_palette_reaches_actions(make_console, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_console().window
    window.show()
    window.open_palette()
    palette = window.command_palette
    assert palette.isVisible()
    qtbot.keyClicks(palette.field, "high contrast")
    assert palette.list.count() == 1
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert window.theme.theme.key == "high_contrast"
    every = {  # disabled ones (assist answers with no claimed request) are not offered
        e.key
        for e in window.actions_registry.entries()
        if e.key != "palette" and e.action.isEnabled()
    }
    assert "assist.claim" not in every
    window.open_palette()
    listed = {
        palette.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(palette.list.count())
    }
    assert listed == every


def test_preferences_persist(make_console) -> None:  # type: ignore[no-untyped-def]
    first = make_console()
    first.window.set_theme("light")
    first.window.actions_registry.get("font.bigger").trigger()
    first.window.set_muted(True)
    first.window.close()  # saves
    second = make_console()
    assert second.theme.theme.key == "light"
    assert second.theme.scale > 1.0
    assert second.window.critical_banner.muted
    assert second.window.actions_registry.get("alerts.mute").isChecked()


def test_map_layers_are_actions_the_palette_reaches(make_console) -> None:  # type: ignore[no-untyped-def]
    window = make_console().window
    keys = [key for key, _ in window.map_view.layers()]
    assert keys
    action = window.actions_registry.get(f"layer.{keys[0]}")
    visible = window.map_view.layer_visible(keys[0])
    action.trigger()
    assert window.map_view.layer_visible(keys[0]) is not visible


def test_a_silent_vehicle_is_reported_once(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    register(service, "gw-1", ["Q-1", "Q-2"])
    service.fleet.apply([sample("Q-1"), sample("Q-2")], NOW)
    window.frame_clock.tick()
    for step in range(1, 6):  # Q-2 keeps reporting, Q-1 falls silent
        console.clock[0] = NOW + step
        service.fleet.apply([sample("Q-2", t=NOW + step)], NOW + step)
        window.frame_clock.tick()
    stale = [a.vehicle_id for a in window.alerts.entries() if a.code == "vehicle_stale"]
    assert stale == ["Q-1"]


def test_font_scaling_reaches_the_big_figures(make_console) -> None:  # type: ignore[no-untyped-def]
    window = make_console().window
    tile = window.kpis_panel.tiles["vehicles"].value
    before = tile.font().pointSizeF()
    window.actions_registry.get("font.bigger").trigger()
    window.actions_registry.get("font.bigger").trigger()
    assert tile.font().pointSizeF() > before
    window.actions_registry.get("font.reset").trigger()
    assert tile.font().pointSizeF() == pytest.approx(before)


def test_tab_reaches_commands_and_panels_with_a_visible_focus(  # type: ignore[no-untyped-def]
    make_console, qtbot, qapp
) -> None:
    window = make_console().window
    window.show()
    qtbot.waitExposed(window)
    window.command_buttons["estop.all"].setFocus()
    reached = set()
    for _ in range(80):
        focused = window.focusWidget()
        if focused is not None:
            reached.add(focused.objectName())
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
    wanted = {"button.estop.all", "button.resume.selected", "alerts.vehicle", "alerts.table"}
    assert wanted <= reached, sorted(reached)
    # The theme outlines whatever has the keyboard.
    assert ":focus" in qapp.styleSheet()


def test_alert_columns_fit_texts_that_arrive_later(make_console, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A warning with a vehicle id arriving after an information row widens its columns (it
    was elided to the first row's width: "▲ War…", "gw-1-…")."""
    window = make_console().window
    log, table = window.alerts, window.alerts_panel.table
    log.add(NOW, Severity.INFO, "link_up", node="gw-1", url="ws://x:1")
    qtbot.wait(50)
    log.add(NOW, Severity.WARNING, "vehicle_assist", "gw-1-0010", rules="")
    header = table.horizontalHeader()

    def fitted() -> bool:
        return all(
            header.sectionSize(col) >= table.sizeHintForColumn(col)
            for col in (COL_SEVERITY, COL_VEHICLE)
        )

    qtbot.waitUntil(fitted, timeout=2000)
