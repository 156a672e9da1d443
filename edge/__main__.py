"""Composition root of an edge node: ``python -m edge`` or ``atlasmesh edge``.

Builds the vehicle adapters (simulated for now), wires them into an :class:`EdgeNode` and
serves until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from edge.hal.sim import SimWorld, make_fleet
from edge.node import EdgeNode, EdgeNodeConfig
from maps.site import default_site_path, load_site

log = logging.getLogger("edge")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the edge node's command-line options on ``parser``."""
    parser.add_argument("--node-id", default="edge-1", help="this node's id (default: edge-1)")
    parser.add_argument(
        "--site", type=Path, default=None, help="site GeoJSON file (default: the demo mine)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on (0: any)")
    parser.add_argument(
        "--sim",
        type=int,
        default=1,
        metavar="N",
        help="host N simulated vehicles (1: a vehicle's own node; more: a site gateway)",
    )
    parser.add_argument(
        "--hz", type=float, default=10.0, help="telemetry rate per vehicle (default: 10)"
    )
    parser.add_argument("--seed", type=int, default=1, help="simulation seed")
    parser.add_argument("--log-level", default="INFO", help="logging level (default: INFO)")


async def serve(args: argparse.Namespace) -> int:
    """Run one edge node until SIGINT or SIGTERM."""
    site = load_site(args.site or default_site_path())
    world = SimWorld(site)
    vehicles = make_fleet(world, args.sim, prefix=f"{args.node_id}-v", seed=args.seed)
    node = EdgeNode(
        EdgeNodeConfig(
            node_id=args.node_id,
            site_id=site.site_id,
            host=args.host,
            port=args.port,
            telemetry_hz=args.hz,
        ),
        vehicles,
    )
    await node.start()
    print(
        f"edge node {args.node_id} serving {len(vehicles)} simulated vehicle(s) of site "
        f"{site.site_id} on {node.url} (Ctrl+C to stop)",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await node.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m edge``."""
    parser = argparse.ArgumentParser(prog="python -m edge", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s: %(message)s")
    return asyncio.run(serve(args))


if __name__ == "__main__":
    sys.exit(main())
