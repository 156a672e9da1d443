"""Edge links panel: add, disconnect and reconnect endpoints on a real site service."""

from __future__ import annotations

import pytest

from app.core.service import SiteService

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_add_disconnect_and_reconnect_an_endpoint(make_console, qloop, demo_site) -> None:  # type: ignore[no-untyped-def]
    service = SiteService(demo_site.site_id)
    window = make_console(service).window
    panel = window.links_panel
    assert panel.add_endpoint("http://10.0.0.5:8765") is None
    assert panel.error.isVisibleTo(panel)
    assert "ws://" in panel.error.text()
    assert service.links == {}
    assert panel.add_endpoint("ws://10.0.0.5") is None  # no port
    qloop.run_until_complete(panel.add_endpoint("ws://127.0.0.1:9"))
    assert not panel.error.isVisibleTo(panel)
    assert list(service.links) == ["ws://127.0.0.1:9"]
    assert panel.model.urls == ["ws://127.0.0.1:9"]
    panel.table.selectRow(0)
    qloop.run_until_complete(panel.disconnect_selected())
    assert service.links == {}
    assert panel.model.urls == ["ws://127.0.0.1:9"]  # kept, to connect again
    assert "Disconnected" in panel.model.state_text("ws://127.0.0.1:9")[0]
    qloop.run_until_complete(panel.connect_selected())
    assert list(service.links) == ["ws://127.0.0.1:9"]
    codes = [a.code for a in window.alerts.entries()]
    assert codes == ["endpoint_added", "endpoint_removed", "endpoint_added"]
