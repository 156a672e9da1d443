"""A real edge node and a real site service over loopback WebSockets."""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from app.core.bus import CommandResult, LinkDown, LinkUp
from app.core.service import SiteService
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol import (
    CONTROL_FRAME_MAX,
    TRANSPORT_FRAME_MAX,
    LinkState,
    LinkThresholds,
    VehicleState,
)
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

pytestmark = pytest.mark.integration

TIMEOUT_S = 10.0


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def fast_backoff() -> Any:
    while True:
        yield 0.02


async def wait_for(predicate: Callable[[], bool], what: str) -> None:
    """Poll ``predicate`` until true; fail with ``what`` after the test timeout.

    Polling (not an event) because the predicates read state owned by the code under test.
    """
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not predicate():  # noqa: ASYNC110
                await asyncio.sleep(0.01)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


@asynccontextmanager
async def running_node(site: Site, vehicles: int = 4, port: int = 0) -> AsyncIterator[EdgeNode]:
    world = SimWorld(site)
    node = EdgeNode(
        EdgeNodeConfig(
            node_id="gw-test", site_id=site.site_id, port=port, telemetry_hz=20, heartbeat_s=0.1
        ),
        make_fleet(world, vehicles, prefix="t-", seed=3),
    )
    await node.start()
    try:
        yield node
    finally:
        await node.stop()


@asynccontextmanager
async def running_service(site: Site, urls: list[str]) -> AsyncIterator[SiteService]:
    service = SiteService(site.site_id, urls, console_id="test-console", backoff=fast_backoff)
    await service.start()
    try:
        yield service
    finally:
        await service.stop()


def hello_frame(site_id: str, versions: list[str], node_id: str = "raw") -> dict[str, Any]:
    return {
        "type": "hello",
        "v": "1.0",
        "seq": 0,
        "ts": 1.0,
        "role": "console",
        "node_id": node_id,
        "site_id": site_id,
        "versions": versions,
    }


async def raw_session(url: str, site_id: str) -> ClientConnection:
    ws = await connect(url, compression=None, max_size=2**24, ping_interval=None)
    await ws.send(json.dumps(hello_frame(site_id, ["1.0"])))
    welcome = json.loads(await ws.recv())
    assert welcome["type"] == "welcome", welcome
    return ws


async def next_of(ws: ClientConnection, kind: str) -> dict[str, Any]:
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            message: dict[str, Any] = json.loads(await ws.recv())
            if message["type"] == kind:
                return message


def test_site_service_ingests_telemetry(site: Site) -> None:
    async def scenario() -> None:
        async with (
            running_node(site, vehicles=6) as node,
            running_service(site, [node.url]) as service,
        ):
            ups: list[LinkUp] = []
            service.bus.subscribe(LinkUp, ups.append)
            fleet = service.fleet
            await wait_for(
                lambda: sum(1 for r in fleet.records() if r.sample) == 6, "six vehicles reporting"
            )
            link = service.links[node.url]
            assert link.stats.node_id == "gw-test"
            assert link.stats.vehicles == 6
            record = fleet.get("t-0001")
            assert record is not None
            assert record.node_id == "gw-test"
            assert record.vehicle_class == "haul_truck"
            await wait_for(lambda: link.stats.rtt_s is not None, "a round-trip measurement")
            status = service.status()
            assert (status.nodes_up, status.nodes_total, status.vehicles) == (1, 1, 6)
            assert status.links[LinkState.CONNECTED] == 1
            assert status.latency_p99_ms >= 0.0
            assert node.consoles == 1
            await wait_for(lambda: node.link_state is LinkState.CONNECTED, "edge sees the link")
            # Heartbeats (control lane) overtake telemetry (mailbox lane) all the time; the
            # sequence numbers must still arrive in order, so neither side refuses anything.
            heard = link.stats.frames_in
            await wait_for(lambda: link.stats.frames_in > heard + 30, "a stream of frames")
            assert link.stats.refused_in == 0
            assert link.stats.refused_by_peer == 0
            assert node.errors_sent == 0

    asyncio.run(scenario())


def test_dropped_connection_is_restored(site: Site) -> None:
    async def scenario() -> None:
        async with running_node(site) as node, running_service(site, [node.url]) as service:
            link = service.links[node.url]
            downs: list[LinkDown] = []
            service.bus.subscribe(LinkDown, downs.append)
            await wait_for(lambda: link.stats.connected, "first session")
            await link.drop()  # the TCP connection dies without a close handshake
            await wait_for(lambda: bool(downs), "link reported down")
            await wait_for(lambda: link.stats.connects == 2, "reconnected")
            updates = service.fleet.updates
            await wait_for(lambda: service.fleet.updates > updates + 4, "telemetry resumes")
            assert link.stats.reconnects == 1
            assert service.status().reconnects == 1

    asyncio.run(scenario())


