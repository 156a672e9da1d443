"""Protocol v1 messages between consoles (site services) and edge nodes.

Every frame is one JSON object: a message with a ``type`` discriminator, the protocol version
``v`` (``"MAJOR.MINOR"``), a per-sender sequence number ``seq`` and the sender's wall-clock
send time ``ts`` (seconds since the Unix epoch).  Within major version 1 unknown fields are
ignored, so a newer minor version can add fields without breaking older peers.

Direction, in each class docstring: ``edge→console``, ``console→edge`` or ``both``.
docs/protocol.md explains the session; ``atlasmesh protocol schema`` exports the JSON Schema.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = "1.4"
"""The version this code speaks: major 1, minor 4.  1.1 added the tele-assist exchange
(``assist_release``, ``assist_transfer``, ``assist_update`` and the new answer kinds); 1.2
dispatched tasks with steps (``task_assign.steps``, ``task_cancel``, step progress in
``task_progress`` and telemetry); 1.3 says what a vehicle did with a fallback at an assist
deadline (``assist_update.fallback_result``); 1.4 tells consoles which zones operators closed
on the node's governor (``closed_zones``), so their dispatchers follow lease lapses.  An older
peer is served in its version, see
:func:`edge.protocol.session.negotiate`."""

MINOR_1_1_TYPES = frozenset({"assist_release", "assist_transfer", "assist_update"})
"""Message types a peer speaking 1.0 does not know: never sent on a 1.0 session."""
MINOR_1_2_TYPES = frozenset({"task_cancel"})
"""Message types a peer speaking 1.0 or 1.1 does not know: never sent on such a session."""
MINOR_1_4_TYPES = frozenset({"closed_zones"})
"""Message types a peer speaking 1.3 or older does not know: never sent on such a session."""
MAX_ZONE_CLOSURES = 128
"""Operator closures one node holds at once: all of them fit one ``closed_zones`` frame."""

VehicleId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
NodeId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Finite = Annotated[float, Field(allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False)


class Envelope(_Model):
    """Fields every message carries."""

    v: str = Field(default=PROTOCOL_VERSION, pattern=r"^\d+\.\d+$")
    """Protocol version of the sender, ``MAJOR.MINOR``."""
    seq: int = Field(ge=0)
    """Sender's frame counter within the session: starts at 0, +1 per frame."""
    ts: Finite = Field(ge=0.0)
    """Sender's wall-clock send time, seconds since the Unix epoch."""


# --------------------------------------------------------------------------- enumerations


class PeerRole(StrEnum):
    """Who is at the other end of a link."""

    EDGE = "edge"
    CONSOLE = "console"


class VehicleMode(StrEnum):
    """Who or what is driving the vehicle."""

    AUTONOMOUS = "AUTONOMOUS"
    MANUAL = "MANUAL"
    REMOTE_ASSIST = "REMOTE_ASSIST"
    MAINTENANCE = "MAINTENANCE"


class VehicleState(StrEnum):
    """What the vehicle is doing; drives the console's colours."""

    IDLE = "IDLE"
    MOVING = "MOVING"
    LOADING = "LOADING"
    DUMPING = "DUMPING"
    HOLDING = "HOLDING"
    ASSIST_NEEDED = "ASSIST_NEEDED"
    SAFE_STOP = "SAFE_STOP"
    FAULT = "FAULT"


class Health(StrEnum):
    """Overall health reported by the vehicle."""

    OK = "OK"
    WARNING = "WARNING"
    FAULT = "FAULT"


class LinkState(StrEnum):
    """State of a link as seen by one end, from heartbeats and round-trip times."""

    CONNECTED = "connected"
    DEGRADED = "degraded"
    OFFLINE = "offline"


class Outcome(StrEnum):
    """Governor outcomes, in increasing severity."""

    ALLOW = "ALLOW"
    RESTRICT = "RESTRICT"
    ESCALATE = "ESCALATE"
    BLOCK = "BLOCK"
    TERMINATE = "TERMINATE"


