"""One governor decision as a receipt, and its canonical, versioned binary encoding.

A receipt is a :class:`ReceiptBody` (what was decided) placed in a node's hash chain at
``seq`` after ``prev_hash``.  Its hash is ``SHA-256(prev_hash || encode_receipt(...))``.
The encoding (format version 1, all integers and floats big-endian)::

    b"AMR" u8(version=1)
    str node_id              str = u16 byte length + UTF-8
    u64 seq
    str vehicle_id
    str action
    u8  outcome              0 ALLOW, 1 RESTRICT, 2 ESCALATE, 3 BLOCK, 4 TERMINATE
    u16 n, n x str           fired_rules, in the engine's order
    u16 n, n x (str, f64)    constraints (kind, value), in the engine's order
    str bundle_id
    u64 bundle_version
    32 bytes                 inputs_digest (raw SHA-256)
    f64 decided_at           wall clock, seconds since the Unix epoch
    f64 decided_mono         monotonic clock of the edge node, seconds

docs/receipts.md repeats this table; a test pins one encoding byte for byte.
"""

from __future__ import annotations

import hashlib
import math
import struct
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from edge.protocol.messages import Constraint, DecisionReceipt, Outcome
from edge.receipts.errors import MalformedReceiptError

if TYPE_CHECKING:
    from collections.abc import Sequence

FORMAT_VERSION = 1
"""Version byte of the receipt encoding."""

GENESIS_HASH = bytes(32)
"""``prev_hash`` of a chain's first receipt (64 hex zeros)."""

_MAGIC = b"AMR" + bytes([FORMAT_VERSION])
_OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)
_OUTCOME_CODE = {o: bytes([i]) for i, o in enumerate(_OUTCOMES)}
_U16 = struct.Struct(">H")
_U64 = struct.Struct(">Q")
_F64 = struct.Struct(">d")
_TAIL = struct.Struct(">Q32sdd")
_MAX_ITEMS = 0xFFFF


@dataclass(frozen=True, slots=True)
class ReceiptBody:
    """What the governor decided for one proposed action.

    Parameters
    ----------
    vehicle_id
        The vehicle that proposed the action.
    action
        The action kind (``enter_zone``, ``proceed``, ...).
    outcome
        The combined outcome.
    fired_rules
        Ids of the rules that fired, in the engine's order.
    constraints
        ``(kind, value)`` pairs attached to a RESTRICT, tightest already merged.
    bundle_id, bundle_version
        The policy bundle that decided.
    inputs_digest
        Hex SHA-256 of the decision context (64 lowercase hex digits).
    decided_at
        Wall-clock time of the decision, seconds since the Unix epoch.
    decided_mono
        Monotonic time of the decision on the edge node, seconds.
    """

    vehicle_id: str
    action: str
    outcome: Outcome
    fired_rules: tuple[str, ...]
    constraints: tuple[tuple[str, float], ...]
    bundle_id: str
    bundle_version: int
    inputs_digest: str
    decided_at: float
    decided_mono: float


class Receipt(NamedTuple):
    """A body placed in a node's hash chain (immutable).

    ``prev_hash`` and ``hash`` are raw 32-byte digests; ``data`` is the canonical encoding
    the hash covers (kept so the journal stores exactly the bytes that were hashed).  A
    named tuple rather than a dataclass: the writer creates one per decision, and tuple
    construction is several times cheaper than a frozen dataclass's.
    """

    body: ReceiptBody
    node_id: str
    seq: int
    prev_hash: bytes
    hash: bytes
    data: bytes

    @property
    def receipt_id(self) -> str:
        """``"<node_id>:<seq>"``, the receipt's id on the wire."""
        return f"{self.node_id}:{self.seq}"

    def verify_hash(self) -> bool:
        """Return whether ``hash`` matches ``prev_hash`` and the body re-encoded."""
        data = encode_receipt(self.node_id, self.seq, self.body)
        return hashlib.sha256(self.prev_hash + data).digest() == self.hash

    def to_message(self, *, frame_seq: int, ts: float) -> DecisionReceipt:
        """Return the wire form of this receipt.

        Parameters
        ----------
        frame_seq
            The session's frame counter (``Envelope.seq``), not the chain sequence.
        ts
            Send time, seconds since the Unix epoch.
        """
        b = self.body
        fields: dict[str, object] = {
            "seq": frame_seq,
            "ts": ts,
            "receipt_id": self.receipt_id,
            "node_id": self.node_id,
            "chain_seq": self.seq,
            "vehicle_id": b.vehicle_id,
            "action": b.action,
            "outcome": b.outcome,
            "fired_rules": list(b.fired_rules),
            "constraints": [Constraint(kind=k, value=v) for k, v in b.constraints],  # type: ignore[arg-type]
            "bundle_id": b.bundle_id,
            "bundle_version": b.bundle_version,
            "inputs_digest": b.inputs_digest,
            "prev_hash": self.prev_hash.hex(),
            "hash": self.hash.hex(),
            "decided_at": b.decided_at,
        }
        if "decided_mono" in DecisionReceipt.model_fields:  # protocol 1.1 carries it
            fields["decided_mono"] = b.decided_mono
        return DecisionReceipt.model_validate(fields)


