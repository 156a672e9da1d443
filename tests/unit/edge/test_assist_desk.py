"""The edge's assist desk with real simulated vehicles and a real governor (injected clock)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from edge.assist import AnswerPolicy, AssistDesk, FeatureLocator
from edge.assist.routecheck import check_route
from edge.decisions import verdict_of
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle, parse_bundle
from edge.governor.zonestate import close_zones
from edge.hal.base import Guidance
from edge.hal.sim import SimVehicle
from edge.hal.sim_world import SimWorld
from edge.protocol.messages import AssistAnswer, LinkState, Outcome, VehicleState
from edge.security.roles import Role
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from maps.site import PointOfInterest

T0 = 1_700_000_000.0
DT = 0.1


def escalating_bundle(*, fallback: str = "safe_stop", deadline_s: float = 10.0) -> Any:
    """The core bundle plus site rules that escalate every mission start."""
    doc = load_core_bundle().model_dump(mode="json")
    spec = {
        "priority": 3,
        "criticality": "high",
        "deadline_s": deadline_s,
        "hold_behaviour": "hold",
        "fallback": fallback,
    }
    start = {"field": "action", "op": "eq", "value": "start_task"}
    doc["rules"] += [
        {
            "id": "test.gate_check",
            "explanation": "Every departure is checked by an operator.",
            "strength": "E",
            "source": "test",
            "when": [start],
            "effect": {"outcome": "ESCALATE", "escalation": spec},
        },
        {
            "id": "test.heavy_law",
            "explanation": "Loaded departures need a human by law.",
            "strength": "R",
            "source": "test",
            "when": [start, {"field": "load_t", "op": "gt", "value": 1000.0 - 1e-9}],
            "effect": {"outcome": "ESCALATE", "escalation": spec},
        },
    ]
    return parse_bundle(doc, source="test")


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


class Rig:
    """Vehicles, governor and desk stepped together on an injected clock."""

    def __init__(
        self,
        site: Site,
        starts: list[PointOfInterest],
        governor: Governor | None = None,
        **bundle: Any,
    ) -> None:
        self.world = SimWorld(site)
        self.governor = governor or Governor(escalating_bundle(**bundle), site)
        self.vehicles = [
            SimVehicle(self.world, f"v{i}", "haul_truck", seed=i, start=poi)
            for i, poi in enumerate(starts)
        ]
        for v in self.vehicles:
            v.set_link_state(LinkState.CONNECTED)
        self.now = T0
        self.desk = AssistDesk(
            "gw-t",
            policy=lambda: AnswerPolicy.of(self.governor),
            locate=FeatureLocator(site),
            monotonic=lambda: self.now - T0,
            route_check=lambda p, w: check_route(self.governor, p, w),
        )

    def step(self, seconds: float) -> None:
        for _ in range(round(seconds / DT)):
            self.now += DT
            for v in self.vehicles:
                v.step(self.now, DT)
                for p in v.pop_proposals():
                    d = self.governor.decide(p)
                    v.apply_verdict(p, verdict_of(d))  # permissive ones at once: no journal
                    self.desk.decided(v, p, d, self.now)
            self.desk.record(self.vehicles, self.now)
            self.desk.tick(self.now)

    def until_requests(self, n: int) -> list[str]:
        for _ in range(200):
            ids = [r["request_id"] for r in self.desk.open_requests()]
            if len(ids) >= n:
                return ids
            self.step(DT)
        raise AssertionError(f"fewer than {n} requests opened")

    def answer(self, rid: str, kind: str, operator: str = "alice", **fields: Any) -> AssistAnswer:
        return AssistAnswer.model_validate(
            {"seq": 1, "ts": self.now, "request_id": rid, "operator": operator, "answer": kind}
            | fields
        )


def loading(site: Site) -> list[PointOfInterest]:
    return [p for p in site.pois if p.kind == "loading"]


def test_escalation_opens_one_journaled_request_with_context(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    rig.step(5.0)  # re-checks while waiting do not open more
    assert [r["request_id"] for r in rig.desk.open_requests()] == [rid]
    (req,) = rig.desk.open_requests()
    assert req["reason_rules"] == ["test.gate_check"]
    assert req["explanations"] == ["Every departure is checked by an operator."]
    assert req["criticality"] == "high"
    assert req["fallback"] == "safe_stop"
    assert req["context"].vehicle_id == "v0"
    assert req["history"]  # the last minute at 1 Hz, oldest first
    assert req["feature"] is not None
    assert req["aggregate_key"] == f"{req['feature']}|test.gate_check"
    events = rig.desk.pop_events()
    assert events[0].kind == "request"
    assert events[0].body.action == "assist.request"
    assert events[0].body.outcome is Outcome.ESCALATE
    assert f"assist:{rid}" in events[0].body.fired_rules


def test_first_claim_wins_and_others_learn_the_owner(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    first = rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    second = rig.desk.claim(rid, "bob", Role.ASSIST, rig.now)
    assert first.granted
    assert first.lease_until is not None
    assert not second.granted
    assert second.owner == "alice"
    assert "claimed by alice" in second.reason
    assert rig.desk.claim(rid, "alice", Role.ASSIST, rig.now + 1).granted  # renew
    actions = [e.body.action for e in rig.desk.pop_events()]
    assert actions.count("assist.claim") == 2
    assert actions.count("assist.claim_refused") == 1
    assert not rig.desk.claim("nope", "alice", Role.ASSIST, rig.now).granted


def test_lapsed_lease_is_offered_again(site: Site) -> None:
    rig = Rig(site, loading(site)[:1], deadline_s=120.0)
    (rid,) = rig.until_requests(1)
    rig.desk.lease_s = 2.0
    assert rig.desk.claim(rid, "alice", Role.ASSIST, rig.now).granted
    rig.step(2.5)
    assert rig.desk.state_of(rid) == "offered"
    assert rig.desk.owner_of(rid) is None
    assert rig.desk.claim(rid, "bob", Role.ASSIST, rig.now).granted


def test_deadline_applies_the_fallback_on_the_edge_and_refuses_late_answers(site: Site) -> None:
    rig = Rig(site, loading(site)[:1], deadline_s=3.0)
    (rid,) = rig.until_requests(1)
    assert rig.desk.claim(rid, "alice", Role.ASSIST, rig.now).granted
    rig.desk.pop_events()
    rig.step(3.5)
    assert rig.desk.state_of(rid) == "expired"
    assert rig.vehicles[0].sample(rig.now).state is VehicleState.SAFE_STOP
    (update,) = [e for e in rig.desk.pop_events() if e.fields.get("state") == "expired"]
    assert update.fields["fallback"] == "safe_stop"
    # The simulated vehicle applies its own fallback at the same deadline, first: the desk
    # says so rather than claim it applied it.
    assert update.fields["fallback_result"] == "already_stopped"
    assert "its own safe stop" in update.fields["detail"]
    assert update.body.outcome is Outcome.TERMINATE
    late = rig.desk.answer(rig.answer(rid, "confirm"), "alice", Role.ASSIST, rig.now)
    assert late.refusal is not None
    assert "expired" in late.refusal


def expiry(rig: Rig) -> Any:
    (update,) = [e for e in rig.desk.pop_events() if e.fields.get("state") == "expired"]
    return update


def test_the_audit_says_what_the_vehicle_did_with_the_fallback(site: Site) -> None:
    # Applied: the desk reaches the deadline before the vehicle's own clock does.
    rig = Rig(site, loading(site)[:1], deadline_s=3.0)
    (rid,) = rig.until_requests(1)
    deadline = rig.desk.open_requests()[0]["deadline"]
    rig.desk.pop_events()
    rig.desk.tick(deadline)
    update = expiry(rig)
    assert (update.fields["fallback_result"], update.fields["detail"]) == (
        "applied",
        "fallback safe_stop applied",
    )
    assert update.body.outcome is Outcome.TERMINATE
    assert rig.vehicles[0].sample(rig.now).state is VehicleState.SAFE_STOP
    # Not applicable: the vehicle was no longer waiting (held by other means meanwhile), so
    # nothing was enforced and the receipt does not say TERMINATE.
    rig = Rig(site, loading(site)[:1], deadline_s=3.0)
    (rid,) = rig.until_requests(1)
    deadline = rig.desk.open_requests()[0]["deadline"]
    vehicle = rig.vehicles[0]
    assert vehicle.apply_guidance(Guidance("hold", rid, "local-hmi")) is None
    rig.step(1.0)  # it brakes to a stop and waits for a task
    assert rig.desk.state_of(rid) == "offered"
    rig.desk.pop_events()
    rig.desk.tick(deadline)
    update = expiry(rig)
    assert update.fields["fallback_result"] == "not_applicable"
    assert update.fields["detail"].startswith("fallback safe_stop not applied: the vehicle is")
    assert "not waiting for an answer" in update.fields["detail"]
    assert update.body.outcome is Outcome.ESCALATE
    assert vehicle.sample(rig.now).state is not VehicleState.SAFE_STOP


def test_hold_fallback_holds_without_a_latch(site: Site) -> None:
    rig = Rig(site, loading(site)[:1], deadline_s=2.0, fallback="hold")
    (rid,) = rig.until_requests(1)
    rig.step(3.0)
    assert rig.desk.state_of(rid) == "expired"
    assert rig.vehicles[0].sample(rig.now).state is not VehicleState.SAFE_STOP


def test_answer_needs_the_claim_and_confirm_lets_the_vehicle_go(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    unclaimed = rig.desk.answer(rig.answer(rid, "confirm"), "alice", Role.ASSIST, rig.now)
    assert unclaimed.refusal is not None
    assert "claim it first" in unclaimed.refusal
    rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    done = rig.desk.answer(rig.answer(rid, "confirm"), "alice", Role.ASSIST, rig.now)
    assert done.refusal is None
    assert done.resolved == (rid,)
    rig.step(3.0)  # the vehicle re-proposed; the governor escalated again; answered: it goes
    assert rig.vehicles[0].sample(rig.now).state is VehicleState.MOVING
    assert rig.desk.open_requests() == []


def test_overrides_beyond_policy_are_refused_with_a_reason(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    cases: dict[str, tuple[dict[str, Any], str]] = {
        "regulation": ({"waive_rules": ["test.heavy_law"], "override_s": 60.0}, "strength R"),
        "hard": ({"waive_rules": ["core.blocked_zone"], "override_s": 60.0}, "never"),
        "scope": ({"waive_rules": ["core.perception_low"], "override_s": 60.0}, "did not escalate"),
        "too long": ({"waive_rules": ["test.gate_check"], "override_s": 3600.0}, "at most 600"),
        "no time": ({"waive_rules": ["test.gate_check"]}, "duration"),
        "blocked zone": ({"zone_id": "no-such-zone", "override_s": 60.0}, "RELEASE"),
    }
    for name, (fields, words) in cases.items():
        result = rig.desk.answer(
            rig.answer(rid, "override", **fields), "alice", Role.ASSIST, rig.now
        )
        assert result.refusal is not None, name
        assert words in result.refusal, (name, result.refusal)
    assert rig.desk.state_of(rid) == "claimed"
    # A supervisor may give a longer one; within limits the override is applied.
    ok = rig.desk.answer(
        rig.answer(rid, "override", waive_rules=["test.gate_check"], override_s=900.0),
        "alice",
        Role.SUPERVISOR,
        rig.now,
    )
    assert ok.refusal is None
    assert rig.desk.state_of(rid) == "answered"


def test_aggregation_answers_exactly_the_matching_requests(site: Site) -> None:
    pois = loading(site)
    here, there = pois[0], pois[1]
    locate = FeatureLocator(site)
    assert locate(*site.graph.node_xy[here.node]) != locate(*site.graph.node_xy[there.node])
    rig = Rig(site, [here, here, here, there])
    ids = rig.until_requests(4)
    by_vehicle = {r["vehicle_id"]: r["request_id"] for r in rig.desk.open_requests()}
    a, b, c, d = (by_vehicle[f"v{i}"] for i in range(4))
    rig.desk.claim(a, "alice", Role.ASSIST, rig.now)
    rig.desk.claim(c, "bob", Role.ASSIST, rig.now)  # someone else's: not taken from them
    result = rig.desk.answer(
        rig.answer(a, "hold", request_ids=[a, b, c, d, "unknown"]), "alice", Role.ASSIST, rig.now
    )
    assert result.refusal is None
    assert sorted(result.resolved) == sorted([a, b])
    assert sorted(result.skipped) == sorted([c, d, "unknown"])
    assert {rig.desk.state_of(r) for r in (a, b)} == {"answered"}
    assert rig.desk.state_of(c) == "claimed"
    assert rig.desk.state_of(d) == "offered"
    assert len(ids) == 4


def test_release_transfer_and_supervisor_only(site: Site) -> None:
    rig = Rig(site, loading(site)[:1], deadline_s=120.0)
    (rid,) = rig.until_requests(1)
    assert rig.desk.release(rid, "alice", rig.now) is not None  # not hers
    rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    assert rig.desk.transfer(rid, "alice", rig.now, to_operator="bob") is None
    assert rig.desk.owner_of(rid) == "bob"
    assert rig.desk.release(rid, "bob", rig.now) is None
    assert rig.desk.state_of(rid) == "offered"
    rig.desk.claim(rid, "carol", Role.ASSIST, rig.now)
    assert rig.desk.transfer(rid, "carol", rig.now, to_operator=None, to_role="supervisor") is None
    refused = rig.desk.claim(rid, "dave", Role.ASSIST, rig.now)
    assert not refused.granted
    assert "supervisor" in refused.reason
    assert not rig.desk.claim(rid, "eve", None, rig.now).granted  # unverified
    assert rig.desk.claim(rid, "sue", Role.SUPERVISOR, rig.now).granted
    ops = [(e.body.action, e.body.fired_rules[1]) for e in rig.desk.pop_events() if e.fields]
    assert ("assist.transfer", "operator:alice") in ops
    assert ("assist.release", "operator:bob") in ops


def test_estop_withdraws_the_request(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    rig.vehicles[0].emergency_stop("test")
    rig.desk.withdraw("v0", rig.now, "e-stop")
    assert rig.desk.state_of(rid) == "withdrawn"
    assert rig.desk.open_for("v0") is None


def test_a_scripted_perception_dip_escalates_under_the_core_rules(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    rig.governor = Governor(load_core_bundle(), site)  # no site rule: the core rule asks
    rig.step(8.0)  # the vehicle leaves on its first mission
    assert rig.desk.open_requests() == []
    assert rig.vehicles[0].inject_perception_dip(rig.now, 30.0)
    rig.step(DT)
    (req,) = rig.desk.open_requests()
    assert req["reason_rules"] == ["core.perception_low"]


def test_an_answer_lease_ends_with_its_loss_behaviour(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    lease = rig.now + 3.0
    done = rig.desk.answer(
        rig.answer(rid, "confirm", lease_until=lease, loss_behaviour="stop"),
        "alice",
        Role.ASSIST,
        rig.now,
    )
    assert done.refusal is None
    rig.step(2.0)
    assert rig.vehicles[0].sample(rig.now).state is VehicleState.MOVING
    rig.step(8.0)  # the lease ended: "stop" holds the vehicle until a new task
    sample = rig.vehicles[0].sample(rig.now)
    assert sample.speed_mps == 0.0
    assert sample.state is VehicleState.HOLDING


def test_reroute_is_checked_then_re_proposed(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    far = rig.desk.answer(
        rig.answer(rid, "reroute", waypoints=[(1e6, 1e6)]), "alice", Role.ASSIST, rig.now
    )
    assert far.refusal is not None
    assert "too long to check" in far.refusal  # the governor's check comes first
    assert rig.desk.state_of(rid) == "claimed"
    x, y = site.graph.node_xy[0]
    off = rig.desk.answer(
        rig.answer(rid, "reroute", waypoints=[(float(x) + 200.0, float(y) + 200.0)]),
        "alice",
        Role.ASSIST,
        rig.now,
    )
    assert off.refusal is not None
    assert off.refusal.startswith("vehicle refused:")
    assert "from the nearest road" in off.refusal
    assert rig.desk.state_of(rid) == "claimed"
    dump = next(p for p in site.pois if p.kind == "dump")
    x, y = site.graph.node_xy[dump.node]
    via = rig.desk.answer(
        rig.answer(rid, "reroute", waypoints=[(float(x), float(y))]), "alice", Role.ASSIST, rig.now
    )
    assert via.refusal is None
    assert rig.desk.state_of(rid) == "answered"
    rig.step(1.0)  # re-proposed to start: the site rule escalates again, a new request
    assert rig.desk.open_for("v0") not in (None, rid)


def route_nodes_xy(rig: Rig, start: int, goal: int) -> list[tuple[float, float]]:
    """Every node of the sim's fastest route, as a console sends a chosen road route."""
    graph = rig.world.site.graph
    nodes = [graph.edges[e].v for e in rig.world.route(start, goal)]
    return [(float(graph.node_xy[n][0]), float(graph.node_xy[n][1])) for n in nodes]


