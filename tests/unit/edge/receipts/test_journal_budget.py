"""The disk budget: alert early, prune only what consoles acknowledged and checkpoints seal,
refuse receipts (never act without one) when nothing may be pruned."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from edge.journal import AlertLevel, Journal, JournalAlert, JournalFullError, export_journal
from edge.receipts import ReceiptBody
from edge.receipts.verify import verify_export, verify_journal

if TYPE_CHECKING:
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

MAX_BYTES = 200_000
Bodies = Callable[[int], ReceiptBody]
RowsEditor = Callable[["Path"], contextlib.AbstractContextManager[sqlite3.Connection]]


def live_bytes(path: Path) -> int:
    with sqlite3.connect(path) as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    return int((pages - free) * size)


def fill(j: Journal, body: Bodies, start: int) -> int:
    """Submit batches of 50 until one is refused; return the next body index."""
    i = start
    for _ in range(200):
        fut = j.submit_many([body(i + k) for k in range(50)])
        try:
            fut.result(10)
        except JournalFullError:
            return i
        i += 50
    pytest.fail("the journal never filled up")


def test_full_journal_refuses_then_prunes_once_acknowledged(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    alerts: list[JournalAlert] = []
    path = tmp_path / "j.db"
    j = Journal(
        path,
        node_id="edge-test",
        key=node_key,
        max_bytes=MAX_BYTES,
        seal_every=10,
        on_alert=alerts.append,
    )
    with j:
        nxt = fill(j, body, 0)
        levels = [a.level for a in alerts]
        assert levels.index(AlertLevel.HEADROOM_LOW) < levels.index(AlertLevel.FULL)
        full = next(a for a in alerts if a.level is AlertLevel.FULL)
        assert full.unacknowledged == j.head[0]  # no console: nothing acknowledged
        head = j.head[0]
        # A console that acknowledged only half: pruning frees that half.
        j.ack("console-a", head // 2).result(10)
        nxt = fill(j, body, nxt)
        assert j.read_from(1, 10)[0].seq > 1
        assert j.read_from(1, 10)[0].seq <= head // 2 + 1
        # A second console holds pruning back at its own cursor.
        j.ack("console-b", j.head[0] // 2).result(10)
        j.ack("console-a", j.head[0]).result(10)
        first_before = j.read_from(1, 1)[0].seq
        fill(j, body, nxt)
        first_after = j.read_from(1, 1)[0].seq
        assert first_before <= first_after <= j.consoles()["console-b"] + 1
    assert live_bytes(path) <= MAX_BYTES
    report = verify_journal(path, node_key.public_key())
    assert report.ok, report.summary()
    assert report.first_seq is not None
    assert report.first_seq > 1
    export_journal(path, tmp_path / "e.jsonl")
    assert verify_export(tmp_path / "e.jsonl", node_key.public_key()).ok


def test_deleting_more_than_was_pruned_is_reported(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies, receipt_rows: RowsEditor
) -> None:
    path = tmp_path / "j.db"
    with Journal(path, node_id="edge-test", key=node_key, max_bytes=MAX_BYTES, seal_every=10) as j:
        fill(j, body, 0)
        j.ack("console-a", j.head[0]).result(10)
        j.submit_many([body(10_000 + k) for k in range(50)]).result(10)
        first = j.read_from(1, 1)[0].seq
    with receipt_rows(path) as db:
        db.execute("DELETE FROM receipts WHERE seq < ?", (first + 10,))
    problem = verify_journal(path).problem
    assert problem is not None
    assert problem.seq == first
