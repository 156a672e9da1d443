"""The Packs view lists real packs, shows refusals and quarantines, translates, mirrors."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator  # noqa: TID251 - a UI test drives Qt

import sectors.mining
import sectors.mining.rules
from app.ui.language import LanguageManager
from app.ui.packs_panel import PacksPanel
from plugins import PackManager, RuleSet
from tests.unit.plugins.conftest import make_pack

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication  # noqa: TID251 - a UI test drives Qt
    from pytestqt.qtbot import QtBot

    from maps.site import Site

pytestmark = pytest.mark.ui


class _PseudoArabic(QTranslator):
    """Marks every PacksPanel text, so a string that skips tr() shows up unmarked."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"«{source}»" if context == "PacksPanel" else ""

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


@pytest.fixture
def manager(demo_site: Site, caplog: pytest.LogCaptureFixture) -> PackManager:
    caplog.set_level(logging.CRITICAL, logger="plugins")

    def atlas_rule_sets() -> list[RuleSet]:
        raise RuntimeError("boom")

    manager = PackManager(enabled=["mining", "logistics", "broken", "future"])
    manager.discover()
    manager.add_module(make_pack("broken", hooks={"atlas_rule_sets": atlas_rule_sets}))
    manager.add_module(make_pack("future", api="2.0"))
    manager.collect(site=demo_site)
    return manager


def _column(panel: PacksPanel, column: int) -> list[str]:
    model = panel.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_lists_packs_with_version_api_state_and_provides(
    qtbot: QtBot, manager: PackManager
) -> None:
    panel = PacksPanel(manager)
    qtbot.addWidget(panel)
    names = _column(panel, 0)
    assert any("mining" in n for n in names)
    states = dict(zip([s.name for s in manager.statuses], _column(panel, 4), strict=True))
    assert states["mining"] == "Active"
    assert states["defense"] == "Not enabled for this site"
    assert states["broken"] == "Quarantined"
    assert states["future"] == "Refused"
    row = [s.name for s in manager.statuses].index("mining")
    assert sectors.mining.PACK.version in _column(panel, 1)[row]
    assert _column(panel, 3)[row] == "Yes"
    defaults = {p.id.split(".", 1)[1]: p.default for p in sectors.mining.rules.PARAMETERS}
    rules = sum(len(s.rules) for s in sectors.mining.rules.rule_sets(defaults))
    provides = _column(panel, 5)[row].replace("\u2066", "").replace("\u2069", "")
    assert f"rules {rules}" in provides
    assert "2 with problems" in panel.summary.text().replace("\u2066", "").replace("\u2069", "")


def test_problems_say_which_pack_what_and_what_to_do(qtbot: QtBot, manager: PackManager) -> None:
    panel = PacksPanel(manager)
    qtbot.addWidget(panel)
    lines = panel.problem_lines()
    assert len(lines) == 2
    broken = next(line for line in lines if "broken" in line)
    assert "atlas_rule_sets" in broken
    assert "RuntimeError: boom" in broken
    assert "quarantined" in broken
    future = next(line for line in lines if "future" in line)
    assert "2.0" in future
    assert "Install" in future
    assert panel.problems.text() == "\n".join(lines)


def test_problems_in_arabic_say_the_kind_and_remedy_and_quote_the_detail(
    qtbot: QtBot, qapp: QApplication, manager: PackManager
) -> None:
    import re

    panel = PacksPanel(manager)
    qtbot.addWidget(panel)
    languages = LanguageManager(qapp)
    languages.set_language("ar")
    try:
        lines = panel.problem_lines()
        assert len(lines) == 2
        assert panel.problems.text() == "\n".join(lines)
        for line in lines:
            outside = re.sub("\u2066[^\u2069]*\u2069", "", line)
            assert not re.search("[A-Za-z]{2,}", outside), line
        broken = next(line for line in lines if "broken" in line)
        assert "أخفقت الحزمة" in broken
        assert "RuntimeError: boom" in broken  # the host's detail, as an island
        future = next(line for line in lines if "future" in line)
        assert "واجهة الإضافات" in future
        row = [panel.model.status(r).name for r in range(panel.model.rowCount())].index("future")
        tip = panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == future
    finally:
        languages.set_language("en")
    assert "Install" in next(line for line in panel.problem_lines() if "future" in line)


def test_every_text_goes_through_tr_and_the_layout_mirrors(
    qtbot: QtBot, qapp: QApplication, manager: PackManager
) -> None:
    panel = PacksPanel(manager)
    qtbot.addWidget(panel)
    translator = _PseudoArabic()
    qapp.installTranslator(translator)
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        QCoreApplication.processEvents()
        model = panel.model
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        assert all(h.startswith("«") for h in headers)
        assert panel.summary.text().startswith("«")
        assert panel.problems_title.text().startswith("«")
        assert all(s.startswith("«") for s in _column(panel, 4))
        assert all(line.startswith("«") for line in panel.problem_lines())
        assert panel.isRightToLeft()
        assert panel.table.isRightToLeft()
    finally:
        qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_a_pack_panel_resolves_from_its_factory_string(
    qtbot: QtBot, qapp: QApplication, demo_site: Site
) -> None:
    import importlib

    from maps.site import default_site_path
    from plugins import load_site_packs

    packs = load_site_packs(default_site_path(), demo_site)
    (panel_record,) = packs.contributions.panels.values()
    module_name, attr = panel_record.factory.split(":")
    factory = getattr(importlib.import_module(module_name), attr)
    panel = factory(packs.contributions)
    qtbot.addWidget(panel)
    mining_params = [p for p in packs.contributions.parameters if p.startswith("mining.")]
    assert panel.table.rowCount() == len(mining_params)
    cells = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert "Highest speed anywhere on site" in cells
    strengths = {panel.table.item(r, 2).text() for r in range(panel.table.rowCount())}
    assert "Site rule (example)" in strengths
    languages = LanguageManager(qapp)
    languages.set_language("ar")  # the console's catalogues and the pack's own (i18n/*.ts)
    try:
        cells = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
        assert "أعلى سرعة في أي مكان بالموقع" in cells  # record texts: atlas_translations
        assert panel.heading.text() == "معاملات التعدين المعمول بها في هذا الموقع"
        strengths = {panel.table.item(r, 2).text() for r in range(panel.table.rowCount())}
        assert "قاعدة موقع (مثال)" in strengths
        assert panel.isRightToLeft()
    finally:
        languages.set_language("en")