def test_a_route_through_a_zone_closed_since_is_refused_by_the_governor(site: Site) -> None:
    rig = Rig(site, loading(site)[:1])
    (rid,) = rig.until_requests(1)
    rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    crusher = next(p for p in site.pois if p.kind == "crusher")
    start = loading(site)[0].node
    waypoints = route_nodes_xy(rig, start, crusher.node)
    # An operator closed Z04 (the crusher's approach) after the console planned the route:
    # the governor in use has it BLOCKED, so the route is refused with the rule and the zone.
    open_governor = rig.governor
    rig.governor = Governor(open_governor.bundle, close_zones(site, frozenset({"Z04"})))
    refused = rig.desk.answer(
        rig.answer(rid, "reroute", waypoints=waypoints), "alice", Role.ASSIST, rig.now
    )
    assert refused.refusal is not None
    assert refused.refusal.startswith("the governor refuses the route")
    assert "zone Z04" in refused.refusal
    assert "core.blocked_zone" in refused.refusal
    assert rig.desk.state_of(rid) == "claimed"  # nothing applied; the owner may answer again
    journal = [e.body for e in rig.desk.pop_events()]
    assert journal[-1].action == "assist.answer_refused"
    assert any("Z04" in f for f in journal[-1].fired_rules)
    # Reopened, the same route passes and the vehicle takes it.
    rig.governor = open_governor
    taken = rig.desk.answer(
        rig.answer(rid, "reroute", waypoints=waypoints), "alice", Role.ASSIST, rig.now
    )
    assert taken.refusal is None
    assert rig.desk.state_of(rid) == "answered"


