"""A site's packs end to end: configuration, discovery, collection, a bundle that compiles."""

from __future__ import annotations

import json
import logging
import shutil
from typing import TYPE_CHECKING

import pytest

import sectors.mining
from app.cli.main import main as atlasmesh
from edge.governor import Governor
from maps.site import default_site_path
from plugins import API_VERSION, PackManager, RuleSet, load_site_packs
from tests.unit.plugins.conftest import make_pack, speed_rule

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from maps.site import Site


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    path = tmp_path / "mine.geojson"
    shutil.copy(default_site_path(), path)
    return path


def test_demo_mine_runs_the_mining_pack(demo_site: Site) -> None:
    packs = load_site_packs(default_site_path(), demo_site)
    assert packs.manager.active == ("mining",)
    assert packs.bundle.bundle_id.startswith("core-mining:")
    assert packs.bundle.parameters["packs"] == {"mining": sectors.mining.PACK.version}
    assert "mining.blast_zones" in packs.contributions.layers
    Governor(packs.bundle, demo_site)


def test_site_values_reach_the_rules(site_copy: Path, demo_site: Site) -> None:
    site_copy.with_name("mine.site.toml").write_text(
        'schema_version = 1\n[packs]\nenabled = ["mining"]\n'
        "[packs.parameters.mining]\nhaul_road_speed_kmh = 36.0\n",
        encoding="utf-8",
    )
    packs = load_site_packs(site_copy, demo_site)
    rule = next(r for r in packs.bundle.rules if r.id == "mining.site_speed_cap")
    assert rule.effect.constraints.speed_cap_mps == pytest.approx(10.0)
    assert packs.bundle.parameters["pack_parameters"]["mining.haul_road_speed_kmh"] == 36.0


def test_a_pack_the_governor_refuses_is_quarantined_and_the_rest_runs(
    site_copy: Path, demo_site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL, logger="plugins")

    def atlas_rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
        rule = speed_rule("ghost.cap")
        rule["when"].append({"field": "vehicle_class", "op": "eq", "value": "hovercraft"})
        return [RuleSet.model_validate({"id": "ghost.set", "title": "t", "rules": [rule]})]

    manager = PackManager()
    manager.add_module(make_pack("good"))
    manager.add_module(make_pack("ghost", hooks={"atlas_rule_sets": atlas_rule_sets}))
    packs = load_site_packs(site_copy, demo_site, manager=manager)
    assert manager.active == ("good",)
    problem = manager.status("ghost").problem
    assert problem is not None
    assert "ghost.cap" in problem.problem
    assert "hovercraft" in problem.problem
    assert packs.bundle.bundle_id.startswith("core-good:")
    assert "ghost.set" not in packs.contributions.rule_sets
    Governor(packs.bundle, demo_site)


def test_pack_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert atlasmesh(["pack", "list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    states = {p["name"]: p["state"] for p in listing["packs"]}
    assert states["mining"] == "active"
    assert states["logistics"] == "disabled"
    assert listing["api"] == API_VERSION


def test_pack_list_reports_a_bad_site_config(
    site_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site_copy.with_name("mine.site.toml").write_text("schema_version = 9\n", encoding="utf-8")
    assert atlasmesh(["pack", "list", "--site", str(site_copy)]) == 2
    assert "schema version 9" in capsys.readouterr().err


def test_pack_new_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert atlasmesh(["pack", "new", "quarry", "--dir", str(tmp_path)]) == 0
    assert (tmp_path / "atlasmesh-pack-quarry" / "atlasmesh_quarry" / "hooks.py").is_file()
    assert atlasmesh(["pack", "new", "quarry", "--dir", str(tmp_path)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert atlasmesh(["pack", "check", "sectors.logistics"]) == 0
    assert "passes the pack contract" in capsys.readouterr().out
    assert atlasmesh(["pack", "check", "no_such_pack_module"]) == 2


def test_a_pack_enabled_but_not_found_is_reported(
    site_copy: Path, demo_site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL, logger="plugins")
    site_copy.with_name("mine.site.toml").write_text(
        'schema_version = 1\n[packs]\nenabled = ["minig"]\n', encoding="utf-8"
    )
    packs = load_site_packs(site_copy, demo_site)
    status = packs.manager.status("minig")
    assert status.state == "refused"
    assert status.problem is not None
    assert status.problem.kind == "missing"
    assert "mine.site.toml" in status.problem.problem
    assert "mining" in status.problem.problem  # what was found, to spot the typo
    assert packs.bundle.bundle_id == "core"
