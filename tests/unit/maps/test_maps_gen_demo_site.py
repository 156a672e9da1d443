"""The demo site generator is deterministic and the bundled file is its output."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from maps import build_site, default_site_path, load_site

if TYPE_CHECKING:
    from types import ModuleType

TOOLS = Path(__file__).resolve().parents[3] / "tools"


@pytest.fixture
def gen(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    # tools/ is a folder of scripts, not a package: import the generator the way it runs
    monkeypatch.syspath_prepend(str(TOOLS))
    return importlib.import_module("gen_demo_site")


def test_two_runs_write_identical_files(gen: ModuleType, tmp_path: Path) -> None:
    first = gen.main(tmp_path / "a.geojson")
    second = gen.main(tmp_path / "b.geojson")
    assert first.read_bytes() == second.read_bytes()
    assert gen.build_site() == gen.build_site()


def test_bundled_demo_site_is_the_generator_output(gen: ModuleType, tmp_path: Path) -> None:
    fresh = gen.main(tmp_path / "demo_mine.geojson")
    assert fresh.read_bytes() == default_site_path().read_bytes(), (
        "resources/sites/demo_mine.geojson is stale: run python tools/gen_demo_site.py"
    )


def test_generated_document_loads(gen: ModuleType, tmp_path: Path) -> None:
    site = build_site(gen.build_site(), source="generated")
    assert len(site.roads) >= 150
    written = load_site(gen.main(tmp_path / "x.geojson"))
    assert [r.id for r in written.roads] == [r.id for r in site.roads]
