"""The site-wide assist queue the console shows: every edge node's requests, merged and ordered.

Edge nodes own their requests (they arbitrate claims and apply answers); the queue is the
console's view of them, fed by the edge links (:meth:`AssistQueue.on_request`,
:meth:`AssistQueue.on_update`).  It orders open requests by criticality, priority and
deadline, computes countdowns and backlog figures from an injected clock, and publishes an
:class:`~app.core.bus.AssistChanged` event on every change; a Qt model refreshes once per
frame from :meth:`AssistQueue.drain_changed`.

Bounded: at most ``max_open`` open requests (beyond that the newest request is refused and
logged: an edge node re-sends it on the next reconnect) and ``keep_closed`` closed ones (the
oldest closed one is forgotten first).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.core.bus import AssistChanged, EventBus, LinkDown, LinkUp

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from edge.protocol.messages import AssistRequest, AssistUpdate, TelemetrySample

__all__ = [
    "CRITICALITY_RANK",
    "OPEN_STATES",
    "AssistItem",
    "AssistQueue",
    "Backlog",
]

log = logging.getLogger(__name__)

CRITICALITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
"""Sort rank of each criticality: the most critical first."""
OPEN_STATES = frozenset({"offered", "claimed"})
"""States in which a request still waits for an answer."""
ANSWERED_WINDOW_S = 3600.0
"""The backlog's "answered per hour" counts answers in this trailing window."""


@dataclass(frozen=True, slots=True)
class AssistItem:
    """One assist request as the console knows it (immutable; replaced on every change).

    Attributes
    ----------
    request_id, vehicle_id
        The request and its vehicle.
    node_id, url
        The edge node that owns and arbitrates the request, and the link it came over.
    reason_rules, explanations
        The rules that escalated, and their English explanations (translate by rule id).
    priority, criticality
        0 is the most urgent priority; criticality ``low`` .. ``critical``.
    deadline
        Wall clock by which an answer must reach the edge, else ``fallback`` applies.
    state
        ``offered``, ``claimed``, ``answered``, ``expired``, ``cleared`` or ``withdrawn``.
    owner, lease_until
        Who holds the claim, and until when (wall clock), while ``claimed``.
    min_role
        ``supervisor`` once a request was handed to supervisors.
    """

    request_id: str
    vehicle_id: str
    node_id: str
    url: str
    reason_rules: tuple[str, ...]
    explanations: tuple[str, ...]
    priority: int
    criticality: str
    deadline: float
    hold_behaviour: str
    fallback: str
    action: str
    feature: str | None
    aggregate_key: str
    created_at: float
    received_at: float
    context: TelemetrySample
    history: tuple[TelemetrySample, ...]
    state: str = "offered"
    owner: str | None = None
    lease_until: float | None = None
    min_role: str = "assist"
    last_by: str | None = None
    answer: str | None = None
    applied_fallback: str | None = None
    """The fallback due when the request expired (what the vehicle did: :attr:`fallback_result`)."""
    fallback_result: str | None = None
    """What the vehicle did with it: ``applied``, ``already_stopped`` or ``not_applicable``
    (``detail`` says why); ``None`` when the edge node does not say (before protocol 1.3)."""
    detail: str = ""
    changed_at: float = 0.0
    """When this console learnt of the latest change (its clock)."""
    state_at: float = 0.0
    """When the latest change happened on the edge node (the node's clock)."""
    link_down: bool = False
    """The link to the arbitrating edge node is down: no claim or answer can reach it, and no
    state change (answer by another console, fallback at the deadline) reaches us."""

    @property
    def is_open(self) -> bool:
        """Whether the request still waits for an answer (offered or claimed)."""
        return self.state in OPEN_STATES

    def remaining_s(self, now: float) -> float:
        """Seconds left before the deadline (negative once it has passed)."""
        return self.deadline - now

    def lease_remaining_s(self, now: float) -> float | None:
        """Seconds left on the owner's lease, or ``None`` when nobody holds one."""
        return None if self.lease_until is None else self.lease_until - now

    def age_s(self, now: float) -> float:
        """How long the request has been waiting, from the edge's escalation time."""
        return now - (self.created_at or self.received_at)

    @property
    def sort_key(self) -> tuple[int, int, float, float, str]:
        """Queue order: criticality, priority, deadline, age, id."""
        return (
            CRITICALITY_RANK.get(self.criticality, 9),
            self.priority,
            self.deadline,
            self.created_at,
            self.request_id,
        )