def test_edge_restart_on_same_port_is_reconnected(site: Site) -> None:
    async def scenario() -> None:
        async with running_node(site) as first:
            port = first.port
            service = SiteService(site.site_id, [first.url], backoff=fast_backoff)
            await service.start()
            link = service.links[first.url]
            await wait_for(lambda: link.stats.connected, "first session")
        # The node is gone: the link goes down and keeps trying.
        await wait_for(lambda: not link.stats.connected, "link down after the node stopped")
        assert link.stats.state is LinkState.OFFLINE
        async with running_node(site, port=port):
            await wait_for(lambda: link.stats.connects == 2, "reconnected to the new node")
        await service.stop()

    asyncio.run(scenario())


def test_bad_frames_get_error_replies_and_the_session_survives(site: Site) -> None:
    async def scenario() -> None:
        async with running_node(site) as node:
            ws = await raw_session(node.url, site.site_id)
            probes = [
                ("{not json", "malformed"),
                ('{"type": "heartbeat", "v": "1.0", "seq": 1, "ts": -5}', "invalid"),
                ('{"type": "heartbeat", "v": "9.0", "seq": 2, "ts": 1}', "unsupported_version"),
                (
                    json.dumps(
                        {"type": "heartbeat", "seq": 3, "ts": 1, "x": "y" * CONTROL_FRAME_MAX}
                    ),
                    "too_large",
                ),
                ('{"type": "heartbeat", "v": "1.0", "seq": 0, "ts": 1}', "out_of_order"),
                (
                    '{"type": "resume", "v": "1.0", "seq": 5, "ts": 1, "operator": "x", '
                    '"vehicles": ["nope"]}',
                    "unknown_vehicle",
                ),
                ('{"type": "receipt", "v": "1.0", "seq": 6, "ts": 1}', "invalid"),
            ]
            for frame, code in probes:
                await ws.send(frame)
                error = await next_of(ws, "error")
                assert error["code"] == code, (frame[:60], error)
                assert error["reason"]
            # A subscription naming a vehicle we do not host is refused and changes nothing.
            await ws.send(
                json.dumps(
                    {
                        "type": "subscribe",
                        "v": "1.0",
                        "seq": 9,
                        "ts": 1,
                        "topics": ["telemetry"],
                        "vehicles": ["t-0001", "nope"],
                    }
                )
            )
            assert (await next_of(ws, "error"))["code"] == "unknown_vehicle"
            (console,) = node._consoles
            assert console.topics == frozenset()
            assert console.vehicle_filter is None
            # The same session still works: subscribe and receive telemetry.
            await ws.send(
                json.dumps(
                    {"type": "subscribe", "v": "1.0", "seq": 10, "ts": 1, "topics": ["telemetry"]}
                )
            )
            telemetry = await next_of(ws, "telemetry")
            assert len(telemetry["samples"]) == 4
            assert node.errors_sent == len(probes) + 1
            # A stop naming a vehicle we do not host still stops the ones we do (safety first).
            await ws.send(
                json.dumps(
                    {
                        "type": "estop",
                        "v": "1.0",
                        "seq": 11,
                        "ts": 1,
                        "operator": "x",
                        "vehicles": ["nope", "t-0002"],
                    }
                )
            )
            ack = await next_of(ws, "command_ack")
            assert ack["ref_seq"] == 11
            assert ack["accepted"] is True
            assert ack["vehicles"] == ["t-0002"]
            assert "nope" in ack["reason"]
            assert node.vehicles["t-0002"].sample(1.0).state is VehicleState.SAFE_STOP
            assert node.vehicles["t-0001"].sample(1.0).state is not VehicleState.SAFE_STOP
            await ws.close()

    asyncio.run(scenario())


def test_oversized_transport_frame_closes_only_that_connection(site: Site) -> None:
    async def scenario() -> None:
        async with running_node(site) as node, running_service(site, [node.url]) as service:
            link = service.links[node.url]
            await wait_for(lambda: link.stats.connected, "site service connected")
            ws = await raw_session(node.url, site.site_id)
            await ws.send("x" * (TRANSPORT_FRAME_MAX + 1))
            with pytest.raises(ConnectionClosed) as info:
                await next_of(ws, "never")
            assert info.value.rcvd is not None
            assert info.value.rcvd.code == 1009
            updates = service.fleet.updates
            await wait_for(lambda: service.fleet.updates > updates + 4, "others unaffected")
            assert link.stats.connects == 1

    asyncio.run(scenario())