def test_a_confirmed_vehicle_going_on_under_its_answer_opens_no_new_request(site: Site) -> None:
    # Perception stays low after the confirmation: every re-check escalates again, but the
    # answer covers the vehicle's mission. A request opened then could not be answered (the
    # vehicle is not waiting) and would "expire" with a fallback the vehicle never applied.
    rig = Rig(site, loading(site)[:1])
    rig.governor = Governor(load_core_bundle(), site)
    rig.step(8.0)
    vehicle = rig.vehicles[0]
    assert vehicle.inject_perception_dip(rig.now, 120.0)
    rig.step(DT)
    (req,) = rig.desk.open_requests()
    rid = req["request_id"]
    rig.desk.claim(rid, "alice", Role.ASSIST, rig.now)
    done = rig.desk.answer(rig.answer(rid, "confirm"), "alice", Role.ASSIST, rig.now)
    assert done.refusal is None
    assert vehicle.answered("core.perception_low")
    rig.step(60.0)  # well past a request's deadline, still in the dip
    assert vehicle.sample(rig.now).state is VehicleState.MOVING
    assert rig.desk.open_requests() == []
    events = rig.desk.pop_events()
    assert [e.request_id for e in events if e.kind == "request"] == [rid]
    assert [e for e in events if e.fields.get("state") == "expired"] == []
