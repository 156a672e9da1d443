"""Everything the active packs contribute, as typed mappings (never raw hook results)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plugins.records import (
        AssistPlaybook,
        AuditDefaults,
        ConsolePanel,
        KpiDefinition,
        MapLayer,
        ParameterSpec,
        RuleSet,
        TaskType,
        VehicleProfile,
        ZoneKind,
    )

__all__ = ["Contributions"]


@dataclass(slots=True)
class Contributions:
    """The records of every active pack, keyed by id, in pack then hook order.

    Attributes
    ----------
    parameters
        Parameter specs by id.
    values
        The value in force for every parameter (default or site override), by id.
    profiles, rule_sets, tasks, zone_kinds, layers, kpis, playbooks, panels, audit
        Records by id.
    translations
        Language to ``{id: text}``, merged over packs.
    owner
        Record id to the pack that contributed it.
    """

    parameters: dict[str, ParameterSpec] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    profiles: dict[str, VehicleProfile] = field(default_factory=dict)
    rule_sets: dict[str, RuleSet] = field(default_factory=dict)
    tasks: dict[str, TaskType] = field(default_factory=dict)
    zone_kinds: dict[str, ZoneKind] = field(default_factory=dict)
    layers: dict[str, MapLayer] = field(default_factory=dict)
    kpis: dict[str, KpiDefinition] = field(default_factory=dict)
    playbooks: dict[str, AssistPlaybook] = field(default_factory=dict)
    panels: dict[str, ConsolePanel] = field(default_factory=dict)
    audit: dict[str, AuditDefaults] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)

    def by_kind(self) -> dict[str, dict[str, object]]:
        """Return the id-keyed mappings by contribution kind (``PackInfo.provides`` names)."""
        return {
            "parameters": dict(self.parameters),
            "profiles": dict(self.profiles),
            "rules": dict(self.rule_sets),
            "tasks": dict(self.tasks),
            "zones": dict(self.zone_kinds),
            "layers": dict(self.layers),
            "kpis": dict(self.kpis),
            "playbooks": dict(self.playbooks),
            "panels": dict(self.panels),
            "audit": dict(self.audit),
        }

    def strictest_audit(self) -> AuditDefaults | None:
        """Return the strictest audit settings across packs (each figure taken separately)."""
        items = list(self.audit.values())
        if not items:
            return None
        first = items[0]
        return first.model_copy(
            update={
                "id": "site.audit",
                "checkpoint_every": min(a.checkpoint_every for a in items),
                "retention_days": max(a.retention_days for a in items),
                "two_person_override": any(a.two_person_override for a in items),
                "reauth_minutes": min(a.reauth_minutes for a in items),
            }
        )
