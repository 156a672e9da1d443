"""Telemetry ingest benchmark: how many vehicles at 10 Hz the site service sustains on one core.

Starts edge nodes hosting simulated vehicles of the demo mine (pinned to one core) and a
receiver (pinned to the other core) over real loopback WebSockets, ramps the fleet size, and
reports for each size the ingest rate, the receiver's CPU share and the end-to-end latency
(vehicle sample time -> fleet state updated).  Two topologies:

* direct  - one edge node and one connection per vehicle;
* gateway - site gateways of ``--per-gateway`` vehicles, each batching its telemetry.

In the same run, the raw ceiling: a bare websockets receiver doing only ``json.loads`` on the
same frames, paced the same way (direct topology).  A size is *sustained* when the receiver
ingests at least 95 % of the offered updates with p99 latency under 100 ms.

Usage::

    python bench/telemetry.py            # full ramp (a few minutes)
    python bench/telemetry.py --quick    # two small sizes per topology (smoke run)

The final line is JSON with ``max_vehicles_10hz_direct``, ``max_vehicles_10hz_gateway``,
``p99_ms_at_1000``, ``raw_ceiling_msgs_per_s`` and ``ratio_to_raw``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve()
SITE_CORE, EDGE_CORE = 0, 1
SUSTAIN_FRACTION = 0.95
P99_LIMIT_MS = 100.0


def _pin(core: int) -> None:
    with contextlib.suppress(AttributeError, OSError):
        if core < (os.cpu_count() or 1):
            os.sched_setaffinity(0, {core})
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    del soft


# --------------------------------------------------------------------------- roles (children)


async def _edge_farm(vehicles: int, per_node: int, hz: float) -> None:
    """Host ``vehicles`` simulated vehicles in nodes of ``per_node``; print URLs; serve."""
    from edge.hal.sim import make_fleet
    from edge.hal.sim_world import SimWorld
    from edge.node import EdgeNode, EdgeNodeConfig
    from edge.ticker import Ticker
    from maps.site import default_site_path, load_site

    site = load_site(default_site_path())
    world = SimWorld(site)
    nodes = []
    ticker = Ticker(hz)  # one driver for every node in this process
    for i, start in enumerate(range(0, vehicles, per_node)):
        count = min(per_node, vehicles - start)
        fleet = make_fleet(world, count, prefix=f"n{i}-", seed=i + 1)
        config = EdgeNodeConfig(node_id=f"n{i}", site_id=site.site_id, telemetry_hz=hz)
        node = EdgeNode(config, fleet, ticker=ticker)
        await node.start()
        nodes.append(node)
    print(json.dumps({"urls": [n.url for n in nodes]}), flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
    for node in nodes:
        await node.stop()


async def _site_receiver(urls: list[str], warmup: float, measure: float) -> dict[str, Any]:
    from app.core.service import SiteService

    service = SiteService("demo-mine", urls, console_id="bench")
    await service.start()
    await _wait_until(lambda: all(k.stats.connected for k in service.links.values()), 120.0)
    await asyncio.sleep(warmup)
    fleet = service.fleet
    frames0 = sum(k.stats.frames_in for k in service.links.values())
    updates0, cpu0, wall0 = fleet.updates, time.process_time(), time.perf_counter()
    fleet.latency.clear()
    await asyncio.sleep(measure)
    cpu1, wall1 = time.process_time(), time.perf_counter()
    updates = fleet.updates - updates0
    frames = sum(k.stats.frames_in for k in service.links.values()) - frames0
    p50, p99 = fleet.latency.percentiles(50, 99)
    await service.stop()
    span = wall1 - wall0
    return {
        "updates_per_s": updates / span,
        "frames_per_s": frames / span,
        "cpu_share": (cpu1 - cpu0) / span,
        "p50_ms": p50 * 1e3,
        "p99_ms": p99 * 1e3,
    }


async def _raw_receiver(urls: list[str], warmup: float, measure: float) -> dict[str, Any]:
    """Receive like a bare websockets client: hello, subscribe, then json.loads every frame."""
    from websockets.asyncio.client import connect

    state = {"updates": 0, "frames": 0, "measuring": False}
    latencies: list[float] = []
    ready = 0

    async def one(url: str) -> None:
        nonlocal ready
        async with connect(url, compression=None, max_size=2**24, ping_interval=None) as ws:
            base = {"v": "1.0", "ts": time.time()}
            hello = {
                **base,
                "type": "hello",
                "seq": 0,
                "role": "console",
                "node_id": "raw",
                "site_id": "demo-mine",
                "versions": ["1.0"],
            }
            await ws.send(json.dumps(hello))
            await ws.recv()
            await ws.send(
                json.dumps({**base, "type": "subscribe", "seq": 1, "topics": ["telemetry"]})
            )
            ready += 1
            beats = asyncio.create_task(_beat(ws))  # an edge node drops a silent console
            try:
                async for frame in ws:
                    message = json.loads(frame)
                    if state["measuring"] and message.get("type") == "telemetry":
                        now = time.time()
                        state["frames"] += 1
                        for sample in message["samples"]:
                            latencies.append(now - sample["t"])
                        state["updates"] += len(message["samples"])
            finally:
                beats.cancel()

    tasks = [asyncio.create_task(one(u)) for u in urls]
    await _wait_until(lambda: ready == len(urls), 120.0)
    await asyncio.sleep(warmup)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    state["measuring"] = True
    await asyncio.sleep(measure)
    state["measuring"] = False
    cpu1, wall1 = time.process_time(), time.perf_counter()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    span = wall1 - wall0
    p50, p99 = np.percentile(latencies, [50, 99]) if latencies else (float("nan"),) * 2
    return {
        "updates_per_s": state["updates"] / span,
        "frames_per_s": state["frames"] / span,
        "cpu_share": (cpu1 - cpu0) / span,
        "p50_ms": float(p50) * 1e3,
        "p99_ms": float(p99) * 1e3,
    }


async def _beat(ws: Any) -> None:
    """Send the protocol's 1 s heartbeat, as any console must."""
    seq = 2
    while True:
        await asyncio.sleep(1.0)
        await ws.send(json.dumps({"type": "heartbeat", "v": "1.0", "seq": seq, "ts": time.time()}))
        seq += 1


