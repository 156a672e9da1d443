"""TLS contexts for mutually authenticated links, and a node's or console's credentials.

Both ends run TLS 1.3 only, trust only the site authority, and require the peer's
certificate.  The edge node additionally checks, before the WebSocket opens, that the
client certificate names a console of its site and is not revoked (:mod:`edge.security.guard`).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from edge.security.authority import CA, CERT, CRL, KEY
from edge.security.errors import SecurityError
from edge.security.identity import PeerIdentity, identity_of

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class TlsCredentials:
    """A credentials directory written by ``atlasmesh site enroll``."""

    home: Path
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    ca: x509.Certificate
    """The site authority (the first of ``ca.pem``: the one issuing now)."""
    identity: PeerIdentity
    trusted: tuple[x509.Certificate, ...] = ()
    """Every authority in ``ca.pem``: two while the site rotates its authority."""

    @classmethod
    def load(cls, home: Path) -> TlsCredentials:
        """Load ``cert.pem``, ``key.pem`` and ``ca.pem`` (one or more authorities) from ``home``.

        Raises
        ------
        SecurityError
            Naming the missing or bad file and how to get a good one.
        """
        try:
            cert = x509.load_pem_x509_certificate((home / CERT).read_bytes())
            trusted = tuple(x509.load_pem_x509_certificates((home / CA).read_bytes()))
            key = serialization.load_pem_private_key((home / KEY).read_bytes(), None)
        except (OSError, ValueError) as exc:
            raise SecurityError(
                f"cannot load TLS credentials from {home}: {exc}; issue them with "
                "'atlasmesh site enroll'"
            ) from None
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise SecurityError(f"{home / KEY} is not an elliptic-curve key")
        if (home / KEY).stat().st_mode & 0o077:
            raise SecurityError(
                f"{home / KEY} is readable by other users; restrict it with "
                f"'chmod 600 {home / KEY}' (and consider it exposed if others could read it)"
            )
        return cls(home, cert, key, trusted[0], identity_of(cert), trusted)

    @property
    def crl_path(self) -> Path:
        """Where this node keeps its revocation list."""
        return self.home / CRL


def _base(purpose: ssl.Purpose, creds: TlsCredentials) -> ssl.SSLContext:
    ctx = ssl.create_default_context(purpose, cafile=str(creds.home / CA))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.options |= ssl.OP_NO_COMPRESSION | ssl.OP_NO_TICKET
    ctx.load_cert_chain(str(creds.home / CERT), str(creds.home / KEY))
    return ctx


def server_context(creds: TlsCredentials) -> ssl.SSLContext:
    """Build the edge node's context: TLS 1.3, client certificate required, site CA only."""
    if creds.identity.kind != "edge":
        raise SecurityError(
            f"{creds.home} holds a {creds.identity.kind} certificate, not an edge one"
        )
    return _base(ssl.Purpose.CLIENT_AUTH, creds)


def client_context(creds: TlsCredentials) -> ssl.SSLContext:
    """Build the console's context: TLS 1.3, presents its certificate, verifies the node's name."""
    if creds.identity.kind != "console":
        raise SecurityError(
            f"{creds.home} holds a {creds.identity.kind} certificate, not a console one"
        )
    ctx = _base(ssl.Purpose.SERVER_AUTH, creds)
    ctx.check_hostname = True
    return ctx


def peer_certificate(ssl_object: ssl.SSLObject | ssl.SSLSocket | None) -> x509.Certificate | None:
    """Return the certificate the TLS peer presented (already verified), or ``None``."""
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(binary_form=True)
    return x509.load_der_x509_certificate(der) if der else None
