"""Logistics task types, the VDA 5050 v3 zone vocabulary, KPIs and playbooks."""

from __future__ import annotations

from plugins import AssistPlaybook, KpiDefinition, TaskStep, TaskType, ZoneKind

__all__ = ["KPIS", "PLAYBOOKS", "TASKS", "ZONES"]

TASKS: tuple[TaskType, ...] = (
    TaskType(
        id="logistics.yard_move",
        title="Yard move",
        vehicle_classes=("yard_tractor", "agv"),
        steps=(
            TaskStep(name="pick_up", poi_kind="loading"),
            TaskStep(name="move"),
            TaskStep(name="set_down", poi_kind="dump"),
        ),
    ),
    TaskType(
        id="logistics.dock",
        title="Dock at a door",
        vehicle_classes=("yard_tractor",),
        steps=(
            TaskStep(name="approach"),
            TaskStep(name="reverse_to_door", poi_kind="loading"),
            TaskStep(name="wait_for_release"),
            TaskStep(name="pull_out", poi_kind="parking"),
        ),
    ),
)

_VDA = "VDA 5050 v3 section 6.4 zone type"
ZONES: tuple[ZoneKind, ...] = (
    ZoneKind(
        id="logistics.blocked",
        title="Blocked",
        sector_kind="closed_road",
        vda_type="BLOCKED",
        description=f"{_VDA} BLOCKED: never entered; always wins over other zones.",
    ),
    ZoneKind(
        id="logistics.speed_limit",
        title="Speed limit",
        sector_kind="speed_limit",
        vda_type="SPEED_LIMIT",
        description=f"{_VDA} SPEED_LIMIT: maximum speed in m/s; where zones overlap the "
        "lowest applies.",
    ),
    ZoneKind(
        id="logistics.pedestrian",
        title="Pedestrian area",
        sector_kind="pedestrian",
        vda_type="SPEED_LIMIT",
        description="Walkways, lashing platforms and gate lanes where people walk (L4).",
    ),
    ZoneKind(
        id="logistics.release",
        title="Release (permission) area",
        sector_kind="exclusion",
        vda_type="RELEASE",
        description=f"{_VDA} RELEASE: entry only when granted, with a lease and a loss "
        "behaviour (stop, continue, evacuate).",
    ),
    ZoneKind(
        id="logistics.cross_aisle_zone",
        title="Cross aisle",
        sector_kind="speed_limit",
        vda_type="ACTION",
        description=f"{_VDA} ACTION: slow down and sound the horn on entry (L2).",
    ),
    ZoneKind(
        id="logistics.directed",
        title="One-way aisle",
        sector_kind="speed_limit",
        vda_type="DIRECTED",
        description=f"{_VDA} DIRECTED / BIDIRECTED: one-way aisles (roads carry one_way).",
    ),
    ZoneKind(
        id="logistics.priority",
        title="Priority or penalty area",
        sector_kind="speed_limit",
        vda_type="PRIORITY",
        description=f"{_VDA} PRIORITY / PENALTY: routing factors 0.0-1.0.",
    ),
)

KPIS: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        id="logistics.moves_per_hour",
        title="Container moves per hour",
        unit="moves/h",
        description="Completed yard moves per hour, all vehicles.",
        aggregation="sum_per_hour",
        source="tasks",
        better="higher",
    ),
    KpiDefinition(
        id="logistics.crane_wait_time",
        title="Wait under the crane",
        unit="s",
        description="Time a vehicle waits at a quay crane before the pick-up (median).",
        aggregation="p50",
        source="telemetry",
        better="lower",
    ),
    KpiDefinition(
        id="logistics.dock_turn_time",
        title="Dock turn time",
        unit="s",
        description="Arrival at a dock door to pull-out (90th percentile).",
        aggregation="p90",
        source="tasks",
        better="lower",
    ),
)

PLAYBOOKS: tuple[AssistPlaybook, ...] = (
    AssistPlaybook(
        id="logistics.restart_confirm",
        title="Confirm a restart near pedestrians",
        rule_ids=("logistics.restart_near_pedestrians",),
        answers=("proceed", "hold", "safe_stop"),
        fallback="hold",
        deadline_s=120.0,
        role="yard_controller",
        instructions="Check the camera view and the pedestrian zone; answer 'proceed' only "
        "when nobody is within the vehicle's stopping distance (ISO 3691-4 4.2).",
    ),
    AssistPlaybook(
        id="logistics.release_area",
        title="Entry into a release area",
        rule_ids=("core.release_zone",),
        answers=("proceed", "hold", "reroute"),
        fallback="hold",
        deadline_s=120.0,
        role="yard_controller",
        instructions="Grant a lease only when the area's owner (crane, gate) has cleared it.",
    ),
)
