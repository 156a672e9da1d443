"""From a proposal to the kernel's input vector, and its canonical digest.

Encoding never raises: a value of the wrong type, ``None``, an unknown vehicle class, action,
weather or link state becomes NaN, which the kernel's range check reports as invalid (the
decision then fails closed). An unknown *profile* is not an error: it gets the "other" code.

The inputs digest is SHA-256 over a canonical packing of every proposal field, so a receipt
names exactly what was decided on:

* well-typed proposals (the normal case): ``b"AMP1"``; the UTF-8 lengths of the six strings
  ``vehicle_id vehicle_class profile action link_state weather`` as big-endian u16, then the
  six strings; ``x y speed_mps requested_speed_mps load_t perception_confidence hour now`` as
  big-endian float64 (integers as their float value); ``estop_latched released`` as one byte
  each (0/1); the sorted ``granted_zones`` as a u16 count, then u16 length + UTF-8 each;
  then, only when ``gap_m`` is not :data:`~edge.governor.context.NO_GAP_M`, ``b"G"`` and
  ``gap_m`` as big-endian float64 (so proposals without a gap keep their earlier digest);
  then, only when one of the later inputs (``grade_pct`` .. ``misfire_elapsed_s``) is not
  its :data:`~edge.governor.context.INPUT_DEFAULTS` value, ``b"R"``, ``grade_pct
  intersection_m row_rank cross_rank cross_left_rank misfire_elapsed_s`` as big-endian
  float64, and ``road_kind`` and ``next_road_kind`` as u16 length + UTF-8 each;
* anything else: ``b"AMP2"``, then every field in declaration order as a tagged value
  (``n`` None, ``T``/``F`` booleans, ``f`` float64, ``s`` u32-length UTF-8 string, ``r``
  u32-length ``repr``), so a malformed proposal still has a stable digest; ``gap_m`` and the
  later inputs are left out when exactly their :data:`~edge.governor.context.INPUT_DEFAULTS`
  value.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import struct
from typing import TYPE_CHECKING

import numpy as np

from edge.governor.context import (
    INPUT_DEFAULTS,
    NO_GAP_M,
    NO_INTERSECTION_M,
    NO_MISFIRE_S,
    Proposal,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy.typing as npt

__all__ = ["Encoder", "canonical_packing", "encode", "inputs_digest"]

NAN = math.nan
_NUMBER_TYPES = (int, float, np.integer, np.floating)
_BOOL_TYPES = (bool, np.bool_)
_NUMS = struct.Struct(">8d2B")
_LENGTHS = struct.Struct(">6H")
_SLOTS = struct.Struct("=25d")
_GAP = struct.Struct(">cd")
_EXTRA = struct.Struct(">c6d")
_FAST_NUMBERS = frozenset({float, int})
_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")
_FIELDS = tuple(f.name for f in dataclasses.fields(Proposal))


def _number(value: object) -> float:
    """Return a number as float, or NaN when the value is not a number."""
    if isinstance(value, _NUMBER_TYPES) and not isinstance(value, _BOOL_TYPES):
        try:
            return float(value)
        except OverflowError:
            return NAN
    return NAN


def _flag(value: object) -> float:
    """Return 1.0 / 0.0 for a boolean, NaN otherwise."""
    if isinstance(value, _BOOL_TYPES):
        return 1.0 if value else 0.0
    return NAN


def _code(value: object, codes: Mapping[str, int]) -> float:
    """Return the vocabulary code of a string, NaN when unknown or not a string."""
    if isinstance(value, str):
        code = codes.get(value)
        return NAN if code is None else float(code)
    return NAN


def encode(
    p: Proposal,
    codes: Mapping[str, Mapping[str, int]],
    profile_other: int,
    release_bits: Mapping[str, int],
) -> tuple[list[float], int]:
    """Encode a proposal as the kernel's input slots and its grant mask.

    Parameters
    ----------
    p
        The proposal (its values are not trusted).
    codes
        Category field vocabularies (:attr:`CompiledPolicy.codes`).
    profile_other
        Code of a profile no rule names.
    release_bits
        RELEASE zone id to grant bit.

    Returns
    -------
    tuple
        The ``N_INPUTS`` slot values in :data:`~edge.governor.context.INPUT_FIELDS` order, and
        the grant mask (0 when ``granted_zones`` is not a set of strings).
    """
    vid = p.vehicle_id
    profile = p.profile
    values = [
        0.0 if isinstance(vid, str) and 0 < len(vid) <= 64 else NAN,
        _code(p.vehicle_class, codes["vehicle_class"]),
        float(codes["profile"].get(profile, profile_other)) if isinstance(profile, str) else NAN,
        _code(p.action, codes["action"]),
        _number(p.x),
        _number(p.y),
        _number(p.speed_mps),
        _number(p.requested_speed_mps),
        _number(p.load_t),
        _number(p.perception_confidence),
        _code(p.link_state, codes["link_state"]),
        _code(p.weather, codes["weather"]),
        _number(p.hour),
        _flag(p.estop_latched),
        _flag(p.released),
        _number(p.now),
        _number(p.gap_m),
        _number(p.grade_pct),
        _code(p.road_kind, codes["road_kind"]),
        _code(p.next_road_kind, codes["next_road_kind"]),
        _number(p.intersection_m),
        _number(p.row_rank),
        _number(p.cross_rank),
        _number(p.cross_left_rank),
        _number(p.misfire_elapsed_s),
    ]
    grants = 0
    zones = p.granted_zones
    if zones and isinstance(zones, frozenset | set):
        for zone in zones:
            if isinstance(zone, str):
                grants |= release_bits.get(zone, 0)
    return values, grants


class Encoder:
    """Encodes proposals for one compiled policy: the hot path of :meth:`Governor.decide`.

    One pass over a well-typed proposal (the normal case) fills the kernel's input slots and
    builds the canonical packing; anything else goes through :func:`encode` and the tagged
    packing.

    Parameters
    ----------
    work
        The kernel work vector the encoder writes the input slots of.
    codes, profile_other, release_bits
        As for :func:`encode`.
    """

    def __init__(
        self,
        work: npt.NDArray[np.float64],
        codes: Mapping[str, Mapping[str, int]],
        profile_other: int,
        release_bits: Mapping[str, int],
    ) -> None:
        self._work = work
        self._view = work.data  # a writable buffer for struct.pack_into
        self._codes = codes
        self._profile_other = profile_other
        self._release_bits = release_bits
        # plain dicts: lookups on read-only mapping proxies cost more
        self._classes = dict(codes["vehicle_class"])
        self._profiles = dict(codes["profile"])
        self._actions = dict(codes["action"])
        self._links = dict(codes["link_state"])
        self._weathers = dict(codes["weather"])
        self._roads = dict(codes["road_kind"])

    def into(self, p: Proposal) -> tuple[int, bytes]:
        """Encode a proposal into the work vector's input slots; return grants and packing.

        Parameters
        ----------
        p
            The proposal (its values are not trusted).

        Returns
        -------
        tuple
            The grant mask and the canonical packing (hash it for the inputs digest).
        """
        vid, vclass, profile, action = p.vehicle_id, p.vehicle_class, p.profile, p.action
        link, weather, zones = p.link_state, p.weather, p.granted_zones
        nums = (
            p.x,
            p.y,
            p.speed_mps,
            p.requested_speed_mps,
            p.load_t,
            p.perception_confidence,
            p.hour,
            p.now,
        )
        estop, released, gap = p.estop_latched, p.released, p.gap_m
        road, next_road = p.road_kind, p.next_road_kind
        later = (
            p.grade_pct,
            p.intersection_m,
            p.row_rank,
            p.cross_rank,
            p.cross_left_rank,
            p.misfire_elapsed_s,
        )
        if (
            type(vid) is str
            and type(vclass) is str
            and type(profile) is str
            and type(action) is str
            and isinstance(link, str)
            and type(weather) is str
            and type(estop) is bool
            and type(released) is bool
            and type(zones) is frozenset
            and not zones
            and _FAST_NUMBERS.issuperset(map(type, nums))
            and type(gap) in _FAST_NUMBERS
            and type(road) is str
            and type(next_road) is str
            and _FAST_NUMBERS.issuperset(map(type, later))
        ):
            try:
                texts = (
                    vid.encode(),
                    vclass.encode(),
                    profile.encode(),
                    action.encode(),
                    link.encode(),
                    weather.encode(),
                )
                packed = b"".join(
                    (
                        b"AMP1",
                        _LENGTHS.pack(*map(len, texts)),
                        *texts,
                        _NUMS.pack(*nums, estop, released),
                        b"\x00\x00",
                        b"" if gap == NO_GAP_M else _GAP.pack(b"G", gap),
                        _later_trailer(later, road, next_road),
                    )
                )
                grade, intersection, row, cross, cross_left, misfire = later
                x, y, speed, requested, load, confidence, hour, now = nums
                _SLOTS.pack_into(
                    self._view,
                    0,
                    0.0 if 0 < len(vid) <= 64 else NAN,
                    self._classes.get(vclass, NAN),
                    self._profiles.get(profile, self._profile_other),
                    self._actions.get(action, NAN),
                    x,
                    y,
                    speed,
                    requested,
                    load,
                    confidence,
                    self._links.get(link, NAN),
                    self._weathers.get(weather, NAN),
                    hour,
                    estop,
                    released,
                    now,
                    gap,
                    grade,
                    self._roads.get(road, NAN),
                    self._roads.get(next_road, NAN),
                    intersection,
                    row,
                    cross,
                    cross_left,
                    misfire,
                )
            except (OverflowError, UnicodeEncodeError, struct.error):
                pass
            else:
                return 0, packed
        values, grants = encode(p, self._codes, self._profile_other, self._release_bits)
        self._work[: len(values)] = values
        return grants, canonical_packing(p)


def inputs_digest(p: Proposal) -> str:
    """Return the SHA-256 hex digest of the canonical packing of a proposal.

    Parameters
    ----------
    p
        The proposal.

    Returns
    -------
    str
        64 lowercase hex characters.
    """
    return hashlib.sha256(canonical_packing(p)).hexdigest()


def canonical_packing(p: Proposal) -> bytes:
    """Return the canonical packing of a proposal (see the module docstring).

    Parameters
    ----------
    p
        The proposal.

    Returns
    -------
    bytes
        ``AMP1`` packing when the proposal is well typed, ``AMP2`` (tagged) otherwise.
    """
    try:
        return _pack_typed(p)
    except (TypeError, ValueError, OverflowError, struct.error, UnicodeEncodeError):
        return _pack_tagged(p)


def _utf8(value: object) -> bytes:
    """UTF-8 of a string, or raise TypeError for anything else."""
    if not isinstance(value, str):
        raise TypeError
    return value.encode("utf-8")


def _exact_number(value: object) -> float:
    """Return a number as float, or raise TypeError (booleans are not numbers here)."""
    if isinstance(value, _BOOL_TYPES) or not isinstance(value, _NUMBER_TYPES):
        raise TypeError
    return float(value)


def _exact_flag(value: object) -> int:
    """Return a boolean as 0/1, or raise TypeError."""
    if not isinstance(value, _BOOL_TYPES):
        raise TypeError
    return 1 if value else 0


def _pack_typed(p: Proposal) -> bytes:
    """Pack a well-typed proposal compactly (raise TypeError otherwise)."""
    zones = p.granted_zones
    if not isinstance(zones, frozenset | set):
        raise TypeError
    texts = [
        _utf8(v)
        for v in (p.vehicle_id, p.vehicle_class, p.profile, p.action, p.link_state, p.weather)
    ]
    zone_texts = [_utf8(z) for z in sorted(zones)]
    return b"".join(
        (
            b"AMP1",
            _LENGTHS.pack(*map(len, texts)),
            *texts,
            _NUMS.pack(
                _exact_number(p.x),
                _exact_number(p.y),
                _exact_number(p.speed_mps),
                _exact_number(p.requested_speed_mps),
                _exact_number(p.load_t),
                _exact_number(p.perception_confidence),
                _exact_number(p.hour),
                _exact_number(p.now),
                _exact_flag(p.estop_latched),
                _exact_flag(p.released),
            ),
            _U16.pack(len(zone_texts)),
            *(_U16.pack(len(z)) + z for z in zone_texts),
            _gap_trailer(p.gap_m),
            _later_trailer(
                (
                    _exact_number(p.grade_pct),
                    _exact_number(p.intersection_m),
                    _exact_number(p.row_rank),
                    _exact_number(p.cross_rank),
                    _exact_number(p.cross_left_rank),
                    _exact_number(p.misfire_elapsed_s),
                ),
                _utf8(p.road_kind).decode(),
                _utf8(p.next_road_kind).decode(),
            ),
        )
    )


def _gap_trailer(gap: object) -> bytes:
    """Return the optional ``gap_m`` trailer of the typed packing (empty for the default)."""
    value = _exact_number(gap)
    return b"" if value == NO_GAP_M else _GAP.pack(b"G", value)


_LATER_DEFAULT = (0.0, NO_INTERSECTION_M, 0.0, 0.0, 0.0, NO_MISFIRE_S)


def _later_trailer(numbers: tuple[float, ...], road: str, next_road: str) -> bytes:
    """Return the optional trailer of the inputs after ``gap_m`` (empty at their defaults).

    ``numbers`` are ``grade_pct intersection_m row_rank cross_rank cross_left_rank
    misfire_elapsed_s``; the road kinds' default is ``none``.
    """
    if numbers == _LATER_DEFAULT and road == "none" and next_road == "none":
        return b""
    texts = (road.encode(), next_road.encode())
    return b"".join((_EXTRA.pack(b"R", *numbers), *(_U16.pack(len(t)) + t for t in texts)))


def _tagged(value: object) -> bytes:
    """Pack one value with its tag."""
    if value is None:
        return b"n"
    if isinstance(value, _BOOL_TYPES):
        return b"T" if value else b"F"
    if isinstance(value, _NUMBER_TYPES):
        try:
            return b"f" + struct.pack(">d", float(value))
        except OverflowError:
            pass
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        return b"s" + _U32.pack(len(data)) + data
    if isinstance(value, frozenset | set):
        try:
            items = sorted(value)
        except TypeError:
            items = sorted(value, key=repr)
        return b"z" + _U32.pack(len(items)) + b"".join(_tagged(v) for v in items)
    data = repr(value).encode("utf-8", "surrogatepass")
    return b"r" + _U32.pack(len(data)) + data


def _pack_tagged(p: Proposal) -> bytes:
    """Pack any proposal with tagged values."""
    return b"AMP2" + b"".join(
        _tagged(getattr(p, name))
        for name in _FIELDS
        if not (name in INPUT_DEFAULTS and _is_default(getattr(p, name), INPUT_DEFAULTS[name]))
    )


def _is_default(value: object, default: float | str) -> bool:
    """Whether a later input is exactly its default (a plain number or string, not a bool)."""
    if isinstance(default, str):
        return type(value) is str and value == default
    return type(value) in _FAST_NUMBERS and value == default
