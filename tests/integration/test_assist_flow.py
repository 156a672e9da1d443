"""Tele-assist end to end over real WebSockets: one edge node, two consoles.

Claim races (exactly one owner, also across a reconnect), answers and refusals reaching both
queues, the deadline fallback applied on the edge and shown, a 1.0 console served in 1.0, and
every event journaled with the operator.
"""

from __future__ import annotations

import asyncio
import json
import time
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest
import shapely
from websockets.asyncio.client import connect

from app.core.errors import LinkError
from app.core.identity import Identity
from app.core.service import SiteService
from edge.__main__ import build_node
from edge.governor.context import Proposal
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle, parse_bundle
from edge.hal.sim import SimVehicle
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol import LinkState, Outcome, VehicleState
from edge.security.accounts import AccountStore, ScryptParams
from edge.security.authority import SiteAuthority
from edge.security.guard import EdgeGuard
from edge.security.roles import Role
from edge.security.tls import TlsCredentials, client_context
from maps.routing.router import Router
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from pathlib import Path

pytestmark = pytest.mark.integration

TIMEOUT_S = 20.0
FAST = ScryptParams(n=2**10, r=8, p=1)
PASSWORD = "integration-password"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def fast_backoff() -> Iterator[float]:
    while True:
        yield 0.02


