"""``atlasmesh protocol``: export the JSON Schema and check frames against protocol v1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from edge.errors import ProtocolError
from edge.protocol.codec import decode
from edge.protocol.messages import PROTOCOL_VERSION
from edge.protocol.schema import schema_json

if TYPE_CHECKING:
    import argparse

DESCRIPTION = f"""\
Tools for implementers of protocol {PROTOCOL_VERSION} (see docs/protocol.md):
'schema' writes the JSON Schema of every message; 'check' validates frames, one JSON object
per line, and explains each refusal with the code an edge node would send.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the protocol sub-commands."""
    sub = parser.add_subparsers(dest="protocol_command", required=True)
    schema = sub.add_parser(
        "schema", help="write the JSON Schema", description="Write the protocol's JSON Schema."
    )
    schema.add_argument(
        "-o", "--output", type=Path, default=None, help="file to write (default: stdout)"
    )
    check = sub.add_parser(
        "check",
        help="validate frames (one per line)",
        description="Validate frames, one JSON object per line, from a file or stdin.",
    )
    check.add_argument("file", nargs="?", type=Path, default=None, help="file (default: stdin)")


def main(args: argparse.Namespace) -> int:
    """Run the chosen protocol sub-command."""
    if args.protocol_command == "schema":
        text = schema_json()
        if args.output is None:
            sys.stdout.write(text)
        else:
            args.output.write_text(text, encoding="utf-8")
            print(f"wrote {args.output}")
        return 0
    source = args.file.read_text(encoding="utf-8") if args.file else sys.stdin.read()
    bad = 0
    lines = [line for line in source.splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        try:
            message = decode(line)
        except ProtocolError as exc:
            bad += 1
            print(f"line {number}: REFUSED {exc.code.value}: {exc.reason}")
        else:
            print(f"line {number}: ok {message.type} seq={message.seq}")
    print(f"{len(lines) - bad} ok, {bad} refused")
    return 1 if bad else 0
