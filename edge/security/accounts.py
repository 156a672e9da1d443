"""Local operator accounts with scrypt password hashes (an offline site has no IdP).

Hash: ``hashlib.scrypt`` (RFC 7914, memory-hard) with N = 2**15, r = 8, p = 1 (32 MiB and
0.17-0.25 s per check measured by bench/secure_links.py), a 16-byte random salt per password and a
32-byte key, stored as ``scrypt$N$r$p$SALT$KEY`` (base64) so the cost can be raised later:
accounts keep the parameters they were hashed with and verify with those.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Final

from edge.receipts.atomic import write_atomic
from edge.security.errors import AccountError
from edge.security.identity import check_name
from edge.security.roles import Role

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """scrypt cost parameters."""

    n: int = 2**15
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        """Memory bound passed to OpenSSL (twice what the parameters need)."""
        return 256 * self.n * self.r * self.p


DEFAULT_PARAMS: Final = ScryptParams()
MIN_PASSWORD: Final = 12
"""Shortest password accepted (characters)."""


def hash_password(password: str, params: ScryptParams = DEFAULT_PARAMS) -> str:
    """Return the storable scrypt hash of ``password``."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(
        password.encode(),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=params.maxmem,
        dklen=32,
    )
    b64 = base64.b64encode
    return f"scrypt${params.n}${params.r}${params.p}${b64(salt).decode()}${b64(key).decode()}"


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        params = ScryptParams(int(n), int(r), int(p))
        if scheme != "scrypt" or params.n > 2**20 or params.r > 32 or params.p > 16:
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=params.n,
            r=params.r,
            p=params.p,
            maxmem=params.maxmem,
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, expected)


@dataclass(frozen=True, slots=True)
class Account:
    """One operator account."""

    name: str
    role: Role
    password_hash: str
    disabled: bool = False
    created_at: float = 0.0


class AccountStore:
    """The site's operator accounts in one JSON file (``users.json``), written atomically.

    Parameters
    ----------
    path
        The accounts file; created on the first :meth:`add`.
    params
        scrypt cost for new passwords (tests lower it).
    """

    def __init__(self, path: Path, *, params: ScryptParams = DEFAULT_PARAMS) -> None:
        self.path = path
        self.params = params
        self._dummy = hash_password(secrets.token_hex(8), params)

    def _load(self) -> dict[str, Account]:
        if not self.path.exists():
            return {}
        try:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            return {
                row["name"]: Account(
                    name=row["name"],
                    role=Role.parse(row["role"]),
                    password_hash=row["password_hash"],
                    disabled=bool(row.get("disabled", False)),
                    created_at=float(row.get("created_at", 0.0)),
                )
                for row in rows
            }
        except (ValueError, KeyError, TypeError) as exc:
            raise AccountError(f"{self.path} is damaged ({exc}); restore it from backup") from None

    def _save(self, accounts: dict[str, Account]) -> None:
        rows = [{**asdict(a), "role": a.role.label} for a in accounts.values()]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(rows, indent=1).encode() + b"\n", mode=0o600)

    def list(self) -> list[Account]:
        """Every account, in creation order."""
        return list(self._load().values())

    def get(self, name: str) -> Account | None:
        """Return the account called ``name``, if any."""
        return self._load().get(name)

    def add(self, name: str, password: str, role: Role) -> Account:
        """Create an account.

        Raises
        ------
        AccountError
            When the name is invalid or taken, or the password shorter than
            :data:`MIN_PASSWORD` characters.
        """
        check_name("user name", name)
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must have at least {MIN_PASSWORD} characters")
        accounts = self._load()
        if name in accounts:
            raise AccountError(f"user {name!r} exists; disable it or choose another name")
        account = Account(name, role, hash_password(password, self.params), False, time.time())
        accounts[name] = account
        self._save(accounts)
        return account

    def set_disabled(self, name: str, disabled: bool = True) -> Account:
        """Disable (or re-enable) an account; its sessions fail their next re-validation."""
        accounts = self._load()
        if name not in accounts:
            raise AccountError(f"no user {name!r}; see 'atlasmesh site user list'")
        accounts[name] = replace(accounts[name], disabled=disabled)
        self._save(accounts)
        return accounts[name]

    def authenticate(self, name: str, password: str) -> Account:
        """Return the enabled account whose password matches.

        Raises
        ------
        AccountError
            With the same message for an unknown user and a wrong password (no user
            enumeration; an unknown user costs a hash too), or saying the account is
            disabled.
        """
        account = self._load().get(name)
        ok = check_password(password, account.password_hash if account else self._dummy)
        if account is None or not ok:
            raise AccountError("unknown user or wrong password")
        if account.disabled:
            raise AccountError(f"account {name!r} is disabled; ask a site administrator")
        return account
