"""Errors of the receipts package.

::

    EdgeError                   (edge.errors)
    └── ReceiptError            a receipt, checkpoint, proof or key could not be used
        ├── MalformedReceiptError    bytes or fields that do not form a valid receipt / checkpoint
        ├── ProofError          a Merkle inclusion or consistency proof does not verify
        ├── SignatureError      a checkpoint signature is invalid or made with another key
        └── KeyFileError        a node key file is missing, unreadable or too permissive
"""

from __future__ import annotations

from edge.errors import EdgeError


class ReceiptError(EdgeError):
    """Base class of the receipts package's errors."""


class MalformedReceiptError(ReceiptError):
    """Bytes or fields do not form a valid receipt or checkpoint."""


class ProofError(ReceiptError):
    """A Merkle inclusion or consistency proof does not verify."""


class SignatureError(ReceiptError):
    """A checkpoint signature is invalid, truncated or made with another key."""


class KeyFileError(ReceiptError):
    """A node key file is missing, unreadable, of the wrong type or readable by others."""
