"""Remote stop under loss (RELIABILITY S7): the console re-sends a stop until the edge node
acknowledges it.  A real node and site service talk through a loopback TCP proxy that can
swallow everything the console sends on the current connection (a blackhole without FIN)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from typing import TYPE_CHECKING

import pytest

from app.core.bus import CommandResult
from app.core.links.stops import StopNotAcknowledgedError, StopPending, StopStillPendingError
from app.core.service import SiteService
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol import LinkState, VehicleState
from edge.protocol.linkmonitor import LinkThresholds
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

pytestmark = pytest.mark.integration

TIMEOUT_S = 10.0
FAST = LinkThresholds(heartbeat_s=0.05, degraded_after_s=0.2, offline_after_s=0.5)


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


def quick() -> Iterator[float]:
    return itertools.repeat(0.05)


class Proxy:
    """Forwards TCP both ways; :meth:`blackhole` swallows the console's bytes on the
    connections open now (no FIN, no error: they just never arrive)."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.server: asyncio.Server | None = None
        self._open: list[list[bool]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    def blackhole(self) -> None:
        for flag in self._open:
            flag[0] = True

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for task in list(self._tasks):
            task.cancel()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        swallow = [False]
        self._open.append(swallow)

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter, drop: bool) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await src.read(65536):
                    if drop and swallow[0]:
                        continue
                    dst.write(data)
                    await dst.drain()
            dst.close()

        tasks = [
            asyncio.create_task(pump(reader, up_writer, drop=True)),
            asyncio.create_task(pump(up_reader, writer, drop=False)),
        ]
        self._tasks.update(tasks)
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks)
        self._open.remove(swallow)


def test_a_stop_lost_on_the_link_is_resent_until_acknowledged(site: Site) -> None:
    """S7: the first attempt is swallowed; the stop stays visibly pending, is re-sent after
    the node drops the dead link and the console reconnects, and is then acknowledged."""

    async def scenario() -> None:
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-s7", site_id=site.site_id, heartbeat_s=0.05,
                           telemetry_hz=20, thresholds=FAST),
            make_fleet(SimWorld(site), 3, prefix="s7-", seed=9),
        )  # fmt: skip
        await node.start()
        proxy = Proxy(node.port)
        url = f"ws://127.0.0.1:{await proxy.start()}"
        service = SiteService(
            site.site_id, [url], console_id="console-s7", backoff=quick,
            stop_ack_timeout_s=0.3, stop_backoff=quick,
        )  # fmt: skip
        pending: list[StopPending] = []
        results: list[CommandResult] = []
        service.bus.subscribe(StopPending, pending.append)
        service.bus.subscribe(CommandResult, results.append)
        await service.start()
        try:
            await wait_for(lambda: node.link_state is LinkState.CONNECTED, "link up")
            await wait_for(lambda: len(service.fleet) == 3, "fleet known")
            proxy.blackhole()
            with pytest.raises(StopNotAcknowledgedError, match="not yet acknowledged"):
                await service.emergency_stop([], operator="op-s7", reason="drill")
            # Visible while it waits: status, bus, and the stop itself.
            assert service.status().stops_pending == 1
            assert pending[0].attempts == 1
            assert pending[0].reason == "no acknowledgement within 0.3 s"
            assert pending[0].node_id == "gw-s7"
            assert not any(
                v.sample(0.0).state is VehicleState.SAFE_STOP for v in node.vehicles.values()
            )  # the first attempt never reached the node
            # The node drops the silent link, the console reconnects, the stop is re-sent.
            await wait_for(lambda: service.status().stops_pending == 0, "stop acknowledged")
            stops = [r for r in results if r.accepted and len(r.vehicles) == 3]
            assert len(stops) >= 1
            assert all(
                v.sample(0.0).state is VehicleState.SAFE_STOP for v in node.vehicles.values()
            )
            assert service.links[url].stats.connects >= 2
            assert len(pending) >= 1
            assert service.stops.pending == []
        finally:
            await service.stop()
            await proxy.stop()
            await node.stop()

    asyncio.run(scenario())


def test_a_stop_to_an_unreachable_node_is_pending_until_the_node_is_back(site: Site) -> None:
    """S7: with the node down, the stop is pending (and says why); it is applied when the
    node comes back, not dropped."""

    async def scenario() -> None:
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-s7b", site_id=site.site_id, heartbeat_s=0.05),
            make_fleet(SimWorld(site), 2, prefix="s7b-", seed=9),
        )
        await node.start()
        port = node.port
        url = f"ws://127.0.0.1:{port}"
        service = SiteService(
            site.site_id, [url], console_id="console-s7b", backoff=quick,
            stop_ack_timeout_s=0.3, stop_backoff=quick,
        )  # fmt: skip
        await service.start()
        pending: list[StopPending] = []
        service.bus.subscribe(StopPending, pending.append)
        try:
            await wait_for(lambda: service.links[url].stats.connected, "link up")
            await node.stop()
            await wait_for(lambda: not service.links[url].stats.connected, "link down")
            with pytest.raises(StopNotAcknowledgedError, match="no open session"):
                await service.emergency_stop([], operator="op-s7")
            await wait_for(lambda: len(pending) >= 3, "re-sent while the node is away")
            assert service.status().stops_pending == 1
            # Releasing the vehicles now would race the stop still being re-sent.
            with pytest.raises(StopStillPendingError, match="every vehicle, by op-s7"):
                await service.resume([], operator="supervisor-s7")
            assert service.status().stops_pending == 1
            node = EdgeNode(
                EdgeNodeConfig(node_id="gw-s7b", site_id=site.site_id, port=port,
                               heartbeat_s=0.05),
                make_fleet(SimWorld(site), 2, prefix="s7b-", seed=9),
            )  # fmt: skip
            await node.start()
            await wait_for(lambda: service.status().stops_pending == 0, "acknowledged")
            assert all(
                v.sample(0.0).state is VehicleState.SAFE_STOP for v in node.vehicles.values()
            )
            # Once it has landed, the resume goes out and releases it.
            await service.resume([], operator="supervisor-s7")
            await wait_for(
                lambda: (
                    not any(
                        v.sample(0.0).state is VehicleState.SAFE_STOP
                        for v in node.vehicles.values()
                    )
                ),
                "released",
            )
        finally:
            await service.stop()
            await node.stop()

    asyncio.run(scenario())
