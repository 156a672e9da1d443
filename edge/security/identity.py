"""Who a certificate names: site, kind (edge node or console), name and a console's ceiling.

Identity lives in the certificate's subject alternative names as URIs, so TLS libraries in
any language can read it::

    urn:atlasmesh:<site_id>:<kind>:<name>       kind is "edge" or "console"
    urn:atlasmesh:<site_id>:max-role:<role>     consoles only: the highest operator role
                                                 the site lets this console assert
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from edge.security.errors import SecurityError
from edge.security.roles import Role

Kind = Literal["edge", "console"]

NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
"""Site ids, node ids, console ids and user names: letters, digits, ``_ . -``."""
URN_PREFIX = "urn:atlasmesh:"


def check_name(what: str, value: str) -> str:
    """Return ``value`` when it is a valid id; raise :class:`SecurityError` naming ``what``."""
    if not NAME_RE.match(value):
        raise SecurityError(
            f"{what} {value!r} is not valid: use 1-64 letters, digits, '_', '.' or '-'"
        )
    return value


def identity_uri(site_id: str, kind: Kind, name: str) -> str:
    """Return the SAN URI naming a node or console of a site."""
    return f"{URN_PREFIX}{site_id}:{kind}:{name}"


def max_role_uri(site_id: str, role: Role) -> str:
    """Return the SAN URI carrying a console's operator-role ceiling."""
    return f"{URN_PREFIX}{site_id}:max-role:{role.label}"


@dataclass(frozen=True, slots=True)
class PeerIdentity:
    """What a verified certificate says about its holder."""

    site_id: str
    kind: Kind
    name: str
    serial: int
    max_role: Role | None
    """A console's operator-role ceiling (``None`` for edge nodes)."""
    public_key: ec.EllipticCurvePublicKey
    """The certified key: a console signs its operator assertions with it."""
    not_after: float
    """End of validity, epoch seconds."""


def identity_of(cert: x509.Certificate) -> PeerIdentity:
    """Read the AtlasMesh identity out of a certificate (already verified by TLS).

    Raises
    ------
    SecurityError
        When the certificate carries no AtlasMesh identity, several, or a key other than
        an elliptic-curve one.
    """
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        raise SecurityError("certificate has no subject alternative names") from None
    uris = list(san.get_values_for_type(x509.UniformResourceIdentifier))
    ids, ceilings = [], []
    for uri in uris:
        if not uri.startswith(URN_PREFIX):
            continue
        parts = uri[len(URN_PREFIX) :].split(":")
        if len(parts) != 3:
            continue
        site, kind, value = parts
        if kind in ("edge", "console"):
            ids.append((site, kind, value))
        elif kind == "max-role":
            ceilings.append((site, value))
    if len(ids) != 1:
        raise SecurityError(
            f"certificate must name exactly one AtlasMesh identity, found {len(ids)}"
        )
    site, kind, name = ids[0]
    max_role: Role | None = None
    if kind == "console":
        roles = [Role.parse(r) for s, r in ceilings if s == site]
        max_role = min(roles) if roles else Role.VIEWER
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise SecurityError("certificate key must be an elliptic-curve key")
    return PeerIdentity(
        site_id=site,
        kind="edge" if kind == "edge" else "console",
        name=name,
        serial=cert.serial_number,
        max_role=max_role,
        public_key=key,
        not_after=cert.not_valid_after_utc.timestamp(),
    )
