"""Hooks a sector pack may implement (plugin API 1.0). All calls use keyword arguments.

Registration hooks are pure and cheap: the host calls each once per pack at load, with only
that pack's implementations (so one pack's failure cannot stop another), validates what they
return and compiles it. No hook runs on the governor's decision path.

Every hook returns an iterable of records from :mod:`plugins.records`; an implementation may
ask for a subset of the arguments (pluggy passes only those it names).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from maps.site import Site
    from plugins.records import (
        AssistPlaybook,
        AuditDefaults,
        ConsolePanel,
        KpiDefinition,
        MapLayer,
        ParameterSpec,
        RuleSet,
        TaskType,
        Translations,
        VehicleProfile,
        ZoneKind,
    )

__all__ = ["HOOKS", "PROJECT", "SectorSpecs", "hookimpl", "hookspec"]

PROJECT = "atlasmesh"
"""pluggy project name (the marker name)."""

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Mark a pack's hook implementations with ``@hookimpl``."""


class SectorSpecs:
    """The hooks of plugin API 1.0."""

    @hookspec
    def atlas_parameters(self) -> Iterable[ParameterSpec]:
        """Numbers the pack's rules use, with defaults, bounds, strength and source."""
        raise NotImplementedError

    @hookspec
    def atlas_vehicle_profiles(self) -> Iterable[VehicleProfile]:
        """Vehicle profiles: kinematics, energy model, sensors, operational design domain."""
        raise NotImplementedError

    @hookspec
    def atlas_rule_sets(self, params: Mapping[str, float]) -> Iterable[RuleSet]:
        """Governor rules as data; ``params`` holds the pack's parameters in force at the site.

        ``params`` maps each parameter id of the pack to its value: the default, or the
        site's override from ``<site>.site.toml``.
        """
        raise NotImplementedError

    @hookspec
    def atlas_task_types(self) -> Iterable[TaskType]:
        """Task types the dispatcher can assign."""
        raise NotImplementedError

    @hookspec
    def atlas_zone_kinds(self) -> Iterable[ZoneKind]:
        """Sector zone kinds the pack understands, each mapped to a VDA 5050 v3 zone type."""
        raise NotImplementedError

    @hookspec
    def atlas_map_layers(self, site: Site) -> Iterable[MapLayer]:
        """Layers the console draws over ``site``'s map (plain data)."""
        raise NotImplementedError

    @hookspec
    def atlas_kpis(self) -> Iterable[KpiDefinition]:
        """Key performance indicators the console computes and plots."""
        raise NotImplementedError

    @hookspec
    def atlas_assist_playbooks(self) -> Iterable[AssistPlaybook]:
        """How escalations of the pack's rules are answered, and their fallbacks."""
        raise NotImplementedError

    @hookspec
    def atlas_translations(self) -> Iterable[Translations]:
        """Display texts per language (at least ``en`` and ``ar``), keyed by record id."""
        raise NotImplementedError

    @hookspec
    def atlas_console_panels(self) -> Iterable[ConsolePanel]:
        """Return optional console panels, as ``'package.ui:factory'`` strings."""
        raise NotImplementedError

    @hookspec
    def atlas_audit_defaults(self) -> Iterable[AuditDefaults]:
        """Audit settings the pack asks for; the strictest across enabled packs applies."""
        raise NotImplementedError


HOOKS: dict[str, str] = {
    "parameters": "atlas_parameters",
    "profiles": "atlas_vehicle_profiles",
    "rules": "atlas_rule_sets",
    "tasks": "atlas_task_types",
    "zones": "atlas_zone_kinds",
    "layers": "atlas_map_layers",
    "kpis": "atlas_kpis",
    "playbooks": "atlas_assist_playbooks",
    "translations": "atlas_translations",
    "panels": "atlas_console_panels",
    "audit": "atlas_audit_defaults",
}
"""Contribution kind (as in ``PackInfo.provides``) to hook name."""
