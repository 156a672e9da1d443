"""Operator assertions: a console vouches, with its certified key, for a signed-in operator.

The edge node cannot reach an identity provider (the site may be offline), so operator
identity travels with the command: when an operator signs in on a console, the console
issues a short-lived assertion ``BASE64URL(payload) "." BASE64URL(signature)`` where the
payload is compact JSON::

    {"v":1,"sub":"alice","role":"operator","site":"demo-mine","con":"console-1",
     "sid":"<sign-in session id>","iat":1767261600.0,"exp":1767262500.0}

and the signature is ECDSA P-256 / SHA-256 over the payload bytes, made with the private key
of the console's certificate.  The edge node verifies it with the public key of the
certificate the console presented in the TLS handshake, so only that console can speak for
its operators, and only within the role ceiling the site authority wrote into that
certificate.  There is no algorithm field to confuse: the algorithm is fixed by the key.

On a link in insecure development mode (plain ``ws://``, no certificates) the signature is
``-`` and nothing is verified but the claims' shape and times; the console flags such links.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from edge.security.errors import AssertionInvalidError, SecurityError
from edge.security.identity import check_name
from edge.security.roles import Role

if TYPE_CHECKING:
    from edge.security.identity import PeerIdentity

ASSERTION_MAX_CHARS: Final = 2048
MAX_LIFETIME_S: Final = 30 * 60.0
"""An assertion lives at most 30 minutes: sessions are re-validated at least that often."""
CLOCK_SKEW_S: Final = 5.0
"""Tolerated difference between the console's and the edge node's clocks."""
UNSIGNED: Final = "-"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class OperatorClaim:
    """What a verified assertion says."""

    operator: str
    role: Role
    site_id: str
    console: str
    session_id: str
    issued_at: float
    expires_at: float
    signed: bool


def issue_assertion(claim: OperatorClaim, key: ec.EllipticCurvePrivateKey | None) -> str:
    """Serialise and sign ``claim`` with the console's key (unsigned when ``key`` is ``None``)."""
    payload = json.dumps(
        {
            "v": 1,
            "sub": claim.operator,
            "role": claim.role.label,
            "site": claim.site_id,
            "con": claim.console,
            "sid": claim.session_id,
            "iat": claim.issued_at,
            "exp": claim.expires_at,
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode()
    if key is None:
        return f"{_b64(payload)}.{UNSIGNED}"
    return f"{_b64(payload)}.{_b64(key.sign(payload, ec.ECDSA(hashes.SHA256())))}"


def verify_assertion(
    token: str,
    *,
    site_id: str,
    now: float,
    peer: PeerIdentity | None,
    console: str | None = None,
) -> OperatorClaim:
    """Check an assertion and return its claim.

    Parameters
    ----------
    token
        The assertion as carried in a command's ``auth.assertion``.
    site_id
        This edge node's site: the assertion must name it.
    now
        The edge node's wall clock, epoch seconds.
    peer
        The console's verified certificate identity; ``None`` on an insecure link, where
        only an unsigned assertion's shape and times are checked.
    console
        On an insecure link, the console id from ``hello`` the assertion must name.

    Raises
    ------
    AssertionInvalidError
        Saying what is wrong: malformed, unsigned on a secure link, bad signature, another
        site or console, a role above the console's ceiling, not yet valid, expired, or
        living longer than :data:`MAX_LIFETIME_S`.
    """
    if len(token) > ASSERTION_MAX_CHARS:
        raise AssertionInvalidError("operator assertion is too long")
    head, dot, sig = token.partition(".")
    if not dot:
        raise AssertionInvalidError("operator assertion must be PAYLOAD.SIGNATURE")
    try:
        payload = _unb64(head)
        raw = json.loads(payload)
    except (ValueError, binascii.Error, RecursionError) as exc:
        raise AssertionInvalidError(f"operator assertion payload is unreadable: {exc}") from None
    if not isinstance(raw, dict) or raw.get("v") != 1:
        raise AssertionInvalidError("operator assertion payload must be a version 1 object")
    if peer is not None:
        if sig == UNSIGNED:
            raise AssertionInvalidError("unsigned operator assertion on an authenticated link")
        try:
            peer.public_key.verify(_unb64(sig), payload, ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError, binascii.Error):
            raise AssertionInvalidError(
                "operator assertion signature does not verify with the console's certificate"
            ) from None
    try:
        claim = OperatorClaim(
            operator=check_name("operator", str(raw["sub"])),
            role=Role.parse(str(raw["role"])),
            site_id=str(raw["site"]),
            console=str(raw["con"]),
            session_id=str(raw["sid"])[:64],
            issued_at=float(raw["iat"]),
            expires_at=float(raw["exp"]),
            signed=peer is not None,
        )
    except (KeyError, TypeError, ValueError, OverflowError, SecurityError) as exc:
        raise AssertionInvalidError(f"operator assertion claims are invalid: {exc}") from None
    if not (claim.issued_at == claim.issued_at and claim.expires_at == claim.expires_at):
        raise AssertionInvalidError("operator assertion times are not numbers")
    if claim.site_id != site_id:
        raise AssertionInvalidError(
            f"operator assertion is for site {claim.site_id!r}, not {site_id!r}"
        )
    expected_console = peer.name if peer is not None else console
    if expected_console is not None and claim.console != expected_console:
        raise AssertionInvalidError(
            f"operator assertion was issued by console {claim.console!r}, "
            f"not by {expected_console!r}"
        )
    if peer is not None and peer.max_role is not None and claim.role > peer.max_role:
        raise AssertionInvalidError(
            f"role {claim.role.label} is above console {peer.name}'s ceiling {peer.max_role.label}"
        )
    if claim.expires_at - claim.issued_at > MAX_LIFETIME_S:
        raise AssertionInvalidError("operator assertion lives longer than 30 minutes")
    if claim.issued_at > now + CLOCK_SKEW_S:
        raise AssertionInvalidError("operator assertion is issued in the future (check clocks)")
    if now >= claim.expires_at:
        raise AssertionInvalidError("operator assertion has expired; sign in again")
    return claim
