"""The export format: JSON lines of receipts and checkpoints, readable by humans and tools.

The first line is a header; every other line is one receipt or one checkpoint.  Hashes,
keys and signatures are lowercase hex; floats are written so they read back bit for bit::

    {"format": "atlasmesh.receipts", "version": 1, "node_id": "...", "public_key": "<hex>",
     "key_id": "...", "from_seq": 1}
    {"kind": "receipt", "node_id": "...", "seq": 1, "prev_hash": "...", "hash": "...",
     "vehicle_id": "...", "action": "...", "outcome": "ALLOW", "fired_rules": [...],
     "constraints": [["speed_cap_mps", 3.0]], "bundle_id": "...", "bundle_version": 4,
     "inputs_digest": "...", "decided_at": 1.7e9, "decided_mono": 1234.5}
    {"kind": "checkpoint", "node_id": "...", "first_seq": 1, "last_seq": 1000, "root": "...",
     "prev_hash": "...", "head_hash": "...", "sealed_at": 1.7e9, "key_id": "...",
     "signature": "..."}

A checkpoint line follows the last receipt it seals.  An export that starts after seq 1
first carries the checkpoint ending just before it (its anchor).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from edge.receipts.checkpoint import Checkpoint
from edge.receipts.errors import MalformedReceiptError
from edge.receipts.record import body_from_fields, encode_receipt

if TYPE_CHECKING:
    from edge.receipts.record import Receipt

EXPORT_FORMAT = "atlasmesh.receipts"
EXPORT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ExportHeader:
    """First line of an export."""

    node_id: str
    public_key: bytes
    key_id: str
    from_seq: int = 1
    """First receipt the export holds (later than 1 for a pruned journal or a partial export)."""


@dataclass(frozen=True, slots=True)
class ExportedReceipt:
    """A receipt line reduced to what the audit needs: the re-encoded canonical bytes."""

    seq: int
    prev_hash: bytes
    hash: bytes
    data: bytes


def header_line(header: ExportHeader) -> str:
    """Return the header line (no newline)."""
    return json.dumps(
        {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "node_id": header.node_id,
            "public_key": header.public_key.hex(),
            "key_id": header.key_id,
            "from_seq": header.from_seq,
        }
    )


def receipt_line(r: Receipt) -> str:
    """Return one receipt as a JSON line (no newline)."""
    b = r.body
    return json.dumps(
        {
            "kind": "receipt",
            "node_id": r.node_id,
            "seq": r.seq,
            "prev_hash": r.prev_hash.hex(),
            "hash": r.hash.hex(),
            "vehicle_id": b.vehicle_id,
            "action": b.action,
            "outcome": b.outcome.value,
            "fired_rules": list(b.fired_rules),
            "constraints": [[k, v] for k, v in b.constraints],
            "bundle_id": b.bundle_id,
            "bundle_version": b.bundle_version,
            "inputs_digest": b.inputs_digest,
            "decided_at": b.decided_at,
            "decided_mono": b.decided_mono,
        },
        ensure_ascii=False,
    )


def checkpoint_line(cp: Checkpoint) -> str:
    """Return one checkpoint as a JSON line (no newline)."""
    return json.dumps(
        {
            "kind": "checkpoint",
            "node_id": cp.node_id,
            "first_seq": cp.first_seq,
            "last_seq": cp.last_seq,
            "root": cp.root.hex(),
            "prev_hash": cp.prev_hash.hex(),
            "head_hash": cp.head_hash.hex(),
            "sealed_at": cp.sealed_at,
            "key_id": cp.key_id,
            "signature": cp.signature.hex(),
        },
        ensure_ascii=False,
    )


def _hex(obj: dict[str, Any], name: str, size: int | None = 32) -> bytes:
    value = obj[name]
    if not isinstance(value, str):
        raise TypeError(f"{name} is not a string")
    raw = bytes.fromhex(value)
    if size is not None and len(raw) != size:
        raise ValueError(f"{name} has {len(raw)} bytes, expected {size}")
    return raw


def _int(obj: dict[str, Any], name: str) -> int:
    value = obj[name]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} is not an integer")
    return value


def parse_line(line: str) -> ExportHeader | ExportedReceipt | Checkpoint:
    """Parse one export line.

    Raises
    ------
    MalformedReceiptError
        Not JSON, unknown kind or format version, missing or mistyped field.
    """
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise TypeError("not a JSON object")
        if "format" in obj:
            if obj["format"] != EXPORT_FORMAT or obj.get("version") != EXPORT_VERSION:
                raise ValueError(f"unsupported export {obj.get('format')} v{obj.get('version')}")
            return ExportHeader(
                str(obj["node_id"]),
                _hex(obj, "public_key"),
                str(obj["key_id"]),
                _int(obj, "from_seq") if "from_seq" in obj else 1,
            )
        kind = obj.get("kind")
        if kind == "receipt":
            body = body_from_fields(
                vehicle_id=obj["vehicle_id"],
                action=obj["action"],
                outcome=obj["outcome"],
                fired_rules=obj["fired_rules"],
                constraints=obj["constraints"],
                bundle_id=obj["bundle_id"],
                bundle_version=obj["bundle_version"],
                inputs_digest=obj["inputs_digest"],
                decided_at=obj["decided_at"],
                decided_mono=obj["decided_mono"],
            )
            seq = _int(obj, "seq")
            data = encode_receipt(str(obj["node_id"]), seq, body)
            return ExportedReceipt(seq, _hex(obj, "prev_hash"), _hex(obj, "hash"), data)
        if kind == "checkpoint":
            return Checkpoint(
                node_id=str(obj["node_id"]),
                first_seq=_int(obj, "first_seq"),
                last_seq=_int(obj, "last_seq"),
                root=_hex(obj, "root"),
                prev_hash=_hex(obj, "prev_hash"),
                head_hash=_hex(obj, "head_hash"),
                sealed_at=float(obj["sealed_at"]),
                key_id=str(obj["key_id"]),
                signature=_hex(obj, "signature", None),
            )
        raise ValueError(f"unknown line kind {kind!r}")
    except MalformedReceiptError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise MalformedReceiptError(f"bad export line: {exc}") from exc
