"""Governor benchmark: single-decision latency, batch throughput, and Cedar on the same rules.

Measured on the core bundle over the demo mine plus synthetic zones (50 zones in all, 221 road
corridors), pinned to one core:

* single decisions - ``Governor.decide`` on pre-built proposals (a realistic mix: mostly on
  roads, some inside zones, some low confidence, degraded links, bad inputs), each timed on its
  own; the figure includes encoding, the kernel, the Decision record and the SHA-256 inputs
  digest;
* batch - ``Governor.decide_batch`` over 1,000,000 proposals as columns (category columns as
  codes, the form replay and shadow evaluation store), no receipts;
* durable receipts - the decisions' receipts (bodies built by ``edge.decisions.receipt_body``
  from real decisions on the proposals above) through the real journal, measured by
  bench/receipts.py's ``measure_durable``: capacity (``durable_receipts_per_s``) and decision to
  durable receipt at ``--durable-rate`` offered (``durable_p99_ms``: from the decided receipt
  handed to the journal to its future resolving after the fsynced commit).  The deciding itself
  is timed above (``p99_us``).  Unpinned for this part (the journal's writer threads overlap
  fsyncs and chaining on two cores), with the heap frozen as the edge node should;
* Cedar - cedarpy (its Python binding, the policy set parsed once) on the same rules written as
  Cedar policies. Cedar has no floats and no geometry: numbers are scaled to integers and zone
  membership, release grants and speed limits are precomputed into the request context
  (outside the timing); the fired policies are mapped back to outcomes as our engine does. A
  sample of decisions is cross-checked against ours (``cedar_agreement``).

Usage::

    python bench/governor.py             # full run (about a minute)
    python bench/governor.py --quick     # smaller counts (smoke run)

The final line is JSON with ``p50_us``, ``p99_us``, ``batch_per_s``, ``durable_receipts_per_s``,
``durable_p99_ms``, ``cedar_p50_us``, ``cedar_p99_us`` and ``speedup_p99`` (Cedar's p99 over
ours). Each measurement is a function
of :class:`Bench` returning its keys; add one to ``MEASUREMENTS`` to extend the summary.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import dataclasses
import importlib
import importlib.util
import json
import math
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from edge.decisions import receipt_body
from edge.governor import (
    ACTIONS,
    SEVERITY,
    WEATHERS,
    Governor,
    PolicyBundle,
    Proposal,
    load_core_bundle,
)
from edge.heap import freeze_startup_heap
from edge.protocol.messages import LinkState, Outcome
from maps import LocalFrame, Site, build_site, default_site_path

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import ModuleType

BENCH_CORE = 1
ZONES_TOTAL = 50
NOW = 1_800_000_000.0
CLASSES = ("haul_truck", "light_vehicle", "water_truck")


@dataclass
class Bench:
    """Everything the measurements share."""

    args: argparse.Namespace
    site: Site
    bundle: PolicyBundle
    governor: Governor
    proposals: list[Proposal]
    rng: np.random.Generator


# --------------------------------------------------------------------------- set-up


def _pin(core: int) -> None:
    with contextlib.suppress(AttributeError, OSError):
        if core < (os.cpu_count() or 1):
            os.sched_setaffinity(0, {core})


@contextlib.contextmanager
def _unpinned() -> Iterator[None]:
    """Let the process use every core for a while (the journal runs several threads)."""
    try:
        before = os.sched_getaffinity(0)
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    except (AttributeError, OSError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, before)


def _receipts_bench() -> ModuleType:
    """Load bench/receipts.py (a script beside this one, not a package) to reuse its code."""
    path = Path(__file__).with_name("receipts.py")
    spec = importlib.util.spec_from_file_location("atlasmesh_bench_receipts", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and typing look their module up
    spec.loader.exec_module(module)
    return module


def site_with_zones(total: int, seed: int) -> Site:
    """Return the demo mine plus synthetic zones (limits, blasts, exclusions) up to ``total``."""
    doc = json.loads(default_site_path().read_text(encoding="utf-8"))
    frame = LocalFrame(*doc["atlasmesh"]["origin"])
    site = build_site(copy.deepcopy(doc))
    minx, miny, maxx, maxy = site.bounds
    rng = np.random.default_rng(seed)
    extra = total - len(site.zones)
    for k in range(extra):
        cx, cy = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        radius, sides = rng.uniform(30, 150), int(rng.integers(6, 24))
        angles = np.linspace(0, 2 * math.pi, sides, endpoint=False)
        ring = [
            frame.to_lonlat(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in angles
        ]
        ring.append(ring[0])
        roll = k % 5
        props: dict[str, Any] = {
            "feature": "zone",
            "id": f"S{k:02d}",
            "name": f"Synthetic {k}",
            "name_ar": "منطقة اصطناعية",
            "active": bool(rng.random() < 0.9),
        }
        if roll in (0, 1, 2):
            props |= {
                "kind": "SPEED_LIMIT",
                "sector_kind": "speed_limit",
                "speed_limit_kmh": float(rng.choice([10, 15, 20, 30])),
            }
        elif roll == 3:
            props |= {"kind": "BLOCKED", "sector_kind": "blast", "reentry_wait_min": 30.0}
        else:
            props |= {"kind": "RELEASE", "sector_kind": "exclusion", "buffer_m": 50.0}
        doc["features"].append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
            }
        )
    return build_site(doc, source="demo_mine+synthetic")


def make_proposals(site: Site, n: int, rng: np.random.Generator) -> list[Proposal]:
    """Build a realistic mix: mostly on roads, some in zones, a few bad inputs."""
    zones = [z for z in site.zones if z.active]
    out: list[Proposal] = []
    for i in range(n):
        where = rng.random()
        if where < 0.7:
            road = site.roads[int(rng.integers(len(site.roads)))]
            point = shapely.LineString(road.line_xy).interpolate(rng.random(), normalized=True)
            x, y = point.x, point.y
        elif where < 0.9:
            zone = zones[int(rng.integers(len(zones)))]
            rep = zone.polygon.representative_point()
            x, y = rep.x + rng.normal(0, 5), rep.y + rng.normal(0, 5)
        else:
            minx, miny, maxx, maxy = site.bounds
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        link = rng.choice(3, p=[0.9, 0.07, 0.03])
        action = rng.choice(len(ACTIONS), p=[0.6, 0.15, 0.1, 0.05, 0.05, 0.05])
        confidence = rng.uniform(0.86, 1.0) if rng.random() < 0.9 else rng.uniform(0.5, 0.85)
        p = Proposal(
            vehicle_id=f"HT-{i % 100:03d}",
            vehicle_class=CLASSES[int(rng.integers(3))],
            profile="sim.haul_truck",
            action=ACTIONS[int(action)],
            x=float(x),
            y=float(y),
            speed_mps=float(rng.uniform(0, 15)),
            requested_speed_mps=float(rng.uniform(0, 20)),
            load_t=float(rng.uniform(0, 220)),
            perception_confidence=float(confidence),
            link_state=list(LinkState)[int(link)],
            weather=WEATHERS[int(rng.integers(len(WEATHERS)))],
            hour=float(rng.uniform(0, 24)),
            estop_latched=bool(rng.random() < 0.01),
            released=bool(rng.random() < 0.5),
            now=NOW + i * 0.1,
        )
        if rng.random() < 0.005:  # a few bad inputs: they must fail closed, and cost the same
            p = dataclasses.replace(p, perception_confidence=math.nan)
        out.append(p)
    return out


# --------------------------------------------------------------------------- measurements


def _percentiles_us(samples_ns: np.ndarray[Any, np.dtype[np.int64]]) -> tuple[float, float]:
    p50, p99 = np.percentile(samples_ns, [50, 99])
    return float(p50) / 1e3, float(p99) / 1e3


def measure_single(bench: Bench) -> dict[str, Any]:
    """Latency of one ``decide`` call, each timed on its own."""
    decide = bench.governor.decide
    proposals = bench.proposals
    for p in proposals[:2000]:  # warm caches and branch predictors
        decide(p)
    n = bench.args.decisions
    samples = np.empty(n, dtype=np.int64)
    clock = time.perf_counter_ns
    m = len(proposals)
    outcomes = np.zeros(len(SEVERITY), dtype=np.int64)
    for i in range(n):
        p = proposals[i % m]
        t0 = clock()
        d = decide(p)
        samples[i] = clock() - t0
        if i < m:
            outcomes[SEVERITY.index(d.outcome)] += 1
    p50, p99 = _percentiles_us(samples)
    mix = {o.value: int(c) for o, c in zip(SEVERITY, outcomes, strict=True)}
    print(f"single: {n} decisions, p50 {p50:.2f} us, p99 {p99:.2f} us; outcomes {mix}")
    return {"p50_us": round(p50, 3), "p99_us": round(p99, 3), "decisions": n}


def measure_batch(bench: Bench) -> dict[str, Any]:
    """Throughput of ``decide_batch`` over columns (codes for categories), median of runs."""
    n = bench.args.batch
    rng = bench.rng
    picks = rng.integers(len(bench.proposals), size=n)
    gov = bench.governor
    codes = {f: gov.codes(f) for f in ("vehicle_class", "action", "link_state", "weather")}
    props = bench.proposals
    cols: dict[str, Any] = {}
    for name in (
        "x",
        "y",
        "speed_mps",
        "requested_speed_mps",
        "load_t",
        "perception_confidence",
        "hour",
        "now",
    ):
        cols[name] = np.array([getattr(p, name) for p in props], dtype=np.float64)[picks]
    for name, vocab in codes.items():
        cols[name] = np.array([vocab[str(getattr(p, name))] for p in props])[picks]
    for name in ("estop_latched", "released"):
        cols[name] = np.array([getattr(p, name) for p in props], dtype=bool)[picks]
    cols["profile"] = np.zeros(n)
    gov.decide_batch({k: v[:1000] for k, v in cols.items()})
    runs = []
    for _ in range(bench.args.batch_runs):
        t0 = time.perf_counter()
        outcome_codes, _caps = gov.decide_batch(cols)
        runs.append(time.perf_counter() - t0)
    per_s = n / float(np.median(runs))
    mix = np.bincount(outcome_codes, minlength=len(SEVERITY)).tolist()
    print(f"batch: {n} proposals, {per_s:,.0f} decisions/s (median of {len(runs)}); {mix}")
    return {"batch_per_s": round(per_s)}


def measure_durable(bench: Bench) -> dict[str, Any]:
    """Durable receipts of real decisions: capacity and decision-to-durable p99 (issue 3)."""
    receipts_bench = _receipts_bench()
    decide = bench.governor.decide
    props = bench.proposals
    mono = time.monotonic()
    bodies = [receipt_body(p, decide(p), decided_mono=mono + i * 1e-5) for i, p in enumerate(props)]
    while len(bodies) < bench.args.durable_bodies:  # distinct digests are not needed here
        bodies.extend(bodies[: bench.args.durable_bodies - len(bodies)])
    freeze_startup_heap()  # as the edge node does after start-up
    with _unpinned(), tempfile.TemporaryDirectory(prefix="atlasmesh-bench-") as tmp:
        keys: dict[str, Any] = receipts_bench.measure_durable(
            bodies, Path(tmp), seconds=bench.args.durable_seconds, rate=bench.args.durable_rate
        )
    load = receipts_bench.load_1m()
    print(
        f"durable: {keys['durable_receipts_per_s']:,} receipts/s; at "
        f"{keys['offered_per_s']:,}/s offered p50 {keys['durable_p50_ms']:.2f} ms, "
        f"p99 {keys['durable_p99_ms']:.2f} ms (load {load})"
    )
    return {
        "durable_receipts_per_s": keys["durable_receipts_per_s"],
        "durable_p50_ms": keys["durable_p50_ms"],
        "durable_p99_ms": keys["durable_p99_ms"],
        "durable_offered_per_s": keys["offered_per_s"],
        "durable_achieved_per_s": keys["achieved_per_s"],
        "load_1m": load,
    }


CEDAR_POLICIES = """
@id("core.estop_latched")
permit(principal, action, resource) when { context.estop_latched };
@id("core.resume_needs_release")
permit(principal, action == Action::"resume", resource) when { !context.released };
@id("core.blocked_zone")
permit(principal, action, resource) when { context.in_blocked_zone && action != Action::"stop" };
@id("core.link_no_new_missions")
permit(principal, action == Action::"start_task", resource)
  when { context.link == "degraded" || context.link == "offline" };
