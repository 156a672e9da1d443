"""The revocation list as an edge node holds it: verified, newest wins, persisted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec

from edge.receipts.atomic import write_atomic
from edge.security.errors import SecurityError

if TYPE_CHECKING:
    from pathlib import Path

CRL_MAX_BYTES = 60_000
"""Largest revocation list accepted (fits a control frame; about 1,500 revoked serials)."""


@dataclass(frozen=True, slots=True)
class RevocationList:
    """A verified revocation list: its number, validity and revoked serials."""

    number: int
    next_update: float
    serials: frozenset[int]
    pem: bytes

    @classmethod
    def verify(cls, pem: bytes, ca: x509.Certificate) -> RevocationList:
        """Parse ``pem`` and check it was signed by the site authority ``ca``.

        Raises
        ------
        SecurityError
            When the list is too large, unreadable, from another issuer, badly signed or
            has no CRL number.
        """
        if len(pem) > CRL_MAX_BYTES:
            raise SecurityError(f"revocation list of {len(pem)} bytes exceeds {CRL_MAX_BYTES}")
        try:
            return cls._verify(pem, ca)
        except (ValueError, TypeError, x509.InvalidVersion, UnsupportedAlgorithm) as exc:
            # cryptography parses a list's fields lazily: damage surfaces on first access
            raise SecurityError(f"revocation list is malformed: {exc}") from None

    @classmethod
    def _verify(cls, pem: bytes, ca: x509.Certificate) -> RevocationList:
        try:
            crl = x509.load_pem_x509_crl(pem)
        except ValueError as exc:
            raise SecurityError(f"revocation list is not a PEM CRL: {exc}") from None
        if crl.issuer != ca.subject:
            raise SecurityError("revocation list was issued by another authority")
        key = ca.public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey) or not crl.is_signature_valid(key):
            raise SecurityError("revocation list signature does not verify with the site key")
        try:
            number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
        except x509.ExtensionNotFound:
            raise SecurityError("revocation list has no CRL number") from None
        nxt = crl.next_update_utc
        return cls(
            number=number,
            next_update=nxt.timestamp() if nxt is not None else 0.0,
            serials=frozenset(r.serial_number for r in crl),
            pem=pem,
        )


class RevocationStore:
    """The node's current revocation list, persisted in ``path``; only newer lists replace it.

    Parameters
    ----------
    path
        Where the list is kept (written atomically); loaded at start when present.
    ca
        The site authority certificate that must have signed every list.
    """

    def __init__(self, path: Path, ca: x509.Certificate) -> None:
        self.path = path
        self.ca = ca
        self.current: RevocationList | None = None
        if path.exists():
            self.current = RevocationList.verify(path.read_bytes(), ca)

    @property
    def serials(self) -> frozenset[int]:
        """Serials revoked by the current list."""
        return self.current.serials if self.current is not None else frozenset()

    def offer(self, pem: bytes) -> tuple[bool, bool, str]:
        """Install ``pem`` if it verifies and is newer; return ``(installed, current, reason)``.

        ``current`` is true when the node now holds exactly this list (installed now or
        before); an older list is refused with ``current`` false so the sender learns it is
        behind.

        Raises
        ------
        SecurityError
            When the list does not verify (the current one stays).
        """
        crl = RevocationList.verify(pem, self.ca)
        if self.current is not None and crl.number == self.current.number:
            return False, True, f"list {crl.number} already installed"
        if self.current is not None and crl.number < self.current.number:
            return False, False, f"list {crl.number} is older than {self.current.number}"
        write_atomic(self.path, pem, mode=0o644)
        self.current = crl
        return True, True, f"list {crl.number} installed, {len(crl.serials)} revoked"
