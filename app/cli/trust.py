"""Site trust for the command line: open or create a site authority, wire nodes and consoles.

``atlasmesh demo`` keeps a site authority under its data directory (created on first run):
every simulated edge node and the demo console get certificates, a demo operator account is
created with a random password (written next to the authority, mode 0600, and printed), and
the demo runs over mutually authenticated ``wss://``.  ``--insecure-dev`` keeps plain
``ws://`` for development; the links then say ``insecure``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.core.identity import Identity
from edge.receipts.atomic import write_atomic
from edge.security.accounts import AccountStore
from edge.security.audit import CommandAudit
from edge.security.authority import SiteAuthority
from edge.security.guard import EdgeGuard
from edge.security.roles import Role
from edge.security.tls import TlsCredentials, client_context

if TYPE_CHECKING:
    from pathlib import Path

    from app.core.identity import OperatorSession
    from app.core.service import SiteService
    from edge.node import EdgeNode

DEMO_CONSOLE = "demo-console"
DEMO_OPERATOR = "demo-operator"


@dataclass(slots=True)
class SiteTrust:
    """A site authority on this machine and what the demo made with it."""

    authority: SiteAuthority
    accounts: AccountStore

    @classmethod
    def open_or_create(cls, home: Path, site_id: str) -> SiteTrust:
        """Open the authority in ``home``, creating it first when absent."""
        if (home / "ca.key").exists():
            authority = SiteAuthority(home)
            if authority.site_id != site_id:
                raise SystemExit(
                    f"{home} holds the authority of site {authority.site_id!r}, not "
                    f"{site_id!r}; use another --data-dir"
                )
        else:
            authority = SiteAuthority.init(home, site_id)
        return cls(authority, AccountStore(home / "users.json"))

    def credentials(self, kind: str, name: str, **options: Any) -> TlsCredentials:
        """Load ``name``'s credentials, enrolling it on first use."""
        home = self.authority.home / "enrolled" / name
        if not (home / "cert.pem").exists():
            self.authority.enroll("edge" if kind == "edge" else "console", name, home, **options)
        return TlsCredentials.load(home)

    def secure_node(self, node: EdgeNode, audit_dir: Path) -> None:
        """Give ``node`` its certificate, the site's revocation list and an audit file."""
        node_id = node.config.node_id
        creds = self.credentials("edge", node_id)
        audit = CommandAudit(audit_dir / node_id / "command_audit.jsonl")
        node.use_guard(EdgeGuard(node.config.site_id, creds, audit=audit))

    def console_options(self, name: str = DEMO_CONSOLE) -> dict[str, Any]:
        """Keyword arguments for :class:`~app.core.service.SiteService` as console ``name``."""
        creds = self.credentials("console", name, max_role=Role.ADMIN)
        identity = Identity(self.accounts, self.authority.site_id, name, creds.key)
        return {
            "console_id": name,
            "tls": client_context(creds),
            "identity": identity,
            "revocations": self.authority.crl_pem,
        }

    def demo_operator(self) -> tuple[str, str]:
        """Return the demo operator's name and password, creating the account on first run."""
        secret = self.authority.home / f"{DEMO_OPERATOR}.password"
        if self.accounts.get(DEMO_OPERATOR) is None or not secret.exists():
            password = secrets.token_urlsafe(12)
            if self.accounts.get(DEMO_OPERATOR) is None:
                self.accounts.add(DEMO_OPERATOR, password, Role.SUPERVISOR)
            else:  # the password file was lost: a fresh account name is not worth it
                raise SystemExit(f"{secret} is missing; delete {self.accounts.path} to reset")
            write_atomic(secret, (password + "\n").encode(), mode=0o600)
        return DEMO_OPERATOR, secret.read_text(encoding="utf-8").strip()


def sign_in_demo_operator(trust: SiteTrust | None, service: SiteService) -> OperatorSession | None:
    """Sign the demo operator in on ``service`` and say so (``None`` without trust)."""
    if trust is None:
        return None
    user, password = trust.demo_operator()
    session = service.sign_in(user, password)
    print(
        f"operator {user} ({session.role.label}) signed in; password in "
        f"{trust.authority.home / (user + '.password')}: {password}",
        flush=True,
    )
    return session


def secure_demo(
    nodes: list[EdgeNode], data_dir: Path, site_id: str, *, insecure: bool
) -> SiteTrust | None:
    """Put the demo's nodes on mutual TLS under ``data_dir/site-authority`` (first run creates it).

    Returns ``None`` (and leaves the nodes on plain ``ws://``) when ``insecure``.
    """
    if insecure:
        print("INSECURE development mode: plain ws://, no authentication", flush=True)
        return None
    trust = SiteTrust.open_or_create(data_dir / "site-authority", site_id)
    for node in nodes:
        trust.secure_node(node, data_dir / "edge")
    return trust


def console_options(trust: SiteTrust | None, name: str = DEMO_CONSOLE) -> dict[str, Any]:
    """Site service keyword arguments for the demo console (``console_id`` only if insecure)."""
    return {"console_id": name} if trust is None else trust.console_options(name)
