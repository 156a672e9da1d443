"""Offline backlog and resync: 100 vehicles decide for 60 simulated minutes with no console.

An edge gateway hosting ``--vehicles`` simulated vehicles runs its governor and durable journal
in fast-forward (simulated time, real decisions, real fsyncs) while no console is connected.
Then the site service connects over loopback WebSockets and the bench measures how long it
takes until the console's store holds every receipt, and checks that none was lost or stored
twice.

Usage::

    python bench/resync.py                 # 100 vehicles, 60 simulated minutes
    python bench/resync.py --minutes 5     # a shorter run

Final line: JSON with ``backlog_receipts``, ``resync_s``, ``lost``, ``duplicates`` (rows
stored twice: must be 0), ``resent_deduplicated`` (receipts the edge sent again and the store
ignored), ``receipts_per_s`` (resync throughput) and ``offline_build_s``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from app.core.service import SiteService
from app.core.store import ReceiptStore, open_engine
from app.core.store.schema import receipts
from edge.__main__ import build_node
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol import LinkState
from maps.site import default_site_path, load_site

DT = 0.1


async def build_backlog(node: EdgeNode, minutes: float, start: float) -> float:
    """Run the node's vehicles and governor for ``minutes`` of simulated time, offline."""
    pipeline = node.decisions
    assert pipeline is not None
    for vehicle in node.vehicles.values():
        vehicle.set_link_state(LinkState.CONNECTED)  # a link was up, then the console went
    t = start
    steps = int(minutes * 60 / DT)
    for i in range(steps):
        t += DT
        node.tick(t, DT)
        if i % 10 == 9:  # once per simulated second, let the journal catch up
            while pipeline.durable + pipeline.journal_failures < pipeline.decided:
                await asyncio.sleep(0.0005)
    while pipeline.durable + pipeline.journal_failures < pipeline.decided:
        await asyncio.sleep(0.001)
    return t


async def run(args: argparse.Namespace) -> dict[str, object]:
    """Build the backlog, reconnect a console, measure the resync."""
    site = load_site(default_site_path())
    world = SimWorld(site)
    with tempfile.TemporaryDirectory(prefix="atlasmesh-resync-") as tmp:
        data = Path(tmp)
        config = EdgeNodeConfig(node_id="gw-resync", site_id=site.site_id)
        node = build_node(
            config,
            make_fleet(world, args.vehicles, prefix="rs-", seed=3),
            site=site,
            data_dir=data / "edge",
        )
        pipeline = node.decisions
        assert pipeline is not None
        t0 = time.perf_counter()
        await build_backlog(node, args.minutes, start=1_767_225_600.0)
        offline_build_s = time.perf_counter() - t0
        backlog = pipeline.durable
        print(
            f"backlog: {backlog:,} receipts from {args.vehicles} vehicles over "
            f"{args.minutes:g} simulated minutes (built in {offline_build_s:.1f} s)",
            flush=True,
        )
        await node.start()
        store = ReceiptStore(open_engine(f"sqlite:///{data / 'site.db'}"))
        service = SiteService(site.site_id, [node.url], console_id="console-r", store=store)
        t1 = time.perf_counter()
        await service.start()
        deadline = t1 + args.timeout
        while store.cursor("gw-resync") < backlog and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        resync_s = time.perf_counter() - t1
        await service.stop()
        await node.stop()
        pipeline.journal.close()
        store.close()
        engine = open_engine(f"sqlite:///{data / 'site.db'}")
        with engine.connect() as conn:
            rows = int(conn.execute(select(func.count()).select_from(receipts)).scalar_one())
            distinct = int(
                conn.execute(
                    select(func.count()).select_from(
                        select(receipts.c.node_id, receipts.c.chain_seq).distinct().subquery()
                    )
                ).scalar_one()
            )
            stored = set(
                conn.execute(
                    select(receipts.c.chain_seq).where(receipts.c.chain_seq <= backlog)
                ).scalars()
            )
        engine.dispose()
        lost = sum(1 for seq in range(1, backlog + 1) if seq not in stored)
    return {
        "backlog_receipts": backlog,
        "resync_s": round(resync_s, 3),
        "lost": lost,
        "duplicates": rows - distinct,
        "resent_deduplicated": store.duplicates,
        "receipts_per_s": round(backlog / resync_s) if resync_s > 0 else None,
        "offline_build_s": round(offline_build_s, 1),
        "vehicles": args.vehicles,
        "simulated_minutes": args.minutes,
    }


def main() -> int:
    """Run the bench and print the final JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--vehicles", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=600.0, help="resync time limit, s")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
