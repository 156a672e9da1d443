"""What packs contribute: frozen pydantic records returned by the ``atlas_*`` hooks.

Every record has an ``id`` of the form ``<pack>.<local>`` (the manager refuses another prefix
and the same id from two packs) and is plain data: no callables, no Qt. The console draws map
layers and KPIs from these records; the host compiles rule sets into the governor's bundle.
docs/packs.md documents each record with an example.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from edge.governor.rules import Rule, Strength
from maps.schema import ZoneType

__all__ = [
    "ID_PATTERN",
    "RECORD_TYPES",
    "AssistPlaybook",
    "AuditDefaults",
    "ConsolePanel",
    "EnergyModel",
    "Kinematics",
    "KpiDefinition",
    "LayerStyle",
    "MapLayer",
    "OperationalDesignDomain",
    "ParameterSpec",
    "RuleSet",
    "TaskStep",
    "TaskType",
    "Translations",
    "VehicleProfile",
    "ZoneKind",
]

ID_PATTERN = r"^[a-z][a-z0-9_]*\.[a-z0-9_.]+$"
"""``<pack>.<local>``."""

Guidance = Literal["proceed", "hold", "reroute", "creep_past", "safe_stop", "handover"]
"""Answers an operator may give to an assist request (DOMAIN.md: guidance, not joystick)."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class _Identified(_Record):
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    title: str = Field(min_length=1, max_length=120)
    """English display text; translated by code = ``id`` (see :class:`Translations`)."""


# --------------------------------------------------------------------------- parameters


class ParameterSpec(_Identified):
    """A number a pack's rules use, with its origin; sites may override it within bounds.

    Site-example figures (strength E in SECTOR_RULES.md) are parameters, never laws: the
    console shows ``strength`` and ``source`` next to the value in use.
    """

    default: float
    unit: str = Field(min_length=1, max_length=16)
    minimum: float
    maximum: float
    strength: Strength
    source: str = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _bounds(self) -> ParameterSpec:
        if not self.minimum <= self.default <= self.maximum:
            raise ValueError(
                f"default {self.default} must lie within [{self.minimum}, {self.maximum}]"
            )
        return self


# --------------------------------------------------------------------------- profiles


class Kinematics(_Record):
    """Physical limits of a vehicle."""

    max_speed_mps: float = Field(gt=0.0, le=100.0)
    accel_mps2: float = Field(gt=0.0, le=20.0)
    decel_mps2: float = Field(gt=0.0, le=20.0)
    length_m: float = Field(gt=0.0, le=50.0)
    width_m: float = Field(gt=0.0, le=20.0)
    height_m: float = Field(gt=0.0, le=20.0)
    empty_mass_t: float = Field(gt=0.0, le=1000.0)
    payload_t: float = Field(ge=0.0, le=1000.0)
    turning_radius_m: float = Field(gt=0.0, le=100.0)


class EnergyModel(_Record):
    """How the vehicle uses energy: ``use_per_km`` of a full tank or battery, empty, level."""

    source: Literal["diesel", "battery", "hybrid", "hydrogen"]
    capacity_kwh: float = Field(gt=0.0)
    use_per_km: float = Field(gt=0.0, le=1.0)
    loaded_factor: float = Field(ge=1.0, le=5.0)
    """Multiplier on ``use_per_km`` at full payload."""


class OperationalDesignDomain(_Record):
    """Where and in which conditions the vehicle may run autonomously."""

    weather: tuple[Literal["clear", "rain", "dust", "fog"], ...]
    max_grade_pct: float = Field(gt=0.0, le=30.0)
    min_perception_confidence: float = Field(ge=0.0, le=1.0)
    zones: tuple[str, ...] = ()
    """Sector zone kinds the vehicle may operate in (empty: anywhere on the site)."""


class VehicleProfile(_Identified):
    """A vehicle class as a pack knows it: kinematics, energy, sensors and ODD."""

    vehicle_class: str = Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")
    """The governor's class name (``haul_truck``); profiles of one class share its limit."""
    loaded: bool | None = None
    """``True``/``False`` for loaded/empty variants (M21: separate limits), ``None`` for both."""
    kinematics: Kinematics
    energy: EnergyModel
    sensors: tuple[str, ...] = Field(min_length=1)
    odd: OperationalDesignDomain
    right_of_way: int = Field(default=0, ge=0, le=9)
    """Right-of-way rank at intersections (the governor's ``row_rank``): higher has the right
    of way, 0 is unranked. A pack's right-of-way rules give the scale (mining, M15: emergency
    4 > haul truck 3 > other mobile equipment 2 > light vehicle 1)."""


# --------------------------------------------------------------------------- rules


class RuleSet(_Identified):
    """Governor rules as data (the rule language of docs/governor.md).

    Every rule id must start with the pack's name; the host appends the rules to the core
    bundle, compiles them with the site and the edge governor runs them.
    """

    rules: tuple[Rule, ...] = Field(min_length=1, max_length=256)


