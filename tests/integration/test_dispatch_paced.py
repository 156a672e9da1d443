"""The site's dispatcher keeps to its share of an edge node's command rate limit (mutual TLS).

An edge node refuses more than its budget of commands from one console (100 a minute, 10 at
once on a real site; remote stops exempt). The dispatcher, embedded in that console, sends every
idle truck out at start-up: unpaced, the commands past the burst were refused for rate, each
refusal failed its task, and the freed truck drew another refused command (about 80 failed
tasks in the demo's first 30 s). Here the node's budget is small and the dispatcher's share
smaller; every truck must get its task with no refusal for rate in the node's audit.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest

from app.core.dispatch import TaskState
from app.core.identity import Identity
from app.core.links.pacing import CommandPacer
from app.core.service import SiteService
from edge.decisions import DecisionPipeline
from edge.governor.engine import Governor
from edge.hal.sim import SimVehicle
from edge.hal.sim_world import SimWorld
from edge.journal import Journal
from edge.node import EdgeNode, EdgeNodeConfig
from edge.receipts.keys import load_or_create_key
from edge.security.accounts import AccountStore, ScryptParams
from edge.security.authority import SiteAuthority
from edge.security.guard import EdgeGuard
from edge.security.replay import RateLimiter
from edge.security.tls import TlsCredentials, client_context
from maps.site import Site, default_site_path, load_site
from plugins.runtime import SitePacks, load_site_packs

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from pathlib import Path

pytestmark = pytest.mark.integration

TRUCKS = 8
TIMEOUT_S = 40.0


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


@pytest.fixture(scope="module")
def packs(site: Site) -> SitePacks:
    return load_site_packs(default_site_path(), site, builtin_only=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory, site: Site) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("pki")
    authority = SiteAuthority.init(root / "authority", site.site_id)
    return {
        "authority": authority,
        "node": authority.enroll("edge", "gw-paced", root / "gw-paced"),
        "console": authority.enroll("console", "console-1", root / "console-1"),
        "accounts": AccountStore(
            authority.home / "users.json", params=ScryptParams(n=2**10, r=8, p=1)
        ),
    }


def fast_backoff() -> Iterator[float]:
    while True:
        yield 0.05


async def wait_for(predicate: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not predicate():  # noqa: ASYNC110 - polls state owned by the code under test
                await asyncio.sleep(0.02)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


@asynccontextmanager
async def paced_site(
    site: Site, packs: SitePacks, pki: dict[str, Any], tmp_path: Path, pacer: CommandPacer
) -> AsyncIterator[tuple[EdgeNode, SiteService]]:
    world = SimWorld(site)
    loaders = site.pois_of_kind("loading")
    fleet = [
        SimVehicle(world, f"t-{i}", "haul_truck", seed=i, start=loaders[i % len(loaders)])
        for i in range(TRUCKS)
    ]
    key = load_or_create_key(tmp_path / "node_key.pem")
    journal = Journal(tmp_path / "journal.db", node_id="gw-paced", key=key)
    node = EdgeNode(
        EdgeNodeConfig(node_id="gw-paced", site_id=site.site_id, telemetry_hz=20, heartbeat_s=0.1),
        fleet,
        decisions=DecisionPipeline(Governor(packs.bundle, site), journal),
        # A small budget so the test is quick: 3 at once, then one every 1/3 s.
        guard=EdgeGuard(
            site.site_id,
            TlsCredentials.load(pki["node"]),
            rate=RateLimiter(per_minute=180.0, burst=3.0),
        ),
    )
    await node.start()
    creds = TlsCredentials.load(pki["console"])
    service = SiteService(
        site.site_id,
        [node.url],
        console_id=creds.identity.name,
        backoff=fast_backoff,
        tls=client_context(creds),
        identity=Identity(pki["accounts"], site.site_id, creds.identity.name, creds.key),
        site=site,
        packs=packs.contributions,
        dispatch_period_s=0.05,
        routing_jit=False,
        task_pacer=pacer,
    )
    await service.start()
    try:
        yield node, service
    finally:
        await service.stop()
        await node.stop()
        journal.close()


def test_every_truck_gets_its_task_without_a_refusal_for_rate(
    site: Site, packs: SitePacks, pki: dict[str, Any], tmp_path: Path
) -> None:
    async def scenario() -> None:
        # The dispatcher's share: 2 at once, then one every half second (below the node's).
        pacer = CommandPacer(per_minute=120.0, burst=2.0)
        async with paced_site(site, packs, pki, tmp_path, pacer) as (node, service):
            dispatch = service.dispatch
            assert dispatch is not None

            def started() -> int:
                return sum(
                    1 for t in dispatch.dispatcher.tasks.values() if t.state is TaskState.RUNNING
                )

            await wait_for(lambda: started() == TRUCKS, f"all {TRUCKS} trucks on a task")
            records = list(node.guard.audit.records)
            assigns = [r for r in records if r.kind == "task_assign"]
            assert len(assigns) >= TRUCKS
            assert all(r.operator == SiteService.DISPATCHER_NAME for r in assigns)
            limited = [r for r in records if r.code == "rate_limited"]
            assert not limited, f"refused for rate: {limited[:3]}"
            failed = [t for t in dispatch.dispatcher.tasks.values() if t.state is TaskState.FAILED]
            assert not failed, [t.history[-1].why for t in failed]

    asyncio.run(scenario())
