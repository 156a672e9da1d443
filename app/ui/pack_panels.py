"""Sector packs in the console: the Packs view, the packs' panels and their map layers.

A pack's panel is named in its records as ``package.ui:callable`` and only the console
resolves it (loading a pack never imports Qt).  Whatever a pack's panel does wrong — the
module does not import, the callable raises or returns something other than a widget — the
panel is left out and the operator is told in Alerts & events; the console keeps running.
A pack panel's dock title is translated under the pack's name as context (its ``id``
prefix), from the pack's own catalogue (``sectors/<pack>/i18n/<pack>_ar.ts``).
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.actions import QT_TRANSLATE_NOOP
from app.ui.alerts.log import Severity
from app.ui.map.pack_layers import pack_layer_painter
from app.ui.packs_panel import PacksPanel
from app.ui.window_actions import add_layer_action

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.ui.main_window import ConsoleWindow
    from plugins.records import ConsolePanel
    from plugins.runtime import SitePacks

log = logging.getLogger(__name__)

AREAS = {
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
}


def resolve_factory(factory: str) -> Callable[..., object]:
    """Import ``package.ui:callable`` and return the callable.

    Raises
    ------
    ImportError, AttributeError, TypeError
        The module does not import, has no such name, or the name is not callable.
    """
    module_name, _, name = factory.partition(":")
    target = getattr(importlib.import_module(module_name), name)
    if not callable(target):
        raise TypeError(f"{factory} is not callable")
    return target  # type: ignore[no-any-return]


def pack_of(panel_id: str) -> str:
    """Return the pack a record id belongs to (``mining.parameters_panel`` -> ``mining``)."""
    return panel_id.split(".", 1)[0]


def add_pack_panels(window: ConsoleWindow, packs: SitePacks) -> list[str]:
    """Dock the Packs view and each active pack's panels; return the keys of the docks added."""
    added = ["packs"]
    docks = [
        window.add_panel(
            "packs",
            QT_TRANSLATE_NOOP("Panels", "Sector packs"),
            PacksPanel(packs.manager, window, packs.contributions.translations),
            AREAS["right"],
        )
    ]
    for panel_id, panel in packs.contributions.panels.items():
        widget = _build(window, packs, panel_id, panel)
        if widget is None:
            continue
        key = f"pack.{panel_id}"
        area = AREAS[panel.area]
        docks.append(window.add_panel(key, panel.title, widget, area, context=pack_of(panel_id)))
        added.append(key)
    add_pack_layers(window, packs)
    window.dispatch.use_packs(packs.contributions)
    # Tabbed behind the KPIs: the live panels keep their height; the Packs view is one click away.
    anchor = window.panels().get("kpis")
    if anchor is not None:
        for dock in docks:
            if window.dockWidgetArea(dock) == window.dockWidgetArea(anchor):
                window.tabifyDockWidget(anchor, dock)
        anchor.raise_()
    return added


def _build(
    window: ConsoleWindow, packs: SitePacks, panel_id: str, panel: ConsolePanel
) -> QWidget | None:
    try:
        widget = resolve_factory(panel.factory)(packs.contributions, window)
        if not isinstance(widget, QWidget):
            raise TypeError(f"{panel.factory} returned {type(widget).__name__}, not a QWidget")
    except Exception as exc:  # isolation boundary: a pack's panel never takes the console down
        log.exception("sector pack panel %s (%s) could not open", panel_id, panel.factory)
        window.alerts.add(
            time.time(), Severity.WARNING, "pack_panel_failed", panel=panel_id, reason=str(exc)
        )
        return None
    return widget


def add_pack_layers(window: ConsoleWindow, packs: SitePacks) -> list[str]:
    """Add each active pack's map layers to the map, the Map menu and the palette.

    A layer's title is the pack's translation of its id in the console's language (the
    pack's English title otherwise).  Returns the keys of the layers added.
    """
    added = []
    contributions = packs.contributions
    site = window.site
    for layer_id, layer in sorted(packs.contributions.layers.items(), key=lambda kv: kv[1].z_order):

        def title(layer_id: str = layer_id, english: str = layer.title) -> str:
            texts = contributions.translations.get(window.language.language, {})
            return texts.get(layer_id, english)

        try:
            painter = pack_layer_painter(layer, site)
            window.map_view.add_layer(
                layer_id, title, painter, static=True, visible=layer.visible, z=layer.z_order
            )
        except Exception as exc:  # isolation boundary: a pack's layer never takes the map down
            log.exception("sector pack map layer %s could not be added", layer_id)
            window.alerts.add(
                time.time(), Severity.WARNING, "pack_panel_failed", panel=layer_id, reason=str(exc)
            )
            continue
        add_layer_action(window, layer_id, title())
        added.append(layer_id)
    if added:
        window.retranslate()  # words the new Map menu entries like the built-in ones
    return added