class Topic(StrEnum):
    """Streams a console can subscribe to."""

    TELEMETRY = "telemetry"
    RECEIPTS = "receipts"
    ASSIST = "assist"
    TASKS = "tasks"


# --------------------------------------------------------------------------- session


class Credentials(_Model):
    """Proof of identity offered in ``hello`` (the secure-links issue adds certificates)."""

    scheme: Literal["none", "token"] = "none"
    token: str | None = Field(default=None, max_length=4096)
    operator: str | None = Field(default=None, max_length=128)


class CommandAuth(_Model):
    """Who issues a command, and the numbers that make it unreplayable (docs/security.md).

    ``assertion`` is the operator assertion the console signed with the key of its site
    certificate; ``stream`` is a random id the console picks when it starts, ``cmd_seq``
    counts its commands in that stream (+1 each), and ``issued_at`` is the console's wall
    clock when the operator issued the command.  The edge node refuses a command that is
    stale (older than its bound) or whose ``(stream, cmd_seq)`` it already executed.
    """

    assertion: str = Field(min_length=1, max_length=2048)
    stream: str = Field(pattern=r"^[0-9a-f]{16,64}$")
    cmd_seq: int = Field(ge=0)
    issued_at: Finite = Field(ge=0.0)


class Hello(Envelope):
    """both — first frame of a session: who I am, which versions I speak.

    The console sends it; the edge node answers with :class:`Welcome` or an :class:`Error`
    and closes.  ``resume_from`` asks the edge node to replay journaled frames (receipts,
    assist requests) with sequence numbers above it.
    """

    type: Literal["hello"] = "hello"
    role: PeerRole
    node_id: NodeId
    site_id: str = Field(min_length=1, max_length=64)
    versions: list[str] = Field(min_length=1, max_length=16)
    software: str = Field(default="", max_length=128)
    credentials: Credentials = Credentials()
    resume_from: int | None = Field(default=None, ge=0)


class VehicleInfo(_Model):
    """A vehicle hosted by an edge node, as announced in :class:`Welcome`."""

    vehicle_id: VehicleId
    vehicle_class: str = Field(max_length=64)
    profile: str = Field(default="", max_length=64)


class Welcome(Envelope):
    """edge→console — the session is open, in the negotiated version."""

    type: Literal["welcome"] = "welcome"
    node_id: NodeId
    site_id: str = Field(min_length=1, max_length=64)
    version: str = Field(pattern=r"^\d+\.\d+$")
    session_id: str = Field(min_length=1, max_length=64)
    vehicles: list[VehicleInfo] = Field(default_factory=list, max_length=10_000)
    telemetry_hz: float = Field(gt=0.0, le=100.0)
    heartbeat_s: float = Field(gt=0.0, le=60.0)


class Subscribe(Envelope):
    """console→edge — choose streams and, optionally, a subset of vehicles."""

    type: Literal["subscribe"] = "subscribe"
    topics: list[Topic] = Field(min_length=1, max_length=8)
    vehicles: list[VehicleId] | None = Field(default=None, max_length=10_000)


class Heartbeat(Envelope):
    """both — liveness.  Each end sends one every ``heartbeat_s``.

    ``echo_ts`` returns the ``ts`` of the last heartbeat received from the peer and
    ``echo_age`` how long ago (seconds) it arrived, so the peer computes the round trip as
    ``now - echo_ts - echo_age`` without synchronised clocks.
    """

    type: Literal["heartbeat"] = "heartbeat"
    echo_ts: Finite | None = Field(default=None, ge=0.0)
    echo_age: Finite | None = Field(default=None, ge=0.0)
    link: LinkState = LinkState.CONNECTED


class Error(Envelope):
    """both — a frame was refused; the session goes on unless the sender closes it."""

    type: Literal["error"] = "error"
    code: str = Field(max_length=64)
    reason: str = Field(max_length=1024)
    ref_seq: int | None = None


class Bye(Envelope):
    """both — orderly end of a session, with a reason for the logs."""

    type: Literal["bye"] = "bye"
    reason: str = Field(default="", max_length=256)


