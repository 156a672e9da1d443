"""The compiler: a policy bundle and a site in, flat arrays for the kernels out.

Rules become condition tables (operand slots, operator codes, bit masks) and effect tables
(severity code, caps, factors, buffers, flags); the site's active zones, road corridors and the
rules' proximity bands become a grid index (:mod:`edge.governor.spatial`). Everything is packed
into two arrays per :mod:`edge.governor.kernels.layout`.

Spatial feature bits: bits 0-9 are the VDA 5050 v3 zone types; then one bit per sector kind a
rule tests, then one per distinct ``(near_feature, within_m)`` pair. VDA overlap rules follow
from the kernel's merge: any BLOCKED zone sets its bit whatever else overlaps (so a rule on
BLOCKED wins by severity), the lowest SPEED_LIMIT applies (``zone_speed_limit_mps`` is the
minimum), a RELEASE zone without a grant sets ``release_pending``.
"""

from __future__ import annotations

import math
import typing
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import shapely

from edge.governor.context import DERIVED_FIELDS, INPUT_FIELDS
from edge.governor.errors import CompileError
from edge.governor.kernels import layout
from edge.governor.loader import vehicle_classes
from edge.governor.outcomes import severity
from edge.governor.rules import (
    VOCABULARIES,
    FieldCondition,
    NearCondition,
    SectorKindCondition,
    ZoneKindCondition,
)
from edge.governor.spatial import SpatialEntry, build_index, grow
from maps.schema import ZoneType

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy.typing as npt

    from edge.governor.rules import Condition, EscalationSpec, PolicyBundle, Rule
    from edge.protocol.messages import Outcome
    from maps.site import Site

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

__all__ = ["VDA_ZONE_TYPES", "CompiledPolicy", "compile_policy"]

VDA_ZONE_TYPES: tuple[str, ...] = typing.get_args(ZoneType)
"""VDA 5050 v3 zone types; type ``i`` is spatial bit ``i``."""
MAX_BITS = 63
"""Bits usable in the int64 masks (the sign bit stays clear)."""

_SLOTS = {f.name: i for i, f in enumerate((*INPUT_FIELDS, *DERIVED_FIELDS))}
assert len(INPUT_FIELDS) == layout.N_INPUTS
assert _SLOTS["vehicle_class"] == layout.S_VEHICLE_CLASS
assert _SLOTS["now"] == layout.S_NOW
assert (_SLOTS["x"], _SLOTS["y"]) == (layout.S_X, layout.S_Y)
assert _SLOTS["zone_speed_limit_mps"] == layout.S_ZONE_LIMIT
assert _SLOTS["release_pending"] == layout.S_RELEASE_PENDING
_NUMERIC_OPS = {
    "lt": layout.OP_LT,
    "le": layout.OP_LE,
    "gt": layout.OP_GT,
    "ge": layout.OP_GE,
    "eq": layout.OP_EQ,
    "ne": layout.OP_NE,
}


@dataclass(frozen=True, slots=True, eq=False)
class CompiledPolicy:
    """A bundle compiled against a site, ready for the kernels.

    Attributes
    ----------
    f_arr, i_arr
        The packed float and int arrays.
    work
        A template work vector: constants in place, inputs to be filled per decision.
    rule_ids, explanations, outcomes, escalations
        Per bundle rule, in bundle order.
    codes
        Per category field, value to code (``profile`` values not listed get
        :attr:`profile_other`).
    profile_other
        The code of a profile no rule names.
    release_bits
        RELEASE zone id to its grant bit.
    spatial_bits
        Spatial feature name (``BLOCKED``, ``sector:blast``, ``near:exclusion@50``) to its bit.
    bundle_id, bundle_version
        The bundle compiled.
    """

    f_arr: FloatArray
    i_arr: IntArray
    work: FloatArray
    rule_ids: tuple[str, ...]
    explanations: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    escalations: tuple[EscalationSpec | None, ...]
    codes: Mapping[str, Mapping[str, int]]
    profile_other: int
    release_bits: Mapping[str, int]
    spatial_bits: Mapping[str, int]
    bundle_id: str
    bundle_version: int

    @property
    def n_rules(self) -> int:
        """Number of bundle rules."""
        return len(self.rule_ids)


