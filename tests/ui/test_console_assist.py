"""The assist workspace fed directly (no edge node): frames, cues, keys and Arabic."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt  # noqa: TID251 - a UI test drives Qt

from app.core.bus import LinkDown
from app.ui.assist.model import COL_DEADLINE, COL_LINK, COL_SIMILAR
from edge.protocol.messages import AssistUpdate
from tests.ui.conftest import NOW, assist_request, register, sample
from tests.ui.test_console_language import english_left

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def feed(service, *requests) -> None:  # type: ignore[no-untyped-def]
    for request in requests:
        service.assist.on_request("ws://gw-1", "gw-1", request)


def test_a_surge_is_one_refresh_and_countdowns_move_without_a_reset(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    model = window.assist_panel.model
    feed(
        service,
        *(assist_request(f"r-{n}", f"V-{n}", deadline=NOW + 100 + n) for n in range(50)),
        assist_request("r-crit", "V-c", criticality="critical", deadline=NOW + 15),
    )
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br: changes.append((tl.column(), br.column())))
    window.frame_clock.tick()
    assert model.resets == 1  # 51 messages, one refresh
    assert model.ids[0] == "r-crit"  # criticality first, then deadline
    assert model.index(0, COL_DEADLINE).data() == "● \u20660:15\u2069"  # shape + time, urgent
    assert model.index(1, COL_DEADLINE).data() == "○ \u20661:40\u2069"
    console.clock[0] += 1.0  # no message: the countdowns move on, the rows stay
    window.frame_clock.tick()
    assert model.resets == 1
    assert changes == [(COL_DEADLINE, COL_DEADLINE)]
    assert model.index(0, COL_DEADLINE).data() == "● \u20660:14\u2069"
    backlog = window.assist_panel.backlog.text()
    assert backlog.startswith("Open 51 (unclaimed 51, critical 1)")


def test_critical_cue_fires_once_per_new_critical_request(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    workspace = window.assist_panel
    feed(
        service,
        assist_request("c-1", "V-1", criticality="critical"),
        assist_request("h-1", "V-2", criticality="high"),
    )
    window.frame_clock.tick()
    assert workspace.cues == 1
    assert workspace.cue.isVisibleTo(window)
    assert window.panels()["assist"].windowTitle() == "▲ Assist queue (2)"
    codes = [(a.code, a.vehicle_id) for a in window.alerts.entries()]
    assert codes.count(("assist_critical", "V-1")) == 1
    assert window.critical_banner.isVisibleTo(window)

    # The node re-sends its open requests after a reconnect: no second cue.
    service.assist.on_link_up("ws://gw-1")
    feed(service, assist_request("c-1", "V-1", criticality="critical"))
    console.clock[0] += 0.1
    window.frame_clock.tick()
    assert workspace.cues == 1

    # Muted: a new critical request is still cued and logged, silently.
    window.set_muted(True)
    beeps = window.critical_banner.beeps
    feed(service, assist_request("c-2", "V-3", criticality="critical"))
    console.clock[0] += 0.1
    window.frame_clock.tick()
    assert workspace.cues == 2
    assert window.critical_banner.beeps == beeps
    assert [a.code for a in window.alerts.entries()].count("assist_critical") == 2


def test_workspace_keys_win_inside_it_and_the_window_keeps_them_elsewhere(  # type: ignore[no-untyped-def]
    make_console, qloop, qtbot
) -> None:
    console = make_console()
    service, window = console.service, console.window
    workspace = window.assist_panel
    register(service, "gw-1", ["V-1"])
    service.fleet.apply([sample("V-1")], NOW)
    feed(service, assist_request("r-1", "V-1", feature="Z09", key="Z09|core.perception_low"))
    feed(service, assist_request("r-2", "V-2", feature="Z09", key="Z09|core.perception_low"))
    window.show()
    qtbot.waitExposed(window)
    window.frame_clock.tick()
    window.show_assist_workspace()
    assert workspace.model.index(0, COL_SIMILAR).data() == "×2"

    qtbot.keyClick(workspace.table, Qt.Key.Key_N)
    assert workspace.selected_id == "r-1"
    assert "2 open requests are alike" in workspace.detail.similar.text()
    # C inside the workspace claims (the map's "centre on vehicle" key stays out of it); the
    # request's node is not linked here, so the pane says the claim did not reach the edge.
    qtbot.keyClick(workspace.table, Qt.Key.Key_C)
    qloop.run_until_complete(asyncio.gather(*window._tasks))
    assert workspace.keys is not None
    assert workspace.keys.triggered == 2
    assert "did not reach the edge" in workspace.detail.reply.text()
    assert workspace.detail.reply.text().startswith("✕")
    assert window.selected is None  # the map did not centre on anything

    # The link flag: a request of a node whose link is down cannot be claimed.
    service.bus.publish(LinkDown(NOW, "ws://gw-1", "gw-1", "closed"))
    console.clock[0] += 0.1
    window.frame_clock.tick()
    assert workspace.model.index(0, COL_LINK).data().startswith("⚠")
    assert not workspace.commands["assist.claim"].isEnabled()
    assert workspace.detail.link.isVisibleTo(window)


def test_arabic_workspace_is_right_to_left_and_has_no_visible_english(make_console) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    service, window = console.service, console.window
    workspace = window.assist_panel
    feed(
        service,
        assist_request("c-1", "V-1", criticality="critical", feature="Z09"),
        assist_request("h-1", "V-2", rules=("core.perception_low", "core.release_zone")),
    )
    console.language.set_language("ar")
    window.show_panel("assist")
    window.frame_clock.tick()
    workspace.select_next()
    assert workspace.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert workspace.selected_id == "c-1"
    assert "ثقة الإدراك منخفضة" in workspace.detail.why.text()  # the rule, in Arabic
    assert english_left(window) == []
    item = workspace.current_item()
    assert item is not None
    workspace.routes.open(item)  # the route chooser, in Arabic too
    assert workspace.routes.is_open()
    assert workspace.routes.panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert english_left(window) == []
    console.language.set_language("en")
    assert "Perception confidence" in workspace.detail.why.text()


@pytest.mark.parametrize(
    ("result", "detail", "english", "arabic"),
    [
        ("applied", "fallback safe_stop applied", "the edge applied", "طبّقت العقدة الطرفية"),
        (
            "already_stopped",
            "fallback safe_stop: vehicle already stopped (its own safe stop)",
            "was already stopped",
            "متوقفة أصلًا",
        ),
        (
            "not_applicable",
            "fallback safe_stop not applied: the vehicle is driving, not waiting for an answer",
            "NOT applied by the vehicle",
            "لم تطبّق المركبة",
        ),
        (None, "fallback safe_stop applied", "does not report what the vehicle did", "لا تبلّغ"),
    ],
)
def test_an_expired_request_shows_what_the_vehicle_did_with_the_fallback(  # type: ignore[no-untyped-def]
    make_console, result, detail, english, arabic
) -> None:
    console = make_console()
    service, window = console.service, console.window
    workspace = window.assist_panel
    feed(service, assist_request("x-1", "V-1"))
    service.assist.on_update(
        AssistUpdate(
            seq=2,
            ts=NOW + 120.0,
            request_id="x-1",
            vehicle_id="V-1",
            state="expired",
            at=NOW + 120.0,
            fallback="safe_stop",
            fallback_result=result,
            detail=detail,
        )
    )
    window.frame_clock.tick()
    workspace.select_request("x-1")
    assert english in workspace.detail.title.text()
    if result == "not_applicable":  # the edge's reason, as a left-to-right island
        assert "the vehicle is driving, not waiting" in workspace.detail.title.text()
    assert ("✕" in workspace.detail.title.text()) == (result == "not_applicable")
    console.language.set_language("ar")
    assert arabic in workspace.detail.title.text()
    console.language.set_language("en")


def test_queue_columns_are_fitted_after_a_surge_not_at_every_reset(make_console, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's own content sizing measured every row at each reset and selection (20 ms for 100
    requests, bench/console.py --assist); the fitter measures once the changes settle."""
    console = make_console()
    service, window = console.service, console.window
    workspace = window.assist_panel
    table, header = workspace.table, workspace.table.horizontalHeader()
    feed(service, *(assist_request(f"r-{n}", f"VEHICLE-{n:05d}") for n in range(30)))
    window.frame_clock.tick()
    columns = range(header.count() - 1)  # the last one stretches

    def fitted() -> bool:
        return all(header.sectionSize(c) >= table.sizeHintForColumn(c) for c in columns)

    assert not workspace.fitter._timer.isActive() or not fitted()  # nothing measured inline
    qtbot.waitUntil(fitted, timeout=3000)
