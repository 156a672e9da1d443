"""The site authority issues, identifies and revokes certificates; nodes keep the newest list."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from cryptography import x509

from edge.security.authority import SiteAuthority
from edge.security.errors import AuthorityError, SecurityError
from edge.security.identity import identity_of
from edge.security.revocation import RevocationList, RevocationStore
from edge.security.roles import Role
from edge.security.tls import TlsCredentials, client_context, server_context

if TYPE_CHECKING:
    from pathlib import Path


def test_init_refuses_to_overwrite_an_authority(authority: SiteAuthority) -> None:
    with pytest.raises(AuthorityError, match="already holds a site authority"):
        SiteAuthority.init(authority.home, "test-site")


def test_bad_site_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SecurityError, match="site id 'a b' is not valid"):
        SiteAuthority.init(tmp_path / "x", "a b")


def test_key_file_is_private(authority: SiteAuthority) -> None:
    assert (authority.home / "ca.key").stat().st_mode & 0o077 == 0


def test_certificates_carry_site_kind_name_and_ceiling(
    node_creds: TlsCredentials, console_creds: TlsCredentials
) -> None:
    node = node_creds.identity
    assert (node.site_id, node.kind, node.name, node.max_role) == (
        "test-site",
        "edge",
        "gw-1",
        None,
    )
    console = console_creds.identity
    assert (console.kind, console.name, console.max_role) == ("console", "console-1", Role.ADMIN)
    subject = console_creds.cert.subject
    assert subject.get_attributes_for_oid(x509.NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == (
        "console"
    )
    assert subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)[0].value == "test-site"


def test_contexts_demand_tls13_and_client_certificates(
    node_creds: TlsCredentials, console_creds: TlsCredentials
) -> None:
    import ssl

    server = server_context(node_creds)
    assert server.minimum_version is ssl.TLSVersion.TLSv1_3
    assert server.verify_mode is ssl.CERT_REQUIRED
    client = client_context(console_creds)
    assert client.check_hostname
    with pytest.raises(SecurityError, match="not an edge one"):
        server_context(console_creds)
    with pytest.raises(SecurityError, match="not a console one"):
        client_context(node_creds)


def test_revocation_list_grows_and_only_newer_lists_install(
    tmp_path: Path, authority: SiteAuthority
) -> None:
    store = RevocationStore(tmp_path / "crl.pem", authority.ca_cert)
    first = authority.crl_pem()
    assert store.offer(first)[:2] == (True, True)
    assert store.offer(first)[:2] == (False, True)  # the same list again: current, no change
    cert, _ = authority.issue("console", "to-revoke")
    revoked = authority.revoke("to-revoke")
    assert [r.serial for r in revoked] == [cert.serial_number]
    newer = authority.crl_pem()
    installed, current, reason = store.offer(newer)
    assert (installed, current) == (True, True), reason
    assert cert.serial_number in store.serials
    assert store.offer(first)[:2] == (False, False)  # an older list never rolls back
    # Persisted: a restarted node loads the newest list it had.
    again = RevocationStore(tmp_path / "crl.pem", authority.ca_cert)
    assert cert.serial_number in again.serials


def test_revoking_an_unknown_name_is_an_error(authority: SiteAuthority) -> None:
    with pytest.raises(AuthorityError, match="no unrevoked certificate"):
        authority.revoke("nobody")


def test_a_list_signed_by_another_authority_is_refused(
    tmp_path: Path, authority: SiteAuthority
) -> None:
    other = SiteAuthority.init(tmp_path / "other", "test-site")
    with pytest.raises(SecurityError, match=r"another authority|signature"):
        RevocationList.verify(other.crl_pem(), authority.ca_cert)
    with pytest.raises(SecurityError, match="not a PEM CRL"):
        RevocationList.verify(
            b"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n", authority.ca_cert
        )


def test_expired_certificate_is_dated_in_the_past(authority: SiteAuthority) -> None:
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    cert, _ = authority.issue("console", "old", days=1, not_before=start)
    assert identity_of(cert).not_after < dt.datetime.now(dt.UTC).timestamp()


def test_missing_credentials_explain_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(SecurityError, match="site enroll"):
        TlsCredentials.load(tmp_path)


def test_audit_trail_is_appended_as_json_lines(tmp_path: Path) -> None:
    import json

    from edge.security.audit import AuditRecord, CommandAudit

    audit = CommandAudit(tmp_path / "node" / "command_audit.jsonl")
    audit.record(AuditRecord(1.0, "c1", "amal", "operator", "estop", 3, True, "", ""))
    audit.close()
    audit.record(AuditRecord(2.0, "c1", "bob", "viewer", "estop", 4, False, "forbidden", "x"))
    audit.close()
    lines = (tmp_path / "node" / "command_audit.jsonl").read_text().splitlines()
    assert [json.loads(line)["operator"] for line in lines] == ["amal", "bob"]
    assert audit.refused == 1


def test_every_single_byte_corruption_of_a_list_is_refused_cleanly(
    authority: SiteAuthority,
) -> None:
    """Flip each byte of a signed list's DER: always a SecurityError, never another error."""
    import base64

    body = b"".join(authority.crl_pem().splitlines()[1:-1])
    der = base64.b64decode(body)
    for i in range(len(der)):
        broken = bytearray(der)
        broken[i] ^= 0x5A
        pem = (
            b"-----BEGIN X509 CRL-----\n"
            + base64.encodebytes(bytes(broken))
            + b"-----END X509 CRL-----\n"
        )
        with pytest.raises(SecurityError):
            RevocationList.verify(pem, authority.ca_cert)


def test_a_key_others_can_read_is_refused(authority: SiteAuthority, tmp_path: Path) -> None:
    home = authority.enroll("console", "loose", tmp_path / "loose")
    (home / "key.pem").chmod(0o644)
    with pytest.raises(SecurityError, match="chmod 600"):
        TlsCredentials.load(home)
