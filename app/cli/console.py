"""``atlasmesh console``: the operator console on a simulated site, or its screenshot.

This module stays headless: it runs the simulated edge nodes (on a thread of their own, with
their own asyncio loop, as if they were out on the site) and hands the console a started
:class:`SiteService`; Qt is imported only inside :func:`main`.
"""

from __future__ import annotations

import asyncio
import getpass
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.demo import (
    SimSiteSpec,
    add_assist_arguments,
    add_time_scale_argument,
    build_nodes,
    policy_label,
    spec_from_args,
    stop_nodes,
)
from app.cli.escalations import EscalationScript
from app.cli.trust import console_options, secure_demo, sign_in_demo_operator
from app.core.service import SiteService
from app.core.store import ReceiptStore, open_engine
from maps.site import default_site_path, load_site
from plugins.runtime import load_site_packs, packs_line
from plugins.simfleet import fleet_classes

if TYPE_CHECKING:
    import argparse

    from app.cli.trust import SiteTrust
    from edge.governor.rules import PolicyBundle
    from edge.node import EdgeNode
    from maps.site import Site
    from plugins.runtime import SitePacks

DESCRIPTION = """\
Open the AtlasMesh operator console on a simulated site started in this process: edge nodes
with simulated vehicles on the demo mine (or --site), and the site service connected to them.
With --screenshot PATH the console renders offscreen, lets a few seconds of live telemetry
settle, writes a PNG of the window and exits 0.
"""
NODES_START_TIMEOUT_S = 180.0
"""Building the nodes compiles the governor (numba); a cold cache takes a while."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the console's options."""
    parser.add_argument("--site", type=Path, default=None, help="site file (default: demo mine)")
    parser.add_argument(
        "--vehicles", type=int, default=44, metavar="N", help="simulated vehicles (default: 44)"
    )
    parser.add_argument("--hz", type=float, default=10.0, help="telemetry rate per vehicle")
    parser.add_argument("--seed", type=int, default=7, help="simulation seed")
    add_time_scale_argument(parser)
    parser.add_argument("--lang", choices=("en", "ar"), default=None, help="console language")
    parser.add_argument(
        "--theme",
        choices=("dark", "light", "high_contrast"),
        default=None,
        help="colour theme (default: the saved one, else dark)",
    )
    parser.add_argument(
        "--arabic-digits", action="store_true", help="show digits as ٠١٢٣ in Arabic"
    )
    parser.add_argument("--scale", type=float, default=None, help="font scale (1.0 = 10 pt)")
    parser.add_argument(
        "--screenshot",
        type=Path,
        default=None,
        metavar="PATH",
        help="render offscreen, write a PNG of the console to PATH after --settle, exit",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=8.0,
        metavar="S",
        help="seconds of live telemetry before the screenshot (default: 8)",
    )
    parser.add_argument(
        "--select", default=None, metavar="ID", help="vehicle to select before the screenshot"
    )
    parser.add_argument(
        "--assist",
        action="store_true",
        help="bring the assist workspace forward and select the first open request",
    )
    add_assist_arguments(parser)
    parser.add_argument(
        "--panel",
        action="append",
        default=[],
        metavar="KEY",
        help="bring this dock panel forward (repeatable; e.g. packs, "
        "pack.mining.parameters_panel, links, tasks)",
    )
    parser.add_argument(
        "--size", default="1680x1000", metavar="WxH", help="window size (default: 1680x1000)"
    )
    parser.add_argument(
        "--duration", type=float, default=None, metavar="S", help="close by itself after S s"
    )
    parser.add_argument(
        "--operator",
        default=None,
        help="operator name on commands with --insecure-dev (default: login name); on secure "
        "links the demo operator is signed in and named",
    )
    parser.add_argument(
        "--insecure-dev",
        action="store_true",
        help="plain ws:// links without authentication (development only; the console "
        "flags it in red)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("var/console"),
        help="edge keys and journals, and the site database (default: var/console)",
    )


@dataclass(frozen=True, slots=True)
class ConsoleOptions:
    """Everything ``atlasmesh console`` was asked for, checked."""

    site_path: Path
    spec: SimSiteSpec
    data_dir: Path
    lang: str | None = None
    theme: str | None = None
    arabic_digits: bool = False
    scale: float | None = None
    screenshot: Path | None = None
    settle_s: float = 8.0
    size: tuple[int, int] = (1680, 1000)
    duration_s: float | None = None
    operator: str = "operator"
    select: str | None = None
    insecure: bool = False
    assist: bool = False
    """Raise the assist workspace and select the first open request (before a screenshot)."""
    escalate_every_s: float = 30.0
    """Scripted perception dips: one vehicle every so often (0: none)."""
    panels: tuple[str, ...] = ()
    """Dock panels to bring forward (keys of ``ConsoleWindow.panels()``)."""


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``WxH``; raise ``ValueError`` with the expected form."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 1680x1000") from None
    if w < 640 or h < 400:
        raise ValueError(f"--size {text!r}: the console needs at least 640x400")
    return w, h


def options_from_args(args: argparse.Namespace) -> ConsoleOptions:
    """Check and collect the console's options."""
    return ConsoleOptions(
        site_path=args.site or default_site_path(),
        spec=SimSiteSpec.for_vehicles(args.vehicles, args.hz, args.seed, args.time_scale),
        data_dir=args.data_dir,
        lang=args.lang,
        theme=args.theme,
        arabic_digits=args.arabic_digits,
        scale=args.scale,
        screenshot=args.screenshot,
        settle_s=args.settle,
        size=parse_size(args.size),
        duration_s=args.duration,
        operator=args.operator or _login(),
        select=args.select,
        insecure=args.insecure_dev,
        assist=args.assist,
        escalate_every_s=args.escalate_every,
        panels=tuple(args.panel),
    )


