"""The site file schema (version 1): pydantic models for the header and feature properties.

A site file is an RFC 7946 GeoJSON ``FeatureCollection`` in WGS84 longitude/latitude with one
foreign member, ``atlasmesh`` (RFC 7946 section 6.1), holding :class:`SiteHeader`. Every feature
carries ``properties.feature`` (``road``, ``poi`` or ``zone``) that selects the model for the rest
of its properties. Models are frozen, strict (no string-to-number coercion) and forbid unknown
fields, so a typo in a site file is an error rather than a silently ignored value.

Units in the file are the ones site engineers use (km/h, percent, metres); :mod:`maps.site`
converts to SI when it builds the in-memory site.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from maps.errors import SiteFileError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

SCHEMA_VERSION = 1
"""The site file schema version this build reads and writes."""

RoadKind = Literal["haul_road", "ramp", "access", "intersection_link"]
PoiKind = Literal["loading", "dump", "crusher", "workshop", "fuel", "parking"]
ZoneType = Literal[
    "BLOCKED",
    "LINE_GUIDED",
    "RELEASE",
    "COORDINATED_REPLANNING",
    "SPEED_LIMIT",
    "ACTION",
    "PRIORITY",
    "PENALTY",
    "DIRECTED",
    "BIDIRECTED",
]
"""Zone types of VDA 5050 v3 (``zoneSet.schema``, ``zoneType``)."""
SectorZoneKind = Literal[
    "speed_limit", "blast", "exclusion", "closed_road", "pedestrian", "workshop_area", "emcon"
]
"""What a zone is on the site. ``emcon``: an emission-control area of a movement order (radios
silent on entry; the defense pack allows no new mission there)."""
Material = Literal["ore", "waste"]

FeatureId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class FieldRuleError(ValueError):
    """A cross-field rule failed; carries the field to blame in the error message.

    Parameters
    ----------
    field
        The field the rule is about.
    problem
        What is wrong.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field


class _Record(BaseModel):
    """Common configuration: frozen, strict, no unknown fields, no NaN or infinity."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class SiteHeader(_Record):
    """The ``atlasmesh`` foreign member of a site file."""

    schema_version: int
    site_id: FeatureId
    name: Text
    name_ar: Text
    origin: tuple[float, float]
    """The local frame's origin, ``[lon, lat]`` in WGS84 degrees."""

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"unsupported schema_version {value} (this build reads {SCHEMA_VERSION})"
            )
        return value

    @field_validator("origin", mode="before")
    @classmethod
    def _array_to_tuple(cls, value: object) -> object:
        # JSON has arrays, not tuples; strict mode would otherwise refuse every file.
        return tuple(value) if isinstance(value, list) else value

    @field_validator("origin")
    @classmethod
    def _origin_in_range(cls, value: tuple[float, float]) -> tuple[float, float]:
        lon, lat = value
        if not (-180.0 <= lon <= 180.0 and -89.0 <= lat <= 89.0):
            raise ValueError(f"origin {list(value)} must be [lon, lat] within WGS84 ranges")
        return value


class RoadProperties(_Record):
    """Properties of a road segment (a ``LineString`` feature)."""

    feature: Literal["road"]
    id: FeatureId
    kind: RoadKind
    speed_limit_kmh: float = Field(gt=0, le=130)
    grade_pct: float = Field(ge=-25, le=25)
    """Signed grade in the direction of the coordinates, percent (positive climbs)."""
    width_m: float = Field(gt=0, le=100)
    one_way: bool
    """Travel only in the direction of the coordinates."""
    lanes: int = Field(ge=1, le=8)
    closed: bool
    published: bool
    """Communicated to manned vehicles; autonomous use requires it (SECTOR_RULES M12)."""
    name: Text | None = None


class PoiProperties(_Record):
    """Properties shared by every point of interest; subclasses add the kind-specific ones."""

    feature: Literal["poi"]
    id: FeatureId
    kind: PoiKind
    name: Text
    name_ar: Text


class LoadingPoi(PoiProperties):
    """A loading unit's position (shovel, excavator or wheel loader)."""

    kind: Literal["loading"]
    loader_class: Text
    target_trucks_per_hour: float = Field(gt=0, le=60)
    material: Material


class DumpPoi(PoiProperties):
    """A dump (tip) point on a waste dump or stockpile."""

    kind: Literal["dump"]
    capacity_tph: float = Field(gt=0)
    material: Material


class CrusherPoi(PoiProperties):
    """A crusher's tipping point."""

    kind: Literal["crusher"]
    capacity_tph: float = Field(gt=0)


class WorkshopPoi(PoiProperties):
    """A maintenance workshop."""

    kind: Literal["workshop"]
    bays: int = Field(ge=1)


class FuelPoi(PoiProperties):
    """A fuel (or charging) bay."""

    kind: Literal["fuel"]
    pumps: int = Field(ge=1)


class ParkingPoi(PoiProperties):
    """A park-up area."""

    kind: Literal["parking"]
    spaces: int = Field(ge=1)


POI_MODELS: Mapping[str, type[PoiProperties]] = {
    "loading": LoadingPoi,
    "dump": DumpPoi,
    "crusher": CrusherPoi,
    "workshop": WorkshopPoi,
    "fuel": FuelPoi,
    "parking": ParkingPoi,
}


