"""``atlasmesh demo``: a simulated site — edge nodes with vehicles, and the site service."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.runtime import print_status, run_until_stopped, stop_event_on_signals
from app.core.service import SiteService
from app.core.store import ReceiptStore, open_engine
from edge.__main__ import build_node
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.ticker import Ticker
from maps.site import default_site_path, load_site

if TYPE_CHECKING:
    import argparse

DESCRIPTION = """\
Run a simulated site on this machine: site gateways and single-vehicle edge nodes hosting
simulated vehicles that drive the demo mine's roads (haul trucks cycle between loading points
and dumps), and the site service connected to all of them over loopback WebSockets.
Without a display it prints a status line every few seconds until Ctrl+C (or --duration).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the demo's options."""
    parser.add_argument("--site", type=Path, default=None, help="site file (default: demo mine)")
    parser.add_argument(
        "--gateways", type=int, default=2, help="site gateways, each hosting many vehicles"
    )
    parser.add_argument("--per-gateway", type=int, default=20, help="vehicles per gateway")
    parser.add_argument(
        "--direct", type=int, default=4, help="vehicles with an edge node of their own"
    )
    parser.add_argument("--hz", type=float, default=10.0, help="telemetry rate per vehicle")
    parser.add_argument(
        "--duration",
        type=float,
        default=None,
        metavar="S",
        help="stop by itself after S seconds and exit 0 (default: run until Ctrl+C)",
    )
    parser.add_argument(
        "--status-every", type=float, default=3.0, metavar="S", help="status line period"
    )
    parser.add_argument("--seed", type=int, default=7, help="simulation seed")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("var/demo"),
        help="edge keys and journals, and the site database (default: var/demo)",
    )


async def run(args: argparse.Namespace) -> int:
    """Start the nodes and the service, print status until stopped, shut down cleanly."""
    site = load_site(args.site or default_site_path())
    world = SimWorld(site)
    nodes: list[EdgeNode] = []
    ticker = Ticker(args.hz)  # all of this process's nodes step together
    governor = Governor(load_core_bundle(), site)  # one compiled policy, shared by the nodes
    specs = [(f"gw-{i + 1}", args.per_gateway) for i in range(args.gateways)]
    specs += [(f"veh-{i + 1}", 1) for i in range(args.direct)]
    for index, (node_id, count) in enumerate(specs):
        fleet = make_fleet(world, count, prefix=f"{node_id}-", seed=args.seed + index)
        config = EdgeNodeConfig(node_id=node_id, site_id=site.site_id, telemetry_hz=args.hz)
        nodes.append(
            build_node(
                config,
                fleet,
                site=site,
                data_dir=args.data_dir / "edge",
                governor=governor,
                ticker=ticker,
            )
        )
    for node in nodes:
        await node.start()
    store = ReceiptStore(open_engine(f"sqlite:///{args.data_dir / 'site.db'}"))
    service = SiteService(
        site.site_id, [n.url for n in nodes], console_id="demo-console", store=store
    )
    await service.start()
    vehicles = sum(len(n.vehicles) for n in nodes)
    print(
        f"AtlasMesh demo: site {site.name} ({site.site_id}), {len(nodes)} edge nodes, "
        f"{vehicles} simulated vehicles at {args.hz:g} Hz. Headless: status every "
        f"{args.status_every:g} s"
        + ("" if args.duration is None else f" for {args.duration:g} s")
        + ". Ctrl+C stops.",
        flush=True,
    )
    stop = stop_event_on_signals()
    try:
        await run_until_stopped(stop, args.duration, args.status_every, print_status(service))
    finally:
        await service.stop()
        for node in nodes:
            await node.stop()
            if node.decisions is not None:
                node.decisions.journal.close()
        store.close()
    print("demo stopped", flush=True)
    return 0


def main(args: argparse.Namespace) -> int:
    """Run the demo to completion."""
    return asyncio.run(run(args))
