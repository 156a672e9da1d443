"""A discrete-event simulation of haul cycles on a mine site, to compare dispatch policies.

Trucks drive empty to a loader, queue (first come, first served), load, haul to a dump or the
crusher, queue, dump, and are free again. Two policies decide where a free truck goes:

* :class:`NearestLoaderPolicy`, the usual baseline: a truck that frees up goes to the nearest
  loader (travel time), and a loaded truck to the nearest dump that takes its material; no
  look-ahead.
* :class:`DispatcherPolicy`: the flow plan (:func:`~app.core.dispatch.flowplan.plan_flows`) sets
  loads per hour per loader and dump; the :class:`~app.core.dispatch.dispatcher.Dispatcher` assigns
  free trucks to loader slots optimally on travel time plus expected wait at the loader plus the
  needy-loader term, and does not send a truck that would wait longer than ``max_wait_s``
  (it waits where it is until a slot opens).

Both run the same scenario: the same random draws (common random numbers: the ``k``-th load at a
loader, the ``k``-th dump at a dump and the ``k``-th leg of a truck take the same time under
either policy), the same start and the same hour. Times come from the site file (loader
``target_trucks_per_hour``, dump ``capacity_tph``), the road graph and the truck profile handed in
(``payload_t``; the core knows no sector, so the caller reads the mining pack's profile).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from app.core.dispatch.dispatcher import Dispatcher, Vehicle
from app.core.dispatch.flowplan import DumpSpec, FlowTargetCost, LoaderSpec, plan_flows
from app.core.dispatch.tasks import Task, TaskState
from app.core.dispatch.traveltime import PoiTravelMatrix

if TYPE_CHECKING:
    from app.core.bus import Event
    from app.core.dispatch.flowplan import FlowPlan
    from maps.site import PointOfInterest, Site

__all__ = [
    "DispatcherPolicy",
    "HaulResult",
    "HaulScenario",
    "HaulSim",
    "NearestLoaderPolicy",
    "Policy",
    "simulate",
]

HAUL_TASK = "mining.haul_cycle"
TRUCK_CLASS = "haul_truck"


@dataclass(frozen=True, slots=True)
class HaulScenario:
    """What is simulated.

    Attributes
    ----------
    site
        The mine site (loaders are ``loading`` points, dumps ``dump`` and ``crusher`` points).
    trucks
        Fleet size.
    payload_t
        Tonnes per load (the haul truck profile).
    max_speed_mps
        The truck's top speed; roads are driven at ``min(limit, this)``.
    duration_s
        The measured period.
    warmup_s
        Simulated before the measured period and not counted (removes the start's bias).
    seed
        Seed of the random draws.
    start
        ``"loaders"``: mid-shift, trucks start empty at the loaders in turn; ``"parking"``: shift
        start, every truck at the first ``parking`` point.
    service_cv, travel_cv
        Coefficient of variation of service times (gamma) and of each leg's travel time.
    """

    site: Site
    trucks: int
    payload_t: float
    max_speed_mps: float
    duration_s: float = 3600.0
    warmup_s: float = 0.0
    seed: int = 0
    start: Literal["loaders", "parking"] = "loaders"
    service_cv: float = 0.15
    travel_cv: float = 0.10

    def __post_init__(self) -> None:
        if self.trucks < 1 or self.payload_t <= 0 or self.duration_s <= 0 or self.warmup_s < 0:
            raise ValueError(
                "trucks >= 1, payload_t > 0, duration_s > 0 and warmup_s >= 0 are required"
            )


@dataclass(frozen=True, slots=True)
class HaulResult:
    """What a run produced in the measured period (after the warm-up).

    Attributes
    ----------
    tonnes, tonnes_per_hour, loads
        Payload dumped.
    mean_loader_queue_s
        Mean wait at a loader, over the loads that started in the period (whole wait) and the
        trucks still waiting at its end (the time waited so far).
    mean_dump_queue_s
        The same at dumps and the crusher.
    mean_idle_s
        Mean time per truck, in the period, standing free without a task (standby).
    loads_by_loader
        Loads started per loader in the period.
    """

    tonnes: float
    tonnes_per_hour: float
    loads: int
    mean_loader_queue_s: float
    mean_dump_queue_s: float
    mean_idle_s: float
    loads_by_loader: dict[str, int]


class Policy(Protocol):
    """Where trucks go; the simulation calls these."""

    def bind(self, sim: HaulSim) -> None:
        """Receive the simulation before the first event."""
        ...

    def truck_free(self, truck: int) -> None:
        """React to a truck with nothing to do (at ``sim.location[truck]``)."""
        ...

    def after_event(self) -> None:
        """React after every event (re-plan)."""
        ...

    def dump_for(self, truck: int, loader: str) -> str:
        """Return where the truck loaded at ``loader`` dumps."""
        ...

    def dumped(self, truck: int) -> None:
        """Note that the truck finished dumping (before it is freed)."""
        ...


def _positive(poi: PointOfInterest, key: str) -> float:
    """Return a positive number from a point's properties, or say which point lacks it."""
    value = poi.properties.get(key)
    if not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{poi.kind} point {poi.id} needs a positive {key!r}, got {value!r}")
    return float(value)


@dataclass(slots=True)
class _Station:
    """A loader or dump: one server, a first-come-first-served queue."""

    poi_id: str
    mean_s: float
    material: str
    draws: np.ndarray
    served: int = 0
    busy_until: float = 0.0
    busy: bool = False
    queue: deque[tuple[int, float]] = field(default_factory=deque)


class HaulSim:
    """The event engine; build one per run with :func:`simulate`."""

    def __init__(self, scenario: HaulScenario) -> None:
        site = scenario.site
        self.scenario = scenario
        self.travel = PoiTravelMatrix(site.graph, site.pois, max_speed_mps=scenario.max_speed_mps)
        rng = np.random.default_rng(scenario.seed)
        n_draws = 4096

        def gamma(mean: float, cv: float, n: int) -> np.ndarray:
            if cv <= 0:
                return np.full(n, mean)
            shape = 1.0 / cv**2
            return rng.gamma(shape, mean / shape, size=n)

        self.loaders: dict[str, _Station] = {}
        for poi in site.pois_of_kind("loading"):
            mean = 3600.0 / _positive(poi, "target_trucks_per_hour")
            material = str(poi.properties.get("material", "ore"))
            draws = gamma(mean, scenario.service_cv, n_draws)
            self.loaders[poi.id] = _Station(poi.id, mean, material, draws)
        self.dumps: dict[str, _Station] = {}
        for poi in (*site.pois_of_kind("dump"), *site.pois_of_kind("crusher")):
            mean = 3600.0 * scenario.payload_t / _positive(poi, "capacity_tph")
            material = (
                "ore" if poi.kind == "crusher" else str(poi.properties.get("material", "waste"))
            )
            draws = gamma(mean, scenario.service_cv, n_draws)
            self.dumps[poi.id] = _Station(poi.id, mean, material, draws)
        if not self.loaders or not self.dumps:
            raise ValueError(f"site {site.site_id} needs loading points and dumps")
        self.leg_noise = gamma(1.0, scenario.travel_cv, scenario.trucks * 256).reshape(
            scenario.trucks, 256
        )
        self.legs = [0] * scenario.trucks
        if scenario.start == "parking":
            park = site.pois_of_kind("parking")
            if not park:
                raise ValueError(f"site {site.site_id} has no parking point")
            self.location = [park[0].id] * scenario.trucks
        else:
            ids = list(self.loaders)
            self.location = [ids[k % len(ids)] for k in range(scenario.trucks)]
        self.now = 0.0
        self._events: list[tuple[float, int, str, int, str]] = []
        self._seq = itertools.count()
        self.free_since: dict[int, float] = {}
        self.idle_s = 0.0
        self.loader_waits: list[float] = []
        self.dump_waits: list[float] = []
        self.tonnes = 0.0
        self.loads = 0
        self.loaded_at: dict[int, str] = {}
        self.enroute: dict[str, int] = dict.fromkeys(self.loaders, 0)
        self.loads_by_loader: dict[str, int] = dict.fromkeys(self.loaders, 0)
        self.window = (scenario.warmup_s, scenario.warmup_s + scenario.duration_s)

    # -------------------------------------------------------------- commands for policies

    def send(self, truck: int, destination: str) -> None:
        """Drive a free truck to a loader (empty) or a dump (loaded)."""
        since = self.free_since.pop(truck, None)
        if since is not None:
            self.idle_s += max(0.0, self.now - max(since, self.window[0]))
        origin = self.location[truck]
        base = self.travel.seconds(origin, destination)
        if math.isinf(base):
            raise ValueError(f"no road from {origin} to {destination}")
        leg = self.legs[truck] % self.leg_noise.shape[1]
        self.legs[truck] += 1
        if destination in self.loaders:
            self.enroute[destination] += 1
        self._push(
            self.now + base * float(self.leg_noise[truck, leg]), "arrive", truck, destination
        )

    def loader_ready_s(self, loader: str) -> float:
        """Return when ``loader`` will have served every truck present or driving to it."""
        st = self.loaders[loader]
        start = max(self.now, st.busy_until) if st.busy else self.now
        return start + (len(st.queue) + self.enroute[loader]) * st.mean_s

    # -------------------------------------------------------------- engine

    def _push(self, at: float, kind: str, truck: int, where: str) -> None:
        heapq.heappush(self._events, (at, next(self._seq), kind, truck, where))

    def run(self, policy: Policy) -> HaulResult:
        """Run the scenario under ``policy``."""
        policy.bind(self)
        for truck in range(self.scenario.trucks):
            self.free_since[truck] = 0.0
            policy.truck_free(truck)
        policy.after_event()
        begin = self.scenario.warmup_s
        end = begin + self.scenario.duration_s
        self.window = (begin, end)
        while self._events and self._events[0][0] <= end:
            at, _, kind, truck, where = heapq.heappop(self._events)
            self.now = at
            if kind == "arrive":
                self._arrive(truck, where)
            elif kind == "loaded":
                self._loaded(truck, where, policy)
            else:
                self._dumped(truck, where, policy)
            policy.after_event()
        self.now = end
        for station, waits in ((self.loaders, self.loader_waits), (self.dumps, self.dump_waits)):
            for st in station.values():
                waits.extend(end - arrived for _, arrived in st.queue)
        self.idle_s += sum(end - max(since, begin) for since in self.free_since.values())
        return HaulResult(
            tonnes=self.tonnes,
            tonnes_per_hour=self.tonnes * 3600.0 / self.scenario.duration_s,
            loads=self.loads,
            mean_loader_queue_s=float(np.mean(self.loader_waits)) if self.loader_waits else 0.0,
            mean_dump_queue_s=float(np.mean(self.dump_waits)) if self.dump_waits else 0.0,
            mean_idle_s=self.idle_s / self.scenario.trucks,
            loads_by_loader=dict(self.loads_by_loader),
        )

    def _arrive(self, truck: int, where: str) -> None:
        self.location[truck] = where
        if where in self.loaders:
            self.enroute[where] -= 1
            self._join(self.loaders[where], truck, "loaded")
        else:
            self._join(self.dumps[where], truck, "dumped")

    def _join(self, st: _Station, truck: int, done: str) -> None:
        st.queue.append((truck, self.now))
        if not st.busy:
            self._serve(st, done)

    def _serve(self, st: _Station, done: str) -> None:
        truck, arrived = st.queue.popleft()
        if self.now >= self.window[0]:
            waits = self.loader_waits if done == "loaded" else self.dump_waits
            waits.append(self.now - arrived)
            if done == "loaded":
                self.loads_by_loader[st.poi_id] += 1
        service = float(st.draws[st.served % len(st.draws)])
        st.served += 1
        st.busy = True
        st.busy_until = self.now + service
        self._push(st.busy_until, done, truck, st.poi_id)

    def _release(self, st: _Station, done: str) -> None:
        st.busy = False
        if st.queue:
            self._serve(st, done)

    def _loaded(self, truck: int, loader: str, policy: Policy) -> None:
        self._release(self.loaders[loader], "loaded")
        self.loaded_at[truck] = loader
        self.send(truck, policy.dump_for(truck, loader))

    def _dumped(self, truck: int, dump: str, policy: Policy) -> None:
        self._release(self.dumps[dump], "dumped")
        if self.now >= self.window[0]:
            self.tonnes += self.scenario.payload_t
            self.loads += 1
        policy.dumped(truck)
        self.free_since[truck] = self.now
        policy.truck_free(truck)


class NearestLoaderPolicy:
    """Baseline: a free truck goes to the nearest loader, a loaded one to the nearest dump."""

    def __init__(self) -> None:
        self._sim: HaulSim | None = None

    def bind(self, sim: HaulSim) -> None:
        """Receive the simulation."""
        self._sim = sim

    def _bound(self) -> HaulSim:
        if self._sim is None:
            raise RuntimeError("policy not bound to a simulation")
        return self._sim

    def truck_free(self, truck: int) -> None:
        """Send the truck to the nearest loader."""
        sim = self._bound()
        here = sim.location[truck]
        sim.send(truck, min(sim.loaders, key=lambda ld: (sim.travel.seconds(here, ld), ld)))

    def after_event(self) -> None:
        """Do nothing: no look-ahead."""

    def dump_for(self, truck: int, loader: str) -> str:
        """Return the nearest dump that takes the loader's material."""
        sim = self._bound()
        material = sim.loaders[loader].material
        options = [d for d, st in sim.dumps.items() if st.material == material]
        if not options:
            raise ValueError(f"no dump takes {material} from {loader}")
        return min(options, key=lambda d: (sim.travel.seconds(loader, d), d))

    def dumped(self, truck: int) -> None:
        """Do nothing."""


class DispatcherPolicy:
    """Flow plan plus the dispatcher's optimal assignment (see the module docstring).

    Parameters
    ----------
    max_wait_s
        A truck is not sent to a loader where it would wait longer than this; it stands by.
    needy_weight_s
        Seconds of cost per load a loader is behind (or ahead of) its planned flow.
    max_ahead
        A loader this many loads ahead of its planned flow gets no more trucks for now.
    slots
        Queued haul tasks kept open per planned loader (how far ahead the assignment looks).
    """

    def __init__(
        self,
        *,
        max_wait_s: float = 120.0,
        needy_weight_s: float = 60.0,
        max_ahead: float = 1.0,
        slots: int = 6,
    ) -> None:
        self.max_wait_s = max_wait_s
        self.needy_weight_s = needy_weight_s
        self.max_ahead = max_ahead
        self.slots = slots
        self.events: list[Event] = []
        self._sim: HaulSim | None = None
        self._dispatcher: Dispatcher | None = None
        self._needy: FlowTargetCost | None = None
        self.plan: FlowPlan | None = None
        self._task_of: dict[int, Task] = {}
        self._open: dict[str, list[Task]] = {}
        self._sent: dict[tuple[str, str], int] = {}
        self._ids = itertools.count()

    def bind(self, sim: HaulSim) -> None:
        """Solve the flow plan and set up the dispatcher with the fleet."""
        self._sim = sim
        sc = sim.scenario
        loaders = [LoaderSpec(k, 3600.0 / st.mean_s, st.material) for k, st in sim.loaders.items()]
        dumps = [
            DumpSpec(k, 3600.0 * sc.payload_t / st.mean_s, frozenset({st.material}))
            for k, st in sim.dumps.items()
        ]

        def cycle(loader: str, dump: str) -> float:
            there = sim.travel.seconds(loader, dump) + sim.travel.seconds(dump, loader)
            return sim.loaders[loader].mean_s + there + sim.dumps[dump].mean_s

        self.plan = plan_flows(
            loaders, dumps, payload_t=sc.payload_t, trucks=sc.trucks, cycle_s=cycle
        )
        self._needy = FlowTargetCost(self.plan, start=0.0, weight_s=self.needy_weight_s)
        self._dispatcher = Dispatcher(
            sim.travel,
            clock=lambda: sim.now,
            emit=self.events.append,
            cost_terms=(self._needy, self._slot_cost),
            auto=False,
        )
        for truck in range(sc.trucks):
            self._dispatcher.add_vehicle(f"T{truck:02d}", TRUCK_CLASS, sim.location[truck])
        self._open = {ld: [] for ld, f in self.plan.loader_targets.items() if f > 0}
        self._refill()

    def _parts(self) -> tuple[HaulSim, Dispatcher, FlowTargetCost, FlowPlan]:
        if (
            self._sim is None
            or self._dispatcher is None
            or self._needy is None
            or self.plan is None
        ):
            raise RuntimeError("policy not bound to a simulation")
        return self._sim, self._dispatcher, self._needy, self.plan

    def _refill(self) -> None:
        sim, dispatcher, _, plan = self._parts()
        hours = sim.now / 3600.0
        for loader, open_tasks in self._open.items():
            while len(open_tasks) < self.slots:
                task = Task(
                    f"H{next(self._ids):05d}",
                    HAUL_TASK,
                    loader,
                    plan.dump_for(loader, self._sent, hours),
                    frozenset({TRUCK_CLASS}),
                    created_at=sim.now,
                )
                dispatcher.submit(task)
                open_tasks.append(task)

    def _slot_cost(self, task: Task, vehicle: Vehicle, travel_s: float, now: float) -> float:
        """Return the expected wait at the loader for this slot (``inf`` past the limits)."""
        sim, _, needy, _ = self._parts()
        if needy.behind(task.origin, now) < -self.max_ahead:
            return math.inf
        rank = self._open[task.origin].index(task)
        ready = sim.loader_ready_s(task.origin) + rank * sim.loaders[task.origin].mean_s
        wait = max(0.0, ready - (now + travel_s))
        return math.inf if wait > self.max_wait_s else wait

    def truck_free(self, truck: int) -> None:
        """Tell the dispatcher the truck is free (it re-plans after the event)."""
        sim, dispatcher, _, _ = self._parts()
        task = self._task_of.pop(truck, None)
        if task is not None:
            dispatcher.task_done(task.task_id, who=f"T{truck:02d}", location=sim.location[truck])

    def after_event(self) -> None:
        """Run the assignment and send the trucks it assigned."""
        sim, dispatcher, needy, _ = self._parts()
        made = dispatcher.dispatch()
        for record in made:
            vehicle_id = record.vehicle_id or ""
            truck = int(vehicle_id[1:])
            task = next(t for t in self._open_tasks() if t.vehicle_id == vehicle_id)
            self._open[task.origin].remove(task)
            self._task_of[truck] = task
            needy.record(task.origin)
            key = (task.origin, task.destination)
            self._sent[key] = self._sent.get(key, 0) + 1
            dispatcher.task_started(task.task_id, who=vehicle_id)
            sim.send(truck, task.origin)
        if made:
            self._refill()

    def _open_tasks(self) -> list[Task]:
        return [t for tasks in self._open.values() for t in tasks if t.state is TaskState.ASSIGNED]

    def dump_for(self, truck: int, loader: str) -> str:
        """Return the task's planned dump."""
        return self._task_of[truck].destination

    def dumped(self, truck: int) -> None:
        """Nothing to do: :meth:`truck_free` closes the task."""


def simulate(scenario: HaulScenario, policy: Policy) -> HaulResult:
    """Run one simulated period of ``scenario`` under ``policy``."""
    return HaulSim(scenario).run(policy)
