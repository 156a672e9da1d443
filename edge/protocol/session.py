"""Session rules of protocol v1, without I/O: handshake, version choice, sequence order.

A :class:`Session` is owned by one connection handler.  It numbers outgoing frames, checks
incoming ones (decode, phase, order) and raises :class:`~edge.errors.ProtocolError` for a
frame that breaks the rules; the handler answers with an ``error`` message and carries on.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from edge.errors import ErrorCode, ProtocolError
from edge.protocol.codec import decode, major_of
from edge.protocol.messages import PROTOCOL_VERSION, Envelope, Error, Hello, Message

M = TypeVar("M", bound=Envelope)

SUPPORTED_VERSIONS: tuple[str, ...] = (PROTOCOL_VERSION, "1.3", "1.2", "1.1", "1.0")
"""Versions this build speaks, newest first."""


def _minor_of(version: str) -> int:
    _, _, minor = version.partition(".")
    return int(minor) if minor.isdigit() else 0


class Phase(Enum):
    """Where a session is in its life."""

    AWAIT_HELLO = "await_hello"
    AWAIT_WELCOME = "await_welcome"
    OPEN = "open"
    CLOSED = "closed"


def negotiate(offered: list[str], supported: tuple[str, ...] = SUPPORTED_VERSIONS) -> str:
    """Pick the version to speak: the highest both sides speak, on the highest shared major.

    Within a major, minors only add: a peer offering ``1.0`` is served in ``1.0`` (never sent
    a 1.1 message), one offering ``1.9`` is served in our newest ``1.x``.

    Raises
    ------
    ProtocolError
        ``unsupported_version`` naming both sides' versions when no major is shared.
    """
    theirs: dict[int, int] = {}
    for v in offered:
        major = major_of(v)
        if major is not None:
            theirs[major] = max(theirs.get(major, -1), _minor_of(v))
    for version in supported:  # newest first
        major = major_of(version)
        if major in theirs and _minor_of(version) <= theirs[major]:
            return version
    raise ProtocolError(
        ErrorCode.UNSUPPORTED_VERSION,
        f"no common protocol version: peer offers {', '.join(offered)}; "
        f"this node speaks {', '.join(supported)}",
    )


class Session:
    """One end of one connection.

    Parameters
    ----------
    initiator
        ``True`` on the side that sends ``hello`` (the console), ``False`` on the side that
        answers with ``welcome`` (the edge node).
    """

    def __init__(self, *, initiator: bool) -> None:
        self.initiator = initiator
        self.phase = Phase.AWAIT_WELCOME if initiator else Phase.AWAIT_HELLO
        self.version = PROTOCOL_VERSION
        self._out_seq = 0
        self._in_seq = -1
        self.frames_in = 0
        self.frames_refused = 0

    def next_seq(self) -> int:
        """Return the sequence number for the next outgoing frame."""
        seq = self._out_seq
        self._out_seq += 1
        return seq

    def make(self, cls: type[M], ts: float, **fields: Any) -> M:
        """Build an outgoing message of ``cls`` with version, sequence and send time filled."""
        return cls(v=self.version, seq=self.next_seq(), ts=ts, **fields)

    def error_for(self, exc: ProtocolError, ts: float) -> Error:
        """Build the ``error`` message that answers a refused frame."""
        return self.make(Error, ts, code=exc.code.value, reason=exc.reason, ref_seq=exc.ref_seq)

    def receive(self, frame: str | bytes) -> Message:
        """Decode a frame and check it against the session's phase and ordering.

        Raises
        ------
        ProtocolError
            For a malformed, oversized, out-of-phase or out-of-order frame.
        """
        self.frames_in += 1
        try:
            message = decode(frame)
            self._check(message)
        except ProtocolError:
            self.frames_refused += 1
            raise
        self._in_seq = message.seq
        return message

    def _check(self, message: Message) -> None:
        if message.seq <= self._in_seq:
            raise ProtocolError(
                ErrorCode.OUT_OF_ORDER,
                f"{message.type} seq {message.seq} is not above the last accepted "
                f"seq {self._in_seq}",
                message.seq,
            )
        kind = message.type
        if self.phase is Phase.AWAIT_HELLO and kind not in ("hello", "bye"):
            raise ProtocolError(
                ErrorCode.NOT_READY, f"expected hello first, got {kind}", message.seq
            )
        if self.phase is Phase.AWAIT_WELCOME and kind not in ("welcome", "error", "bye"):
            raise ProtocolError(
                ErrorCode.NOT_READY, f"expected welcome first, got {kind}", message.seq
            )
        if self.phase is Phase.OPEN and kind in ("hello", "welcome"):
            raise ProtocolError(
                ErrorCode.NOT_READY, f"{kind} is only valid at the start of a session", message.seq
            )
        if self.phase is Phase.CLOSED:
            raise ProtocolError(ErrorCode.NOT_READY, "session is closed", message.seq)

    def accept_hello(self, hello: Hello) -> str:
        """Negotiate the version for a received ``hello`` and open the session (edge side)."""
        self.version = negotiate(hello.versions)
        self.phase = Phase.OPEN
        return self.version

    def opened(self, version: str) -> None:
        """Open the session after a ``welcome`` (console side)."""
        if version not in SUPPORTED_VERSIONS:
            raise ProtocolError(
                ErrorCode.UNSUPPORTED_VERSION,
                f"edge chose version {version}; this console speaks "
                f"{', '.join(SUPPORTED_VERSIONS)}",
            )
        self.version = version
        self.phase = Phase.OPEN

    @property
    def speaks_1_1(self) -> bool:
        """Whether the negotiated version has the 1.1 messages (tele-assist exchange)."""
        return major_of(self.version) == 1 and _minor_of(self.version) >= 1

    @property
    def speaks_1_2(self) -> bool:
        """Whether the negotiated version has the 1.2 additions (tasks with steps, cancel)."""
        return major_of(self.version) == 1 and _minor_of(self.version) >= 2

    @property
    def speaks_1_3(self) -> bool:
        """Whether the negotiated version has the 1.3 additions (fallback results)."""
        return major_of(self.version) == 1 and _minor_of(self.version) >= 3

    @property
    def speaks_1_4(self) -> bool:
        """Whether the negotiated version has the 1.4 additions (``closed_zones``)."""
        return major_of(self.version) == 1 and _minor_of(self.version) >= 4

    def close(self) -> None:
        """Mark the session closed; later frames are refused."""
        self.phase = Phase.CLOSED
