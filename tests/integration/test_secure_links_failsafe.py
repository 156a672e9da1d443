"""Failsafes of a real edge node: link loss on an injected monotonic clock (F1, F8, F9),
the remote stop's latch across restarts (F5), and the watchdog of a stalled governor (F3).

The node's link state comes from its monotonic clock only; here that clock is a variable the
test moves, while frames travel over a real loopback WebSocket.  Degraded at 2 s of silence,
offline (and the dead connection dropped) at 5 s, no effect from wall-clock jumps of an hour,
and a reconnect after an outage earns "connected" with 3 healthy heartbeats like any recovery.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import TYPE_CHECKING, Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from edge.__main__ import build_node
from edge.decisions import DecisionPipeline
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.journal import Journal
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol import LinkState, TaskAssign, VehicleState
from edge.receipts.keys import load_or_create_key
from edge.security.latch import StopLatch
from edge.ticker import Ticker
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from edge.governor.context import Proposal
    from edge.governor.outcomes import Decision

pytestmark = pytest.mark.integration

TIMEOUT_S = 10.0


class Clock:
    """A clock the test sets by hand."""

    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


async def wait_for(predicate: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not predicate():  # noqa: ASYNC110
                await asyncio.sleep(0.01)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


def link_of(node: EdgeNode) -> LinkState:
    """The node's link state, read afresh (it changes under the test's feet)."""
    return node.link_state


async def closed(ws: ClientConnection) -> bool:
    """Read until the node closes the connection; fail after the timeout."""
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while True:
                await ws.recv()
    except ConnectionClosed:
        return True


class Console:
    """A raw console that answers heartbeats only when told to."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.seq = 0
        self.beats: list[dict[str, Any]] = []

    @classmethod
    async def open(cls, url: str, site_id: str) -> Console:
        ws = await connect(url, compression=None, ping_interval=None)
        console = cls(ws)
        await console.send({"type": "hello", "role": "console", "node_id": "c1",
                            "site_id": site_id, "versions": ["1.0"]})  # fmt: skip
        assert json.loads(await ws.recv())["type"] == "welcome"
        return console

    async def send(self, body: dict[str, Any]) -> None:
        await self.ws.send(json.dumps({"v": "1.0", "seq": self.seq, "ts": 1.0, **body}))
        self.seq += 1

    async def beat(self) -> None:
        """Send one healthy heartbeat (it echoes nothing, so it counts as healthy)."""
        await self.send({"type": "heartbeat"})


def test_link_loss_transitions_follow_the_monotonic_clock_only(site: Site) -> None:
    async def scenario() -> None:
        mono, wall = Clock(1000.0), Clock(1_767_261_600.0)
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-f", site_id=site.site_id, heartbeat_s=0.02),
            make_fleet(SimWorld(site), 2, prefix="f-", seed=4),
            clock=wall,
            monotonic=mono,
            ticker=Ticker(10.0),  # the vehicles step on real time; the link on ours
        )
        await node.start()
        try:
            url = f"ws://127.0.0.1:{node.port}"
            console = await Console.open(url, site.site_id)
            await wait_for(lambda: node.link_state is LinkState.CONNECTED, "connected")

            mono.t += 1.99  # F1: silence just under the degraded bound changes nothing
            await asyncio.sleep(0.1)
            assert link_of(node) is LinkState.CONNECTED
            mono.t += 0.01  # 2.0 s of silence
            await wait_for(lambda: node.link_state is LinkState.DEGRADED, "degraded at 2.0 s")

            wall.t += 3600.0  # F9: wall-clock jumps are not time passing for the link
            await asyncio.sleep(0.1)
            wall.t -= 7200.0
            await asyncio.sleep(0.1)
            assert link_of(node) is LinkState.DEGRADED
            assert node.consoles == 1

            mono.t += 2.99  # 4.99 s of silence: still degraded, still connected
            await asyncio.sleep(0.1)
            assert link_of(node) is LinkState.DEGRADED
            assert node.consoles == 1
            mono.t += 0.01  # 5.0 s: offline, and the silent connection is dropped
            await wait_for(lambda: node.link_state is LinkState.OFFLINE, "offline at 5.0 s")
            assert await closed(console.ws)

            # F8: a reconnect after the outage is a recovery: 3 healthy heartbeats first.
            again = await Console.open(url, site.site_id)
            for beat in range(3):
                await asyncio.sleep(0.1)
                assert link_of(node) is LinkState.OFFLINE, beat
                await again.beat()
            await wait_for(
                lambda: node.link_state is LinkState.CONNECTED, "connected after 3 heartbeats"
            )
            await again.ws.close()
        finally:
            await node.stop()

    asyncio.run(scenario())


