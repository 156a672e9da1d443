"""The site authority: a small offline CA that certifies a site's edge nodes and consoles.

Layout of its directory (``atlasmesh site init``)::

    site.json     {"site_id": ...}
    ca.key        the authority's private key (EC P-256, PEM, mode 0600) - keep it offline
    ca.pem        the authority's self-signed certificate: every node and console trusts it;
                  during a rotation two: the new (issuing) authority first, then the old one
    ca-previous.key  the old authority's key, kept only during a rotation
    crl.pem       the current certificate revocation list, signed by ca.key
    issued.json   every certificate issued: serial, kind, name, validity, revoked
    users.json    local operator accounts (edge.security.accounts)

An enrolment (``atlasmesh site enroll``) writes a credentials directory for one node or
console: ``cert.pem``, ``key.pem`` (0600), ``ca.pem`` and ``crl.pem``.

Rotation with dual trust (``atlasmesh site rotate-ca start|finish``): :meth:`SiteAuthority.
begin_rotation` creates a new authority that issues from then on while ``ca.pem`` trusts both;
nodes and consoles given that ``ca.pem`` accept certificates of either, so they can be
re-enrolled one by one; :meth:`SiteAuthority.finish_rotation` retires the old authority.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from edge.receipts.atomic import write_atomic
from edge.security.errors import AuthorityError
from edge.security.identity import Kind, check_name, identity_uri, max_role_uri
from edge.security.roles import Role

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

CA_DAYS = 5 * 365
"""Validity of a new site authority certificate (rotate before it ends; docs/security.md)."""
LEAF_DAYS = 365
"""Default validity of node and console certificates."""
CRL_DAYS = 30
"""Validity of a revocation list; re-sign (``site revoke --refresh``) before it lapses."""

CERT, KEY, CA, CRL = "cert.pem", "key.pem", "ca.pem", "crl.pem"
PREVIOUS_KEY = "ca-previous.key"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@dataclass(frozen=True, slots=True)
class Issued:
    """One certificate the authority issued."""

    serial: int
    kind: Kind
    name: str
    not_after: str
    revoked: bool = False
    max_role: str | None = None
    generation: int = 1
    """Which authority of the site issued it (1 the first, 2 after one rotation, ...)."""


class SiteAuthority:
    """Open an existing site authority directory.

    Raises
    ------
    AuthorityError
        When the directory is not an initialised site authority.
    """

    def __init__(self, home: Path, *, clock: Callable[[], dt.datetime] = _now) -> None:
        self.home = home
        self._clock = clock
        try:
            meta = json.loads((home / "site.json").read_text(encoding="utf-8"))
            self.site_id: str = meta["site_id"]
            self.generation: int = int(meta.get("generation", 1))
            self.trusted = tuple(x509.load_pem_x509_certificates((home / CA).read_bytes()))
            key = serialization.load_pem_private_key((home / "ca.key").read_bytes(), None)
        except (OSError, ValueError, KeyError) as exc:
            raise AuthorityError(
                f"{home} is not a usable site authority ({exc}); create one with "
                "'atlasmesh site init --dir DIR --site-id SITE'"
            ) from None
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise AuthorityError(f"{home / 'ca.key'} is not an elliptic-curve key")
        self.ca_cert = self.trusted[0]
        """The authority issuing now (the first of ``ca.pem``)."""
        if self.ca_cert.public_key() != key.public_key():
            raise AuthorityError(
                f"{home / 'ca.key'} does not belong to the first certificate of {home / CA} "
                "(an interrupted rotation?); restore the directory from its backup"
            )
        self._key = key

    # ------------------------------------------------------------------ creation

    @classmethod
    def init(
        cls,
        home: Path,
        site_id: str,
        *,
        days: int = CA_DAYS,
        clock: Callable[[], dt.datetime] = _now,
    ) -> SiteAuthority:
        """Create a new site authority in ``home`` (which must not hold one already).

        Raises
        ------
        AuthorityError
            When ``home`` already holds an authority: re-initialising would orphan every
            certificate issued so far.
        """
        check_name("site id", site_id)
        if (home / "ca.key").exists():
            raise AuthorityError(
                f"{home} already holds a site authority; use another directory, or rotate "
                "as docs/security.md explains"
            )
        home.mkdir(parents=True, exist_ok=True)
        key, cert = _new_authority(site_id, 1, days, clock())
        write_atomic(home / "ca.key", _pem_key(key), mode=0o600)
        write_atomic(home / CA, cert.public_bytes(serialization.Encoding.PEM), mode=0o644)
        write_atomic(home / "issued.json", b"[]\n", mode=0o644)
        write_atomic(
            home / "site.json", json.dumps({"site_id": site_id}).encode() + b"\n", mode=0o644
        )
        authority = cls(home, clock=clock)
        authority._write_crl()
        return authority

    # ------------------------------------------------------------------ rotation

    @property
    def rotating(self) -> bool:
        """Whether a rotation is under way (``ca.pem`` trusts the old authority too)."""
        return len(self.trusted) > 1

    def begin_rotation(self, *, days: int = CA_DAYS) -> x509.Certificate:
        """Create the site's next authority; it issues from now on, both are trusted.

        ``ca.pem`` becomes the new certificate followed by the old one (install it on every
        node and console, then re-enroll them); the old key is kept as ``ca-previous.key``
        until :meth:`finish_rotation`; the revocation list is re-signed by the new key with
        the next number (nodes that trust both accept it).

        Raises
        ------
        AuthorityError
            When a rotation is already under way.
        """
        if self.rotating:
            raise AuthorityError(
                "a rotation is already under way; finish it ('site rotate-ca finish') first"
            )
        generation = self.generation + 1
        key, cert = _new_authority(self.site_id, generation, days, self._clock())
        old = self.ca_cert.public_bytes(serialization.Encoding.PEM)
        new = cert.public_bytes(serialization.Encoding.PEM)
        # Old key aside first, then the bundle, then the new key: an interruption leaves a
        # directory that refuses to open (key and first certificate differ), never a wrong one.
        write_atomic(self.home / PREVIOUS_KEY, _pem_key(self._key), mode=0o600)
        write_atomic(self.home / CA, new + old, mode=0o644)
        write_atomic(self.home / "ca.key", _pem_key(key), mode=0o600)
        self._save_meta(generation)
        self.trusted = (cert, self.ca_cert)
        self.ca_cert, self._key, self.generation = cert, key, generation
        self._write_crl()
        return cert

    def finish_rotation(self) -> None:
        """Retire the old authority: ``ca.pem`` trusts the new one only.

        Install the new ``ca.pem`` everywhere afterwards; certificates of the old authority
        are then refused in the TLS handshake (``site list`` shows which remain).

        Raises
        ------
        AuthorityError
            When no rotation is under way.
        """
        if not self.rotating:
            raise AuthorityError("no rotation under way; start one with 'site rotate-ca start'")
        write_atomic(
            self.home / CA, self.ca_cert.public_bytes(serialization.Encoding.PEM), mode=0o644
        )
        (self.home / PREVIOUS_KEY).unlink(missing_ok=True)
        self.trusted = (self.ca_cert,)
        self._write_crl()

    def trust_pem(self) -> bytes:
        """Return ``ca.pem``: the authorities nodes and consoles must trust."""
        return (self.home / CA).read_bytes()

    def _save_meta(self, generation: int) -> None:
        meta = {"site_id": self.site_id, "generation": generation}
        write_atomic(self.home / "site.json", json.dumps(meta).encode() + b"\n", mode=0o644)

    # ------------------------------------------------------------------ issuing

    def issued(self) -> list[Issued]:
        """Every certificate issued so far, oldest first."""
        raw: list[dict[str, Any]] = json.loads((self.home / "issued.json").read_text("utf-8"))
        return [Issued(**item) for item in raw]

    def _save_issued(self, items: Sequence[Issued]) -> None:
        rows = [
            {
                "serial": i.serial,
                "kind": i.kind,
                "name": i.name,
                "not_after": i.not_after,
                "revoked": i.revoked,
                "max_role": i.max_role,
                "generation": i.generation,
            }
            for i in items
        ]
        write_atomic(self.home / "issued.json", json.dumps(rows, indent=1).encode(), mode=0o644)

    def issue(
        self,
        kind: Kind,
        name: str,
        *,
        hosts: Sequence[str] = ("localhost", "127.0.0.1"),
        max_role: Role = Role.SUPERVISOR,
        days: int = LEAF_DAYS,
        key: ec.EllipticCurvePrivateKey | None = None,
        not_before: dt.datetime | None = None,
    ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
        """Issue a certificate for an edge node (``kind="edge"``) or a console.

        Parameters
        ----------
        hosts
            Edge nodes only: DNS names and IP addresses consoles reach the node by.
        max_role
            Consoles only: the highest operator role the console may assert.
        days, not_before
            Validity (``not_before`` defaults to now; tests use it to make expired ones).
        """
        check_name(f"{kind} id", name)
        if kind not in ("edge", "console"):
            raise AuthorityError(f"kind must be 'edge' or 'console', not {kind!r}")
        key = key or ec.generate_private_key(ec.SECP256R1())
        start = not_before or (self._clock() - dt.timedelta(minutes=5))
        alt: list[x509.GeneralName] = [
            x509.UniformResourceIdentifier(identity_uri(self.site_id, kind, name))
        ]
        if kind == "console":
            alt.append(x509.UniformResourceIdentifier(max_role_uri(self.site_id, max_role)))
        else:
            for host in hosts:
                try:
                    alt.append(x509.IPAddress(ipaddress.ip_address(host)))
                except ValueError:
                    alt.append(x509.DNSName(host))
        usage = (
            ExtendedKeyUsageOID.SERVER_AUTH if kind == "edge" else ExtendedKeyUsageOID.CLIENT_AUTH
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COMMON_NAME, name),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.site_id),
                        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, kind),
                    ]
                )
            )
            .issuer_name(self.ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                critical=False,
            )
            .sign(self._key, hashes.SHA256())
        )
        items = self.issued()
        items.append(
            Issued(
                serial=cert.serial_number,
                kind=kind,
                name=name,
                not_after=cert.not_valid_after_utc.isoformat(),
                max_role=max_role.label if kind == "console" else None,
                generation=self.generation,
            )
        )
        self._save_issued(items)
        return cert, key

    def enroll(self, kind: Kind, name: str, out: Path, **options: Any) -> Path:
        """Issue a certificate and write a credentials directory for it; return ``out``.

        ``out`` receives ``cert.pem``, ``key.pem`` (0600), ``ca.pem`` and ``crl.pem``.
        """
        cert, key = self.issue(kind, name, **options)
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(out / KEY, _pem_key(key), mode=0o600)
        write_atomic(out / CERT, cert.public_bytes(serialization.Encoding.PEM), mode=0o644)
        write_atomic(out / CA, self.trust_pem(), mode=0o644)
        write_atomic(out / CRL, self.crl_pem(), mode=0o644)
        return out

    # ------------------------------------------------------------------ revocation

    def revoke(self, name: str | None = None, *, serial: int | None = None) -> list[Issued]:
        """Revoke every live certificate of ``name`` (or the one ``serial``); re-sign the CRL.

        Raises
        ------
        AuthorityError
            When nothing matches: a typo must not look like a successful revocation.
        """
        items = self.issued()
        hit = [
            i
            for i in items
            if not i.revoked and (i.name == name if serial is None else i.serial == serial)
        ]
        if not hit:
            what = f"serial {serial}" if serial is not None else f"name {name!r}"
            raise AuthorityError(f"no unrevoked certificate with {what}; see 'site list'")
        serials = {i.serial for i in hit}
        items = [
            Issued(i.serial, i.kind, i.name, i.not_after, True, i.max_role, i.generation)
            if i.serial in serials
            else i
            for i in items
        ]
        self._save_issued(items)
        self._write_crl()
        return hit

    def crl_pem(self) -> bytes:
        """Return the current signed revocation list, PEM."""
        return (self.home / CRL).read_bytes()

    def refresh_crl(self) -> None:
        """Re-sign the revocation list with a new number and validity (same entries)."""
        self._write_crl()

    def _write_crl(self) -> None:
        number = 1
        path = self.home / CRL
        if path.exists():
            old = x509.load_pem_x509_crl(path.read_bytes())
            number = old.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number + 1
        now = self._clock()
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.ca_cert.subject)
            .last_update(now)
            .next_update(now + dt.timedelta(days=CRL_DAYS))
            .add_extension(x509.CRLNumber(number), critical=False)
        )
        for item in self.issued():
            if item.revoked:
                builder = builder.add_revoked_certificate(
                    x509.RevokedCertificateBuilder()
                    .serial_number(item.serial)
                    .revocation_date(now)
                    .build()
                )
        crl = builder.sign(self._key, hashes.SHA256())
        write_atomic(path, crl.public_bytes(serialization.Encoding.PEM), mode=0o644)


def _new_authority(
    site_id: str, generation: int, days: int, now: dt.datetime
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """Create an authority key and its self-signed certificate.

    Generation 2 and later name their generation: two authorities of one site never share a
    subject.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    title = f"AtlasMesh site authority {site_id}"
    if generation > 1:
        title += f" #{generation}"
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, title),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, site_id),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert
