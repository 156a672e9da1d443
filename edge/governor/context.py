"""The decision context: what a vehicle proposes, and the fields rules may test.

A :class:`Proposal` is built by the edge node for every action a vehicle wants to take. Its
values are *not* trusted: anything missing, of the wrong type, non-finite or out of range makes
the governor fail closed (at least BLOCK, naming the field), see :mod:`edge.governor.engine`.

The field tables here are the single source of truth for the rule language (which fields a
condition may name and what their values mean), for the encoder that turns a proposal into the
kernel's input vector and for the batch API's column names.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from edge.protocol.messages import LinkState

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ACTIONS",
    "CONDITION_FIELDS",
    "DERIVED_FIELDS",
    "INPUT_DEFAULTS",
    "INPUT_FIELDS",
    "LINK_STATES",
    "NO_GAP_M",
    "NO_INTERSECTION_M",
    "NO_MISFIRE_S",
    "ROAD_KINDS",
    "WEATHERS",
    "FieldKind",
    "FieldSpec",
    "Proposal",
]

ACTIONS: tuple[str, ...] = ("proceed", "enter_zone", "start_task", "resume", "reverse", "stop")
"""What a vehicle may propose, in code order."""
WEATHERS: tuple[str, ...] = ("clear", "rain", "dust", "fog")
"""Weather conditions, in code order."""
LINK_STATES: tuple[str, ...] = tuple(s.value for s in LinkState)
"""Console link states (``connected``, ``degraded``, ``offline``), in code order."""

NO_GAP_M = 1e4
"""``gap_m`` when no vehicle ahead is known (the field's upper bound): following-distance
rules (``gap_m lt ...``) then never hold."""

ROAD_KINDS: tuple[str, ...] = ("none", "haul_road", "ramp", "access", "intersection_link")
"""Kinds of road (:data:`maps.schema.RoadKind`), ``none`` first: off the road graph or unknown,
in code order."""
NO_INTERSECTION_M = 1e4
"""``intersection_m`` when no intersection lies ahead on the route (the field's upper bound)."""
NO_MISFIRE_S = 1e11
"""``misfire_elapsed_s`` when no suspected misfire is recorded for a zone at the point."""

FieldKind = Literal["id", "number", "category", "flag"]
"""How a field is encoded: ``id`` (validity only), ``number``, ``category`` (a code into a
vocabulary), ``flag`` (a boolean as 0.0 / 1.0)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One slot of the kernel's context vector.

    Attributes
    ----------
    name
        The field name used by rules, proposals and batch columns.
    kind
        How the value is encoded.
    lo, hi
        The accepted range (inclusive) of a ``number``; categories and flags get theirs from
        their vocabulary. Anything outside, or NaN, is invalid.
    doc
        One line for the documentation.
    """

    name: str
    kind: FieldKind
    lo: float = 0.0
    hi: float = 0.0
    doc: str = ""


INPUT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("vehicle_id", "id", doc="non-empty string; not testable by rules"),
    FieldSpec("vehicle_class", "category", doc="a class named in the bundle's parameters"),
    FieldSpec("profile", "category", doc="free text; rules test it with eq/ne/in/not_in"),
    FieldSpec("action", "category", doc="one of ACTIONS"),
    FieldSpec("x", "number", -1e7, 1e7, "site metres east of the origin"),
    FieldSpec("y", "number", -1e7, 1e7, "site metres north of the origin"),
    FieldSpec("speed_mps", "number", 0.0, 100.0, "current speed, m/s"),
    FieldSpec("requested_speed_mps", "number", 0.0, 100.0, "speed the action asks for, m/s"),
    FieldSpec("load_t", "number", 0.0, 1000.0, "payload, tonnes"),
    FieldSpec("perception_confidence", "number", 0.0, 1.0, "0..1"),
    FieldSpec("link_state", "category", doc="connected | degraded | offline"),
    FieldSpec("weather", "category", doc="clear | rain | dust | fog"),
    FieldSpec("hour", "number", 0.0, 24.0, "local time of day, hours"),
    FieldSpec("estop_latched", "flag", doc="an emergency stop is latched"),
    FieldSpec("released", "flag", doc="an explicit release was given after an e-stop/outage"),
    FieldSpec("now", "number", 0.0, 1e11, "wall-clock time, seconds since the Unix epoch"),
    FieldSpec("gap_m", "number", 0.0, 1e4, "distance to the vehicle ahead on the route, metres"),
    FieldSpec("grade_pct", "number", -100.0, 100.0, "grade of the road here, %, + climbs"),
    FieldSpec("road_kind", "category", doc="kind of road the vehicle is on (ROAD_KINDS)"),
    FieldSpec("next_road_kind", "category", doc="kind of road taken after the intersection"),
    FieldSpec("intersection_m", "number", 0.0, 1e4, "distance to the intersection ahead, m"),
    FieldSpec("row_rank", "number", 0.0, 9.0, "the vehicle's right-of-way rank (0 unranked)"),
    FieldSpec("cross_rank", "number", 0.0, 9.0, "highest rank of others at that intersection"),
    FieldSpec("cross_left_rank", "number", 0.0, 9.0, "the same, of those from the left"),
    FieldSpec("misfire_elapsed_s", "number", 0.0, 1e11, "seconds since a misfire in a zone here"),
)
"""Fields a proposal carries, in slot order (slot ``i`` is ``INPUT_FIELDS[i]``)."""

INPUT_DEFAULTS: Mapping[str, float | str] = MappingProxyType(
    {
        "gap_m": NO_GAP_M,
        "grade_pct": 0.0,
        "road_kind": "none",
        "next_road_kind": "none",
        "intersection_m": NO_INTERSECTION_M,
        "row_rank": 0.0,
        "cross_rank": 0.0,
        "cross_left_rank": 0.0,
        "misfire_elapsed_s": NO_MISFIRE_S,
    }
)
"""Inputs added after the first release, and their values when a caller does not give them
("nothing known": no vehicle ahead, level road, no intersection, no misfire). A proposal or a
batch without them decides, and digests, as before they existed."""

DERIVED_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("zone_speed_limit_mps", "number", doc="lowest active SPEED_LIMIT zone here (inf)"),
    FieldSpec("road_speed_limit_mps", "number", doc="lowest posted limit of a road here (inf)"),
    FieldSpec("class_speed_limit_mps", "number", doc="the vehicle class's maximum speed"),
    FieldSpec("speed_limit_mps", "number", doc="the lowest of the three limits above"),
    FieldSpec("release_pending", "flag", doc="inside a RELEASE zone without a grant"),
)
"""Fields the kernel computes from the inputs and the site, in slot order after the inputs."""

