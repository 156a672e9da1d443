"""The journal: durable futures, resync reads, cursors, restart, sealing, refusals."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from edge.journal import (
    Journal,
    JournalClosedError,
    JournalCorruptError,
    JournalError,
    JournalLockedError,
    JournalOverloadedError,
    SqliteConnection,
    StorageError,
    UnsafeStorageError,
)
from edge.journal.safety import check_filesystem
from edge.receipts import MalformedReceiptError, ReceiptBody
from edge.receipts.verify import verify_journal

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from edge.journal.storage import Connection, Row, SqlValue

NODE = "edge-test"
Bodies = Callable[[int], ReceiptBody]
RowsEditor = Callable[["Path"], contextlib.AbstractContextManager[sqlite3.Connection]]


def open_journal(path: Path, key: Ed25519PrivateKey, **kwargs: Any) -> Journal:
    return Journal(path, node_id=NODE, key=key, **{"seal_every": 10, **kwargs})


def test_submit_resolves_with_a_chained_receipt(journal: Journal, body: Bodies) -> None:
    receipts = [journal.submit(body(i)).result(10) for i in range(1, 4)]
    assert [r.seq for r in receipts] == [1, 2, 3]
    assert receipts[1].prev_hash == receipts[0].hash
    assert journal.head == (3, receipts[2].hash)
    assert [r.body for r in receipts] == [body(1), body(2), body(3)]


def test_submit_many_is_one_future_for_a_batch(journal: Journal, body: Bodies) -> None:
    journal.submit(body(0)).result(10)
    batch = journal.submit_many([body(i) for i in range(1, 6)]).result(10)
    assert [r.seq for r in batch] == [2, 3, 4, 5, 6]
    assert journal.submit_many([]).result(10) == []


def test_asyncio_caller_awaits_durability(journal: Journal, body: Bodies) -> None:
    async def decide() -> int:
        receipt = await asyncio.wrap_future(journal.submit(body(1)))
        return receipt.seq

    assert asyncio.run(decide()) == 1


def test_concurrent_submitters_get_one_contiguous_chain(journal: Journal, body: Bodies) -> None:
    seqs: list[int] = []
    lock = threading.Lock()

    def worker(offset: int) -> None:
        futures = [journal.submit(body(offset + i)) for i in range(200)]
        got = [f.result(30).seq for f in futures]
        assert got == sorted(got)  # one submitter's receipts keep its order
        with lock:
            seqs.extend(got)

    threads = [threading.Thread(target=worker, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seqs) == list(range(1, 801))


def test_a_bad_body_fails_alone(journal: Journal, body: Bodies) -> None:
    bad = replace(body(2), inputs_digest="nothex")
    good1, wrong, good2 = journal.submit(body(1)), journal.submit(bad), journal.submit(body(3))
    with pytest.raises(MalformedReceiptError):
        wrong.result(10)
    assert (good1.result(10).seq, good2.result(10).seq) == (1, 2)
    batch = journal.submit_many([body(4), bad, body(5)])
    with pytest.raises(MalformedReceiptError):
        batch.result(10)
    assert journal.submit(body(6)).result(10).seq == 3  # the failed batch took no seq


def test_read_from_serves_resync(journal: Journal, body: Bodies) -> None:
    written = journal.submit_many([body(i) for i in range(25)]).result(10)
    assert journal.read_from(1, 1000) == written
    assert journal.read_from(11, 5) == written[10:15]
    assert journal.read_from(26, 10) == []


def test_read_from_pages_across_many_blocks(journal: Journal, body: Bodies) -> None:
    written = []
    for group in range(12):  # one block per durable group: more blocks than one query fetches
        written += journal.submit_many([body(group * 7 + i) for i in range(7)]).result(10)
    for start in (1, 3, 7, 8, 50, 84, 85):
        for limit in (1, 5, 7, 8, 20, 100):
            assert journal.read_from(start, limit) == written[start - 1 : start - 1 + limit]


def test_ack_cursor_is_durable_and_monotonic(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    path = tmp_path / "j.db"
    with open_journal(path, node_key) as j:
        j.submit_many([body(i) for i in range(30)]).result(10)
        j.ack("console-a", 20).result(10)
        j.ack("console-a", 12).result(10)  # late, duplicated ack: the cursor stays
        j.ack("console-b", 5).result(10)
        assert j.cursor("console-a") == 20
        with pytest.raises(ValueError, match="durable head"):
            j.ack("console-a", 31)
    with open_journal(path, node_key) as j:
        assert j.consoles() == {"console-a": 20, "console-b": 5}
        assert [r.seq for r in j.read_from(j.cursor("console-a") + 1, 100)] == list(range(21, 31))
        j.forget_console("console-b").result(10)
        assert j.consoles() == {"console-a": 20}
        assert j.cursor("unknown") == 0


def test_restart_continues_the_chain_and_seals_the_tail(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    path = tmp_path / "j.db"
    with open_journal(path, node_key, seal_every=1000, seal_interval_s=3600) as j:
        last = j.submit_many([body(i) for i in range(15)]).result(10)[-1]
    with open_journal(path, node_key) as j:
        assert j.head == (15, last.hash)
        assert j.checkpoints()[-1].last_seq == 15  # close sealed the tail
        nxt = j.submit(body(99)).result(10)
        assert (nxt.seq, nxt.prev_hash) == (16, last.hash)
    report = verify_journal(path, node_key.public_key())
    assert report.ok, report.summary()
    assert (report.receipts, report.unsealed, report.key_trusted) == (16, 0, True)


def test_checkpoints_follow_count_and_time(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    with open_journal(tmp_path / "j.db", node_key, seal_every=10, seal_interval_s=0.05) as j:
        j.submit_many([body(i) for i in range(23)]).result(10)
        assert [(c.first_seq, c.last_seq) for c in j.checkpoints()][:2] == [(1, 10), (11, 20)]
        deadline = threading.Event()
        for _ in range(200):  # the 3 unsealed receipts get sealed by time
            if j.checkpoints() and j.checkpoints()[-1].last_seq == 23:
                break
            deadline.wait(0.01)
        assert j.checkpoints()[-1].last_seq == 23
        for cp in j.checkpoints():
            cp.verify_signature(node_key.public_key())


def test_second_process_is_locked_out(tmp_path: Path, node_key: Ed25519PrivateKey) -> None:
    with open_journal(tmp_path / "j.db", node_key), pytest.raises(JournalLockedError):
        open_journal(tmp_path / "j.db", node_key)


def test_other_node_or_key_is_refused(tmp_path: Path, node_key: Ed25519PrivateKey) -> None:
    open_journal(tmp_path / "j.db", node_key).close()
    with pytest.raises(JournalError, match="belongs to node"):
        Journal(tmp_path / "j.db", node_id="edge-other", key=node_key)
    with pytest.raises(JournalError, match="sealed with key"):
        open_journal(tmp_path / "j.db", Ed25519PrivateKey.generate())


def test_closed_journal_refuses(journal: Journal, body: Bodies) -> None:
    journal.close()
    with pytest.raises(JournalClosedError):
        journal.submit(body(1)).result(1)
    with pytest.raises(JournalClosedError):
        journal.read_from(1, 10)


def test_full_queue_refuses_without_blocking(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    with open_journal(tmp_path / "j.db", node_key, queue_max=4) as j:
        too_big = j.submit_many([body(i) for i in range(5)])
        with pytest.raises(JournalOverloadedError):
            too_big.result(1)


def test_tampered_tail_refuses_to_start(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies, receipt_rows: RowsEditor
) -> None:
    path = tmp_path / "j.db"
    with open_journal(path, node_key) as j:
        j.submit_many([body(i) for i in range(25)]).result(10)
    with receipt_rows(path) as db:
        db.execute("UPDATE receipts SET data = data || x'00' WHERE seq = 24")
    with pytest.raises(JournalCorruptError, match="seq 24"):
        open_journal(path, node_key)


# --------------------------------------------------------------------------- unsafe storage


class LyingConnection:
    """A storage layer that silently ignores one pragma (what D3 must catch)."""

    def __init__(self, inner: Connection, ignore: str) -> None:
        self._inner, self._ignore = inner, ignore

    def execute(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:
        if sql.upper() == self._ignore:
            return [("delete",)] if "JOURNAL_MODE" in self._ignore else []
        return self._inner.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> None:
        self._inner.executemany(sql, rows)

    def close(self) -> None:
        self._inner.close()


@pytest.mark.parametrize(
    ("ignored", "message"),
    [
        ("PRAGMA JOURNAL_MODE=WAL", "journal_mode is 'delete'"),
        ("PRAGMA SYNCHRONOUS=FULL", "NORMAL"),
    ],
)
def test_unsafe_settings_refuse_to_start(
    tmp_path: Path, node_key: Ed25519PrivateKey, ignored: str, message: str
) -> None:
    def opener(path: Path, *, readonly: bool) -> Connection:
        inner = SqliteConnection(path, readonly=readonly)
        inner.execute("PRAGMA synchronous=NORMAL")
        return LyingConnection(inner, ignored)

    with pytest.raises(UnsafeStorageError, match=message):
        open_journal(tmp_path / "j.db", node_key, opener=opener)
    with sqlite3.connect(tmp_path / "j.db") as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0  # 0 written


def test_network_filesystem_is_refused(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/export {tmp_path} nfs4 rw 0 0\n/dev/vda / ext4 rw 0 0\n")
    with pytest.raises(UnsafeStorageError, match="nfs4"):
        check_filesystem(tmp_path / "j.db", str(mounts))
    check_filesystem(tmp_path / "j.db", "/nonexistent")  # unknown: no refusal


# --------------------------------------------------------------------------- write failures


class FailingConnection:
    """Fails every statement matching ``verb`` once ``armed`` is set (an EIO / ENOSPC)."""

    def __init__(self, inner: Connection, verb: str, full: bool) -> None:
        self._inner, self._verb, self._full = inner, verb, full
        self.armed = False

    def execute(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:
        if self.armed and sql.startswith(self._verb):
            raise StorageError("disk I/O error (injected)", full=self._full)
        return self._inner.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> None:
        self._inner.executemany(sql, rows)

    def close(self) -> None:
        self._inner.close()


@pytest.mark.parametrize(
    ("verb", "count"),
    [
        ("INSERT", 1),  # a lone block: one autocommit statement
        ("INSERT", 10),  # a block and a checkpoint: BEGIN ... COMMIT
        ("COMMIT", 10),
    ],
)
def test_a_failed_write_fails_the_receipt_and_stops_the_journal(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies, verb: str, count: int
) -> None:
    writers: list[FailingConnection] = []

    def opener(path: Path, *, readonly: bool) -> Connection:
        conn = FailingConnection(SqliteConnection(path, readonly=readonly), verb, full=False)
        writers.append(conn)
        return conn

    path = tmp_path / "j.db"
    with open_journal(path, node_key, opener=opener) as j:
        ok = j.submit(body(1)).result(10)
        writers[0].armed = True
        with pytest.raises(StorageError):
            j.submit_many([body(2 + k) for k in range(count)]).result(10)
        with pytest.raises(JournalClosedError, match="stopped"):
            j.submit(body(3)).result(10)  # no retry after a failed write (fsyncgate)
        assert j.failure is not None
        assert j.head == (1, ok.hash)
    with open_journal(path, node_key) as j:  # after a restart: intact, continues at 2
        assert j.submit(body(2)).result(10).seq == 2