def _state(node: EdgeNode, vehicle: str) -> VehicleState:
    return node.vehicles[vehicle].sample(0.0).state


def test_remote_stop_survives_restarts_and_only_resume_clears_it(
    site: Site, tmp_path: Path
) -> None:
    """F5: neither reconnects nor edge restarts clear a latched stop; resume does."""

    def make(latch: StopLatch) -> EdgeNode:
        return EdgeNode(
            EdgeNodeConfig(node_id="gw-l", site_id=site.site_id, heartbeat_s=0.05),
            make_fleet(SimWorld(site), 3, prefix="l-", seed=6),
            latch=latch,
        )

    async def command(node: EdgeNode, body: dict[str, Any]) -> dict[str, Any]:
        console = await Console.open(f"ws://127.0.0.1:{node.port}", site.site_id)
        await console.send(body)
        async with asyncio.timeout(TIMEOUT_S):
            while True:
                reply: dict[str, Any] = json.loads(await console.ws.recv())
                if reply["type"] == "command_ack":
                    break
        await console.ws.close()
        return reply

    async def scenario() -> None:
        path = tmp_path / "estop_latch.json"
        node = make(StopLatch(path))
        await node.start()
        stop = {"type": "estop", "vehicles": ["l-0002"], "operator": "op", "reason": "drill"}
        assert (await command(node, stop))["accepted"]
        await node.stop()
        for restart in range(3):  # the stop outlives every restart (a SIGKILL loses no more:
            node = make(StopLatch(path))  # the latch is on disk before the stop is acked)
            assert _state(node, "l-0002") is VehicleState.SAFE_STOP, restart
            assert _state(node, "l-0001") is not VehicleState.SAFE_STOP
        await node.start()
        release = {"type": "resume", "vehicles": ["l-0002"], "operator": "op"}
        assert (await command(node, release))["accepted"]
        await node.stop()
        node = make(StopLatch(path))
        assert _state(node, "l-0002") is not VehicleState.SAFE_STOP  # released, and it holds
        assert json.loads(path.read_text()) == {}

    asyncio.run(scenario())


def test_unreadable_latch_file_latches_every_vehicle(site: Site, tmp_path: Path) -> None:
    path = tmp_path / "estop_latch.json"
    path.write_text("{not json")
    node = EdgeNode(
        EdgeNodeConfig(node_id="gw-d", site_id=site.site_id),
        make_fleet(SimWorld(site), 2, prefix="d-", seed=1),
        latch=StopLatch(path),
    )
    assert all(_state(node, v) is VehicleState.SAFE_STOP for v in node.vehicles)


def test_a_stop_whose_latch_cannot_be_saved_still_stops_and_says_so(
    site: Site, tmp_path: Path
) -> None:
    async def scenario() -> None:
        path = tmp_path / "estop_latch.json"
        path.mkdir()  # unwritable as a file, even for root
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-u", site_id=site.site_id),
            make_fleet(SimWorld(site), 2, prefix="u-", seed=2),
            latch=StopLatch(path),
        )
        await node.start()
        try:
            console = await Console.open(f"ws://127.0.0.1:{node.port}", site.site_id)
            await console.send({"type": "estop", "vehicles": ["u-0001"], "operator": "op"})
            async with asyncio.timeout(TIMEOUT_S):
                while (ack := json.loads(await console.ws.recv()))["type"] != "command_ack":
                    pass
            assert ack["accepted"]
            assert "latch not saved" in ack["reason"]
            assert _state(node, "u-0001") is VehicleState.SAFE_STOP
            await console.ws.close()
        finally:
            await node.stop()

    asyncio.run(scenario())


