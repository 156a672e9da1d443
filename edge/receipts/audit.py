"""Offline audit of a receipt chain and its checkpoints; pinpoints the first problem.

Pure logic over stored rows ``(seq, prev_hash, hash, data)`` and checkpoints; the journal
and export readers in ``edge.receipts.verify`` feed it.  What it checks, per receipt in
order: the sequence number continues the chain (no gap, no repeat), the bytes decode and
name this node and this sequence number, ``prev_hash`` equals the previous receipt's hash,
and ``hash`` equals ``SHA-256(prev_hash || data)``.  Per checkpoint: signature, node,
contiguity with the previous checkpoint, and that its Merkle root, first ``prev_hash`` and
``head_hash`` match the receipts it covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from hashlib import sha256
from typing import TYPE_CHECKING

from edge.receipts.checkpoint import checkpoint_root
from edge.receipts.errors import MalformedReceiptError, SignatureError
from edge.receipts.keys import key_id as key_id_of
from edge.receipts.record import GENESIS_HASH, decode_receipt

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from edge.receipts.checkpoint import Checkpoint


class ProblemKind(StrEnum):
    """What is wrong at the reported sequence number."""

    MISSING = "missing"
    """The receipt at this seq is absent: deleted, truncated, or moved elsewhere."""
    OUT_OF_ORDER = "out_of_order"
    """A receipt appears where another belongs: duplicated or reordered."""
    MALFORMED = "malformed"
    """The stored bytes or fields do not form a receipt."""
    WRONG_NODE = "wrong_node"
    """The receipt belongs to another node's chain."""
    PREV_MISMATCH = "prev_mismatch"
    """The link to the previous receipt is broken."""
    HASH_MISMATCH = "hash_mismatch"
    """The content does not match its hash: the receipt was edited."""
    CHECKPOINT_MISMATCH = "checkpoint_mismatch"
    """A checkpoint's Merkle root or end hashes disagree with the receipts it seals."""
    CHECKPOINT_SIGNATURE = "checkpoint_signature"
    """A checkpoint's signature is invalid or made with another key."""
    CHECKPOINT_GAP = "checkpoint_gap"
    """Checkpoints are missing, overlap, or do not chain to each other."""


@dataclass(frozen=True, slots=True)
class Problem:
    """The first thing found wrong, located by sequence number."""

    seq: int
    kind: ProblemKind
    detail: str


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """Result of verifying a journal or an export.

    Attributes
    ----------
    source
        The file checked.
    node_id
        The chain's node, when known.
    receipts
        Receipts checked before the first problem (all of them when ``ok``).
    first_seq, last_seq
        Range of sequence numbers present (``None`` when there are no receipts).
    checkpoints
        Checkpoints present.
    sealed_through
        Last seq covered by a checkpoint (0 when none).
    unsealed
        Receipts after the last checkpoint: tamper-evident only through the hash chain.
    key_id
        Key id the checkpoints were checked against.
    key_trusted
        ``True`` when that key was supplied by the caller; ``False`` when it was the key
        embedded in the file (consistency, not authenticity).
    problem
        The first problem found, or ``None``.
    """

    source: str
    node_id: str | None
    receipts: int
    first_seq: int | None
    last_seq: int | None
    checkpoints: int
    sealed_through: int
    unsealed: int
    key_id: str | None
    key_trusted: bool
    problem: Problem | None

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return self.problem is None

    def summary(self) -> str:
        """Return a few lines of English for the command line."""
        span = "none" if self.first_seq is None else f"{self.first_seq}..{self.last_seq}"
        key = "no key" if self.key_id is None else f"key {self.key_id}"
        key += " (supplied)" if self.key_trusted else " (embedded in the file, not trusted)"
        lines = [
            f"{self.source}: node {self.node_id or '?'}",
            f"  receipts {span}, {self.checkpoints} checkpoints, sealed through "
            f"{self.sealed_through}, {self.unsealed} unsealed; {key}",
        ]
        if self.problem is None:
            lines.append("  OK: chain and checkpoints verify")
        else:
            p = self.problem
            lines.append(f"  FAIL at seq {p.seq}: {p.kind.value}: {p.detail}")
        return "\n".join(lines)


