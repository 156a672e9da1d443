"""The vehicle abstraction (HAL) that the edge node drives.

The edge node never talks to a vehicle's hardware or autonomy stack directly: it holds a
:class:`VehicleAdapter` per vehicle.  The simulator implements it today; a VDA 5050 bridge or
an OEM's autonomy interface implements it tomorrow without touching the node.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from edge.protocol.messages import Outcome

SETPOINT_MAX_AGE_S = 0.5
"""A speed/steer setpoint older than this is never actuated (RELIABILITY F2; like
ros2_controllers' ``cmd_vel_timeout``)."""

if TYPE_CHECKING:
    from edge.governor.context import Proposal
    from edge.protocol.messages import LinkState, TaskAssign, TelemetrySample


@dataclass(frozen=True, slots=True)
class TaskUpdate:
    """A change in a task's state, for the node to report as ``task_progress``."""

    task_id: str
    status: Literal["accepted", "running", "done", "failed", "rejected"]
    progress: float = 0.0
    detail: str = ""
    step: int | None = None
    """The step begun (1.2 tasks with steps), index into the task's steps."""
    step_name: str = ""
    """That step's name, or ``queue`` while waiting for a busy loader."""
    load_t: float = 0.0
    """Payload on board, tonnes."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The governor's answer to a proposal, as the vehicle must apply it.

    Attributes
    ----------
    outcome
        ALLOW / RESTRICT: go (within ``speed_cap_mps``); ESCALATE: hold and wait for a human
        until ``deadline`` (wall clock), then apply ``fallback``; BLOCK: do not do it;
        TERMINATE: safe stop now, latched until an explicit release.
    reason
        The first fired rule, for logs and the vehicle's own display.
    """

    outcome: Outcome
    reason: str = ""
    speed_cap_mps: float | None = None
    no_new_missions: bool = False
    deadline: float | None = None
    hold_behaviour: str = "hold"
    fallback: str = "safe_stop"

    @property
    def permits(self) -> bool:
        """Whether the action may go ahead (ALLOW or RESTRICT)."""
        return self.outcome in (Outcome.ALLOW, Outcome.RESTRICT)


@dataclass(frozen=True, slots=True)
class Setpoint:
    """A motion command as the vehicle's controller receives it.

    Attributes
    ----------
    speed_mps, heading_deg
        What to drive at (speed along the path, heading to steer to).
    stamp
        When it was computed, on the controller's monotonic clock (seconds): staleness is
        judged on it, never on the wall clock.
    """

    speed_mps: float
    heading_deg: float
    stamp: float


class SetpointGate:
    """The vehicle-side check that no stale setpoint is actuated (RELIABILITY F2).

    The controller offers each setpoint it receives with :meth:`command` and asks
    :meth:`stale` before it actuates: past ``max_age_s`` the last setpoint is worthless (the
    producer stalled or the bus delayed it) and the vehicle must brake to a controlled stop
    instead, at the moment the setpoint expired (:meth:`expired_at`).
    """

    def __init__(self, max_age_s: float = SETPOINT_MAX_AGE_S) -> None:
        if not max_age_s > 0:
            raise ValueError(f"setpoint age bound must be positive, got {max_age_s}")
        self.max_age_s = max_age_s
        self.latest: Setpoint | None = None

    def command(self, setpoint: Setpoint) -> None:
        """Take ``setpoint`` unless a newer one is already held (late arrivals are dropped)."""
        if self.latest is None or setpoint.stamp >= self.latest.stamp:
            self.latest = setpoint

    def expired_at(self) -> float | None:
        """Monotonic time when the latest setpoint stops being actuatable (``None``: none)."""
        return None if self.latest is None else self.latest.stamp + self.max_age_s

    def stale(self, mono: float) -> str | None:
        """Return why the latest setpoint may not be actuated at ``mono``, or ``None``."""
        latest = self.latest
        if latest is None:
            return None
        age = mono - latest.stamp
        if age <= self.max_age_s:
            return None
        return f"stale setpoint: {age:.2f} s old (limit {self.max_age_s:g} s)"

    def clear(self) -> None:
        """Forget the latest setpoint (the vehicle stopped; the next one starts afresh)."""
        self.latest = None


GuidanceKind = Literal["confirm", "deny", "hold", "safe_stop", "reroute", "override", "retry"]
"""Guidance a vehicle applies.  Zone closures go to the governor; the vehicles waiting on the
zone then ``hold`` (closed) or ``retry`` (reopened: ask the governor again, nothing waived)."""
LossBehaviour = Literal["stop", "continue", "evacuate"]
"""What a vehicle does when an answer's lease runs out (DOMAIN "Claim and lease")."""


FallbackStatus = Literal["applied", "already_stopped", "not_applicable"]
"""What a vehicle did with an unanswered request's fallback (the audit says it as it was)."""


class FallbackResult(NamedTuple):
    """What :meth:`VehicleAdapter.apply_fallback` actually did.

    ``applied``: the vehicle stopped or holds now because of it; ``already_stopped``: it was
    stopped already (its own fallback at the same deadline, a latched stop), ``reason`` says
    how; ``not_applicable``: it did nothing, ``reason`` says why (it was not waiting for an
    answer, the adapter cannot).
    """

    status: FallbackStatus
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Guidance:
    """An operator's answer to an assist request, as the vehicle must apply it.

    The vehicle keeps the veto: whatever it does next is proposed to the governor again.

    Attributes
    ----------
    kind
        ``confirm`` the proposed action; ``deny`` it; ``hold`` where it is; ``safe_stop``
        (latched); ``reroute`` through ``waypoints``; ``override``: ``waive_rules`` and/or
        ``grant_zones`` until ``until``; ``retry``: ask the governor again.
    request_id, operator
        The request answered and who answered it.
    until
        Wall clock when the answer's scope (waivers, grants, the answer itself) lapses;
        then ``loss_behaviour`` applies.  ``None``: no lease.
    waive_rules
        Escalating rules the vehicle may treat as answered until ``until`` (``confirm``
        waives the rules that escalated).
    grant_zones
        RELEASE zones the vehicle is granted until ``until``.
    """

    kind: GuidanceKind
    request_id: str
    operator: str
    until: float | None = None
    waypoints: tuple[tuple[float, float], ...] = ()
    waive_rules: frozenset[str] = frozenset()
    grant_zones: frozenset[str] = frozenset()
    loss_behaviour: LossBehaviour = "stop"


class VehicleAdapter(ABC):
    """One vehicle as the edge node sees it.

    Implementations must be cheap to call: the node calls :meth:`step` and :meth:`sample` at
    the telemetry rate for every hosted vehicle on its event loop, so neither may block.  A
    real adapter keeps a background reader and returns its latest state here.
    """

    vehicle_id: str
    vehicle_class: str
    profile: str

    @abstractmethod
    def step(self, now: float, dt: float) -> None:
        """Advance to ``now`` (wall clock, s); ``dt`` is the time since the previous step."""

    @abstractmethod
    def sample(self, now: float) -> TelemetrySample:
        """Return the vehicle's current state, stamped with its sample time."""

    @abstractmethod
    def emergency_stop(self, reason: str) -> None:
        """Latch a safe stop now.  It overrides everything until :meth:`release`."""

    @abstractmethod
    def release(self) -> None:
        """Clear a latched stop.  The vehicle stays still until it receives a new task."""

    @abstractmethod
    def assign(self, task: TaskAssign) -> str | None:
        """Take a task; return ``None`` when accepted or the reason it was refused."""

    def cancel_task(self, task_id: str, reason: str) -> str | None:
        """Stop working on a task; return ``None`` when done or why not (the default refuses).

        An adapter that takes tasks must be able to drop one when the dispatcher takes it back.
        """
        return f"{self.vehicle_id} cannot cancel tasks"

    @abstractmethod
    def set_link_state(self, state: LinkState) -> None:
        """Tell the vehicle how its control-room link is; it applies conservative limits."""

    def pop_task_updates(self) -> list[TaskUpdate]:
        """Return and forget task state changes since the last call (none by default)."""
        return []

    def pop_proposals(self) -> list[Proposal]:
        """Return and forget the actions the vehicle proposes since the last call (none)."""
        return []

    def apply_guidance(self, guidance: Guidance) -> str | None:
        """Apply an operator's answer; return ``None`` when applied or why it was refused.

        The default refuses everything but a safe stop: an adapter that cannot take
        guidance must say so rather than pretend.
        """
        if guidance.kind == "safe_stop":
            self.emergency_stop(f"safe stop by {guidance.operator} ({guidance.request_id})")
            return None
        return f"{self.vehicle_id} takes no remote guidance but a safe stop"

    def answered(self, rule: str) -> bool:
        """Return whether an operator's answer in force covers an escalation by ``rule``.

        Asked by the node after the vehicle applied an ESCALATE verdict: an escalation a
        confirmation or override already answered (the vehicle goes on under it, within the
        governor's other limits) opens no new assist request, which nobody could answer and
        whose fallback the vehicle would not apply. The default: no answer covers anything,
        so every escalation asks an operator.
        """
        return False

    def apply_fallback(self, fallback: Literal["hold", "safe_stop"], reason: str) -> FallbackResult:
        """Apply the declared fallback of an unanswered assist request (at its deadline).

        Returns what the vehicle actually did; the node journals and shows exactly that.
        The default latches a safe stop for both: stopping is always safe; an adapter that
        can hold without latching overrides this.
        """
        self.emergency_stop(reason)
        return FallbackResult("applied")

    def fail_safe(self, reason: str) -> None:
        """Brake to a controlled stop now: the vehicle's commands can no longer be trusted.

        Called by the node's watchdog (RELIABILITY F3) from **its own thread** while the
        node's decision loop is stalled, so it must be thread-safe and must not block; also
        used for stale setpoints (F2).  The vehicle reports ``reason`` and moves again only
        after a new decision of the governor.  The default latches an emergency stop (a
        supervisor's resume releases it): an adapter must override it when its
        :meth:`emergency_stop` is not safe to call from another thread.
        """
        self.emergency_stop(reason)

    @abstractmethod
    def apply_verdict(self, proposal: Proposal, verdict: Verdict) -> None:
        """Apply the governor's verdict on one of this vehicle's proposals.

        Restrictive verdicts (ESCALATE, BLOCK, TERMINATE) arrive as soon as they are decided;
        permissive ones (ALLOW, RESTRICT) only once their receipt is durable.
        """
