"""Console benchmark: the real console, offscreen, live against N simulated vehicles at 10 Hz.

Three processes, as in ``bench/telemetry.py`` (whose edge role is reused here):

* edge farm (pinned to core 1): site gateways of ``--per-gateway`` simulated vehicles of the demo
  mine, each sending one batched telemetry frame per tick over a real loopback WebSocket;
* console (pinned to core 0): a ``SiteService`` on the qasync loop feeding the shell's main window
  (``app.ui.main_window.ConsoleWindow``), offscreen at 1920×1080;
* this parent, which starts one fresh console per fleet size (so peak memory is per size).

The console's own frame clock is stopped and the bench drives it at ``--fps``: one frame is the
frame-clock tick (drain the fleet's changed ids once, hand them to every view) followed by a
forced synchronous ``repaint()`` of the map, which flushes every region the frame made dirty
(the map, the fleet table's changed rows, any other panel) — as the next paint of a real screen
would.  The frame time is the wall time of that whole sequence.  Percentiles are over the frames
that carried changes (a frame with nothing new since the previous one is idle and cheap; site
gateways send every 100 ms, so at 30 fps about one frame in three carries the whole fleet);
``frame_ms_p99_all_frames`` includes the idle ones.

Dropped updates.  A sample that reached the fleet state but was replaced by a newer sample of
the same vehicle before the next frame is *superseded* (normal: the screen shows the latest
state at most once per frame).  A sample is *dropped* when, right after a frame, the map or the
table shows an older sample of a vehicle than the fleet state holds — the change was never
reflected.  Every ``--check-every``-th frame checks every vehicle (outside the timed section);
``dropped`` counts vehicle mismatches found.  Samples the site service never ingested (the
edge farm or the ingest falling behind) show as ``ingest_ratio`` below 1, not as drops.

Assist workspace.  With ``--assist N`` (default 100; 0 skips it) each size then measures the
same frames again with the assist workspace raised, N open requests in its queue, the first
selected (detail, inset and plot follow its vehicle live) and one owner change a second:
``assist_frame_ms_p99_at_<size>`` and ``assist_view_ms_p99_at_<size>`` (the workspace's own
``update_vehicles``).

Usage::

    python bench/console.py                # 1,000 and 5,000 vehicles (about 3 minutes)
    python bench/console.py --quick        # 200 vehicles, short (smoke run)

The final line is JSON with ``frame_ms_p99_at_1000``, ``frame_ms_p99_at_5000`` and
``rss_mb_at_5000`` (among others).  Targets: 5,000 vehicles p99 <= 33 ms and RSS <= 600 MB;
1,000 vehicles p99 <= 16 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve()
TELEMETRY_BENCH = HERE.parent / "telemetry.py"
CONSOLE_CORE, EDGE_CORE = 0, 1
TARGETS = {1000: 16.0, 5000: 33.0}
RSS_TARGET_MB = 600.0


def _pin(core: int) -> None:
    with contextlib.suppress(AttributeError, OSError):
        if core < (os.cpu_count() or 1):
            os.sched_setaffinity(0, {core})


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- console (child)


def _build_window(service: Any, site: Any, app: Any) -> tuple[Any, Any, Any, Any]:
    """Return ``(window, frame_clock, map_view, fleet_panel)`` of the real console window."""
    from PySide6.QtCore import QSettings  # noqa: TID251 - the bench drives the real console

    from app.ui.language import LanguageManager
    from app.ui.main_window import ConsoleWindow
    from app.ui.theme import ThemeManager

    ini = Path(tempfile.mkdtemp(prefix="atlasmesh-bench-")) / "console.ini"
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    window = ConsoleWindow(
        service,
        site,
        settings=settings,
        language=LanguageManager(app, app),
        theme=ThemeManager(app, app),
    )
    return window, window.frame_clock, window.map_view, window.fleet_panel


def _build_bench_host(service: Any, site: Any) -> tuple[Any, Any, Any, Any]:
    """Return a plain window with the map and the table (when the console window is absent)."""
    from PySide6.QtCore import Qt  # noqa: TID251 - the bench drives the real console
    from PySide6.QtWidgets import QDockWidget, QMainWindow  # noqa: TID251 - the bench drives the real console

    from app.ui.fleet import FleetPanel
    from app.ui.map import SiteMapView

    class Clock:
        def __init__(self, fleet: Any, views: list[Any]) -> None:
            self.fleet, self.views, self.delivered = fleet, views, 0

        def tick(self) -> None:
            now = time.time()
            changed = self.fleet.drain_changed()
            for view in self.views:
                view.update_vehicles(self.fleet, changed, now)
            self.delivered += len(changed)

    window = QMainWindow()
    map_view = SiteMapView(site)
    panel = FleetPanel()
    window.setCentralWidget(map_view)
    dock = QDockWidget("Fleet", window)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    return window, Clock(service.fleet, [map_view, panel]), map_view, panel


def _paint_counter_class() -> Any:
    from PySide6.QtCore import QEvent, QObject  # noqa: TID251 - the bench drives the real console

    class Counter(QObject):
        """Counts paint events of the watched widget (is the table repainted each frame?)."""

        def __init__(self) -> None:
            super().__init__()
            self.count = 0
            self.armed = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
            if self.armed and event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    return Counter


async def _console(urls: list[str], vehicles: int, args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication  # noqa: TID251 - the bench drives the real console

    from app.core.service import SiteService
    from edge.heap import freeze_startup_heap, widen_young_generation
    from maps.site import default_site_path, load_site

    app = QApplication.instance()
    assert app is not None
    site = load_site(default_site_path())
    service = SiteService(site.site_id, urls, console_id="bench-console")
    await service.start()
    deadline = time.monotonic() + 120.0
    while (
        not all(link.stats.connected for link in service.links.values())
        or len(service.fleet) < vehicles
    ):
        if time.monotonic() > deadline:
            raise TimeoutError("the console did not connect to every edge node in time")
        await asyncio.sleep(0.05)

    delivered = [0]
    try:
        window, clock, map_view, panel = _build_window(service, site, app)
        kind = "ConsoleWindow"
        window.start()
        clock.stop()  # the bench drives the frames itself
        clock.sig_frame_done.connect(lambda n: delivered.__setitem__(0, delivered[0] + n))
    except ImportError as exc:
        window, clock, map_view, panel = _build_bench_host(service, site)
        kind = f"bench host (console window not importable: {exc})"

    def shown_so_far() -> int:
        return delivered[0] if kind == "ConsoleWindow" else int(clock.delivered)

    window.resize(1920, 1080)
    window.show()
    view_ms: dict[str, list[float]] = {"map": [], "table": []}
    timing = [False]

    def timed(name: str, method: Any) -> Any:
        """Wrap a view's update_vehicles to time it (the frame clock calls it from Python)."""

        def wrapper(*a: Any) -> Any:
            t0 = time.perf_counter()
            out = method(*a)
            if timing[0]:
                view_ms[name].append((time.perf_counter() - t0) * 1e3)
            return out

        return wrapper

    map_view.update_vehicles = timed("map", map_view.update_vehicles)
    panel.update_vehicles = timed("table", panel.update_vehicles)
    gc_pauses: list[float] = []
    gc_by_generation = [0, 0, 0]
    gc_started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        elif timing[0]:
            gc_pauses.append((time.perf_counter() - gc_started[0]) * 1e3)
            gc_by_generation[info["generation"]] += 1

    gc.callbacks.append(on_gc)
    paints = _paint_counter_class()()
    panel.table.viewport().installEventFilter(paints)
    await asyncio.sleep(0.5)  # let the window show and lay out (the loop processes Qt events)

    fleet = service.fleet
    period = 1.0 / args.fps
    frames: list[float] = []
    map_ms: list[float] = []
    table_ms: list[float] = []
    tick_ms: list[float] = []
    state = {"dropped": 0, "checks": 0, "shown": 0}

    def check() -> None:
        state["checks"] += 1
        model = panel.model
        for record in fleet.records():
            if record.received_at is None:
                continue
            vid = record.vehicle_id
            on_map = map_view.shown_received(vid)
            row = model.row_of.get(vid)
            in_table = float(model.received[row]) if row is not None else None
            if on_map != record.received_at or in_table != record.received_at:
                state["dropped"] += 1

    all_frames: list[float] = []
    display_ms: list[float] = []
    previous = [np.zeros(0)]
    last_shown = [0]

    hooks: list[Any] = []
    """Called before each frame, outside its timing (what the network would deliver)."""

    async def run_frames(seconds: float, record_it: bool) -> None:
        end = time.perf_counter() + seconds
        next_at = time.perf_counter()
        n = 0
        while time.perf_counter() < end:
            for hook in hooks:
                hook()
            t0 = time.perf_counter()
            clock.tick()
            t1 = time.perf_counter()
            # repaint() flushes every dirty region of the window synchronously: the map and
            # whatever the frame marked dirty (the table's changed rows, other panels).
            map_view.repaint()
            t2 = time.perf_counter()
            n += 1
            if record_it:
                carried = shown_so_far() - last_shown[0]
                last_shown[0] = shown_so_far()
                all_frames.append((t2 - t0) * 1e3)
                if carried:  # else nothing new arrived since the previous frame: idle
                    shown_at = time.time()
                    received = panel.model.received[: len(panel.model.ids)]
                    # Display latency: sample received -> on screen, for rows this frame changed.
                    fresh = np.ones(received.size, dtype=bool)
                    m = min(received.size, previous[0].size)
                    fresh[:m] = received[:m] != previous[0][:m]
                    display_ms.extend((shown_at - received[fresh & ~np.isnan(received)]) * 1e3)
                    previous[0] = received.copy()
                    frames.append((t2 - t0) * 1e3)
                    tick_ms.append((t1 - t0) * 1e3)
                    map_ms.append(map_view.last_paint_ms)
                    table_ms.append((t2 - t1) * 1e3 - map_view.last_paint_ms)
                    if len(frames) % args.check_every == 0:
                        check()
            next_at += period
            delay = next_at - time.perf_counter()
            if delay < 0:
                next_at = time.perf_counter()  # late: start the next frame now, never queue
                delay = 0.0
            await asyncio.sleep(delay)

    await run_frames(args.warmup, False)
    if not args.no_gc_freeze:
        freeze_startup_heap()  # as the console does after start-up (app/ui/qt_app.py)
    if not args.default_gc_threshold:
        widen_young_generation()  # as the console does after start-up (app/ui/qt_app.py)
    paints.armed = True
    timing[0] = True
    previous[0] = panel.model.received[: len(panel.model.ids)].copy()
    last_shown[0] = shown_so_far()
    updates0, shown0 = fleet.updates, shown_so_far()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    profiler = None
    if args.profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    await run_frames(args.measure, True)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(args.profile.with_suffix(f".{vehicles}.prof")))
    cpu1, wall1 = time.process_time(), time.perf_counter()
    updates = fleet.updates - updates0
    state["shown"] = shown_so_far() - shown0
    span = wall1 - wall0

    def pct(values: list[float], q: float) -> float:
        return round(float(np.percentile(values, q)), 2) if values else float("nan")

    main_frames = (list(frames), list(all_frames))
    assist: dict[str, Any] = {}
    if args.assist > 0 and kind == "ConsoleWindow":
        # The same fleet and frames with the assist workspace raised (half the window), N
        # open requests in its queue, the first selected (detail, inset and plot follow its
        # vehicle live) and one request changing owner every second (a queue rebuild).
        workspace = window.assist_panel
        view_ms["assist"] = []
        workspace.update_vehicles = timed("assist", workspace.update_vehicles)
        _feed_assist(service, args.assist)
        window.show_assist_workspace()
        workspace.select_next()
        churn_at, churned = [time.perf_counter()], [0]

        def claim_one() -> None:
            if time.perf_counter() - churn_at[0] >= 1.0:
                churn_at[0] = time.perf_counter()
                churned[0] += 1
                _churn_assist(service, churned[0], args.assist)

        hooks.append(claim_one)
        timing[0] = False
        await run_frames(2.0, False)
        for values in (frames, all_frames, view_ms["assist"]):
            values.clear()
        last_shown[0] = shown_so_far()
        timing[0] = True
        profiler = None
        if args.profile is not None:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        await run_frames(args.measure, True)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(str(args.profile.with_suffix(f".{vehicles}.assist.prof")))
        assist = {
            "assist_requests": len(service.assist.open_items()),
            "assist_frame_ms_p50": pct(frames, 50),
            "assist_frame_ms_p99": pct(frames, 99),
            "assist_frame_ms_p99_all_frames": pct(all_frames, 99),
            "assist_view_ms_p50": pct(view_ms["assist"], 50),
            "assist_view_ms_p99": pct(view_ms["assist"], 99),
            "assist_queue_rebuilds": workspace.model.resets,
        }
    frames[:], all_frames[:] = main_frames
    window.hide()
    await service.stop()

    offered = vehicles * args.hz
    return {
        "vehicles": vehicles,
        "window": kind,
        "frames": len(all_frames),
        "frames_with_changes": len(frames),
        "fps": round(len(all_frames) / span, 1),
        "frame_ms_p50": pct(frames, 50),
        "frame_ms_p99": pct(frames, 99),
        "frame_ms_max": pct(frames, 100),
        "frame_ms_p99_all_frames": pct(all_frames, 99),
        "tick_ms_p99": pct(tick_ms, 99),
        "map_update_ms_p99": pct(view_ms["map"], 99),
        "table_update_ms_p99": pct(view_ms["table"], 99),
        "map_paint_ms_p50": pct(map_ms, 50),
        "map_paint_ms_p99": pct(map_ms, 99),
        "other_paint_ms_p99": pct(table_ms, 99),
        "table_paints_per_frame": round(paints.count / max(1, len(all_frames)), 2),
        "display_latency_ms_p50": pct(display_ms, 50),
        "display_latency_ms_p99": pct(display_ms, 99),
        "ingest_per_s": round(updates / span),
        "offered_per_s": round(offered),
        "ingest_ratio": round(updates / span / offered, 3),
        "shown_per_s": round(state["shown"] / span),
        "superseded_per_s": round(max(0, updates - state["shown"]) / span),
        "dropped": state["dropped"],
        "drop_checks": state["checks"],
        "cpu_share": round((cpu1 - cpu0) / span, 3),
        "gc_ms_per_s": round(sum(gc_pauses) / span, 1),
        "gc_pause_ms_max": round(max(gc_pauses, default=0.0), 1),
        "gc_collections_by_generation": gc_by_generation,
        "gc_tracked_objects": len(gc.get_objects()),
        "rss_mb_peak": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        **assist,
    }