# --------------------------------------------------------------------------- telemetry


class TelemetrySample(_Model):
    """One vehicle's state at one instant (site frame: metres east/north of the origin)."""

    vehicle_id: VehicleId
    t: Finite = Field(ge=0.0)
    """Sample time on the vehicle, seconds since the Unix epoch."""
    x: Finite
    y: Finite
    heading_deg: Finite = Field(ge=0.0, lt=360.0)
    """Clockwise from grid north."""
    speed_mps: Finite = Field(ge=0.0, le=100.0)
    mode: VehicleMode
    state: VehicleState
    energy: Unit
    """Fuel or battery, fraction of full."""
    health: Health = Health.OK
    faults: list[str] = Field(default_factory=list, max_length=32)
    perception_confidence: Unit = 1.0
    link_quality: Unit = 1.0
    load_t: Finite = Field(default=0.0, ge=0.0, le=1000.0)
    task_id: str | None = Field(default=None, max_length=64)
    task_step: int | None = Field(default=None, ge=0, le=63)
    """1.2: index of the step of ``task_id`` the vehicle is on (``task_assign.steps``)."""
    task_progress: Unit | None = None
    """1.2: fraction of the task done (steps done plus the current drive's distance share)."""


class Telemetry(Envelope):
    """edge→console — one or many samples; a site gateway batches its vehicles in one frame."""

    type: Literal["telemetry"] = "telemetry"
    samples: list[TelemetrySample] = Field(min_length=1, max_length=10_000)


# --------------------------------------------------------------------------- decisions


class Constraint(_Model):
    """A restriction attached to a RESTRICT decision."""

    kind: Literal["speed_cap_mps", "buffer_m", "no_reverse", "hold_s"]
    value: Finite = 0.0


class DecisionReceipt(Envelope):
    """edge→console — the record of one governor decision, chained by hash."""

    type: Literal["receipt"] = "receipt"
    receipt_id: str = Field(min_length=1, max_length=64)
    node_id: NodeId
    """The edge node whose chain this receipt belongs to."""
    chain_seq: int = Field(ge=1)
    """Position in the node's chain: 1, 2, 3, … with no gap (the journal's sequence)."""
    vehicle_id: VehicleId
    action: str = Field(max_length=64)
    outcome: Outcome
    fired_rules: list[str] = Field(default_factory=list, max_length=256)
    constraints: list[Constraint] = Field(default_factory=list, max_length=32)
    bundle_id: str = Field(max_length=64)
    bundle_version: int = Field(ge=0)
    inputs_digest: str = Field(pattern=r"^[0-9a-f]{64}$")
    prev_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    decided_at: Finite = Field(ge=0.0)
    decided_mono: Finite | None = Field(default=None, ge=0.0)
    """The edge node's monotonic clock at the decision, seconds; covered by ``hash``, so a
    verifier needs it to recompute the chain."""


class Ack(Envelope):
    """console→edge — the console has durably stored every receipt up to ``up_to_seq``.

    ``up_to_seq`` is a receipt ``chain_seq`` of the edge node, not a frame ``seq``: the node
    records it as this console's cursor and, after a reconnect, resends from the next one.
    """

    type: Literal["ack"] = "ack"
    up_to_seq: int = Field(ge=0)


# --------------------------------------------------------------------------- tele-assist


Criticality = Literal["low", "medium", "high", "critical"]
"""How bad it is if nobody answers, lowest first."""
AssistState = Literal["offered", "claimed", "answered", "expired", "cleared", "withdrawn"]
"""Where an assist request is: ``offered`` (open, nobody owns it), ``claimed`` (one operator
holds the lease), then one of the final states: ``answered``, ``expired`` (no answer by the
deadline: the fallback was applied), ``cleared`` (the condition cleared before anyone had to
answer) or ``withdrawn`` (the vehicle was stopped or blocked by other means)."""
AnswerKind = Literal[
    "confirm", "deny", "hold", "safe_stop", "reroute", "override", "close_zone", "open_zone"
]
"""Guidance an operator may give (``close_zone`` and ``open_zone`` since 1.1)."""


