"""The console's receipt store: exactly once per (node, seq), contiguous cursors, durable."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from app.core.errors import StoreError
from app.core.store import ReceiptStore, open_engine
from edge.protocol import DecisionReceipt, Outcome

if TYPE_CHECKING:
    from pathlib import Path


def receipt(node: str, seq: int) -> DecisionReceipt:
    return DecisionReceipt(
        seq=seq,
        ts=1.0,
        receipt_id=f"{node}:{seq}",
        node_id=node,
        chain_seq=seq,
        vehicle_id="v1",
        action="proceed",
        outcome=Outcome.ALLOW,
        bundle_id="core",
        bundle_version=1,
        inputs_digest="a" * 64,
        prev_hash="0" * 64,
        hash=f"{seq:064x}",
        decided_at=1.0,
    )


def test_duplicates_are_stored_once_and_gaps_hold_the_cursor(tmp_path: Path) -> None:
    store = ReceiptStore(open_engine(f"sqlite:///{tmp_path / 'site.db'}"))
    try:
        assert store.submit([receipt("a", s) for s in (1, 2, 4)], 1.0).result(10) == {"a": 2}
        assert store.cursor("a") == 2
        # Resent after a reconnect: 2 again, then the missing 3 and 4 again.
        assert store.submit([receipt("a", s) for s in (2, 3, 4)], 2.0).result(10) == {"a": 4}
        assert store.submit([receipt("b", 1)], 2.0).result(10) == {"b": 1}
        assert store.count("a") == 4
        assert store.count() == 5
        assert store.duplicates == 2
    finally:
        store.close()


def test_cursors_survive_a_restart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'site.db'}"
    store = ReceiptStore(open_engine(url))
    store.submit([receipt("a", s) for s in (1, 2, 3, 5)], 1.0).result(10)
    store.close()
    reopened = ReceiptStore(open_engine(url))
    try:
        assert reopened.cursor("a") == 3
        assert reopened.submit([receipt("a", 4)], 1.0).result(10) == {"a": 5}
    finally:
        reopened.close()


def test_sqlite_runs_wal_and_full(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'site.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_commit_failure_reaches_the_caller(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'site.db'}")
    store = ReceiptStore(engine)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE receipts")
        with pytest.raises(StoreError, match="not stored"):
            store.submit([receipt("a", 1)], 1.0).result(10)
        assert store.cursor("a") == 0  # nothing acknowledged that was not stored
    finally:
        store.close()


POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.mark.postgres
@pytest.mark.integration
def test_same_store_runs_on_postgresql() -> None:
    """The control-room database: the same code, on a real PostgreSQL server."""
    from sqlalchemy import text

    try:
        engine = open_engine(POSTGRES_URL)
    except Exception as exc:  # noqa: BLE001 - report why the server is unusable
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {exc}")
    node = f"pg-{id(engine)}"
    store = ReceiptStore(engine)
    try:
        assert store.submit([receipt(node, s) for s in (1, 2, 2, 4)], 1.0).result(10) == {node: 2}
        assert store.submit([receipt(node, 3)], 1.0).result(10) == {node: 4}
        assert store.count(node) == 4
    finally:
        store.close()
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM receipts WHERE node_id = :n"), {"n": node})
