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
from typing import TYPE_CHECKING

from edge.assist.closures import ZoneClosures
from edge.decisions import DecisionPipeline
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.heap import freeze_startup_heap
from edge.journal import Journal
from edge.node import EdgeNode, EdgeNodeConfig
from edge.receipts.keys import load_or_create_key
from edge.security.cli import add_security_arguments, guard_from_args
from edge.security.latch import StopLatch
from maps.site import default_site_path, load_site
from plugins.runtime import load_site_packs
from plugins.simfleet import fleet_classes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from edge.hal.base import VehicleAdapter
    from edge.ticker import Ticker
    from maps.site import Site

log = logging.getLogger("edge")


def build_node(
    config: EdgeNodeConfig,
    vehicles: Sequence[VehicleAdapter],
    *,
    site: Site,
    data_dir: Path,
    governor: Governor | None = None,
    ticker: Ticker | None = None,
) -> EdgeNode:
    """Wire an edge node: vehicles, governor (core rules), durable receipt journal.

    ``data_dir/<node_id>/`` holds the node's signing key and its journal.  A governor may be
    shared by the nodes of one process (it is stateless between decisions).
    """
    home = data_dir / config.node_id
    home.mkdir(parents=True, exist_ok=True)
    key = load_or_create_key(home / "node_key.pem")
    journal = Journal(home / "journal.db", node_id=config.node_id, key=key)
    pipeline = DecisionPipeline(governor or Governor(load_core_bundle(), site), journal)
    latch = StopLatch(home / "estop_latch.json")  # a restart never clears a stop
    closures = ZoneClosures(home / "zone_closures.json")  # nor reopens a closed zone
    return EdgeNode(
        config, vehicles, ticker=ticker, decisions=pipeline, latch=latch, closures=closures
    )


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
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("var/edge"),
        help="where the node keeps its key and receipt journal (default: var/edge)",
    )
    parser.add_argument("--log-level", default="INFO", help="logging level (default: INFO)")
    add_security_arguments(parser)


async def serve(args: argparse.Namespace) -> int:
    """Run one edge node until SIGINT or SIGTERM."""
    site_path = args.site or default_site_path()
    site = load_site(site_path)
    packs = load_site_packs(site_path, site)  # the site's sector packs, composed onto the core
    world = SimWorld(site)
    classes = fleet_classes(packs.contributions.profiles.values())  # the packs' classes
    vehicles = make_fleet(
        world, args.sim, prefix=f"{args.node_id}-v", seed=args.seed, classes=classes
    )
    node = build_node(
        EdgeNodeConfig(
            node_id=args.node_id,
            site_id=site.site_id,
            host=args.host,
            port=args.port,
            telemetry_hz=args.hz,
        ),
        vehicles,
        site=site,
        data_dir=args.data_dir,
        governor=Governor(packs.bundle, site),
    )
    node.use_guard(guard_from_args(args, site.site_id, args.data_dir / args.node_id))
    await node.start()
    freeze_startup_heap()  # the compiled policy and site never change: keep GC off them
    print(
        f"edge node {args.node_id} serving {len(vehicles)} simulated vehicle(s) of site "
        f"{site.site_id} on {node.url} (Ctrl+C to stop); policy {packs.bundle.bundle_id}",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await node.stop()
    if node.decisions is not None:
        node.decisions.journal.close()
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