class AssistRequest(Envelope):
    """edge→console — the governor escalated; a human must answer before ``deadline``.

    Sent to every console subscribed to ``assist`` when the request opens, and again (all
    open requests) to a console that subscribes later, so a reconnect loses nothing.  Fields
    after ``context`` are 1.1 additions (a 1.0 console ignores them).
    """

    type: Literal["assist_request"] = "assist_request"
    request_id: str = Field(min_length=1, max_length=64)
    vehicle_id: VehicleId
    reason_rules: list[str] = Field(min_length=1, max_length=64)
    priority: int = Field(ge=0, le=9)
    """0 is the most urgent."""
    criticality: Criticality
    deadline: Finite = Field(ge=0.0)
    hold_behaviour: Literal["hold", "slow", "safe_stop"]
    fallback: Literal["hold", "safe_stop"]
    context: TelemetrySample
    explanations: list[str] = Field(default_factory=list, max_length=64)
    """English explanation of each reason rule, aligned with ``reason_rules`` (the console
    translates with the rule id as code)."""
    node_id: str = Field(default="", max_length=64)
    """The edge node that arbitrates the request."""
    created_at: Finite = Field(default=0.0, ge=0.0)
    """When the governor escalated, wall clock."""
    action: str = Field(default="", max_length=64)
    """The proposed action that was escalated (``start_task``, ``proceed``, ...)."""
    feature: str | None = Field(default=None, max_length=128)
    """The site feature involved (a zone id), if the vehicle is in or at one."""
    aggregate_key: str = Field(default="", max_length=256)
    """Requests with the same key (feature and reason) may be answered together."""
    history: list[TelemetrySample] = Field(default_factory=list, max_length=120)
    """The vehicle's last ~60 s of telemetry at 1 Hz, oldest first."""
    state: AssistState = "offered"
    owner: str | None = Field(default=None, max_length=128)
    lease_until: Finite | None = None


class AssistClaim(Envelope):
    """console→edge — an operator asks to own a request."""

    type: Literal["assist_claim"] = "assist_claim"
    request_id: str = Field(min_length=1, max_length=64)
    operator: str = Field(min_length=1, max_length=128)
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""


class AssistClaimResult(Envelope):
    """edge→console — who owns the request now (first valid claim wins).

    Sent to the claiming console only; every console learns the new owner from the
    ``assist_update`` that follows a granted claim.  ``ref_seq`` (1.1) names the claim.
    """

    type: Literal["assist_claim_result"] = "assist_claim_result"
    request_id: str = Field(min_length=1, max_length=64)
    granted: bool
    owner: str | None = Field(default=None, max_length=128)
    lease_until: Finite | None = None
    ref_seq: int | None = Field(default=None, ge=0)
    reason: str = Field(default="", max_length=256)


class AssistRelease(Envelope):
    """console→edge (1.1) — the owner gives a request back; it is offered again."""

    type: Literal["assist_release"] = "assist_release"
    request_id: str = Field(min_length=1, max_length=64)
    operator: str = Field(min_length=1, max_length=128)
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""


class AssistTransfer(Envelope):
    """console→edge (1.1) — the owner hands a request to another operator or a supervisor.

    With ``to_operator`` the lease passes to that operator at once (renewed); with
    ``to_role`` ``supervisor`` and no operator, the request is offered again to supervisors
    only.  Answered by ``command_ack``.
    """

    type: Literal["assist_transfer"] = "assist_transfer"
    request_id: str = Field(min_length=1, max_length=64)
    operator: str = Field(min_length=1, max_length=128)
    to_operator: str | None = Field(default=None, min_length=1, max_length=128)
    to_role: Literal["assist", "supervisor"] = "assist"
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""


