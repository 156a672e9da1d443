"""Mining flow targets: how many trucks per hour each loader should get (a linear program).

In the spirit of the LP layer of DISPATCH-type mine dispatch (White and Olson, 1986): choose
truck flows ``x[l, d]`` (loads per hour from loader ``l`` to dump ``d``) to maximise tonnes per
hour subject to

* each loader's dig rate: ``sum_d x[l, d] <= rate[l]`` (loads per hour),
* each dump's capacity: ``payload * sum_l x[l, d] <= capacity[d]`` (tonnes per hour),
* the fleet: ``sum x[l, d] * cycle[l, d] / 3600 <= trucks`` (truck-hours per hour),
* material: ore only to dumps that accept ore (a crusher), waste only to waste dumps.

A small second term prefers short cycles among equally productive plans, so the plan does not
spend trucks it does not need. Solved with HiGHS (:func:`scipy.optimize.linprog`).

The real-time assignment then follows the plan with :class:`FlowTargetCost`: a loader behind its
target becomes cheaper, one ahead dearer (DISPATCH's "needy shovel").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linprog  # type: ignore[import-untyped]

from app.core.dispatch.errors import DispatchError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from app.core.dispatch.dispatcher import Vehicle
    from app.core.dispatch.tasks import Task

__all__ = ["DumpSpec", "FlowPlan", "FlowTargetCost", "LoaderSpec", "plan_flows"]


@dataclass(frozen=True, slots=True)
class LoaderSpec:
    """A loading unit: where it is, how many loads an hour it can fill, what it digs."""

    poi_id: str
    loads_per_hour: float
    material: str

    def __post_init__(self) -> None:
        if not self.loads_per_hour > 0:
            raise ValueError(f"loader {self.poi_id}: loads_per_hour must be > 0")


@dataclass(frozen=True, slots=True)
class DumpSpec:
    """A dump or crusher: its capacity in tonnes per hour and the materials it takes."""

    poi_id: str
    capacity_tph: float
    accepts: frozenset[str]

    def __post_init__(self) -> None:
        if not self.capacity_tph > 0:
            raise ValueError(f"dump {self.poi_id}: capacity_tph must be > 0")


@dataclass(frozen=True, slots=True)
class FlowPlan:
    """The LP's answer.

    Attributes
    ----------
    flows
        ``(loader, dump) -> loads per hour``, only routes with flow.
    loader_targets
        ``loader -> loads per hour`` (the sum over its dumps).
    tonnes_per_hour
        Planned production.
    trucks_needed
        Truck-hours per hour the plan uses (queueing excluded).
    """

    flows: Mapping[tuple[str, str], float]
    loader_targets: Mapping[str, float]
    tonnes_per_hour: float
    trucks_needed: float

    def dump_for(self, loader: str, sent: Mapping[tuple[str, str], int], hours: float) -> str:
        """Return the planned dump furthest behind its share of ``loader``'s flow.

        Raises
        ------
        DispatchError
            When the plan sends nothing from ``loader``.
        """
        routes = [(d, f) for (l_id, d), f in self.flows.items() if l_id == loader]
        if not routes:
            raise DispatchError(f"the flow plan sends no loads from {loader}")
        return max(routes, key=lambda r: (r[1] * hours - sent.get((loader, r[0]), 0), r[1]))[0]


def plan_flows(
    loaders: Sequence[LoaderSpec],
    dumps: Sequence[DumpSpec],
    *,
    payload_t: float,
    trucks: int,
    cycle_s: Callable[[str, str], float],
) -> FlowPlan:
    """Solve the flow-target LP.

    Parameters
    ----------
    loaders, dumps
        The site's loading units and dumps.
    payload_t
        Tonnes per load (the haul truck profile's payload).
    trucks
        Haul trucks available.
    cycle_s
        ``(loader, dump) -> seconds`` of one cycle without queueing: load, haul, dump, return.

    Returns
    -------
    FlowPlan
        The optimal flows.

    Raises
    ------
    DispatchError
        No loader-dump pair shares a material, or the solver fails.
    """
    if payload_t <= 0 or trucks < 0:
        raise ValueError("payload_t must be > 0 and trucks >= 0")
    routes = [
        (i, j, cycle_s(ld.poi_id, dp.poi_id))
        for i, ld in enumerate(loaders)
        for j, dp in enumerate(dumps)
        if ld.material in dp.accepts
    ]
    routes = [(i, j, c) for i, j, c in routes if math.isfinite(c)]
    if not routes:
        raise DispatchError("no loader and dump share a material along a road")
    n = len(routes)
    cycles = np.array([c for _, _, c in routes])
    # Maximise tonnes; break ties towards fewer truck-hours (the epsilon is far below a load).
    objective = -payload_t * np.ones(n) + 1e-6 * cycles / 3600.0
    rows: list[np.ndarray] = []
    bounds: list[float] = []
    for i, loader in enumerate(loaders):
        rows.append(np.array([1.0 if r[0] == i else 0.0 for r in routes]))
        bounds.append(loader.loads_per_hour)
    for j, dump in enumerate(dumps):
        rows.append(np.array([payload_t if r[1] == j else 0.0 for r in routes]))
        bounds.append(dump.capacity_tph)
    rows.append(cycles / 3600.0)
    bounds.append(float(trucks))
    result = linprog(
        objective, A_ub=np.vstack(rows), b_ub=np.array(bounds), bounds=(0, None), method="highs"
    )
    if result.status != 0:
        raise DispatchError(f"flow plan LP failed: {result.message}")
    x = np.asarray(result.x, dtype=np.float64)
    flows = {
        (loaders[i].poi_id, dumps[j].poi_id): float(x[k])
        for k, (i, j, _) in enumerate(routes)
        if x[k] > 1e-9
    }
    targets = {ld.poi_id: 0.0 for ld in loaders}
    for (loader_id, _), f in flows.items():
        targets[loader_id] += f
    return FlowPlan(
        flows=flows,
        loader_targets=targets,
        tonnes_per_hour=float(payload_t * x.sum()),
        trucks_needed=float(cycles @ x / 3600.0),
    )


@dataclass(slots=True)
class FlowTargetCost:
    """The "needy loader" cost term: follow the plan's loads per hour at each loader.

    The extra cost of sending a vehicle to loader ``l`` is ``-weight_s`` per load the loader is
    behind its target since ``start`` (and ``+weight_s`` per load ahead); tasks whose origin is
    not a loader of the plan get no extra cost. Call :meth:`record` for each load sent.

    Parameters
    ----------
    plan
        The flow plan.
    start
        Clock time the plan took effect.
    weight_s
        Seconds of travel one load behind target is worth.
    """

    plan: FlowPlan
    start: float
    weight_s: float = 120.0
    sent: dict[str, int] = field(default_factory=dict)

    def behind(self, loader: str, now: float) -> float:
        """Return the loads ``loader`` is behind its target (negative when ahead)."""
        target = self.plan.loader_targets.get(loader, 0.0) * max(0.0, now - self.start) / 3600.0
        return target - self.sent.get(loader, 0)

    def record(self, loader: str) -> None:
        """Count one load sent to ``loader``."""
        self.sent[loader] = self.sent.get(loader, 0) + 1

    def __call__(self, task: Task, vehicle: Vehicle, travel_s: float, now: float) -> float:
        """Return the extra cost of this pair (see the class docstring)."""
        if task.origin not in self.plan.loader_targets:
            return 0.0
        return -self.weight_s * self.behind(task.origin, now)
