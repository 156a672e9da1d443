"""Governed vehicles, durable receipts, and their way to the console's store and back."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from app.core.service import SiteService
from app.core.store import ReceiptStore, open_engine
from edge.__main__ import build_node
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol import LinkState
from edge.receipts.verify import verify_journal
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

pytestmark = pytest.mark.integration

TIMEOUT_S = 20.0


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


def governed_node(site: Site, data: Path, port: int = 0) -> EdgeNode:
    world = SimWorld(site)
    config = EdgeNodeConfig(node_id="gw-r", site_id=site.site_id, port=port, telemetry_hz=20)
    return build_node(
        config, make_fleet(world, 6, prefix="r-", seed=5), site=site, data_dir=data / "edge"
    )


def test_receipts_reach_the_store_once_and_resync_after_a_drop(site: Site, tmp_path: Path) -> None:
    async def scenario() -> None:
        node = governed_node(site, tmp_path)
        await node.start()
        store = ReceiptStore(open_engine(f"sqlite:///{tmp_path / 'site.db'}"))
        service = SiteService(
            site.site_id, [node.url], console_id="console-a", backoff=fast_backoff, store=store
        )
        await service.start()
        link = service.links[node.url]
        pipeline = node.decisions
        assert pipeline is not None
        try:
            await wait_for(lambda: node.link_state is LinkState.CONNECTED, "link up")
            await wait_for(lambda: store.cursor("gw-r") >= 20, "twenty receipts stored")
            # Cut the link abruptly; decisions go on and pile up in the journal.
            await link.drop()
            await wait_for(lambda: not link.stats.connected, "link down")
            during = pipeline.durable
            await wait_for(lambda: pipeline.durable > during + 10, "decisions while away")
            await wait_for(lambda: link.stats.connects >= 2, "reconnected")
            await wait_for(
                lambda: store.cursor("gw-r") >= pipeline.durable, "backlog resynchronised"
            )
            head = pipeline.durable
            assert store.count("gw-r") == store.cursor("gw-r")  # no gap, no duplicate row
            assert store.cursor("gw-r") >= head
            assert pipeline.journal_failures == 0
        finally:
            await service.stop()
            await node.stop()
            pipeline.journal.close()
            store.close()
        report = verify_journal(tmp_path / "edge" / "gw-r" / "journal.db")
        assert report.ok, report

    asyncio.run(scenario())
