"""Signed checkpoints: a batch of receipts sealed by its Merkle root and an Ed25519 signature.

A checkpoint covers the receipts ``first_seq..last_seq`` of one node.  Its leaves are the
receipts' 32-byte hashes (``merkle.leaf_hash(receipt.hash)``).  It also names the chain
position it starts after (``prev_hash``, the ``prev_hash`` of ``first_seq``) and ends on
(``head_hash``, the hash of ``last_seq``), so consecutive checkpoints form a chain of their
own and a pruned journal stays anchored to a signed hash.  Signed bytes (version 1)::

    b"AMC" u8(version=1)
    str node_id            u16 length + UTF-8
    u64 first_seq
    u64 last_seq
    32  root
    32  prev_hash
    32  head_hash
    f64 sealed_at          wall clock, seconds since the Unix epoch
    str key_id

The signature is Ed25519 over exactly these bytes.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature

from edge.receipts.errors import MalformedReceiptError, SignatureError
from edge.receipts.keys import key_id as key_id_of
from edge.receipts.merkle import leaf_hash, root_from_leaf_hashes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

CHECKPOINT_VERSION = 1
_MAGIC = b"AMC" + bytes([CHECKPOINT_VERSION])
_U16 = struct.Struct(">H")
_RANGE = struct.Struct(">QQ32s32s32sd")
SIGNATURE_SIZE = 64


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed seal over the receipts ``first_seq..last_seq`` of ``node_id``."""

    node_id: str
    first_seq: int
    last_seq: int
    root: bytes
    prev_hash: bytes
    head_hash: bytes
    sealed_at: float
    key_id: str
    signature: bytes

    @property
    def size(self) -> int:
        """Number of receipts sealed."""
        return self.last_seq - self.first_seq + 1

    def signed_bytes(self) -> bytes:
        """Return the canonical bytes the signature covers."""
        return encode_checkpoint(
            self.node_id,
            self.first_seq,
            self.last_seq,
            self.root,
            self.prev_hash,
            self.head_hash,
            self.sealed_at,
            self.key_id,
        )

    def verify_signature(self, public_key: Ed25519PublicKey) -> None:
        """Check the signature with ``public_key``.

        Raises
        ------
        SignatureError
            The key id differs from the key's, or the signature does not verify.
        """
        expected = key_id_of(public_key)
        if self.key_id != expected:
            raise SignatureError(f"signed with key {self.key_id}, expected key {expected}")
        if len(self.signature) != SIGNATURE_SIZE:
            raise SignatureError(f"signature of {len(self.signature)} bytes, expected 64")
        try:
            public_key.verify(self.signature, self.signed_bytes())
        except InvalidSignature as exc:
            raise SignatureError(
                f"bad signature on checkpoint {self.first_seq}..{self.last_seq}"
            ) from exc


def encode_checkpoint(
    node_id: str,
    first_seq: int,
    last_seq: int,
    root: bytes,
    prev_hash: bytes,
    head_hash: bytes,
    sealed_at: float,
    key_id: str,
) -> bytes:
    """Return the canonical signed bytes of a checkpoint (version 1).

    Raises
    ------
    MalformedReceiptError
        A field cannot be encoded (bad range, hash length, non-finite time, ...).
    """
    try:
        if not 1 <= first_seq <= last_seq:
            raise ValueError(f"bad range {first_seq}..{last_seq}")
        if not all(len(h) == 32 for h in (root, prev_hash, head_hash)):
            raise ValueError("hashes must be 32 bytes")
        if not math.isfinite(sealed_at):
            raise ValueError("sealed_at must be finite")
        node = node_id.encode("utf-8")
        kid = key_id.encode("utf-8")
        return b"".join(
            (
                _MAGIC,
                _U16.pack(len(node)),
                node,
                _RANGE.pack(first_seq, last_seq, root, prev_hash, head_hash, sealed_at + 0.0),
                _U16.pack(len(kid)),
                kid,
            )
        )
    except (ValueError, TypeError, AttributeError, struct.error) as exc:
        raise MalformedReceiptError(f"checkpoint cannot be encoded: {exc}") from exc


def seal(
    node_id: str,
    first_seq: int,
    prev_hash: bytes,
    receipt_hashes: Sequence[bytes],
    key: Ed25519PrivateKey,
    sealed_at: float,
    *,
    root: bytes | None = None,
) -> Checkpoint:
    """Seal consecutive receipts, given by their hashes starting at ``first_seq``.

    Parameters
    ----------
    node_id
        The chain's node.
    first_seq
        Sequence number of the first hash.
    prev_hash
        ``prev_hash`` of the receipt at ``first_seq``.
    receipt_hashes
        The receipts' hashes in order (at least one).
    key
        The node's signing key.
    sealed_at
        Wall-clock time of sealing.
    root
        The Merkle root over ``receipt_hashes`` when the caller built it already (the
        journal's :class:`~edge.receipts.merkle.MerkleBuilder`); computed here otherwise.
    """
    if not receipt_hashes:
        raise ValueError("nothing to seal")
    if root is None:
        root = root_from_leaf_hashes([leaf_hash(h) for h in receipt_hashes])
    elif len(root) != 32:
        raise ValueError("root must be a 32-byte SHA-256 digest")
    kid = key_id_of(key.public_key())
    last_seq = first_seq + len(receipt_hashes) - 1
    head = receipt_hashes[-1]
    data = encode_checkpoint(node_id, first_seq, last_seq, root, prev_hash, head, sealed_at, kid)
    return Checkpoint(
        node_id, first_seq, last_seq, root, prev_hash, head, sealed_at, kid, key.sign(data)
    )


def checkpoint_root(receipt_hashes: Sequence[bytes]) -> bytes:
    """Return the Merkle root a checkpoint over these receipt hashes must carry."""
    return root_from_leaf_hashes([leaf_hash(h) for h in receipt_hashes])


def decode_checkpoint(data: bytes, signature: bytes) -> Checkpoint:
    """Parse signed checkpoint bytes (as stored in the journal) and attach ``signature``.

    Raises
    ------
    MalformedReceiptError
        Wrong magic, truncated or trailing bytes, bad UTF-8.
    """
    try:
        if data[:4] != _MAGIC:
            raise ValueError(f"not a version-{CHECKPOINT_VERSION} checkpoint")
        pos = 4
        (n,) = _U16.unpack_from(data, pos)
        node_id = data[pos + 2 : pos + 2 + n].decode("utf-8")
        pos += 2 + n
        first, last, root, prev, head, sealed_at = _RANGE.unpack_from(data, pos)
        pos += _RANGE.size
        (n,) = _U16.unpack_from(data, pos)
        kid = data[pos + 2 : pos + 2 + n].decode("utf-8")
        pos += 2 + n
        if pos != len(data):
            raise ValueError("truncated or trailing bytes")
    except (ValueError, struct.error) as exc:
        raise MalformedReceiptError(f"malformed checkpoint: {exc}") from exc
    cp = Checkpoint(node_id, first, last, root, prev, head, sealed_at, kid, signature)
    if cp.signed_bytes() != data:
        raise MalformedReceiptError("non-canonical checkpoint encoding")
    return cp
