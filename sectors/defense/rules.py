"""Defense rules (SECTOR_RULES.md 4.3) in the governor's rule language, and parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import ParameterSpec, RuleSet
from plugins.ruledata import KMH, NOT_STOP, rule

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PARAMETERS", "rule_sets"]

_FM11_43 = "FM 11-43 section 5-2 (SECTOR_RULES D4)"

PARAMETERS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        id="defense.catch_up_speed_kmh",
        title="Maximum catch-up speed (movement order)",
        default=66.0,
        unit="km/h",
        minimum=8.0,
        maximum=90.0,
        strength="D",
        source="FM 3-21.8 5-15/5-16: the movement order sets the maximum catch-up speed (D3); "
        f"default: the limited-access expressway speed of {_FM11_43}",
    ),
    ParameterSpec(
        id="defense.built_up_speed_kmh",
        title="Convoy speed in built-up areas",
        default=24.0,
        unit="km/h",
        minimum=5.0,
        maximum=66.0,
        strength="D",
        source=_FM11_43 + ": built-up areas 24 km/h (15 mph)",
    ),
    ParameterSpec(
        id="defense.blackout_speed_kmh",
        title="Blackout drive speed",
        default=8.0,
        unit="km/h",
        minimum=3.0,
        maximum=24.0,
        strength="D",
        source=_FM11_43 + ": blackout drive 8 km/h (5 mph)",
    ),
    ParameterSpec(
        id="defense.blackout_from_hour",
        title="Blackout drive starts (local hour)",
        default=19.0,
        unit="h",
        minimum=0.0,
        maximum=24.0,
        strength="E",
        source="site example: the movement order's light discipline",
    ),
    ParameterSpec(
        id="defense.blackout_until_hour",
        title="Blackout drive ends (local hour)",
        default=5.0,
        unit="h",
        minimum=0.0,
        maximum=24.0,
        strength="E",
        source="site example: the movement order's light discipline",
    ),
    ParameterSpec(
        id="defense.column_interval_m",
        title="Ordered interval between convoy vehicles (open column)",
        default=50.0,
        unit="m",
        minimum=20.0,
        maximum=200.0,
        strength="D",
        source="FM 3-21.8 5-17 open column 50-100 m (SECTOR_RULES D1); FM 11-43 5-2 urban "
        "planning interval 50 m (D4)",
    ),
    ParameterSpec(
        id="defense.close_column_min_m",
        title="Minimum interval even in close column",
        default=20.0,
        unit="m",
        minimum=5.0,
        maximum=50.0,
        strength="D",
        source="FM 3-21.8 5-19 close column 20-25 m (SECTOR_RULES D2)",
    ),
    ParameterSpec(
        id="defense.follower_min_confidence",
        title="A follower below this perception confidence asks the convoy commander",
        default=0.9,
        unit="1",
        minimum=0.85,
        maximum=1.0,
        strength="E",
        source="site example, stricter than the core 0.85; leader-follower programme (D7/D8)",
    ),
)


def rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
    """Build the defense rule sets with the parameter values in force at the site."""
    catch_up = params["catch_up_speed_kmh"] * KMH
    blackout = params["blackout_speed_kmh"] * KMH
    convoy_classes = ["convoy_lead", "pls_follower"]
    march = [
        rule(
            "defense.catch_up_cap",
            f"Convoy vehicles never exceed the catch-up speed ({params['catch_up_speed_kmh']:g} "
            "km/h).",
            "D",
            "FM 3-21.8 5-15/5-16 (SECTOR_RULES D3)",
            [
                {"field": "vehicle_class", "op": "in", "value": convoy_classes},
                {"field": "requested_speed_mps", "op": "gt", "value": catch_up},
            ],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": catch_up}},
        ),
        rule(
            "defense.built_up_speed",
            f"Within the base (built-up area): at most {params['built_up_speed_kmh']:g} km/h.",
            "D",
            _FM11_43,
            [{"in_zone_sector_kind": "workshop_area"}, NOT_STOP],
            {
                "outcome": "RESTRICT",
                "constraints": {"speed_cap_mps": params["built_up_speed_kmh"] * KMH},
            },
        ),
        rule(
            "defense.blackout_evening",
            f"Blackout drive from {params['blackout_from_hour']:g} h: at most "
            f"{params['blackout_speed_kmh']:g} km/h.",
            "D",
            _FM11_43,
            [{"field": "hour", "op": "ge", "value": params["blackout_from_hour"]}, NOT_STOP],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": blackout}},
        ),
        rule(
            "defense.blackout_night",
            f"Blackout drive until {params['blackout_until_hour']:g} h: at most "
            f"{params['blackout_speed_kmh']:g} km/h.",
            "D",
            _FM11_43,
            [{"field": "hour", "op": "lt", "value": params["blackout_until_hour"]}, NOT_STOP],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": blackout}},
        ),
    ]
    march += [
        rule(
            "defense.column_interval",
            f"Inside the ordered interval ({params['column_interval_m']:g} m): fall back to "
            "80 % of the local limit.",
            "D",
            "FM 3-21.8 5-17 open column (SECTOR_RULES D1)",
            [
                {"field": "vehicle_class", "op": "in", "value": convoy_classes},
                {"field": "gap_m", "op": "lt", "value": params["column_interval_m"]},
                NOT_STOP,
            ],
            {"outcome": "RESTRICT", "constraints": {"speed_factor": 0.8}},
        ),
        rule(
            "defense.close_column_min",
            f"Closer than {params['close_column_min_m']:g} m to the vehicle ahead: walking "
            "pace until the interval opens.",
            "D",
            "FM 3-21.8 5-19 close column 20-25 m (SECTOR_RULES D2)",
            [
                {"field": "vehicle_class", "op": "in", "value": convoy_classes},
                {"field": "gap_m", "op": "lt", "value": params["close_column_min_m"]},
                NOT_STOP,
            ],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": blackout}},
        ),
    ]
    control = [
        rule(
            "defense.emcon_zone",
            "Emission-control zone: no new mission (tasks need radio traffic).",
            "D",
            "emission control (EMCON) areas of the movement order; site zone kind 'emcon'",
            [{"in_zone_sector_kind": "emcon"}],
            {"outcome": "RESTRICT", "constraints": {"no_new_missions": True}},
        ),
        rule(
            "defense.follower_link_lost",
            "An unmanned follower that loses the link stops: it must keep pace with its leader.",
            "D",
            "leader-follower: a follower self-drives to keep pace with the leader "
            "(army.mil 245091, SECTOR_RULES D8)",
            [
                {"field": "vehicle_class", "op": "eq", "value": "pls_follower"},
                {"field": "link_state", "op": "eq", "value": "offline"},
                NOT_STOP,
            ],
            {"outcome": "BLOCK"},
        ),
        rule(
            "defense.follower_perception",
            "A follower's perception is doubtful: ask the convoy commander, slow meanwhile.",
            "E",
            "site example, stricter than core.perception_low; SECTOR_RULES D7/D8",
            [
                {"field": "vehicle_class", "op": "eq", "value": "pls_follower"},
                {
                    "field": "perception_confidence",
                    "op": "lt",
                    "value": params["follower_min_confidence"],
                },
                NOT_STOP,
            ],
            {
                "outcome": "ESCALATE",
                "escalation": {
                    "priority": 2,
                    "criticality": "high",
                    "deadline_s": 30.0,
                    "hold_behaviour": "slow",
                    "fallback": "safe_stop",
                },
            },
        ),
    ]
    return [
        RuleSet.model_validate({"id": "defense.march", "title": "March", "rules": march}),
        RuleSet.model_validate(
            {"id": "defense.control", "title": "Convoy control", "rules": control}
        ),
    ]