class _Tables:
    """Accumulates the condition and rule tables and the constant slots."""

    def __init__(self) -> None:
        self.consts: dict[float, int] = {math.inf: layout.S_INF}
        self.cond_lhs: list[int] = []
        self.cond_op: list[int] = []
        self.cond_rhs: list[int] = []
        self.cond_mask: list[int] = []
        self.rule_start: list[int] = [0]

    def const(self, value: float) -> int:
        """Return the work slot holding a constant, allocating it on first use."""
        if value not in self.consts:
            self.consts[value] = layout.N_FIXED_SLOTS + len(self.consts) - 1
        return self.consts[value]

    def add(self, lhs: int, op: int, rhs: int = layout.S_INF, mask: int = 0) -> None:
        """Append one condition."""
        self.cond_lhs.append(lhs)
        self.cond_op.append(op)
        self.cond_rhs.append(rhs)
        self.cond_mask.append(mask)


def compile_policy(
    bundle: PolicyBundle, site: Site | None = None, *, max_cells: int = 128
) -> CompiledPolicy:
    """Compile a bundle (and a site's zones and roads) for the kernels.

    Parameters
    ----------
    bundle
        A validated bundle.
    site
        The site whose active zones and roads the spatial conditions refer to; ``None`` for no
        geometry (every zone condition is then false).
    max_cells
        Grid cells along the longer side of the site.

    Returns
    -------
    CompiledPolicy
        The compiled policy.

    Raises
    ------
    CompileError
        When the bundle and site need more bits than the masks have (63 vehicle classes,
        63 named profiles, 63 spatial features, 63 RELEASE zones).
    """
    classes = vehicle_classes(bundle)
    if len(classes) > MAX_BITS:
        raise CompileError(f"{len(classes)} vehicle classes; at most {MAX_BITS} are supported")
    codes: dict[str, dict[str, int]] = {
        k: {v: i for i, v in enumerate(vs)} for k, vs in VOCABULARIES.items()
    }
    codes["vehicle_class"] = {name: i for i, name in enumerate(classes)}
    codes["profile"] = _profiles(bundle.rules)
    if len(codes["profile"]) >= MAX_BITS:
        raise CompileError(f"rules name {len(codes['profile'])} profiles; at most 62 allowed")

    spatial_bits = _spatial_bits(bundle.rules, site)
    entries, release_bits = _entries(site, spatial_bits)
    index = build_index(entries, max_cells=max_cells)

    tables = _Tables()
    rule_caps: list[float] = []
    rule_factors: list[float] = []
    rule_buffers: list[float] = []
    rule_cap_slots: list[int] = []
    rule_flags: list[int] = []
    for rule in bundle.rules:
        for cond in rule.when:
            _compile_condition(cond, tables, codes, spatial_bits)
        tables.rule_start.append(len(tables.cond_op))
        c = rule.effect.constraints
        rule_caps.append(math.inf if c.speed_cap_mps is None else c.speed_cap_mps)
        rule_factors.append(math.inf if c.speed_factor is None else c.speed_factor)
        rule_buffers.append(0.0 if c.buffer_m is None else c.buffer_m)
        rule_cap_slots.append(
            layout.S_INF if c.speed_cap_field is None else _SLOTS[c.speed_cap_field]
        )
        rule_flags.append(
            (layout.FLAG_NO_REVERSE if c.no_reverse else 0)
            | (layout.FLAG_NO_NEW_MISSIONS if c.no_new_missions else 0)
        )

    lo, hi, integral = _field_ranges(codes)
    ints: dict[int, list[int] | IntArray] = {
        layout.G_COND_LHS: tables.cond_lhs,
        layout.G_COND_OP: tables.cond_op,
        layout.G_COND_RHS: tables.cond_rhs,
        layout.G_COND_MASK: tables.cond_mask,
        layout.G_RULE_START: tables.rule_start,
        layout.G_RULE_OUTCOME: [severity(r.effect.outcome) for r in bundle.rules],
        layout.G_RULE_CAP_SLOT: rule_cap_slots,
        layout.G_RULE_FLAGS: rule_flags,
        layout.G_GRID_SHAPE: index.shape,
        layout.G_CELL_START: index.cell_start,
        layout.G_CELL_ITEMS: index.cell_items,
        layout.G_PIECE_ENTRY: index.piece_entry,
        layout.G_PIECE_RING_START: index.piece_ring_start,
        layout.G_RING_VERT_START: index.ring_vert_start,
        layout.G_ENTRY_BITS: index.entry_bits,
        layout.G_ENTRY_GRANT: index.entry_grant,
        layout.G_FIELD_INTEGRAL: integral,
    }
    floats: dict[int, list[float] | FloatArray] = {
        layout.G_FIELD_LO: lo,
        layout.G_FIELD_HI: hi,
        layout.G_RULE_CAP: rule_caps,
        layout.G_RULE_FACTOR: rule_factors,
        layout.G_RULE_BUFFER: rule_buffers,
        layout.G_GRID: index.grid,
        layout.G_VX: index.vx,
        layout.G_VY: index.vy,
        layout.G_ENTRY_ZONE_LIMIT: index.entry_zone_limit,
        layout.G_ENTRY_ROAD_LIMIT: index.entry_road_limit,
        layout.G_CLASS_LIMIT: [limits.max_speed_mps for limits in classes.values()],
        layout.G_EXPIRES: [bundle.expires_at_epoch],
    }
    f_arr, i_arr = _pack(ints, floats)
    work = np.zeros(layout.N_FIXED_SLOTS + len(tables.consts) - 1, dtype=np.float64)
    for value, slot in tables.consts.items():
        work[slot] = value
    for arr in (f_arr, i_arr):
        arr.setflags(write=False)
    return CompiledPolicy(
        f_arr=f_arr,
        i_arr=i_arr,
        work=work,
        rule_ids=tuple(r.id for r in bundle.rules),
        explanations=tuple(r.explanation for r in bundle.rules),
        outcomes=tuple(r.effect.outcome for r in bundle.rules),
        escalations=tuple(r.effect.escalation for r in bundle.rules),
        codes=MappingProxyType({k: MappingProxyType(v) for k, v in codes.items()}),
        profile_other=len(codes["profile"]),
        release_bits=MappingProxyType(release_bits),
        spatial_bits=MappingProxyType(spatial_bits),
        bundle_id=bundle.bundle_id,
        bundle_version=bundle.version,
    )