class HangingGovernor(Governor):
    """The real governor, with one rule evaluation that hangs when armed (fault injection)."""

    def __init__(self, site: Site) -> None:
        super().__init__(load_core_bundle(), site)
        self.armed = threading.Event()
        self.hung = threading.Event()
        self.release = threading.Event()

    def decide(self, p: Proposal) -> Decision:
        if self.armed.is_set():
            self.armed.clear()
            self.hung.set()
            self.release.wait(TIMEOUT_S)  # the node's loop is blocked here
        return super().decide(p)


def test_watchdog_stops_the_vehicles_while_the_governor_hangs(site: Site, tmp_path: Path) -> None:
    """F3: a rule evaluation hangs, blocking the node's loop; the watchdog thread (not the
    loop) orders every vehicle's safe stop; the one on a mission reports it once the loop
    runs again."""

    async def scenario() -> None:
        governor = HangingGovernor(site)
        config = EdgeNodeConfig(node_id="gw-f3", site_id=site.site_id, telemetry_hz=20)
        fleet = make_fleet(SimWorld(site), 3, prefix="f3-", seed=6)
        node = build_node(config, fleet, site=site, data_dir=tmp_path, governor=governor)
        await node.start()
        pipeline = node.decisions
        assert pipeline is not None
        assert node.watched is not None
        seen: list[tuple[str, bool]] = []

        def tripped(reason: str) -> None:  # on the watchdog's thread, the loop still blocked
            seen.append((reason, governor.hung.is_set() and not governor.release.is_set()))
            governor.release.set()

        node.watched.on_trip = tripped
        console = await Console.open(f"ws://127.0.0.1:{node.port}", site.site_id)
        try:
            target = fleet[0]
            poi = site.pois_of_kind("crusher")[0]
            task = TaskAssign(seq=0, ts=1.0, task_id="f3", vehicle_id=target.vehicle_id,
                              task_type="move", destination=poi.id)  # fmt: skip
            assert target.assign(task) is None
            await wait_for(
                lambda: target.sample(0.0).state is VehicleState.MOVING, "the truck drives"
            )
            governor.armed.set()  # its next check (every 2 s while driving) hangs
            await wait_for(lambda: node.watched is not None and node.watched.trips == 1, "trip")
            assert len(seen) == 1
            reason, while_hung = seen[0]
            assert while_hung  # ordered during the stall, by the watchdog's own thread
            assert reason.startswith("governor stalled: no decision round for ")
            await wait_for(
                lambda: target.sample(0.0).state is VehicleState.SAFE_STOP,
                "the driving truck reports the safe stop",
            )
            assert target.sample(0.0).faults == [reason]
            assert node.watched.trips == 1  # the loop beats again: no second trip
        finally:
            governor.release.set()
            await console.ws.close()
            await node.stop()
            pipeline.journal.close()

    asyncio.run(scenario())


class Probe:
    """A ticker member that records the wall time of the last tick (to wait for one)."""

    def __init__(self) -> None:
        self.now = 0.0

    def tick(self, now: float, dt: float) -> None:
        self.now = now


