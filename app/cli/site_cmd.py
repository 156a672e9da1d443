"""``atlasmesh site``: the headless site service connected to a list of edge nodes."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from app.cli.runtime import print_status, run_until_stopped, stop_event_on_signals
from app.core.service import SiteService

if TYPE_CHECKING:
    import argparse

DESCRIPTION = """\
Run the site service without a console: connect to the given edge nodes (reconnecting with
backoff when a link drops), keep the fleet state, and print a status line every few seconds.
This is what a control-room server runs; consoles observe the same service.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the site service's options."""
    parser.add_argument(
        "--edge",
        action="append",
        default=[],
        metavar="URL",
        required=True,
        help="edge node address, e.g. ws://127.0.0.1:8765 (repeat for each node)",
    )
    parser.add_argument("--site-id", default="demo-mine", help="site id the nodes must match")
    parser.add_argument("--console-id", default="site-service", help="this service's id")
    parser.add_argument("--duration", type=float, default=None, metavar="S", help="stop after S s")
    parser.add_argument(
        "--status-every", type=float, default=3.0, metavar="S", help="status line period"
    )


async def run(args: argparse.Namespace) -> int:
    """Run the service until stopped."""
    service = SiteService(args.site_id, args.edge, console_id=args.console_id)
    await service.start()
    print(f"site service {args.console_id}: {len(args.edge)} edge node(s); Ctrl+C stops.")
    stop = stop_event_on_signals()
    try:
        await run_until_stopped(stop, args.duration, args.status_every, print_status(service))
    finally:
        await service.stop()
    return 0


def main(args: argparse.Namespace) -> int:
    """Run the site service to completion."""
    return asyncio.run(run(args))
