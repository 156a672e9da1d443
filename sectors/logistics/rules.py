"""Logistics rules (SECTOR_RULES.md 4.2) in the governor's rule language, and parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import ParameterSpec, RuleSet
from plugins.ruledata import KMH, NOT_STOP, rule

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PARAMETERS", "rule_sets"]

_L4 = (
    "SECTOR_RULES L4: MHEDA guidance, <= 8 mph generally, <= 3 mph where pedestrians are "
    "present (hardhattraining.com); 29 CFR 1910.178(n)(1) observe plant limits (L1)"
)

PARAMETERS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        id="logistics.yard_speed_kmh",
        title="General yard speed limit",
        default=12.9,
        unit="km/h",
        minimum=3.0,
        maximum=40.0,
        strength="G",
        source=_L4,
    ),
    ParameterSpec(
        id="logistics.pedestrian_speed_kmh",
        title="Speed where pedestrians are present",
        default=4.8,
        unit="km/h",
        minimum=1.0,
        maximum=12.9,
        strength="G",
        source=_L4,
    ),
    ParameterSpec(
        id="logistics.cross_aisle_speed_kmh",
        title="Speed through a cross aisle (VDA 5050 ACTION zone: slow down, sound the horn)",
        default=4.8,
        unit="km/h",
        minimum=1.0,
        maximum=12.9,
        strength="E",
        source="29 CFR 1910.178(n)(4) slow down and sound the horn at cross aisles (L2, R; "
        "no number): the pedestrian figure of L4 as a site example",
    ),
    ParameterSpec(
        id="logistics.following_distance_m",
        title="Following distance (about three truck lengths)",
        default=54.0,
        unit="m",
        minimum=5.0,
        maximum=200.0,
        strength="R",
        source="29 CFR 1910.178(n)(1): approximately three truck lengths (SECTOR_RULES L1); "
        "3 x 18 m for a yard tractor with a 40 ft trailer",
    ),
    ParameterSpec(
        id="logistics.restart_check_m",
        title="Restart needs a confirmation this near a pedestrian zone",
        default=20.0,
        unit="m",
        minimum=1.0,
        maximum=200.0,
        strength="E",
        source="site example; ISO 3691-4:2020 4.1.14 no automatic restart (L5, S)",
    ),
)


def rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
    """Build the logistics rule sets with the parameter values in force at the site."""
    yard = params["yard_speed_kmh"] * KMH
    walk = params["pedestrian_speed_kmh"] * KMH
    aisle = params["cross_aisle_speed_kmh"] * KMH
    rules = [
        rule(
            "logistics.yard_speed",
            f"Keep to the yard limit ({params['yard_speed_kmh']:g} km/h).",
            "G",
            _L4,
            [{"field": "requested_speed_mps", "op": "gt", "value": yard}],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": yard}},
        ),
        rule(
            "logistics.pedestrian_zone",
            f"Pedestrians present: at most {params['pedestrian_speed_kmh']:g} km/h, 5 m buffer.",
            "G",
            _L4,
            [{"in_zone_sector_kind": "pedestrian"}, NOT_STOP],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": walk, "buffer_m": 5.0}},
        ),
        rule(
            "logistics.cross_aisle",
            f"Cross aisle: slow to {params['cross_aisle_speed_kmh']:g} km/h and sound the horn.",
            "R",
            "29 CFR 1910.178(n)(4) (SECTOR_RULES L2); VDA 5050 v3 6.4 ACTION zone (L9)",
            [{"in_zone_kind": "ACTION"}, NOT_STOP],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": aisle, "no_reverse": True}},
        ),
        rule(
            "logistics.following_distance",
            f"Keep about three truck lengths ({params['following_distance_m']:g} m) from the "
            "vehicle ahead: half speed until the gap opens.",
            "R",
            "29 CFR 1910.178(n)(1) (SECTOR_RULES L1)",
            [{"field": "gap_m", "op": "lt", "value": params["following_distance_m"]}, NOT_STOP],
            {"outcome": "RESTRICT", "constraints": {"speed_factor": 0.5}},
        ),
        rule(
            "logistics.restart_near_pedestrians",
            "Restarting near a pedestrian zone needs an operator's confirmation that it is clear.",
            "S",
            "ISO 3691-4:2020 4.1.14 no automatic restart (SECTOR_RULES L5); 4.2 stop within the "
            "detection range (L6)",
            [
                {"field": "action", "op": "eq", "value": "resume"},
                {"near_feature": "pedestrian", "within_m": params["restart_check_m"]},
            ],
            {
                "outcome": "ESCALATE",
                "escalation": {
                    "priority": 3,
                    "criticality": "medium",
                    "deadline_s": 120.0,
                    "hold_behaviour": "hold",
                    "fallback": "hold",
                },
            },
        ),
    ]
    return [
        RuleSet.model_validate({"id": "logistics.yard", "title": "Yard traffic", "rules": rules})
    ]
