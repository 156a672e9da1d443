"""The edge node's Ed25519 key pair: load or create (PEM, mode 0600, atomic), key ids."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from edge.receipts.atomic import create_atomic
from edge.receipts.errors import KeyFileError

if TYPE_CHECKING:
    import os


def public_bytes(key: Ed25519PublicKey) -> bytes:
    """Return the 32 raw bytes of a public key."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """Return a short, stable id for a public key: 16 hex digits of SHA-256 of its raw bytes."""
    return hashlib.sha256(public_bytes(key)).hexdigest()[:16]


def public_key_from_bytes(raw: bytes) -> Ed25519PublicKey:
    """Rebuild a public key from its 32 raw bytes.

    Raises
    ------
    KeyFileError
        ``raw`` is not a valid Ed25519 public key.
    """
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise KeyFileError(f"invalid Ed25519 public key ({len(raw)} bytes)") from exc


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    """Return the unencrypted PKCS#8 PEM of a private key."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    """Return the SubjectPublicKeyInfo PEM of a public key (what `verify` is given)."""
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_private_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    """Load a node's private key, refusing a file that others can read.

    Raises
    ------
    KeyFileError
        Missing or unreadable file, permissions wider than 0600, not an Ed25519 key.
    """
    p = Path(path)
    try:
        mode = stat.S_IMODE(p.stat().st_mode)
        data = p.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"cannot read node key {p}: {exc.strerror}") from exc
    if mode & 0o077:
        raise KeyFileError(f"node key {p} has mode {mode:04o}; fix with: chmod 600 {p}")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(f"node key {p} is not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"node key {p} is not an Ed25519 key")
    return key


def load_or_create_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    """Load the node key at ``path``, creating it (0600, atomically) on first start.

    Two processes starting at once end up with the same key: creation never replaces an
    existing file.
    """
    p = Path(path)
    if not p.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
        create_atomic(p, private_key_pem(Ed25519PrivateKey.generate()), mode=0o600)
    return load_private_key(p)


def load_public_key(path: str | os.PathLike[str]) -> Ed25519PublicKey:
    """Load a public key from a PEM file (a public key, or a private key to derive it from).

    Raises
    ------
    KeyFileError
        Unreadable file or not an Ed25519 key.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"cannot read key {p}: {exc.strerror}") from exc
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        return load_private_key(p).public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"key {p} is not an Ed25519 public key")
    return key
