"""Sector packs in the console: the Packs view, a pack's own panel, a broken panel isolated."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from app.core.service import SiteService
from app.ui.alerts.log import Severity
from app.ui.pack_panels import add_pack_panels
from maps.site import default_site_path
from plugins.records import ConsolePanel
from plugins.runtime import load_site_packs

if TYPE_CHECKING:
    from PySide6.QtGui import QColor  # noqa: TID251 - a UI test drives Qt

    from maps.site import Site
    from plugins.runtime import SitePacks

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture(scope="module")
def mine_packs(demo_site: Site) -> SitePacks:
    return load_site_packs(default_site_path(), demo_site)


def test_packs_view_and_the_mining_panel_dock_behind_the_kpis(make_console, mine_packs) -> None:  # type: ignore[no-untyped-def]
    console = make_console()
    window = console.window
    added = add_pack_panels(window, mine_packs)
    assert added == ["packs", "pack.mining.parameters_panel"]
    docks = window.panels()
    assert docks["packs"].windowTitle() == "Sector packs"
    assert docks["pack.mining.parameters_panel"].windowTitle() == "Mining parameters in force"
    tabbed = {d.objectName() for d in window.tabifiedDockWidgets(docks["kpis"])}
    assert {"dock.packs", "dock.pack.mining.parameters_panel"} <= tabbed
    console.language.set_language("ar")
    assert docks["packs"].windowTitle() == "الحزم القطاعية"
    assert docks["pack.mining.parameters_panel"].windowTitle() == "معاملات التعدين المعمول بها"
    assert window.actions_registry.get("panel.pack.mining.parameters_panel").text()


def test_a_pack_panel_that_fails_is_left_out_and_reported(make_console, mine_packs) -> None:  # type: ignore[no-untyped-def]
    broken = {
        "mining.missing_panel": ConsolePanel(
            id="mining.missing_panel", title="Missing", factory="sectors.nosuch.ui:Panel"
        ),
        "mining.raising_panel": ConsolePanel(  # called with the wrong arguments: raises
            id="mining.raising_panel", title="Raises", factory="sectors.mining.ui:strength_text"
        ),
    }
    contributions = dataclasses.replace(mine_packs.contributions, panels=broken)
    packs = dataclasses.replace(mine_packs, contributions=contributions)
    console = make_console()
    window = console.window
    assert add_pack_panels(window, packs) == ["packs"]
    failures = [a for a in window.alerts.entries() if a.code == "pack_panel_failed"]
    assert [(a.severity, a.params["panel"]) for a in failures] == [
        (Severity.WARNING, "mining.missing_panel"),
        (Severity.WARNING, "mining.raising_panel"),
    ]
    assert "kpis" in window.panels()  # the console carries on


def test_status_bar_flags_insecure_links_and_names_the_operator(make_console) -> None:  # type: ignore[no-untyped-def]
    service = SiteService("demo-mine", ["ws://127.0.0.1:9"])
    console = make_console(service)
    window = console.window
    window.poll_status()
    badge = window.status.security_label
    assert badge.objectName() == "insecureBadge"
    assert "INSECURE" in badge.text()
    assert window.status.operator_label.text() == "Operator: \u2066op-test\u2069"
    console.language.set_language("ar")
    assert "غير آمن" in badge.text()


def test_pack_map_layers_are_drawn_toggled_and_translated(  # type: ignore[no-untyped-def]
    make_console, mine_packs, qtbot
) -> None:
    console = make_console()
    window = console.window
    window.show()
    qtbot.waitExposed(window)
    view = window.map_view
    view.fit_site()
    blast = next(z for z in window.site.zones if z.sector_kind == "blast")
    centre = blast.polygon.representative_point()

    def pixel_at_blast() -> QColor:
        image = view.grab().toImage()
        if image.width() != view.width():
            image = image.scaled(view.width(), view.height())
        sx, sy = view.transform().point_to_screen(centre.x, centre.y)
        colour: QColor = image.pixelColor(round(sx), round(sy))
        return colour

    plain = pixel_at_blast()
    add_pack_panels(window, mine_packs)
    keys = dict(view.layers())
    assert {"mining.blast_zones", "mining.exclusion_zones", "mining.ramps"} <= keys.keys()
    assert pixel_at_blast() != plain  # the pack's red fill over the blast zone
    action = window.actions_registry.get("layer.mining.blast_zones")
    assert action.text() == "Layer: Blast zones"
    action.setChecked(False)
    assert not view.layer_visible("mining.blast_zones")
    assert pixel_at_blast() == plain
    console.language.set_language("ar")
    assert dict(view.layers())["mining.blast_zones"] == "مناطق التفجير"
    assert "مناطق التفجير" in action.text()
