"""The core's one event mechanism: typed, immutable event records and a publish/subscribe bus.

High-rate telemetry does not travel on the bus one sample at a time; the fleet state keeps a
set of changed vehicles that observers drain at their own frame rate (see
:meth:`app.core.fleet.state.FleetState.drain_changed`).  The bus carries discrete events:
a link went up or down, a vehicle joined, an edge node refused a command.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from edge.protocol.messages import LinkState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every core event; ``at`` is wall-clock seconds."""

    at: float


@dataclass(frozen=True, slots=True)
class LinkUp(Event):
    """A session with an edge node opened."""

    url: str
    node_id: str
    vehicles: int


@dataclass(frozen=True, slots=True)
class LinkDown(Event):
    """A session with an edge node ended (the link manager will reconnect)."""

    url: str
    node_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class LinkStateChanged(Event):
    """The link state computed from heartbeats changed."""

    url: str
    node_id: str | None
    state: LinkState


@dataclass(frozen=True, slots=True)
class PeerError(Event):
    """An edge node refused one of our frames, or sent one we refused."""

    url: str
    code: str
    reason: str
    ours: bool
    """``True`` when we refused the peer's frame, ``False`` when the peer refused ours."""


@dataclass(frozen=True, slots=True)
class CommandResult(Event):
    """An edge node executed or refused a command."""

    url: str
    ref_seq: int
    accepted: bool
    reason: str
    vehicles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TaskChanged(Event):
    """A task's state changed on a vehicle."""

    task_id: str
    vehicle_id: str
    status: str
    detail: str
    step: int | None = None
    """The step the vehicle began (protocol 1.2), index into the task's steps."""
    step_name: str = ""
    """That step's name, or ``queue`` while the vehicle waits for a busy loader."""
    load_t: float = 0.0
    """Payload on board, tonnes."""
    vehicle_state: str = ""
    """With ``failed``: the vehicle's state then (``SAFE_STOP``: it stopped, not the task)."""


@dataclass(frozen=True, slots=True)
class ZoneClosed:
    """One zone closed at run time on an edge node's governor, as the node said (1.4)."""

    zone_id: str
    by: str
    """The operator who closed it."""
    at: float
    """When it was closed (wall-clock seconds)."""
    until: float | None
    """The lease end: the node reopens the zone then (``None``: until an operator reopens it)."""
    node_id: str = ""


@dataclass(frozen=True, slots=True)
class ZonesClosedChanged(Event):
    """An edge node said which zones operators closed on its governor (protocol 1.4).

    ``zones`` is the node's whole state, not a delta: the site service routes around the
    union of every node's closures.
    """

    url: str
    node_id: str
    zones: frozenset[str]
    change: str
    """``snapshot`` (after the handshake), ``closed``, ``reopened`` or ``lapsed``."""
    by: str
    """Who changed them: an operator, or the node for a lapsed lease."""
    closures: tuple[ZoneClosed, ...] = ()
    """Each zone in ``zones`` with who closed it, when, and until when."""


@dataclass(frozen=True, slots=True)
class AssistChanged(Event):
    """Assist requests were added or changed state (see :class:`app.core.assist.AssistQueue`).

    A Qt model coalesces these to one refresh per frame: it calls
    :meth:`~app.core.assist.AssistQueue.drain_changed` then and redraws those rows.
    """

    request_ids: tuple[str, ...]
    kind: str
    """``request`` (new or re-sent), ``update`` (state change), ``removed`` (forgotten),
    ``link`` (its edge link went down or came back: :attr:`AssistItem.link_down`)."""


@dataclass(frozen=True, slots=True)
class AssistReply(Event):
    """An edge node answered one of our assist commands (claim, answer, release, transfer)."""

    url: str
    request_id: str
    command: str
    """``assist_claim``, ``assist_answer``, ``assist_release`` or ``assist_transfer``."""
    accepted: bool
    reason: str
    owner: str | None = None


E = TypeVar("E", bound=Event)
Handler = Callable[[Any], None]


class EventBus:
    """Synchronous publish/subscribe by event type (and its base classes).

    A handler that raises is logged and skipped; it never stops delivery to the others.
    """

    def __init__(self) -> None:
        self._handlers: defaultdict[type[Event], list[Handler]] = defaultdict(list)

    def subscribe(self, kind: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        """Call ``handler`` for every published event of ``kind``; returns an unsubscriber."""
        self._handlers[kind].append(handler)
        return lambda: self._handlers[kind].remove(handler)

    def publish(self, event: Event) -> None:
        """Deliver ``event`` to the handlers of its type and of its base types."""
        for kind in type(event).__mro__:
            for handler in tuple(self._handlers.get(kind, ())):
                try:
                    handler(event)
                except Exception:  # isolation boundary: one observer cannot break others
                    log.exception("event handler %r failed on %r", handler, event)