# --------------------------------------------------------------------------- encoding


def _str(value: str) -> bytes:
    """Length-prefixed UTF-8."""
    raw = value.encode("utf-8")
    return _U16.pack(len(raw)) + raw


@lru_cache(maxsize=64)
def _head(node_id: str) -> bytes:
    """Magic, version and node id: the same for every receipt of a chain."""
    return _MAGIC + _str(node_id)


@lru_cache(maxsize=16384)
def _middle(
    vehicle_id: str,
    action: str,
    outcome: Outcome,
    rules: tuple[str, ...],
    constraints: tuple[tuple[str, float], ...],
    bundle_id: str,
) -> bytes:
    """Encode the fields between ``seq`` and ``bundle_version``.

    Cached: a fleet repeats few combinations of vehicle, action, outcome, rules,
    constraints and bundle, and one cache look-up replaces a dozen small encodings.
    """
    parts = [_str(vehicle_id), _str(action), _OUTCOME_CODE[outcome], _U16.pack(len(rules))]
    parts.extend(_str(r) for r in rules)
    parts.append(_U16.pack(len(constraints)))
    for kind, value in constraints:
        if not math.isfinite(value):
            raise ValueError(f"constraint {kind!r} has a non-finite value {value!r}")
        # +0.0 folds -0.0 into 0.0: the cache key treats them as equal, so must the bytes.
        parts.append(_str(kind) + _F64.pack(value + 0.0))
    parts.append(_str(bundle_id))
    return b"".join(parts)


def encode_receipt(node_id: str, seq: int, body: ReceiptBody) -> bytes:
    """Return the canonical bytes of a receipt (format version 1).

    Raises
    ------
    MalformedReceiptError
        A field cannot be encoded: wrong type, string or list too long, digest not 64
        lowercase hex digits, non-finite time or value, negative number.
    """
    try:
        hexdigest = body.inputs_digest
        digest = bytes.fromhex(hexdigest)
        # Round trip: exactly 64 lowercase hex digits (no case mix, no spaces fromhex skips);
        # cheaper than str.islower, which this hot path paid for every receipt.
        if len(digest) != 32 or digest.hex() != hexdigest:
            raise ValueError("inputs_digest must be 64 lowercase hex digits")
        at, mono = body.decided_at + 0.0, body.decided_mono + 0.0
        if not (math.isfinite(at) and math.isfinite(mono)):
            raise ValueError("decision times must be finite")
        try:
            middle = _middle(
                body.vehicle_id,
                body.action,
                body.outcome,
                body.fired_rules,
                body.constraints,
                body.bundle_id,
            )
        except TypeError:  # lists where tuples belong (unhashable): same bytes as tuples
            middle = _middle(
                body.vehicle_id,
                body.action,
                body.outcome,
                tuple(body.fired_rules),
                tuple((k, v) for k, v in body.constraints),
                body.bundle_id,
            )
        return (
            _head(node_id)
            + _U64.pack(seq)
            + middle
            + _TAIL.pack(body.bundle_version, digest, at, mono)
        )
    except (ValueError, TypeError, KeyError, AttributeError, struct.error) as exc:
        raise MalformedReceiptError(f"receipt {node_id}:{seq} cannot be encoded: {exc}") from exc


