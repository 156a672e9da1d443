"""``atlasmesh demo``: a simulated site — edge nodes with vehicles, and the site service."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.auto_assist import ScriptedOperator
from app.cli.escalations import EscalationScript
from app.cli.runtime import format_kpis, print_status, run_until_stopped, stop_event_on_signals
from app.cli.trust import console_options, secure_demo, sign_in_demo_operator
from app.core.service import SiteService
from app.core.store import ReceiptStore, open_engine
from edge.__main__ import build_node
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.hal.sim import MAX_TIME_SCALE, make_fleet
from edge.hal.sim_world import SimWorld
from edge.heap import freeze_startup_heap
from edge.node import EdgeNode, EdgeNodeConfig
from edge.ticker import Ticker
from maps.site import default_site_path, load_site
from plugins.runtime import load_site_packs, packs_line
from plugins.simfleet import fleet_classes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from edge.governor.rules import PolicyBundle
    from edge.hal.kinematics import KinematicClass
    from maps.site import Site

DESCRIPTION = """\
Run a simulated site on this machine: site gateways and single-vehicle edge nodes hosting
simulated vehicles that drive the demo mine's roads, and the site service connected to all of
them over loopback WebSockets. With the mining pack enabled the site's dispatcher sends the
haul trucks on haul cycles (loader, load, haul, dump) from its flow plan and the light
vehicles on inspection runs; the water trucks run their own errands. Other sites' packs get
theirs (yard moves and docking; resupply and patrols). The vehicles run --time-scale times
faster than real time (20), and the KPIs are counted in simulated time.
With a display it opens the operator console on that site; without one (or with --headless)
it prints a status line every few seconds until Ctrl+C (or --duration).
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
    add_time_scale_argument(parser)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--headless",
        action="store_true",
        help="print status lines even when a display is available",
    )
    mode.add_argument(
        "--console",
        action="store_true",
        help="open the operator console (default when a display is available)",
    )
    parser.add_argument(
        "--insecure-dev",
        action="store_true",
        help="plain ws:// without certificates or sign-in (development only; flagged)",
    )
    add_assist_arguments(parser)
    parser.add_argument(
        "--auto-assist",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a scripted operator claims and confirms every assist request (default: on when "
        "headless, off with the console, where you answer)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("var/demo"),
        help="edge keys and journals, and the site database (default: var/demo)",
    )


@dataclass(frozen=True, slots=True)
class SimSiteSpec:
    """How many simulated edge nodes and vehicles a simulated site has."""

    gateways: int = 2
    per_gateway: int = 20
    direct: int = 4
    hz: float = 10.0
    seed: int = 7
    time_scale: float = 1.0
    """Simulated seconds per wall-clock second of the vehicles' driving, loading and dumping
    (:class:`edge.hal.sim.SimVehicle`); the dispatcher's KPIs are then in simulated time."""

    def __post_init__(self) -> None:
        if not 1.0 <= self.time_scale <= MAX_TIME_SCALE:  # also refuses NaN
            raise ValueError(
                f"--time-scale must be between 1 and {MAX_TIME_SCALE:g}, not {self.time_scale}"
            )

    @classmethod
    def for_vehicles(
        cls, vehicles: int, hz: float = 10.0, seed: int = 7, time_scale: float = 1.0
    ) -> SimSiteSpec:
        """Spread ``vehicles`` over up to four single-vehicle nodes and 500-vehicle gateways."""
        if vehicles < 1:
            raise ValueError(f"--vehicles must be at least 1, not {vehicles}")
        direct = min(4, vehicles)
        rest = vehicles - direct
        gateways = -(-rest // GATEWAY_MAX) if rest else 0
        per_gateway = -(-rest // gateways) if gateways else 0
        # Uneven splits round up: the last gateway may host a few more than asked.
        return cls(gateways, per_gateway, direct, hz, seed, time_scale)


GATEWAY_MAX = 500
"""Vehicles per simulated site gateway when the count is given as a total."""
DEMO_TIME_SCALE = 20.0
"""The demo's default time scale: a demo-mine haul cycle (10-15 minutes) in under a minute."""


def add_time_scale_argument(parser: argparse.ArgumentParser) -> None:
    """Declare ``--time-scale`` (shared by ``demo`` and ``console``)."""
    parser.add_argument(
        "--time-scale",
        type=float,
        default=DEMO_TIME_SCALE,
        metavar="N",
        help="simulated vehicles drive, load and dump N times faster than real time, and the "
        "dispatcher counts its KPIs in simulated time (shown as 'simulated xN'); governor "
        f"checks, assist deadlines and links stay real time (default {DEMO_TIME_SCALE:g}; "
        "1: real time)",
    )


def add_assist_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``--escalate-every`` (shared by ``demo`` and ``console``)."""
    parser.add_argument(
        "--escalate-every",
        type=float,
        default=30.0,
        metavar="S",
        help="make a simulated vehicle escalate (a scripted perception dip) every S seconds, "
        "after three at start (default: 30; 0: only the sim's own rare dips)",
    )


def spec_from_args(args: argparse.Namespace) -> SimSiteSpec:
    """Read the demo's node options."""
    return SimSiteSpec(
        args.gateways, args.per_gateway, args.direct, args.hz, args.seed, args.time_scale
    )


def build_nodes(
    site: Site,
    spec: SimSiteSpec,
    data_dir: Path,
    *,
    bundle: PolicyBundle | None = None,
    classes: Sequence[KinematicClass] | None = None,
) -> list[EdgeNode]:
    """Build (not start) the simulated site's edge nodes: gateways, then single-vehicle nodes.

    Shared by ``atlasmesh demo`` and ``atlasmesh console``.  All nodes of the process step on
    one ticker and share one compiled governor, running ``bundle`` (the site's packs composed
    onto the core rules, :func:`plugins.load_site_packs`) or the core rules alone.  The
    vehicles are of ``classes`` (the packs' classes, :func:`plugins.simfleet.fleet_classes`)
    or a mine's fleet.
    """
    world = SimWorld(site)
    nodes: list[EdgeNode] = []
    ticker = Ticker(spec.hz)  # all of this process's nodes step together
    governor = Governor(bundle or load_core_bundle(), site)  # one policy, shared by the nodes
    specs = [(f"gw-{i + 1}", spec.per_gateway) for i in range(spec.gateways)]
    specs += [(f"veh-{i + 1}", 1) for i in range(spec.direct)]
    for index, (node_id, count) in enumerate(specs):
        fleet = make_fleet(
            world,
            count,
            prefix=f"{node_id}-",
            seed=spec.seed + index,
            classes=classes,
            time_scale=spec.time_scale,
        )
        config = EdgeNodeConfig(node_id=node_id, site_id=site.site_id, telemetry_hz=spec.hz)
        nodes.append(
            build_node(
                config,
                fleet,
                site=site,
                data_dir=data_dir / "edge",
                governor=governor,
                ticker=ticker,
            )
        )
    return nodes


def policy_label() -> str:
    """Return the policy bundle the simulated nodes enforce, as ``id vN``."""
    bundle = load_core_bundle()
    return f"{bundle.bundle_id} v{bundle.version}"


async def stop_nodes(nodes: list[EdgeNode]) -> None:
    """Stop every node and close its journal."""
    for node in nodes:
        await node.stop()
        if node.decisions is not None:
            node.decisions.journal.close()


async def run(args: argparse.Namespace) -> int:
    """Start the nodes and the service, print status until stopped, shut down cleanly."""
    site_path = args.site or default_site_path()
    site = load_site(site_path)
    packs = load_site_packs(site_path, site)
    print(packs_line(packs), flush=True)
    classes = fleet_classes(packs.contributions.profiles.values())
    spec = spec_from_args(args)
    nodes = build_nodes(site, spec, args.data_dir, bundle=packs.bundle, classes=classes)
    trust = secure_demo(nodes, args.data_dir, site.site_id, insecure=args.insecure_dev)
    for node in nodes:
        await node.start()
    store = ReceiptStore(open_engine(f"sqlite:///{args.data_dir / 'site.db'}"))
    service = SiteService(
        site.site_id,
        [n.url for n in nodes],
        store=store,
        site=site,
        packs=packs.contributions,
        time_scale=spec.time_scale,
        **console_options(trust),
    )
    await service.start()
    session = sign_in_demo_operator(trust, service)
    background: list[asyncio.Future[None]] = []
    if args.escalate_every > 0:
        script = EscalationScript(nodes, every_s=args.escalate_every, seed=args.seed)
        background.append(asyncio.ensure_future(script.run()))
    operator = None
    if args.auto_assist is not False:  # headless: nobody else would answer
        operator = ScriptedOperator(
            service, session or "demo-operator", say=lambda line: print(line, flush=True)
        )
    freeze_startup_heap()
    vehicles = sum(len(n.vehicles) for n in nodes)
    mix = Counter(v.vehicle_class for n in nodes for v in n.vehicles.values())
    print(
        f"AtlasMesh demo: site {site.name} ({site.site_id}), {len(nodes)} edge nodes, "
        f"{vehicles} simulated vehicles ({', '.join(f'{c} {k}' for c, k in mix.items())}) "
        f"at {args.hz:g} Hz, "
        + (
            "real time"
            if spec.time_scale == 1
            else f"simulated x{spec.time_scale:g} (KPIs per simulated hour)"
        )
        + ". Headless: status every "
        f"{args.status_every:g} s"
        + ("" if args.duration is None else f" for {args.duration:g} s")
        + ". Ctrl+C stops.",
        flush=True,
    )
    stop = stop_event_on_signals()
    try:
        await run_until_stopped(stop, args.duration, args.status_every, print_status(service))
        print(format_kpis(service), flush=True)
    finally:
        if operator is not None:
            operator.close()
        for task in background:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await service.stop()
        await stop_nodes(nodes)
        store.close()
    print("demo stopped", flush=True)
    return 0


def display_available() -> bool:
    """Whether a console window can open here (a display, and the ui extra installed)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return False
    try:
        import importlib.util

        return importlib.util.find_spec("PySide6") is not None
    except (ImportError, ValueError):
        return False


def main(args: argparse.Namespace) -> int:
    """Open the console on the simulated site when a display is available, else run headless."""
    if args.console or (not args.headless and display_available()):
        from app.cli import console

        return console.main(console.options_from_demo(args))
    return asyncio.run(run(args))