def options_from_demo(args: argparse.Namespace) -> ConsoleOptions:
    """Return the console options equivalent to an ``atlasmesh demo`` command line."""
    return ConsoleOptions(
        site_path=args.site or default_site_path(),
        spec=spec_from_args(args),
        data_dir=args.data_dir,
        duration_s=args.duration,
        operator=_login(),
        insecure=args.insecure_dev,
        escalate_every_s=args.escalate_every,
    )


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"


class SimSite:
    """A simulated site: edge nodes on a thread and loop of their own, the service on ours.

    Parameters
    ----------
    site
        The loaded site.
    spec
        How many nodes and vehicles.
    data_dir
        Edge keys and journals (``edge/``), the site authority and the site database.
    bundle
        The policy the nodes enforce (default: the core rules).
    insecure
        Plain ``ws://`` without authentication instead of mutual TLS.
    packs
        The site's sector packs, for the console's Packs view and pack panels.
    escalate_every_s
        Scripted perception dips (:class:`~app.cli.escalations.EscalationScript`) on the
        nodes' loop; 0 for none.
    """

    def __init__(
        self,
        site: Site,
        spec: SimSiteSpec,
        data_dir: Path,
        *,
        bundle: PolicyBundle | None = None,
        insecure: bool = False,
        packs: SitePacks | None = None,
        escalate_every_s: float = 0.0,
    ) -> None:
        self.site = site
        self.escalate_every_s = escalate_every_s
        self.insecure = insecure
        self.packs = packs
        self.trust: SiteTrust | None = None
        self.operator: str | None = None
        """The signed-in demo operator (``None`` on insecure links)."""
        self.spec = spec
        self.data_dir = data_dir
        self.bundle = bundle
        self.policy = policy_label() if bundle is None else f"{bundle.bundle_id} v{bundle.version}"
        self.service: SiteService | None = None
        self._store: ReceiptStore | None = None
        self._nodes: list[EdgeNode] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._background: set[asyncio.Future[None]] = set()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sim-edge-nodes", daemon=True)

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            classes = (
                None
                if self.packs is None
                else fleet_classes(self.packs.contributions.profiles.values())
            )
            self._nodes = build_nodes(
                self.site, self.spec, self.data_dir, bundle=self.bundle, classes=classes
            )
            self.trust = secure_demo(
                self._nodes, self.data_dir, self.site.site_id, insecure=self.insecure
            )
            for node in self._nodes:
                await node.start()
            if self.escalate_every_s > 0:
                script = EscalationScript(
                    self._nodes, every_s=self.escalate_every_s, seed=self.spec.seed
                )
                escalations = asyncio.ensure_future(script.run())
                self._background.add(escalations)
        except BaseException as exc:  # reported to the starting thread, then re-raised there
            self._error = exc
            self._ready.set()
            raise
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            for task in self._background:
                task.cancel()
            await stop_nodes(self._nodes)

    def start_nodes(self) -> list[str]:
        """Start the node thread and wait until every node listens; return their addresses.

        Raises
        ------
        RuntimeError
            When the nodes did not start (the cause is chained).
        """
        self._thread.start()
        if not self._ready.wait(NODES_START_TIMEOUT_S):
            raise RuntimeError(
                f"the simulated edge nodes did not start in {NODES_START_TIMEOUT_S} s"
            )
        if self._error is not None:
            raise RuntimeError(f"the simulated edge nodes failed to start: {self._error}") from (
                self._error
            )
        return [node.url for node in self._nodes]

    async def start(self) -> SiteService:
        """Start the nodes (off this loop) and a site service connected to them."""
        urls = await asyncio.get_running_loop().run_in_executor(None, self.start_nodes)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._store = ReceiptStore(open_engine(f"sqlite:///{self.data_dir / 'site.db'}"))
        self.service = SiteService(
            self.site.site_id,
            urls,
            store=self._store,
            site=self.site,
            packs=self.packs.contributions if self.packs is not None else None,
            time_scale=self.spec.time_scale,
            **console_options(self.trust, "console"),
        )
        await self.service.start()
        session = sign_in_demo_operator(self.trust, self.service)
        self.operator = None if session is None else session.operator
        return self.service

    @property
    def vehicles(self) -> int:
        """How many simulated vehicles the nodes host."""
        return sum(len(n.vehicles) for n in self._nodes)

    async def stop(self) -> None:
        """Stop the service, then the nodes and their thread."""
        if self.service is not None:
            await self.service.stop()
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and self._thread.is_alive():
            loop.call_soon_threadsafe(stop.set)
            await asyncio.get_running_loop().run_in_executor(None, self._thread.join, 30.0)
        if self._store is not None:
            self._store.close()


def main(options: ConsoleOptions) -> int:
    """Run the console until its window closes (or write the screenshot and exit)."""
    if options.screenshot is not None:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.qt_app import run_console

    site = load_site(options.site_path)
    # The same policy as `atlasmesh demo`: the site's sector packs composed onto the core rules.
    packs = load_site_packs(options.site_path, site)
    print(packs_line(packs), flush=True)
    sim = SimSite(
        site,
        options.spec,
        options.data_dir,
        bundle=packs.bundle,
        insecure=options.insecure,
        packs=packs,
        escalate_every_s=options.escalate_every_s,
    )
    return run_console(options, sim)
