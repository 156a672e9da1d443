"""Helpers for the plugin-host tests: real pack modules built in memory."""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

import pytest

from maps.site import default_site_path, load_site
from plugins import PackInfo, ParameterSpec, RuleSet, Translations, hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from maps.site import Site


def speed_rule(rid: str, cap: float = 5.0) -> dict[str, Any]:
    return {
        "id": rid,
        "explanation": "test cap",
        "strength": "E",
        "source": "test",
        "when": [{"field": "requested_speed_mps", "op": "gt", "value": cap}],
        "effect": {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": cap}},
    }


def make_pack(
    name: str,
    *,
    hooks: Mapping[str, Callable[..., Any]] | None = None,
    api: str = "1.0",
    pack: object | None = None,
) -> types.ModuleType:
    """A pack module with ``PACK`` and the given hook implementations.

    Without ``hooks`` the pack contributes one parameter, one rule and its texts.
    """
    if hooks is None:

        def atlas_parameters() -> list[ParameterSpec]:
            return [
                ParameterSpec(
                    id=f"{name}.cap",
                    title="cap",
                    default=5.0,
                    unit="m/s",
                    minimum=1.0,
                    maximum=10.0,
                    strength="E",
                    source="test",
                )
            ]

        def atlas_rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
            rules = [speed_rule(f"{name}.cap_rule", params["cap"])]
            return [RuleSet.model_validate({"id": f"{name}.set", "title": "t", "rules": rules})]

        def atlas_translations() -> list[Translations]:
            ids = [f"{name}.cap", f"{name}.set", f"{name}.cap_rule"]
            return [
                Translations(language="en", messages=dict.fromkeys(ids, "text")),
                Translations(language="ar", messages=dict.fromkeys(ids, "نص")),
            ]

        hooks = {
            "atlas_parameters": atlas_parameters,
            "atlas_rule_sets": atlas_rule_sets,
            "atlas_translations": atlas_translations,
        }
    module = types.ModuleType(f"testpack_{name}")
    kinds = {
        "atlas_parameters": "parameters",
        "atlas_vehicle_profiles": "profiles",
        "atlas_rule_sets": "rules",
        "atlas_task_types": "tasks",
        "atlas_zone_kinds": "zones",
        "atlas_map_layers": "layers",
        "atlas_kpis": "kpis",
        "atlas_assist_playbooks": "playbooks",
        "atlas_translations": "translations",
        "atlas_console_panels": "panels",
        "atlas_audit_defaults": "audit",
    }
    module.PACK = (  # type: ignore[attr-defined]
        pack
        if pack is not None
        else PackInfo(
            name=name,
            version="1.0.0",
            api=api,
            title=name,
            title_ar=name,
            description="test pack",
            provides=tuple(kinds[h] for h in hooks if h in kinds),  # type: ignore[misc]
        )
    )
    for hook_name, fn in hooks.items():
        fn.__name__ = hook_name
        setattr(module, hook_name, hookimpl(fn))
    return module


@pytest.fixture(scope="session")
def demo_site() -> Site:
    return load_site(default_site_path())