async def wait_for(predicate: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not predicate():  # noqa: ASYNC110 - polls state owned by the code under test
                await asyncio.sleep(0.01)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


def escalating_governor(site: Site, *, deadline_s: float) -> Governor:
    """The core rules plus a site rule that asks an operator before every departure."""
    doc = load_core_bundle().model_dump(mode="json")
    doc["rules"].append(
        {
            "id": "test.gate_check",
            "explanation": "Every departure is checked by an operator.",
            "strength": "E",
            "source": "test",
            "when": [{"field": "action", "op": "eq", "value": "start_task"}],
            "effect": {
                "outcome": "ESCALATE",
                "escalation": {
                    "priority": 3,
                    "criticality": "high",
                    "deadline_s": deadline_s,
                    "hold_behaviour": "hold",
                    "fallback": "safe_stop",
                },
            },
        }
    )
    return Governor(parse_bundle(doc, source="test"), site)


@asynccontextmanager
async def assist_site(
    site: Site,
    tmp_path: Path,
    *,
    vehicles: int = 3,
    deadline_s: float = 120.0,
    starts: list[int] | None = None,
    governor: Governor | None = None,
) -> AsyncIterator[tuple[EdgeNode, SiteService, SiteService]]:
    world = SimWorld(site)
    loading = [p for p in site.pois if p.kind == "loading"]
    where = starts if starts is not None else list(range(vehicles))
    fleet = [
        SimVehicle(world, f"a-{i}", "haul_truck", seed=i, start=loading[w % len(loading)])
        for i, w in enumerate(where)
    ]
    node = build_node(
        EdgeNodeConfig(node_id="gw-a", site_id=site.site_id, telemetry_hz=20, heartbeat_s=0.2),
        fleet,
        site=site,
        data_dir=tmp_path / "edge",
        governor=governor or escalating_governor(site, deadline_s=deadline_s),
    )
    await node.start()
    a = SiteService(site.site_id, [node.url], console_id="console-a", backoff=fast_backoff)
    b = SiteService(site.site_id, [node.url], console_id="console-b", backoff=fast_backoff)
    await a.start()
    await b.start()
    try:
        yield node, a, b
    finally:
        await a.stop()
        await b.stop()
        await node.stop()
        assert node.decisions is not None
        node.decisions.journal.close()


def owners(service: SiteService, rid: str) -> str | None:
    item = service.assist.get(rid)
    return None if item is None else item.owner


def test_claim_races_have_exactly_one_owner_also_across_a_reconnect(
    site: Site, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with assist_site(site, tmp_path) as (node, a, b):
            await wait_for(lambda: len(b.assist.open_items()) >= 3, "three requests on B")
            await wait_for(lambda: len(a.assist.open_items()) >= 3, "three requests on A")
            rids = [i.request_id for i in a.assist.open_items()]
            for n, rid in enumerate(rids):
                first, second = (a, b) if n % 2 == 0 else (b, a)
                replies = await asyncio.gather(
                    first.assist_claim(rid, operator="alice"),
                    second.assist_claim(rid, operator="bob"),
                )
                granted = [r for r in replies if r.accepted]
                assert len(granted) == 1, replies
                winner = "alice" if replies[0].accepted else "bob"
                loser = replies[1] if replies[0].accepted else replies[0]
                assert loser.owner == winner
                assert node.assist.owner_of(rid) == winner
                await wait_for(
                    lambda r=rid, w=winner: owners(a, r) == w and owners(b, r) == w,  # type: ignore[misc]
                    "both queues show the owner",
                )
            # B's link drops and comes back: the node re-sends the open requests with owners.
            link = b.links[node.url]
            connects = link.stats.connects
            await link.drop()
            await wait_for(lambda: link.stats.connects > connects, "B reconnected")
            await wait_for(
                lambda: all(owners(b, r) == node.assist.owner_of(r) for r in rids),
                "B's queue re-sent with owners",
            )
            for rid in rids:
                holder = node.assist.owner_of(rid)
                other = "bob" if holder == "alice" else "alice"
                again = await b.assist_claim(rid, operator=other)
                assert not again.accepted
                assert again.owner == holder
            assert all(node.assist.owner_of(r) is not None for r in rids)

    asyncio.run(scenario())


def test_answers_reach_both_queues_and_policy_refusals_come_back(
    site: Site, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with assist_site(site, tmp_path, vehicles=2) as (node, a, b):
            await wait_for(lambda: len(a.assist.open_items()) >= 2, "two requests")
            rid = a.assist.open_items()[0].request_id
            assert (await a.assist_claim(rid, operator="alice")).accepted
            refused = await a.assist_answer(
                rid, "override", operator="alice", waive_rules=["test.gate_check"]
            )
            assert not refused.accepted
            assert "duration" in refused.reason
            not_owner = await b.assist_answer(rid, "confirm", operator="bob")
            assert not not_owner.accepted
            assert "claimed by alice" in not_owner.reason
            done = await a.assist_answer(rid, "confirm", operator="alice", note="clear ahead")
            assert done.accepted, done.reason
            await wait_for(
                lambda: all(
                    (i := s.assist.get(rid)) is not None and i.state == "answered" for s in (a, b)
                ),
                "answered on both consoles",
            )
            item = b.assist.get(rid)
            assert item is not None
            assert (item.last_by, item.answer) == ("alice", "confirm")
            assert b.assist.backlog().answered_per_hour == 1
            with pytest.raises(LinkError):
                await a.assist_claim("no-such-request", operator="alice")
            # Every event is in the node's tamper-evident journal, with the operator.
            journal = node.decisions.journal  # type: ignore[union-attr]

            def actions() -> set[tuple[str, str]]:
                rows = journal.read_from(1, 100_000)
                return {
                    (r.body.action, r.body.fired_rules[1])
                    for r in rows
                    if r.body.action.startswith("assist.") and f"assist:{rid}" in r.body.fired_rules
                }

            await wait_for(
                lambda: (
                    {
                        ("assist.request", "operator:-"),
                        ("assist.claim", "operator:alice"),
                        ("assist.answer_refused", "operator:alice"),
                        ("assist.answered", "operator:alice"),
                    }
                    <= actions()
                ),
                "assist events journaled",
            )

    asyncio.run(scenario())


def test_a_chosen_route_reaches_the_vehicle_and_it_drives_it(site: Site, tmp_path: Path) -> None:
    # The core rules only: a perception dip escalates; a route chosen from the site's Pareto
    # routes is re-checked by the edge's governor, taken by the vehicle, and driven once the
    # governor allows it again (the dip over).
    governor = Governor(load_core_bundle(), site)

    async def scenario() -> None:
        async with assist_site(site, tmp_path, vehicles=1, governor=governor) as (node, a, _b):
            await wait_for(lambda: a.fleet.get("a-0") is not None, "telemetry")
            vehicle = node.vehicles["a-0"]
            assert isinstance(vehicle, SimVehicle)
            await asyncio.sleep(0.5)
            assert vehicle.inject_perception_dip(time.time(), 3.0)
            await wait_for(lambda: len(a.assist.open_items()) == 1, "a request")
            (item,) = a.assist.open_items()
            assert item.reason_rules == ("core.perception_low",)
            assert (await a.assist_claim(item.request_id, operator="alice")).accepted
            record = a.fleet.get("a-0")
            assert record is not None
            assert record.sample is not None
            here = site.graph.nearest_node(record.sample.x, record.sample.y)
            routes = Router(site, "haul_truck", jit=False).pareto(here, "DP1")
            chosen = routes[-1]  # the last on offer: rarely the vehicle's own plan
            xy = site.graph.node_xy
            waypoints = [(float(xy[n][0]), float(xy[n][1])) for n in chosen.nodes[1:]]
            done = await a.assist_answer(
                item.request_id, "reroute", operator="alice", waypoints=waypoints
            )
            assert done.accepted, done.reason
            assert node.assist.state_of(item.request_id) == "answered"
            mission = vehicle._mission
            assert mission is not None
            nodes = [site.graph.edges[e].v for e in mission.route]
            tail = list(chosen.nodes[1:])
            # The chosen road, node by node (then on to the vehicle's own destination).
            at = nodes.index(tail[0])
            assert nodes[at : at + len(tail)] == tail
            await wait_for(
                lambda: (
                    (r := a.fleet.get("a-0")) is not None
                    and r.sample is not None
                    and r.sample.state is VehicleState.MOVING
                ),
                "the vehicle drives the chosen route",
            )
            line = shapely.LineString(
                [(float(xy[n][0]), float(xy[n][1])) for n in (here, *chosen.nodes[1:])]
            )
            await asyncio.sleep(1.0)
            sample = vehicle.sample(time.time())
            assert line.distance(shapely.Point(sample.x, sample.y)) < 60.0

    asyncio.run(scenario())


def test_deadline_fallback_is_applied_on_the_edge_and_shown(site: Site, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with assist_site(site, tmp_path, vehicles=1, deadline_s=1.0) as (node, a, _):
            await wait_for(lambda: len(a.assist) >= 1, "a request")
            rid = [*a.assist.open_items(), *a.assist.closed_items()][0].request_id
            await wait_for(
                lambda: (i := a.assist.get(rid)) is not None and i.state == "expired",
                "expiry shown",
            )
            item = a.assist.get(rid)
            assert item is not None
            assert item.applied_fallback == "safe_stop"
            (vehicle,) = node.vehicles.values()
            assert vehicle.sample(0.0).state is VehicleState.SAFE_STOP
            late = await a.assist_claim(rid, operator="alice")
            assert not late.accepted
            assert "expired" in late.reason

    asyncio.run(scenario())


def test_a_1_0_console_is_served_in_1_0_without_assist_updates(site: Site, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with assist_site(site, tmp_path, vehicles=2) as (node, a, _):
            hello = {
                "type": "hello",
                "v": "1.0",
                "seq": 0,
                "ts": 1.0,
                "role": "console",
                "node_id": "old-console",
                "site_id": site.site_id,
                "versions": ["1.0"],
            }
            async with connect(node.url) as ws:
                await ws.send(json.dumps(hello))
                welcome = json.loads(await ws.recv())
                assert (welcome["type"], welcome["version"]) == ("welcome", "1.0")
                subscribe = {"type": "subscribe", "v": "1.0", "seq": 1, "ts": 1.0,
                             "topics": ["assist"]}  # fmt: skip
                await ws.send(json.dumps(subscribe))
                await wait_for(lambda: len(a.assist.open_items()) >= 1, "a request on A")
                rid = a.assist.open_items()[0].request_id
                assert (await a.assist_claim(rid, operator="alice")).accepted
                # Frames reach a console in order: anything sent to it before the answer to
                # this bad frame was queued before it.
                await ws.send('{"type": "heartbeat", "v": "1.0", "seq": 0, "ts": 1}')
                seen: list[dict[str, Any]] = []
                async with asyncio.timeout(TIMEOUT_S):
                    while not seen or seen[-1]["type"] != "error":
                        seen.append(json.loads(await ws.recv()))
                kinds = {f["type"] for f in seen}
                assert "assist_request" in kinds
                assert "assist_update" not in kinds
                assert all(f["v"] == "1.0" for f in seen)

    asyncio.run(scenario())


def test_roles_over_mutual_tls_viewer_cannot_claim_and_supervisors_take_handoffs(
    site: Site, tmp_path: Path
) -> None:
    authority = SiteAuthority.init(tmp_path / "authority", site.site_id)
    node_dir = authority.enroll("edge", "gw-a", tmp_path / "gw-a")
    console_dir = authority.enroll(
        "console", "console-1", tmp_path / "console-1", max_role=Role.ADMIN
    )
    accounts = AccountStore(authority.home / "users.json", params=FAST)
    for role in Role:
        accounts.add(role.label, PASSWORD, role)

    async def scenario() -> None:
        world = SimWorld(site)
        loading = [p for p in site.pois if p.kind == "loading"]
        node = build_node(
            EdgeNodeConfig(node_id="gw-a", site_id=site.site_id, telemetry_hz=20),
            [SimVehicle(world, "s-0", "haul_truck", seed=1, start=loading[0])],
            site=site,
            data_dir=tmp_path / "edge",
            governor=escalating_governor(site, deadline_s=120.0),
        )
        node.use_guard(EdgeGuard(site.site_id, TlsCredentials.load(node_dir)))
        await node.start()
        url = f"wss://localhost:{node.port}"
        creds = TlsCredentials.load(console_dir)
        service = SiteService(
            site.site_id,
            [url],
            console_id=creds.identity.name,
            backoff=fast_backoff,
            tls=client_context(creds),
            identity=Identity(accounts, site.site_id, creds.identity.name, creds.key),
            revocations=authority.crl_pem,
        )
        await service.start()
        try:
            for name in ("viewer", "assist", "supervisor"):
                service.sign_in(name, PASSWORD)
            await wait_for(lambda: len(service.assist.open_items()) >= 1, "a request")
            rid = service.assist.open_items()[0].request_id
            viewer = await service.assist_claim(rid, operator="viewer")
            assert not viewer.accepted
            assert "needs role assist" in viewer.reason
            assert node.assist.owner_of(rid) is None
            assert (await service.assist_claim(rid, operator="assist")).accepted
            handoff = await service.assist_transfer(rid, operator="assist", to_role="supervisor")
            assert handoff.accepted, handoff.reason
            again = await service.assist_claim(rid, operator="assist")
            assert not again.accepted
            assert "supervisor" in again.reason
            assert (await service.assist_claim(rid, operator="supervisor")).accepted
            longer = await service.assist_answer(
                rid,
                "override",
                operator="supervisor",
                waive_rules=["test.gate_check"],
                override_s=900.0,  # beyond an assist operator's 600 s, within a supervisor's
            )
            assert longer.accepted, longer.reason
            await wait_for(
                lambda: (i := service.assist.get(rid)) is not None and i.state == "answered",
                "answered",
            )
        finally:
            await service.stop()
            await node.stop()
            assert node.decisions is not None
            node.decisions.journal.close()

    asyncio.run(scenario())


def test_zone_answers_change_the_governors_zones_within_limits(site: Site, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with assist_site(site, tmp_path, vehicles=2) as (node, a, _):
            await wait_for(lambda: len(a.assist.open_items()) >= 2, "two requests")
            first, second = (i.request_id for i in a.assist.open_items()[:2])
            for rid in (first, second):
                assert (await a.assist_claim(rid, operator="alice")).accepted
            zone = next(z for z in site.zones if z.kind == "SPEED_LIMIT")
            blocked = next(z for z in site.zones if z.kind == "BLOCKED" and z.active)
            refusals = {
                "already": await a.assist_answer(
                    first, "close_zone", operator="alice", zone_id=blocked.id
                ),
                "site zone": await a.assist_answer(
                    first, "open_zone", operator="alice", zone_id=blocked.id
                ),
                "no zone": await a.assist_answer(first, "close_zone", operator="alice"),
            }
            assert not any(r.accepted for r in refusals.values()), refusals
            assert "already closed" in refusals["already"].reason
            assert "site or policy change" in refusals["site zone"].reason
            assert node.zones is not None
            assert node.zones.closed == frozenset()
            assert node.decisions is not None
            before = node.decisions.governor
            closed = await a.assist_answer(first, "close_zone", operator="alice", zone_id=zone.id)
            assert closed.accepted, closed.reason
            assert node.zones.closed == {zone.id}
            after = node.decisions.governor
            assert after is not before
            inside = zone.polygon.representative_point()
            vehicle = next(iter(node.vehicles.values()))
            probe = vehicle.sample(0.0)
            proposal = Proposal(
                vehicle_id=probe.vehicle_id,
                vehicle_class="haul_truck",
                profile="sim.haul_truck",
                action="proceed",
                x=inside.x,
                y=inside.y,
                speed_mps=0.0,
                requested_speed_mps=5.0,
                load_t=0.0,
                perception_confidence=0.97,
                link_state=LinkState.CONNECTED,
                weather="clear",
                hour=12.0,
                estop_latched=False,
                released=False,
                now=time.time(),
            )
            assert before.decide(proposal).outcome is not Outcome.BLOCK
            assert after.decide(proposal).outcome is Outcome.BLOCK
            # Reopening needs a verified supervisor; this insecure console has none.
            reopen = await a.assist_answer(second, "open_zone", operator="alice", zone_id=zone.id)
            assert not reopen.accepted
            assert "supervisor" in reopen.reason
            await wait_for(
                lambda: (i := a.assist.get(first)) is not None and i.state == "answered",
                "the closing answer shown",
            )
            item = a.assist.get(first)
            assert item is not None
            assert item.answer == "close_zone"
            assert zone.id in item.detail

    asyncio.run(scenario())


def test_one_answer_resolves_exactly_the_similar_requests_over_the_wire(
    site: Site, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with assist_site(site, tmp_path, starts=[0, 0, 1]) as (node, a, b):
            await wait_for(lambda: len(a.assist.open_items()) >= 3, "three requests")
            by_vehicle = {i.vehicle_id: i.request_id for i in a.assist.open_items()}
            here = by_vehicle["a-0"]
            similar = {i.request_id for i in a.assist.similar(here)}
            assert similar == {by_vehicle["a-0"], by_vehicle["a-1"]}
            assert (await a.assist_claim(here, operator="alice")).accepted
            everything = list(by_vehicle.values())
            reply = await a.assist_answer(here, "hold", operator="alice", request_ids=everything)
            assert reply.accepted, reply.reason
            assert f"skipped {by_vehicle['a-2']}" in reply.reason
            await wait_for(
                lambda: all(
                    (i := b.assist.get(r)) is not None and i.state == "answered" for r in similar
                ),
                "the similar ones answered on the other console",
            )
            assert node.assist.state_of(by_vehicle["a-2"]) == "offered"

    asyncio.run(scenario())


def inside_proposal(zone_id: str, site: Site) -> Proposal:
    """A vehicle proposing to drive on inside ``zone_id``."""
    inside = site.zone(zone_id).polygon.representative_point()
    return Proposal(
        vehicle_id="a-0",
        vehicle_class="haul_truck",
        profile="sim.haul_truck",
        action="proceed",
        x=inside.x,
        y=inside.y,
        speed_mps=0.0,
        requested_speed_mps=5.0,
        load_t=0.0,
        perception_confidence=0.97,
        link_state=LinkState.CONNECTED,
        weather="clear",
        hour=12.0,
        estop_latched=False,
        released=False,
        now=time.time(),
    )


def test_zone_closures_survive_an_edge_restart_with_their_leases_honoured(
    site: Site, tmp_path: Path
) -> None:
    # Z01 closed until reopened; Z04 for a few seconds (still closed after the restart, then
    # reopened by the restarted node); Z05 for one second (its lease passes while the node
    # is down: not closed again).
    async def scenario() -> None:
        async with assist_site(site, tmp_path, vehicles=3) as (node, a, _b):
            await wait_for(lambda: len(a.assist.open_items()) >= 3, "three requests")
            rids = [i.request_id for i in a.assist.open_items()[:3]]
            for rid in rids:
                assert (await a.assist_claim(rid, operator="alice")).accepted
            now = time.time()
            leases = (("Z04", now + 4.0), ("Z01", None), ("Z05", now + 1.0))
            for rid, (zone, lease) in zip(rids, leases, strict=True):
                reply = await a.assist_answer(
                    rid, "close_zone", operator="alice", zone_id=zone, lease_until=lease
                )
                assert reply.accepted, reply.reason
            assert node.zones is not None
            assert node.zones.closed == {"Z01", "Z04", "Z05"}
        # The node is stopped and its journal closed; a new node over the same directory.
        await asyncio.sleep(max(0.0, now + 1.2 - time.time()))  # Z05's lease passes
        again = build_node(
            EdgeNodeConfig(node_id="gw-a", site_id=site.site_id, telemetry_hz=20),
            [SimVehicle(SimWorld(site), "a-0", "haul_truck", seed=0)],
            site=site,
            data_dir=tmp_path / "edge",
            governor=escalating_governor(site, deadline_s=120.0),
        )
        try:
            assert again.zones is not None
            assert again.zones.closed == {"Z01", "Z04"}
            assert again.decisions is not None
            governor = again.decisions.governor
            for zone in ("Z01", "Z04"):
                decision = governor.decide(inside_proposal(zone, site))
                assert decision.outcome is Outcome.BLOCK
                assert "core.blocked_zone" in decision.fired
            assert governor.decide(inside_proposal("Z05", site)).outcome is not Outcome.BLOCK
            await again.start()
            await wait_for(
                lambda: again.zones is not None and again.zones.closed == {"Z01"}, "Z04's lease"
            )
            governor = again.decisions.governor
            assert governor.decide(inside_proposal("Z04", site)).outcome is not Outcome.BLOCK
            stored = json.loads((tmp_path / "edge" / "gw-a" / "zone_closures.json").read_text())
            assert set(stored) == {"Z01"}
            assert stored["Z01"]["by"] == "alice"
            assert stored["Z01"]["until"] is None
        finally:
            await again.stop()
            assert again.decisions is not None
            again.decisions.journal.close()

    asyncio.run(scenario())