def _profiles(rules: list[Rule]) -> dict[str, int]:
    """Codes of the profiles rules name, in order of first mention."""
    out: dict[str, int] = {}
    for rule in rules:
        for cond in rule.when:
            if isinstance(cond, FieldCondition) and cond.field == "profile":
                values = cond.value if isinstance(cond.value, list) else [cond.value]
                for value in values:
                    out.setdefault(str(value), len(out))
    return out


def _near_key(cond: NearCondition) -> str:
    """Spatial feature name of a proximity band."""
    return f"near:{cond.near_feature}@{cond.within_m:g}"


def _spatial_bits(rules: list[Rule], site: Site | None) -> dict[str, int]:
    """Allocate spatial bits: VDA types, tested sector kinds present, proximity bands."""
    bits = {kind: i for i, kind in enumerate(VDA_ZONE_TYPES)}
    present = {z.sector_kind for z in site.zones if z.active} if site is not None else set()
    for rule in rules:
        for cond in rule.when:
            if isinstance(cond, SectorKindCondition):
                key = f"sector:{cond.in_zone_sector_kind}"
                if cond.in_zone_sector_kind in present:
                    bits.setdefault(key, len(bits))
            elif isinstance(cond, NearCondition) and cond.near_feature in present:
                bits.setdefault(_near_key(cond), len(bits))
    if len(bits) > MAX_BITS:
        raise CompileError(
            f"rules test {len(bits) - len(VDA_ZONE_TYPES)} sector kinds and proximity bands; "
            f"at most {MAX_BITS - len(VDA_ZONE_TYPES)} are supported"
        )
    return bits


def _entries(
    site: Site | None, spatial_bits: Mapping[str, int]
) -> tuple[list[SpatialEntry], dict[str, int]]:
    """Spatial entries of a site: active zones, road corridors, proximity bands."""
    if site is None:
        return [], {}
    entries: list[SpatialEntry] = []
    release_bits: dict[str, int] = {}
    active = [z for z in site.zones if z.active]
    for zone in active:
        bits = 1 << spatial_bits[zone.kind]
        sector = spatial_bits.get(f"sector:{zone.sector_kind}")
        if sector is not None:
            bits |= 1 << sector
        grant = 0
        if zone.kind == "RELEASE":
            if len(release_bits) >= MAX_BITS:
                raise CompileError(f"more than {MAX_BITS} active RELEASE zones")
            grant = 1 << len(release_bits)
            release_bits[zone.id] = grant
        limit = zone.speed_limit_mps if zone.kind == "SPEED_LIMIT" else None
        entries.append(
            SpatialEntry(
                zone.polygon,
                bits=bits,
                grant=grant,
                zone_limit=math.inf if limit is None else limit,
                label=zone.id,
            )
        )
    for road in site.roads:
        corridor = shapely.buffer(shapely.LineString(road.line_xy), road.width_m / 2, quad_segs=4)
        entries.append(SpatialEntry(corridor, road_limit=road.speed_limit_mps, label=road.id))
    for key, bit in spatial_bits.items():
        if key.startswith("near:"):
            kind, _, within = key[len("near:") :].rpartition("@")
            for zone in active:
                if zone.sector_kind == kind:
                    band = grow(zone.polygon, float(within))
                    entries.append(SpatialEntry(band, bits=1 << bit, label=f"{zone.id}:{key}"))
    return entries, release_bits


