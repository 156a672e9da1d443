"""Simulated vehicles driving the site's road graph with plausible kinematics.

A :class:`SimWorld` holds what all simulated vehicles of a site share (the road graph, a route
cache, the points of interest); each :class:`SimVehicle` is a :class:`VehicleAdapter` that
drives routes between points of interest, loads at loading points, dumps at dump points and
the crusher, and reports telemetry.  A dispatched task with steps (protocol 1.2) is executed
step by step: drive the planned route, queue at the loader while it serves another truck, load,
haul, dump; each step is reported.  Randomness comes from a per-vehicle seeded generator,
so a run is reproducible for a given seed and step sequence.
"""

from __future__ import annotations

import bisect
import math
import random
import time
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from edge.governor.context import NO_INTERSECTION_M, Proposal
from edge.hal.base import (
    FallbackResult,
    Guidance,
    Setpoint,
    SetpointGate,
    TaskUpdate,
    VehicleAdapter,
    Verdict,
)
from edge.hal.kinematics import CLASSES, KinematicClass
from edge.hal.sim_world import INTERSECTION_REACH_M
from edge.protocol.messages import (
    Health,
    LinkState,
    Outcome,
    TaskAssign,
    TaskStepSpec,
    TelemetrySample,
    VehicleMode,
    VehicleState,
)
from maps.errors import NoRouteError
from maps.network import anchor_node

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from edge.hal.sim_world import EdgeGeometry, SimWorld
    from maps.site import PointOfInterest

STEEP_GRADE = 0.05
"""Grades (fraction) above which loaded trucks climb at the ramp speed factor."""
CHECK_EVERY_S = 2.0
"""While driving or escalated, the vehicle asks the governor again this often (a perception
dip or a link change is caught within this time, even mid-segment)."""
RETRY_AFTER_BLOCK_S = 30.0
"""After a blocked mission the autopilot waits this long before choosing another."""
OUTBOX_MAX = 8
"""Proposals waiting for the node; beyond this the oldest periodic check is dropped."""
WAYPOINT_SNAP_M = 30.0
"""A reroute waypoint must lie within this distance of a road node."""
GATE_M = 50.0
"""A vehicle asks the governor to cross an intersection this far before it (the proposal
carries the intersection, the road taken after it and who else approaches it); until the
answer permits, it keeps a speed from which it can stop before the intersection."""
STOP_SHORT_M = 5.0
"""Where a vehicle told not to cross holds: this far before the intersection's node."""
YIELD_MAX_S = 90.0
"""A vehicle still refused the crossing after this long gives up the mission."""
HAULS_FROM_T = 10.0
"""Classes with at least this payload cycle between loading and dump points."""
MAX_TIME_SCALE = 100.0
"""The fastest a simulated vehicle's motion and handling may run ahead of the wall clock."""


class _Phase(Enum):
    IDLE = "idle"
    PROPOSED = "proposed"
    """A mission is planned; waiting for the governor's permission to start."""
    DRIVING = "driving"
    ESCALATED = "escalated"
    """Holding while a human is asked; the fallback applies at the deadline."""
    DWELL = "dwell"
    QUEUED = "queued"
    """Waiting at a loading point while it serves another truck (a task's ``load`` step)."""


@dataclass(slots=True)
class _Mission:
    destination: PointOfInterest
    route: tuple[int, ...]
    remaining_after: tuple[float, ...]
    """For each route index, the length of the route after that edge."""
    task_id: str | None = None
    grants: frozenset[str] = frozenset()
    index: int = 0
    along: float = 0.0
    junctions: tuple[int, ...] = ()
    """Route indices of the edges that end at an intersection the route goes through."""
    junction: int = 0
    """Index into ``junctions`` of the next one ahead."""
    cleared: int = -1
    """The route index whose intersection the governor let the vehicle cross."""


@dataclass(slots=True)
class _TaskPlan:
    """A dispatched task's steps and the one the vehicle is on."""

    task_id: str
    steps: tuple[TaskStepSpec, ...]
    index: int = -1


@dataclass(slots=True)
class _Sensors:
    confidence: float = 0.97
    dip_until: float = 0.0
    faults: list[str] = field(default_factory=list)


