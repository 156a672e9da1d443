"""The assist workspace's commands: actions with shortcuts, shown on buttons and in the palette.

Each command is one action of the window's :class:`~app.ui.actions.ActionRegistry` (so the
command palette finds it) with a single-key shortcut that works while the workspace has the
keyboard.  Several keys are also window-wide shortcuts of other panels (``C`` centres the map,
``F`` fits it): :class:`AssistKeys` takes the workspace's keys before the window's shortcuts
while the focus is inside the workspace, so a key never means two things at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPushButton, QWidget
from typing_extensions import override

from app.ui.actions import QT_TRANSLATE_NOOP
from app.ui.language import ltr

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction

    from app.ui.actions import ActionRegistry

CONTEXT = "AssistWorkspace"


@dataclass(frozen=True, slots=True)
class AssistCommand:
    """One workspace command: registry key, texts (untranslated sources), keys."""

    key: str
    text: str
    tip: str
    keys: tuple[str, ...]
    role: str = ""
    """Button style: ``go`` (confirm), ``danger`` (safe stop) or plain."""


COMMANDS: tuple[AssistCommand, ...] = (
    AssistCommand(
        "assist.next",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Next"),
        QT_TRANSLATE_NOOP("AssistWorkspace", "Select the next open request nobody owns"),
        ("N",),
    ),
    AssistCommand(
        "assist.down",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Down"),
        QT_TRANSLATE_NOOP("AssistWorkspace", "Select the request below in the queue"),
        ("J",),
    ),
    AssistCommand(
        "assist.up",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Up"),
        QT_TRANSLATE_NOOP("AssistWorkspace", "Select the request above in the queue"),
        ("K",),
    ),
    AssistCommand(
        "assist.claim",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Claim"),
        QT_TRANSLATE_NOOP(
            "AssistWorkspace", "Take the selected request (the edge node decides who owns it)"
        ),
        ("C",),
    ),
    AssistCommand(
        "assist.confirm",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Confirm"),
        QT_TRANSLATE_NOOP(
            "AssistWorkspace",
            "Confirm the proposed action; the vehicle asks its governor again",
        ),
        ("Y", "Return"),
        "go",
    ),
    AssistCommand(
        "assist.deny",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Deny"),
        QT_TRANSLATE_NOOP(
            "AssistWorkspace", "Deny the proposed action; the vehicle stops and waits for a task"
        ),
        ("D",),
    ),
    AssistCommand(
        "assist.hold",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Hold"),
        QT_TRANSLATE_NOOP("AssistWorkspace", "Keep the vehicle holding until a new task"),
        ("H",),
    ),
    AssistCommand(
        "assist.safe_stop",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Safe stop"),
        QT_TRANSLATE_NOOP("AssistWorkspace", "Stop the vehicle safely (latched)"),
        ("S",),
        "danger",
    ),
    AssistCommand(
        "assist.reroute",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Choose route"),
        QT_TRANSLATE_NOOP(
            "AssistWorkspace",
            "Choose one of the dispatcher's routes for the vehicle; its edge node re-checks it",
        ),
        ("R",),
    ),
    AssistCommand(
        "assist.override",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Override"),
        QT_TRANSLATE_NOOP(
            "AssistWorkspace",
            "Waive the rules that escalated for the minutes set, within your role's limits",
        ),
        ("O",),
    ),
    AssistCommand(
        "assist.close_zone",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Close zone"),
        QT_TRANSLATE_NOOP(
            "AssistWorkspace", "Close the request's zone to every vehicle (the vehicle holds)"
        ),
        ("Z",),
    ),
    AssistCommand(
        "assist.open_zone",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Open zone"),
        QT_TRANSLATE_NOOP("AssistWorkspace", "Reopen a zone an operator closed (supervisors only)"),
        ("Shift+Z",),
    ),
    AssistCommand(
        "assist.release",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Release"),
        QT_TRANSLATE_NOOP("AssistWorkspace", "Give the request back to the queue"),
        ("U",),
    ),
    AssistCommand(
        "assist.transfer",
        QT_TRANSLATE_NOOP("AssistWorkspace", "Transfer"),
        QT_TRANSLATE_NOOP(
            "AssistWorkspace",
            "Hand the request to the operator named beside, or to the supervisors if none",
        ),
        ("T",),
    ),
)
"""Every command of the workspace, in button order."""


def key_text(command: AssistCommand) -> str:
    """Return the command's keys as the operator reads them (a left-to-right island)."""
    names = [QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in command.keys]
    return ltr(" / ".join(names))


def register_commands(
    registry: ActionRegistry, slots: dict[str, Callable[[], object]], widget: QWidget
) -> dict[str, QAction]:
    """Register every command in ``registry``; its shortcuts apply inside ``widget`` only."""
    actions = {}
    for command in COMMANDS:
        action = registry.add(
            command.key,
            command.text,
            slots[command.key],
            context=CONTEXT,
            tip=command.tip,
            shortcut=command.keys[0],
        )
        action.setShortcuts([QKeySequence(k) for k in command.keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        widget.addAction(action)
        actions[command.key] = action
    return actions


def make_button(command: AssistCommand, action: QAction, parent: QWidget) -> QPushButton:
    """Return a button for ``command`` that shows its key and follows the action's state."""
    button = QPushButton(parent)
    button.setObjectName(f"assist.button.{command.key.removeprefix('assist.')}")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys act on the queue's selection
    if command.role:
        button.setProperty("role", command.role)
    button.clicked.connect(action.trigger)

    def sync() -> None:
        button.setText(f"{action.text().replace('&&', '&')}  {key_text(command)}")
        button.setToolTip(f"{action.toolTip()} ({key_text(command)})")
        button.setEnabled(action.isEnabled())

    action.changed.connect(sync)
    sync()
    return button


class AssistKeys(QObject):
    """Routes the workspace's keys to its actions while the focus is inside the workspace.

    Installed on the workspace and each of its widgets.  Typing in a text or number field is
    left alone.
    """

    def __init__(self, actions: dict[str, QAction], parent: QObject) -> None:
        super().__init__(parent)
        self._by_key: dict[int, QAction] = {}
        for command in COMMANDS:
            for key in command.keys:
                seq = QKeySequence(key)
                self._by_key[seq[0].toCombined()] = actions[command.key]  # type: ignore[index]
        self.triggered = 0
        """Actions triggered from the keyboard (for tests)."""
        self.keeps: Callable[[QObject, int], bool] = lambda _watched, _key: False
        """Whether a widget keeps a key for itself (the route chooser's Enter sends the
        route): no workspace command and no window shortcut acts on it there."""

    def install(self, root: QWidget) -> None:
        """Watch ``root`` and every widget inside it."""
        root.installEventFilter(self)
        for child in root.findChildren(QWidget):
            child.installEventFilter(self)

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Enter:  # the keypad's Enter confirms like Return
            key = Qt.Key.Key_Return
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return self._by_key.get(QKeyCombination(mods, key).toCombined())

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if isinstance(watched, QLineEdit | QAbstractSpinBox):
            return False
        assert isinstance(event, QKeyEvent)
        if self.keeps(watched, event.key()):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # no shortcut takes it: the widget gets the key press
                return True
            return False
        action = self._action_for(event)
        if action is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # ours here: the window's shortcut with the same key waits
            return True
        if action.isEnabled():
            self.triggered += 1
            action.trigger()
        return True