class AssistAnswer(Envelope):
    """console→edge — guidance from the owning operator; the vehicle keeps the veto.

    ``request_ids`` (1.1) answers several requests at once (aggregation): the edge node
    applies it to exactly the listed requests that are open, share the first one's
    ``aggregate_key`` and are owned by the operator or offered.  ``zone_id`` names the zone
    of ``close_zone`` / ``open_zone`` / an ``override`` that enters a zone; ``waive_rules``
    the rules an ``override`` waives for ``override_s`` seconds.  Answered by
    ``command_ack`` (``accepted`` false with the reason when policy refuses it).
    """

    type: Literal["assist_answer"] = "assist_answer"
    request_id: str = Field(min_length=1, max_length=64)
    operator: str = Field(min_length=1, max_length=128)
    answer: AnswerKind
    waypoints: list[tuple[Finite, Finite]] = Field(default_factory=list, max_length=512)
    override_s: Finite | None = Field(default=None, gt=0.0, le=3600.0)
    lease_until: Finite | None = None
    loss_behaviour: Literal["stop", "continue", "evacuate"] = "stop"
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""
    request_ids: list[str] = Field(default_factory=list, max_length=1000)
    zone_id: str | None = Field(default=None, min_length=1, max_length=64)
    waive_rules: list[str] = Field(default_factory=list, max_length=64)
    note: str = Field(default="", max_length=256)


class AssistUpdate(Envelope):
    """edge→console (1.1) — a request changed state; every console updates its queue.

    ``by`` is the operator who caused the change (``None`` for the edge's own: expiry,
    cleared); ``detail`` says what was applied (the answer, or the fallback at expiry).
    """

    type: Literal["assist_update"] = "assist_update"
    request_id: str = Field(min_length=1, max_length=64)
    vehicle_id: VehicleId
    state: AssistState
    owner: str | None = Field(default=None, max_length=128)
    lease_until: Finite | None = None
    by: str | None = Field(default=None, max_length=128)
    at: Finite = Field(ge=0.0)
    answer: AnswerKind | None = None
    fallback: Literal["hold", "safe_stop"] | None = None
    min_role: Literal["assist", "supervisor"] = "assist"
    detail: str = Field(default="", max_length=256)
    fallback_result: Literal["applied", "already_stopped", "not_applicable"] | None = None
    """1.3, with ``fallback``: what the vehicle did (``detail`` says how, or why nothing)."""


# --------------------------------------------------------------------------- tasks


StepAction = Literal["drive", "load", "dump"]
"""What a task step does: ``drive`` along its route to its point of interest; ``load`` at a
loading point (queue while the loader serves another truck, then fill); ``dump`` the payload."""


class TaskStepSpec(_Model):
    """One step of a dispatched task (1.2).

    A ``drive`` step names its destination ``poi`` and the route the dispatcher planned: the
    road-graph ``nodes`` in driving order (the edge node follows them, re-checking every
    segment with its governor) and the same route as a ``polyline`` in site metres, for
    displays and for vehicle stacks that do not use the site's graph.  ``load`` and ``dump``
    happen at ``poi`` (where the previous drive ended); ``dwell_s`` overrides the vehicle's
    own service time.
    """

    name: str = Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9_]*$")
    """The step's label (``to_loader``, ``load``, ``haul``, ``dump``, ``return``)."""
    action: StepAction
    poi: str = Field(min_length=1, max_length=64)
    nodes: list[Annotated[int, Field(ge=0)]] = Field(default_factory=list, max_length=10_000)
    polyline: list[tuple[Finite, Finite]] = Field(default_factory=list, max_length=10_000)
    loaded: bool = False
    """Whether the vehicle carries its payload on this step (the router's loaded profile)."""
    dwell_s: Finite | None = Field(default=None, gt=0.0, le=3600.0)


