"""Every console action in one registry: menus, shortcuts and the command palette share it.

Actions are registered with their English source text and a translation context; the
registry re-translates them all on a language change, so no menu or palette entry is missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from collections.abc import Callable


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for lupdate in ``context`` and return it untranslated (typed for mypy)."""
    del context
    return source


@dataclass(slots=True)
class ActionEntry:
    """An action and the sources of its texts."""

    key: str
    action: QAction
    context: str
    text: str
    tip: str


class ActionRegistry(QObject):
    """Creates, owns and re-translates the console's actions.

    Parameters
    ----------
    parent
        The main window: shortcuts are window-wide.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._entries: dict[str, ActionEntry] = {}

    def add(
        self,
        key: str,
        text: str,
        slot: Callable[[], object] | None = None,
        *,
        context: str = "Actions",
        tip: str = "",
        shortcut: str | QKeySequence.StandardKey | None = None,
        checkable: bool = False,
    ) -> QAction:
        """Register an action; ``text`` and ``tip`` are untranslated sources in ``context``.

        Raises
        ------
        ValueError
            When ``key`` is already registered (two features claiming one action).
        """
        if key in self._entries:
            raise ValueError(f"action {key!r} is registered twice; give each action its own key")
        action = QAction(self.parent())
        action.setObjectName(f"action.{key}")
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            # triggered, not toggled: a programmatic setChecked (restoring preferences,
            # following a change made elsewhere) must not run the action again.
            action.triggered.connect(lambda _checked=False: slot())
        self._entries[key] = ActionEntry(key, action, context, text, tip)
        self._translate(self._entries[key])
        return action

    def adopt(self, key: str, action: QAction) -> QAction:
        """Register an action whose texts its owner keeps translated (a map layer's toggle).

        Raises
        ------
        ValueError
            When ``key`` is already registered.
        """
        if key in self._entries:
            raise ValueError(f"action {key!r} is registered twice; give each action its own key")
        action.setObjectName(f"action.{key}")
        self._entries[key] = ActionEntry(key, action, "", "", "")
        return action

    def get(self, key: str) -> QAction:
        """Return the action registered as ``key``."""
        return self._entries[key].action

    def entries(self) -> list[ActionEntry]:
        """Every registered action, in registration order."""
        return list(self._entries.values())

    def retranslate(self) -> None:
        """Re-translate every action's text and tooltip."""
        for entry in self._entries.values():
            self._translate(entry)

    @staticmethod
    def _translate(entry: ActionEntry) -> None:
        if not entry.text:
            return  # adopted: its owner translates it
        translate = QCoreApplication.translate  # sources are marked where actions are added
        # An "&" in a source is literal text ("Alerts & events"), not a mnemonic marker.
        text = translate(entry.context, entry.text)
        entry.action.setText(text if entry.context == "Actions" else text.replace("&", "&&"))
        tip = translate(entry.context, entry.tip) if entry.tip else entry.action.text()
        entry.action.setToolTip(tip)
        entry.action.setStatusTip(tip)
