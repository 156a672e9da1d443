"""The console's assist queue: ordering, countdowns, backlog, aggregation, bounds."""

from __future__ import annotations

from app.core.assist import AssistQueue
from app.core.bus import AssistChanged, EventBus
from edge.protocol.messages import (
    AssistRequest,
    AssistUpdate,
    TelemetrySample,
    VehicleMode,
    VehicleState,
)

T0 = 1_700_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def sample(vid: str) -> TelemetrySample:
    return TelemetrySample(
        vehicle_id=vid,
        t=T0,
        x=1.0,
        y=2.0,
        heading_deg=0.0,
        speed_mps=0.0,
        mode=VehicleMode.AUTONOMOUS,
        state=VehicleState.ASSIST_NEEDED,
        energy=0.5,
    )


def request(
    rid: str,
    *,
    criticality: str = "medium",
    priority: int = 5,
    deadline: float = T0 + 10,
    key: str = "",
    created: float = T0,
) -> AssistRequest:
    return AssistRequest(
        seq=1,
        ts=T0,
        request_id=rid,
        vehicle_id=f"v-{rid}",
        reason_rules=["site.rule"],
        priority=priority,
        criticality=criticality,  # type: ignore[arg-type]
        deadline=deadline,
        hold_behaviour="hold",
        fallback="safe_stop",
        context=sample(f"v-{rid}"),
        node_id="gw-1",
        created_at=created,
        aggregate_key=key,
    )


def update(rid: str, state: str, at: float = T0, owner: str | None = None) -> AssistUpdate:
    return AssistUpdate(
        seq=2,
        ts=at,
        request_id=rid,
        vehicle_id=f"v-{rid}",
        state=state,  # type: ignore[arg-type]
        owner=owner,
        at=at,
    )


def make() -> tuple[AssistQueue, Clock, list[AssistChanged]]:
    bus, clock = EventBus(), Clock()
    events: list[AssistChanged] = []
    bus.subscribe(AssistChanged, events.append)
    return AssistQueue(bus, clock=clock, max_open=4, keep_closed=2), clock, events


def test_orders_by_criticality_then_priority_then_deadline() -> None:
    queue, _, _ = make()
    queue.on_request("ws://a", "gw-1", request("low", criticality="low", priority=0))
    queue.on_request("ws://a", "gw-1", request("late", priority=1, deadline=T0 + 30))
    queue.on_request("ws://a", "gw-1", request("soon", priority=1, deadline=T0 + 5))
    queue.on_request("ws://a", "gw-1", request("crit", criticality="critical", priority=9))
    assert [i.request_id for i in queue.open_items()] == ["crit", "soon", "late", "low"]


def test_countdowns_and_backlog_follow_the_injected_clock() -> None:
    queue, clock, _ = make()
    queue.on_request("ws://a", "gw-1", request("a", deadline=T0 + 10, created=T0))
    queue.on_request("ws://a", "gw-1", request("b", deadline=T0 + 20, created=T0 + 2))
    clock.now = T0 + 4
    assert queue.countdowns() == {"a": 6.0, "b": 16.0}
    backlog = queue.backlog()
    assert (backlog.open, backlog.unclaimed, backlog.oldest_age_s) == (2, 2, 4.0)
    queue.on_update(update("a", "claimed", owner="alice"))
    queue.on_update(update("a", "answered", at=T0 + 5))
    queue.on_update(update("b", "expired", at=T0 + 20))
    clock.now = T0 + 30
    backlog = queue.backlog()
    assert (backlog.open, backlog.answered_per_hour, backlog.expired_per_hour) == (0, 1, 1)
    clock.now = T0 + 5 + 3601
    assert queue.backlog().answered_per_hour == 0


def test_changes_are_published_and_drained_once() -> None:
    queue, _, events = make()
    queue.on_request("ws://a", "gw-1", request("a"))
    queue.on_update(update("a", "claimed", owner="bob"))
    assert [e.kind for e in events] == ["request", "update"]
    assert queue.drain_changed() == {"a"}
    assert queue.drain_changed() == set()
    item = queue.get("a")
    assert item is not None
    assert (item.state, item.owner) == ("claimed", "bob")


