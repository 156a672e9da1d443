"""Shared fixtures for the receipts and journal tests: a node key, realistic bodies, and
``receipt_rows`` to tamper with a journal's receipts one row per receipt."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from edge.journal import Journal
from edge.journal.schema import migrate_v1, read_rows
from edge.protocol.messages import Outcome
from edge.receipts import ReceiptBody

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from edge.journal.storage import Row, SqlValue

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


class _Raw:
    """The journal's ``Connection`` protocol over an open sqlite3 connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def execute(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:
        return self._db.execute(sql, params).fetchall()

    def executemany(self, sql: str, rows: Any) -> None:
        self._db.executemany(sql, rows)

    def close(self) -> None:
        self._db.close()


@contextlib.contextmanager
def open_receipt_rows(path: Path) -> Iterator[sqlite3.Connection]:
    """Expose a journal's receipts as a ``receipts (seq, prev_hash, hash, data)`` table.

    What a tamperer edits: the block storage unpacked into one row per receipt.  On exit the
    rows, edited or not, go back into blocks the way a version-1 journal is migrated, which
    keeps every stored value (and so every edit) exactly as left in the table.
    """
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        raw = _Raw(db)
        rows = read_rows(raw, 0, -1)
        db.execute("CREATE TABLE receipts (seq INTEGER PRIMARY KEY, prev_hash, hash, data)")
        db.executemany("INSERT INTO receipts VALUES (?, ?, ?, ?)", rows)
        db.execute("DELETE FROM blocks")
        yield db
        migrate_v1(raw)
        db.execute("COMMIT")
    finally:
        db.close()


@pytest.fixture
def receipt_rows() -> Callable[[Path], contextlib.AbstractContextManager[sqlite3.Connection]]:
    """``with receipt_rows(path) as db:`` edit ``receipts`` rows of a closed journal."""
    return open_receipt_rows
