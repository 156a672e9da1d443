"""A site's packs folder: packages imported by name, import errors reported, not raised."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

import pytest

from plugins import PackManager

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from maps.site import Site

PACK_INIT = """
from plugins import API_VERSION, PackInfo
PACK = PackInfo(name="{name}", version="0.1.0", api=API_VERSION, title="t", title_ar="t",
                description="folder pack", provides=("rules",))
"""
HOOKS = """
from plugins import RuleSet, hookimpl

@hookimpl
def atlas_rule_sets():
    effect = {{"outcome": "RESTRICT", "constraints": {{"speed_factor": 0.5}}}}
    rule = {{"id": "{name}.slow", "explanation": "slow", "strength": "E", "source": "test",
            "when": [], "effect": effect}}
    return [RuleSet.model_validate({{"id": "{name}.set", "title": "t", "rules": [rule]}})]
"""


def _write(folder: Path, name: str, init: str, hooks: str | None = None) -> None:
    pkg = folder / name
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(init.format(name=name), encoding="utf-8")
    if hooks is not None:
        (pkg / "hooks.py").write_text(hooks.format(name=name), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "packs"
    for name in ("sitepack_ok", "sitepack_broken"):
        for mod in (name, f"{name}.hooks"):
            sys.modules.pop(mod, None)


def test_folder_packs_load_and_broken_ones_are_reported(
    folder: Path, demo_site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL, logger="plugins")
    _write(folder, "sitepack_ok", PACK_INIT, HOOKS)
    _write(folder, "sitepack_broken", "raise ImportError('no numpy here')\n")
    manager = PackManager()
    manager.discover(entry_points=False, folders=[folder])
    found = manager.collect(site=demo_site)
    assert manager.status("sitepack_ok").state == "active"
    assert "sitepack_ok.slow" in {r.id for s in found.rule_sets.values() for r in s.rules}
    broken = manager.status("sitepack_broken")
    assert broken.state == "refused"
    assert broken.problem is not None
    assert broken.problem.kind == "import"
    assert "no numpy here" in broken.problem.problem


def test_a_folder_pack_may_not_shadow_an_imported_module(folder: Path) -> None:
    _write(folder, "json", PACK_INIT)
    manager = PackManager()
    manager.discover(entry_points=False, folders=[folder])
    status = manager.status("json")
    assert status.state == "refused"
    assert status.problem is not None
    assert "already taken" in status.problem.problem


def test_builtin_only_skips_folder_packs(folder: Path) -> None:
    _write(folder, "sitepack_ok", PACK_INIT, HOOKS)
    manager = PackManager(builtin_only=True)
    manager.discover(folders=[folder])
    assert "sitepack_ok" not in {s.name for s in manager.statuses}
    assert "mining" in manager.active
