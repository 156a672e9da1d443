"""The contract kit passes a good pack and names each broken promise of a bad one."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any

import pytest

from plugins import AssistPlaybook, ConsolePanel, RuleSet, Translations, VehicleProfile
from plugins.scaffold import ScaffoldError, new_pack
from plugins.testing import assert_pack_contract, check_pack, profile_problems
from sectors.mining.profiles import PROFILES
from tests.unit.plugins.conftest import make_pack, speed_rule

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path


@pytest.fixture(autouse=True)
def _quiet(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL, logger="plugins")


def test_a_complete_pack_passes() -> None:
    report = check_pack(make_pack("alpha"))
    assert report.ok, report.problems
    assert report.checked == [
        "manifest",
        "hooks",
        "rules compile",
        "translations",
        "profiles plausible",
        "playbooks name rules",
        "panels in the pack's ui module",
    ]


def test_missing_arabic_texts_are_listed() -> None:
    def atlas_translations() -> list[Translations]:
        return [Translations(language="en", messages={"beta.cap": "x", "beta.set": "x"})]

    module = make_pack("beta")
    hooks = {
        "atlas_parameters": module.atlas_parameters,
        "atlas_rule_sets": module.atlas_rule_sets,
        "atlas_translations": atlas_translations,
    }
    report = check_pack(make_pack("beta", hooks=hooks))
    assert any("'en' text for beta.cap_rule" in p for p in report.problems)
    assert any("'ar' text for beta.cap, beta.set, beta.cap_rule" in p for p in report.problems)
    with pytest.raises(AssertionError, match="breaks the pack contract"):
        assert_pack_contract(make_pack("beta", hooks=hooks))


def test_a_rule_that_does_not_compile_is_named() -> None:
    def atlas_rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
        rule = speed_rule("gamma.cap")
        rule["when"].append({"field": "vehicle_class", "op": "eq", "value": "hovercraft"})
        return [RuleSet.model_validate({"id": "gamma.set", "title": "t", "rules": [rule]})]

    report = check_pack(make_pack("gamma", hooks={"atlas_rule_sets": atlas_rule_sets}))
    assert any("do not compile" in p and "gamma.cap" in p for p in report.problems)


def test_a_playbook_naming_an_unknown_rule_is_reported() -> None:
    def atlas_assist_playbooks() -> list[AssistPlaybook]:
        return [
            AssistPlaybook(
                id="delta.pb",
                title="t",
                rule_ids=("delta.nothing",),
                answers=("hold",),
                fallback="hold",
                deadline_s=10,
                role="controller",
                instructions="x",
            )
        ]

    report = check_pack(
        make_pack("delta", hooks={"atlas_assist_playbooks": atlas_assist_playbooks})
    )
    assert any("delta.nothing" in p for p in report.problems)


def test_a_panel_outside_the_ui_module_is_reported() -> None:
    def atlas_console_panels() -> list[ConsolePanel]:
        return [ConsolePanel(id="zeta.panel", title="t", factory="other_pkg.ui:Panel")]

    report = check_pack(make_pack("zeta", hooks={"atlas_console_panels": atlas_console_panels}))
    assert any("zeta.panel" in p and "other_pkg.ui:Panel" in p for p in report.problems)


def _with(profile: VehicleProfile, **kin: Any) -> VehicleProfile:
    return profile.model_copy(update={"kinematics": profile.kinematics.model_copy(update=kin)})


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"max_speed_mps": 60.0}, "km/h given"),
        ({"decel_mps2": 12.0}, "1 g"),
        ({"decel_mps2": 0.2}, "below 0.5"),
        ({"width_m": 20.0}, "larger than length"),
        ({"payload_t": 900.0}, "3x the empty mass"),
    ],
)
def test_implausible_profiles_are_caught(change: dict[str, float], words: str) -> None:
    truck = PROFILES[0]
    assert profile_problems(truck) == []
    assert any(words in p for p in profile_problems(_with(truck, **change)))


def test_scaffolded_pack_passes_the_kit_as_generated(tmp_path: Path) -> None:
    root = new_pack("scaffold_probe", tmp_path)
    sys.path.insert(0, str(root))
    try:
        import atlasmesh_scaffold_probe  # type: ignore[import-not-found]

        assert_pack_contract(atlasmesh_scaffold_probe)
    finally:
        sys.path.remove(str(root))
        for name in ("atlasmesh_scaffold_probe", "atlasmesh_scaffold_probe.hooks"):
            sys.modules.pop(name, None)
    for rel in ("pyproject.toml", "README.md", "tests/test_scaffold_probe_contract.py"):
        assert (root / rel).is_file()


@pytest.mark.parametrize("name", ["Quarry", "q", "2fast", "has-dash", "x" * 40])
def test_scaffold_refuses_bad_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ScaffoldError, match="not a valid pack name"):
        new_pack(name, tmp_path)


def test_scaffold_never_overwrites(tmp_path: Path) -> None:
    new_pack("quarry", tmp_path)
    with pytest.raises(ScaffoldError, match="exists already"):
        new_pack("quarry", tmp_path)
