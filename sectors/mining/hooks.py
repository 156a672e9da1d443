"""The mining pack's hook implementations: each returns the pack's records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import (
    AssistPlaybook,
    ConsolePanel,
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
from sectors.mining import catalogue, field_texts, layers, profiles, rules, texts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from maps.site import Site

__all__ = [
    "atlas_assist_playbooks",
    "atlas_console_panels",
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
    """Return the mining parameters (site-example figures with their sources)."""
    return list(rules.PARAMETERS)


@hookimpl
def atlas_vehicle_profiles() -> list[VehicleProfile]:
    """Return the haul truck (empty, loaded) and light vehicle profiles."""
    return list(profiles.PROFILES)


@hookimpl
def atlas_rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
    """Return the mining rules built with the site's parameter values."""
    return rules.rule_sets(params)


@hookimpl
def atlas_task_types() -> list[TaskType]:
    """Return the haul cycle and the inspection run."""
    return list(catalogue.TASKS)


@hookimpl
def atlas_zone_kinds() -> list[ZoneKind]:
    """Return the mining zone kinds and their VDA 5050 types."""
    return list(catalogue.ZONES)


@hookimpl
def atlas_map_layers(site: Site) -> list[MapLayer]:
    """Return the blast, exclusion and ramp layers of the site."""
    return layers.map_layers(site)


@hookimpl
def atlas_kpis() -> list[KpiDefinition]:
    """Return tonnes per hour, queue time at loaders and cycle time."""
    return list(catalogue.KPIS)


@hookimpl
def atlas_assist_playbooks() -> list[AssistPlaybook]:
    """Return the loader re-arm, exclusion entry and misfire playbooks."""
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
def atlas_console_panels() -> list[ConsolePanel]:
    """Return the parameters panel (Qt; resolved only by the console)."""
    return [
        ConsolePanel(
            id="mining.parameters_panel",
            title="Mining parameters in force",
            factory="sectors.mining.ui:ParametersPanel",
            area="right",
        )
    ]