# --------------------------------------------------------------------------- tasks, zones


class TaskStep(_Record):
    """One step of a task type (``load``, ``haul``, ``dump``...)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    poi_kind: str | None = None
    """The kind of point of interest the step goes to, if any."""


class TaskType(_Identified):
    """A kind of task the dispatcher can assign, as a sequence of steps."""

    vehicle_classes: tuple[str, ...] = Field(min_length=1)
    steps: tuple[TaskStep, ...] = Field(min_length=1)
    repeat: bool = False
    """The steps cycle until the task is cancelled (a haul cycle)."""


class ZoneKind(_Identified):
    """A sector zone kind the pack understands, mapped to a VDA 5050 v3 zone type."""

    sector_kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    vda_type: ZoneType
    description: str = Field(min_length=1, max_length=400)


# --------------------------------------------------------------------------- map layers, KPIs


class LayerStyle(_Record):
    """How the console draws a layer: colours as ``#RRGGBB``, opacity 0..1, width in pixels."""

    stroke: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    fill: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")
    fill_opacity: float = Field(default=0.3, ge=0.0, le=1.0)
    width_px: float = Field(default=1.5, gt=0.0, le=20.0)
    dashed: bool = False


class MapLayer(_Identified):
    """A layer the console draws over the site map, computed headless from the site.

    ``features`` are ``(feature id, label)`` pairs selected from the site (zones, roads or
    points of interest); the console looks up their geometry in the site model.
    """

    geometry: Literal["zones", "roads", "pois"]
    features: tuple[tuple[str, str], ...]
    style: LayerStyle
    z_order: int = Field(default=10, ge=0, le=100)
    visible: bool = True


class KpiDefinition(_Identified):
    """A key performance indicator the console computes and plots."""

    unit: str = Field(min_length=1, max_length=16)
    description: str = Field(min_length=1, max_length=400)
    aggregation: Literal["sum_per_hour", "mean", "p50", "p90", "count", "ratio"]
    source: Literal["telemetry", "tasks", "receipts", "assists"]
    """Which stream the console derives it from."""
    better: Literal["higher", "lower"]
    target: float | None = None


# --------------------------------------------------------------------------- assist, audit


class AssistPlaybook(_Identified):
    """How escalations from given rules are answered: allowed guidance, deadline, fallback."""

    rule_ids: tuple[str, ...] = Field(min_length=1)
    """The escalating rules this playbook handles."""
    answers: tuple[Guidance, ...] = Field(min_length=1)
    fallback: Literal["hold", "safe_stop"]
    deadline_s: float = Field(gt=0.0, le=3600.0)
    role: str = Field(min_length=1, max_length=64)
    """Who may answer (``controller``, ``loader_operator``, ``convoy_commander``)."""
    instructions: str = Field(min_length=1, max_length=600)


class AuditDefaults(_Record):
    """Audit settings a pack asks for; the strictest across enabled packs applies."""

    id: str = Field(pattern=ID_PATTERN, max_length=64)
    checkpoint_every: int = Field(ge=1, le=100_000)
    """Receipts per signed Merkle checkpoint."""
    retention_days: int = Field(ge=1, le=36_500)
    two_person_override: bool
    """Policy overrides need a second operator's confirmation."""
    reauth_minutes: int = Field(ge=1, le=1440)
    """Operators re-authenticate this often."""


class ConsolePanel(_Identified):
    """A Qt panel the console may show; ``factory`` is ``'package.ui:callable'``.

    Only the console resolves it (the module must be the pack's ``ui`` module), so loading a
    pack never imports Qt. The console calls ``factory(contributions, parent)`` with the
    site's :class:`~plugins.contributions.Contributions` and adds the returned ``QWidget``
    in ``area``; the panel translates its own texts (``tr`` under the pack's context) and
    looks record texts up in ``contributions.translations``.
    """

    factory: str = Field(pattern=r"^[A-Za-z_][\w.]*\.ui:[A-Za-z_]\w*$")
    area: Literal["left", "right", "bottom"] = "right"


class Translations(_Record):
    """Display texts of one language, keyed by record id (rules, profiles, tasks...)."""

    language: str = Field(pattern=r"^[a-z]{2}(_[A-Z]{2})?$")
    messages: dict[str, str]


RECORD_TYPES: dict[str, type[BaseModel]] = {
    "parameters": ParameterSpec,
    "profiles": VehicleProfile,
    "rules": RuleSet,
    "tasks": TaskType,
    "zones": ZoneKind,
    "layers": MapLayer,
    "kpis": KpiDefinition,
    "playbooks": AssistPlaybook,
    "translations": Translations,
    "panels": ConsolePanel,
    "audit": AuditDefaults,
}
"""The record type each contribution kind returns."""
