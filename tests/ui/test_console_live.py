"""The console over real edge nodes (simulated vehicles, loopback WebSockets)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from app.cli.demo import SimSiteSpec, build_nodes, stop_nodes
from app.core.service import SiteService
from tests.conftest import MS

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]


async def until(condition: Callable[[], bool], timeout_s: float) -> None:
    step = 0.02
    for _ in range(int(timeout_s / step) + 1):
        if condition():
            return
        await asyncio.sleep(step)
    raise TimeoutError(f"condition not met in {timeout_s} s")


def test_console_follows_real_edge_nodes_and_stops_the_fleet(  # type: ignore[no-untyped-def]
    make_console, qloop, demo_site, tmp_path
) -> None:
    service = SiteService(demo_site.site_id, console_id="ui-test")
    window = make_console(service).window
    nodes = build_nodes(demo_site, SimSiteSpec(gateways=1, per_gateway=3, direct=1), tmp_path)

    async def scenario() -> None:
        # One coroutine, so every socket callback runs inside the running qasync loop.
        await asyncio.gather(*(n.start() for n in nodes))
        try:
            await service.start()
            for node in nodes:
                await service.add_endpoint(node.url)
            await until(lambda: all(k.stats.connected for k in service.links.values()), 60_000 * MS)
            await until(
                lambda: sum(1 for r in service.fleet.records() if r.sample) == 4, 60_000 * MS
            )
            window.frame_clock.tick()
            window.poll_status()
            links = window.links_panel.model
            assert [links.state_text(url)[0] for url in links.urls] == ["● Connected"] * 2
            assert window.kpis_panel.tiles["vehicles"].value.text() == "4"
            assert sum(window.map_view.kind_counts()) == 4
            assert {a.code for a in window.alerts.entries()} >= {"link_up"}

            window.ask_estop_all()
            window.confirm_bar.confirm.click()
            await asyncio.gather(*window._tasks)
            await until(
                lambda: sum(a.code == "command_done" for a in window.alerts.entries()) == 2,
                10_000 * MS,
            )
            assert [a.code for a in window.alerts.entries()].count("estop_sent") == 1
        finally:
            await service.stop()
            await stop_nodes(nodes)

    qloop.run_until_complete(scenario())