class ZoneProperties(_Record):
    """Properties of a zone (a ``Polygon`` feature)."""

    feature: Literal["zone"]
    id: FeatureId
    kind: ZoneType
    sector_kind: SectorZoneKind
    name: Text
    name_ar: Text
    active: bool
    speed_limit_kmh: float | None = Field(default=None, gt=0, le=130)
    """Maximum speed inside the zone; required for ``SPEED_LIMIT`` zones."""
    reentry_wait_min: float | None = Field(default=None, ge=0)
    """Wait before re-entry after firing; required for blast zones (SECTOR_RULES M7)."""
    buffer_m: float | None = Field(default=None, gt=0)
    """Exclusion radius around working equipment; required for exclusion zones (M16)."""
    poi_id: FeatureId | None = None
    """The point of interest the zone protects (exclusion zones)."""
    road_ids: tuple[FeatureId, ...] | None = None
    """The road segments a closed-road zone covers."""

    @field_validator("road_ids", mode="before")
    @classmethod
    def _array_to_tuple(cls, value: object) -> object:
        return tuple(value) if isinstance(value, list) else value

    @model_validator(mode="after")
    def _kind_specific(self) -> Self:
        required: list[tuple[str, bool]] = [
            ("speed_limit_kmh", self.kind == "SPEED_LIMIT"),
            ("reentry_wait_min", self.sector_kind == "blast"),
            ("buffer_m", self.sector_kind == "exclusion"),
            ("road_ids", self.sector_kind == "closed_road"),
        ]
        for name, needed in required:
            if needed and getattr(self, name) is None:
                raise FieldRuleError(
                    name, f"is required for a {self.kind} zone of sector_kind {self.sector_kind}"
                )
        if self.sector_kind in ("blast", "closed_road") and self.kind != "BLOCKED":
            raise FieldRuleError("kind", f"must be BLOCKED for a {self.sector_kind} zone")
        return self


FeatureProperties = RoadProperties | PoiProperties | ZoneProperties
_FEATURE_KINDS = ("road", "poi", "zone")


def validate_properties(raw: Mapping[str, object]) -> FeatureProperties:
    """Validate one feature's ``properties`` member.

    Parameters
    ----------
    raw
        The decoded JSON object.

    Returns
    -------
    RoadProperties | PoiProperties | ZoneProperties
        The validated record (a :class:`PoiProperties` subclass for points of interest).

    Raises
    ------
    SiteFileError
        Naming the feature id (when readable), the field and the problem; the caller adds the
        file name and index with :meth:`SiteFileError.located`.
    """
    raw_id = raw.get("id")
    feature_id = raw_id if isinstance(raw_id, str) else None
    feature = raw.get("feature")
    model: type[_Record]
    if feature == "road":
        model = RoadProperties
    elif feature == "zone":
        model = ZoneProperties
    elif feature == "poi":
        kind = raw.get("kind")
        if not isinstance(kind, str) or kind not in POI_MODELS:
            raise SiteFileError(
                f"unknown kind {kind!r}; expected {_one_of(POI_MODELS)}",
                feature_id=feature_id,
                field="kind",
            )
        model = POI_MODELS[kind]
    else:
        raise SiteFileError(
            f"unknown feature {feature!r}; expected {_one_of(_FEATURE_KINDS)}",
            feature_id=feature_id,
            field="feature",
        )
    try:
        record = model.model_validate(raw)
    except ValidationError as exc:
        field, problem = describe_error(exc)
        raise SiteFileError(problem, feature_id=feature_id, field=field) from exc
    assert isinstance(record, RoadProperties | PoiProperties | ZoneProperties)
    return record


def validate_header(raw: object) -> SiteHeader:
    """Validate the ``atlasmesh`` foreign member.

    Parameters
    ----------
    raw
        The decoded JSON value of the member.

    Returns
    -------
    SiteHeader
        The validated header.

    Raises
    ------
    SiteFileError
        With ``field`` set to ``atlasmesh`` or ``atlasmesh.<name>``.
    """
    if not isinstance(raw, dict):
        raise SiteFileError("must be a JSON object", field="atlasmesh")
    try:
        return SiteHeader.model_validate(raw)
    except ValidationError as exc:
        field, problem = describe_error(exc)
        dotted = "atlasmesh" if field is None else f"atlasmesh.{field}"
        raise SiteFileError(problem, field=dotted) from exc


def describe_error(exc: ValidationError) -> tuple[str | None, str]:
    """Turn the first error of a pydantic ``ValidationError`` into ``(field, problem)``.

    Parameters
    ----------
    exc
        The validation error.

    Returns
    -------
    tuple
        The dotted field path (``None`` for whole-record errors) and a short English problem.
    """
    err = exc.errors()[0]
    loc = [str(part) for part in err["loc"]]
    field = ".".join(loc) if loc else None
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    bounds = {
        "greater_than": ">",
        "greater_than_equal": ">=",
        "less_than": "<",
        "less_than_equal": "<=",
    }
    problem: str
    if kind in bounds:
        limit = next(iter(ctx.values()))
        problem = f"must be {bounds[kind]} {_number(limit)} (got {value!r})"
    elif kind == "missing":
        problem = "is required"
    elif kind == "extra_forbidden":
        problem = "is not a known field"
    elif kind == "literal_error":
        problem = f"unknown value {value!r}; expected {ctx.get('expected', '?')}"
        if loc == ["kind"]:
            problem = f"unknown kind {value!r}; expected {ctx.get('expected', '?')}"
    elif kind == "string_pattern_mismatch":
        problem = f"{value!r} is not a valid id (letters, digits, '_', '.', '-')"
    elif kind == "value_error":
        cause = ctx.get("error")
        problem = str(cause) if cause is not None else err["msg"]
        if isinstance(cause, FieldRuleError):
            field = ".".join([*loc, cause.field])
    else:
        problem = f"{err['msg'][0].lower()}{err['msg'][1:]} (got {value!r})"
    return field, problem


def _number(value: object) -> str:
    """Format a bound without a trailing ``.0``."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


def _one_of(names: Iterable[str]) -> str:
    """Format choices the way pydantic does: ``'a', 'b' or 'c'``."""
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