async def _wait_until(predicate: Any, limit_s: float) -> None:
    end = time.monotonic() + limit_s
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("receiver did not connect to every edge node in time")
        await asyncio.sleep(0.05)


# --------------------------------------------------------------------------- parent


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _child(*args: str) -> list[str]:
    return [sys.executable, str(HERE), "--role", *args]


def run_point(
    kind: str, vehicles: int, per_node: int, hz: float, warmup: float, measure: float
) -> dict[str, Any]:
    """Measure one receiver kind at one fleet size; return its figures."""
    farm = subprocess.Popen(
        _child("edge", "--vehicles", str(vehicles), "--per-node", str(per_node), "--hz", str(hz)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert farm.stdout is not None
        urls = json.loads(farm.stdout.readline())["urls"]
        urls_file = Path(f"/tmp/atlasmesh-bench-urls-{os.getpid()}.json")
        urls_file.write_text(json.dumps(urls))
        edge_cpu0, t0 = _cpu_seconds(farm.pid), time.perf_counter()
        out = subprocess.run(
            _child(
                kind,
                "--urls-file",
                str(urls_file),
                "--warmup",
                str(warmup),
                "--measure",
                str(measure),
            ),
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        edge_share = (_cpu_seconds(farm.pid) - edge_cpu0) / (time.perf_counter() - t0)
        if out.returncode != 0:
            raise RuntimeError(f"{kind} receiver failed: {out.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if farm.stdin:
            farm.stdin.close()
        try:
            farm.wait(timeout=30)
        except subprocess.TimeoutExpired:
            farm.kill()
    offered = vehicles * hz
    result.update(
        kind=kind,
        vehicles=vehicles,
        offered_per_s=offered,
        edge_cpu_share=edge_share,
        sustained=result["updates_per_s"] >= SUSTAIN_FRACTION * offered
        and result["p99_ms"] < P99_LIMIT_MS,
    )
    return result


def _row(topology: str, r: dict[str, Any]) -> str:
    return (
        f"{topology:8s} {r['kind']:4s} {r['vehicles']:6d} veh | ingest {r['updates_per_s']:9,.0f}/s"
        f" of {r['offered_per_s']:9,.0f} | frames {r['frames_per_s']:8,.0f}/s"
        f" | cpu {r['cpu_share'] * 100:5.1f} % | edge cpu {r['edge_cpu_share'] * 100:5.1f} %"
        f" | p50 {r['p50_ms']:7.1f} ms p99 {r['p99_ms']:7.1f} ms"
        f" | {'sustained' if r['sustained'] else 'NOT sustained'}"
    )


def ramp(
    topology: str, kind: str, sizes: list[int], per_node: int, args: argparse.Namespace
) -> list[dict[str, Any]]:
    """Measure increasing sizes until one is not sustained twice in a row."""
    results = []
    failures = 0
    for size in sizes:
        result = run_point(kind, size, per_node, args.hz, args.warmup, args.measure)
        results.append(result)
        print(_row(topology, result), flush=True)
        failures = 0 if result["sustained"] else failures + 1
        if failures >= 2:
            break
    return results


def main() -> int:
    """Run the benchmark (parent) or one of its roles (child)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--role", choices=["edge", "site", "raw"], help=argparse.SUPPRESS)
    parser.add_argument("--vehicles", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--per-node", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--urls-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--hz", type=float, default=10.0, help="telemetry rate per vehicle")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument("--measure", type=float, default=6.0, help="seconds measured per size")
    parser.add_argument("--per-gateway", type=int, default=500, help="vehicles per gateway")
    parser.add_argument("--quick", action="store_true", help="two small sizes per topology")
    parser.add_argument("--direct-sizes", type=str, default=None, help="e.g. 1000,1500")
    parser.add_argument("--gateway-sizes", type=str, default=None, help="e.g. 5000,7500")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw receiver")
    args = parser.parse_args()

    if args.role == "edge":
        _pin(EDGE_CORE)
        asyncio.run(_edge_farm(args.vehicles, args.per_node, args.hz))
        return 0
    if args.role in ("site", "raw"):
        _pin(SITE_CORE)
        urls = json.loads(args.urls_file.read_text())
        receiver = _site_receiver if args.role == "site" else _raw_receiver
        print(json.dumps(asyncio.run(receiver(urls, args.warmup, args.measure))), flush=True)
        return 0

    if args.quick:
        direct_sizes, gateway_sizes = [50, 200], [500, 1000]
        args.warmup, args.measure = 1.0, 2.0
    else:
        direct_sizes = [250, 500, 1000, 1500, 2000, 2500, 3000]
        gateway_sizes = [1000, 2500, 5000, 7500, 10000, 15000]
    if args.direct_sizes is not None:
        direct_sizes = [int(v) for v in args.direct_sizes.split(",") if v]
    if args.gateway_sizes is not None:
        gateway_sizes = [int(v) for v in args.gateway_sizes.split(",") if v]
    print(
        f"telemetry bench: {args.hz:g} Hz per vehicle, receiver on core {SITE_CORE}, "
        f"edge nodes on core {EDGE_CORE}, {args.warmup:g} s warm-up, {args.measure:g} s measured",
        flush=True,
    )
    direct = ramp("direct", "site", direct_sizes, 1, args)
    raw = [] if args.no_raw else ramp("direct", "raw", direct_sizes, 1, args)
    gateway = ramp("gateway", "site", gateway_sizes, args.per_gateway, args)

    def best(results: list[dict[str, Any]]) -> int:
        return max((r["vehicles"] for r in results if r["sustained"]), default=0)

    def limited_by(results: list[dict[str, Any]]) -> str:
        """Say which side ran out first at the smallest size not sustained."""
        failed = next((r for r in results if not r["sustained"]), None)
        if failed is None:
            return "not reached"
        return "edge generator core" if failed["edge_cpu_share"] >= 0.85 else "receiver"

    def cpu_us_per_update(results: list[dict[str, Any]]) -> float | None:
        top = max((r for r in results if r["sustained"]), key=lambda r: r["vehicles"], default=None)
        return round(top["cpu_share"] / top["updates_per_s"] * 1e6, 2) if top else None

    at_1000 = next((r for r in direct if r["vehicles"] == 1000), None)
    # Direct topology: one sample per frame, so updates/s is messages/s (heartbeats aside).
    raw_ceiling = max((r["updates_per_s"] for r in raw), default=0.0)
    site_best = max((r["updates_per_s"] for r in direct if r["sustained"]), default=0.0)
    summary = {
        "max_vehicles_10hz_direct": best(direct),
        "max_vehicles_10hz_gateway": best(gateway),
        "max_vehicles_10hz_direct_raw": best(raw),
        "p99_ms_at_1000": round(at_1000["p99_ms"], 2) if at_1000 else None,
        "raw_ceiling_msgs_per_s": round(raw_ceiling),
        "site_direct_msgs_per_s": round(site_best),
        "ratio_to_raw": round(site_best / raw_ceiling, 3) if raw_ceiling else None,
        "limit_direct": limited_by(direct),
        "limit_gateway": limited_by(gateway),
        "site_cpu_us_per_update_direct": cpu_us_per_update(direct),
        "site_cpu_us_per_update_gateway": cpu_us_per_update(gateway),
        "raw_cpu_us_per_update_direct": cpu_us_per_update(raw),
        "hz": args.hz,
    }
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
