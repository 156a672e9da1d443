"""Tamper-evident receipts: canonical records, the per-node hash chain, signed Merkle checkpoints.

File-level verification (``verify_journal``, ``verify_export`` and the ``atlasmesh verify``
entry point) lives in :mod:`edge.receipts.verify`, which also reads journal files and is
therefore not imported here.
"""

from edge.receipts.atomic import create_atomic, write_atomic
from edge.receipts.audit import ChainAuditor, Problem, ProblemKind, VerifyReport
from edge.receipts.chain import ReceiptChain
from edge.receipts.checkpoint import Checkpoint, decode_checkpoint, encode_checkpoint, seal
from edge.receipts.errors import (
    KeyFileError,
    MalformedReceiptError,
    ProofError,
    ReceiptError,
    SignatureError,
)
from edge.receipts.keys import (
    key_id,
    load_or_create_key,
    load_private_key,
    load_public_key,
    public_key_pem,
)
from edge.receipts.merkle import (
    MerkleTree,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    merkle_root,
    node_hash,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
)
from edge.receipts.record import (
    FORMAT_VERSION,
    GENESIS_HASH,
    Receipt,
    ReceiptBody,
    decode_receipt,
    encode_receipt,
    receipt_from_message,
)

__all__ = [
    "FORMAT_VERSION",
    "GENESIS_HASH",
    "ChainAuditor",
    "Checkpoint",
    "KeyFileError",
    "MalformedReceiptError",
    "MerkleTree",
    "Problem",
    "ProblemKind",
    "ProofError",
    "Receipt",
    "ReceiptBody",
    "ReceiptChain",
    "ReceiptError",
    "SignatureError",
    "VerifyReport",
    "consistency_proof",
    "create_atomic",
    "decode_checkpoint",
    "decode_receipt",
    "encode_checkpoint",
    "encode_receipt",
    "inclusion_proof",
    "key_id",
    "leaf_hash",
    "load_or_create_key",
    "load_private_key",
    "load_public_key",
    "merkle_root",
    "node_hash",
    "public_key_pem",
    "receipt_from_message",
    "root_from_leaf_hashes",
    "seal",
    "verify_consistency",
    "verify_inclusion",
    "write_atomic",
]