def test_handshake_refusals_say_why(site: Site) -> None:
    async def scenario() -> None:
        async with running_node(site) as node:
            async with connect(node.url, compression=None) as ws:
                hello = hello_frame(site.site_id, ["2.0", "3.0"], node_id="x")
                await ws.send(json.dumps(hello))
                error = json.loads(await ws.recv())
                assert error["code"] == "unsupported_version"
                assert "2.0" in error["reason"]
                assert "1.0" in error["reason"]
                with pytest.raises(ConnectionClosed) as info:
                    await ws.recv()
                assert info.value.rcvd is not None
                assert info.value.rcvd.code == 1002
            async with connect(node.url, compression=None) as ws:
                await ws.send(json.dumps({**hello, "versions": ["1.0"], "site_id": "other"}))
                error = json.loads(await ws.recv())
                assert error["code"] == "rejected"
                assert "other" in error["reason"]
            async with connect(node.url, compression=None) as ws:
                await ws.send('{"type": "heartbeat", "v": "1.0", "seq": 0, "ts": 1}')
                error = json.loads(await ws.recv())
                assert error["code"] == "not_ready"

    asyncio.run(scenario())


def test_emergency_stop_latches_and_resume_does_not_restart(site: Site) -> None:
    async def scenario() -> None:
        async with running_node(site) as node, running_service(site, [node.url]) as service:
            results: list[CommandResult] = []
            service.bus.subscribe(CommandResult, results.append)
            fleet = service.fleet
            await wait_for(lambda: node.link_state is LinkState.CONNECTED, "link up")
            await service.emergency_stop([], operator="op-1", reason="drill")
            await wait_for(lambda: bool(results), "stop acknowledged")
            assert results[0].accepted
            assert len(results[0].vehicles) == 4

            def all_in(state: VehicleState) -> bool:
                records = fleet.records()
                return len(records) == 4 and all(
                    r.sample is not None and r.sample.state is state for r in records
                )

            await wait_for(lambda: all_in(VehicleState.SAFE_STOP), "every vehicle in safe stop")
            await service.resume(["t-0001"], operator="op-1")
            await wait_for(lambda: len(results) == 2, "resume acknowledged")
            await wait_for(
                lambda: (
                    (r := fleet.get("t-0001")) is not None
                    and r.sample is not None
                    and r.sample.state is VehicleState.HOLDING
                ),
                "released vehicle holds, awaiting a task",
            )
            released = fleet.get("t-0001")
            assert released is not None
            assert released.sample is not None
            assert released.sample.speed_mps == 0.0
            stopped = fleet.get("t-0002")
            assert stopped is not None
            assert stopped.sample is not None
            assert stopped.sample.state is VehicleState.SAFE_STOP

    asyncio.run(scenario())


def test_silent_link_is_dropped_and_replaced(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    """A connection that goes silent (no FIN, no frames) is abandoned and re-established."""

    async def scenario() -> None:
        # A node with no vehicles and a 30 s heartbeat sends nothing after welcome: to the
        # console that is exactly a link that died without a close.
        node = EdgeNode(EdgeNodeConfig(node_id="quiet", site_id=site.site_id, heartbeat_s=30.0), [])
        await node.start()
        thresholds = LinkThresholds(degraded_after_s=0.1, offline_after_s=0.3)
        service = SiteService(site.site_id, [node.url], backoff=fast_backoff, thresholds=thresholds)
        await service.start()
        link = service.links[node.url]
        try:
            await wait_for(lambda: link.stats.connects >= 2, "a fresh session after silence")
        finally:
            await service.stop()
            await node.stop()
        assert "offline; dropping the connection" in caplog.text

    asyncio.run(scenario())


def test_refused_session_is_retried_with_growing_delays(site: Site) -> None:
    async def scenario() -> None:
        async with running_node(site) as node:
            delays: list[float] = []

            def recording_backoff() -> Any:
                delay = 0.01
                while True:
                    delays.append(delay)
                    yield delay
                    delay *= 2

            # The wrong site id: the node answers hello with an error and closes.
            service = SiteService("another-site", [node.url], backoff=recording_backoff)
            await service.start()
            link = service.links[node.url]
            await wait_for(lambda: len(delays) >= 5, "several retries")
            await service.stop()
            assert link.stats.connects == 0
            assert "another-site" in link.stats.last_error
            assert delays[:5] == [0.01, 0.02, 0.04, 0.08, 0.16]  # not reset to the first delay

    asyncio.run(scenario())
