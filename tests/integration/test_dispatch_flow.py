"""Dispatched haul cycles end to end over real WebSockets: site service, edge node, sim trucks.

The site service plans and sends haul-cycle tasks (steps with routes) to an edge node; the
simulated trucks drive to the loader, queue, load, haul, dump and report each step; the
dispatcher closes the tasks and the KPIs move. Vehicle physics runs on an accelerated clock
(the node's ticker), so a cycle takes seconds, not minutes. Also: re-dispatch when a truck
stops or its link drops, a closed zone re-routes, pins and holds win, an old console is served
in its version, and a malformed task is refused with a clear reason.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest

from app.core.bus import Event
from app.core.dispatch import TaskState, VehicleStatus
from app.core.dispatch.events import KpiUpdated, OverrideApplied, RouteAssigned, TaskTransitioned
from app.core.service import SiteService
from edge.__main__ import build_node
from edge.governor.engine import Governor
from edge.hal.sim import SimVehicle
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.ticker import Ticker
from maps.site import Site, default_site_path, load_site
from plugins.runtime import SitePacks, load_site_packs

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from pathlib import Path

pytestmark = pytest.mark.integration

TIMEOUT_S = 40.0
SPEED = 100.0
"""Simulated seconds per real second on the edge (vehicle physics, loading, dumping)."""
HZ = 20.0


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


@pytest.fixture(scope="module")
def packs(site: Site) -> SitePacks:
    return load_site_packs(default_site_path(), site, builtin_only=True)


def fast_backoff() -> Iterator[float]:
    while True:
        yield 0.02


def fast_clock() -> Callable[[], float]:
    """A wall clock running :data:`SPEED` times faster than real time."""
    t0, m0 = time.time(), time.monotonic()
    return lambda: t0 + (time.monotonic() - m0) * SPEED


async def wait_for(predicate: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    try:
        async with asyncio.timeout(timeout):
            while not predicate():  # noqa: ASYNC110 - polls state owned by the code under test
                await asyncio.sleep(0.02)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


@asynccontextmanager
async def haul_site(
    site: Site, packs: SitePacks, tmp_path: Path, *, trucks: int = 3
) -> AsyncIterator[tuple[EdgeNode, SiteService, list[Event], list[SimVehicle]]]:
    world = SimWorld(site)
    loaders = site.pois_of_kind("loading")
    fleet = [
        SimVehicle(world, f"t-{i}", "haul_truck", seed=i, start=loaders[i % len(loaders)])
        for i in range(trucks)
    ]
    node = build_node(
        EdgeNodeConfig(node_id="gw-d", site_id=site.site_id, telemetry_hz=HZ, heartbeat_s=0.2),
        fleet,
        site=site,
        data_dir=tmp_path / "edge",
        governor=Governor(packs.bundle, site),
        ticker=Ticker(HZ, clock=fast_clock()),
    )
    await node.start()
    service = SiteService(
        site.site_id,
        [node.url],
        console_id="dispatch-test",
        backoff=fast_backoff,
        site=site,
        packs=packs.contributions,
        dispatch_period_s=0.05,
        routing_jit=False,
    )
    events: list[Event] = []
    service.bus.subscribe(Event, events.append)
    await service.start()
    try:
        yield node, service, events, fleet
    finally:
        await service.stop()
        await node.stop()
        assert node.decisions is not None
        node.decisions.journal.close()


def done_tasks(service: SiteService) -> list[str]:
    assert service.dispatch is not None
    return [t.task_id for t in service.dispatch.dispatcher.tasks.values() if t.state is TaskState.DONE]


def test_haul_cycles_run_end_to_end_and_kpis_move(
    site: Site, packs: SitePacks, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with haul_site(site, packs, tmp_path) as (node, service, events, fleet):
            dispatch = service.dispatch
            assert dispatch is not None
            await wait_for(lambda: len(dispatch.dispatcher.vehicles) == 3, "trucks joined dispatch")
            await wait_for(lambda: len(done_tasks(service)) >= 2, "two haul cycles done")
            kpis = [e for e in events if isinstance(e, KpiUpdated)]
            assert kpis, "no KPI update published"
            await wait_for(
                lambda: dispatch.kpis().get("mining.tonnes_per_hour", 0.0) > 0, "tonnes moving"
            )
            assert set(dispatch.kpis()) == {
                "mining.tonnes_per_hour",
                "mining.loader_queue_time",
                "mining.cycle_time",
            }
            task = dispatch.dispatcher.task(done_tasks(service)[0])
            states = [r.new.value for r in task.history]
            assert states == ["assigned", "running", "done"]
            routes = [e for e in events if isinstance(e, RouteAssigned) and e.task_id == task.task_id]
            assert any(r.polyline for r in routes), "the route was published"
            assert routes[-1].polyline == (), "the route is cleared when the task ends"
            # The edge journaled the task commands like its decisions.
            assert node.decisions is not None

    asyncio.run(scenario())