def _compile_condition(
    cond: Condition,
    tables: _Tables,
    codes: Mapping[str, Mapping[str, int]],
    spatial_bits: Mapping[str, int],
) -> None:
    """Append one condition to the tables."""
    if isinstance(cond, ZoneKindCondition):
        tables.add(layout.LHS_SPATIAL, layout.OP_ANY, mask=1 << spatial_bits[cond.in_zone_kind])
        return
    if isinstance(cond, SectorKindCondition):
        bit = spatial_bits.get(f"sector:{cond.in_zone_sector_kind}")
        tables.add(layout.LHS_SPATIAL, layout.OP_ANY, mask=0 if bit is None else 1 << bit)
        return
    if isinstance(cond, NearCondition):
        bit = spatial_bits.get(_near_key(cond))
        tables.add(layout.LHS_SPATIAL, layout.OP_ANY, mask=0 if bit is None else 1 << bit)
        return
    lhs = _SLOTS[cond.field]
    if cond.op in ("is_true", "is_false"):
        tables.add(lhs, layout.OP_EQ, tables.const(1.0 if cond.op == "is_true" else 0.0))
    elif cond.field in codes:
        values = cond.value if isinstance(cond.value, list) else [cond.value]
        mask = 0
        for value in values:
            code = codes[cond.field].get(str(value))
            if code is not None:
                mask |= 1 << code
        positive = cond.op in ("eq", "in")
        tables.add(lhs, layout.OP_ANY if positive else layout.OP_NONE, mask=mask)
    elif cond.value_field is not None:
        tables.add(lhs, _NUMERIC_OPS[cond.op], _SLOTS[cond.value_field])
    else:
        assert isinstance(cond.value, float)
        tables.add(lhs, _NUMERIC_OPS[cond.op], tables.const(cond.value))


def _field_ranges(
    codes: Mapping[str, Mapping[str, int]],
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Return the accepted range and whole-number flag of every input slot."""
    lo = np.zeros(layout.N_INPUTS, dtype=np.float64)
    hi = np.zeros(layout.N_INPUTS, dtype=np.float64)
    integral = np.zeros(layout.N_INPUTS, dtype=np.int64)
    for i, spec in enumerate(INPUT_FIELDS):
        if spec.kind == "number":
            lo[i], hi[i] = spec.lo, spec.hi
        elif spec.kind == "flag":
            hi[i], integral[i] = 1.0, 1
        elif spec.kind == "id":
            integral[i] = 1
        else:
            size = len(codes[spec.name]) + (1 if spec.name == "profile" else 0)
            hi[i], integral[i] = float(size - 1), 1
    return lo, hi, integral


def _pack(
    ints: Mapping[int, list[int] | IntArray], floats: Mapping[int, list[float] | FloatArray]
) -> tuple[FloatArray, IntArray]:
    """Pack the segments into ``F`` and ``I`` behind the ``I`` header."""
    header = 2 * layout.N_SEGMENTS
    i_parts: list[IntArray] = [np.zeros(header, dtype=np.int64)]
    f_parts: list[FloatArray] = []
    offsets = np.zeros(header, dtype=np.int64)
    i_pos, f_pos = header, 0
    for k in range(layout.N_SEGMENTS):
        if k in ints:
            seg_i = np.asarray(ints[k], dtype=np.int64)
            offsets[2 * k], offsets[2 * k + 1] = i_pos, i_pos + len(seg_i)
            i_parts.append(seg_i)
            i_pos += len(seg_i)
        else:
            seg_f = np.asarray(floats[k], dtype=np.float64)
            offsets[2 * k], offsets[2 * k + 1] = f_pos, f_pos + len(seg_f)
            f_parts.append(seg_f)
            f_pos += len(seg_f)
    i_arr = np.concatenate(i_parts)
    i_arr[:header] = offsets
    return np.concatenate(f_parts), i_arr