def _feed_assist(service: Any, n: int) -> None:
    """Put ``n`` open requests, about the fleet's first vehicles, in the console's queue."""
    from edge.protocol.messages import AssistRequest, Criticality

    now = time.time()
    url = next(iter(service.links))
    criticalities: tuple[Criticality, ...] = ("critical", "high", "medium", "low")
    for k, record in enumerate(list(service.fleet.records())[:n]):
        if record.sample is None:
            continue
        service.assist.on_request(
            url,
            "bench",
            AssistRequest(
                seq=k + 1,
                ts=now,
                request_id=f"bench:{k:05d}",
                vehicle_id=record.vehicle_id,
                reason_rules=["core.perception_low"],
                explanations=["Perception confidence is below 0.85: ask an operator."],
                priority=k % 10,
                criticality=criticalities[k % 4],
                deadline=now + 600.0 + k,
                hold_behaviour="hold",
                fallback="safe_stop",
                context=record.sample,
                node_id="bench",
                created_at=now,
                action="proceed",
            ),
        )


def _churn_assist(service: Any, n: int, size: int) -> None:
    """One request changes owner (claimed, then offered again): the queue order is rebuilt."""
    from edge.protocol.messages import AssistUpdate

    item = service.assist.get(f"bench:{(n // 2) % size:05d}")
    if item is None:
        return
    claimed = n % 2 == 1
    service.assist.on_update(
        AssistUpdate(
            seq=n,
            ts=time.time(),
            request_id=item.request_id,
            vehicle_id=item.vehicle_id,
            state="claimed" if claimed else "offered",
            owner="op-bench" if claimed else None,
            at=time.time(),
        )
    )


