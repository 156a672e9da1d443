"""Every hookspec is in the docs with its signature and is called by the host (test_hook_*)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import plugins
from plugins.hookspecs import HOOKS, SectorSpecs
from plugins.manifest import PROVIDES
from plugins.records import RECORD_TYPES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "packs.md"
SPECS = sorted(n for n in dir(SectorSpecs) if n.startswith("atlas_"))


def test_every_kind_has_one_hook_and_one_record_type() -> None:
    assert set(HOOKS) == set(PROVIDES) == set(RECORD_TYPES)
    assert sorted(HOOKS.values()) == SPECS


@pytest.mark.parametrize("hook", SPECS)
def test_hook_is_documented_with_its_signature(hook: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    params = [p for p in inspect.signature(getattr(SectorSpecs, hook)).parameters if p != "self"]
    assert re.search(rf"`{hook}\({', '.join(params)}\)`", text), f"{hook} missing in {DOCS}"


def test_public_api_is_pinned() -> None:
    assert sorted(plugins.__all__) == sorted(
        [
            "API_VERSION",
            "ENTRY_POINT_GROUP",
            "HOOKS",
            "PROVIDES",
            "AssistPlaybook",
            "AuditDefaults",
            "ConflictError",
            "ConsolePanel",
            "Contributions",
            "EnergyModel",
            "HookError",
            "IncompatibleApiError",
            "Kinematics",
            "KpiDefinition",
            "LayerStyle",
            "ManifestError",
            "MapLayer",
            "OperationalDesignDomain",
            "PackError",
            "PackInfo",
            "PackManager",
            "PackProblem",
            "PackStatus",
            "ParameterSpec",
            "RuleSet",
            "SiteConfig",
            "SiteConfigError",
            "SitePacks",
            "TaskStep",
            "TaskType",
            "Translations",
            "VehicleProfile",
            "ZoneKind",
            "api_compatibility",
            "compose_bundle",
            "english_texts",
            "hookimpl",
            "load_site_config",
            "load_site_packs",
            "pack_text",
            "record_text",
            "text_key",
        ]
    )
