"""RFC 6962 / RFC 9162 Merkle tree hashes, inclusion and consistency proofs.

Leaf hash ``SHA-256(0x00 || data)``, interior node ``SHA-256(0x01 || left || right)``, the
tree of ``n`` leaves split at the largest power of two below ``n``.  The empty tree's hash
is ``SHA-256("")``.  A checkpoint's leaves are the 32-byte hashes of its receipts.

Checked against the transparency-dev/merkle vectors in ``shared/vectors/rfc6962-merkle``.
"""

from __future__ import annotations

from hashlib import sha256
from typing import TYPE_CHECKING

from edge.receipts.errors import ProofError

if TYPE_CHECKING:
    from collections.abc import Sequence

HASH_SIZE = 32
EMPTY_ROOT = sha256(b"").digest()
"""Hash of the tree with no leaves."""


def leaf_hash(data: bytes) -> bytes:
    """Return ``SHA-256(0x00 || data)``."""
    return sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return ``SHA-256(0x01 || left || right)``."""
    return sha256(b"\x01" + left + right).digest()


def root_from_leaf_hashes(hashes: Sequence[bytes]) -> bytes:
    """Return the tree hash over already-hashed leaves.

    Pairing each level from the left and carrying an odd last node up unchanged gives the
    same tree as RFC 6962's split at the largest power of two.
    """
    if not hashes:
        return EMPTY_ROOT
    level = list(hashes)
    while len(level) > 1:
        nxt = [
            sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def merkle_root(entries: Sequence[bytes]) -> bytes:
    """Return the RFC 6962 tree hash of raw entries."""
    return root_from_leaf_hashes([leaf_hash(e) for e in entries])


CHUNK_LEAVES = 64
"""Leaves :class:`MerkleBuilder` folds at a time into one perfect subtree."""


class MerkleBuilder:
    """The tree hash of receipt hashes given a few at a time, built as they come.

    Gives the same root as ``root_from_leaf_hashes([leaf_hash(h) for h in hashes])`` over
    everything added, but spreads the work: each :meth:`add` hashes its leaves and folds
    every full ``CHUNK_LEAVES`` of them into a perfect subtree, kept on a stack of perfect
    subtrees of decreasing size (a compact range).  :meth:`root` then costs a few hashes
    instead of a whole tree.  The journal's sequencer feeds it each group's receipts, so
    sealing a checkpoint no longer hashes 2,000 nodes in one go while the receipts behind
    it wait (docs/receipts.md, "Storage").
    """

    __slots__ = ("_leaves", "_stack", "size")

    def __init__(self) -> None:
        self._stack: list[tuple[int, bytes]] = []
        self._leaves: list[bytes] = []
        self.size = 0
        """Number of leaves added."""

    def add(self, receipt_hashes: Sequence[bytes]) -> None:
        """Append leaves for ``receipt_hashes`` (each leaf is ``leaf_hash(h)``)."""
        leaves = self._leaves
        leaves.extend([sha256(b"\x00" + h).digest() for h in receipt_hashes])
        self.size += len(receipt_hashes)
        while len(leaves) >= CHUNK_LEAVES:
            level = leaves[:CHUNK_LEAVES]
            del leaves[:CHUNK_LEAVES]
            while len(level) > 1:  # a power of two: no odd node on any level
                it = iter(level)
                level = [sha256(b"\x01" + a + b).digest() for a, b in zip(it, it, strict=True)]
            self._stack = _push(self._stack, CHUNK_LEAVES, level[0])

    def root(self) -> bytes:
        """Return the tree hash of everything added so far (does not change the builder)."""
        if not self.size:
            return EMPTY_ROOT
        stack = list(self._stack)
        for leaf in self._leaves:
            stack = _push(stack, 1, leaf)
        # Perfect subtrees of decreasing size, folded from the right: RFC 6962's split at
        # the largest power of two below n, applied recursively.
        acc = stack[-1][1]
        for _, left in reversed(stack[:-1]):
            acc = sha256(b"\x01" + left + acc).digest()
        return acc


def _push(stack: list[tuple[int, bytes]], size: int, digest: bytes) -> list[tuple[int, bytes]]:
    """Push a perfect subtree, merging it with equal-sized ones on top; return the stack."""
    while stack and stack[-1][0] == size:
        _, left = stack.pop()
        digest = sha256(b"\x01" + left + digest).digest()
        size *= 2
    stack.append((size, digest))
    return stack


def _split(n: int) -> int:
    """Largest power of two strictly below ``n`` (``n >= 2``)."""
    return 1 << ((n - 1).bit_length() - 1)


class MerkleTree:
    """A fixed list of leaf hashes with cached subtree hashes, for generating proofs.

    Parameters
    ----------
    hashes
        The leaf hashes (``leaf_hash(entry)``), in order.
    """

    def __init__(self, hashes: Sequence[bytes]) -> None:
        self._hashes = hashes
        self._cache: dict[tuple[int, int], bytes] = {}

    @property
    def size(self) -> int:
        """Number of leaves."""
        return len(self._hashes)

    def root(self) -> bytes:
        """Return the tree hash."""
        return self._hash(0, self.size) if self._hashes else EMPTY_ROOT

    def inclusion_proof(self, index: int) -> list[bytes]:
        """Return the audit path of leaf ``index`` (RFC 6962 PATH)."""
        if not 0 <= index < self.size:
            raise ValueError(f"index {index} outside a tree of {self.size} leaves")
        return self._path(index, 0, self.size)

    def consistency_proof(self, size1: int) -> list[bytes]:
        """Return the proof that the first ``size1`` leaves are a prefix (RFC 6962 PROOF)."""
        if not 0 < size1 <= self.size:
            raise ValueError(f"size1 {size1} outside 1..{self.size}")
        return self._subproof(size1, 0, self.size, True)

    def _hash(self, lo: int, hi: int) -> bytes:
        if hi - lo == 1:
            return self._hashes[lo]
        key = (lo, hi)
        found = self._cache.get(key)
        if found is None:
            k = lo + _split(hi - lo)
            found = node_hash(self._hash(lo, k), self._hash(k, hi))
            self._cache[key] = found
        return found

    def _path(self, m: int, lo: int, hi: int) -> list[bytes]:
        if hi - lo <= 1:
            return []
        k = _split(hi - lo)
        if m < k:
            return [*self._path(m, lo, lo + k), self._hash(lo + k, hi)]
        return [*self._path(m - k, lo + k, hi), self._hash(lo, lo + k)]

    def _subproof(self, m: int, lo: int, hi: int, whole: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if whole else [self._hash(lo, hi)]
        k = _split(n)
        if m <= k:
            return [*self._subproof(m, lo, lo + k, whole), self._hash(lo + k, hi)]
        return [*self._subproof(m - k, lo + k, hi, False), self._hash(lo, lo + k)]


def inclusion_proof(index: int, hashes: Sequence[bytes]) -> list[bytes]:
    """Return the audit path of leaf ``index`` in the tree over ``hashes`` (leaf hashes)."""
    return MerkleTree(hashes).inclusion_proof(index)


def consistency_proof(size1: int, hashes: Sequence[bytes]) -> list[bytes]:
    """Return the proof that the first ``size1`` leaves are a prefix of the tree over ``hashes``."""
    return MerkleTree(hashes).consistency_proof(size1)


def _check_sizes(*hashes: bytes) -> None:
    for h in hashes:
        if len(h) != HASH_SIZE:
            raise ProofError(f"hash of {len(h)} bytes, expected {HASH_SIZE}")


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that ``leaf`` (a leaf hash) is at ``index`` in the tree of ``size`` with ``root``.

    Follows RFC 9162 section 2.1.3.2.

    Raises
    ------
    ProofError
        The proof is malformed, of the wrong length, or leads to another root.
    """
    _check_sizes(leaf, root, *proof)
    if not 0 <= index < size:
        raise ProofError(f"index {index} outside a tree of size {size}")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise ProofError("proof longer than the path")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("proof shorter than the path")
    if r != root:
        raise ProofError("inclusion proof leads to another root")


def verify_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes
) -> None:
    """Check that the tree ``(size1, root1)`` is a prefix of ``(size2, root2)``.

    Follows RFC 9162 section 2.1.4.2.  A proof from the empty tree proves nothing and is
    refused, as are equal sizes with a non-empty proof.

    Raises
    ------
    ProofError
        The proof is malformed, of the wrong length, or the roots do not match.
    """
    _check_sizes(*proof)  # a root of another length simply does not match
    if size1 <= 0:
        raise ProofError("a consistency proof from the empty tree proves nothing")
    if size2 < size1:
        raise ProofError(f"size2 {size2} < size1 {size1}")
    if size1 == size2:
        if proof:
            raise ProofError("equal sizes need an empty proof")
        if root1 != root2:
            raise ProofError("equal sizes with different roots")
        return
    if not proof:
        raise ProofError("empty proof")
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # size1 is a power of two: the old root is a subtree
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("proof longer than the path")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("proof shorter than the path")
    if fr != root1:
        raise ProofError("consistency proof does not lead to root1")
    if sr != root2:
        raise ProofError("consistency proof does not lead to root2")