class TaskAssign(Envelope):
    """console→edge — the dispatcher gives a vehicle a task.

    In 1.0/1.1 a task is one drive to ``destination``.  From 1.2 it may carry ``steps`` (go to
    the loader, load, haul, dump, ...), each drive with its planned route; the vehicle reports
    each step in ``task_progress`` and in telemetry.  A new ``task_assign`` for the task the
    vehicle is on replaces its remaining steps (a re-route).  Answered by ``command_ack``:
    refused with the reason when the vehicle cannot take it (unknown place, a route that is
    not a road path, a latched stop).  The governor still decides every move on the way.
    """

    type: Literal["task_assign"] = "task_assign"
    task_id: str = Field(min_length=1, max_length=64)
    vehicle_id: VehicleId
    task_type: str = Field(max_length=64)
    route_edges: list[int] = Field(default_factory=list, max_length=10_000)
    destination: str | None = Field(default=None, max_length=64)
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""
    steps: list[TaskStepSpec] = Field(default_factory=list, max_length=32)
    """1.2: the task's steps, in order (empty: the 1.0 form, one drive to ``destination``)."""
    operator: str | None = Field(default=None, min_length=1, max_length=128)
    """1.2: who issued it (an operator, or the site service's dispatcher identity)."""


class TaskCancel(Envelope):
    """console→edge (1.2) — stop working on a task: the vehicle brakes and holds, still.

    Sent when the dispatcher takes the task back (an operator held the vehicle or pinned the
    task elsewhere).  Answered by ``command_ack``.
    """

    type: Literal["task_cancel"] = "task_cancel"
    task_id: str = Field(min_length=1, max_length=64)
    vehicle_id: VehicleId
    reason: str = Field(default="", max_length=256)
    operator: str | None = Field(default=None, min_length=1, max_length=128)
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""


class TaskProgress(Envelope):
    """edge→console — a task's state changed (1.2: or its vehicle began another step)."""

    type: Literal["task_progress"] = "task_progress"
    task_id: str = Field(min_length=1, max_length=64)
    vehicle_id: VehicleId
    status: Literal["accepted", "running", "done", "failed", "rejected"]
    progress: Unit = 0.0
    detail: str = Field(default="", max_length=256)
    step: int | None = Field(default=None, ge=0, le=63)
    """1.2: the step the vehicle began (index into ``task_assign.steps``)."""
    step_name: str = Field(default="", max_length=32)
    """1.2: that step's name, or ``queue`` while the vehicle waits for a busy loader."""
    load_t: Finite = Field(default=0.0, ge=0.0, le=1000.0)
    """1.2: payload on board when the update was made, tonnes."""
    vehicle_state: VehicleState | None = None
    """1.2, with ``failed``: the vehicle's state then (``SAFE_STOP``: the vehicle stopped, the
    task itself may be fine and is dispatched again)."""


# --------------------------------------------------------------------------- policy


class PolicyBundlePush(Envelope):
    """console→edge — a signed policy bundle to verify and hot-swap."""

    type: Literal["policy_push"] = "policy_push"
    bundle_id: str = Field(min_length=1, max_length=64)
    bundle_version: int = Field(ge=0)
    bundle: str = Field(max_length=4_000_000)
    """The bundle document, serialised (its format is the governor's)."""
    signature: str = Field(max_length=1024)
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""


class PolicyBundleAck(Envelope):
    """edge→console — the bundle was installed, or refused with a reason."""

    type: Literal["policy_ack"] = "policy_ack"
    bundle_id: str = Field(min_length=1, max_length=64)
    bundle_version: int = Field(ge=0)
    accepted: bool
    reason: str = Field(default="", max_length=1024)


# --------------------------------------------------------------------------- stop / resume


class EmergencyStop(Envelope):
    """console→edge — latch a safe stop on the named vehicles (all hosted when empty)."""

    type: Literal["estop"] = "estop"
    vehicles: list[VehicleId] = Field(default_factory=list, max_length=10_000)
    operator: str = Field(min_length=1, max_length=128)
    reason: str = Field(default="", max_length=256)
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""


class Resume(Envelope):
    """console→edge — explicitly release a latched stop; the vehicle waits for a new task."""

    type: Literal["resume"] = "resume"
    vehicles: list[VehicleId] = Field(default_factory=list, max_length=10_000)
    operator: str = Field(min_length=1, max_length=128)
    auth: CommandAuth | None = None
    """The operator and replay protection; required by an edge node with site trust."""


