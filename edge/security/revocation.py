"""The revocation list as an edge node holds it: verified, newest wins, persisted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec

from edge.receipts.atomic import write_atomic
from edge.security.errors import SecurityError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

CRL_MAX_BYTES = 60_000
"""Largest revocation list accepted (fits a control frame; about 1,500 revoked serials)."""
CRL_WARN_S = 3 * 86_400.0
"""A revocation list this close to its ``next_update`` raises the alarm (3 days: time to
carry a refreshed list to an offline site)."""


def lapse_alarm(number: int, next_update: float, now: float) -> str | None:
    """Return the alarm for a revocation list near or past its ``next_update``, or ``None``.

    ``next_update`` 0 means the list names none (it never lapses).
    """
    if next_update <= 0:
        return None
    left = next_update - now
    due = dt.datetime.fromtimestamp(next_update, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    fix = "re-sign it with 'atlasmesh site revoke --refresh' and push or copy it"
    if left <= 0:
        return (
            f"revocation list {number} lapsed {-left / 3600:.1f} h ago (next update was due "
            f"{due}); still enforced: {fix}"
        )
    if left <= CRL_WARN_S:
        return f"revocation list {number} lapses in {left / 3600:.1f} h ({due}): {fix}"
    return None


def _trusted(ca: x509.Certificate | Sequence[x509.Certificate]) -> tuple[x509.Certificate, ...]:
    return (ca,) if isinstance(ca, x509.Certificate) else tuple(ca)


@dataclass(frozen=True, slots=True)
class RevocationList:
    """A verified revocation list: its number, validity and revoked serials."""

    number: int
    next_update: float
    serials: frozenset[int]
    pem: bytes

    @classmethod
    def verify(
        cls, pem: bytes, ca: x509.Certificate | Sequence[x509.Certificate]
    ) -> RevocationList:
        """Parse ``pem`` and check it was signed by the site authority ``ca``.

        While the site rotates its authority, ``ca`` lists the authorities trusted; any of
        them may have signed it.

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
    def parse(cls, pem: bytes) -> RevocationList:
        """Read a list's number and validity without checking its signature.

        For the console watching its own copy's next update.

        Raises
        ------
        ValueError
            When ``pem`` is not a revocation list with a number.
        """
        try:
            crl = x509.load_pem_x509_crl(pem)
            number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
            nxt = crl.next_update_utc
            serials = frozenset(r.serial_number for r in crl)
        except (ValueError, TypeError, x509.ExtensionNotFound) as exc:
            raise ValueError(f"not a numbered PEM revocation list ({exc})") from None
        return cls(number, nxt.timestamp() if nxt is not None else 0.0, serials, pem)

    @classmethod
    def _verify(
        cls, pem: bytes, ca: x509.Certificate | Sequence[x509.Certificate]
    ) -> RevocationList:
        try:
            crl = x509.load_pem_x509_crl(pem)
        except ValueError as exc:
            raise SecurityError(f"revocation list is not a PEM CRL: {exc}") from None
        issuers = [c for c in _trusted(ca) if crl.issuer == c.subject]
        if not issuers:
            raise SecurityError("revocation list was issued by another authority")
        key = issuers[0].public_key()
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
        The site authority certificate that must have signed every list (during an
        authority rotation: the authorities trusted, any of which may sign).
    """

    def __init__(self, path: Path, ca: x509.Certificate | Sequence[x509.Certificate]) -> None:
        self.path = path
        self.ca = _trusted(ca)
        self.current: RevocationList | None = None
        if path.exists():
            self.current = RevocationList.verify(path.read_bytes(), ca)

    def alarm(self, now: float) -> str | None:
        """Return why the current list needs attention at wall time ``now``, or ``None``.

        That is: near or past its ``next_update``, or missing.  A lapsed list stays enforced.
        """
        if self.current is None:
            return "no revocation list installed: revoked certificates cannot be refused"
        return lapse_alarm(self.current.number, self.current.next_update, now)

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
