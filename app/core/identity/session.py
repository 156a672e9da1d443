"""Operator sign-in on a console: sessions that expire and are re-validated.

``Identity.sign_in(user, password)`` checks a local account (scrypt hash) and returns an
:class:`OperatorSession`.  The session hands out operator assertions signed with the key of
the console's site certificate; each lives at most :data:`ASSERTION_TTL_S`.  When one is due
the session re-validates against the account store (still enabled, role not lowered) and
signs a fresh one; a disabled account or a session past :data:`SESSION_TTL_S` raises
:class:`SessionExpiredError`, and the operator must sign in again.
"""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from app.core.errors import CoreError
from edge.protocol.messages import CommandAuth
from edge.security.assertion import OperatorClaim, issue_assertion
from edge.security.errors import AccountError

if TYPE_CHECKING:
    from collections.abc import Callable

    from cryptography.hazmat.primitives.asymmetric import ec

    from edge.security.accounts import AccountStore
    from edge.security.roles import Role

SESSION_TTL_S: Final = 8 * 3600.0
"""A sign-in lasts one shift at most."""
REVALIDATE_S: Final = 15 * 60.0
"""The account is checked again at least this often (RELIABILITY: at most every 30 min)."""
ASSERTION_TTL_S: Final = REVALIDATE_S
"""An operator assertion expires when the next re-validation is due."""


class SessionExpiredError(CoreError):
    """The operator's session ended (expired, signed out or account disabled)."""


@dataclass(slots=True)
class OperatorSession:
    """One operator signed in on one console."""

    operator: str
    role: Role
    session_id: str
    signed_in_at: float
    expires_at: float
    _identity: Identity
    _assertion: str = ""
    _assertion_exp: float = 0.0
    _revalidated_at: float = 0.0
    ended: bool = False
    service: bool = False
    """A console service's own identity (the dispatcher), not an operator account."""

    def assertion(self) -> str:
        """Return a valid operator assertion, re-validating the account when due.

        Raises
        ------
        SessionExpiredError
            When the session expired, was ended, or the account was disabled or lowered.
        """
        now = self._identity.clock()
        if self.ended:
            raise SessionExpiredError(f"{self.operator} signed out; sign in again")
        if now >= self.expires_at:
            self.ended = True
            raise SessionExpiredError(f"session of {self.operator} expired; sign in again")
        if now >= self._assertion_exp - 30.0:  # re-sign a little before expiry
            self._identity.revalidate(self, now)
        return self._assertion

    def sign_out(self) -> None:
        """End the session; later commands need a new sign-in."""
        self.ended = True
        self._assertion = ""


@dataclass(slots=True)
class Identity:
    """Signs operators in on this console.

    Parameters
    ----------
    accounts
        The site's operator accounts.
    site_id, console_id
        Who this console is (must match its certificate).
    key
        The private key of the console's certificate; ``None`` on an insecure console
        (assertions are then unsigned, for development only).
    clock
        Wall clock, injectable.
    """

    accounts: AccountStore
    site_id: str
    console_id: str
    key: ec.EllipticCurvePrivateKey | None = None
    clock: Callable[[], float] = time.time
    session_ttl_s: float = SESSION_TTL_S
    revalidate_s: float = REVALIDATE_S

    def sign_in(self, user: str, password: str) -> OperatorSession:
        """Check the password and open a session.

        Raises
        ------
        SessionExpiredError
            With the account store's reason (unknown user or wrong password, disabled).
        """
        try:
            account = self.accounts.authenticate(user, password)
        except AccountError as exc:
            raise SessionExpiredError(str(exc)) from None
        now = self.clock()
        session = OperatorSession(
            operator=account.name,
            role=account.role,
            session_id=secrets.token_hex(8),
            signed_in_at=now,
            expires_at=now + self.session_ttl_s,
            _identity=self,
        )
        self._sign(session, now)
        return session

    def service_session(self, name: str, role: Role) -> OperatorSession:
        """Open the session of one of this console's services (the site dispatcher).

        Its assertions name ``name`` with ``role`` and are signed with the console's key like
        an operator's, so the edge node authorises and audits the service's commands by role;
        it has no account, no password and no shift limit.
        """
        now = self.clock()
        session = OperatorSession(
            operator=name,
            role=role,
            session_id=secrets.token_hex(8),
            signed_in_at=now,
            expires_at=math.inf,
            _identity=self,
            service=True,
        )
        self._sign(session, now)
        return session

    def revalidate(self, session: OperatorSession, now: float) -> None:
        """Re-check the account behind ``session`` and sign a fresh assertion.

        Raises
        ------
        SessionExpiredError
            When the account is gone, disabled, or its role changed.
        """
        account = None if session.service else self.accounts.get(session.operator)
        if not session.service and (
            account is None or account.disabled or account.role != session.role
        ):
            session.ended = True
            raise SessionExpiredError(
                f"account {session.operator} was disabled or changed; sign in again"
            )
        self._sign(session, now)

    def _sign(self, session: OperatorSession, now: float) -> None:
        exp = min(now + self.revalidate_s, session.expires_at)
        claim = OperatorClaim(
            operator=session.operator,
            role=session.role,
            site_id=self.site_id,
            console=self.console_id,
            session_id=session.session_id,
            issued_at=now,
            expires_at=exp,
            signed=self.key is not None,
        )
        session._assertion = issue_assertion(claim, self.key)
        session._assertion_exp = exp
        session._revalidated_at = now


@dataclass(slots=True)
class CommandStamper:
    """Numbers this console's commands: one random stream per start, +1 per command."""

    clock: Callable[[], float] = time.time
    stream: str = field(default_factory=lambda: secrets.token_hex(16))
    _next: int = 0

    def stamp(self, session: OperatorSession) -> CommandAuth:
        """Return the ``auth`` block of a new command issued by ``session``'s operator."""
        assertion = session.assertion()
        seq, self._next = self._next, self._next + 1
        return CommandAuth(
            assertion=assertion, stream=self.stream, cmd_seq=seq, issued_at=self.clock()
        )
