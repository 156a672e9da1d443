"""A node's receipt hash chain: sequence numbers 1..N, each receipt bound to the previous."""

from __future__ import annotations

import math
import struct
from hashlib import sha256
from typing import TYPE_CHECKING

from edge.receipts.record import (
    _TAIL,
    _U64,
    GENESIS_HASH,
    Receipt,
    _head,
    _middle,
    encode_receipt,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from edge.receipts.record import ReceiptBody

_new_receipt = tuple.__new__
"""Build a :class:`Receipt` without the named tuple's Python-level ``__new__``."""


class ReceiptChain:
    """Append receipts to one node's chain.

    Not thread-safe: exactly one owner appends (the journal's writer thread).

    Parameters
    ----------
    node_id
        The edge node whose chain this is.
    head
        ``(seq, hash)`` of the last receipt already in the chain; ``(0, GENESIS_HASH)`` for
        an empty chain.
    """

    __slots__ = ("_hash", "_node_id", "_seq")

    def __init__(self, node_id: str, head: tuple[int, bytes] = (0, GENESIS_HASH)) -> None:
        self._node_id = node_id
        self._seq, self._hash = head
        self.reset(head)

    @property
    def node_id(self) -> str:
        """The node this chain belongs to."""
        return self._node_id

    @property
    def head(self) -> tuple[int, bytes]:
        """``(seq, hash)`` of the last appended receipt."""
        return self._seq, self._hash

    def reset(self, head: tuple[int, bytes]) -> None:
        """Move the head back, e.g. after the transaction holding later receipts failed."""
        seq, digest = head
        if seq < 0 or len(digest) != 32:
            raise ValueError(f"invalid chain head ({seq}, {digest.hex()})")
        self._seq, self._hash = seq, digest

    def append(self, body: ReceiptBody) -> Receipt:
        """Place ``body`` after the head and return the new receipt.

        Raises
        ------
        MalformedReceiptError
            The body cannot be encoded; the head does not move.
        """
        seq = self._seq + 1
        prev = self._hash
        data = encode_receipt(self._node_id, seq, body)
        digest = sha256(prev + data).digest()
        self._seq = seq
        self._hash = digest
        return _new_receipt(Receipt, (body, self._node_id, seq, prev, digest, data))

    def extend(self, bodies: Iterable[ReceiptBody]) -> list[Receipt]:
        """Append several bodies, all or none; return their receipts in order.

        The journal's hot path: one call per batch rather than one per receipt.

        Raises
        ------
        MalformedReceiptError
            A body cannot be encoded; the head stays where it was before the call.
        """
        node_id = self._node_id
        head = _head(node_id)
        seq, prev = self._seq, self._hash
        out: list[Receipt] = []
        add = out.append
        fromhex, isfinite, middle = bytes.fromhex, math.isfinite, _middle
        pack_seq, pack_tail, join = _U64.pack, _TAIL.pack, b"".join
        for body in bodies:
            seq += 1
            # encode_receipt inlined (the per-receipt call and its concatenations cost ~10 %
            # of the writer's time): the same steps and checks in the same order.  Anything
            # unusual - a malformed body, lists where tuples belong - goes to encode_receipt
            # itself, which raises MalformedReceiptError or encodes it (test_receipt_record
            # pins both paths to the same bytes).
            try:
                hexdigest = body.inputs_digest
                raw = fromhex(hexdigest)
                if len(raw) != 32 or raw.hex() != hexdigest:
                    raise ValueError(hexdigest)
                at, mono = body.decided_at + 0.0, body.decided_mono + 0.0
                if not (isfinite(at) and isfinite(mono)):
                    raise ValueError(at)
                data = join(
                    (
                        head,
                        pack_seq(seq),
                        middle(
                            body.vehicle_id,
                            body.action,
                            body.outcome,
                            body.fired_rules,
                            body.constraints,
                            body.bundle_id,
                        ),
                        pack_tail(body.bundle_version, raw, at, mono),
                    )
                )
            except (ValueError, TypeError, KeyError, AttributeError, struct.error):
                data = encode_receipt(node_id, seq, body)  # raises before anything moved
            digest = sha256(prev + data).digest()
            add(_new_receipt(Receipt, (body, node_id, seq, prev, digest, data)))
            prev = digest
        self._seq, self._hash = seq, prev
        return out