def test_similar_matches_exactly_the_same_key_on_the_same_node() -> None:
    queue, _, _ = make()
    queue.on_request("ws://a", "gw-1", request("a", key="zone-7|rule.x"))
    queue.on_request("ws://a", "gw-1", request("b", key="zone-7|rule.x"))
    queue.on_request("ws://a", "gw-1", request("c", key="zone-8|rule.x"))
    queue.on_request("ws://a", "gw-1", request("d"))
    assert sorted(i.request_id for i in queue.similar("a")) == ["a", "b"]
    assert [i.request_id for i in queue.similar("d")] == ["d"]
    queue.on_update(update("b", "answered"))
    assert [i.request_id for i in queue.similar("a")] == ["a"]


def test_bounded_open_and_closed() -> None:
    queue, _, _ = make()
    for rid in "abcd":
        assert queue.on_request("ws://a", "gw-1", request(rid)) is not None
    assert queue.on_request("ws://a", "gw-1", request("e")) is None
    assert queue.refused == 1
    for rid in "abc":
        queue.on_update(update(rid, "answered"))
    assert [i.request_id for i in queue.closed_items()] == ["c", "b"]  # "a" forgotten
    assert "a" not in queue


def test_link_up_forgets_open_requests_of_that_link_only() -> None:
    queue, _, _ = make()
    queue.on_request("ws://a", "gw-1", request("a"))
    queue.on_request("ws://b", "gw-2", request("b"))
    queue.on_request("ws://a", "gw-1", request("c"))
    queue.on_update(update("c", "answered"))
    queue.on_link_up("ws://a")
    assert "a" not in queue
    assert "b" in queue
    assert "c" in queue  # closed history stays


def test_next_open_wraps_and_skips_claimed() -> None:
    queue, _, _ = make()
    queue.on_request("ws://a", "gw-1", request("a", priority=1))
    queue.on_request("ws://a", "gw-1", request("b", priority=2))
    queue.on_request("ws://a", "gw-1", request("c", priority=3))
    queue.on_update(update("b", "claimed", owner="x"))
    assert queue.next_open() == "a"
    assert queue.next_open("a") == "c"
    assert queue.next_open("c") == "a"
    assert queue.next_open("a", unclaimed_only=False) == "b"


def test_public_api_is_pinned() -> None:
    import app.core.assist as assist

    assert set(assist.__all__) == {
        "CRITICALITY_RANK",
        "OPEN_STATES",
        "AssistItem",
        "AssistQueue",
        "Backlog",
    }


def test_requests_of_a_node_whose_link_is_down_are_flagged_until_it_returns() -> None:
    from app.core.bus import LinkDown, LinkUp

    clock, bus = Clock(), EventBus()
    queue = AssistQueue(bus, clock=clock)
    queue.on_request("ws://a", "gw-1", request("r1"))
    queue.on_request("ws://b", "gw-2", request("r2"))
    queue.on_request("ws://a", "gw-1", request("r3"))
    queue.on_update(update("r3", "answered"))
    queue.drain_changed()
    changes: list[AssistChanged] = []
    bus.subscribe(AssistChanged, changes.append)

    bus.publish(LinkDown(T0, "ws://a", "gw-1", "closed"))
    assert [i.request_id for i in queue.open_items() if i.link_down] == ["r1"]
    assert queue.links_down() == 1
    assert queue.drain_changed() == {"r1"}  # the closed r3 keeps its known outcome
    assert [c.kind for c in changes] == ["link"]

    bus.publish(LinkDown(T0, "ws://a", "gw-1", "again"))  # no change, no event
    assert len(changes) == 1
    bus.publish(LinkUp(T0, "ws://a", "gw-1", 3))
    assert queue.links_down() == 0
    assert not queue.get("r1").link_down  # type: ignore[union-attr]
    assert not queue.get("r2").link_down  # type: ignore[union-attr]