_NOT_CONDITIONABLE = frozenset({"vehicle_id", "now"})

CONDITION_FIELDS: Mapping[str, FieldSpec] = {
    f.name: f for f in (*INPUT_FIELDS, *DERIVED_FIELDS) if f.name not in _NOT_CONDITIONABLE
}
"""Fields a rule condition may name."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """An action a vehicle proposes, with the context the governor decides on.

    Values are checked when deciding, not here: a proposal built from bad data is still a
    proposal, and the governor answers it with a fail-closed BLOCK.

    Attributes
    ----------
    vehicle_id
        The vehicle's id.
    vehicle_class
        Its class (``haul_truck``, ...); must be one the bundle knows.
    profile
        Its profile (free text, e.g. ``sim.haul_truck``).
    action
        One of :data:`ACTIONS`.
    x, y
        Site metres of the point the action concerns: the vehicle's position, or for
        ``enter_zone`` the point it would enter.
    speed_mps
        Current speed.
    requested_speed_mps
        Speed the action asks for.
    load_t
        Payload in tonnes.
    perception_confidence
        Perception stack confidence, 0..1.
    link_state
        Best console link state.
    weather
        One of :data:`WEATHERS`.
    hour
        Local time of day in hours, 0..24.
    estop_latched
        An emergency stop is latched on the vehicle.
    released
        An explicit release (console ``resume``) was given after an e-stop or an outage.
    now
        Wall-clock time of the proposal, seconds since the Unix epoch.
    granted_zones
        Ids of RELEASE zones an operator granted entry to (VDA 5050 release lease).
    gap_m
        Distance to the vehicle ahead on the route, metres (following distance, convoy
        interval); :data:`NO_GAP_M` when none is known. Added after the first release: it
        defaults so existing callers and receipts are unchanged (so do the fields below).
    grade_pct
        Signed grade of the road at the point in the direction of travel, percent (positive
        climbs); 0 when not known.
    road_kind
        Kind of road the vehicle is on (:data:`ROAD_KINDS`); ``none`` off the graph.
    next_road_kind
        Kind of road the route takes after the intersection ahead; ``none`` when none.
    intersection_m
        Distance to the intersection ahead on the route (a node where three or more roads
        meet), metres; :data:`NO_INTERSECTION_M` when none is near.
    row_rank
        The vehicle's right-of-way rank (its profile's; higher has the right of way, 0 is
        unranked).
    cross_rank
        Highest right-of-way rank among the other vehicles approaching or in that
        intersection; 0 when none.
    cross_left_rank
        The same, among those approaching from the vehicle's left; 0 when none.
    misfire_elapsed_s
        Seconds since a suspected misfire was recorded for a zone containing the point (the
        zone state); :data:`NO_MISFIRE_S` when none.
    """

    vehicle_id: str
    vehicle_class: str
    profile: str
    action: str
    x: float
    y: float
    speed_mps: float
    requested_speed_mps: float
    load_t: float
    perception_confidence: float
    link_state: LinkState
    weather: str
    hour: float
    estop_latched: bool
    released: bool
    now: float
    granted_zones: frozenset[str] = frozenset()
    gap_m: float = NO_GAP_M
    grade_pct: float = 0.0
    road_kind: str = "none"
    next_road_kind: str = "none"
    intersection_m: float = NO_INTERSECTION_M
    row_rank: float = 0.0
    cross_rank: float = 0.0
    cross_left_rank: float = 0.0
    misfire_elapsed_s: float = NO_MISFIRE_S
