"""Shared fixtures for the receipts and journal tests: a node key and realistic bodies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from edge.journal import Journal
from edge.protocol.messages import Outcome
from edge.receipts import ReceiptBody

if TYPE_CHECKING:
    from pathlib import Path

NODE = "edge-test"
BodyFactory = Callable[[int], ReceiptBody]


def make_body(i: int) -> ReceiptBody:
    """A realistic body, different for every ``i``."""
    outcome = (Outcome.ALLOW, Outcome.RESTRICT, Outcome.ESCALATE, Outcome.BLOCK)[i % 4]
    restrict = outcome is Outcome.RESTRICT
    return ReceiptBody(
        vehicle_id=f"haul-{i % 7:02d}",
        action=("proceed", "enter_zone", "start_task")[i % 3],
        outcome=outcome,
        fired_rules=("core.zone.speed_limit", "core.link.degraded")[: i % 3],
        constraints=(("speed_cap_mps", 4.5 + i % 3), ("buffer_m", 2.0)) if restrict else (),
        bundle_id="site-core",
        bundle_version=3,
        inputs_digest=f"{i * 7919:064x}",
        decided_at=1_700_000_000.0 + i * 0.01,
        decided_mono=1000.0 + i * 0.01,
    )


@pytest.fixture(scope="session")
def node_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def body() -> BodyFactory:
    return make_body


@pytest.fixture
def journal(tmp_path: Path, node_key: Ed25519PrivateKey) -> Iterator[Journal]:
    j = Journal(tmp_path / "journal.db", node_id=NODE, key=node_key, seal_every=10)
    try:
        yield j
    finally:
        j.close()
