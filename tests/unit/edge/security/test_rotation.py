"""Site authority rotation with dual trust, and the revocation list's next-update alarm."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pytest
from cryptography import x509

from edge.security.authority import SiteAuthority
from edge.security.errors import AuthorityError, SecurityError
from edge.security.guard import EdgeGuard
from edge.security.revocation import (
    CRL_WARN_S,
    RevocationList,
    RevocationStore,
    lapse_alarm,
)
from edge.security.tls import TlsCredentials

if TYPE_CHECKING:
    from pathlib import Path

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)


def test_rotation_issues_from_the_new_authority_and_trusts_both(tmp_path: Path) -> None:
    authority = SiteAuthority.init(tmp_path / "site", "rot-site")
    old_node = TlsCredentials.load(authority.enroll("edge", "gw-1", tmp_path / "gw-old"))
    old_ca = authority.ca_cert
    number = RevocationList.verify(authority.crl_pem(), old_ca).number

    new_ca = authority.begin_rotation()
    assert authority.rotating
    assert authority.generation == 2
    assert new_ca.subject != old_ca.subject  # "... #2": never two authorities of one name
    assert (tmp_path / "site" / "ca-previous.key").stat().st_mode & 0o077 == 0
    # Reopened from disk, it is the same: the new authority first, then the old one.
    again = SiteAuthority(tmp_path / "site")
    assert [c.subject for c in again.trusted] == [new_ca.subject, old_ca.subject]
    # The list is re-signed by the new key with the next number; a node trusting both
    # accepts it, one trusting only the old authority refuses it.
    crl = RevocationList.verify(authority.crl_pem(), again.trusted)
    assert crl.number == number + 1
    with pytest.raises(SecurityError, match="another authority"):
        RevocationList.verify(authority.crl_pem(), old_ca)
    # New enrolments come from the new authority and carry both in ca.pem.
    new_node = TlsCredentials.load(authority.enroll("edge", "gw-1", tmp_path / "gw-new"))
    assert new_node.cert.issuer == new_ca.subject
    assert [c.subject for c in new_node.trusted] == [new_ca.subject, old_ca.subject]
    assert old_node.cert.issuer == old_ca.subject
    generations = [(i.name, i.generation) for i in authority.issued()]
    assert generations == [("gw-1", 1), ("gw-1", 2)]
    with pytest.raises(AuthorityError, match="already under way"):
        authority.begin_rotation()

    authority.finish_rotation()
    assert not SiteAuthority(tmp_path / "site").rotating
    assert not (tmp_path / "site" / "ca-previous.key").exists()
    assert [c.subject for c in SiteAuthority(tmp_path / "site").trusted] == [new_ca.subject]
    assert RevocationList.verify(authority.crl_pem(), new_ca).number == number + 2
    with pytest.raises(AuthorityError, match="no rotation under way"):
        authority.finish_rotation()


def test_an_interrupted_rotation_is_refused_not_misread(tmp_path: Path) -> None:
    authority = SiteAuthority.init(tmp_path / "site", "rot-site")
    before = (tmp_path / "site" / "ca.key").read_bytes()
    authority.begin_rotation()
    (tmp_path / "site" / "ca.key").write_bytes(before)  # as if the last write never happened
    with pytest.raises(AuthorityError, match="interrupted rotation"):
        SiteAuthority(tmp_path / "site")


def test_issued_records_of_before_rotations_read_as_generation_one(tmp_path: Path) -> None:
    authority = SiteAuthority.init(tmp_path / "site", "rot-site")
    authority.issue("console", "ops-1")
    path = tmp_path / "site" / "issued.json"
    rows = json.loads(path.read_text())
    for row in rows:
        del row["generation"]  # a file written before rotation existed
    path.write_text(json.dumps(rows))
    assert [i.generation for i in authority.issued()] == [1]


def test_lapse_alarm_bounds() -> None:
    due = NOW.timestamp() + 10 * 86_400
    assert lapse_alarm(7, due, NOW.timestamp()) is None
    assert lapse_alarm(7, 0.0, NOW.timestamp()) is None  # a list naming no next update
    assert lapse_alarm(7, due, due - CRL_WARN_S - 1) is None
    near = lapse_alarm(7, due, due - CRL_WARN_S)
    assert near is not None
    assert near.startswith("revocation list 7 lapses in 72.0 h (2026-12-04 12:00 UTC)")
    lapsed = lapse_alarm(7, due, due + 5400)
    assert lapsed is not None
    assert lapsed.startswith("revocation list 7 lapsed 1.5 h ago")
    assert "still enforced" in lapsed
    assert "atlasmesh site revoke --refresh" in lapsed


def test_node_store_and_guard_raise_the_alarm_and_keep_enforcing(tmp_path: Path) -> None:
    """A lapsed list stays in force: its revoked serials are still refused."""
    past = SiteAuthority.init(tmp_path / "site", "rot-site", clock=lambda: NOW)
    cert, _ = past.issue("console", "ops-old")
    past.revoke("ops-old")
    store = RevocationStore(tmp_path / "node-crl.pem", past.ca_cert)
    assert store.alarm(NOW.timestamp()) == (
        "no revocation list installed: revoked certificates cannot be refused"
    )
    store.offer(past.crl_pem())
    assert store.alarm(NOW.timestamp()) is None
    later = NOW.timestamp() + 31 * 86_400
    alarm = store.alarm(later)
    assert alarm is not None
    assert "lapsed 24.0 h ago" in alarm
    assert cert.serial_number in store.serials  # still enforced

    creds_dir = past.enroll("edge", "gw-1", tmp_path / "gw-1")
    guard = EdgeGuard("rot-site", TlsCredentials.load(creds_dir))
    assert guard.revocation_alarm(later) is not None
    assert guard.revocation_alarm(NOW.timestamp()) is None
    assert EdgeGuard("rot-site").revocation_alarm(later) is None  # insecure: no list


def test_parse_reads_number_and_next_update_without_a_key(tmp_path: Path) -> None:
    authority = SiteAuthority.init(tmp_path / "site", "rot-site", clock=lambda: NOW)
    crl = RevocationList.parse(authority.crl_pem())
    assert crl.number == 1
    expected = x509.load_pem_x509_crl(authority.crl_pem()).next_update_utc
    assert expected is not None
    assert crl.next_update == expected.timestamp()
    with pytest.raises(ValueError, match="not a numbered PEM revocation list"):
        RevocationList.parse(b"junk")
