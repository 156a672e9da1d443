"""A real site authority in a temporary directory, shared by the security tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from edge.security.accounts import AccountStore, ScryptParams
from edge.security.authority import SiteAuthority
from edge.security.roles import Role
from edge.security.tls import TlsCredentials

if TYPE_CHECKING:
    from pathlib import Path

FAST = ScryptParams(n=2**10, r=8, p=1)
"""Cheap scrypt for tests: the algorithm is the same, only the cost is lower."""


@pytest.fixture(scope="package")
def authority(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    return SiteAuthority.init(tmp_path_factory.mktemp("site") / "authority", "test-site")


@pytest.fixture(scope="package")
def node_creds(authority: SiteAuthority) -> TlsCredentials:
    return TlsCredentials.load(authority.enroll("edge", "gw-1", authority.home / "gw-1"))


@pytest.fixture(scope="package")
def console_creds(authority: SiteAuthority) -> TlsCredentials:
    home = authority.home / "console-1"
    return TlsCredentials.load(authority.enroll("console", "console-1", home, max_role=Role.ADMIN))


@pytest.fixture
def accounts(tmp_path: Path) -> AccountStore:
    store = AccountStore(tmp_path / "users.json", params=FAST)
    for role in Role:
        store.add(role.label, f"{role.label}-password-123", role)
    return store
