"""Dispatch benchmark: the assignment solver against OR-Tools, routes, and the haul simulation.

* assignment - :func:`app.core.dispatch.solve_assignment` (our Jonker-Volgenant kernel, numba)
  on a 1,000 x 1,000 instance of integer costs (seconds, 0..99,999), the median of several
  runs; OR-Tools' ``SimpleLinearSumAssignment`` and scipy's ``linear_sum_assignment`` solve the
  same integer instance in the same run. ``assign_gap_vs_ortools_pct`` is our optimal cost over
  OR-Tools' minus one, in percent. A second instance forbids 10 % of the pairs (OR-Tools gets
  only the allowed arcs).
* dispatcher - a whole ``Dispatcher.dispatch()`` (cost matrix from the demo mine's travel
  times, one vehicle in ten of a class no task accepts, priorities, solve, 900 recorded
  assignments): ``dispatch_1000_ms``.
* routes - ``bench/dispatch_routes.py``'s ``measure_routes()`` when that module exists (the
  routing work lands separately); otherwise ``route_p99_us`` and ``pareto_ms`` are null.
* haul simulation - :mod:`app.core.dispatch.haulsim` on the demo mine, 50 trucks, one simulated
  hour, payload and top speed from the mining pack's haul-truck profile, loader service times
  and dump capacities from the site file. The dispatcher (flow plan + optimal assignment) and
  the nearest-loader baseline run the same scenario with the same seed (common random
  numbers). The headline keys average ``--seeds`` seeds of the *shift start* scenario (every
  truck at the park-up at t = 0, no warm-up, the first hour). Reported beside it: *mid-shift*
  (trucks start spread over the loaders, one hour of warm-up, then the measured hour: the
  baseline still drains the crusher queue it built in the first hour) and *steady state* (the
  same start, the fourth hour), and the steady state with 15 trucks, about what the flow plan
  needs (13.3), where the dispatcher cannot gain by parking surplus trucks.

Usage::

    python bench/dispatch.py            # full run
    python bench/dispatch.py --quick    # fewer repeats and seeds

The final line is JSON: ``assign_1000_ms``, ``assign_gap_vs_ortools_pct``, ``route_p99_us``,
``pareto_ms``, ``tph_vs_baseline_pct``, ``queue_time_vs_baseline_pct`` and the raw figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
from ortools.graph.python import linear_sum_assignment as ortools_lsa  # type: ignore[import-untyped]
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

from app.core.dispatch import Dispatcher, PoiTravelMatrix, Task, solve_assignment, warm_up
from app.core.dispatch.haulsim import (
    DispatcherPolicy,
    HaulResult,
    HaulScenario,
    NearestLoaderPolicy,
    simulate,
)
from maps.site import default_site_path, load_site
from sectors.mining.profiles import PROFILES

N = 1000


def _ortools(cost: np.ndarray) -> tuple[int, float]:
    """Solve with OR-Tools on the allowed (finite) arcs; return (cost, seconds)."""
    rows, cols = np.nonzero(np.isfinite(cost))
    weights = cost[rows, cols].astype(np.int64)
    t0 = time.perf_counter()
    solver = ortools_lsa.SimpleLinearSumAssignment()
    solver.add_arcs_with_cost(rows.astype(np.int32), cols.astype(np.int32), weights)
    status = solver.solve()
    elapsed = time.perf_counter() - t0
    if status != solver.OPTIMAL:
        raise RuntimeError(f"OR-Tools did not solve the instance (status {status})")
    return int(solver.optimal_cost()), elapsed


def measure_assignment(args: argparse.Namespace, rng: np.random.Generator) -> dict[str, Any]:
    """Time our solver, OR-Tools and scipy on the same integer instances."""
    out: dict[str, Any] = {}
    warm_up()
    for label, forbid in (("", 0.0), ("_forbidden10", 0.10)):
        cost = rng.integers(0, 100_000, size=(N, N)).astype(np.float64)
        if forbid:
            cost[rng.random(cost.shape) < forbid] = np.inf
        ours_ms: list[float] = []
        ours_cost = 0.0
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            result = solve_assignment(cost)
            ours_ms.append((time.perf_counter() - t0) * 1000)
            ours_cost = result.cost
            if len(result) != N:
                raise RuntimeError(f"our solver matched {len(result)} of {N}")
        ortools_cost, ortools_s = _ortools(cost)
        t0 = time.perf_counter()
        r, c = linear_sum_assignment(cost)
        scipy_ms = (time.perf_counter() - t0) * 1000
        scipy_cost = float(cost[r, c].sum())
        gap = (ours_cost - ortools_cost) / ortools_cost * 100.0
        out[f"assign_1000{label}_ms"] = round(statistics.median(ours_ms), 2)
        out[f"assign_1000{label}_min_ms"] = round(min(ours_ms), 2)
        out[f"assign_gap_vs_ortools{label}_pct"] = round(gap, 6)
        out[f"ortools_1000{label}_ms"] = round(ortools_s * 1000, 2)
        out[f"scipy_1000{label}_ms"] = round(scipy_ms, 2)
        out[f"assign_cost{label}"] = ours_cost
        out[f"ortools_cost{label}"] = ortools_cost
        out[f"scipy_cost{label}"] = scipy_cost
        print(
            f"assignment {N}x{N}{label}: ours {statistics.median(ours_ms):.1f} ms "
            f"(min {min(ours_ms):.1f}), OR-Tools {ortools_s * 1000:.1f} ms, "
            f"scipy {scipy_ms:.1f} ms; cost ours {ours_cost:.0f} / OR-Tools {ortools_cost} "
            f"/ scipy {scipy_cost:.0f}"
        )
    return out


def measure_dispatch(args: argparse.Namespace, rng: np.random.Generator) -> dict[str, Any]:
    """Time a whole ``Dispatcher.dispatch()``: 1,000 vehicles, 1,000 tasks on the demo mine."""
    site = load_site(default_site_path())
    travel = PoiTravelMatrix(site.graph, site.pois, max_speed_mps=60 / 3.6)
    ids = [p.id for p in site.pois]
    times: list[float] = []
    made = 0
    for _ in range(args.repeats):
        dispatcher = Dispatcher(travel, clock=lambda: 0.0, emit=lambda _e: None, auto=False)
        for k in range(N):
            cls = "light_vehicle" if k % 10 == 0 else "haul_truck"
            dispatcher.add_vehicle(f"V{k:04d}", cls, ids[int(rng.integers(len(ids)))])
        for k in range(N):
            origin = ids[int(rng.integers(len(ids)))]
            classes = frozenset({"haul_truck"})
            priority = int(rng.integers(0, 3))
            dispatcher.submit(
                Task(f"K{k:04d}", "bench", origin, ids[0], classes, priority=priority)
            )
        t0 = time.perf_counter()
        made = len(dispatcher.dispatch())
        times.append((time.perf_counter() - t0) * 1000)
    print(
        f"dispatcher.dispatch() {N} vehicles x {N} tasks (cost matrix, solve, {made} "
        f"transitions): median {statistics.median(times):.1f} ms"
    )
    return {"dispatch_1000_ms": round(statistics.median(times), 2)}


def measure_routes() -> dict[str, Any]:
    """Call bench/dispatch_routes.py's ``measure_routes()`` if it exists, else nulls."""
    path = Path(__file__).resolve().parent / "dispatch_routes.py"
    if not path.exists():
        print("routes: bench/dispatch_routes.py not present yet; route figures are null")
        return {"route_p99_us": None, "pareto_ms": None}
    spec = importlib.util.spec_from_file_location("atlasmesh_bench_dispatch_routes", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures: dict[str, Any] = module.measure_routes()
    return figures


def _mean(results: list[HaulResult], attr: str) -> float:
    return float(np.mean([getattr(r, attr) for r in results]))


def measure_haul(args: argparse.Namespace) -> dict[str, Any]:
    """Run both policies on the same scenarios and seeds; return the comparison."""
    site = load_site(default_site_path())
    truck = next(p for p in PROFILES if p.id == "mining.haul_truck_empty")
    out: dict[str, Any] = {}
    scenarios: dict[str, dict[str, Any]] = {
        "shift_start": {"start": "parking", "warmup_s": 0.0},
        "mid_shift": {"start": "loaders", "warmup_s": 3600.0},
        "steady_state": {"start": "loaders", "warmup_s": 3 * 3600.0},
        "steady_state_15_trucks": {"start": "loaders", "warmup_s": 3 * 3600.0, "trucks": 15},
    }
    for name, kw in scenarios.items():
        trucks = int(kw.pop("trucks", args.trucks))
        ours: list[HaulResult] = []
        base: list[HaulResult] = []
        plan_tph = plan_trucks = 0.0
        for seed in range(args.seeds):
            scenario = HaulScenario(
                site=site,
                trucks=trucks,
                payload_t=truck.kinematics.payload_t,
                max_speed_mps=truck.kinematics.max_speed_mps,
                duration_s=3600.0,
                seed=seed,
                **kw,
            )
            policy = DispatcherPolicy()
            ours.append(simulate(scenario, policy))
            base.append(simulate(scenario, NearestLoaderPolicy()))
            if policy.plan is not None:
                plan_tph, plan_trucks = policy.plan.tonnes_per_hour, policy.plan.trucks_needed
        tph_o, tph_b = _mean(ours, "tonnes_per_hour"), _mean(base, "tonnes_per_hour")
        q_o, q_b = _mean(ours, "mean_loader_queue_s"), _mean(base, "mean_loader_queue_s")
        figures = {
            "tph": round(tph_o, 1),
            "baseline_tph": round(tph_b, 1),
            "loader_queue_s": round(q_o, 1),
            "baseline_loader_queue_s": round(q_b, 1),
            "dump_queue_s": round(_mean(ours, "mean_dump_queue_s"), 1),
            "baseline_dump_queue_s": round(_mean(base, "mean_dump_queue_s"), 1),
            "standby_s_per_truck": round(_mean(ours, "mean_idle_s"), 1),
            "tph_vs_baseline_pct": round((tph_o / tph_b - 1) * 100, 1),
            "queue_time_vs_baseline_pct": round((q_o / q_b - 1) * 100, 1),
            "plan_tph": round(plan_tph, 1),
            "plan_trucks_needed": round(plan_trucks, 2),
        }
        print(f"haul {name} ({args.seeds} seeds, {trucks} trucks): {figures}")
        out[name] = figures
    head = out["shift_start"]
    return {
        "tph_vs_baseline_pct": head["tph_vs_baseline_pct"],
        "queue_time_vs_baseline_pct": head["queue_time_vs_baseline_pct"],
        "haul": out,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the summary as the final JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and seeds")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--trucks", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.seeds = 3, 2
    rng = np.random.default_rng(args.seed)
    summary: dict[str, Any] = {"loadavg_before": round(os.getloadavg()[0], 2)}
    summary.update(measure_assignment(args, rng))
    summary.update(measure_dispatch(args, rng))
    summary.update(measure_routes())
    summary.update(measure_haul(args))
    summary["loadavg_after"] = round(os.getloadavg()[0], 2)
    keys = (
        "assign_1000_ms",
        "assign_gap_vs_ortools_pct",
        "route_p99_us",
        "pareto_ms",
        "tph_vs_baseline_pct",
        "queue_time_vs_baseline_pct",
    )
    ordered = {k: summary.pop(k, None) for k in keys}
    ordered.update(summary)
    print(json.dumps(ordered))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
