"""Signed checkpoints: encoding, signatures, forged and malformed signatures refused (R4)."""

from __future__ import annotations

from dataclasses import replace
from hashlib import sha256

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from edge.receipts import (
    Checkpoint,
    MalformedReceiptError,
    SignatureError,
    decode_checkpoint,
    inclusion_proof,
    key_id,
    leaf_hash,
    seal,
    verify_inclusion,
)
from edge.receipts.merkle import CHUNK_LEAVES, EMPTY_ROOT, MerkleBuilder, root_from_leaf_hashes

HASHES = [sha256(bytes([i])).digest() for i in range(10)]
PREV = bytes(32)


def sealed(key: Ed25519PrivateKey) -> Checkpoint:
    return seal("n1", 1, PREV, HASHES, key, 1_700_000_000.0)


def test_checkpoint_covers_its_receipts(node_key: Ed25519PrivateKey) -> None:
    cp = sealed(node_key)
    assert (cp.first_seq, cp.last_seq, cp.size) == (1, 10, 10)
    assert cp.head_hash == HASHES[-1]
    assert cp.key_id == key_id(node_key.public_key())
    cp.verify_signature(node_key.public_key())
    leaves = [leaf_hash(h) for h in HASHES]
    verify_inclusion(3, 10, leaves[3], inclusion_proof(3, leaves), cp.root)


def test_stored_bytes_round_trip(node_key: Ed25519PrivateKey) -> None:
    cp = sealed(node_key)
    assert decode_checkpoint(cp.signed_bytes(), cp.signature) == cp
    with pytest.raises(MalformedReceiptError):
        decode_checkpoint(cp.signed_bytes()[:-1], cp.signature)
    with pytest.raises(MalformedReceiptError):
        decode_checkpoint(cp.signed_bytes() + b"x", cp.signature)


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda cp, other: replace(cp, signature=cp.signature[:-1]), id="truncated"),
        pytest.param(lambda cp, other: replace(cp, signature=bytes(64)), id="zeros"),
        pytest.param(lambda cp, other: replace(cp, last_seq=11), id="edited-range"),
        pytest.param(lambda cp, other: replace(cp, root=bytes(32)), id="edited-root"),
        pytest.param(lambda cp, other: replace(cp, sealed_at=cp.sealed_at + 1), id="edited-time"),
        pytest.param(lambda cp, other: sealed(other), id="other-key"),
        pytest.param(
            lambda cp, other: replace(sealed(other), key_id=cp.key_id), id="other-key-same-id"
        ),
    ],
)
def test_forged_checkpoints_are_refused(node_key: Ed25519PrivateKey, forge) -> None:  # type: ignore[no-untyped-def]
    forged = forge(sealed(node_key), Ed25519PrivateKey.generate())
    with pytest.raises(SignatureError):
        forged.verify_signature(node_key.public_key())


def test_nothing_to_seal_is_an_error(node_key: Ed25519PrivateKey) -> None:
    with pytest.raises(ValueError, match="nothing"):
        seal("n1", 1, PREV, [], node_key, 1.0)


@given(
    n=st.integers(0, 5 * CHUNK_LEAVES + 3),
    steps=st.lists(st.integers(1, 2 * CHUNK_LEAVES + 1), min_size=1, max_size=20),
)
def test_the_incremental_tree_has_the_rfc6962_root(n: int, steps: list[int]) -> None:
    hashes = [sha256(i.to_bytes(4, "big")).digest() for i in range(n)]
    builder = MerkleBuilder()
    assert builder.root() == EMPTY_ROOT
    done = 0
    for k in steps * (n // max(1, sum(steps)) + 1):
        if done >= n:
            break
        builder.add(hashes[done : done + k])
        done = min(n, done + k)
        # root() mid-way neither disturbs the builder nor lags behind what was added
        assert builder.root() == root_from_leaf_hashes([leaf_hash(h) for h in hashes[:done]])
    assert builder.size == n
    assert builder.root() == root_from_leaf_hashes([leaf_hash(h) for h in hashes])


def test_a_prebuilt_root_seals_the_same_checkpoint(node_key: Ed25519PrivateKey) -> None:
    builder = MerkleBuilder()
    builder.add(HASHES[:3])
    builder.add(HASHES[3:])
    cp = seal("n1", 1, PREV, HASHES, node_key, 1_700_000_000.0, root=builder.root())
    assert cp.root == sealed(node_key).root
    cp.verify_signature(node_key.public_key())
    with pytest.raises(ValueError, match="32-byte"):
        seal("n1", 1, PREV, HASHES, node_key, 1.0, root=b"short")
