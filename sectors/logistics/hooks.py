"""The logistics pack's hook implementations: each returns the pack's records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import (
    AssistPlaybook,
    KpiDefinition,
    MapLayer,
    ParameterSpec,
    RuleSet,
    TaskType,
    Translations,
    VehicleProfile,
    ZoneKind,
    hookimpl,
)
from sectors.logistics import catalogue, field_texts, layers, profiles, rules, texts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from maps.site import Site

__all__ = [
    "atlas_assist_playbooks",
    "atlas_kpis",
    "atlas_map_layers",
    "atlas_parameters",
    "atlas_rule_sets",
    "atlas_task_types",
    "atlas_translations",
    "atlas_vehicle_profiles",
    "atlas_zone_kinds",
]


@hookimpl
def atlas_parameters() -> list[ParameterSpec]:
    """Return the logistics parameters."""
    return list(rules.PARAMETERS)


@hookimpl
def atlas_vehicle_profiles() -> list[VehicleProfile]:
    """Return the yard tractor and AGV profiles."""
    return list(profiles.PROFILES)


@hookimpl
def atlas_rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
    """Return the logistics rules built with the site's parameter values."""
    return rules.rule_sets(params)


@hookimpl
def atlas_task_types() -> list[TaskType]:
    """Return the yard-move and dock task types."""
    return list(catalogue.TASKS)


@hookimpl
def atlas_zone_kinds() -> list[ZoneKind]:
    """Return the VDA 5050 v3 zone vocabulary."""
    return list(catalogue.ZONES)


@hookimpl
def atlas_map_layers(site: Site) -> list[MapLayer]:
    """Return the pedestrian, cross-aisle and one-way layers."""
    return layers.map_layers(site)


@hookimpl
def atlas_kpis() -> list[KpiDefinition]:
    """Return moves per hour, crane wait and dock turn time."""
    return list(catalogue.KPIS)


@hookimpl
def atlas_assist_playbooks() -> list[AssistPlaybook]:
    """Return the restart and release-area playbooks."""
    return list(catalogue.PLAYBOOKS)


@hookimpl
def atlas_translations() -> list[Translations]:
    """Return the English and Arabic texts: titles, then the other fields (plugins.texts)."""
    fields = {"en": field_texts.english(), "ar": field_texts.ARABIC}
    return [
        Translations(language=lang, messages={**m, **fields[lang]})
        for lang, m in texts.MESSAGES.items()
    ]
