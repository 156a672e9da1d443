"""The site's dispatch service: the dispatcher wired to the map, the fleet and the edge nodes.

:class:`SiteDispatch` is what :class:`~app.core.service.SiteService` exposes as ``dispatch``
(the :class:`~app.core.dispatch.view.DispatchView` of the console). It

* builds one :class:`~maps.routing.router.Router` per vehicle class and load from the site map
  and the enabled packs' profiles; the empty router of the first class the task types name is
  the dispatcher's :class:`~app.core.dispatch.traveltime.TravelTimes`;
* follows the fleet (telemetry and link state): a vehicle of a class the task types accept, on
  an edge node speaking protocol 1.2, joins dispatch at its nearest point of interest; a safe
  stop or a fault takes it out (``vehicle_fault``), a silent or lost link too
  (``vehicle_offline``), and it comes back when it reports healthy again;
* for the pack's haul type (loading point to dump: mining's haul cycle, a logistics yard move,
  a defense resupply), keeps tasks queued at each loader the flow plan
  (:func:`~app.core.dispatch.flowplan.plan_flows`) uses, each to the dump furthest behind its
  share, and adds the plan's needy-loader cost term;
* for every other task type (an inspection run, a patrol, docking at a door), keeps one task
  queued, or one per free vehicle that can do it (an *errand*, at priority 1: between the
  points of interest its steps name, or from point to point of the site's work places when
  they name none);
* sends every assignment to the vehicle's edge node as a ``task_assign`` with steps (go to the
  loader, load, haul, dump), each drive with its planned route, and a ``task_cancel`` when the
  dispatcher takes a task back (an operator's hold or pin); the edge's governor still decides
  every move;
* turns ``task_progress`` into ``task_started`` / ``task_done`` / ``task_failed`` and into the
  haul KPIs, published as :class:`~app.core.dispatch.events.KpiUpdated` about once a second;
* closes and opens zones (an assist answer, an operator) on every router, adopts the new travel
  times (tasks that became unreachable go back to the queue) and re-routes the vehicles whose
  route crossed the zone.

Everything runs on the service's event loop; :meth:`SiteDispatch.tick` is called periodically.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from app.core.bus import TaskChanged
from app.core.dispatch.assignment import warm_up
from app.core.dispatch.dispatcher import DISPATCHER, Dispatcher, VehicleStatus
from app.core.dispatch.errors import DispatchError
from app.core.dispatch.events import KpiUpdated, RouteAssigned, TaskTransitioned
from app.core.dispatch.flowplan import DumpSpec, FlowTargetCost, LoaderSpec, plan_flows
from app.core.dispatch.kpis import HaulKpis
from app.core.dispatch.tasks import Task, TaskState
from app.core.errors import LinkError
from edge.protocol.messages import (
    Health,
    TaskAssign,
    TaskCancel,
    TaskStepSpec,
    VehicleState,
)
from maps.errors import NoRouteError
from maps.routing.profiles import VEHICLE_PROFILES
from maps.routing.profiles import VehicleProfile as RoutingProfile
from maps.routing.router import Router

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from app.core.bus import AssistReply, Event, EventBus
    from app.core.fleet.state import FleetState, VehicleRecord
    from app.core.identity import OperatorSession
    from edge.protocol.messages import CommandAuth, Envelope
    from edge.protocol.session import Session
    from maps.routing.pareto import ParetoResult
    from maps.routing.router import Route
    from maps.site import Site
    from plugins.contributions import Contributions
    from plugins.records import TaskType

__all__ = ["KPI_PERIOD_S", "SiteDispatch", "TaskLinks"]

log = logging.getLogger(__name__)

KPI_PERIOD_S = 1.0
"""KPIs are published about this often (when :meth:`SiteDispatch.tick` runs at least as often)."""
STALE_S = 5.0
"""A dispatched vehicle silent this long is taken out of dispatch as offline."""
HAUL_SLOTS = 2
"""Haul-cycle tasks kept queued per planned loader (how far ahead the assignment looks)."""
ERRAND_PRIORITY = 1
"""Priority of an errand: a vehicle that can also haul takes a waiting errand when it is free
(the haul slots' needy-loader term would otherwise always win, and the errand never run)."""
SERVICE_KINDS = frozenset({"parking", "workshop", "fuel"})
"""Points of interest where no work is done: errands start and end elsewhere (or there)."""
RATE_RETRIES = 3
RATE_RETRY_S = 2.0
"""A task command refused for rate is sent again this much later, up to ``RATE_RETRIES`` times."""


class TaskLinks(Protocol):
    """How the dispatch service reaches the edge node hosting a vehicle (the site service)."""

    def task_version(self, vehicle_id: str) -> str | None:
        """Return the protocol version of the vehicle's node session, ``None`` if not linked."""
        ...

    def task_auth(self, operator: str | OperatorSession | None) -> tuple[str, CommandAuth | None]:
        """Return who issues a task command and its ``auth`` (``None``: the dispatcher)."""
        ...

    def send_task(
        self, vehicle_id: str, build: Callable[[Session, float], Envelope], *, ref: str
    ) -> Awaitable[AssistReply]:
        """Send a task command to the vehicle's node; resolve with the node's ack."""
        ...


@dataclass(slots=True)
class _Leg:
    """One drive of a task as planned: its step index, target and route."""

    step: int
    target: str
    loaded: bool
    route: Route


@dataclass(slots=True)
class _Sent:
    """A task as sent to its vehicle: its steps, the drives' routes, the step under way."""

    task_id: str
    vehicle_id: str
    steps: list[TaskStepSpec]
    legs: dict[int, _Leg] = field(default_factory=dict)
    step: int = -1
    load_t: float = 0.0
    offset: int = 0
    """Index in ``steps`` of the first step last sent (a re-send carries the remaining steps
    only, and the edge counts the steps it reports from there)."""
    service: int = -1
    """Index in ``steps`` of a docking task's service step at its door (``-1``: none)."""


class SiteDispatch:
    """The dispatcher of one site, wired to its map, fleet and edge nodes.

    Parameters
    ----------
    site
        The loaded site (roads, zones, points of interest).
    packs
        The enabled packs' contributions (task types, profiles, KPIs).
    bus, fleet
        The site service's event bus and fleet state.
    links
        Reaches the edge nodes (the site service).
    clock
        Wall clock, seconds (injectable).
    jit
        Routing kernel choice (``None`` follows ``ATLASMESH_NO_JIT``).
    time_scale
        Simulated seconds per wall-clock second of the fleet's work (a simulated fleet run
        faster than real time, :class:`edge.hal.sim.SimVehicle`; 1 for real vehicles). The
        flow plan's targets and the KPIs are then counted in simulated time (tonnes per
        simulated hour, queue and cycle times in simulated seconds), so they read as a real
        site's would; link, staleness and command timing stay on the wall clock.

    Raises
    ------
    DispatchError
        When the packs declare no task type.
    ValueError
        When ``time_scale`` is below 1 or not finite.
    """

    def __init__(
        self,
        site: Site,
        packs: Contributions,
        *,
        bus: EventBus,
        fleet: FleetState,
        links: TaskLinks,
        clock: Callable[[], float],
        jit: bool | None = None,
        time_scale: float = 1.0,
    ) -> None:
        if not packs.tasks:
            raise DispatchError("no enabled pack declares a task type")
        if not (math.isfinite(time_scale) and time_scale >= 1.0):
            raise ValueError(f"time scale must be a finite number >= 1, not {time_scale!r}")
        self.time_scale = float(time_scale)
        """Simulated seconds per wall-clock second (1: real time); KPIs are in simulated time."""
        self._epoch = clock()
        self.site = site
        self._types: dict[str, TaskType] = dict(packs.tasks)
        self._bus = bus
        self._fleet = fleet
        self._links = links
        self._clock = clock
        self._jit = jit
        self._profiles = _routing_profiles(packs)
        self._classes = sorted({c for t in self._types.values() for c in t.vehicle_classes})
        self._routers: dict[tuple[str, bool], Router] = {}
        self._closed_zones: set[str] = set()
        # Routers and the assignment kernel are built and compiled now, at startup, never on
        # first use on the event loop.
        for vehicle_class in self._classes:
            if vehicle_class in self._profiles or vehicle_class in VEHICLE_PROFILES:
                self.router(vehicle_class, loaded=False)
                self.router(vehicle_class, loaded=True)
        warm_up()
        travel = self.router(self._classes[0], loaded=False)
        self._haul_type = next((t for t in self._types.values() if _is_haul(t)), None)
        self._needy: FlowTargetCost | None = None
        self._dispatcher = Dispatcher(
            travel, clock=clock, emit=self._on_event, cost_terms=(self._needy_cost,)
        )
        self._routes: dict[str, RouteAssigned] = {}
        self._sent: dict[str, _Sent] = {}
        self._open: dict[str, list[Task]] = {}
        self._flow_sent: dict[tuple[str, str], int] = {}
        self._errand_types = [
            t for t in self._types.values() if self._haul_type is None or t.id != self._haul_type.id
        ]
        self._errands: dict[str, list[Task]] = {}
        self._docking = frozenset(t.id for t in self._errand_types if _is_docking(t))
        self._errand_turn = itertools.count()
        self._plan_trucks = 0
        self._ids = itertools.count(1)
        self._prefix = secrets.token_hex(3)
        self._background: set[asyncio.Future[None]] = set()
        self._outbox: list[Callable[[], Awaitable[None]]] = []
        self._cancelled: set[str] = set()
        kpi_ids = {k: d.aggregation for k, d in packs.kpis.items()}
        self._kpis = HaulKpis(self._sim(self._epoch), kpi_ids)
        self._kpi_ids = frozenset(kpi_ids)
        self._kpi_values: dict[str, float] = {}
        self._kpi_at = -math.inf
        self.plan_error: str | None = None
        """Why the flow plan could not be made (no haul tasks are generated then)."""
        bus.subscribe(TaskChanged, self._on_task_changed)

    # ------------------------------------------------------------------ DispatchView

    @property
    def dispatcher(self) -> Dispatcher:
        """Return the dispatcher (its ``tasks`` and ``vehicles`` are the task board's)."""
        return self._dispatcher

    def route_of(self, vehicle_id: str) -> RouteAssigned | None:
        """Return the route the vehicle is driving now, or ``None``."""
        return self._routes.get(vehicle_id)

    def kpis(self) -> Mapping[str, float]:
        """Return the latest KPI values by id (those of the last :class:`KpiUpdated`)."""
        return dict(self._kpi_values)

    def route_choices(self, vehicle_id: str, destination: str) -> ParetoResult:
        """Return non-dominated routes (time, energy, risk) from the vehicle to a POI."""
        router, origin = self._router_at(vehicle_id)
        return router.pareto_result(origin, destination)

    def routes(self, vehicle_id: str, destination: str, *, max_routes: int = 8) -> list[Route]:
        """Return the Pareto routes from the vehicle to a POI as :class:`Route` s, fastest first.

        The same search as :meth:`route_choices`, spread to at most ``max_routes``: what
        :meth:`choose_route` takes.
        """
        router, origin = self._router_at(vehicle_id)
        return router.pareto(origin, destination, max_routes=max_routes)

    async def choose_route(
        self, vehicle_id: str, route: Route, *, operator: str | OperatorSession
    ) -> None:
        """Send the vehicle on ``route`` (an operator's choice; recorded with their name).

        A vehicle on a task whose current drive ends where ``route`` ends drives ``route``
        for that leg. A vehicle without a task is held out of dispatch by the operator and
        sent along ``route`` to the point of interest it ends at (release it to dispatch it
        again).

        Raises
        ------
        DispatchError
            Unknown vehicle, a route to another place than the current leg's, a route that
            ends at no point of interest, or the edge node refused it (with its reason).
        """
        name, auth = self._links.task_auth(operator)
        vehicle = self._dispatcher.vehicle(vehicle_id)
        end = route.nodes[-1]
        sent = self._sent.get(vehicle.task_id or "")
        if sent is not None:
            leg = sent.legs.get(sent.step) or sent.legs.get(sent.step + 1)
            if leg is None or self.site.poi(leg.target).node != end:
                raise DispatchError(
                    f"{vehicle_id} is on task {sent.task_id}; a chosen route must end where "
                    "its current leg ends"
                )
            steps = list(sent.steps[leg.step :])
            steps[0] = steps[0].model_copy(update=_route_fields(route))
            leg.route = route
            await self._send_assign(sent, steps, first=leg.step, who=name, auth=auth, chosen=True)
            return
        poi = next((p for p in self.site.pois if p.node == end), None)
        if poi is None:
            raise DispatchError("a chosen route must end at a point of interest")
        if vehicle.status is not VehicleStatus.HELD:
            self._dispatcher.hold(vehicle_id, operator=name, reason=f"manual route to {poi.id}")
        task_id = self._new_id("manual")
        step = TaskStepSpec(name="drive", action="drive", poi=poi.id, **_route_fields(route))
        manual = _Sent(task_id, vehicle_id, [step])
        manual.legs[0] = _Leg(0, poi.id, False, route)
        await self._send_assign(manual, [step], first=0, who=name, auth=auth, chosen=True)

    # ------------------------------------------------------------------ routing and closures

    def router(self, vehicle_class: str, *, loaded: bool) -> Router:
        """Return the router of a vehicle class and load (built on first use, closures applied)."""
        key = (vehicle_class, loaded)
        router = self._routers.get(key)
        if router is None:
            profile = self._profiles.get(vehicle_class) or VEHICLE_PROFILES.get(vehicle_class)
            if profile is None:
                raise DispatchError(f"no routing profile for vehicle class {vehicle_class!r}")
            router = Router(self.site, profile, loaded=loaded, jit=self._jit)
            for zone in sorted(self._closed_zones):
                router.close_zone(zone)
            self._routers[key] = router
        return router

    @property
    def closed_zones(self) -> frozenset[str]:
        """Zones closed at run time (assist answers, operators)."""
        return frozenset(self._closed_zones)

    def close_zone(self, zone_id: str, *, who: str) -> None:
        """Close a zone to dispatch: no route through it; tasks re-routed or re-queued.

        Raises
        ------
        UnknownFeatureError
            When the site has no such zone.
        """
        self.site.zone(zone_id)
        if zone_id in self._closed_zones:
            return
        self._closed_zones.add(zone_id)
        for router in self._routers.values():
            router.close_zone(zone_id)
        self._after_closure(who, f"zone {zone_id} closed by {who}")

    def open_zone(self, zone_id: str, *, who: str) -> None:
        """Lift a run-time zone closure (no-op when it was not closed)."""
        if zone_id not in self._closed_zones:
            return
        self._closed_zones.discard(zone_id)
        for router in self._routers.values():
            router.open_zone(zone_id)
        self._after_closure(who, f"zone {zone_id} opened by {who}")

    def _after_closure(self, who: str, why: str) -> None:
        travel = self.router(self._classes[0], loaded=False)
        self._dispatcher.set_travel_times(travel, who=who, why=why)
        for sent in list(self._sent.values()):
            task = self._dispatcher.tasks.get(sent.task_id)
            if task is None or task.final or task.vehicle_id != sent.vehicle_id:
                continue
            self._replan(sent, why)

    def _replan(self, sent: _Sent, why: str) -> None:
        """Re-plan the drives of a task still to come; re-send it if a route changed."""
        first = max(sent.step, 0)
        changed = False
        steps = list(sent.steps)
        vehicle = self._dispatcher.vehicles[sent.vehicle_id]
        for k, leg in list(sent.legs.items()):
            if k < first:
                continue
            router = self.router(vehicle.vehicle_class, loaded=leg.loaded)
            allowed = router.allowed_edges
            if all(allowed[e] for e in leg.route.edges):
                continue
            origin = self._here(sent.vehicle_id) if k == first else steps[k - 1].poi
            try:
                route = router.route(origin, leg.target)
            except NoRouteError as exc:
                self._dispatcher.task_failed(
                    sent.task_id,
                    who=DISPATCHER,
                    why=f"no route after closure ({why}): {exc}",
                    location=self._location_of(sent.vehicle_id),
                )
                return
            leg.route = route
            steps[k] = steps[k].model_copy(update=_route_fields(route))
            changed = True
        if not changed:
            return
        sent.steps = steps
        # A vehicle loading or dumping keeps doing so; the new plan starts after that step.
        resume = first if first in sent.legs or sent.step < 0 else first + 1
        name, auth = self._links.task_auth(None)
        self._spawn(
            lambda: self._send_assign(sent, steps[resume:], first=resume, who=name, auth=auth)
        )

    # ------------------------------------------------------------------ periodic work

    def tick(self) -> None:
        """Follow the fleet, keep haul tasks queued, dispatch, and publish the KPIs when due."""
        now = self._clock()
        self._sync_fleet(now)
        self._refill(now)
        self._refill_errands(now)
        self._dispatcher.dispatch()
        self._flush_outbox()
        if now - self._kpi_at >= KPI_PERIOD_S:
            self._kpi_at = now
            kpis = self._kpis.values(self._sim(now))
            values = {k: v for k, v in kpis.items() if k in self._kpi_ids}
            if values:
                self._kpi_values = values
                self._bus.publish(KpiUpdated(now, values))

    async def close(self) -> None:
        """Wait for commands in flight (bounded) and stop."""
        pending = list(self._background)
        if pending:
            await asyncio.wait(pending, timeout=2.0)

    def _stale_task(self, vehicle_id: str) -> str | None:
        """Return a task the vehicle reports working on that is no longer its own, if any."""
        record = self._fleet.get(vehicle_id)
        if record is None or record.sample is None or record.sample.task_id is None:
            return None
        reported = record.sample.task_id
        held = self._dispatcher.vehicles.get(vehicle_id)
        mine = held.task_id if held is not None else None
        sent = self._sent.get(reported)
        if reported == mine or (sent is not None and sent.vehicle_id == vehicle_id):
            return None
        return reported

    def _sync_fleet(self, now: float) -> None:
        dispatcher = self._dispatcher
        classes = set(self._classes)
        reported: set[str] = set()
        for record in self._fleet.records():
            if record.vehicle_class not in classes:
                continue
            if record.sample is not None and record.sample.task_id is not None:
                reported.add(record.sample.task_id)
            known = dispatcher.vehicles.get(record.vehicle_id)
            version = self._links.task_version(record.vehicle_id)
            sample = record.sample
            fresh = (
                sample is not None
                and record.received_at is not None
                and now - record.received_at < STALE_S
                and version is not None
            )
            if known is None:
                if fresh and version is not None and _minor(version) >= 2:
                    location = self._location_of(record.vehicle_id)
                    dispatcher.add_vehicle(record.vehicle_id, record.vehicle_class, location)
                    if _down(record) is not None:
                        dispatcher.vehicle_fault(record.vehicle_id, reason=_down(record) or "")
                continue
            if not fresh:
                if known.status is not VehicleStatus.OFFLINE:
                    why = "link lost" if version is None else f"no telemetry for {STALE_S:g} s"
                    self._abandon_kpis(known.vehicle_id)
                    dispatcher.vehicle_offline(known.vehicle_id, reason=why)
                continue
            down = _down(record)
            if down is not None:
                if known.status not in (VehicleStatus.FAULT, VehicleStatus.OFFLINE):
                    self._abandon_kpis(known.vehicle_id)
                    dispatcher.vehicle_fault(known.vehicle_id, reason=down)
            elif known.status in (VehicleStatus.FAULT, VehicleStatus.OFFLINE):
                dispatcher.vehicle_recovered(
                    known.vehicle_id, location=self._location_of(known.vehicle_id)
                )
            if known.status in (VehicleStatus.AVAILABLE, VehicleStatus.HELD):
                stale = self._stale_task(known.vehicle_id)
                if stale is not None and stale not in self._cancelled:
                    self._cancelled.add(stale)
                    self._queue(
                        self._cancel_job(_Sent(stale, known.vehicle_id, []), "re-dispatched")
                    )
        # A stale task no vehicle reports any more needs no cancel: forget it (the set would
        # otherwise grow by one id per re-dispatch for the whole shift).
        self._cancelled &= reported

    # ------------------------------------------------------------------ haul cycles

    def _refill(self, now: float) -> None:
        """Keep :data:`HAUL_SLOTS` haul-cycle tasks queued at each loader the flow plan uses."""
        haul = self._haul_type
        if haul is None:
            return
        trucks = sum(
            1
            for v in self._dispatcher.vehicles.values()
            if v.vehicle_class in haul.vehicle_classes
            and v.status in (VehicleStatus.AVAILABLE, VehicleStatus.BUSY)
        )
        if trucks == 0:
            return
        sim_now = self._sim(now)
        if self._needy is None or trucks != self._plan_trucks:
            self._make_plan(haul, trucks, sim_now)
        needy = self._needy
        if needy is None:
            return
        hours = max(0.0, sim_now - needy.start) / 3600.0
        for loader in needy.plan.loader_targets:
            if needy.plan.loader_targets[loader] <= 0:
                continue
            slots = [t for t in self._open.setdefault(loader, []) if t.state is TaskState.QUEUED]
            self._open[loader] = slots
            while len(slots) < HAUL_SLOTS:
                dump = needy.plan.dump_for(loader, self._flow_sent, hours)
                task = Task.of_type(
                    haul, self._new_id("haul"), origin=loader, destination=dump, created_at=now
                )
                slots.append(task)
                self._dispatcher.submit(task)

    def _refill_errands(self, now: float) -> None:
        """Keep queued tasks of each other task type: one, or one per free vehicle that can do it.

        One waits even while every such vehicle is busy: a vehicle that also hauls is given
        its next task the moment it frees, so it would never be seen free here.
        """
        vehicles = self._dispatcher.vehicles.values()
        for task_type in self._errand_types:
            classes = set(task_type.vehicle_classes)
            able = [
                v
                for v in vehicles
                if v.vehicle_class in classes
                and v.status in (VehicleStatus.AVAILABLE, VehicleStatus.BUSY)
            ]
            free = sum(1 for v in able if v.status is VehicleStatus.AVAILABLE)
            want = max(free, 1) if able else 0
            open_ = [t for t in self._errands.get(task_type.id, []) if t.state is TaskState.QUEUED]
            self._errands[task_type.id] = open_
            while len(open_) < want:
                places = self._errand_places(task_type)
                if places is None:
                    break  # the site has no point of interest of the kinds the steps name
                origin, destination = places
                kind = task_type.id.rsplit(".", 1)[-1]
                task = Task.of_type(
                    task_type,
                    self._new_id(kind),
                    origin=origin,
                    destination=destination,
                    priority=ERRAND_PRIORITY,
                    created_at=now,
                )
                open_.append(task)
                self._dispatcher.submit(task)

    def _errand_places(self, task_type: TaskType) -> tuple[str, str] | None:
        """Return where the next errand of ``task_type`` starts and ends (in turn), or ``None``.

        Two or more steps naming a kind of place: from one of the first kind to one of the
        last (a dock door, then the park). One: from one of the site's work places (not a
        park, workshop or fuel bay) to one of that kind (an inspection run ends parked).
        None: from one work place to the next (a patrol).
        """
        kinds = [s.poi_kind for s in task_type.steps if s.poi_kind]
        work = [p.id for p in self.site.pois if p.kind not in SERVICE_KINDS]
        if len(kinds) >= 2:
            starts = [p.id for p in self.site.pois if p.kind == kinds[0]]
            ends = [p.id for p in self.site.pois if p.kind == kinds[-1]]
        elif kinds:
            starts, ends = work, [p.id for p in self.site.pois if p.kind == kinds[0]]
        else:
            starts = ends = work
        if not starts or not ends:
            return None
        turn = next(self._errand_turn)
        origin = starts[turn % len(starts)]
        destination = ends[(turn + (starts is ends)) % len(ends)]
        return origin, destination

    def _make_plan(self, haul: TaskType, trucks: int, now: float) -> None:
        vehicle_class = haul.vehicle_classes[0]
        profile = self._profiles.get(vehicle_class) or VEHICLE_PROFILES.get(vehicle_class)
        payload = profile.payload_t if profile is not None else 0.0
        loaders = []
        for poi in self.site.pois_of_kind("loading"):
            rate = poi.properties.get("target_trucks_per_hour")
            if isinstance(rate, int | float) and rate > 0:
                loaders.append(
                    LoaderSpec(poi.id, float(rate), str(poi.properties.get("material", "ore")))
                )
        dumps = []
        for poi in (*self.site.pois_of_kind("dump"), *self.site.pois_of_kind("crusher")):
            cap = poi.properties.get("capacity_tph")
            material = (
                "ore" if poi.kind == "crusher" else str(poi.properties.get("material", "waste"))
            )
            if isinstance(cap, int | float) and cap > 0:
                dumps.append(DumpSpec(poi.id, float(cap), frozenset({material})))
        empty = self.router(vehicle_class, loaded=False)
        full = self.router(vehicle_class, loaded=True)
        by_loader = {ld.poi_id: ld for ld in loaders}

        def cycle(loader: str, dump: str) -> float:
            service = 3600.0 / by_loader[loader].loads_per_hour
            return service + full.seconds(loader, dump) + empty.seconds(dump, loader)

        try:
            plan = plan_flows(loaders, dumps, payload_t=payload, trucks=trucks, cycle_s=cycle)
        except (DispatchError, ValueError) as exc:
            self.plan_error = str(exc)
            log.warning("dispatch: no flow plan for %s: %s", self.site.site_id, exc)
            return
        self.plan_error = None
        start = self._needy.start if self._needy is not None else now
        sent = self._needy.sent if self._needy is not None else {}
        self._needy = FlowTargetCost(plan, start=start, weight_s=60.0, sent=sent)
        self._plan_trucks = trucks
        log.info(
            "dispatch: flow plan for %d trucks: %.0f t/h planned over %d loader(s)",
            trucks,
            plan.tonnes_per_hour,
            sum(1 for f in plan.loader_targets.values() if f > 0),
        )

    def _payload(self, vehicle_class: str) -> float:
        """Return a vehicle class's payload, tonnes (0 when it carries none or is unknown)."""
        profile = self._profiles.get(vehicle_class) or VEHICLE_PROFILES.get(vehicle_class)
        return profile.payload_t if profile is not None else 0.0

    def _needy_cost(self, task: Task, vehicle: Any, travel_s: float, now: float) -> float:
        needy = self._needy
        if needy is None or task.type_id != (self._haul_type.id if self._haul_type else None):
            return 0.0
        return needy(task, vehicle, travel_s, self._sim(now))

    # ------------------------------------------------------------------ dispatcher events

    def _on_event(self, event: Event) -> None:
        """Publish the dispatcher's event, then act on it (send, cancel, clear the route)."""
        self._bus.publish(event)
        if not isinstance(event, TaskTransitioned):
            return
        if event.new == TaskState.ASSIGNED.value and event.vehicle_id is not None:
            task = self._dispatcher.tasks[event.task_id]
            self._queue(lambda: self._send_new(task, event.vehicle_id or ""))
        elif (
            event.old in ("assigned", "running")
            and event.new in ("queued", "failed", "done")
            and event.vehicle_id is not None
        ):
            sent = self._sent.pop(event.task_id, None)
            self._clear_route(event.vehicle_id, event.task_id)
            if event.new == TaskState.DONE.value or sent is None:
                return
            vehicle = self._dispatcher.vehicles.get(event.vehicle_id)
            self._abandon_kpis(event.vehicle_id)
            if event.who == event.vehicle_id or vehicle is None:
                return  # the vehicle itself ended it (failed, faulted, went offline)
            if vehicle.status in (VehicleStatus.FAULT, VehicleStatus.OFFLINE):
                return
            why = event.why
            self._queue(lambda: self._send_cancel(sent, why))

    def _queue(self, job: Callable[[], Awaitable[None]]) -> None:
        self._outbox.append(job)
        with contextlib.suppress(RuntimeError):  # no loop yet: the next tick sends it
            asyncio.get_running_loop().call_soon(self._flush_outbox)

    def _flush_outbox(self) -> None:
        jobs, self._outbox = self._outbox, []
        for job in jobs:
            self._spawn(job)

    def _spawn(self, job: Callable[[], Awaitable[None]]) -> None:
        try:
            future = asyncio.ensure_future(job())
        except RuntimeError:
            self._outbox.append(job)
            return
        self._background.add(future)
        future.add_done_callback(self._background.discard)

    # ------------------------------------------------------------------ to the edge

    async def _send_new(self, task: Task, vehicle_id: str) -> None:
        """Plan the task's steps and routes for its vehicle and send them."""
        if task.vehicle_id != vehicle_id or task.final:
            return  # taken back before it went out
        vehicle = self._dispatcher.vehicles[vehicle_id]
        try:
            sent = self._plan_task(task, vehicle.vehicle_class, vehicle.location)
        except (NoRouteError, DispatchError, ValueError) as exc:
            self._dispatcher.task_failed(
                task.task_id, who=DISPATCHER, why=f"not planned: {exc}", location=vehicle.location
            )
            return
        self._sent[task.task_id] = sent
        stale = self._stale_task(vehicle_id)
        if stale is not None:
            # The vehicle still works on a task taken from it (it was offline): stop it first.
            await self._send_cancel(_Sent(stale, vehicle_id, []), "re-dispatched")
        if self._haul_type is not None and task.type_id == self._haul_type.id:
            if self._needy is not None:
                self._needy.record(task.origin)
            key = (task.origin, task.destination)
            self._flow_sent[key] = self._flow_sent.get(key, 0) + 1
        name, auth = self._links.task_auth(None)
        await self._send_assign(sent, sent.steps, first=0, who=name, auth=auth)

    def _plan_task(self, task: Task, vehicle_class: str, location: str) -> _Sent:
        """Return the steps of ``task`` from ``location``, each drive with its route."""
        sent = _Sent(task.task_id, task.vehicle_id or "", [])
        haul = self._haul_type is not None and task.type_id == self._haul_type.id
        plan: list[tuple[str, str, str, bool]]  # name, action, poi, loaded
        if haul:
            plan = [
                ("to_loader", "drive", task.origin, False),
                ("load", "load", task.origin, False),
                ("haul", "drive", task.destination, True),
                ("dump", "dump", task.destination, True),
            ]
        else:
            plan = [("to_origin", "drive", task.origin, False)]
            if task.type_id in self._docking and self._payload(vehicle_class) > 0:
                # Docking: served at the door (the trailer loaded or unloaded, after any wait
                # for the door), then the pull-out; the dock turn time is measured from it.
                sent.service = len(plan)
                plan.append(("service", "load", task.origin, False))
            if task.destination != task.origin:
                plan.append(("to_destination", "drive", task.destination, False))
        at = location
        for k, (name, action, poi, loaded) in enumerate(plan):
            if action != "drive":
                sent.steps.append(TaskStepSpec(name=name, action=action, poi=poi, loaded=loaded))  # type: ignore[arg-type]
                continue
            route = self.router(vehicle_class, loaded=loaded).route(at, poi)
            sent.legs[k] = _Leg(k, poi, loaded, route)
            sent.steps.append(
                TaskStepSpec(
                    name=name, action="drive", poi=poi, loaded=loaded, **_route_fields(route)
                )
            )
            at = poi
        return sent

    async def _send_assign(
        self,
        sent: _Sent,
        steps: list[TaskStepSpec],
        *,
        first: int,
        who: str,
        auth: CommandAuth | None,
        chosen: bool = False,
    ) -> None:
        """Send ``steps`` (from step ``first`` of the task) to the vehicle; act on the answer."""
        task = self._dispatcher.tasks.get(sent.task_id)
        type_id = task.type_id if task is not None else "manual.route"
        destination = steps[-1].poi if steps else None
        sent.offset = first
        leg = sent.legs.get(first)
        if leg is not None:
            self._publish_route(sent.vehicle_id, sent.task_id, leg, who if chosen else DISPATCHER)

        def build(session: Session, now: float) -> Envelope:
            return session.make(
                TaskAssign,
                now,
                task_id=sent.task_id,
                vehicle_id=sent.vehicle_id,
                task_type=type_id,
                destination=destination,
                steps=steps,
                operator=who,
                auth=auth,
            )

        def still_wanted() -> bool:
            current = self._dispatcher.tasks.get(sent.task_id)
            return current is None or (not current.final and current.vehicle_id == sent.vehicle_id)

        try:
            reply = await self._send_task(sent, build, still_wanted)
        except LinkError as exc:
            if chosen:
                self._refused(sent, f"not delivered: {exc}", chosen)
            else:
                self._undelivered(sent, f"not delivered: {exc}")
            return
        if not reply.accepted:
            self._refused(sent, f"refused by {sent.vehicle_id}: {reply.reason}", chosen)
        elif task is None:
            self._sent[sent.task_id] = sent  # a manual route: follow its progress too

    async def _send_task(
        self,
        sent: _Sent,
        build: Callable[[Session, float], Envelope],
        still_wanted: Callable[[], bool],
    ) -> AssistReply:
        """Send a task command; send it again while refused for rate and still wanted.

        A refusal for rate says the node's command budget is spent (by the operators: the
        dispatcher keeps to its share, see ``app.core.links.pacing``), nothing about the task;
        failing the task would free the truck for another command refused the same way.
        """
        for _ in range(RATE_RETRIES):
            reply = await self._links.send_task(sent.vehicle_id, build, ref=sent.task_id)
            if reply.accepted or not reply.reason.startswith("rate_limited"):
                return reply
            if not still_wanted():
                return reply
            log.info("dispatch: %s refused for rate; again in %g s", sent.task_id, RATE_RETRY_S)
            await asyncio.sleep(RATE_RETRY_S)
        return await self._links.send_task(sent.vehicle_id, build, ref=sent.task_id)

    def _undelivered(self, sent: _Sent, why: str) -> None:
        """Put the task back in the queue and the truck offline: the link failed the command.

        Nothing says the vehicle refused the work, so failing the task would be wrong; and a
        truck whose link just failed would only be handed another command that fails the
        same way.  It returns to dispatch when its telemetry is fresh again (``_sync``).
        """
        log.warning("dispatch: task %s for %s: %s", sent.task_id, sent.vehicle_id, why)
        task = self._dispatcher.tasks.get(sent.task_id)
        vehicle = self._dispatcher.vehicles.get(sent.vehicle_id)
        if (
            task is None
            or task.final
            or task.vehicle_id != sent.vehicle_id
            or vehicle is None
            or vehicle.status in (VehicleStatus.FAULT, VehicleStatus.OFFLINE)
        ):
            return  # taken from the vehicle meanwhile (its link loss was seen first)
        self._abandon_kpis(sent.vehicle_id)
        self._dispatcher.vehicle_offline(sent.vehicle_id, reason=why)

    def _refused(self, sent: _Sent, why: str, chosen: bool) -> None:
        log.warning("dispatch: task %s for %s: %s", sent.task_id, sent.vehicle_id, why)
        task = self._dispatcher.tasks.get(sent.task_id)
        if chosen:
            self._clear_route(sent.vehicle_id, sent.task_id)
            raise DispatchError(why)
        if task is not None and not task.final and task.vehicle_id == sent.vehicle_id:
            self._dispatcher.task_failed(
                sent.task_id,
                who=DISPATCHER,
                why=why,
                location=self._location_of(sent.vehicle_id),
            )

    def _cancel_job(self, sent: _Sent, why: str) -> Callable[[], Awaitable[None]]:
        return lambda: self._send_cancel(sent, why)

    async def _send_cancel(self, sent: _Sent, why: str) -> None:
        name, auth = self._links.task_auth(None)

        def build(session: Session, now: float) -> Envelope:
            return session.make(
                TaskCancel,
                now,
                task_id=sent.task_id,
                vehicle_id=sent.vehicle_id,
                reason=why[:256],
                operator=name,
                auth=auth,
            )

        try:
            reply = await self._send_task(sent, build, lambda: True)
        except LinkError as exc:
            log.warning("dispatch: cancel of %s not delivered: %s", sent.task_id, exc)
            return
        if not reply.accepted:
            log.info("dispatch: cancel of %s: %s", sent.task_id, reply.reason)

    # ------------------------------------------------------------------ from the edge

    def _on_task_changed(self, event: TaskChanged) -> None:
        sent = self._sent.get(event.task_id)
        if sent is None or sent.vehicle_id != event.vehicle_id:
            if sent is None and event.task_id not in self._dispatcher.tasks:
                log.info(
                    "dispatch: %s %s of task %s ignored: not kept (finished long ago, or not "
                    "this dispatcher's)",
                    event.vehicle_id,
                    event.status,
                    event.task_id,
                )
            return  # not ours, or a task since taken from that vehicle
        task = self._dispatcher.tasks.get(event.task_id)
        status, at = event.status, event.at
        if status in ("accepted", "running"):
            if task is not None and task.state is TaskState.ASSIGNED:
                self._dispatcher.task_started(task.task_id, who=event.vehicle_id)
            if event.step is not None:
                self._step_began(sent, event, at)
            return
        self._sent.pop(event.task_id, None)
        self._clear_route(event.vehicle_id, event.task_id)
        if task is None:
            return  # a manual route ended; the vehicle stays held until released
        if status == "done":
            if sent.load_t > 0 and event.load_t == 0:
                self._kpis.dumped(sent.load_t, self._sim(at))
            if self._haul_type is not None and task.type_id == self._haul_type.id:
                self._kpis.completed(self._sim(at))
            self._dispatcher.task_done(
                task.task_id, who=event.vehicle_id, location=task.destination
            )
            return
        self._abandon_kpis(event.vehicle_id)
        record = self._fleet.get(event.vehicle_id)
        down = _down(record) if record is not None else None
        if event.vehicle_state in (VehicleState.SAFE_STOP.value, VehicleState.FAULT.value):
            down = f"{event.vehicle_state.lower().replace('_', ' ')}: {event.detail}"
        if down is not None or event.detail.startswith("link offline"):
            # The vehicle stopped or lost its link: the task is not lost, it is re-dispatched.
            if down is not None:
                self._dispatcher.vehicle_fault(event.vehicle_id, reason=down)
            else:
                self._dispatcher.vehicle_offline(event.vehicle_id, reason=event.detail)
            return
        self._dispatcher.task_failed(
            task.task_id,
            who=event.vehicle_id,
            why=f"{status}: {event.detail}" if event.detail else status,
            location=self._location_of(event.vehicle_id),
        )

    def _step_began(self, sent: _Sent, event: TaskChanged, at: float) -> None:
        assert event.step is not None
        step = event.step + sent.offset
        sent.step = step
        if sent.service >= 0:
            if step == sent.service:
                self._kpis.dock_arrived(event.vehicle_id, self._sim(at))
            elif step > sent.service:
                self._kpis.dock_left(event.vehicle_id, self._sim(at))
        elif event.step_name == "queue":
            self._kpis.queue_started(event.vehicle_id, self._sim(at))
            return
        leg = sent.legs.get(step)
        if 0 <= step < len(sent.steps) and sent.service < 0:
            action = sent.steps[step].action
            if action == "load":
                self._kpis.load_started(event.vehicle_id, self._sim(at))
            elif action == "dump":
                sent.load_t = event.load_t
                self._kpis.march_ended(event.vehicle_id, self._sim(at))
            elif leg is not None and leg.loaded:
                self._kpis.march_started(event.vehicle_id, leg.route.length_m, self._sim(at))
        current = self._routes.get(event.vehicle_id)
        if leg is not None and (current is None or current.polyline != _polyline(leg.route)):
            self._publish_route(event.vehicle_id, sent.task_id, leg, DISPATCHER)

    # ------------------------------------------------------------------ helpers

    def _publish_route(self, vehicle_id: str, task_id: str, leg: _Leg, chosen_by: str) -> None:
        route = leg.route
        event = RouteAssigned(
            self._clock(),
            vehicle_id,
            task_id,
            _polyline(route),
            route.time_s,
            route.energy_kj,
            route.risk,
            chosen_by,
        )
        self._routes[vehicle_id] = event
        self._bus.publish(event)

    def _clear_route(self, vehicle_id: str, task_id: str) -> None:
        current = self._routes.get(vehicle_id)
        if current is None or current.task_id != task_id:
            return
        del self._routes[vehicle_id]
        self._bus.publish(
            RouteAssigned(self._clock(), vehicle_id, task_id, (), 0.0, 0.0, 0.0, DISPATCHER)
        )

    def _sim(self, at: float) -> float:
        """Return the simulated time of wall-clock ``at`` (the same when not scaled)."""
        return self._epoch + (at - self._epoch) * self.time_scale

    def _abandon_kpis(self, vehicle_id: str) -> None:
        self._kpis.abandoned(vehicle_id)

    def _new_id(self, kind: str) -> str:
        return f"{kind}-{self._prefix}-{next(self._ids):06d}"

    def _location_of(self, vehicle_id: str) -> str:
        """Return the point of interest nearest the vehicle's last reported position."""
        record = self._fleet.get(vehicle_id)
        known = self._dispatcher.vehicles.get(vehicle_id)
        if record is None or record.sample is None:
            if known is not None:
                return known.location
            raise DispatchError(f"{vehicle_id} has not reported a position")
        x, y = record.sample.x, record.sample.y
        return min(self.site.pois, key=lambda p: _dist2(self.site, p.node, x, y)).id

    def _here(self, vehicle_id: str) -> int:
        """Return the road-graph node nearest the vehicle's last reported position."""
        record = self._fleet.get(vehicle_id)
        if record is None or record.sample is None:
            return self.site.poi(self._dispatcher.vehicle(vehicle_id).location).node
        return self.site.graph.nearest_node(record.sample.x, record.sample.y)

    def _router_at(self, vehicle_id: str) -> tuple[Router, int]:
        record = self._fleet.get(vehicle_id)
        if record is None:
            raise DispatchError(f"unknown vehicle {vehicle_id!r}")
        loaded = record.sample is not None and record.sample.load_t > 0
        return self.router(record.vehicle_class, loaded=loaded), self._here(vehicle_id)


def _is_haul(task_type: TaskType) -> bool:
    """Whether a task type is a haul cycle: it loads at a loading point and dumps."""
    kinds = {s.poi_kind for s in task_type.steps}
    return "loading" in kinds and "dump" in kinds


def _is_docking(task_type: TaskType) -> bool:
    """Whether a task type is docking: it starts at a loading point and ends elsewhere, no dump.

    Its vehicle is served at that point (a door) before it leaves: a ``load`` step between the
    two drives, timed as the dock turn.
    """
    kinds = [s.poi_kind for s in task_type.steps if s.poi_kind]
    return (
        len(kinds) >= 2
        and kinds[0] == "loading"
        and kinds[-1] != "loading"
        and not {"dump", "crusher"} & set(kinds)
    )


def _down(record: VehicleRecord) -> str | None:
    """Return why a vehicle cannot be dispatched from its telemetry, or ``None``."""
    sample = record.sample
    if sample is None:
        return None
    if sample.state is VehicleState.SAFE_STOP:
        return "safe stop"
    if sample.state is VehicleState.FAULT or sample.health is Health.FAULT:
        return "fault: " + (", ".join(sample.faults) or "vehicle reports a fault")
    return None


def _minor(version: str) -> int:
    major, _, minor = version.partition(".")
    return int(minor) if major == "1" and minor.isdigit() else 0


def _polyline(route: Route) -> tuple[tuple[float, float], ...]:
    return tuple((float(x), float(y)) for x, y in route.polyline)


def _route_fields(route: Route) -> dict[str, Any]:
    return {"nodes": list(route.nodes), "polyline": list(_polyline(route))}


def _dist2(site: Site, node: int, x: float, y: float) -> float:
    nx, ny = site.graph.node_xy[node]
    return float((nx - x) ** 2 + (ny - y) ** 2)


def _routing_profiles(packs: Contributions) -> dict[str, RoutingProfile]:
    """Routing profiles of the packs' vehicle classes (empty and loaded variants combined)."""
    out: dict[str, RoutingProfile] = {}
    by_class: dict[str, dict[bool | None, Any]] = {}
    for record in packs.profiles.values():
        by_class.setdefault(record.vehicle_class, {})[record.loaded] = record
    for vehicle_class, variants in by_class.items():
        empty = variants.get(False) or variants.get(None)
        if empty is None:
            continue
        full = variants.get(True) or empty
        builtin = VEHICLE_PROFILES.get(vehicle_class)
        kin, kin_full = empty.kinematics, full.kinematics
        out[vehicle_class] = RoutingProfile(
            vehicle_class,
            kin.max_speed_mps,
            min(1.0, kin_full.max_speed_mps / kin.max_speed_mps),
            builtin.ramp_speed_factor if builtin is not None else 0.6,
            empty_mass_t=kin.empty_mass_t,
            payload_t=kin.payload_t,
        )
    return out