class SimVehicle(VehicleAdapter):
    """A simulated vehicle of a kinematic class, driving between points of interest.

    Parameters
    ----------
    world
        The shared site world.
    vehicle_id
        Unique id on the site.
    vehicle_class
        A name from :data:`edge.hal.kinematics.CLASSES`.
    seed
        Seed of the vehicle's random generator.
    start
        Point of interest to start at; a seeded random parking or loading point otherwise.
    kinematics
        The class's limits when it is not a built-in one (a pack's profile, converted by
        :func:`plugins.simfleet.sim_class`).
    monotonic
        The vehicle controller's own monotonic clock: a drive setpoint older than
        :data:`~edge.hal.base.SETPOINT_MAX_AGE_S` on it is never actuated (F2).
    time_scale
        Simulated seconds per wall-clock second of the vehicle's *work*: the distance it
        drives in a tick and the time it takes to load and dump (a demo sees haul cycles
        complete in a minute instead of a quarter of an hour). Reported speeds stay physical,
        and everything the control room answers in (governor checks, assist deadlines and
        leases, watchdogs, braking to a stop) runs on the wall clock. 1 is real time.

    Raises
    ------
    ValueError
        When ``time_scale`` is not between 1 and :data:`MAX_TIME_SCALE`.
    """

    def __init__(
        self,
        world: SimWorld,
        vehicle_id: str,
        vehicle_class: str,
        *,
        seed: int,
        start: PointOfInterest | None = None,
        kinematics: KinematicClass | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        time_scale: float = 1.0,
    ) -> None:
        if not 1.0 <= time_scale <= MAX_TIME_SCALE:  # also refuses NaN
            raise ValueError(
                f"time scale must be between 1 and {MAX_TIME_SCALE:g}, not {time_scale!r}"
            )
        self.time_scale = float(time_scale)
        self.vehicle_id = vehicle_id
        self.vehicle_class = vehicle_class
        self.profile = f"sim.{vehicle_class}"
        self.kin: KinematicClass = kinematics or CLASSES[vehicle_class]
        self._world = world
        self._rng = random.Random(seed)
        start = start or self._rng.choice(world.pois_of("parking", "loading", "dump"))
        self._at: PointOfInterest = start
        self._x, self._y = world.node_xy(start.node)
        self._heading = self._rng.uniform(0.0, 359.0)
        self._speed = 0.0
        self._phase = _Phase.IDLE
        self._dwell_until = 0.0
        self._dwell_state = VehicleState.IDLE
        self._mission: _Mission | None = None
        self._load_t = 0.0
        self._energy = self._rng.uniform(0.55, 1.0)
        self._sensors = _Sensors()
        self._latched = False
        self._braking = False
        self._awaiting_task = False
        self._link = LinkState.OFFLINE
        self._was_connected = False
        self._updates: list[TaskUpdate] = []
        self._task: _TaskPlan | None = None
        self._idle_since = 0.0
        self._now = 0.0
        # Governance: what the vehicle asked, what it was told.
        self._outbox: list[Proposal] = []
        self._pending: Proposal | None = None
        self._check_in_flight = False
        self._last_check = 0.0
        self._cap = math.inf
        self._escalation: Verdict | None = None
        self._own_fallback: str | None = None
        """How the vehicle applied its own fallback at the last deadline, if it did."""
        self._must_resume = False
        self._released = False
        self._retry_at = 0.0
        self._start_action = "start_task"
        # Tele-assist answers in force: waived escalating rules and granted zones, each
        # until a wall-clock time, and the answer's lease with its loss behaviour.
        self._waivers: dict[str, tuple[float, _Mission | None]] = {}
        self._zone_grants: dict[str, float] = {}
        self._lease: tuple[float, str] | None = None
        # Crossing the intersection ahead: the proposal asked, since when it is refused.
        self._gate: tuple[Proposal, int] | None = None
        self._gate_retry_at = 0.0
        self._refused_since: float | None = None
        # Fail-safes: drive setpoints older than 0.5 s are not actuated (F2); the node's
        # watchdog thread posts stops here while the node's loop is stalled (F3).
        self._mono = monotonic
        self._setpoints = SetpointGate()
        self._failsafe: list[str] = []
        self._fault: str | None = None
        """Why a fail-safe stopped the vehicle (reported until the governor lets it go)."""

    # ------------------------------------------------------------------ adapter interface

    def step(self, now: float, dt: float) -> None:
        """Advance the simulation by ``dt`` seconds."""
        self._update_sensors(now, dt)
        mono = self._mono()
        if self._failsafe:
            reason = self._failsafe[-1]
            self._failsafe.clear()
            self._fail_stop(reason)
        elif self._phase is _Phase.DRIVING and not (self._latched or self._braking):
            stale = self._setpoints.stale(mono)
            if stale is not None:
                # The controller braked when its last setpoint expired; it never drove on it.
                self._fail_stop(stale)
        if self._lease is not None and now >= self._lease[0]:
            self._lease_lost(now)
        if self._latched or self._braking:
            self._brake(dt)
            return
        if self._phase is _Phase.DWELL:
            if now >= self._dwell_until:
                self._finish_dwell()
            return
        if self._phase is _Phase.QUEUED:
            self._speed = 0.0
            self._try_load()
            return
        if self._phase is _Phase.ESCALATED:
            self._hold_escalated(now, dt)
            return
        if self._phase is _Phase.PROPOSED:
            self._speed = max(0.0, self._speed - self.kin.decel_mps2 * dt)
            return
        if self._phase is _Phase.DRIVING and self._mission is not None:
            self._drive(self._mission, now, dt * self.time_scale)
            self._setpoints.command(Setpoint(self._speed, self._heading, mono))
            if self._phase is _Phase.DRIVING and now - self._last_check >= CHECK_EVERY_S:
                self._check(now)
            return
        self._speed = 0.0
        if (
            not self._awaiting_task
            and self._link is not LinkState.OFFLINE
            and now >= self._retry_at
        ):
            if self._idle_since == 0.0:
                self._idle_since = now
            elif now - self._idle_since >= self._rng.uniform(1.0, 5.0):
                self._plan(self._next_destination(), task_id=None)

    def pop_proposals(self) -> list[Proposal]:
        """Return and forget the proposals made since the last call."""
        out, self._outbox = self._outbox, []
        return out

    def apply_verdict(self, proposal: Proposal, verdict: Verdict) -> None:
        """Act on the governor's answer to one of this vehicle's proposals."""
        if verdict.outcome is Outcome.TERMINATE:
            self.emergency_stop(f"governor: {verdict.reason}")
            return
        if verdict.outcome is Outcome.ESCALATE and self._waived(verdict.reason):
            # An operator answered this escalation (confirm / override) and the answer is
            # still in force: go on within the governor's other limits.
            verdict = Verdict(Outcome.RESTRICT, verdict.reason, verdict.speed_cap_mps)
        if self._gate is not None and proposal is self._gate[0]:
            self._gate_answer(self._gate[1], verdict)
            return
        if proposal.action in ("start_task", "resume") or proposal is self._pending:
            if proposal is not self._pending or self._phase not in (
                _Phase.PROPOSED,
                _Phase.ESCALATED,
            ):
                return  # superseded (e.g. an e-stop came first)
            self._pending = None
            if verdict.permits:
                self._cap = verdict.speed_cap_mps or math.inf
                self._released = False
                self._escalation = None
                self._drive_again()
            elif verdict.outcome is Outcome.ESCALATE:
                self._escalate(verdict)
            else:
                self._abandon(f"blocked: {verdict.reason}")
            return
        self._check_in_flight = False
        if verdict.permits:
            self._cap = verdict.speed_cap_mps or math.inf
            if self._phase is _Phase.ESCALATED:
                self._escalation = None  # the condition cleared before anyone had to answer
                self._drive_again()
        elif verdict.outcome is Outcome.ESCALATE:
            if self._phase is _Phase.DRIVING:
                self._escalate(verdict)
        elif self._phase in (_Phase.DRIVING, _Phase.ESCALATED):
            self._abandon(f"blocked: {verdict.reason}")
            self._braking = True

    def sample(self, now: float) -> TelemetrySample:
        """Return the current state (validated: cheaper than pydantic's model_construct)."""
        self._world.report(self.vehicle_id, self._x, self._y)
        node = None
        mission = self._mission
        if mission is not None and self._phase in (_Phase.DRIVING, _Phase.ESCALATED):
            ahead = self._junction_ahead(mission)
            if ahead is not None and ahead[1] <= INTERSECTION_REACH_M:
                node = self._world.geometry(mission.route[ahead[0]]).end
        self._world.approach(self.vehicle_id, node, self.kin.right_of_way, self._x, self._y)
        sensors = self._sensors
        return TelemetrySample(
            vehicle_id=self.vehicle_id,
            t=now,
            x=self._x,
            y=self._y,
            heading_deg=self._heading,
            speed_mps=self._speed,
            mode=VehicleMode.AUTONOMOUS,
            state=self._state(),
            energy=self._energy,
            health=Health.WARNING if sensors.faults or self._fault else Health.OK,
            faults=[*sensors.faults, self._fault] if self._fault else list(sensors.faults),
            perception_confidence=sensors.confidence,
            link_quality=_LINK_QUALITY[self._link],
            load_t=self._load_t,
            task_id=self._task.task_id
            if self._task is not None
            else self._mission.task_id
            if self._mission
            else None,
            task_step=self._task.index
            if self._task is not None and self._task.index >= 0
            else None,
            task_progress=self._task_progress() if self._task is not None else None,
        )

    def emergency_stop(self, reason: str) -> None:
        """Latch a safe stop; any task in progress fails."""
        self._latched = True
        self._braking = True
        self._pending = None
        self._escalation = None
        if self._mission is not None and self._mission.task_id is not None:
            self._updates.append(TaskUpdate(self._mission.task_id, "failed", 0.0, reason))
            self._mission.task_id = None
            self._task = None
        self._drop_task(reason)
        if self._phase in (_Phase.DWELL, _Phase.QUEUED):
            self._phase = _Phase.IDLE

    def fail_safe(self, reason: str) -> None:
        """Post a controlled stop (thread-safe: the node's watchdog calls it from its thread).

        The vehicle applies it at its next step: the mission is abandoned, the vehicle brakes
        where it is and reports ``reason``; it moves again only on a new governor decision.
        """
        self._failsafe.append(reason)  # list.append is atomic; step() takes it on the loop

    def apply_guidance(self, guidance: Guidance) -> str | None:
        """Apply an operator's answer; the governor re-checks whatever the vehicle does next."""
        if self._latched:
            return "vehicle is in a latched safe stop; only a resume releases it"
        kind, who = guidance.kind, f"{guidance.operator} ({guidance.request_id})"
        if kind == "safe_stop":
            self.emergency_stop(f"safe stop by {who}")
            return None
        if kind in ("deny", "hold"):
            if self._phase in (_Phase.PROPOSED, _Phase.ESCALATED, _Phase.DRIVING):
                self._abandon(f"{'denied' if kind == 'deny' else 'held'} by {who}")
            self._escalation = None
            self._awaiting_task = True  # still until an explicit new task
            return None
        mission = self._mission
        if self._phase is not _Phase.ESCALATED or mission is None:
            return "vehicle is not waiting for an answer"
        if kind == "reroute":
            refusal = self._reroute(mission, guidance.waypoints)
            if refusal is not None:
                return refusal
        until = guidance.until if guidance.until is not None else math.inf
        for rule in guidance.waive_rules:
            self._waivers[rule] = (until, None)
        if kind == "confirm" and self._escalation is not None:
            # A confirmation answers this escalation for this mission (or its lease) only.
            self._waivers[self._escalation.reason] = (until, self._mission)
        for zone in guidance.grant_zones:
            self._zone_grants[zone] = until
        if guidance.until is not None:
            self._lease = (guidance.until, guidance.loss_behaviour)
        # The vehicle keeps the veto: ask the governor again before moving.
        self._escalation = None
        self._phase = _Phase.PROPOSED
        started = mission.index > 0 or mission.along > 0.0
        self._pending = self._propose("proceed" if started else "start_task", self._x, self._y)
        return None

    def apply_fallback(self, fallback: str, reason: str) -> FallbackResult:
        """Apply an unanswered request's fallback; say what was done (nothing twice)."""
        if self._latched:
            return FallbackResult(
                "already_stopped", self._own_fallback or "the vehicle is in a latched safe stop"
            )
        if self._phase is not _Phase.ESCALATED:
            if self._own_fallback is not None and self._awaiting_task:
                return FallbackResult("already_stopped", self._own_fallback)
            return FallbackResult(
                "not_applicable",
                f"the vehicle is {self._phase.value}, not waiting for an answer",
            )
        self._escalation = None
        if fallback == "safe_stop":
            self.emergency_stop(reason)
        else:
            self._abandon(reason)
            self._awaiting_task = True
        return FallbackResult("applied")

    def inject_perception_dip(self, now: float, seconds: float) -> bool:
        """Scripted fault (scenarios, benchmarks): perception drops below 0.85 for ``seconds``.

        The vehicle asks the governor at once if it can: a driving vehicle checks where it
        is, an idle one starts its next mission.  Returns whether it asked (a vehicle
        dwelling, waiting, latched or already escalated asks at its next proposal).
        """
        sensors = self._sensors
        sensors.dip_until = now + seconds
        sensors.confidence = min(sensors.confidence, 0.8)
        if self._latched or self._braking or self._link is LinkState.OFFLINE:
            return False
        if self._phase is _Phase.DRIVING:
            self._check_in_flight = False
            self._check(now)
            return True
        if self._phase is _Phase.IDLE and not self._awaiting_task:
            self._plan(self._next_destination(), task_id=None)
            return self._pending is not None
        return False

    def release(self) -> None:
        """Clear the latch; the vehicle waits, still, for a new task."""
        if self._latched:
            self._released = True
            self._must_resume = True
            self._latched = False
            self._awaiting_task = True

    def assign(self, task: TaskAssign) -> str | None:
        """Drive to ``task.destination`` (1.0), or carry out ``task.steps`` (1.2)."""
        if task.steps:
            return self._assign_steps(task)
        if self._latched:
            return "vehicle is in a latched safe stop; release it first"
        if self._braking:
            return "vehicle is still coming to a stop; assign again when it holds"
        if self._phase in (_Phase.PROPOSED, _Phase.ESCALATED):
            return "vehicle is waiting for a governor decision on its current mission"
        destination = self._world.poi(task.destination or "")
        if destination is None:
            return f"unknown destination {task.destination!r}"
        if self._awaiting_task:
            # A task after an outage or a release is the explicit go-ahead the rules ask for.
            self._released = True
        self._awaiting_task = False
        self._fault = None
        self._updates.append(TaskUpdate(task.task_id, "accepted"))
        self._plan(destination, task_id=task.task_id)
        return None

    def cancel_task(self, task_id: str, reason: str) -> str | None:
        """Stop working on ``task_id``: brake where the vehicle is and hold for a new task."""
        plan = self._task
        if plan is None or plan.task_id != task_id:
            return f"{self.vehicle_id} is not on task {task_id}"
        why = f"cancelled: {reason}" if reason else "cancelled"
        if self._phase in (_Phase.PROPOSED, _Phase.ESCALATED, _Phase.DRIVING):
            self._abandon(why)
        else:
            self._drop_task(why)
            if self._phase in (_Phase.DWELL, _Phase.QUEUED):
                self._phase = _Phase.IDLE
        self._awaiting_task = True
        return None

    def set_link_state(self, state: LinkState) -> None:
        """Apply conservative limits while the link is degraded or offline.

        Losing a link that was up is an outage: the vehicle finishes its current route at the
        conservative speed, then holds, and does not start another mission by itself when the
        link returns (no automatic resume after a comms outage); a new task restarts it.
        """
        if state is LinkState.OFFLINE and self._link is not LinkState.OFFLINE:
            self._awaiting_task = self._awaiting_task or self._was_connected
            self._must_resume = self._must_resume or self._was_connected
        if state is not LinkState.OFFLINE:
            self._was_connected = True
        self._link = state

    def pop_task_updates(self) -> list[TaskUpdate]:
        """Return and forget the task updates since the last call."""
        updates, self._updates = self._updates, []
        return updates

    # ------------------------------------------------------------------ behaviour

    def _state(self) -> VehicleState:
        if self._latched or self._fault is not None:
            return VehicleState.SAFE_STOP
        if self._phase is _Phase.DWELL:
            return self._dwell_state
        if self._phase is _Phase.QUEUED:
            return VehicleState.HOLDING
        if self._phase is _Phase.ESCALATED:
            return VehicleState.ASSIST_NEEDED
        if self._phase is _Phase.DRIVING:
            if self._speed > 0.1:
                return VehicleState.MOVING
            return VehicleState.HOLDING
        if self._phase is _Phase.PROPOSED:
            return VehicleState.HOLDING
        return VehicleState.HOLDING if self._awaiting_task else VehicleState.IDLE

    # ------------------------------------------------------------------ dispatched tasks

    def _assign_steps(self, task: TaskAssign) -> str | None:
        """Take a task with steps (1.2), or a new plan for the task the vehicle is on."""
        same = self._task is not None and self._task.task_id == task.task_id
        if self._latched:
            return "vehicle is in a latched safe stop; release it first"
        if self._braking:
            return "vehicle is still coming to a stop; assign again when it holds"
        if self._task is not None and not same:
            return f"vehicle is on task {self._task.task_id}; cancel it first"
        errand = self._phase is _Phase.PROPOSED and (
            self._mission is not None and self._mission.task_id is None
        )
        if self._phase in (_Phase.PROPOSED, _Phase.ESCALATED) and not errand:
            return "vehicle is waiting for a governor decision on its current mission"
        for k, step in enumerate(task.steps):
            refusal = self._check_step(k, step)
            if refusal is not None:
                return refusal
        if errand:
            # Its own errand waits for the governor: the dispatched task supersedes it (the
            # verdict, when it comes, finds the proposal no longer pending).
            self._pending = None
            self._mission = None
            self._phase = _Phase.IDLE
        if self._awaiting_task:
            self._released = True  # the explicit go-ahead after an outage or a release
        self._awaiting_task = False
        plan = _TaskPlan(task.task_id, tuple(task.steps))
        self._task = plan
        if same and self._phase in (_Phase.DWELL, _Phase.QUEUED):
            return None  # the new steps follow the load or dump under way
        self._updates.append(TaskUpdate(task.task_id, "accepted", load_t=self._load_t))
        if same and self._phase is _Phase.DRIVING and self._mission is not None:
            self._mission.task_id = None  # superseded by the new plan: no failure reported
            self._reroute_from_here(plan)
            return None
        self._start_step(0)
        return None

    def _check_step(self, k: int, step: TaskStepSpec) -> str | None:
        """Return why a step cannot be done by this vehicle on this site, or ``None``."""
        poi = self._world.poi(step.poi)
        if poi is None:
            return f"step {k} ({step.name}): unknown point of interest {step.poi!r}"
        if step.action == "drive" and step.nodes:
            if step.nodes[-1] != poi.node:
                return f"step {k} ({step.name}): the route does not end at {step.poi}"
            edges = self._world.edges_along(step.nodes)
            if isinstance(edges, str):
                return f"step {k} ({step.name}): {edges}"
        if step.action == "load" and (poi.kind != "loading" or self.kin.payload_t <= 0):
            return f"step {k} ({step.name}): {self.vehicle_id} cannot load at {poi.kind} {poi.id}"
        if step.action == "dump" and poi.kind not in ("dump", "crusher"):
            return f"step {k} ({step.name}): {poi.id} is a {poi.kind}, not a dump"
        return None

    def _start_step(self, k: int) -> None:
        """Begin step ``k`` of the task (or finish the task after its last step)."""
        plan = self._task
        if plan is None:
            return
        plan.index = k
        if k >= len(plan.steps):
            self._task = None
            self._awaiting_task = True  # the dispatcher sends the next task
            self._updates.append(TaskUpdate(plan.task_id, "done", 1.0, load_t=self._load_t))
            return
        step = plan.steps[k]
        poi = self._world.poi(step.poi)
        assert poi is not None  # checked at assignment
        progress = k / len(plan.steps)
        if step.action == "drive":
            if self._link is LinkState.OFFLINE:
                # No new leg without the control room (no automatic resume after an outage).
                self._drop_task("link offline: holding until the dispatcher sends a task")
                self._awaiting_task = True
                return
            route = self._route_for(step)
            if isinstance(route, str):
                self._drop_task(f"step {k} ({step.name}): {route}")
                self._awaiting_task = True
                return
            self._updates.append(
                TaskUpdate(plan.task_id, "running", progress, "", k, step.name, self._load_t)
            )
            self._plan_route(poi, route, plan.task_id)
            return
        if self._at.id != poi.id:
            self._drop_task(f"step {k} ({step.name}): {self.vehicle_id} is not at {poi.id}")
            self._awaiting_task = True
            return
        if step.action == "load":
            if self._world.join_queue(poi.id, self.vehicle_id):
                self._begin_load(plan, step)
            else:
                self._phase = _Phase.QUEUED
                self._updates.append(
                    TaskUpdate(plan.task_id, "running", progress, "", k, "queue", self._load_t)
                )
            return
        self._updates.append(
            TaskUpdate(plan.task_id, "running", progress, "", k, step.name, self._load_t)
        )
        self._dwell(VehicleState.DUMPING, step.dwell_s or self.kin.dump_time_s)

    def _try_load(self) -> None:
        plan = self._task
        if plan is None or not 0 <= plan.index < len(plan.steps):
            self._phase = _Phase.IDLE
            return
        step = plan.steps[plan.index]
        if self._world.may_load(step.poi, self.vehicle_id):
            self._begin_load(plan, step)

    def _begin_load(self, plan: _TaskPlan, step: TaskStepSpec) -> None:
        progress = plan.index / len(plan.steps)
        self._updates.append(
            TaskUpdate(plan.task_id, "running", progress, "", plan.index, step.name, self._load_t)
        )
        self._dwell(VehicleState.LOADING, step.dwell_s or self.kin.load_time_s)

    def _route_for(self, step: TaskStepSpec) -> tuple[int, ...] | str:
        """Return the edges of a drive step: from where the vehicle is onto the planned route."""
        poi = self._world.poi(step.poi)
        assert poi is not None
        start = step.nodes[0] if step.nodes else poi.node
        try:
            head = self._world.route(self._at.node, start) if self._at.node != start else ()
        except NoRouteError as exc:
            return str(exc)
        if not step.nodes:
            return head
        rest = self._world.edges_along(step.nodes)
        return rest if isinstance(rest, str) else head + rest

    def _reroute_from_here(self, plan: _TaskPlan) -> None:
        """Follow a new plan's first drive from the end of the road segment being driven."""
        mission = self._mission
        assert mission is not None
        step = plan.steps[0]
        poi = self._world.poi(step.poi)
        assert poi is not None
        plan.index = 0
        current = mission.route[mission.index]
        here = self._world.site.graph.edges[current].v
        tail: tuple[int, ...] | str
        if step.nodes and here in step.nodes:
            tail = self._world.edges_along(step.nodes[step.nodes.index(here) :])
        else:
            try:
                head = self._world.route(here, step.nodes[0] if step.nodes else poi.node)
            except NoRouteError as exc:
                head = ()
                tail = str(exc)
            else:
                more = self._world.edges_along(step.nodes) if step.nodes else ()
                tail = more if isinstance(more, str) else head + more
        if isinstance(tail, str):
            self._abandon(f"re-route refused: {tail}")
            return
        route = (current, *tail)
        grants = mission.grants | self._world.route_grants(route)
        self._mission = _new_mission(self._world, poi, route, plan.task_id, grants)
        self._mission.along = mission.along
        self._gate = None
        self._updates.append(
            TaskUpdate(plan.task_id, "running", 0.0, "re-routed", 0, step.name, self._load_t)
        )

    def _drop_task(self, reason: str) -> None:
        """Fail the task in hand (not driving: queued, loading, dumping or between steps)."""
        plan, self._task = self._task, None
        if plan is None:
            return
        self._world.leave_queue(self._at.id, self.vehicle_id)
        self._updates.append(TaskUpdate(plan.task_id, "failed", 0.0, reason, load_t=self._load_t))

    def _task_progress(self) -> float:
        plan = self._task
        if plan is None or not plan.steps:
            return 0.0
        k = max(0, min(plan.index, len(plan.steps)))
        share = 0.0
        mission = self._mission
        if mission is not None and mission.task_id == plan.task_id and mission.route:
            total = (
                sum(self._world.geometry(e).length for e in mission.route[:1])
                + (mission.remaining_after[0])
            )
            left = (
                self._world.geometry(mission.route[mission.index]).length
                - mission.along
                + mission.remaining_after[mission.index]
                if mission.index < len(mission.route)
                else 0.0
            )
            share = 0.0 if total <= 0 else max(0.0, min(1.0, 1.0 - left / total))
        return min(1.0, (k + share) / len(plan.steps))

    def _next_destination(self) -> PointOfInterest:
        world, kind = self._world, self.vehicle_class
        if kind == "water_truck":
            options = world.pois_of("loading", "dump", "crusher", "parking")
        elif self.kin.payload_t >= HAULS_FROM_T:  # haul trucks, yard tractors, AGVs, ...
            options = world.pois_of("dump", "crusher") if self._load_t > 0 else []
            options = options or world.pois_of("loading")
        else:
            options = world.pois_of("workshop", "fuel", "parking", "loading", "crusher")
        choices = [p for p in options if p.id != self._at.id] or options
        return self._rng.choice(choices)

    def _plan(self, destination: PointOfInterest, task_id: str | None) -> None:
        try:
            route = self._world.route(self._at.node, destination.node)
        except NoRouteError as exc:
            if task_id is not None:
                self._updates.append(TaskUpdate(task_id, "failed", 0.0, str(exc)))
            self._retry_at = self._now + RETRY_AFTER_BLOCK_S
            self._idle_since = 0.0
            return
        self._plan_route(destination, route, task_id)

    def _plan_route(
        self, destination: PointOfInterest, route: tuple[int, ...], task_id: str | None
    ) -> None:
        grants = self._world.route_grants(route) | self._world.grants_for(
            self._at.id, destination.id
        )
        self._mission = _new_mission(self._world, destination, route, task_id, grants)
        self._idle_since = 0.0
        if not route:
            self._arrive(self._mission)
            return
        if task_id is not None and self._task is None:
            self._updates.append(TaskUpdate(task_id, "running"))
        # Nothing moves before the governor says so: ask to start (or to resume after a stop).
        self._phase = _Phase.PROPOSED
        action = "resume" if self._must_resume else "start_task"
        self._start_action = action
        self._must_resume = False
        self._pending = self._propose(action, self._x, self._y)

    def _propose(
        self, action: str, x: float, y: float, *, junction: tuple[int, float] | None = None
    ) -> Proposal:
        """Queue a proposal; ``junction`` (route index, distance) when asking to cross it."""
        world, mission = self._world, self._mission
        grants = mission.grants if mission is not None else world.grants_for(self._at.id)
        if self._zone_grants:
            grants = grants | {z for z, until in self._zone_grants.items() if self._now < until}
        grade, road, next_road = 0.0, "none", "none"
        intersection, cross, cross_left = NO_INTERSECTION_M, 0, 0
        if mission is not None and mission.route:
            geom = world.geometry(mission.route[min(mission.index, len(mission.route) - 1)])
            grade, road = geom.grade * 100.0, geom.road_kind
            if junction is not None:
                k, distance = junction
                intersection = min(max(0.0, distance), NO_INTERSECTION_M)
                next_road = world.geometry(mission.route[k + 1]).road_kind
                node = world.geometry(mission.route[k]).end
                cross, cross_left = world.crossing(self.vehicle_id, node, self._x, self._y)
        proposal = Proposal(
            vehicle_id=self.vehicle_id,
            vehicle_class=self.vehicle_class,
            profile=self.profile,
            action=action,
            x=x,
            y=y,
            speed_mps=self._speed,
            requested_speed_mps=self.kin.max_speed_mps,
            load_t=self._load_t,
            perception_confidence=self._sensors.confidence,
            link_state=self._link,
            weather=self._world.weather,
            hour=_hour_of(self._now),
            estop_latched=self._latched,
            released=self._released,
            now=self._now,
            granted_zones=grants,
            gap_m=world.gap_ahead(self.vehicle_id, self._x, self._y, self._heading),
            grade_pct=grade,
            road_kind=road,
            next_road_kind=next_road,
            intersection_m=intersection,
            row_rank=float(self.kin.right_of_way),
            cross_rank=float(cross),
            cross_left_rank=float(cross_left),
            misfire_elapsed_s=world.misfires.elapsed(x, y, self._now),
        )
        if len(self._outbox) >= OUTBOX_MAX:
            self._outbox.pop(0)
        self._outbox.append(proposal)
        return proposal

    def _check(self, now: float, *, ahead: bool = False) -> None:
        """Ask the governor whether to carry on (here, or at the end of the current segment)."""
        self._last_check = now
        if self._check_in_flight and not ahead:
            return
        x, y = self._x, self._y
        mission = self._mission
        if ahead and mission is not None and mission.index < len(mission.route):
            geom = self._world.geometry(mission.route[mission.index])
            x, y = geom.xs[-1], geom.ys[-1]
        self._check_in_flight = True
        self._propose("proceed", x, y)

    def _escalate(self, verdict: Verdict) -> None:
        self._phase = _Phase.ESCALATED
        if self._escalation is None:
            self._escalation = verdict  # the first deadline stands; re-checks do not extend it
            self._own_fallback = None

    def _hold_escalated(self, now: float, dt: float) -> None:
        self._speed = max(0.0, self._speed - self.kin.decel_mps2 * dt)
        escalation = self._escalation
        deadline = None if escalation is None else escalation.deadline
        if escalation is not None and deadline is not None and now >= deadline:
            # Nobody answered in time: "not granted" (VDA 5050 6.9); apply the fallback.
            self._escalation = None
            if escalation.fallback == "safe_stop":
                self.emergency_stop(f"no answer by the deadline ({escalation.reason})")
                self._own_fallback = "the vehicle applied its own safe stop at the deadline"
            else:
                self._abandon(f"no answer by the deadline ({escalation.reason})")
                self._awaiting_task = True
                self._own_fallback = "the vehicle held at the deadline and waits for a task"
            return
        if now - self._last_check >= CHECK_EVERY_S:
            mission = self._mission
            if mission is not None and mission.index == 0 and mission.along == 0.0:
                # Not started yet: ask again to *start* (a "proceed" check would not test
                # the rules that escalated the start).
                self._last_check = now
                if self._pending is None:
                    self._pending = self._propose(self._start_action, self._x, self._y)
            else:
                self._check(now)

    def _drive_again(self) -> None:
        """Enter the driving phase on a governor's permission, with a fresh setpoint stream."""
        self._phase = _Phase.DRIVING
        self._fault = None
        self._setpoints.clear()

    def _fail_stop(self, reason: str) -> None:
        """Brake to a controlled stop for a fail-safe (stale setpoint, stalled governor).

        Only a driving vehicle has something to stop: one waiting for the governor or for an
        operator already holds, and one loading, dumping, queuing or idle is still; their
        work goes on (they report nothing).
        """
        self._setpoints.clear()
        if self._phase is _Phase.DRIVING:
            self._fault = reason
            self._abandon(reason)

    def answered(self, rule: str) -> bool:
        """Return whether a confirmation or override in force waives ``rule`` (see base)."""
        return self._waived(rule)

    def _waived(self, rule: str) -> bool:
        waiver = self._waivers.get(rule)
        if waiver is None:
            return False
        until, mission = waiver
        return self._now < until and (mission is None or mission is self._mission)

    def _lease_lost(self, now: float) -> None:
        """Drop an expired answer's scope and apply its loss behaviour."""
        _, behaviour = self._lease or (now, "stop")
        self._lease = None
        self._waivers = {r: w for r, w in self._waivers.items() if w[0] > now}
        self._zone_grants = {z: u for z, u in self._zone_grants.items() if u > now}
        if behaviour == "continue" or self._latched:
            return
        if self._phase in (_Phase.PROPOSED, _Phase.DRIVING, _Phase.ESCALATED):
            self._abandon("assist answer lease expired")
        if behaviour == "evacuate":
            parking = self._world.pois_of("parking")
            if parking:
                self._braking = False
                self._plan(min(parking, key=self._distance_to), task_id=None)
                return
        self._awaiting_task = True

    def _distance_to(self, poi: PointOfInterest) -> float:
        x, y = self._world.node_xy(poi.node)
        return math.hypot(x - self._x, y - self._y)

    def _reroute(self, mission: _Mission, waypoints: tuple[tuple[float, float], ...]) -> str | None:
        """Replace the mission's route by one through ``waypoints``; the reason if impossible."""
        if not waypoints:
            return "a reroute needs at least one waypoint"
        graph = self._world.site.graph
        nodes = []
        for wx, wy in waypoints:
            node, distance = anchor_node(graph, (wx, wy))
            if distance > WAYPOINT_SNAP_M:
                return f"waypoint ({wx:.0f}, {wy:.0f}) is {distance:.0f} m from the nearest road"
            nodes.append(node)
        started = mission.index > 0 or mission.along > 0.0
        head: tuple[int, ...] = (mission.route[mission.index],) if started else ()
        at = graph.edges[head[0]].v if head else self._at.node
        route = list(head)
        try:
            for node in [*nodes, mission.destination.node]:
                route.extend(self._world.route(at, node))
                at = node
        except NoRouteError as exc:
            return f"no road through the waypoints: {exc}"
        grants = mission.grants | self._world.route_grants(tuple(route))
        self._mission = _new_mission(
            self._world, mission.destination, tuple(route), mission.task_id, grants
        )
        self._mission.along = mission.along if started else 0.0
        self._gate = None
        return None

    def _abandon(self, reason: str) -> None:
        mission = self._mission
        if mission is not None and mission.task_id is not None:
            self._updates.append(TaskUpdate(mission.task_id, "failed", 0.0, reason))
            mission.task_id = None
            if self._task is not None:
                self._task = None
                self._awaiting_task = True  # a dispatched vehicle waits for the dispatcher
        self._escalation = None
        self._pending = None
        self._retry_at = self._now + RETRY_AFTER_BLOCK_S
        self._braking = True  # stop where we are; _brake ends the mission at standstill

    def _speed_limit(self, geom: EdgeGeometry) -> float:
        kin = self.kin
        limit = min(geom.speed_limit, kin.max_speed_mps)
        if self._load_t > 0:
            limit *= kin.loaded_speed_factor
            if geom.grade > STEEP_GRADE:
                limit *= kin.ramp_speed_factor
        return min(limit, self._cap)

    def _drive(self, mission: _Mission, now: float, dt: float) -> None:
        geom = self._world.geometry(mission.route[mission.index])
        to_go = geom.length - mission.along + mission.remaining_after[mission.index]
        # Brake so as to stop at the destination: v <= sqrt(2 a d).
        target = min(self._speed_limit(geom), math.sqrt(2.0 * self.kin.decel_mps2 * to_go))
        gated = self._approach_gate(mission, now)
        if gated is not None:  # able to stop before an intersection not yet cleared
            target = min(target, math.sqrt(2.0 * self.kin.decel_mps2 * gated))
        if self._speed < target:
            self._speed = min(target, self._speed + self.kin.accel_mps2 * dt)
        else:
            self._speed = max(target, self._speed - self.kin.decel_mps2 * dt)
        if gated is None:
            self._speed = max(self._speed, 0.3)  # creep the last metres rather than stall
        step = self._speed * dt
        if gated is not None and self.time_scale > 1.0:
            # A scaled tick covers many metres: never past the stop line before the answer.
            step = min(step, gated)
        self._energy = max(0.0, self._energy - step / 1000.0 * self._energy_rate())
        mission.along += step
        entered = False
        while mission.along >= geom.length:
            mission.along -= geom.length
            mission.index += 1
            if mission.index >= len(mission.route):
                self._arrive(mission)
                return
            geom = self._world.geometry(mission.route[mission.index])
            entered = True
        self._place(geom, mission.along)
        if entered:
            self._check(now, ahead=True)

    def _junction_ahead(self, mission: _Mission) -> tuple[int, float] | None:
        """Return the next intersection on the route (route index, distance), or ``None``."""
        junctions = mission.junctions
        while mission.junction < len(junctions) and junctions[mission.junction] < mission.index:
            mission.junction += 1
        if mission.junction >= len(junctions) or mission.index >= len(mission.route):
            return None
        k = junctions[mission.junction]
        geom = self._world.geometry(mission.route[mission.index])
        to_go = geom.length - mission.along + mission.remaining_after[mission.index]
        return k, to_go - mission.remaining_after[k]

    def _approach_gate(self, mission: _Mission, now: float) -> float | None:
        """Ask to cross the intersection ahead when near; the room left to stop, if not cleared."""
        ahead = self._junction_ahead(mission)
        if ahead is None or ahead[0] == mission.cleared:
            return None
        k, distance = ahead
        if distance <= GATE_M and self._gate is None and now >= self._gate_retry_at:
            self._gate = (self._propose("proceed", self._x, self._y, junction=ahead), k)
        return max(0.0, distance - STOP_SHORT_M)

    def _gate_answer(self, k: int, verdict: Verdict) -> None:
        """Cross the intersection at route index ``k``, or give way and ask again."""
        self._gate = None
        mission = self._mission
        if mission is None or self._phase is not _Phase.DRIVING:
            return
        if verdict.permits:
            self._cap = verdict.speed_cap_mps or math.inf
            mission.cleared = k
            self._refused_since = None
        elif verdict.outcome is Outcome.ESCALATE:
            self._escalate(verdict)
        elif self._refused_since is not None and self._now - self._refused_since >= YIELD_MAX_S:
            self._refused_since = None
            self._abandon(f"refused the intersection for {YIELD_MAX_S:g} s: {verdict.reason}")
        else:  # give way: hold before the intersection, ask again
            if self._refused_since is None:
                self._refused_since = self._now
            self._gate_retry_at = self._now + CHECK_EVERY_S

    def _brake(self, dt: float) -> None:
        """Stop as hard as the class allows, where the vehicle is (the safe-stop manoeuvre)."""
        self._speed = max(0.0, self._speed - self.kin.decel_mps2 * dt)
        mission = self._mission
        if mission is None or self._speed == 0.0:
            self._mission = None
            self._phase = _Phase.IDLE
            self._braking = False
            return
        geom = self._world.geometry(mission.route[mission.index])
        mission.along = min(geom.length, mission.along + self._speed * dt)
        self._place(geom, mission.along)

    def _energy_rate(self) -> float:
        loaded = 1.0 + (self._load_t / self.kin.payload_t if self.kin.payload_t else 0.0)
        return self.kin.energy_per_km * loaded

    def _place(self, geom: EdgeGeometry, along: float) -> None:
        i = max(1, min(len(geom.cum) - 1, bisect.bisect_right(geom.cum, along)))
        x0, y0, x1, y1 = geom.xs[i - 1], geom.ys[i - 1], geom.xs[i], geom.ys[i]
        seg = geom.cum[i] - geom.cum[i - 1]
        f = 0.0 if seg <= 0 else (along - geom.cum[i - 1]) / seg
        self._x = x0 + (x1 - x0) * f
        self._y = y0 + (y1 - y0) * f
        if seg > 0:
            heading = math.degrees(math.atan2(x1 - x0, y1 - y0)) % 360.0
            self._heading = 0.0 if heading >= 360.0 else heading  # -1e-17 % 360 == 360.0

    def _arrive(self, mission: _Mission) -> None:
        self._at = mission.destination
        self._x, self._y = self._world.node_xy(mission.destination.node)
        self._speed = 0.0
        plan = self._task
        if plan is not None and mission.task_id == plan.task_id:
            self._mission = None
            self._phase = _Phase.IDLE
            self._start_step(plan.index + 1)
            return
        kind, kin = mission.destination.kind, self.kin
        if kind == "loading" and kin.payload_t > 0 and self._load_t == 0:
            self._dwell(VehicleState.LOADING, kin.load_time_s)
        elif kind in ("dump", "crusher") and self._load_t > 0:
            self._dwell(VehicleState.DUMPING, kin.dump_time_s)
        elif kind == "fuel" or self._energy < 0.2:
            self._dwell(VehicleState.HOLDING, 120.0)
        else:
            self._dwell(VehicleState.IDLE, self._rng.uniform(10.0, 60.0))

    def _dwell(self, state: VehicleState, seconds: float) -> None:
        self._phase = _Phase.DWELL
        self._dwell_state = state
        self._dwell_until = self._now + seconds * self._rng.uniform(0.8, 1.2) / self.time_scale

    def _finish_dwell(self) -> None:
        if self._dwell_state is VehicleState.LOADING:
            self._load_t = self.kin.payload_t * self._rng.uniform(0.9, 1.05)
            self._world.leave_queue(self._at.id, self.vehicle_id)
        elif self._dwell_state is VehicleState.DUMPING:
            self._load_t = 0.0
        plan = self._task
        if plan is not None and self._mission is None:
            self._phase = _Phase.IDLE
            self._start_step(plan.index + 1)
            return
        elif self._at.kind == "fuel":
            self._energy = 1.0
        mission, self._mission = self._mission, None
        self._phase = _Phase.IDLE
        if mission is not None and mission.task_id is not None:
            self._updates.append(TaskUpdate(mission.task_id, "done", 1.0))
            self._awaiting_task = True

    def _update_sensors(self, now: float, dt: float) -> None:
        self._now = now
        s, rng = self._sensors, self._rng
        if now < s.dip_until:
            s.confidence = max(0.6, s.confidence - 0.02 * dt)
        else:
            s.confidence += (0.97 - s.confidence) * min(1.0, dt) + rng.gauss(0.0, 0.003)
            s.confidence = min(1.0, max(0.6, s.confidence))
            # Dust, glare or an unclassified object: roughly one dip an hour per vehicle.
            if rng.random() < dt / 3600.0:
                s.dip_until = now + rng.uniform(5.0, 20.0)


