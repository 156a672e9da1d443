"""Console panel of the mining pack: the parameters in force, with strength and source.

The only Qt module of the pack: the console resolves ``sectors.mining.ui:ParametersPanel``
from the pack's ``atlas_console_panels`` and calls it with the site's contributions; loading
the pack never imports this module. Site-example figures are parameters, not laws
(SECTOR_RULES.md), so operators see each value next to where it comes from. Record texts
(title, unit, source) come from the pack's ``atlas_translations`` in the console's language
(:mod:`plugins.texts`) and follow a runtime language switch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from plugins import record_text

if TYPE_CHECKING:
    from plugins.contributions import Contributions

__all__ = ["ParametersPanel"]

CONTEXT = "mining"
LRI, PDI = "\u2066", "\u2069"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def strength_text(strength: str) -> str:
    """Return the translated name of a SECTOR_RULES strength code."""
    return {
        "R": _tr("Regulation"),
        "S": _tr("Standard"),
        "G": _tr("Industry guidance"),
        "D": _tr("Doctrine"),
        "E": _tr("Site rule (example)"),
    }.get(strength, strength)


class ParametersPanel(QWidget):
    """The mining parameters in force at the site: name, value, strength, source.

    Parameters
    ----------
    contributions
        The site's contributions (``plugins.load_site_packs(...).contributions``).
    parent
        Owner.
    """

    def __init__(self, contributions: Contributions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contributions = contributions
        self._ids = [p for p in contributions.parameters if p.startswith(f"{CONTEXT}.")]
        self.heading = QLabel(self)
        self.table = QTableWidget(len(self._ids), 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self._retranslate()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        lang = QLocale().name().split("_")[0]
        texts = self._contributions.translations.get(lang, {})
        self.heading.setText(_tr("Mining parameters in force at this site"))
        self.table.setHorizontalHeaderLabels(
            [_tr("Parameter"), _tr("Value"), _tr("Strength"), _tr("Source")]
        )
        translations = self._contributions.translations
        for row, pid in enumerate(self._ids):
            spec = self._contributions.parameters[pid]
            value = self._contributions.values.get(pid, spec.default)
            unit = record_text(translations, lang, pid, "unit", spec.unit)
            cells = (
                texts.get(pid) or spec.title,
                # The figure is a left-to-right island; the unit reads in the panel's language.
                f"{LRI}{value:g}{PDI} {unit}",
                strength_text(spec.strength),
                record_text(translations, lang, pid, "source", spec.source),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