@dataclass(frozen=True, slots=True)
class Backlog:
    """The queue's load figures for the status strip."""

    open: int
    """Requests offered or claimed."""
    unclaimed: int
    """Requests offered and owned by nobody."""
    critical: int
    """Open requests of criticality ``critical``."""
    oldest_age_s: float
    """Age of the oldest open request (0 when none is open)."""
    answered_per_hour: int
    """Requests answered in the trailing hour."""
    expired_per_hour: int
    """Requests whose deadline passed unanswered in the trailing hour."""


class AssistQueue:
    """Every edge node's assist requests, merged, ordered and counted.

    Parameters
    ----------
    bus
        Where :class:`~app.core.bus.AssistChanged` events go.
    clock
        Wall clock for countdowns and backlog figures (inject one in tests).
    max_open, keep_closed
        Bounds on open and closed (answered, expired, ...) requests kept.
    """

    def __init__(
        self,
        bus: EventBus,
        *,
        clock: Callable[[], float] = time.time,
        max_open: int = 10_000,
        keep_closed: int = 2_000,
    ) -> None:
        self._bus = bus
        self._clock = clock
        self._max_open = max_open
        self._keep_closed = keep_closed
        self._items: dict[str, AssistItem] = {}
        self._closed: OrderedDict[str, None] = OrderedDict()
        self._answered: deque[float] = deque(maxlen=100_000)
        self._expired: deque[float] = deque(maxlen=100_000)
        self._changed: set[str] = set()
        self.refused = 0
        """Requests refused because ``max_open`` were already open."""
        bus.subscribe(LinkDown, lambda e: self._mark_link(e.url, down=True))
        bus.subscribe(LinkUp, lambda e: self._mark_link(e.url, down=False))

    # ------------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, request_id: object) -> bool:
        return request_id in self._items

    def get(self, request_id: str) -> AssistItem | None:
        """Return a request by id, or ``None``."""
        return self._items.get(request_id)

    def open_items(self) -> list[AssistItem]:
        """Return the open requests in queue order (most urgent first)."""
        return sorted((i for i in self._items.values() if i.is_open), key=lambda i: i.sort_key)

    def closed_items(self) -> list[AssistItem]:
        """Return the closed requests kept, most recently closed first."""
        return [self._items[r] for r in reversed(self._closed) if r in self._items]

    def similar(self, request_id: str) -> list[AssistItem]:
        """Return the open requests one answer may resolve with ``request_id`` (aggregation).

        Those on the same edge node with the same aggregate key (same feature, same reason),
        in queue order, ``request_id`` included; just that one when it has no key.
        """
        item = self._items.get(request_id)
        if item is None or not item.is_open:
            return []
        if not item.aggregate_key:
            return [item]
        return [
            i
            for i in self.open_items()
            if i.node_id == item.node_id and i.aggregate_key == item.aggregate_key
        ]

    def next_open(self, after: str | None = None, *, unclaimed_only: bool = True) -> str | None:
        """Return the id of the next open request in queue order after ``after`` (wrapping).

        For a keyboard "next" action; ``unclaimed_only`` skips requests someone owns.
        """
        items = [i for i in self.open_items() if not unclaimed_only or i.owner is None]
        if not items:
            return None
        ids = [i.request_id for i in items]
        if after in ids:
            return ids[(ids.index(after) + 1) % len(ids)]
        return ids[0]

    def backlog(self, now: float | None = None) -> Backlog:
        """Return the load figures at ``now`` (the injected clock by default)."""
        now = self._clock() if now is None else now
        open_items = [i for i in self._items.values() if i.is_open]
        since = now - ANSWERED_WINDOW_S
        return Backlog(
            open=len(open_items),
            unclaimed=sum(1 for i in open_items if i.owner is None),
            critical=sum(1 for i in open_items if i.criticality == "critical"),
            oldest_age_s=max((i.age_s(now) for i in open_items), default=0.0),
            answered_per_hour=sum(1 for t in self._answered if t >= since),
            expired_per_hour=sum(1 for t in self._expired if t >= since),
        )

    def countdowns(self, now: float | None = None) -> dict[str, float]:
        """Return the seconds left before each open request's deadline."""
        now = self._clock() if now is None else now
        return {i.request_id: i.remaining_s(now) for i in self._items.values() if i.is_open}

    def has_changes(self) -> bool:
        """Whether requests changed since the last :meth:`drain_changed` (cheap, per frame)."""
        return bool(self._changed)

    def drain_changed(self) -> set[str]:
        """Return and forget the ids changed since the last call (for a per-frame refresh)."""
        changed, self._changed = self._changed, set()
        return changed

    # ------------------------------------------------------------------ feeding (edge links)

    def on_request(self, url: str, node_id: str, message: AssistRequest) -> AssistItem | None:
        """Add or refresh a request sent by an edge node (new, or re-sent after a reconnect).

        Returns the item, or ``None`` when the queue is full (the request is refused).
        """
        now = self._clock()
        known = self._items.get(message.request_id)
        if known is None and self._open_count() >= self._max_open:
            self.refused += 1
            log.warning(
                "assist queue full (%d open): request %s from %s not shown",
                self._max_open,
                message.request_id,
                node_id,
            )
            return None
        item = AssistItem(
            request_id=message.request_id,
            vehicle_id=message.vehicle_id,
            node_id=message.node_id or node_id,
            url=url,
            reason_rules=tuple(message.reason_rules),
            explanations=tuple(message.explanations),
            priority=message.priority,
            criticality=message.criticality,
            deadline=message.deadline,
            hold_behaviour=message.hold_behaviour,
            fallback=message.fallback,
            action=message.action,
            feature=message.feature,
            aggregate_key=message.aggregate_key,
            created_at=message.created_at or now,
            received_at=known.received_at if known is not None else now,
            context=message.context,
            history=tuple(message.history),
            state=message.state,
            owner=message.owner,
            lease_until=message.lease_until,
            changed_at=now,
            state_at=message.created_at or now,
        )
        self._store(item)
        self._publish((item.request_id,), "request")
        return item

    def on_update(self, message: AssistUpdate) -> AssistItem | None:
        """Apply a state change sent by an edge node; ``None`` for an unknown request."""
        item = self._items.get(message.request_id)
        if item is None:
            return None
        was_open = item.is_open
        item = replace(
            item,
            state=message.state,
            owner=message.owner,
            lease_until=message.lease_until,
            min_role=message.min_role,
            last_by=message.by,
            answer=message.answer if message.answer is not None else item.answer,
            applied_fallback=message.fallback,
            fallback_result=message.fallback_result,
            detail=message.detail,
            changed_at=self._clock(),
            state_at=message.at,
        )
        self._store(item)
        if was_open and item.state == "answered":
            self._answered.append(message.at)
        elif was_open and item.state == "expired":
            self._expired.append(message.at)
        self._publish((item.request_id,), "update")
        return item

    def on_link_up(self, url: str) -> None:
        """Forget the open requests that came over ``url``: the node re-sends those still open.

        Called when a session (re)opens, before the node re-sends; requests answered or
        expired while the link was down then do not linger as open.
        """
        gone = [r for r, i in self._items.items() if i.url == url and i.is_open]
        for request_id in gone:
            del self._items[request_id]
        if gone:
            self._changed.update(gone)
            self._publish(tuple(gone), "removed")

    def links_down(self) -> int:
        """Return how many open requests came over a link that is down now."""
        return sum(1 for i in self._items.values() if i.is_open and i.link_down)

    # ------------------------------------------------------------------ internals

    def _mark_link(self, url: str, *, down: bool) -> None:
        """Flag (or clear) the open requests of ``url`` on ``LinkDown`` / ``LinkUp``.

        The operator must not believe an answer to a flagged request will arrive.  Closed
        requests keep their flag as it was: their outcome is already known.
        """
        marked = [
            replace(i, link_down=down)
            for i in self._items.values()
            if i.url == url and i.is_open and i.link_down != down
        ]
        for item in marked:
            self._items[item.request_id] = item
        if marked:
            self._publish((i.request_id for i in marked), "link")

    def _open_count(self) -> int:
        return sum(1 for i in self._items.values() if i.is_open)

    def _store(self, item: AssistItem) -> None:
        self._items[item.request_id] = item
        if item.is_open:
            self._closed.pop(item.request_id, None)
            return
        self._closed[item.request_id] = None
        self._closed.move_to_end(item.request_id)
        while len(self._closed) > self._keep_closed:
            old, _ = self._closed.popitem(last=False)
            self._items.pop(old, None)

    def _publish(self, ids: Iterable[str], kind: str) -> None:
        ids = tuple(ids)
        self._changed.update(ids)
        self._bus.publish(AssistChanged(self._clock(), ids, kind))