class CommandAck(Envelope):
    """edge→console — a command (estop, resume, task, answer) was executed or refused."""

    type: Literal["command_ack"] = "command_ack"
    ref_seq: int = Field(ge=0)
    accepted: bool
    reason: str = Field(default="", max_length=256)
    vehicles: list[VehicleId] = Field(default_factory=list, max_length=10_000)


class ZoneClosure(_Model):
    """One zone an operator closed on an edge node's governor (an assist answer)."""

    zone_id: str = Field(min_length=1, max_length=64)
    by: str = Field(max_length=128)
    """The operator who closed it."""
    at: Finite = Field(ge=0.0)
    until: Finite | None = None
    """The answer's lease expiry: the node reopens the zone then (``None``: until reopened)."""
    request_id: str = Field(max_length=64)
    """The assist request the closure answered."""


ZoneChange = Literal["snapshot", "closed", "reopened", "lapsed"]
"""Why a ``closed_zones`` frame was sent."""


class ClosedZones(Envelope):
    """edge→console (1.4) — the zones operators closed on the node, all of those in force now.

    Sent after ``welcome`` (``change`` ``snapshot``: a console that connects late, or again,
    learns the closures) and to every 1.4 session whenever the set changes: ``closed`` and
    ``reopened`` by an assist answer, ``lapsed`` when a closure's lease passed.  ``zone_ids``
    names the zones that changed, ``by`` who changed them (the node itself for a lapse).  The
    list is the whole state, so a console simply replaces what it knew from this node.
    """

    type: Literal["closed_zones"] = "closed_zones"
    closures: list[ZoneClosure] = Field(default_factory=list, max_length=MAX_ZONE_CLOSURES)
    change: ZoneChange = "snapshot"
    zone_ids: list[str] = Field(default_factory=list, max_length=MAX_ZONE_CLOSURES)
    by: str = Field(default="", max_length=128)


class Revocation(Envelope):
    """console→edge — the site's current revocation list, signed by the site authority.

    ``crl`` is a PEM X.509 CRL.  The edge node verifies the signature with the site
    authority certificate, installs the list only if its CRL number is higher than the one
    it holds, persists it, and closes open sessions of revoked consoles.  Answered by
    ``command_ack`` (``accepted`` false with a reason when it is not newer).
    """

    type: Literal["revocation"] = "revocation"
    crl: str = Field(min_length=1, max_length=60_000)


Message = Annotated[
    Hello
    | Welcome
    | Subscribe
    | Heartbeat
    | Error
    | Bye
    | Telemetry
    | DecisionReceipt
    | Ack
    | AssistRequest
    | AssistClaim
    | AssistClaimResult
    | AssistAnswer
    | AssistRelease
    | AssistTransfer
    | AssistUpdate
    | TaskAssign
    | TaskCancel
    | TaskProgress
    | PolicyBundlePush
    | PolicyBundleAck
    | EmergencyStop
    | Resume
    | CommandAck
    | Revocation
    | ClosedZones,
    Field(discriminator="type"),
]
"""Any protocol v1 message, discriminated on ``type``."""

MESSAGE_TYPES: tuple[type[Envelope], ...] = (
    Hello,
    Welcome,
    Subscribe,
    Heartbeat,
    Error,
    Bye,
    Telemetry,
    DecisionReceipt,
    Ack,
    AssistRequest,
    AssistClaim,
    AssistClaimResult,
    AssistAnswer,
    AssistRelease,
    AssistTransfer,
    AssistUpdate,
    TaskAssign,
    TaskCancel,
    TaskProgress,
    PolicyBundlePush,
    PolicyBundleAck,
    EmergencyStop,
    Resume,
    CommandAck,
    Revocation,
    ClosedZones,
)
"""Every message class, in schema order."""

BULK_TYPES = frozenset({"telemetry", "policy_push", "welcome"})
"""Message types allowed the large frame limit; every other type is a control frame."""
