"""Mining rules (SECTOR_RULES.md 4.1) in the governor's rule language, and their parameters.

Site-example figures (strength E) are parameters with their source, never laws; a site sets
its own in ``<site>.site.toml``. The rules that need inputs the simulated or real vehicle
stack fills (grade, road kinds, the intersection ahead and who else approaches it, the time
since a misfire) test the governor inputs of docs/governor.md; docs/packs.md lists what is
encoded and what is not yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugins import ParameterSpec, RuleSet
from plugins.ruledata import KMH, NOT_STOP, rule

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PARAMETERS", "rule_sets"]

_M18 = "SECTOR_RULES M18: site example speed limits (auto-defend.com news/72; studylib 5326838)"
_M15 = (
    "SECTOR_RULES M15: site rules (studylib 5326838 'priority one'): emergency vehicles "
    "(lights) > haul trucks > other mobile equipment > light vehicles; truck-to-truck gives "
    "way to the left"
)
_M17 = (
    "SECTOR_RULES M17: site rules (auto-defend.com news/72; studylib 5326838): stop before "
    "crossing or entering a haul road"
)
_M9 = (
    "SECTOR_RULES M9: >= 200 ft (61 m) on level roads, >= 400 ft (122 m) on grades "
    "(secondary summary of MSHA handbook PH99-I-4)"
)
_M7 = (
    "30 CFR 56.6310 (SECTOR_RULES M7): after a suspected misfire, no re-entry for 15 min "
    "(non-fuse), 30 min (safety fuse), 30 min or the manufacturer's time (electronic)"
)
_M22 = (
    "SECTOR_RULES M22: haul-simulation defaults (Micromine Alastri): about 40 km/h on grades "
    "steeper than -9.5 %"
)
HAUL_NETWORK = ("haul_road", "ramp", "intersection_link")
"""Road kinds of the haul network (in-pit ramps and intersection links are haul roads too)."""
STOPPED_MPS = 0.5
"""Below this speed a vehicle counts as stopped (M17: stop before entering a haul road)."""

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
        id="mining.grade_following_distance_m",
        title="Following distance behind another vehicle on a grade",
        default=122.0,
        unit="m",
        minimum=20.0,
        maximum=500.0,
        strength="G",
        source=_M9,
    ),
    ParameterSpec(
        id="mining.grade_from_pct",
        title="A road this steep or steeper (up or down) counts as a grade",
        default=5.0,
        unit="%",
        minimum=1.0,
        maximum=20.0,
        strength="E",
        source="site example: M9 gives no figure for 'grades'; 5 % leaves haul roads (up to "
        "about 2 %) level and takes in ramps (M20: ramp target <= 8 %, 10 % temporary)",
    ),
    ParameterSpec(
        id="mining.steep_downgrade_pct",
        title="Descending grades steeper than this have their own speed cap",
        default=9.5,
        unit="%",
        minimum=3.0,
        maximum=20.0,
        strength="G",
        source=_M22,
    ),
    ParameterSpec(
        id="mining.steep_downgrade_speed_kmh",
        title="Speed cap on steep descending grades",
        default=40.0,
        unit="km/h",
        minimum=10.0,
        maximum=60.0,
        strength="G",
        source=_M22,
    ),
    ParameterSpec(
        id="mining.intersection_approach_m",
        title="Right of way and haul-road entry apply this near an intersection",
        default=60.0,
        unit="m",
        minimum=20.0,
        maximum=300.0,
        strength="E",
        source="site example: at least the stopping distance of a 220 t class truck from "
        "45 km/h (12.5 m/s, 1.5 m/s2: 52 m); M15/M17 give no distance",
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
            "mining.following_distance_up_grade",
            f"On a climbing grade (>= {params['grade_from_pct']:g} %) and closer than "
            f"{params['grade_following_distance_m']:g} m to the vehicle ahead: half the local "
            "limit until the gap opens.",
            "G",
            _M9,
            [
                {"field": "grade_pct", "op": "ge", "value": params["grade_from_pct"]},
                {"field": "gap_m", "op": "lt", "value": params["grade_following_distance_m"]},
                NOT_STOP,
            ],
            {"outcome": "RESTRICT", "constraints": {"speed_factor": 0.5}},
        ),
        rule(
            "mining.following_distance_down_grade",
            f"On a descending grade (>= {params['grade_from_pct']:g} %) and closer than "
            f"{params['grade_following_distance_m']:g} m to the vehicle ahead: half the local "
            "limit until the gap opens.",
            "G",
            _M9,
            [
                {"field": "grade_pct", "op": "le", "value": -params["grade_from_pct"]},
                {"field": "gap_m", "op": "lt", "value": params["grade_following_distance_m"]},
                NOT_STOP,
            ],
            {"outcome": "RESTRICT", "constraints": {"speed_factor": 0.5}},
        ),
        rule(
            "mining.steep_downgrade_speed",
            f"Descending a grade steeper than -{params['steep_downgrade_pct']:g} %: at most "
            f"{params['steep_downgrade_speed_kmh']:g} km/h.",
            "G",
            _M22,
            [
                {"field": "grade_pct", "op": "lt", "value": -params["steep_downgrade_pct"]},
                {
                    "field": "requested_speed_mps",
                    "op": "gt",
                    "value": params["steep_downgrade_speed_kmh"] * KMH,
                },
            ],
            {
                "outcome": "RESTRICT",
                "constraints": {"speed_cap_mps": params["steep_downgrade_speed_kmh"] * KMH},
            },
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
    near_intersection = {
        "field": "intersection_m",
        "op": "le",
        "value": params["intersection_approach_m"],
    }
    traffic += [
        rule(
            "mining.right_of_way",
            "Give way at the intersection ahead: a vehicle with the right of way approaches "
            "(emergency > haul truck > other equipment > light vehicle).",
            "E",
            _M15,
            [
                near_intersection,
                {"field": "cross_rank", "op": "gt", "value_field": "row_rank"},
                NOT_STOP,
            ],
            {"outcome": "BLOCK"},
        ),
        rule(
            "mining.give_way_left",
            "Haul truck to haul truck: give way to the truck approaching from the left.",
            "E",
            _M15,
            [
                {"field": "vehicle_class", "op": "eq", "value": "haul_truck"},
                near_intersection,
                {"field": "cross_left_rank", "op": "ge", "value_field": "row_rank"},
                NOT_STOP,
            ],
            {"outcome": "BLOCK"},
        ),
        rule(
            "mining.haul_road_entry",
            "A light vehicle stops before entering or crossing a haul road.",
            "E",
            _M17,
            [
                {"field": "vehicle_class", "op": "eq", "value": "light_vehicle"},
                {"field": "road_kind", "op": "not_in", "value": list(HAUL_NETWORK)},
                {"field": "next_road_kind", "op": "in", "value": list(HAUL_NETWORK)},
                near_intersection,
                {"field": "speed_mps", "op": "gt", "value": STOPPED_MPS},
                NOT_STOP,
            ],
            {"outcome": "BLOCK"},
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
        rule(
            "mining.misfire_reentry",
            f"No entry into a blast area until {params['misfire_wait_min']:g} min after a "
            "suspected misfire.",
            "R",
            _M7,
            [
                {
                    "field": "misfire_elapsed_s",
                    "op": "lt",
                    "value": params["misfire_wait_min"] * 60.0,
                },
                NOT_STOP,
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