def test_a_stop_held_for_hours_stays_latched_and_reported(site: Site, tmp_path: Path) -> None:
    """F6: a remote stop held 3 hours (injected clocks), with the link lost and back many
    times, is never timed out: the vehicle reports it at every reconnect, refuses tasks, and
    only a resume releases it (then it holds, awaiting a task).  Heartbeats and the journal
    stay healthy throughout."""

    async def scenario() -> None:
        wall, mono = Clock(1_767_261_600.0), Clock(5000.0)
        ticker = Ticker(20.0, clock=wall)  # paced in real time, stamped with our wall clock
        probe = Probe()
        ticker.add(probe)
        home = tmp_path / "gw-f6"
        home.mkdir()
        journal = Journal(home / "journal.db", node_id="gw-f6", key=load_or_create_key(home / "k"))
        pipeline = DecisionPipeline(Governor(load_core_bundle(), site), journal)
        latch = StopLatch(home / "estop_latch.json")
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-f6", site_id=site.site_id, heartbeat_s=0.02,
                           telemetry_hz=20.0),
            make_fleet(SimWorld(site), 3, prefix="f6-", seed=8),
            clock=wall, monotonic=mono, ticker=ticker, decisions=pipeline, latch=latch,
        )  # fmt: skip
        await node.start()
        url = f"ws://127.0.0.1:{node.port}"
        stopped = "f6-0002"

        async def visit() -> dict[str, Any]:
            """A console comes, earns a connected link, reads the stopped vehicle, leaves."""
            console = await Console.open(url, site.site_id)
            await console.send({"type": "subscribe", "topics": ["telemetry"]})
            for _ in range(3):
                await console.beat()
            await wait_for(lambda: node.link_state is LinkState.CONNECTED, "link back")
            heartbeat: dict[str, Any] | None = None
            sample: dict[str, Any] | None = None
            async with asyncio.timeout(TIMEOUT_S):
                while heartbeat is None or sample is None:
                    frame: dict[str, Any] = json.loads(await console.ws.recv())
                    if frame["type"] == "heartbeat":
                        heartbeat = frame
                    elif frame["type"] == "telemetry":
                        mine = [x for x in frame["samples"] if x["vehicle_id"] == stopped]
                        sample = mine[0] if mine else None
            assert heartbeat["link"] in ("connected", "degraded", "offline")
            await console.ws.close()
            await wait_for(lambda: node.consoles == 0, "console gone")
            return sample

        try:
            console = await Console.open(url, site.site_id)
            await console.send(
                {"type": "estop", "vehicles": [stopped], "operator": "op", "reason": "blast"}
            )
            async with asyncio.timeout(TIMEOUT_S):
                while (ack := json.loads(await console.ws.recv()))["type"] != "command_ack":
                    pass
            assert ack["accepted"]
            await console.ws.close()
            decided = pipeline.decided
            for minute in range(1, 181):  # three hours, a minute at a time
                wall.t += 60.0
                mono.t += 60.0
                await wait_for(lambda: probe.now >= wall.t, "a tick at the new time")
                if minute % 30 == 0:  # the link comes back every half hour
                    poi = site.pois_of_kind("crusher" if minute % 60 else "loading")[0]
                    work = TaskAssign(
                        seq=0,
                        ts=wall.t,
                        task_id=f"w{minute}",
                        vehicle_id="f6-0001",
                        task_type="move",
                        destination=poi.id,
                    )
                    node.vehicles["f6-0001"].assign(work)  # keeps the governor and journal busy
                    sample = await visit()
                    assert sample["state"] == "SAFE_STOP", minute
                    assert sample["speed_mps"] == 0.0
            vehicle = node.vehicles[stopped]
            assert vehicle.sample(wall.t).state is VehicleState.SAFE_STOP
            task = TaskAssign(
                seq=0,
                ts=wall.t,
                task_id="late",
                vehicle_id=stopped,
                task_type="move",
                destination=site.pois_of_kind("crusher")[0].id,
            )
            assert vehicle.assign(task) == "vehicle is in a latched safe stop; release it first"
            assert latch.latched.keys() == {stopped}
            # Heartbeats and the journal stayed healthy: the other vehicles kept deciding.
            assert pipeline.decided > decided
            assert pipeline.journal_failures == 0
            await wait_for(lambda: pipeline.durable == pipeline.decided, "receipts durable")
            # Only an explicit resume releases it, and the vehicle holds still afterwards.
            console = await Console.open(url, site.site_id)
            await console.send({"type": "resume", "vehicles": [stopped], "operator": "op"})
            async with asyncio.timeout(TIMEOUT_S):
                while (ack := json.loads(await console.ws.recv()))["type"] != "command_ack":
                    pass
            assert ack["accepted"]
            await console.ws.close()
            wall.t += 600.0
            mono.t += 600.0
            await wait_for(lambda: probe.now >= wall.t, "a tick after the release")
            sample_after = vehicle.sample(wall.t)
            assert sample_after.state is VehicleState.HOLDING
            assert sample_after.speed_mps == 0.0
        finally:
            ticker.remove(probe)
            await node.stop()
            journal.close()

    asyncio.run(scenario())
