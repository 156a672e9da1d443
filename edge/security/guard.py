"""The edge node's gatekeeper: who may connect, and who may run which command.

:class:`EdgeGuard` holds a node's TLS credentials, the site's revocation list, the role
table, the replay window, the rate limiter and the audit trail.  The node asks it twice:

* at the WebSocket upgrade (:meth:`EdgeGuard.admit`), after TLS verified the chain: the
  client certificate must name a console of this site and not be revoked, else HTTP 403
  before any protocol frame is read;
* for every command (:meth:`EdgeGuard.authorize`): a valid operator assertion from that
  console, a role at or above the command's, a fresh and never-seen ``cmd_seq``, and (not
  for an emergency stop) room in the console's rate limit.  A refusal raises
  :class:`~edge.errors.ProtocolError` with a specific code; both outcomes are audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from websockets.typing import Origin

from edge.errors import ErrorCode, ProtocolError
from edge.security.assertion import OperatorClaim, verify_assertion
from edge.security.audit import AuditRecord, CommandAudit
from edge.security.errors import SecurityError
from edge.security.identity import PeerIdentity, identity_of
from edge.security.replay import RateLimiter, ReplayWindow
from edge.security.revocation import RevocationStore
from edge.security.roles import COMMAND_ROLES, Role
from edge.security.tls import TlsCredentials, peer_certificate, server_context

if TYPE_CHECKING:
    import ssl
    from collections.abc import Mapping

    from edge.protocol.messages import Message

log = logging.getLogger(__name__)


@dataclass(slots=True)
class EdgeGuard:
    """Security policy of one edge node.

    Parameters
    ----------
    site_id
        The node's site: peers and assertions must name it.
    credentials
        The node's TLS credentials; ``None`` runs the insecure development mode (plain
        ``ws://``, no certificates, operator identity claimed but not verified).
    roles
        The command → minimum role table (a sector pack may have tightened it).
    allowed_origins
        Browser origins allowed to open the endpoint.  A desktop console sends no
        ``Origin`` and is always allowed; any browser origin not listed gets HTTP 403.
    """

    site_id: str
    credentials: TlsCredentials | None = None
    roles: Mapping[str, Role] = field(default_factory=lambda: COMMAND_ROLES)
    allowed_origins: tuple[str, ...] = ()
    replay: ReplayWindow = field(default_factory=ReplayWindow)
    rate: RateLimiter = field(default_factory=RateLimiter)
    audit: CommandAudit = field(default_factory=CommandAudit)
    revocations: RevocationStore | None = None

    def __post_init__(self) -> None:
        creds = self.credentials
        if creds is not None:
            if creds.identity.site_id != self.site_id:
                raise SecurityError(
                    f"credentials in {creds.home} are for site {creds.identity.site_id!r}, "
                    f"not {self.site_id!r}"
                )
            if self.revocations is None:
                self.revocations = RevocationStore(creds.crl_path, creds.trusted or (creds.ca,))

    @property
    def insecure(self) -> bool:
        """Whether this node runs without TLS (development only)."""
        return self.credentials is None

    def ssl_context(self) -> ssl.SSLContext | None:
        """Return the server TLS context, or ``None`` in insecure mode."""
        return None if self.credentials is None else server_context(self.credentials)

    def origins(self) -> list[Origin | None]:
        """Return the WebSocket ``origins`` allowlist (``None`` stands for no Origin header)."""
        return [None, *(Origin(o) for o in self.allowed_origins)]

    # ------------------------------------------------------------------ connections

    def admit(self, ssl_object: ssl.SSLObject | ssl.SSLSocket | None) -> PeerIdentity | str:
        """Check a TLS peer at the upgrade; return its identity or the refusal reason."""
        if self.credentials is None:
            return "insecure mode has no peer identity"
        cert = peer_certificate(ssl_object)
        if cert is None:
            return "no client certificate"
        try:
            peer = identity_of(cert)
        except SecurityError as exc:
            return str(exc)
        if peer.site_id != self.site_id:
            return f"certificate is for site {peer.site_id!r}, not {self.site_id!r}"
        if peer.kind != "console":
            return f"certificate names a {peer.kind}, only consoles may connect"
        if self.revocations is not None and peer.serial in self.revocations.serials:
            return f"certificate {peer.serial:x} of {peer.name} is revoked"
        return peer

    def revocation_alarm(self, now: float) -> str | None:
        """Return why the node's revocation list needs attention, or ``None``.

        That is: near or past its next update, or missing; always ``None`` in insecure mode.

        A lapsed list is still enforced (it is the newest the node knows) and consoles are
        still served: refusing them would also refuse the emergency stop.
        """
        return None if self.revocations is None else self.revocations.alarm(now)

    def is_revoked(self, peer: PeerIdentity) -> bool:
        """Whether ``peer``'s certificate is on the current revocation list."""
        return self.revocations is not None and peer.serial in self.revocations.serials

    def install_revocations(self, pem: str) -> tuple[bool, bool, str]:
        """Install a pushed revocation list; return ``(installed, current, reason)``.

        Raises
        ------
        ProtocolError
            ``rejected`` when the list does not verify or this node has no site trust.
        """
        if self.revocations is None:
            raise ProtocolError(
                ErrorCode.REJECTED, "this edge node runs without site trust (insecure mode)"
            )
        try:
            return self.revocations.offer(pem.encode())
        except SecurityError as exc:
            raise ProtocolError(ErrorCode.REJECTED, str(exc)) from None

    # ------------------------------------------------------------------ commands

    def authorize(
        self,
        message: Message,
        *,
        peer: PeerIdentity | None,
        console: str,
        now: float,
        mono: float,
    ) -> OperatorClaim | None:
        """Decide whether ``message`` may run; return the operator it runs for.

        Returns ``None`` for frames that are not commands.  In insecure mode a command
        without ``auth`` is let through for development, attributed to its ``operator``
        field and audited as unverified.

        Raises
        ------
        ProtocolError
            ``unauthenticated``, ``forbidden``, ``stale``, ``replayed`` or
            ``rate_limited``; the refusal is audited first.
        """
        needed = self.roles.get(message.type)
        if needed is None:
            return None
        auth = getattr(message, "auth", None)
        named = getattr(message, "operator", None)
        claim: OperatorClaim | None = None
        try:
            if auth is None:
                if not self.insecure:
                    raise ProtocolError(
                        ErrorCode.UNAUTHENTICATED,
                        f"{message.type} carries no operator assertion; sign in first",
                        message.seq,
                    )
                self._audit(message, console, named, None, now, True, "", "unverified (insecure)")
                return None
            try:
                claim = verify_assertion(
                    auth.assertion, site_id=self.site_id, now=now, peer=peer, console=console
                )
            except SecurityError as exc:
                raise ProtocolError(ErrorCode.UNAUTHENTICATED, str(exc), message.seq) from None
            if named is not None and named != claim.operator:
                raise ProtocolError(
                    ErrorCode.FORBIDDEN,
                    f"{message.type} names operator {named!r} but is signed for {claim.operator!r}",
                    message.seq,
                )
            if claim.role < needed:
                raise ProtocolError(
                    ErrorCode.FORBIDDEN,
                    f"{message.type} needs role {needed.label}; {claim.operator} is "
                    f"{claim.role.label}",
                    message.seq,
                )
            if message.type != "estop" and not self.rate.allow(console, mono):
                raise ProtocolError(
                    ErrorCode.RATE_LIMITED,
                    f"more than {self.rate.per_minute:g} commands a minute from {console}; "
                    "emergency stops are never limited",
                    message.seq,
                )
            why = self.replay.check(console, auth.stream, auth.cmd_seq, auth.issued_at, now)
            if why is not None:
                code = ErrorCode.STALE if why.startswith("stale") else ErrorCode.REPLAYED
                raise ProtocolError(code, f"{message.type} {why}", message.seq)
        except ProtocolError as exc:
            operator = claim.operator if claim else named
            role = claim.role.label if claim else None
            self._audit(message, console, operator, role, now, False, exc.code.value, exc.reason)
            log.warning("refused %s from %s (%s): %s", message.type, console, operator, exc)
            raise
        self._audit(message, console, claim.operator, claim.role.label, now, True, "", "")
        return claim

    def _audit(
        self,
        message: Message,
        console: str,
        operator: str | None,
        role: str | None,
        now: float,
        accepted: bool,
        code: str,
        reason: str,
    ) -> None:
        self.audit.record(
            AuditRecord(
                now, console, operator, role, message.type, message.seq, accepted, code, reason
            )
        )
