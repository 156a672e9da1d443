"""RFC 6962 Merkle code against the transparency-dev vectors (R1), then exhaustive self-checks."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from edge.receipts import (
    MerkleTree,
    ProofError,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    merkle_root,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
)
from edge.receipts.merkle import EMPTY_ROOT

# transparency-dev/merkle testdata (Apache-2.0, LICENSE beside the files), kept in the repo
# so the test never depends on a folder outside it.
VECTORS = Path(__file__).resolve().parents[3] / "data" / "rfc6962-merkle"
CASES = sorted(VECTORS.rglob("*.json"))


def b64(value: str | None) -> bytes:
    return base64.b64decode(value) if value else b""


def test_all_vectors_are_present() -> None:
    assert VECTORS.is_dir(), f"vectors not found at {VECTORS}"
    assert len(CASES) == 196


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(VECTORS)))
def test_vector(path: Path) -> None:
    case = json.loads(path.read_text())
    proof = [b64(p) for p in case["proof"] or []]
    try:
        if "leafIdx" in case:
            verify_inclusion(
                case["leafIdx"], case["treeSize"], b64(case["leafHash"]), proof, b64(case["root"])
            )
        else:
            verify_consistency(
                case["size1"], case["size2"], proof, b64(case["root1"]), b64(case["root2"])
            )
    except ProofError:
        assert case["wantErr"], case["desc"]
    else:
        assert not case["wantErr"], case["desc"]


def test_known_roots() -> None:
    # RFC 6962 test data as used by transparency-dev: the 8-leaf reference tree.
    leaves = [
        bytes.fromhex(h)
        for h in (
            "",
            "00",
            "10",
            "2021",
            "3031",
            "40414243",
            "5051525354555657",
            "606162636465666768696a6b6c6d6e6f",
        )
    ]
    assert merkle_root([]) == EMPTY_ROOT
    assert merkle_root(leaves[:1]).hex() == (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    )
    assert merkle_root(leaves).hex() == (
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    )


def self_check(max_incl: int, max_cons: int) -> None:
    hashes = [leaf_hash(i.to_bytes(4, "big")) for i in range(max(max_incl, max_cons))]
    for n in range(1, max_incl + 1):
        tree = MerkleTree(hashes[:n])
        root = tree.root()
        assert root == root_from_leaf_hashes(hashes[:n])
        for i in range(n):
            verify_inclusion(i, n, hashes[i], tree.inclusion_proof(i), root)
    roots = [root_from_leaf_hashes(hashes[:n]) for n in range(max_cons + 1)]
    for n in range(1, max_cons + 1):
        tree = MerkleTree(hashes[:n])
        for m in range(1, n):
            verify_consistency(m, n, tree.consistency_proof(m), roots[m], roots[n])


def test_every_proof_verifies_r1_sizes() -> None:
    self_check(max_incl=555, max_cons=100)  # RELIABILITY R1: ~154,000 + 4,950 proofs


def test_a_wrong_leaf_or_root_is_refused() -> None:
    tree = [leaf_hash(bytes([i])) for i in range(11)]
    root = root_from_leaf_hashes(tree)
    proof = inclusion_proof(5, tree)
    with pytest.raises(ProofError):
        verify_inclusion(5, 11, tree[4], proof, root)
    with pytest.raises(ProofError):
        verify_inclusion(4, 11, tree[5], proof, root)
    with pytest.raises(ProofError):
        verify_consistency(3, 11, consistency_proof(3, tree), root, root)
