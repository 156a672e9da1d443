"""Operator sign-in: scrypt accounts, sessions that expire and re-validate (W8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from app.core.identity import CommandStamper, Identity, SessionExpiredError
from edge.security.accounts import AccountStore, ScryptParams, check_password, hash_password
from edge.security.assertion import verify_assertion
from edge.security.errors import AccountError
from edge.security.roles import Role

if TYPE_CHECKING:
    from pathlib import Path

FAST = ScryptParams(n=2**10, r=8, p=1)
PASSWORD = "correct horse battery"


class Clock:
    def __init__(self, t: float = 1_767_261_600.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def store(tmp_path: Path) -> AccountStore:
    store = AccountStore(tmp_path / "users.json", params=FAST)
    store.add("alice", PASSWORD, Role.OPERATOR)
    return store


def test_password_hash_is_scrypt_salted_and_verifies() -> None:
    one, two = hash_password(PASSWORD, FAST), hash_password(PASSWORD, FAST)
    assert one.startswith("scrypt$1024$8$1$")
    assert one != two
    assert check_password(PASSWORD, one)
    assert not check_password(PASSWORD + "x", one)
    assert not check_password(PASSWORD, "scrypt$broken")
    assert not check_password(PASSWORD, "scrypt$4194304$8$1$AAAA$AAAA")  # refuses absurd cost


def test_default_cost_is_documented_strength() -> None:
    params = ScryptParams()
    assert (params.n, params.r, params.p) == (2**15, 8, 1)


def test_account_rules(store: AccountStore, tmp_path: Path) -> None:
    with pytest.raises(AccountError, match="at least 12"):
        store.add("bob", "short", Role.VIEWER)
    with pytest.raises(AccountError, match="exists"):
        store.add("alice", PASSWORD, Role.VIEWER)
    with pytest.raises(AccountError, match="unknown user or wrong password"):
        store.authenticate("alice", "wrong password!!")
    with pytest.raises(AccountError, match="unknown user or wrong password"):
        store.authenticate("nobody", PASSWORD)
    store.set_disabled("alice")
    with pytest.raises(AccountError, match="disabled"):
        store.authenticate("alice", PASSWORD)
    assert (tmp_path / "users.json").stat().st_mode & 0o077 == 0
    assert PASSWORD not in (tmp_path / "users.json").read_text()


def test_sign_in_signs_assertions_the_edge_accepts(store: AccountStore) -> None:
    from edge.security.identity import PeerIdentity

    key = ec.generate_private_key(ec.SECP256R1())
    clock = Clock()
    identity = Identity(store, "site", "console-1", key, clock=clock)
    session = identity.sign_in("alice", PASSWORD)
    peer = PeerIdentity("site", "console", "console-1", 1, Role.ADMIN, key.public_key(), 2e9)
    claim = verify_assertion(session.assertion(), site_id="site", now=clock.t, peer=peer)
    assert (claim.operator, claim.role, claim.signed) == ("alice", Role.OPERATOR, True)
    stamper = CommandStamper(clock)
    first, second = stamper.stamp(session), stamper.stamp(session)
    assert (first.cmd_seq, second.cmd_seq) == (0, 1)
    assert first.stream == second.stream


def test_wrong_password_does_not_sign_in(store: AccountStore) -> None:
    identity = Identity(store, "site", "console-1", None, clock=Clock())
    with pytest.raises(SessionExpiredError, match="wrong password"):
        identity.sign_in("alice", "not the password")


def test_session_revalidates_and_ends_when_the_account_is_disabled(store: AccountStore) -> None:
    clock = Clock()
    identity = Identity(store, "site", "console-1", None, clock=clock, revalidate_s=900.0)
    session = identity.sign_in("alice", PASSWORD)
    first = session.assertion()
    clock.t += 600.0
    assert session.assertion() == first  # not yet due
    clock.t += 300.0
    second = session.assertion()  # due: re-validated and re-signed
    assert second != first
    store.set_disabled("alice")
    clock.t += 900.0
    with pytest.raises(SessionExpiredError, match="disabled"):
        session.assertion()


def test_session_expires_and_sign_out_ends_it(store: AccountStore) -> None:
    clock = Clock()
    identity = Identity(store, "site", "console-1", None, clock=clock, session_ttl_s=3600.0)
    session = identity.sign_in("alice", PASSWORD)
    clock.t += 3600.0
    with pytest.raises(SessionExpiredError, match="expired"):
        session.assertion()
    other = identity.sign_in("alice", PASSWORD)
    other.sign_out()
    with pytest.raises(SessionExpiredError, match="signed out"):
        other.assertion()


def test_assertion_never_outlives_the_session_or_thirty_minutes(store: AccountStore) -> None:
    clock = Clock()
    identity = Identity(store, "site", "console-1", None, clock=clock, session_ttl_s=100.0)
    session = identity.sign_in("alice", PASSWORD)
    claim = verify_assertion(session.assertion(), site_id="site", now=clock.t, peer=None)
    assert claim.expires_at == session.expires_at
    assert claim.expires_at - claim.issued_at <= 1800.0


def test_the_dispatcher_signs_as_the_console_s_service_without_an_account(
    store: AccountStore,
) -> None:
    """The site dispatcher's commands carry a signed assertion with the operator role; it has
    no account to re-validate and no shift limit, and keeps signing past an operator's TTL."""
    from edge.security.identity import PeerIdentity

    clock = Clock()
    key = ec.generate_private_key(ec.SECP256R1())
    identity = Identity(store, "site", "console-1", key, clock=clock, session_ttl_s=100.0)
    session = identity.service_session("dispatcher", Role.OPERATOR)
    peer = PeerIdentity("site", "console", "console-1", 1, Role.ADMIN, key.public_key(), 2e9)
    claim = verify_assertion(session.assertion(), site_id="site", now=clock.t, peer=peer)
    assert (claim.operator, claim.role, claim.signed) == ("dispatcher", Role.OPERATOR, True)
    clock.t += 10 * 3600.0  # past any operator's session: re-signed, not expired
    claim = verify_assertion(session.assertion(), site_id="site", now=clock.t, peer=peer)
    assert claim.operator == "dispatcher"
    with pytest.raises(SessionExpiredError):
        identity.sign_in("dispatcher", PASSWORD)  # no account: nobody signs in as it