class _Reader:
    """A cursor over encoded bytes; every read checks the remaining length."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        end = self.pos + n
        if end > len(self.data):
            raise MalformedReceiptError(f"truncated at byte {self.pos} (needs {n} more)")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        value: int = _U16.unpack(self.take(2))[0]
        return value

    def u64(self) -> int:
        value: int = _U64.unpack(self.take(8))[0]
        return value

    def f64(self) -> float:
        value: float = _F64.unpack(self.take(8))[0]
        return value

    def str(self) -> str:
        raw = self.take(self.u16())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MalformedReceiptError(f"invalid UTF-8 before byte {self.pos}") from exc


def decode_receipt(data: bytes) -> tuple[str, int, ReceiptBody]:
    """Parse canonical bytes back into ``(node_id, seq, body)``.

    The parse is strict: the bytes must be exactly what :func:`encode_receipt` produces for
    the decoded values, so any edit shows up either here or as a hash mismatch.

    Raises
    ------
    MalformedReceiptError
        Unknown magic or version, truncated or trailing bytes, bad UTF-8 or outcome code,
        or a non-canonical form.
    """
    r = _Reader(data)
    magic = r.take(4)
    if magic != _MAGIC:
        raise MalformedReceiptError(f"not a version-{FORMAT_VERSION} receipt (starts {magic!r})")
    node_id = r.str()
    seq = r.u64()
    vehicle_id = r.str()
    action = r.str()
    code = r.u8()
    if code >= len(_OUTCOMES):
        raise MalformedReceiptError(f"unknown outcome code {code}")
    rules = tuple(r.str() for _ in range(r.u16()))
    constraints = tuple((r.str(), r.f64()) for _ in range(r.u16()))
    bundle_id = r.str()
    bundle_version = r.u64()
    digest = r.take(32).hex()
    decided_at = r.f64()
    decided_mono = r.f64()
    if r.pos != len(data):
        raise MalformedReceiptError(f"{len(data) - r.pos} trailing bytes")
    body = ReceiptBody(
        vehicle_id=vehicle_id,
        action=action,
        outcome=_OUTCOMES[code],
        fired_rules=rules,
        constraints=constraints,
        bundle_id=bundle_id,
        bundle_version=bundle_version,
        inputs_digest=digest,
        decided_at=decided_at,
        decided_mono=decided_mono,
    )
    if encode_receipt(node_id, seq, body) != data:
        raise MalformedReceiptError("non-canonical encoding")
    return node_id, seq, body


def receipt_from_row(seq: int, prev_hash: bytes, hash_: bytes, data: bytes) -> Receipt:
    """Rebuild a :class:`Receipt` from stored columns (no hash check; see ``audit``)."""
    node_id, inner_seq, body = decode_receipt(data)
    if inner_seq != seq:
        raise MalformedReceiptError(f"row {seq} holds receipt {inner_seq}")
    return Receipt(body, node_id, seq, prev_hash, hash_, data)


def body_from_fields(
    *,
    vehicle_id: str,
    action: str,
    outcome: str,
    fired_rules: Sequence[str],
    constraints: Sequence[Sequence[object]],
    bundle_id: str,
    bundle_version: int,
    inputs_digest: str,
    decided_at: float,
    decided_mono: float,
) -> ReceiptBody:
    """Build a body from loosely typed fields (an export line, a wire message).

    Raises
    ------
    MalformedReceiptError
        A field has the wrong type or an unknown outcome.
    """
    try:
        pairs = tuple((str(c[0]), float(c[1])) for c in constraints)  # type: ignore[arg-type]
        ok = all(isinstance(x, str) for x in (vehicle_id, action, bundle_id, inputs_digest))
        ok = ok and all(isinstance(x, str) for x in fired_rules)
        ok = ok and isinstance(bundle_version, int) and not isinstance(bundle_version, bool)
        ok = ok and all(isinstance(c[0], str) and len(c) == 2 for c in constraints)
        if not ok:
            raise TypeError("a field has the wrong type")
        return ReceiptBody(
            vehicle_id=vehicle_id,
            action=action,
            outcome=Outcome(outcome),
            fired_rules=tuple(fired_rules),
            constraints=pairs,
            bundle_id=bundle_id,
            bundle_version=bundle_version,
            inputs_digest=inputs_digest,
            decided_at=float(decided_at),
            decided_mono=float(decided_mono),
        )
    except (TypeError, ValueError, IndexError) as exc:
        raise MalformedReceiptError(f"invalid receipt fields: {exc}") from exc


def receipt_from_message(msg: DecisionReceipt, *, decided_mono: float) -> Receipt:
    """Rebuild a chained receipt from its wire form so a console can check its hash.

    ``decided_mono`` is passed separately while protocol 1.0 does not carry it.
    """
    body = body_from_fields(
        vehicle_id=msg.vehicle_id,
        action=msg.action,
        outcome=msg.outcome.value,
        fired_rules=msg.fired_rules,
        constraints=[(c.kind, c.value) for c in msg.constraints],
        bundle_id=msg.bundle_id,
        bundle_version=msg.bundle_version,
        inputs_digest=msg.inputs_digest,
        decided_at=msg.decided_at,
        decided_mono=decided_mono,
    )
    data = encode_receipt(msg.node_id, msg.chain_seq, body)
    return Receipt(
        body,
        msg.node_id,
        msg.chain_seq,
        bytes.fromhex(msg.prev_hash),
        bytes.fromhex(msg.hash),
        data,
    )
