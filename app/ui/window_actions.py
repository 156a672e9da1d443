"""The console window's actions, menus and command buttons, built from one registry.

Every action is registered once with its English source (marked for lupdate) and reaches the
menus, the keyboard and the command palette from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton

from app.ui.actions import QT_TRANSLATE_NOOP
from app.ui.theme import THEMES

if TYPE_CHECKING:
    from app.ui.main_window import ConsoleWindow


def register_actions(window: ConsoleWindow) -> None:
    """Register every console action (menus, shortcuts and the palette share them)."""
    add = window.actions_registry.add
    add(
        "estop.all",
        QT_TRANSLATE_NOOP("Actions", "EMERGENCY STOP ALL"),
        window.ask_estop_all,
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Emergency stop of every vehicle on the site (asks to confirm)"
        ),
        shortcut="Ctrl+Shift+Space",
    )
    add(
        "estop.selected",
        QT_TRANSLATE_NOOP("Actions", "Stop selected vehicle"),
        window.ask_estop_selected,
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Emergency stop of the selected vehicle (asks to confirm)"
        ),
        shortcut="Ctrl+Space",
    )
    add(
        "resume.selected",
        QT_TRANSLATE_NOOP("Actions", "Resume selected vehicle"),
        window.ask_resume_selected,
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Release the stop of the selected vehicle (asks to confirm)"
        ),
        shortcut="Ctrl+R",
    )
    add(
        "resume.all",
        QT_TRANSLATE_NOOP("Actions", "Resume all vehicles"),
        window.ask_resume_all,
        tip=QT_TRANSLATE_NOOP("Actions", "Release the stop of every vehicle (asks to confirm)"),
        shortcut="Ctrl+Shift+R",
    )
    add(
        "palette",
        QT_TRANSLATE_NOOP("Actions", "Command palette…"),
        window.open_palette,
        tip=QT_TRANSLATE_NOOP("Actions", "Find and run any command from the keyboard"),
        shortcut="Ctrl+K",
    )
    add(
        "map.fit",
        QT_TRANSLATE_NOOP("Actions", "Fit site on map"),
        window.map_view.fit_site,
        shortcut="F",
    )
    add(
        "map.focus",
        QT_TRANSLATE_NOOP("Actions", "Centre map on selected vehicle"),
        lambda: window.focus_vehicle(window.selected or ""),
        shortcut="C",
    )
    add(
        "map.follow",
        QT_TRANSLATE_NOOP("Actions", "Follow selected vehicle"),
        window._toggle_follow,
        checkable=True,
        shortcut="Shift+F",
    )
    add(
        "alerts.ack_all",
        QT_TRANSLATE_NOOP("Actions", "Acknowledge all alerts"),
        window._ack_all,
        shortcut="Ctrl+Shift+A",
    )
    add(
        "alerts.mute",
        QT_TRANSLATE_NOOP("Actions", "Mute alert sound"),
        lambda: window.set_muted(window.actions_registry.get("alerts.mute").isChecked()),
        checkable=True,
        shortcut="Ctrl+M",
    )
    add("layout.reset", QT_TRANSLATE_NOOP("Actions", "Reset panel layout"), window.reset_layout)
    register_dispatch_actions(window)
    languages = QActionGroup(window)
    for code, text in (
        ("en", QT_TRANSLATE_NOOP("Actions", "English")),
        ("ar", QT_TRANSLATE_NOOP("Actions", "Arabic")),
    ):
        action = add(
            f"language.{code}",
            text,
            lambda code=code: window.language.set_language(code),  # type: ignore[misc]
            checkable=True,
        )
        languages.addAction(action)
    add(
        "language.toggle",
        QT_TRANSLATE_NOOP("Actions", "Switch language English / Arabic"),
        window.toggle_language,
        shortcut="Ctrl+L",
    )
    add(
        "language.digits",
        QT_TRANSLATE_NOOP("Actions", "Arabic-Indic digits"),
        lambda: window.language.set_arabic_digits(
            window.actions_registry.get("language.digits").isChecked()
        ),
        checkable=True,
    )
    themes = QActionGroup(window)
    names = {
        "dark": QT_TRANSLATE_NOOP("Actions", "Dark theme"),
        "light": QT_TRANSLATE_NOOP("Actions", "Light theme"),
        "high_contrast": QT_TRANSLATE_NOOP("Actions", "High-contrast theme"),
    }
    for key in THEMES:
        action = add(
            f"theme.{key}",
            names[key],
            lambda key=key: window.set_theme(key),  # type: ignore[misc]
            checkable=True,
        )
        themes.addAction(action)
    add(
        "font.bigger",
        QT_TRANSLATE_NOOP("Actions", "Larger text"),
        lambda: window._scale(1),
        shortcut=QKeySequence.StandardKey.ZoomIn,
    )
    add(
        "font.smaller",
        QT_TRANSLATE_NOOP("Actions", "Smaller text"),
        lambda: window._scale(-1),
        shortcut=QKeySequence.StandardKey.ZoomOut,
    )
    add(
        "font.reset",
        QT_TRANSLATE_NOOP("Actions", "Default text size"),
        window._reset_scale,
        shortcut="Ctrl+0",
    )
    add(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "Quit"),
        window.close,
        shortcut=QKeySequence.StandardKey.Quit,
    )
    for action in (a.action for a in window.actions_registry.entries()):
        window.addAction(action)  # shortcuts work whichever panel has the focus


def register_dispatch_actions(window: ConsoleWindow) -> None:
    """Register the task board's overrides and the route chooser (keyboard and palette)."""
    add = window.actions_registry.add
    dispatch = window.dispatch
    add(
        "dispatch.pin",
        QT_TRANSLATE_NOOP("Actions", "Pin vehicle to task"),
        dispatch.pin_selected,
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Give the task selected on the board to the selected vehicle (recorded)"
        ),
        shortcut="Ctrl+Alt+P",
    )
    add(
        "dispatch.hold",
        QT_TRANSLATE_NOOP("Actions", "Hold vehicle"),
        dispatch.hold_selected,
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Take the selected vehicle out of dispatch; its task is queued again"
        ),
        shortcut="Ctrl+Alt+H",
    )
    add(
        "dispatch.release",
        QT_TRANSLATE_NOOP("Actions", "Release vehicle"),
        dispatch.release_selected,
        tip=QT_TRANSLATE_NOOP("Actions", "Return the selected held vehicle to dispatch"),
        shortcut="Ctrl+Alt+U",
    )
    add(
        "dispatch.cancel",
        QT_TRANSLATE_NOOP("Actions", "Cancel task"),
        dispatch.ask_cancel_selected,
        tip=QT_TRANSLATE_NOOP("Actions", "Cancel the task selected on the board (asks to confirm)"),
        shortcut="Ctrl+Alt+X",
    )
    add(
        "dispatch.route",
        QT_TRANSLATE_NOOP("Actions", "Choose route…"),
        dispatch.open_route_chooser,
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Compare the routes to a destination for the selected vehicle and send one"
        ),
        shortcut="Ctrl+Alt+G",
    )


