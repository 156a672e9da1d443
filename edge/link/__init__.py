"""asyncio/WebSocket adapters around the Sans-I/O protocol: one console link on the edge."""

from edge.link.connection import BULK_HIGH_WATER, CONTROL_OUTBOX_MAX, ConsoleLink

__all__ = ["BULK_HIGH_WATER", "CONTROL_OUTBOX_MAX", "ConsoleLink"]
