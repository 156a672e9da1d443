"""The command palette (Ctrl+K): type a few letters, reach any action from the keyboard.

It is a frame floating over the window, not a dialog: live updates go on underneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from typing_extensions import override

if TYPE_CHECKING:
    from app.ui.actions import ActionRegistry

WIDTH = 560


def matches(query: str, text: str) -> bool:
    """Whether every word of ``query`` occurs in ``text`` (case-insensitive)."""
    haystack = text.casefold()
    return all(word in haystack for word in query.casefold().split())


class CommandPalette(QFrame):
    """A filter field over the list of every enabled action.

    Parameters
    ----------
    registry
        Where the actions come from.
    parent
        The main window it floats over.
    """

    def __init__(self, registry: ActionRegistry, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.setProperty("role", "palette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._registry = registry
        self.field = QLineEdit(self)
        self.field.setObjectName("palette.field")
        self.list = QListWidget(self)
        self.list.setObjectName("palette.list")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.field)
        layout.addWidget(self.list)
        self.field.textChanged.connect(self.refill)
        self.field.returnPressed.connect(self.run_current)
        self.field.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.run_current())
        self.retranslate()
        self.hide()

    def open(self) -> None:
        """Show the palette over the top of the window and focus its field."""
        parent = self.parentWidget()
        assert parent is not None
        width = min(WIDTH, parent.width() - 40)
        self.setGeometry((parent.width() - width) // 2, 60, width, min(420, parent.height() - 80))
        self.field.clear()
        self.refill()
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refill(self) -> None:
        """List the enabled actions matching the field."""
        query = self.field.text()
        self.list.clear()
        for entry in self._registry.entries():
            action = entry.action
            if not action.isEnabled() or entry.key == "palette":
                continue
            label = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if not matches(query, f"{label} {entry.key}"):
                continue
            shortcut = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
            item = QListWidgetItem(f"{label}    {shortcut}" if shortcut else label)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def run_current(self) -> None:
        """Trigger the highlighted action and close."""
        item = self.list.currentItem()
        self.hide()
        if item is not None:
            self._registry.get(str(item.data(Qt.ItemDataRole.UserRole))).trigger()

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.field.setPlaceholderText(self.tr("Type a command…"))
        self.field.setToolTip(self.tr("Enter runs the highlighted command; Escape closes"))
        if self.isVisible():
            self.refill()
