"""The rule language: policy rules and bundles as frozen pydantic records.

A bundle is data (JSON, or YAML when PyYAML happens to be installed), validated where it enters
the process by :mod:`edge.governor.loader`; every problem becomes a
:class:`~edge.governor.errors.BundleError` naming the rule, the field and what is wrong.
docs/governor.md describes the language with examples.

A rule fires when *all* of its conditions hold (write two rules for an "or"). A condition is one
of:

* a field test ``{"field": F, "op": OP, "value": V}`` (or ``"value_field": G`` to compare with
  another numeric field) over :data:`edge.governor.context.CONDITION_FIELDS`;
* a zone test ``{"in_zone_kind": "BLOCKED"}`` (VDA 5050 v3 zone type) or
  ``{"in_zone_sector_kind": "blast"}`` over the active zones containing the point;
* a distance test ``{"near_feature": "exclusion", "within_m": 30}``: within that distance of
  an active zone of that sector kind.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from edge.governor.context import ACTIONS, CONDITION_FIELDS, LINK_STATES, ROAD_KINDS, WEATHERS
from edge.protocol.messages import Outcome
from maps.schema import ZoneType

__all__ = [
    "BUNDLE_SCHEMA_VERSION",
    "CONDITION_TAGS",
    "Condition",
    "Constraints",
    "Effect",
    "EscalationSpec",
    "FieldCondition",
    "NearCondition",
    "Op",
    "PolicyBundle",
    "Rule",
    "SectorKindCondition",
    "Strength",
    "VehicleClassLimits",
    "ZoneKindCondition",
]

BUNDLE_SCHEMA_VERSION = 1
"""The bundle schema version this build reads."""

Strength = Literal["R", "S", "G", "D", "E"]
"""R regulation, S standard or code, G industry guidance, D doctrine, E site rule or lesson."""
Op = Literal["lt", "le", "gt", "ge", "eq", "ne", "in", "not_in", "is_true", "is_false"]
"""Comparison operators of a field condition."""
SpeedLimitField = Literal[
    "zone_speed_limit_mps", "road_speed_limit_mps", "class_speed_limit_mps", "speed_limit_mps"
]
"""Derived limits a RESTRICT may cap the speed to."""

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "action": ACTIONS,
    "weather": WEATHERS,
    "link_state": LINK_STATES,
    "road_kind": ROAD_KINDS,
    "next_road_kind": ROAD_KINDS,
}
"""Fixed vocabularies of category fields (``vehicle_class`` comes from the bundle, ``profile``
is free text)."""

_ORDER_OPS = frozenset({"lt", "le", "gt", "ge"})
_SET_OPS = frozenset({"in", "not_in"})
_FLAG_OPS = frozenset({"is_true", "is_false"})
_OPS_BY_KIND: dict[str, frozenset[str]] = {
    "number": frozenset({"lt", "le", "gt", "ge", "eq", "ne"}),
    "category": frozenset({"eq", "ne", "in", "not_in"}),
    "flag": frozenset({"is_true", "is_false"}),
}


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


# --------------------------------------------------------------------------- conditions


class FieldCondition(_Record):
    """A test of one context field: ``field op value`` or ``field op value_field``."""

    field: str
    op: Op
    value: bool | float | str | list[str] | None = None
    value_field: str | None = None

    @field_validator("field")
    @classmethod
    def _known_field(cls, name: str) -> str:
        if name not in CONDITION_FIELDS:
            known = ", ".join(sorted(CONDITION_FIELDS))
            raise ValueError(f"unknown field {name!r}; known fields: {known}")
        return name

    @field_validator("op")
    @classmethod
    def _op_fits_field(cls, op: str, info: ValidationInfo) -> str:
        name = info.data.get("field")
        if name is None:
            return op
        kind = CONDITION_FIELDS[name].kind
        if op not in _OPS_BY_KIND[kind]:
            allowed = ", ".join(sorted(_OPS_BY_KIND[kind]))
            raise ValueError(f"op {op!r} does not apply to the {kind} field {name!r} ({allowed})")
        return op

    @field_validator("value")
    @classmethod
    def _value_fits(cls, value: object, info: ValidationInfo) -> object:
        name, op = info.data.get("field"), info.data.get("op")
        if name is None or op is None or value is None:
            return value
        kind = CONDITION_FIELDS[name].kind
        if kind == "number" and (isinstance(value, bool) or not isinstance(value, float)):
            raise ValueError(f"must be a number for the numeric field {name!r}")
        if kind == "category":
            items = value if isinstance(value, list) else [value]
            if op in _SET_OPS and not (isinstance(value, list) and value):
                raise ValueError(f"op {op!r} needs a non-empty list of strings")
            if op not in _SET_OPS and not isinstance(value, str):
                raise ValueError(f"op {op!r} needs a string")
            vocabulary = VOCABULARIES.get(name)
            for item in items:
                if vocabulary is not None and item not in vocabulary:
                    raise ValueError(f"{item!r} is not a {name} ({', '.join(vocabulary)})")
        return value

    @model_validator(mode="after")
    def _operand_present(self) -> Self:
        if self.op in _FLAG_OPS:
            if self.value is not None or self.value_field is not None:
                raise ValueError(f"op {self.op!r} takes no 'value' nor 'value_field'")
            return self
        if (self.value is None) == (self.value_field is None):
            raise ValueError("give exactly one of 'value' and 'value_field'")
        if self.value_field is not None:
            other = CONDITION_FIELDS.get(self.value_field)
            if other is None or other.kind != "number":
                raise ValueError(f"'value_field' {self.value_field!r} is not a numeric field")
            if CONDITION_FIELDS[self.field].kind != "number":
                raise ValueError("'value_field' compares numeric fields only")
        return self


class ZoneKindCondition(_Record):
    """Inside an active zone of this VDA 5050 v3 type."""

    in_zone_kind: ZoneType


class SectorKindCondition(_Record):
    """Inside an active zone of this sector kind (``blast``, ``exclusion``, ...)."""

    in_zone_sector_kind: str = Field(min_length=1, max_length=64)


class NearCondition(_Record):
    """Within ``within_m`` metres of an active zone of sector kind ``near_feature``."""

    near_feature: str = Field(min_length=1, max_length=64)
    within_m: float = Field(gt=0.0, le=10_000.0)


CONDITION_TAGS: dict[str, str] = {
    "field": "field_condition",
    "in_zone_kind": "zone_kind_condition",
    "in_zone_sector_kind": "sector_kind_condition",
    "near_feature": "near_condition",
}
"""The key that identifies each condition shape, and the union tag it selects."""


def _condition_tag(raw: Any) -> str | None:
    """Pick the condition shape from the keys present."""
    if isinstance(raw, dict):
        for key, tag in CONDITION_TAGS.items():
            if key in raw:
                return tag
        return None
    if isinstance(raw, FieldCondition):
        return "field_condition"
    if isinstance(raw, ZoneKindCondition):
        return "zone_kind_condition"
    if isinstance(raw, SectorKindCondition):
        return "sector_kind_condition"
    if isinstance(raw, NearCondition):
        return "near_condition"
    return None


Condition = Annotated[
    Annotated[FieldCondition, Tag("field_condition")]
    | Annotated[ZoneKindCondition, Tag("zone_kind_condition")]
    | Annotated[SectorKindCondition, Tag("sector_kind_condition")]
    | Annotated[NearCondition, Tag("near_condition")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition_shape",
        custom_error_message=(
            "a condition needs one of 'field', 'in_zone_kind', 'in_zone_sector_kind' "
            "or 'near_feature'"
        ),
    ),
]
"""One condition of a rule."""


# --------------------------------------------------------------------------- effects


class Constraints(_Record):
    """Restrictions an effect imposes; merged tightest-wins across fired rules."""

    speed_cap_mps: float | None = Field(default=None, gt=0.0, le=100.0)
    """An absolute speed cap."""
    speed_cap_field: SpeedLimitField | None = None
    """Cap the speed to this derived limit (e.g. the lowest zone limit here)."""
    speed_factor: float | None = Field(default=None, gt=0.0, le=1.0)
    """Cap the speed to this fraction of ``speed_limit_mps`` (0.7 = 30 % lower)."""
    buffer_m: float | None = Field(default=None, ge=0.0, le=1000.0)
    """Keep-out buffer around the vehicle."""
    no_reverse: bool = False
    no_new_missions: bool = False

    @property
    def empty(self) -> bool:
        """Whether no restriction is set."""
        return (
            self.speed_cap_mps is None
            and self.speed_cap_field is None
            and self.speed_factor is None
            and self.buffer_m is None
            and not self.no_reverse
            and not self.no_new_missions
        )


class EscalationSpec(_Record):
    """How an ESCALATE asks a human, and what the vehicle does meanwhile and after."""

    priority: int = Field(ge=0, le=9)
    """0 is the most urgent."""
    criticality: Literal["low", "medium", "high", "critical"]
    deadline_s: float = Field(gt=0.0, le=3600.0)
    """Time the operator has to answer."""
    hold_behaviour: Literal["hold", "slow", "safe_stop"]
    """What the vehicle does while it waits."""
    fallback: Literal["hold", "safe_stop"]
    """What the vehicle does when nobody answers by the deadline."""


class Effect(_Record):
    """What a fired rule asks for."""

    outcome: Outcome
    constraints: Constraints = Constraints()
    escalation: EscalationSpec | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.outcome == Outcome.ESCALATE) != (self.escalation is not None):
            raise ValueError("'escalation' is required with ESCALATE and only with ESCALATE")
        if self.outcome == Outcome.RESTRICT and self.constraints.empty:
            raise ValueError("a RESTRICT needs at least one constraint")
        if self.outcome == Outcome.ALLOW and not self.constraints.empty:
            raise ValueError("an ALLOW carries no constraints (use RESTRICT)")
        return self


# --------------------------------------------------------------------------- rules, bundles


class Rule(_Record):
    """One policy rule: when all conditions hold, the effect applies."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", max_length=64)
    """``<namespace>.<name>``; also the translation code of the explanation."""
    explanation: str = Field(min_length=1, max_length=500)
    """Why the rule exists, in English (translated by code = id)."""
    strength: Strength
    source: str = Field(min_length=1, max_length=500)
    when: list[Condition] = Field(default_factory=list, max_length=16)
    effect: Effect


class VehicleClassLimits(_Record):
    """Per-class figures a bundle's parameters give (``parameters.vehicle_classes``)."""

    max_speed_mps: float = Field(gt=0.0, le=100.0)


class PolicyBundle(_Record):
    """A versioned set of rules with the parameters they need."""

    schema_version: int
    bundle_id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}$")
    version: int = Field(ge=0)
    issued_at: AwareDatetime
    expires_at: AwareDatetime | None = None
    rules: list[Rule] = Field(max_length=1024)
    parameters: dict[str, Any] = Field(default_factory=dict)

    @field_validator("schema_version")
    @classmethod
    def _supported(cls, version: int) -> int:
        if version != BUNDLE_SCHEMA_VERSION:
            raise ValueError(
                f"bundle schema version {version} is not supported "
                f"(this build reads version {BUNDLE_SCHEMA_VERSION})"
            )
        return version

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.expires_at is not None and self.expires_at <= self.issued_at:
            raise ValueError("'expires_at' must be after 'issued_at'")
        return self

    @property
    def expires_at_epoch(self) -> float:
        """Expiry as seconds since the Unix epoch (``inf`` when it never expires)."""
        return float("inf") if self.expires_at is None else self.expires_at.timestamp()
