"""The Packs view: every sector pack found, and the problems of those that failed.

Each pack shows its version, API compatibility and what it provides; each refused or
quarantined pack shows which pack, what is wrong and what to do.  A pack's title and
description (the pack column's tooltip) come from its ``atlas_translations`` in the
console's language (:mod:`plugins.texts`; the manifest's ``title_ar`` otherwise) and follow a
language switch.

The panel observes a :class:`plugins.PackManager` (it keeps no copy of the state): call
:meth:`PacksPanel.refresh` after the manager loads or collects. Every string goes through
``tr``; pack names, versions and API numbers are left-to-right islands, and the pack's own
texts (problem and remedy, written by the host in English) are shown as given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget
from typing_extensions import override

from app.ui.language import ltr
from plugins.manifest import api_compatibility
from plugins.texts import pack_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtCore import QPersistentModelIndex

    from plugins.manager import PackManager
    from plugins.status import PackStatus

__all__ = ["PacksPanel", "PacksTableModel"]

CONTEXT = "PacksPanel"
NO_PARENT = QModelIndex()
COLUMNS = 6


def console_language() -> str:
    """Return the console's language code (the language manager sets the default locale).

    The "C" locale (no language set, as in tests) counts as English.
    """
    code = QLocale().name().split("_")[0]
    return "en" if code == "C" else code


def state_text(state: str) -> str:
    """Return the translated name of a pack state."""
    return {
        "active": QCoreApplication.translate("PacksPanel", "Active"),
        "disabled": QCoreApplication.translate("PacksPanel", "Not enabled for this site"),
        "refused": QCoreApplication.translate("PacksPanel", "Refused"),
        "quarantined": QCoreApplication.translate("PacksPanel", "Quarantined"),
    }.get(state, state)


def problem_texts(kind: str) -> tuple[str, str] | None:
    """Return the translated "what is wrong" and "what to do" of a problem kind, if known.

    The host writes a pack's problem in English with its technical detail (versions, the
    exception raised); in another language the panel says what kind of problem it is and
    what to do, and quotes that detail as a left-to-right island for the pack's author.
    """
    texts = {
        "import": (
            QCoreApplication.translate("PacksPanel", "the pack's module does not import"),
            QCoreApplication.translate(
                "PacksPanel", "Install or repair the pack, then restart the console."
            ),
        ),
        "manifest": (
            QCoreApplication.translate("PacksPanel", "the pack's manifest is not valid"),
            QCoreApplication.translate("PacksPanel", "The pack's author must fix its manifest."),
        ),
        "api": (
            QCoreApplication.translate(
                "PacksPanel", "the pack targets another version of the plugin API"
            ),
            QCoreApplication.translate(
                "PacksPanel", "Install a version of the pack made for this console."
            ),
        ),
        "hook": (
            QCoreApplication.translate(
                "PacksPanel", "the pack failed or gave malformed data while loading"
            ),
            QCoreApplication.translate(
                "PacksPanel",
                "The pack's author must fix the hook named; the other packs work as usual.",
            ),
        ),
        "conflict": (
            QCoreApplication.translate("PacksPanel", "the pack uses an id another pack uses"),
            QCoreApplication.translate(
                "PacksPanel", "Enable only one of the two packs for this site, or update one."
            ),
        ),
        "dependency": (
            QCoreApplication.translate(
                "PacksPanel", "the pack needs another pack that is not enabled or not installed"
            ),
            QCoreApplication.translate(
                "PacksPanel", "Enable or install the pack it needs for this site."
            ),
        ),
        "site": (
            QCoreApplication.translate(
                "PacksPanel", "the site's settings for this pack are not valid"
            ),
            QCoreApplication.translate(
                "PacksPanel", "Correct the pack's section of the site's configuration file."
            ),
        ),
        "missing": (
            QCoreApplication.translate(
                "PacksPanel", "the site enables this pack but it is not installed"
            ),
            QCoreApplication.translate(
                "PacksPanel",
                "Install the pack, or remove it from the site's enabled packs.",
            ),
        ),
    }
    return texts.get(kind)


def kind_text(kind: str) -> str:
    """Return the translated name of a contribution kind (``PackInfo.provides``)."""
    return {
        "parameters": QCoreApplication.translate("PacksPanel", "parameters"),
        "profiles": QCoreApplication.translate("PacksPanel", "vehicle profiles"),
        "rules": QCoreApplication.translate("PacksPanel", "rules"),
        "tasks": QCoreApplication.translate("PacksPanel", "task types"),
        "zones": QCoreApplication.translate("PacksPanel", "zone kinds"),
        "layers": QCoreApplication.translate("PacksPanel", "map layers"),
        "kpis": QCoreApplication.translate("PacksPanel", "KPIs"),
        "playbooks": QCoreApplication.translate("PacksPanel", "assist playbooks"),
        "translations": QCoreApplication.translate("PacksPanel", "translations"),
        "panels": QCoreApplication.translate("PacksPanel", "console panels"),
        "audit": QCoreApplication.translate("PacksPanel", "audit defaults"),
    }.get(kind, kind)


def problem_line(status: PackStatus) -> str:
    """Return what a refused or quarantined pack shows: which pack, what is wrong, what to do.

    In English the host's own sentences; in another language the kind's translated texts with
    the host's detail quoted as a left-to-right island (:func:`problem_texts`).
    """
    problem = status.problem
    if problem is None:
        return ""
    where = (
        QCoreApplication.translate("PacksPanel", "in hook %1").replace("%1", ltr(problem.hook))
        if problem.hook
        else ""
    )
    what, todo = problem.problem, problem.remedy
    texts = problem_texts(problem.kind)
    if console_language() != "en" and texts is not None:
        what = (
            QCoreApplication.translate("PacksPanel", "%1 (details: %2)")
            .replace("%1", texts[0])
            .replace("%2", ltr(problem.problem))
        )
        todo = texts[1]
    return (
        QCoreApplication.translate("PacksPanel", "%1 %2 %3: what is wrong: %4. What to do: %5")
        .replace("%1", ltr(status.name))
        .replace("%2", state_text(status.state))
        .replace("%3", where)
        .replace("%4", what)
        .replace("%5", todo)
    )


class PacksTableModel(QAbstractTableModel):
    """One row per pack the manager has seen."""

    def __init__(
        self,
        manager: PackManager,
        translations: Mapping[str, Mapping[str, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._manager = manager
        self._translations: Mapping[str, Mapping[str, str]] = translations or {}
        self._rows: list[PackStatus] = list(manager.statuses)

    def refresh(self) -> None:
        """Re-read the manager's statuses."""
        self.beginResetModel()
        self._rows = list(self._manager.statuses)
        self.endResetModel()

    def status(self, row: int) -> PackStatus:
        """Return the pack shown on ``row``."""
        return self._rows[row]

    @override
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else COLUMNS

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("PacksPanel", "Pack"),
            QCoreApplication.translate("PacksPanel", "Version"),
            QCoreApplication.translate("PacksPanel", "Plugin API"),
            QCoreApplication.translate("PacksPanel", "Compatible"),
            QCoreApplication.translate("PacksPanel", "State"),
            QCoreApplication.translate("PacksPanel", "Provides"),
        )[section]

    @override
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        status = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(status, column)
        failed = status.state in ("refused", "quarantined")
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and failed:
            return QColor("#C62828")
        if role == Qt.ItemDataRole.ToolTipRole:
            if status.problem is not None:
                return problem_line(status)
            return self.description(status)
        return None

    def title(self, status: PackStatus) -> str:
        """Return a pack's display name in the console's language."""
        info = status.info
        if info is None:
            return status.name
        lang = console_language()
        english = info.title_ar if lang == "ar" else info.title
        return pack_text(self._translations, lang, status.name, "title", english)

    def description(self, status: PackStatus) -> str:
        """Return a pack's description in the console's language (empty when it has none).

        Only active packs give texts (``atlas_translations``); the manifest's description is
        English, so a pack not enabled for the site shows it in English only.
        """
        if status.info is None:
            return ""
        lang = console_language()
        english = status.info.description if lang == "en" else ""
        return pack_text(self._translations, lang, status.name, "description", english)

    def _text(self, status: PackStatus, column: int) -> str:
        info = status.info
        if column == 0:
            return f"{self.title(status)} ({ltr(status.name)})"
        if column == 1:
            return ltr(status.version)
        if column == 2:
            return ltr(status.api)
        if column == 3:
            if info is None:
                return QCoreApplication.translate("PacksPanel", "Unknown")
            return (
                QCoreApplication.translate("PacksPanel", "Yes")
                if api_compatibility(info.api) is None
                else QCoreApplication.translate("PacksPanel", "No")
            )
        if column == 4:
            return state_text(status.state)
        if info is None:
            return ""
        parts = []
        for kind in info.provides:
            count = status.counts.get(kind)
            name = kind_text(kind)
            parts.append(name if count is None else f"{name} {ltr(str(count))}")
        return QCoreApplication.translate("PacksPanel", ", ").join(parts)