class ChainAuditor:
    """Check rows fed in storage order; stop at the first problem.

    Parameters
    ----------
    source
        Name of what is being checked, for the report.
    node_id
        Expected node, or ``None`` to take it from the first receipt or checkpoint.
    checkpoints
        All checkpoints of the file (any order).
    public_key
        Key to check signatures with, or ``None`` to skip signature checks.
    key_trusted
        Whether ``public_key`` came from the caller rather than from the file.
    start_seq
        The seq the file claims to start at (1, or one past what was pruned); receipts
        before it are not expected.  ``None``: start at whatever comes first, provided a
        checkpoint anchors it (used for a journal's tail check at open).
    """

    def __init__(
        self,
        source: str,
        *,
        node_id: str | None,
        checkpoints: Sequence[Checkpoint],
        public_key: Ed25519PublicKey | None,
        key_trusted: bool,
        start_seq: int | None = 1,
    ) -> None:
        self._source = source
        self._node_id = node_id or (checkpoints[0].node_id if checkpoints else None)
        self._cps = sorted(checkpoints, key=lambda c: (c.first_seq, c.last_seq))
        self._by_first = {c.first_seq: c for c in self._cps}
        self._key = public_key
        self._key_trusted = key_trusted
        self._start_seq = start_seq
        self._cp_problem = self._check_checkpoints()
        self._problem: Problem | None = None
        self._expected: int | None = None
        self._prev = GENESIS_HASH
        self._count = 0
        self._first: int | None = None
        self._open: Checkpoint | None = None
        self._leaves: list[bytes] = []

    # ----------------------------------------------------------------- checkpoints

    def _check_checkpoints(self) -> Problem | None:
        """Signatures, node and chaining of the checkpoints among themselves."""
        before = None
        for cp in self._cps:
            if cp.node_id != self._node_id:
                return Problem(
                    cp.first_seq,
                    ProblemKind.CHECKPOINT_SIGNATURE,
                    f"checkpoint {cp.first_seq}..{cp.last_seq} names node {cp.node_id!r}",
                )
            if self._key is not None:
                try:
                    cp.verify_signature(self._key)
                except SignatureError as exc:
                    return Problem(cp.first_seq, ProblemKind.CHECKPOINT_SIGNATURE, str(exc))
            if before is not None:
                if cp.first_seq != before.last_seq + 1:
                    return Problem(
                        before.last_seq + 1,
                        ProblemKind.CHECKPOINT_GAP,
                        f"checkpoint after {before.first_seq}..{before.last_seq} starts at "
                        f"{cp.first_seq}",
                    )
                if cp.prev_hash != before.head_hash:
                    return Problem(
                        cp.first_seq,
                        ProblemKind.CHECKPOINT_GAP,
                        f"checkpoint {cp.first_seq}..{cp.last_seq} does not chain to the "
                        "previous one",
                    )
            elif cp.first_seq == 1 and cp.prev_hash != GENESIS_HASH:
                return Problem(1, ProblemKind.CHECKPOINT_GAP, "first checkpoint not at genesis")
            before = cp
        return None

    # ----------------------------------------------------------------- receipts

    def _fail(self, seq: int, kind: ProblemKind, detail: str) -> bool:
        self._problem = Problem(seq, kind, detail)
        return False

    def _start(self, seq: int) -> bool:
        """Anchor the scan at the first receipt present."""
        self._first = seq
        self._expected = seq
        start = self._start_seq
        if start is not None and seq != start:
            self._expected = start
            if seq < start:
                return self._fail(
                    seq, ProblemKind.OUT_OF_ORDER, f"receipt {seq} before the start {start}"
                )
            return self._fail(
                start, ProblemKind.MISSING, f"expected receipt {start} first, found {seq}"
            )
        if seq == 1:
            self._prev = GENESIS_HASH
            return True
        anchors = [c for c in self._cps if c.last_seq < seq]
        if anchors and anchors[-1].last_seq == seq - 1:
            self._prev = anchors[-1].head_hash  # pruned journal: a signed anchor
            return True
        gap = anchors[-1].last_seq + 1 if anchors else 1
        return self._fail(
            gap,
            ProblemKind.MISSING,
            f"receipts {gap}..{seq - 1} are absent and no checkpoint anchors seq {seq}",
        )

    def add_malformed(self, detail: str) -> bool:
        """Record an entry that could not even be read (e.g. a broken export line)."""
        if self._problem is not None:
            return False
        seq = self._expected if self._expected is not None else 1
        return self._fail(seq, ProblemKind.MALFORMED, detail)

    def add(self, seq: int, prev_hash: bytes, hash_: bytes, data: bytes) -> bool:
        """Check the next stored receipt; return ``False`` once a problem has been found."""
        if self._problem is not None:
            return False
        if self._expected is None and not self._start(seq):
            return False
        expected = self._expected
        assert expected is not None  # set by _start
        if seq > expected:
            return self._fail(
                expected,
                ProblemKind.MISSING,
                f"expected receipt {expected}, found {seq} (missing or reordered)",
            )
        if seq < expected:
            return self._fail(
                seq,
                ProblemKind.OUT_OF_ORDER,
                f"receipt {seq} appears again after {expected - 1} (duplicated or reordered)",
            )
        try:
            node_id, inner_seq, _ = decode_receipt(data)
        except MalformedReceiptError as exc:
            return self._fail(seq, ProblemKind.MALFORMED, str(exc))
        if self._node_id is None:
            self._node_id = node_id
        if node_id != self._node_id:
            return self._fail(
                seq, ProblemKind.WRONG_NODE, f"receipt of node {node_id!r} in this chain"
            )
        if inner_seq != seq:
            return self._fail(
                seq, ProblemKind.OUT_OF_ORDER, f"position {seq} holds receipt {inner_seq}"
            )
        if prev_hash != self._prev:
            return self._fail(
                seq, ProblemKind.PREV_MISMATCH, f"link to receipt {seq - 1} is broken"
            )
        if sha256(prev_hash + data).digest() != hash_:
            return self._fail(
                seq, ProblemKind.HASH_MISMATCH, "content does not match its hash (edited)"
            )
        self._count += 1
        self._expected = seq + 1
        self._prev = hash_
        return self._seal_check(seq, prev_hash, hash_)

    def _seal_check(self, seq: int, prev_hash: bytes, hash_: bytes) -> bool:
        """Collect leaves for the checkpoint covering ``seq``; compare at its end."""
        starting = self._by_first.get(seq)
        if starting is not None:
            self._open = starting
            self._leaves = []
            if starting.prev_hash != prev_hash:
                return self._fail(
                    seq,
                    ProblemKind.CHECKPOINT_MISMATCH,
                    f"checkpoint {starting.first_seq}..{starting.last_seq} starts after "
                    "another hash",
                )
        cp = self._open
        if cp is None:
            return True
        self._leaves.append(hash_)
        if seq < cp.last_seq:
            return True
        self._open = None
        if checkpoint_root(self._leaves) != cp.root or cp.head_hash != hash_:
            return self._fail(
                cp.first_seq,
                ProblemKind.CHECKPOINT_MISMATCH,
                f"receipts {cp.first_seq}..{cp.last_seq} do not match their signed Merkle "
                "root (rewritten)",
            )
        return True

    # ----------------------------------------------------------------- result

    def finish(self) -> VerifyReport:
        """Run the final checks (sealed receipts absent at the end) and build the report."""
        last = None if self._expected is None else self._expected - 1
        if self._problem is None:
            sealed_end = self._cps[-1].last_seq if self._cps else 0
            if last is not None:
                have = last
            elif self._start_seq is not None:
                have = self._start_seq - 1
            else:
                have = sealed_end
            if sealed_end > have:
                self._problem = Problem(
                    have + 1,
                    ProblemKind.MISSING,
                    f"receipts {have + 1}..{sealed_end} are sealed by a checkpoint but absent "
                    "(truncated)",
                )
        problems = [p for p in (self._problem, self._cp_problem) if p is not None]
        first_problem = min(problems, key=lambda p: p.seq) if problems else None
        sealed = self._cps[-1].last_seq if self._cps else 0
        key_id = None if self._key is None else key_id_of(self._key)
        return VerifyReport(
            source=self._source,
            node_id=self._node_id,
            receipts=self._count,
            first_seq=self._first,
            last_seq=last,
            checkpoints=len(self._cps),
            sealed_through=sealed,
            unsealed=max(0, (last or 0) - sealed),
            key_id=key_id,
            key_trusted=self._key_trusted and self._key is not None,
            problem=first_problem,
        )