def build_menus(window: ConsoleWindow) -> None:
    """Build the menu bar from the registered actions."""
    get = window.actions_registry.get

    def menu(title: str) -> QMenu:
        m = window.menu_bar.addMenu("")
        window.menu_titles.append((m, title))
        return m

    ops = menu(QT_TRANSLATE_NOOP("ConsoleWindow", "&Operations"))
    for key in ("estop.all", "estop.selected", "resume.selected", "resume.all"):
        ops.addAction(get(key))
    ops.addSeparator()
    for key in ("dispatch.pin", "dispatch.hold", "dispatch.release", "dispatch.cancel"):
        ops.addAction(get(key))
    ops.addAction(get("dispatch.route"))
    ops.addSeparator()
    ops.addAction(get("alerts.ack_all"))
    ops.addAction(get("alerts.mute"))
    ops.addSeparator()
    ops.addAction(get("quit"))
    window.view_menu = menu(QT_TRANSLATE_NOOP("ConsoleWindow", "&View"))
    for key in window._docks:
        window._add_panel_action(key)
    window.view_menu.addSeparator()
    for key in ("palette", "layout.reset"):
        window.view_menu.addAction(get(key))
    map_menu = menu(QT_TRANSLATE_NOOP("ConsoleWindow", "&Map"))
    for key in ("map.fit", "map.focus", "map.follow"):
        map_menu.addAction(get(key))
    map_menu.addSeparator()
    window.map_menu = map_menu
    for layer_key, title in window.map_view.layers():
        add_layer_action(window, layer_key, title)
    settings_menu = menu(QT_TRANSLATE_NOOP("ConsoleWindow", "&Settings"))
    for key in ("language.en", "language.ar", "language.toggle", "language.digits"):
        settings_menu.addAction(get(key))
    settings_menu.addSeparator()
    for key in THEMES:
        settings_menu.addAction(get(f"theme.{key}"))
    settings_menu.addSeparator()
    for key in ("font.bigger", "font.smaller", "font.reset"):
        settings_menu.addAction(get(key))


def build_command_row(window: ConsoleWindow) -> None:
    """Build the row of command buttons under the menu bar."""
    get = window.actions_registry.get
    row = QHBoxLayout(window.command_row)
    row.setContentsMargins(6, 4, 6, 4)
    for key, role in (
        ("estop.all", "estop"),
        ("estop.selected", "estop"),
        ("resume.selected", "resume"),
        ("resume.all", ""),
    ):
        button = QToolButton(window.command_row)
        button.setObjectName(f"button.{key}")
        button.setDefaultAction(get(key))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if role:
            button.setProperty("role", role)
        row.addWidget(button)
        window.command_buttons[key] = button
    row.addStretch(1)
    for key in ("map.fit", "palette", "language.toggle"):
        button = QToolButton(window.command_row)
        button.setObjectName(f"button.{key}")
        button.setDefaultAction(get(key))
        row.addWidget(button)
        window.command_buttons[key] = button


def add_layer_action(window: ConsoleWindow, layer_key: str, title: str) -> QAction:
    """Add a show/hide toggle for map layer ``layer_key`` to the Map menu and the palette.

    The window re-words it (``Layer: <title>``) on every retranslation.
    """
    menu = window.map_menu
    action = menu.addAction(title) if menu is not None else QAction(title, window)
    action.setCheckable(True)
    action.setChecked(window.map_view.layer_visible(layer_key))
    action.toggled.connect(lambda on, k=layer_key: window.map_view.set_layer_visible(k, on))
    window.actions_registry.adopt(f"layer.{layer_key}", action)
    window.addAction(action)
    window.layer_actions[layer_key] = action
    return action
