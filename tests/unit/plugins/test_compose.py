"""Composing pack rules onto the core bundle, and the site configuration file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from edge.governor import BundleError, Governor, load_core_bundle
from plugins import (
    Contributions,
    EnergyModel,
    Kinematics,
    OperationalDesignDomain,
    RuleSet,
    SiteConfigError,
    VehicleProfile,
    compose_bundle,
    load_site_config,
)
from plugins.siteconfig import config_path
from tests.unit.plugins.conftest import speed_rule

if TYPE_CHECKING:
    from pathlib import Path

    from maps.site import Site


def _profile(pid: str, cls: str, top: float) -> VehicleProfile:
    return VehicleProfile(
        id=pid,
        title="p",
        vehicle_class=cls,
        kinematics=Kinematics(
            max_speed_mps=top,
            accel_mps2=1.0,
            decel_mps2=3.0,
            length_m=5.0,
            width_m=2.0,
            height_m=2.0,
            empty_mass_t=3.0,
            payload_t=1.0,
            turning_radius_m=5.0,
        ),
        energy=EnergyModel(source="battery", capacity_kwh=50, use_per_km=0.01, loaded_factor=1),
        sensors=("gnss",),
        odd=OperationalDesignDomain(
            weather=("clear",), max_grade_pct=5, min_perception_confidence=0.9
        ),
    )


def test_pack_rules_follow_the_core_rules(demo_site: Site) -> None:
    found = Contributions()
    found.rule_sets["p.set"] = RuleSet.model_validate(
        {"id": "p.set", "title": "t", "rules": [speed_rule("p.cap", 3.0)]}
    )
    bundle = compose_bundle(found, {"p": "1.2.0"})
    core = load_core_bundle()
    assert [r.id for r in bundle.rules] == [*(r.id for r in core.rules), "p.cap"]
    assert bundle.bundle_id.startswith("core-p:")
    assert bundle.parameters["packs"] == {"p": "1.2.0"}
    Governor(bundle, demo_site)  # compiles


def test_bundle_id_changes_with_what_the_packs_bring() -> None:
    # The composed bundle keeps the core version, so its id must tell compositions apart: a
    # receipt names the bundle, and must say which rules and values governed.
    def composed(cap: float, version: str, value: float) -> str:
        found = Contributions()
        found.rule_sets["p.set"] = RuleSet.model_validate(
            {"id": "p.set", "title": "t", "rules": [speed_rule("p.cap", cap)]}
        )
        found.values["p.limit"] = value
        return compose_bundle(found, {"p": version}).bundle_id

    same = composed(3.0, "1.0.0", 1.0)
    assert composed(3.0, "1.0.0", 1.0) == same  # deterministic
    assert len({same, composed(4.0, "1.0.0", 1.0), composed(3.0, "1.1.0", 1.0)}) == 3
    assert composed(3.0, "1.0.0", 2.0) != same
    long_names = {f"pack_{i}_with_a_long_name": "1.0.0" for i in range(6)}
    assert len(compose_bundle(Contributions(), long_names).bundle_id) <= 64


def test_class_limits_never_loosen() -> None:
    found = Contributions()
    found.profiles["p.fast"] = _profile("p.fast", "haul_truck", 30.0)  # core says 16.7
    found.profiles["p.new_empty"] = _profile("p.new_empty", "rover", 8.0)
    found.profiles["p.new_loaded"] = _profile("p.new_loaded", "rover", 5.0)
    classes = compose_bundle(found, {"p": "1.0.0"}).parameters["vehicle_classes"]
    assert classes["haul_truck"]["max_speed_mps"] == pytest.approx(60 / 3.6)
    assert classes["rover"]["max_speed_mps"] == 8.0  # the fastest profile sets the class


def test_a_rule_naming_an_unknown_class_is_refused_by_name() -> None:
    rule = speed_rule("p.cap")
    rule["when"].append({"field": "vehicle_class", "op": "eq", "value": "hovercraft"})
    found = Contributions()
    found.rule_sets["p.set"] = RuleSet.model_validate(
        {"id": "p.set", "title": "t", "rules": [rule]}
    )
    with pytest.raises(BundleError, match=r"p\.cap.*hovercraft"):
        compose_bundle(found, {"p": "1.0.0"})


def test_site_config_is_read_beside_the_site_file(tmp_path: Path) -> None:
    site = tmp_path / "yard.geojson"
    assert config_path(site).name == "yard.site.toml"
    assert load_site_config(site).packs.enabled == ()  # no file: core rules only
    config_path(site).write_text(
        'schema_version = 1\n[packs]\nenabled = ["a", "b"]\nfolder = "packs"\n'
        "[packs.parameters.a]\nx = 2.5\n",
        encoding="utf-8",
    )
    config = load_site_config(site)
    assert config.packs.enabled == ("a", "b")
    assert config.packs_folder == (tmp_path / "packs").resolve()
    assert config.packs.parameters == {"a": {"x": 2.5}}


def test_atlasmesh_packs_narrows_the_enabled_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "s.geojson"
    config_path(site).write_text('schema_version = 1\n[packs]\nenabled = ["a", "b"]\n')
    monkeypatch.setenv("ATLASMESH_PACKS", "b,c")
    assert load_site_config(site).enabled_packs() == ("b",)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("schema_version = 1\n[packs\n", "not valid TOML"),
        ("schema_version = 2\n", "schema version 2"),
        ('schema_version = 1\n[packs]\nenable = ["a"]\n', "packs.enable"),
        ('schema_version = 1\n[packs.parameters.a]\nx = "fast"\n', "packs.parameters.a.x"),
    ],
)
def test_bad_site_config_names_file_key_and_problem(tmp_path: Path, text: str, words: str) -> None:
    site = tmp_path / "s.geojson"
    config_path(site).write_text(text, encoding="utf-8")
    with pytest.raises(SiteConfigError, match=r"s\.site\.toml") as info:
        load_site_config(site)
    assert words in str(info.value)
    assert info.value.remedy
