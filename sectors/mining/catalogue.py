"""Mining task types, zone kinds, KPIs and assist playbooks."""

from __future__ import annotations

from plugins import AssistPlaybook, KpiDefinition, TaskStep, TaskType, ZoneKind

__all__ = ["KPIS", "PLAYBOOKS", "TASKS", "ZONES"]

TASKS: tuple[TaskType, ...] = (
    TaskType(
        id="mining.haul_cycle",
        title="Haul cycle",
        vehicle_classes=("haul_truck",),
        steps=(
            TaskStep(name="queue", poi_kind="loading"),
            TaskStep(name="load", poi_kind="loading"),
            TaskStep(name="haul"),
            TaskStep(name="dump", poi_kind="dump"),
            TaskStep(name="return"),
        ),
        repeat=True,
    ),
    TaskType(
        id="mining.inspection_run",
        title="Road inspection run",
        vehicle_classes=("light_vehicle",),
        steps=(TaskStep(name="drive"), TaskStep(name="park", poi_kind="parking")),
    ),
)

ZONES: tuple[ZoneKind, ...] = (
    ZoneKind(
        id="mining.blast",
        title="Blast zone",
        sector_kind="blast",
        vda_type="BLOCKED",
        description="Loaded or firing blast pattern; re-entry only after the misfire wait "
        "(30 CFR 56.6306, 56.6310).",
    ),
    ZoneKind(
        id="mining.exclusion",
        title="Exclusion zone of a loading unit",
        sector_kind="exclusion",
        vda_type="RELEASE",
        description="50 m around working equipment; entry only with the operator's permission "
        "(M16).",
    ),
    ZoneKind(
        id="mining.closed_road",
        title="Closed road",
        sector_kind="closed_road",
        vda_type="BLOCKED",
        description="A road closed for repair or a hazard.",
    ),
    ZoneKind(
        id="mining.workshop_area",
        title="Workshop and infrastructure area",
        sector_kind="workshop_area",
        vda_type="SPEED_LIMIT",
        description="Infrastructure area with a lower posted limit (M18: 10-20 km/h).",
    ),
)

KPIS: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        id="mining.tonnes_per_hour",
        title="Tonnes per hour",
        unit="t/h",
        description="Payload tonnes dumped per hour, all haul trucks.",
        aggregation="sum_per_hour",
        source="tasks",
        better="higher",
    ),
    KpiDefinition(
        id="mining.loader_queue_time",
        title="Queue time at loaders",
        unit="s",
        description="Time a haul truck waits at a loading point before loading starts (median).",
        aggregation="p50",
        source="telemetry",
        better="lower",
    ),
    KpiDefinition(
        id="mining.cycle_time",
        title="Haul cycle time",
        unit="s",
        description="Load to load time of a haul truck (median).",
        aggregation="p50",
        source="tasks",
        better="lower",
    ),
)

PLAYBOOKS: tuple[AssistPlaybook, ...] = (
    AssistPlaybook(
        id="mining.rearm_request",
        title="Re-arm a truck near a loader",
        rule_ids=("mining.loader_rearm",),
        answers=("proceed", "hold", "safe_stop"),
        fallback="hold",
        deadline_s=300.0,
        role="loader_operator",
        instructions="Confirm by radio with the loader operator that the truck may move; "
        "answer 'proceed' only after a positive confirmation.",
    ),
    AssistPlaybook(
        id="mining.exclusion_entry",
        title="Entry into an exclusion zone",
        rule_ids=("core.release_zone",),
        answers=("proceed", "hold", "reroute"),
        fallback="hold",
        deadline_s=120.0,
        role="loader_operator",
        instructions="Grant entry only after positive communication with the loader operator "
        "(M16).",
    ),
    AssistPlaybook(
        id="mining.misfire",
        title="Suspected misfire",
        rule_ids=("core.blocked_zone",),
        answers=("hold", "reroute", "safe_stop"),
        fallback="safe_stop",
        deadline_s=60.0,
        role="controller",
        instructions="Keep the blast zone active (BLOCKED) for the misfire wait "
        "(mining.misfire_wait_min, 30 CFR 56.6310); never answer 'proceed'.",
    ),
)