def _new_mission(
    world: SimWorld,
    destination: PointOfInterest,
    route: tuple[int, ...],
    task_id: str | None,
    grants: frozenset[str],
) -> _Mission:
    """Return a mission over ``route`` with its remaining lengths and intersections."""
    remaining: list[float] = []
    total = 0.0
    for edge in reversed(route):
        remaining.append(total)
        total += world.geometry(edge).length
    remaining.reverse()
    junctions = tuple(
        k for k in range(len(route) - 1) if world.geometry(route[k]).end in world.intersections
    )
    return _Mission(destination, route, tuple(remaining), task_id, grants, junctions=junctions)


def _hour_of(now: float) -> float:
    local = time.localtime(now)
    return local.tm_hour + local.tm_min / 60.0


_LINK_QUALITY = {LinkState.CONNECTED: 1.0, LinkState.DEGRADED: 0.5, LinkState.OFFLINE: 0.0}


def make_fleet(
    world: SimWorld,
    count: int,
    *,
    prefix: str,
    seed: int,
    classes: Sequence[KinematicClass] | None = None,
    time_scale: float = 1.0,
) -> list[SimVehicle]:
    """Create ``count`` simulated vehicles.

    Without ``classes``, a mine's fleet: mostly haul trucks, some light and water trucks; with
    them (a site's pack classes, :func:`plugins.simfleet.fleet_classes`), vehicle ``i`` is of
    ``classes[i % len(classes)]``. ``time_scale``: see :class:`SimVehicle`.
    """
    fleet = []
    for i in range(count):
        vid, vseed = f"{prefix}{i + 1:04d}", seed * 100_003 + i
        if classes:
            kin = classes[i % len(classes)]
            fleet.append(
                SimVehicle(world, vid, kin.name, seed=vseed, kinematics=kin, time_scale=time_scale)
            )
            continue
        vehicle_class = (
            "light_vehicle" if i % 10 == 9 else "water_truck" if i % 20 == 4 else "haul_truck"
        )
        fleet.append(SimVehicle(world, vid, vehicle_class, seed=vseed, time_scale=time_scale))
    return fleet
