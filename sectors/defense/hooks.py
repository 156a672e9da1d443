"""The defense pack's hook implementations: each returns the pack's records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import (
    AssistPlaybook,
    AuditDefaults,
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
from sectors.defense import catalogue, field_texts, layers, profiles, rules, texts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from maps.site import Site

__all__ = [
    "atlas_assist_playbooks",
    "atlas_audit_defaults",
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
    """Return the defense parameters."""
    return list(rules.PARAMETERS)


@hookimpl
def atlas_vehicle_profiles() -> list[VehicleProfile]:
    """Return the UGV, convoy lead and follower profiles."""
    return list(profiles.PROFILES)


@hookimpl
def atlas_rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
    """Return the defense rules built with the site's parameter values."""
    return rules.rule_sets(params)


@hookimpl
def atlas_task_types() -> list[TaskType]:
    """Return the patrol and resupply task types."""
    return list(catalogue.TASKS)


@hookimpl
def atlas_zone_kinds() -> list[ZoneKind]:
    """Return the no-go, emission-control and rally zone kinds."""
    return list(catalogue.ZONES)


@hookimpl
def atlas_map_layers(site: Site) -> list[MapLayer]:
    """Return the no-go and rally-point layers."""
    return layers.map_layers(site)


@hookimpl
def atlas_kpis() -> list[KpiDefinition]:
    """Return rate of march and interval compliance."""
    return list(catalogue.KPIS)


@hookimpl
def atlas_assist_playbooks() -> list[AssistPlaybook]:
    """Return the follower assist playbook."""
    return list(catalogue.PLAYBOOKS)


@hookimpl
def atlas_translations() -> list[Translations]:
    """Return the English and Arabic texts: titles, then the other fields (plugins.texts)."""
    fields = {"en": field_texts.english(), "ar": field_texts.ARABIC}
    return [
        Translations(language=lang, messages={**m, **fields[lang]})
        for lang, m in texts.MESSAGES.items()
    ]


@hookimpl
def atlas_audit_defaults() -> list[AuditDefaults]:
    """Return the stricter audit defaults of a defense site."""
    return list(catalogue.AUDIT)
