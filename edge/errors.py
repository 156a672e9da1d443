"""The edge package's exception tree.

::

    EdgeError
    ├── ProtocolError      a frame or a session step broke protocol v1 (carries a wire code)
    ├── HalError           a vehicle adapter could not do what it was asked
    ├── GovernorError      edge.governor.errors: bundle, compile and batch errors
    ├── ReceiptError       edge.receipts.errors: malformed receipts, proofs, signatures, keys
    └── JournalError       edge.journal.errors: full, overloaded, closed, unsafe, corrupt
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable error codes sent in ``error`` messages; documented in docs/protocol.md."""

    MALFORMED = "malformed"
    """The frame is not a JSON object."""
    INVALID = "invalid"
    """The frame is JSON but does not match any message schema."""
    UNSUPPORTED_VERSION = "unsupported_version"
    """The frame's protocol major version is not one this peer speaks."""
    TOO_LARGE = "too_large"
    """The frame exceeds the size limit for its message type."""
    OUT_OF_ORDER = "out_of_order"
    """The frame's sequence number is not above the last one accepted."""
    NOT_READY = "not_ready"
    """The message is not allowed in the session's current state (e.g. before hello)."""
    UNKNOWN_VEHICLE = "unknown_vehicle"
    """The message names a vehicle this edge node does not host."""
    REJECTED = "rejected"
    """The message was understood and refused (the reason says why)."""
    INTERNAL = "internal"
    """The peer failed while handling the message; the session continues."""
    UNAUTHENTICATED = "unauthenticated"
    """A command carries no valid operator assertion (missing, forged, expired, wrong site)."""
    FORBIDDEN = "forbidden"
    """The operator's role is below the one the command needs."""
    STALE = "stale"
    """The command was issued longer ago than its staleness bound (or in the future)."""
    REPLAYED = "replayed"
    """The command's ``(stream, cmd_seq)`` was already executed, or is behind the window."""
    RATE_LIMITED = "rate_limited"
    """The console sent more commands than its rate limit allows (never an emergency stop)."""


REASON_MAX = 1024
"""Longest ``reason`` an ``error`` message may carry (characters)."""


def _wire_safe(reason: str) -> str:
    """Make ``reason`` sendable: valid UTF-8 (lone surrogates replaced), at most REASON_MAX.

    Reasons quote what the peer sent, and a peer may send anything; the answer must still be
    a valid ``error`` message.
    """
    text = reason.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "\u2026"


class EdgeError(Exception):
    """Base class of every error raised by the edge package."""


class ProtocolError(EdgeError):
    """A frame or session step violated protocol v1.

    Parameters
    ----------
    code
        The wire error code sent back to the peer.
    reason
        A human-readable explanation (English, for logs and developers).
    ref_seq
        The sequence number of the offending frame, when it could be read.
    """

    def __init__(self, code: ErrorCode, reason: str, ref_seq: int | None = None) -> None:
        reason = _wire_safe(reason)
        super().__init__(f"{code.value}: {reason}")
        self.code = code
        self.reason = reason
        self.ref_seq = ref_seq


class HalError(EdgeError):
    """A vehicle adapter could not carry out a request."""
