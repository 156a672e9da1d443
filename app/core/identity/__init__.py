"""Operator identity on the console side: sign-in sessions and command stamping."""

from app.core.identity.session import (
    ASSERTION_TTL_S,
    REVALIDATE_S,
    SESSION_TTL_S,
    CommandStamper,
    Identity,
    OperatorSession,
    SessionExpiredError,
)

__all__ = [
    "ASSERTION_TTL_S",
    "REVALIDATE_S",
    "SESSION_TTL_S",
    "CommandStamper",
    "Identity",
    "OperatorSession",
    "SessionExpiredError",
]
