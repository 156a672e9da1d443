"""JSON Schema export of protocol v1, for implementers in other languages."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from edge.protocol.messages import PROTOCOL_VERSION, Message


def protocol_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of every protocol v1 message."""
    schema = TypeAdapter(Message).json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:atlasmesh:protocol:{PROTOCOL_VERSION}"
    schema["title"] = f"AtlasMesh edge protocol {PROTOCOL_VERSION}"
    schema["description"] = (
        "One JSON object per WebSocket text frame, discriminated on 'type'. "
        "See docs/protocol.md for the session rules."
    )
    return schema


def schema_json() -> str:
    """Return the schema as stable, indented JSON text."""
    return json.dumps(protocol_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
