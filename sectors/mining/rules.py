"""Mining rules (SECTOR_RULES.md 4.1) in the governor's rule language, and their parameters.

Site-example figures (strength E) are parameters with their source, never laws; a site sets
its own in ``<site>.site.toml``. The rules the language cannot express yet (following distance
M9/M17, right of way M15, misfire re-entry timing M7) are listed in docs/packs.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import ParameterSpec, RuleSet
from plugins.ruledata import KMH, NOT_STOP, rule

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PARAMETERS", "rule_sets"]

_M18 = "SECTOR_RULES M18: site example speed limits (auto-defend.com news/72; studylib 5326838)"

PARAMETERS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        id="mining.haul_road_speed_kmh",
        title="Highest speed anywhere on site",
        default=45.0,
        unit="km/h",
        minimum=10.0,
        maximum=70.0,
        strength="E",
        source=_M18 + " — 45 km/h on haul roads",
    ),
    ParameterSpec(
        id="mining.loaded_speed_kmh",
        title="Speed cap of a loaded haul truck",
        default=40.0,
        unit="km/h",
        minimum=10.0,
        maximum=60.0,
        strength="G",
        source="SECTOR_RULES M22 (Micromine haul defaults: ~40 km/h on grades steeper than "
        "-9.5 %) and M21 (separate loaded/empty speed limits, Modular SpeedAlert)",
    ),
    ParameterSpec(
        id="mining.exclusion_radius_m",
        title="Exclusion radius around working equipment",
        default=50.0,
        unit="m",
        minimum=10.0,
        maximum=200.0,
        strength="E",
        source="SECTOR_RULES M16: 50 m exclusion zone around working equipment (site rule)",
    ),
    ParameterSpec(
        id="mining.loader_approach_m",
        title="Slow-approach band around a loading unit's exclusion zone",
        default=100.0,
        unit="m",
        minimum=20.0,
        maximum=500.0,
        strength="E",
        source="site example: twice the M16 exclusion radius, M17 '3 truck lengths' spacing",
    ),
    ParameterSpec(
        id="mining.approach_speed_kmh",
        title="Speed near a loading unit",
        default=20.0,
        unit="km/h",
        minimum=5.0,
        maximum=45.0,
        strength="E",
        source=_M18 + " — 20 km/h 'elsewhere' (off haul roads)",
    ),
    ParameterSpec(
        id="mining.blast_standoff_m",
        title="No new task within this distance of an active blast zone",
        default=50.0,
        unit="m",
        minimum=10.0,
        maximum=1000.0,
        strength="E",
        source="site example; 30 CFR 56.6306(e) 'ample warning and clear area' (M6, R) "
        "sets no distance",
    ),
    ParameterSpec(
        id="mining.outage_loader_radius_m",
        title="After a comms outage, trucks this near a loader wait for the loader operator",
        default=100.0,
        unit="m",
        minimum=20.0,
        maximum=500.0,
        strength="E",
        source="SECTOR_RULES M13: Goonyella 2023 inspectorate directive (no automatic resume "
        "near a loading unit after an outage)",
    ),
    ParameterSpec(
        id="mining.following_distance_m",
        title="Following distance behind another vehicle (level road)",
        default=61.0,
        unit="m",
        minimum=20.0,
        maximum=300.0,
        strength="G",
        source="SECTOR_RULES M9: >= 200 ft (61 m) on level roads, >= 400 ft (122 m) on grades "
        "(secondary summary of MSHA handbook PH99-I-4)",
    ),
    ParameterSpec(
        id="mining.light_vehicle_gap_m",
        title="Light vehicles keep this far behind a haul truck",
        default=50.0,
        unit="m",
        minimum=20.0,
        maximum=300.0,
        strength="E",
        source="SECTOR_RULES M17: >= 50 m or 3 truck lengths behind a haul truck (site rule)",
    ),
    ParameterSpec(
        id="mining.misfire_wait_min",
        title="Re-entry wait after a suspected misfire (electronic detonators)",
        default=30.0,
        unit="min",
        minimum=15.0,
        maximum=240.0,
        strength="R",
        source="30 CFR 56.6310 (SECTOR_RULES M7): 15 min non-fuse, 30 min safety fuse, "
        "30 min or the manufacturer's time for electronic detonators",
    ),
)


def rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
    """Build the mining rule sets with the parameter values in force at the site."""
    site_cap = params["haul_road_speed_kmh"] * KMH
    loaded_cap = params["loaded_speed_kmh"] * KMH
    approach = params["loader_approach_m"]
    approach_cap = params["approach_speed_kmh"] * KMH
    traffic = [
        rule(
            "mining.site_speed_cap",
            f"No vehicle exceeds the site's highest limit "
            f"({params['haul_road_speed_kmh']:g} km/h).",
            "E",
            _M18,
            [{"field": "requested_speed_mps", "op": "gt", "value": site_cap}],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": site_cap}},
        ),
        rule(
            "mining.loaded_speed_cap",
            f"A loaded haul truck keeps to {params['loaded_speed_kmh']:g} km/h "
            "(separate loaded and empty limits).",
            "G",
            "SECTOR_RULES M21 (Modular SpeedAlert) and M22 (Micromine haul defaults)",
            [
                {"field": "vehicle_class", "op": "eq", "value": "haul_truck"},
                {"field": "load_t", "op": "gt", "value": 0.0},
                {"field": "requested_speed_mps", "op": "gt", "value": loaded_cap},
            ],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": loaded_cap}},
        ),
        rule(
            "mining.loader_approach",
            f"Near a loading unit: at most {params['approach_speed_kmh']:g} km/h and a "
            f"{params['exclusion_radius_m']:g} m buffer.",
            "E",
            "SECTOR_RULES M16 (50 m exclusion around working equipment) and M18 (site limits)",
            [{"near_feature": "exclusion", "within_m": approach}, NOT_STOP],
            {
                "outcome": "RESTRICT",
                "constraints": {
                    "speed_cap_mps": approach_cap,
                    "buffer_m": params["exclusion_radius_m"],
                },
            },
        ),
        rule(
            "mining.dust_near_loader",
            "Dust or fog near a loading unit: at most 60 % of the local limit, no reversing.",
            "R",
            "30 CFR 56.9101 (SECTOR_RULES M3): speed consistent with visibility",
            [
                {"field": "weather", "op": "in", "value": ["fog", "dust"]},
                {"near_feature": "exclusion", "within_m": approach},
                NOT_STOP,
            ],
            {
                "outcome": "RESTRICT",
                "constraints": {"speed_factor": 0.6, "no_reverse": True},
            },
        ),
    ]
    traffic += [
        rule(
            "mining.following_distance",
            f"Closer than {params['following_distance_m']:g} m to the vehicle ahead: half the "
            "local limit until the gap opens.",
            "G",
            "SECTOR_RULES M9 (MSHA haul road handbook PH99-I-4, secondary summary)",
            [{"field": "gap_m", "op": "lt", "value": params["following_distance_m"]}, NOT_STOP],
            {"outcome": "RESTRICT", "constraints": {"speed_factor": 0.5}},
        ),
        rule(
            "mining.light_vehicle_gap",
            f"A light vehicle closer than {params['light_vehicle_gap_m']:g} m to the vehicle "
            "ahead: at most 20 km/h, no overtaking.",
            "E",
            "SECTOR_RULES M17 (site rule: 50 m behind a haul truck, no overtaking)",
            [
                {"field": "vehicle_class", "op": "eq", "value": "light_vehicle"},
                {"field": "gap_m", "op": "lt", "value": params["light_vehicle_gap_m"]},
                NOT_STOP,
            ],
            {"outcome": "RESTRICT", "constraints": {"speed_cap_mps": 20 * KMH}},
        ),
    ]
    blasting = [
        rule(
            "mining.blast_standoff",
            f"No new task within {params['blast_standoff_m']:g} m of an active blast zone.",
            "E",
            "site example; 30 CFR 56.6306 (SECTOR_RULES M6): only blasting work near a loaded "
            "blast site",
            [
                {"near_feature": "blast", "within_m": params["blast_standoff_m"]},
                {"field": "action", "op": "eq", "value": "start_task"},
            ],
            {"outcome": "BLOCK"},
        ),
    ]
    outage = [
        rule(
            "mining.outage_hold_near_loader",
            "The console link is lost near a loading unit: stay stopped.",
            "E",
            "SECTOR_RULES M13: Goonyella 2023 (no automatic resume near a loader after an outage)",
            [
                {"field": "link_state", "op": "eq", "value": "offline"},
                {"near_feature": "exclusion", "within_m": params["outage_loader_radius_m"]},
                NOT_STOP,
            ],
            {"outcome": "BLOCK"},
        ),
        rule(
            "mining.loader_rearm",
            "Resuming near a loading unit needs the loader operator to re-arm the truck.",
            "E",
            "SECTOR_RULES M13: Goonyella 2023 inspectorate directive",
            [
                {"field": "action", "op": "eq", "value": "resume"},
                {"near_feature": "exclusion", "within_m": params["outage_loader_radius_m"]},
            ],
            {
                "outcome": "ESCALATE",
                "escalation": {
                    "priority": 3,
                    "criticality": "high",
                    "deadline_s": 300.0,
                    "hold_behaviour": "hold",
                    "fallback": "hold",
                },
            },
        ),
    ]
    return [
        RuleSet.model_validate(
            {"id": "mining.traffic", "title": "Haul-road traffic", "rules": traffic}
        ),
        RuleSet.model_validate({"id": "mining.blasting", "title": "Blasting", "rules": blasting}),
        RuleSet.model_validate(
            {"id": "mining.outage", "title": "Communications outages", "rules": outage}
        ),
    ]
