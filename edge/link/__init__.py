"""asyncio/WebSocket adapters around the Sans-I/O protocol: one console link on the edge."""

from edge.link.connection import CONTROL_OUTBOX_MAX, ConsoleLink

__all__ = ["CONTROL_OUTBOX_MAX", "ConsoleLink"]
