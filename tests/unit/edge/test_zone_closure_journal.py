"""What the node itself does to operator closures is journaled: lease lapses and restarts.

A closing answer is a receipt (``assist.answered``, detail ``close_zone Z04``); the node's own
changes afterwards must be too, or the audit trail cannot say who reopened a zone.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from edge.assist.closures import Closure, ZoneClosures
from edge.assist.exchange import AssistExchange
from edge.decisions import DecisionPipeline
from edge.governor.engine import Governor
from edge.governor.loader import load_core_bundle
from edge.journal import Journal
from edge.protocol.messages import Outcome
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from pathlib import Path

    from edge.receipts.record import Receipt

NODE = "gw-j"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def journaled(journal: Journal, count: int) -> list[Receipt]:
    """Return the journal's receipts once ``count`` are durable (the writer is a thread)."""
    deadline = time.monotonic() + 10.0
    while journal.head[0] < count and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        return journal.read_from(1)
    finally:
        journal.close()


def exchange(
    site: Site, tmp_path: Path, store: ZoneClosures, now: list[float]
) -> tuple[AssistExchange, Journal]:
    journal = Journal(tmp_path / "journal.db", node_id=NODE, key=Ed25519PrivateKey.generate())
    decisions = DecisionPipeline(Governor(load_core_bundle(), site), journal)
    node = AssistExchange(
        NODE,
        consoles=[],
        decisions=decisions,
        clock=lambda: now[0],
        monotonic=lambda: now[0],
        closures=store,
    )
    return node, journal


def test_a_restart_journals_the_zones_closed_again_and_the_leases_that_passed(
    site: Site, tmp_path: Path
) -> None:
    store = ZoneClosures(tmp_path / "zone_closures.json")
    store.close(Closure("Z01", "alice", 100.0, None, "gw:1"))
    store.close(Closure("Z05", "bob", 100.0, 150.0, "gw:2"))
    node, journal = exchange(site, tmp_path, store, [200.0])
    assert set(node.closed) == {"Z01"}
    receipts = journaled(journal, 2)
    by_action = {r.body.action: r.body for r in receipts}
    assert set(by_action) == {"assist.zone_lapsed", "assist.zone_reclosed"}
    lapsed, reclosed = by_action["assist.zone_lapsed"], by_action["assist.zone_reclosed"]
    assert lapsed.outcome is Outcome.ALLOW
    assert lapsed.vehicle_id == NODE
    assert lapsed.fired_rules[:2] == ("assist:gw:2", f"operator:{NODE}")
    assert "lease passed while the node was down" in lapsed.fired_rules[2]
    assert "closed by bob" in lapsed.fired_rules[2]
    assert lapsed.fired_rules[3] == "zone:Z05"
    assert reclosed.outcome is Outcome.BLOCK
    assert reclosed.fired_rules[:2] == ("assist:gw:1", f"operator:{NODE}")
    assert "closed again at start" in reclosed.fired_rules[2]
    assert reclosed.fired_rules[3] == "zone:Z01"
    assert lapsed.decided_at == reclosed.decided_at == 200.0
    assert lapsed.inputs_digest != reclosed.inputs_digest


def test_a_lease_lapse_reopens_the_zone_and_is_journaled_by_the_node(
    site: Site, tmp_path: Path
) -> None:
    store = ZoneClosures(tmp_path / "zone_closures.json")
    store.close(Closure("Z01", "alice", 100.0, None, "gw:1"))
    store.close(Closure("Z04", "bob", 100.0, 160.0, "gw:2"))
    now = [120.0]
    node, journal = exchange(site, tmp_path, store, now)
    assert node.zones is not None
    assert node.zones.closed == {"Z01", "Z04"}

    def reopening() -> asyncio.Task[None] | None:
        return node._lapsing

    async def run() -> None:
        node.lapse_zones(now[0])
        assert reopening() is None  # nothing due yet
        now[0] = 160.0
        node.lapse_zones(now[0])
        lapsing = reopening()
        assert lapsing is not None
        await lapsing

    asyncio.run(run())
    assert node.zones.closed == {"Z01"}
    assert set(node.closed) == {"Z01"}
    assert set(ZoneClosures(store.path).closures) == {"Z01"}
    bodies = [r.body for r in journaled(journal, 3)]
    assert [b.action for b in bodies] == [
        "assist.zone_reclosed",
        "assist.zone_reclosed",
        "assist.zone_lapsed",
    ]
    lapse = bodies[-1]
    assert lapse.outcome is Outcome.ALLOW
    assert lapse.fired_rules[0] == "assist:gw:2"
    assert lapse.fired_rules[1] == f"operator:{NODE}"
    assert lapse.fired_rules[2].startswith("lease passed: zone Z04 closed by bob")
    assert lapse.decided_at == 160.0
