"""Turn frames into messages and back, with size limits and clear errors (Sans-I/O)."""

from __future__ import annotations

import json
from typing import Final

from pydantic import TypeAdapter, ValidationError

from edge.errors import ErrorCode, ProtocolError
from edge.protocol.messages import BULK_TYPES, PROTOCOL_VERSION, Envelope, Message

CONTROL_FRAME_MAX: Final = 64 * 1024
"""Largest control frame (everything but telemetry, policy pushes and welcomes), bytes."""
BULK_FRAME_MAX: Final = 4 * 1024 * 1024 + 64 * 1024
"""Largest bulk frame, bytes."""
TRANSPORT_FRAME_MAX: Final = 2 * BULK_FRAME_MAX
"""Frames above this are refused by the WebSocket layer itself (close code 1009)."""

_ADAPTER: Final[TypeAdapter[Message]] = TypeAdapter(Message)
_SUPPORTED_MAJOR: Final = int(PROTOCOL_VERSION.split(".", 1)[0])


def major_of(version: str) -> int | None:
    """Return the major number of a ``MAJOR.MINOR`` string, or ``None`` when unreadable."""
    head, _, _ = version.partition(".")
    return int(head) if head.isdigit() else None


def encode(message: Envelope) -> str:
    """Serialise a message to its JSON frame."""
    return message.model_dump_json(exclude_none=True)


def decode(frame: str | bytes) -> Message:
    """Parse and validate one frame.

    Raises
    ------
    ProtocolError
        With code ``too_large``, ``malformed``, ``unsupported_version`` or ``invalid``; the
        reason names the field and the problem.
    """
    if isinstance(frame, bytes):
        raise ProtocolError(
            ErrorCode.MALFORMED, "binary frames are not part of protocol v1; send text frames"
        )
    # Limits are in bytes on the wire; str.isascii() is O(1), so only non-ASCII text pays
    # for an encode to measure it.
    size = len(frame) if frame.isascii() else len(frame.encode("utf-8", "surrogatepass"))
    if size > BULK_FRAME_MAX:
        raise ProtocolError(
            ErrorCode.TOO_LARGE, f"frame of {size} bytes exceeds the {BULK_FRAME_MAX} byte limit"
        )
    try:
        message = _ADAPTER.validate_json(frame)
    except ValidationError as exc:
        raise _explain(frame, exc) from None
    if major_of(message.v) != _SUPPORTED_MAJOR:
        raise _version_error(message.v, message.seq)
    if size > CONTROL_FRAME_MAX and message.type not in BULK_TYPES:
        raise ProtocolError(
            ErrorCode.TOO_LARGE,
            f"{message.type} frame of {size} bytes exceeds the control limit of "
            f"{CONTROL_FRAME_MAX} bytes",
            message.seq,
        )
    return message


def _version_error(version: object, seq: int | None) -> ProtocolError:
    return ProtocolError(
        ErrorCode.UNSUPPORTED_VERSION,
        f"protocol version {version!r} is not supported; this peer speaks {PROTOCOL_VERSION}",
        seq,
    )


def _explain(frame: str | bytes, exc: ValidationError) -> ProtocolError:
    """Build the most useful error for a frame that failed validation (slow path only)."""
    try:
        raw = json.loads(frame)
    except (ValueError, UnicodeDecodeError) as err:
        return ProtocolError(ErrorCode.MALFORMED, f"frame is not valid JSON: {err}")
    except RecursionError:
        return ProtocolError(ErrorCode.MALFORMED, "frame nests arrays or objects too deeply")
    if not isinstance(raw, dict):
        return ProtocolError(
            ErrorCode.MALFORMED, f"frame must be a JSON object, got {type(raw).__name__}"
        )
    seq = raw.get("seq") if isinstance(raw.get("seq"), int) else None
    version = raw.get("v")
    if isinstance(version, str) and major_of(version) not in (None, _SUPPORTED_MAJOR):
        return _version_error(version, seq)
    problems = []
    for item in exc.errors(include_url=False)[:5]:
        # The first element of loc is the union tag; drop it so paths read like the document.
        loc = [str(p) for p in item["loc"]]
        if loc and loc[0] == raw.get("type"):
            loc = loc[1:]
        where = ".".join(loc) or "<frame>"
        problems.append(f"{where}: {item['msg']}")
    kind = raw.get("type", "<no type>")
    more = f" (+{exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return ProtocolError(ErrorCode.INVALID, f"{kind}: " + "; ".join(problems) + more, seq)
