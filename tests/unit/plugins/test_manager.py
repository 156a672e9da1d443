"""Registration checks, per-pack isolation and typed collection of the pack manager."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pytest

from plugins import API_VERSION, PackManager, RuleSet, Translations
from plugins.discovery import Candidate

if TYPE_CHECKING:
    from maps.site import Site

from tests.unit.plugins.conftest import make_pack, speed_rule


@pytest.fixture(autouse=True)
def _quiet(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL, logger="plugins")


def test_a_valid_pack_is_active_and_contributes(demo_site: Site) -> None:
    manager = PackManager()
    status = manager.add_module(make_pack("alpha"))
    assert status.state == "active"
    found = manager.collect(site=demo_site)
    assert list(found.rule_sets) == ["alpha.set"]
    assert found.values == {"alpha.cap": 5.0}
    assert manager.status("alpha").counts["rules"] == 1
    assert found.owner["alpha.cap_rule"] == "alpha"


def test_missing_manifest_is_refused_with_what_to_do() -> None:
    module = make_pack("alpha")
    del module.PACK
    status = PackManager().add_module(module)
    assert status.state == "refused"
    assert status.problem is not None
    assert "no PACK manifest" in status.problem.problem
    assert "PackInfo" in status.problem.remedy
    assert status.problem.message.startswith("pack 'testpack_alpha'")


def test_invalid_manifest_names_the_field() -> None:
    bad = {"name": "beta", "version": "one", "api": "1.0", "title": "b", "title_ar": "b"}
    status = PackManager().add_module(make_pack("beta", pack=bad))
    assert status.state == "refused"
    assert status.problem is not None
    assert status.problem.kind == "manifest"
    assert "version" in status.problem.problem


def test_incompatible_api_is_refused_naming_both_versions() -> None:
    status = PackManager().add_module(make_pack("gamma", api="2.0"))
    assert status.state == "refused"
    assert status.problem is not None
    assert status.problem.kind == "api"
    assert "2.0" in status.problem.problem
    assert API_VERSION in status.problem.problem


def test_newer_minor_api_is_refused_on_an_older_host() -> None:
    status = PackManager(host_api="1.0").add_module(make_pack("gamma", api="1.1"))
    assert status.state == "refused"


def test_entry_point_name_must_equal_the_pack_name() -> None:
    manager = PackManager()
    status = manager._consider(  # the discovery path, with a real module
        Candidate("other", "entry point other = testpack_delta", make_pack("delta"))
    )
    assert status.state == "refused"
    assert status.problem is not None
    assert "'other'" in status.problem.problem
    assert "'delta'" in status.problem.problem


def test_misspelled_hook_is_refused() -> None:
    module = make_pack("eps")

    def atlas_rule_set() -> list[Any]:
        return []

    from plugins import hookimpl

    module.atlas_rule_set = hookimpl(atlas_rule_set)  # type: ignore[attr-defined]
    status = PackManager().add_module(module)
    assert status.state == "refused"
    assert status.problem is not None
    assert "atlas_rule_set" in status.problem.problem


def test_provides_must_match_the_hooks() -> None:
    module = make_pack("zeta")
    module.PACK = module.PACK.model_copy(update={"provides": ("rules",)})  # type: ignore[attr-defined]
    status = PackManager().add_module(module)
    assert status.state == "refused"
    assert status.problem is not None
    assert "without declaring" in status.problem.problem


def test_a_raising_hook_quarantines_only_its_pack(demo_site: Site) -> None:
    def atlas_rule_sets() -> list[RuleSet]:
        raise RuntimeError("boom")

    manager = PackManager()
    manager.add_module(make_pack("good"))
    manager.add_module(make_pack("bad", hooks={"atlas_rule_sets": atlas_rule_sets}))
    found = manager.collect(site=demo_site)
    assert manager.status("good").state == "active"
    bad = manager.status("bad")
    assert bad.state == "quarantined"
    assert bad.problem is not None
    assert bad.problem.hook == "atlas_rule_sets"
    assert "RuntimeError: boom" in bad.problem.problem
    assert "quarantined" in bad.problem.remedy
    assert manager.active == ("good",)
    assert list(found.rule_sets) == ["good.set"]
    # a second collection no longer calls the quarantined pack
    assert list(manager.collect(site=demo_site).rule_sets) == ["good.set"]


def test_malformed_records_quarantine_the_pack(demo_site: Site) -> None:
    def atlas_translations() -> list[object]:
        return [{"language": "english", "messages": {}}]

    manager = PackManager()
    manager.add_module(make_pack("eta", hooks={"atlas_translations": atlas_translations}))
    manager.collect(site=demo_site)
    status = manager.status("eta")
    assert status.state == "quarantined"
    assert status.problem is not None
    assert "not a valid Translations" in status.problem.problem


def test_foreign_namespace_is_refused(demo_site: Site) -> None:
    def atlas_rule_sets() -> list[RuleSet]:
        rules = [speed_rule("other.rule")]
        return [RuleSet.model_validate({"id": "theta.set", "title": "t", "rules": rules})]

    manager = PackManager()
    manager.add_module(make_pack("theta", hooks={"atlas_rule_sets": atlas_rule_sets}))
    manager.collect(site=demo_site)
    problem = manager.status("theta").problem
    assert problem is not None
    assert "'other.rule'" in problem.problem
    assert "namespace" in problem.problem


def test_two_packs_with_one_id_name_both_packs(demo_site: Site) -> None:
    def atlas_translations() -> list[Translations]:
        return [Translations(language="en", messages={})]

    first = make_pack("iota")
    twin = make_pack("iota")  # a second pack of the same name (another install)
    manager = PackManager()
    manager.add_module(first)
    status = manager.add_module(twin)
    assert status.state == "refused"
    assert status.problem is not None
    assert "already loaded" in status.problem.problem
    assert manager.status("iota").state == "active"


def test_site_enable_list_disables_others() -> None:
    manager = PackManager(enabled=["kappa"])
    assert manager.add_module(make_pack("kappa")).state == "active"
    assert manager.add_module(make_pack("lambda_")).state == "disabled"
    assert manager.active == ("kappa",)


def test_missing_dependency_refuses_the_pack() -> None:
    module = make_pack("mu")
    module.PACK = module.PACK.model_copy(update={"depends_on": ("nu",)})  # type: ignore[attr-defined]
    status = PackManager().add_module(module)
    assert status.state == "refused"
    assert status.problem is not None
    assert status.problem.kind == "dependency"
    assert "nu" in status.problem.problem


def test_site_overrides_apply_within_bounds(demo_site: Site) -> None:
    manager = PackManager()
    manager.add_module(make_pack("xi"))
    found = manager.collect(site=demo_site, overrides={"xi": {"cap": 7.0}})
    assert found.values["xi.cap"] == 7.0
    rule = found.rule_sets["xi.set"].rules[0]
    assert rule.effect.constraints.speed_cap_mps == 7.0


@pytest.mark.parametrize(
    ("override", "words"), [({"cap": 70.0}, "outside"), ({"cp": 1.0}, "unknown")]
)
def test_bad_site_overrides_quarantine_with_the_reason(
    demo_site: Site, override: dict[str, float], words: str
) -> None:
    manager = PackManager()
    manager.add_module(make_pack("omicron"))
    manager.collect(site=demo_site, overrides={"omicron": override})
    status = manager.status("omicron")
    assert status.state == "quarantined"
    assert status.problem is not None
    assert status.problem.kind == "site"
    assert words in status.problem.problem


def test_entry_point_discovery_finds_the_built_in_packs() -> None:
    manager = PackManager()
    manager.discover()
    names = {s.name for s in manager.statuses}
    assert {"mining", "logistics", "defense"} <= names
    assert all(manager.status(n).state == "active" for n in ("mining", "logistics", "defense"))