def _console_main(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    import qasync  # noqa: TID251 - the bench drives the real console
    from PySide6.QtWidgets import QApplication  # noqa: TID251 - the bench drives the real console

    if not args.no_pin:
        _pin(CONSOLE_CORE)
    urls = json.loads(args.urls_file.read_text())
    app = QApplication([sys.argv[0]])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        result = loop.run_until_complete(_console(urls, args.vehicles, args))
    print(json.dumps(result), flush=True)
    return 0


# --------------------------------------------------------------------------- parent


def run_size(vehicles: int, args: argparse.Namespace) -> dict[str, Any]:
    """Start an edge farm and a fresh console for one fleet size; return the console figures."""
    farm = subprocess.Popen(
        [
            sys.executable,
            str(TELEMETRY_BENCH),
            "--role",
            "edge",
            "--vehicles",
            str(vehicles),
            "--per-node",
            str(args.per_gateway),
            "--hz",
            str(args.hz),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    urls_file = Path(tempfile.mkdtemp(prefix="atlasmesh-console-bench-")) / "urls.json"
    try:
        assert farm.stdout is not None
        urls_file.write_text(json.dumps(json.loads(farm.stdout.readline())["urls"]))
        edge_cpu0, t0 = _cpu_seconds(farm.pid), time.perf_counter()
        child = [
            sys.executable,
            str(HERE),
            "--role",
            "console",
            "--urls-file",
            str(urls_file),
            "--vehicles",
            str(vehicles),
            "--hz",
            str(args.hz),
            "--fps",
            str(args.fps),
            "--warmup",
            str(args.warmup),
            "--measure",
            str(args.measure),
            "--check-every",
            str(args.check_every),
            "--assist",
            str(args.assist),
            *(["--no-gc-freeze"] if args.no_gc_freeze else []),
            *(["--default-gc-threshold"] if args.default_gc_threshold else []),
            *(["--no-pin"] if args.no_pin else []),
            *(["--profile", str(args.profile)] if args.profile else []),
        ]
        out = subprocess.run(child, capture_output=True, text=True, check=False, timeout=600)
        edge_share = (_cpu_seconds(farm.pid) - edge_cpu0) / (time.perf_counter() - t0)
        if out.returncode != 0:
            raise RuntimeError(f"console failed at {vehicles} vehicles: {out.stderr[-3000:]}")
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if farm.stdin:
            farm.stdin.close()
        try:
            farm.wait(timeout=30)
        except subprocess.TimeoutExpired:
            farm.kill()
    result["edge_cpu_share"] = round(edge_share, 3)
    return result


def _row(r: dict[str, Any]) -> str:
    return (
        f"{r['vehicles']:6d} veh | frame p50 {r['frame_ms_p50']:6.1f} ms"
        f" p99 {r['frame_ms_p99']:6.1f} ms (tick {r['tick_ms_p99']:5.1f}: map"
        f" {r['map_update_ms_p99']:5.1f} table {r['table_update_ms_p99']:5.1f};"
        f" map {r['map_paint_ms_p99']:5.1f}, table+rest {r['other_paint_ms_p99']:5.1f})"
        f" | {r['fps']:4.1f} fps | ingest {r['ingest_per_s']:7,}/s of {r['offered_per_s']:7,}"
        f" | superseded {r['superseded_per_s']:6,}/s | dropped {r['dropped']}"
        f" | console cpu {r['cpu_share'] * 100:5.1f} % (gc {r['gc_ms_per_s']:.0f} ms/s,"
        f" max pause {r['gc_pause_ms_max']:.0f} ms) | rss {r['rss_mb_peak']:6.1f} MB"
        f" | edge cpu {r['edge_cpu_share'] * 100:5.1f} %"
        + (
            f"\n       assist workspace open, {r['assist_requests']} requests | frame p50"
            f" {r['assist_frame_ms_p50']:6.1f} ms p99 {r['assist_frame_ms_p99']:6.1f} ms"
            f" (workspace update p50 {r['assist_view_ms_p50']:5.2f} p99"
            f" {r['assist_view_ms_p99']:5.2f} ms, {r['assist_queue_rebuilds']} queue rebuilds)"
            if "assist_frame_ms_p99" in r
            else ""
        )
    )


def main() -> int:
    """Run the benchmark (parent) or the console role (child)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--role", choices=["console"], help=argparse.SUPPRESS)
    parser.add_argument("--urls-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vehicles", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--sizes", type=str, default="1000,5000", help="fleet sizes, e.g. 1000,5000"
    )
    parser.add_argument("--hz", type=float, default=10.0, help="telemetry rate per vehicle")
    parser.add_argument("--fps", type=float, default=30.0, help="console frame rate driven")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds before measuring")
    parser.add_argument("--measure", type=float, default=20.0, help="seconds measured per size")
    parser.add_argument("--per-gateway", type=int, default=500, help="vehicles per site gateway")
    parser.add_argument("--check-every", type=int, default=10, help="drop check every N frames")
    parser.add_argument("--quick", action="store_true", help="200 vehicles, short (smoke run)")
    parser.add_argument(
        "--assist",
        type=int,
        default=100,
        help="then measure again with the assist workspace open and N open requests (0: skip)",
    )
    parser.add_argument(
        "--no-pin",
        action="store_true",
        help="leave the console unpinned (a shared machine: pinning ties it to a busy core)",
    )
    parser.add_argument(
        "--profile", type=Path, help="cProfile the console's measured window into PATH.<N>.prof"
    )
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="do not freeze the start-up heap (the console freezes it; this measures without)",
    )
    parser.add_argument(
        "--default-gc-threshold",
        action="store_true",
        help="keep CPython's young-generation threshold (the console widens it; this measures"
        " without)",
    )
    args = parser.parse_args()

    if args.role == "console":
        return _console_main(args)

    sizes = [int(v) for v in args.sizes.split(",") if v]
    if args.quick:
        sizes, args.warmup, args.measure = [200], 2.0, 4.0
    load = os.getloadavg()
    console_at = "console unpinned" if args.no_pin else f"console on core {CONSOLE_CORE}"
    where = f"{console_at}, edge farm on core {EDGE_CORE}"
    print(
        f"console bench: {args.hz:g} Hz per vehicle, {args.fps:g} fps driven, {where}, "
        f"{args.warmup:g} s warm-up, "
        f"{args.measure:g} s measured; load average before "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )
    results = {}
    for size in sizes:
        result = run_size(size, args)
        results[size] = result
        print(_row(result), flush=True)
        print("  detail: " + json.dumps(result), flush=True)
    load_after = os.getloadavg()

    summary: dict[str, Any] = {}
    for size, r in results.items():
        summary[f"frame_ms_p50_at_{size}"] = r["frame_ms_p50"]
        summary[f"frame_ms_p99_at_{size}"] = r["frame_ms_p99"]
        summary[f"rss_mb_at_{size}"] = r["rss_mb_peak"]
        summary[f"cpu_share_at_{size}"] = r["cpu_share"]
        summary[f"gc_ms_per_s_at_{size}"] = r["gc_ms_per_s"]
        summary[f"dropped_at_{size}"] = r["dropped"]
        summary[f"display_latency_ms_p99_at_{size}"] = r["display_latency_ms_p99"]
        summary[f"ingest_ratio_at_{size}"] = r["ingest_ratio"]
        if "assist_frame_ms_p99" in r:
            summary[f"assist_frame_ms_p99_at_{size}"] = r["assist_frame_ms_p99"]
            summary[f"assist_view_ms_p99_at_{size}"] = r["assist_view_ms_p99"]
        if size in TARGETS:
            summary[f"frame_target_met_at_{size}"] = r["frame_ms_p99"] <= TARGETS[size]
    if 5000 in results:
        summary["rss_target_met_at_5000"] = results[5000]["rss_mb_peak"] <= RSS_TARGET_MB
    summary["window"] = next(iter(results.values()))["window"] if results else None
    summary["assist_requests"] = args.assist
    summary["fps"] = args.fps
    summary["hz"] = args.hz
    summary["load_avg_before"] = [round(v, 2) for v in load]
    summary["load_avg_after"] = [round(v, 2) for v in load_after]
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