@id("core.perception_low")
permit(principal, action, resource)
  when { context.confidence_bp < 8500 && action != Action::"stop" };
@id("core.release_zone")
permit(principal, action, resource)
  when { context.release_pending && action != Action::"stop" };
@id("core.link_degraded")
permit(principal, action, resource)
  when { context.link == "degraded" || context.link == "offline" };
@id("core.zone_speed_limit")
permit(principal, action, resource) when { context.in_speed_limit_zone };
@id("core.over_speed_limit")
permit(principal, action, resource)
  when { context.requested_speed_mmps > context.speed_limit_mmps };
"""
"""The core rules as Cedar policies; each policy's position matches the core bundle's rule."""


class CedarContext:
    """Precomputes what Cedar cannot: zone membership and speed limits (shapely, untimed)."""

    def __init__(self, site: Site, bundle: PolicyBundle) -> None:
        zones = [z for z in site.zones if z.active]
        self._zones = zones
        self._tree = shapely.STRtree([z.polygon for z in zones])
        corridors = [
            shapely.buffer(shapely.LineString(r.line_xy), r.width_m / 2, quad_segs=4)
            for r in site.roads
        ]
        self._road_tree = shapely.STRtree(corridors)
        self._road_limits = [r.speed_limit_mps for r in site.roads]
        classes = bundle.parameters["vehicle_classes"]
        self._class_limits = {k: float(v["max_speed_mps"]) for k, v in classes.items()}

    def request(self, p: Proposal) -> dict[str, Any]:
        """Return the Cedar request for a proposal."""
        point = shapely.Point(p.x, p.y)
        here = [self._zones[i] for i in self._tree.query(point, predicate="intersects")]
        roads = self._road_tree.query(point, predicate="intersects")
        zone_limit = min(
            (z.speed_limit_mps or math.inf for z in here if z.kind == "SPEED_LIMIT"),
            default=math.inf,
        )
        road_limit = min((self._road_limits[i] for i in roads), default=math.inf)
        limit = min(zone_limit, road_limit, self._class_limits[p.vehicle_class])
        return {
            "principal": f'Vehicle::"{p.vehicle_id}"',
            "action": f'Action::"{p.action}"',
            "resource": 'Site::"demo-mine"',
            "context": {
                "estop_latched": p.estop_latched,
                "released": p.released,
                "link": str(p.link_state),
                "confidence_bp": round(p.perception_confidence * 10_000)
                if math.isfinite(p.perception_confidence)
                else 0,
                "in_blocked_zone": any(z.kind == "BLOCKED" for z in here),
                "in_speed_limit_zone": any(z.kind == "SPEED_LIMIT" for z in here),
                "release_pending": any(
                    z.kind == "RELEASE" and z.id not in p.granted_zones for z in here
                ),
                "requested_speed_mmps": round(p.requested_speed_mps * 1000),
                "speed_limit_mmps": round(limit * 1000),
            },
        }


def measure_cedar(bench: Bench) -> dict[str, Any]:
    """Measure Cedar on the same rules: p50/p99 per decision, agreement with our fired rules."""
    try:
        cedarpy: Any = importlib.import_module("cedarpy")
    except ImportError:
        print("cedar: cedarpy is not installed (pip install cedarpy); skipped")
        return {"cedar_p50_us": None, "cedar_p99_us": None, "cedar_note": "not installed"}
    policies = cedarpy.PolicySet.from_str(CEDAR_POLICIES)  # parsed once
    entities = cedarpy.Entities.from_json_str("[]")
    rule_ids = [r.id for r in bench.bundle.rules]
    outcome_of = {r.id: r.effect.outcome for r in bench.bundle.rules}
    prep = CedarContext(bench.site, bench.bundle)
    valid = [p for p in bench.proposals if math.isfinite(p.perception_confidence)]
    n = min(bench.args.cedar, len(valid))
    requests = [prep.request(p) for p in valid[:n]]

    def decide(request: dict[str, Any]) -> tuple[Outcome, tuple[str, ...]]:
        result = cedarpy.is_authorized(request, policies, entities)
        fired = tuple(
            sorted(rule_ids[int(r.removeprefix("policy"))] for r in result.diagnostics.reasons)
        )
        outcome = max((outcome_of[f] for f in fired), key=SEVERITY.index, default=Outcome.ALLOW)
        return outcome, fired

    for request in requests[:500]:
        decide(request)
    samples = np.empty(n, dtype=np.int64)
    clock = time.perf_counter_ns
    agree = 0
    for i, request in enumerate(requests):
        t0 = clock()
        outcome, fired = decide(request)
        samples[i] = clock() - t0
        ours = bench.governor.decide(valid[i])
        agree += outcome is ours.outcome and fired == tuple(sorted(ours.fired))
    p50, p99 = _percentiles_us(samples)
    print(f"cedar: {n} decisions, p50 {p50:.2f} us, p99 {p99:.2f} us; agreement {agree / n:.4f}")
    return {
        "cedar_p50_us": round(p50, 3),
        "cedar_p99_us": round(p99, 3),
        "cedar_decisions": n,
        "cedar_agreement": round(agree / n, 4),
        "cedar_note": (
            "cedarpy with the policy set parsed once; Cedar has no floats or geometry, so numbers "
            "are scaled to integers and zone membership and speed limits are precomputed into "
            "the context outside the timing"
        ),
    }


MEASUREMENTS: list[Callable[[Bench], dict[str, Any]]] = [
    measure_single,
    measure_batch,
    measure_cedar,
    measure_durable,  # last: it freezes the heap, which the others must not benefit from
]
"""Run in order; each returns keys for the summary. Append further measurements here."""


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the summary as the final JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts (smoke run)")
    parser.add_argument("--decisions", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=1_000_000)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--cedar", type=int, default=20_000)
    parser.add_argument("--proposals", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--durable-rate", type=float, default=100_000, help="offered receipts/s")
    parser.add_argument("--durable-seconds", type=float, default=6.0)
    parser.add_argument("--durable-bodies", type=int, default=50_000)
    args = parser.parse_args(argv)
    if args.quick:
        args.decisions, args.batch, args.cedar, args.proposals = 20_000, 100_000, 2_000, 5_000
        args.durable_seconds = 2.0
    _pin(BENCH_CORE)

    rng = np.random.default_rng(args.seed)
    site = site_with_zones(ZONES_TOTAL, args.seed)
    bundle = load_core_bundle()
    t0 = time.perf_counter()
    governor = Governor(bundle, site)  # compiles the policy and warms the kernels
    startup = time.perf_counter() - t0
    print(
        f"site: {len(site.zones)} zones ({sum(z.active for z in site.zones)} active), "
        f"{len(site.roads)} roads; governor ready in {startup:.2f} s (jit={governor.jit})"
    )
    bench = Bench(args, site, bundle, governor, make_proposals(site, args.proposals, rng), rng)

    summary: dict[str, Any] = {
        "zones": len(site.zones),
        "rules": len(bundle.rules),
        "jit": governor.jit,
        "startup_s": round(startup, 3),
    }
    for measure in MEASUREMENTS:
        summary.update(measure(bench))
    ours, theirs = summary.get("p99_us"), summary.get("cedar_p99_us")
    summary["speedup_p99"] = round(theirs / ours, 1) if ours and theirs else None
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