class PacksPanel(QWidget):
    """The Packs view: a table of packs and the problems of those that failed.

    Parameters
    ----------
    manager
        The console's pack manager (already discovered and collected).
    translations
        The active packs' texts (``Contributions.translations``): titles and descriptions.
    """

    def __init__(
        self,
        manager: PackManager,
        parent: QWidget | None = None,
        translations: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = PacksTableModel(manager, translations, self)
        self.summary = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.problems_title = QLabel(self)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems)
        self._retranslate()

    def refresh(self) -> None:
        """Show the manager's current statuses (after discovery, collection or a reload)."""
        self.model.refresh()
        self._retranslate()

    def problem_lines(self) -> list[str]:
        """Return the text shown for each refused or quarantined pack, in table order."""
        statuses = [self.model.status(row) for row in range(self.model.rowCount())]
        return [problem_line(status) for status in statuses if status.problem is not None]

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        rows = [self.model.status(r) for r in range(self.model.rowCount())]
        active = sum(1 for s in rows if s.state == "active")
        failed = sum(1 for s in rows if s.problem is not None)
        self.summary.setText(
            QCoreApplication.translate(
                "PacksPanel", "Sector packs: %1 active, %2 with problems, %3 found"
            )
            .replace("%1", ltr(str(active)))
            .replace("%2", ltr(str(failed)))
            .replace("%3", ltr(str(len(rows))))
        )
        lines = self.problem_lines()
        self.problems_title.setText(
            QCoreApplication.translate("PacksPanel", "Problems")
            if lines
            else QCoreApplication.translate("PacksPanel", "No pack problems")
        )
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, COLUMNS - 1)
            )
