"""``atlasmesh``: one command, one sub-command per job."""

from __future__ import annotations

import argparse
import sys

from app import __version__
from app.cli import console, demo, pack_cmd, protocol_cmd, site_cmd
from app.cli.runtime import setup_logging

DESCRIPTION = """\
AtlasMesh Control Center: the control room for fleets of autonomous vehicles.
Run 'atlasmesh COMMAND --help' for the options of each command.
"""


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="atlasmesh",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"atlasmesh {__version__}")
    parser.add_argument(
        "--log-level", default="WARNING", help="logging level for stderr (default: WARNING)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    raw = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser(
        "demo", help="run a simulated site", description=demo.DESCRIPTION, formatter_class=raw
    )
    demo.add_arguments(p)

    p = sub.add_parser(
        "console",
        help="open the operator console on a simulated site (or write its screenshot)",
        description=console.DESCRIPTION,
        formatter_class=raw,
    )
    console.add_arguments(p)

    # The edge node's options belong to its composition root; import lazily to keep
    # `atlasmesh --help` fast.
    from edge.__main__ import add_arguments as edge_arguments

    p = sub.add_parser(
        "edge",
        help="run an edge node hosting simulated vehicles",
        description=(
            "Run an edge node: a WebSocket server speaking protocol v1 that hosts one vehicle "
            "(a vehicle's own node) or many (a site gateway), streams their telemetry, "
            "exchanges heartbeats and executes console commands such as emergency stop."
        ),
    )
    edge_arguments(p)

    p = sub.add_parser(
        "site",
        help="run the headless site service",
        description=site_cmd.DESCRIPTION,
        formatter_class=raw,
    )
    site_cmd.add_arguments(p)

    sub.add_parser(
        "verify",
        help="verify an edge journal or receipt export offline",
        description="Verify an edge node's receipt journal (.db) or an export (.jsonl): "
        "sequence, hash chain, Merkle checkpoints and signatures; report the first broken or "
        "missing receipt. Run 'atlasmesh verify PATH --help' for its options.",
        add_help=False,
    )

    p = sub.add_parser(
        "protocol",
        help="protocol schema and frame checks",
        description=protocol_cmd.DESCRIPTION,
        formatter_class=raw,
    )
    protocol_cmd.add_arguments(p)

    p = sub.add_parser(
        "pack",
        help="sector packs: list, new, check",
        description=pack_cmd.DESCRIPTION,
        formatter_class=raw,
    )
    pack_cmd.add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``atlasmesh`` script."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["verify"]:
        from edge.receipts.verify import main as verify_main

        return verify_main(argv[1:])
    args = build_parser().parse_args(argv)
    if args.command == "edge":
        import asyncio

        from edge.__main__ import serve

        setup_logging(args.log_level)
        return asyncio.run(serve(args))
    setup_logging(args.log_level)
    if args.command == "demo":
        return demo.main(args)
    if args.command == "console":
        try:
            options = console.options_from_args(args)
        except ValueError as exc:
            print(f"atlasmesh console: {exc}", file=sys.stderr)
            return 2
        return console.main(options)
    if args.command == "site":
        return site_cmd.main(args)
    if args.command == "pack":
        return pack_cmd.main(args)
    return protocol_cmd.main(args)


if __name__ == "__main__":
    sys.exit(main())
