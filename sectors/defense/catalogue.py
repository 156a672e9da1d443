"""Defense task types, zone kinds, KPIs, playbooks and audit defaults."""

from __future__ import annotations

from plugins import AssistPlaybook, AuditDefaults, KpiDefinition, TaskStep, TaskType, ZoneKind

__all__ = ["AUDIT", "KPIS", "PLAYBOOKS", "TASKS", "ZONES"]

TASKS: tuple[TaskType, ...] = (
    TaskType(
        id="defense.patrol",
        title="Patrol",
        vehicle_classes=("ugv",),
        steps=(TaskStep(name="depart"), TaskStep(name="patrol_route"), TaskStep(name="report")),
        repeat=True,
    ),
    TaskType(
        id="defense.resupply",
        title="Resupply convoy",
        vehicle_classes=("convoy_lead", "pls_follower"),
        steps=(
            TaskStep(name="form_up", poi_kind="parking"),
            TaskStep(name="load", poi_kind="loading"),
            TaskStep(name="march"),
            TaskStep(name="deliver", poi_kind="dump"),
            TaskStep(name="return"),
        ),
    ),
)

ZONES: tuple[ZoneKind, ...] = (
    ZoneKind(
        id="defense.no_go",
        title="No-go area",
        sector_kind="closed_road",
        vda_type="BLOCKED",
        description="Never entered (minefield, restricted area); enforced by core.blocked_zone.",
    ),
    ZoneKind(
        id="defense.emcon",
        title="Emission-control area",
        sector_kind="emcon",
        vda_type="ACTION",
        description="Radios silent on entry: no new mission (defense.emcon_zone).",
    ),
    ZoneKind(
        id="defense.rally_point",
        title="Rally point",
        sector_kind="parking",
        vda_type="PRIORITY",
        description="Where march units re-form after a halt or a break in contact.",
    ),
)

KPIS: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        id="defense.march_rate",
        title="Rate of march",
        unit="km/h",
        description="Mean speed of the column between control measures, halts included.",
        aggregation="mean",
        source="telemetry",
        better="higher",
    ),
    KpiDefinition(
        id="defense.interval_compliance",
        title="Interval compliance",
        unit="%",
        description="Share of time each follower keeps the ordered interval (open or close "
        "column, D1/D2).",
        aggregation="ratio",
        source="telemetry",
        better="higher",
        target=95.0,
    ),
)

PLAYBOOKS: tuple[AssistPlaybook, ...] = (
    AssistPlaybook(
        id="defense.follower_assist",
        title="Follower perception doubtful",
        rule_ids=("defense.follower_perception",),
        answers=("proceed", "hold", "safe_stop", "handover"),
        fallback="safe_stop",
        deadline_s=30.0,
        role="convoy_commander",
        instructions="Check the follower's camera against the leader's position; hand over to "
        "remote driving only with the remote-driver role.",
    ),
)

AUDIT: tuple[AuditDefaults, ...] = (
    AuditDefaults(
        id="defense.audit",
        checkpoint_every=16,
        retention_days=3650,
        two_person_override=True,
        reauth_minutes=15,
    ),
)
