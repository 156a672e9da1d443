"""The console packages' public API, pinned."""

from __future__ import annotations

import importlib

import pytest

pytestmark = pytest.mark.ui

PUBLIC_API = {
    "app.ui.alerts": {"Alert", "AlertLog", "Severity"},
    "app.ui.assist": {"AssistQueueTableModel", "AssistWorkspace"},
    "app.ui.panels": {"AlertsPanel", "EdgeLinksPanel", "KpisPanel"},
}


@pytest.mark.parametrize("module", sorted(PUBLIC_API))
def test_public_api_is_pinned(module: str) -> None:
    mod = importlib.import_module(module)
    assert set(mod.__all__) == PUBLIC_API[module]
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.{name} is exported but missing"
