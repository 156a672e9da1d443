"""The background WAL checkpointer: a RESTART never waits for a reader with commits held back."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from edge.journal.storage import open_sqlite
from edge.journal.walcheckpoint import WalCheckpointer

if TYPE_CHECKING:
    from pathlib import Path


def test_a_restart_blocked_by_a_reader_is_refused_not_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    writer = open_sqlite(path, readonly=False)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE t (x BLOB)")
    for _ in range(20):
        writer.execute("INSERT INTO t VALUES (?)", (bytes(5000),))
    checkpointer = WalCheckpointer(
        open_sqlite(path, readonly=False),
        interval_s=3600,
        restart_frames=0,  # any WAL is "long": every pass wants a RESTART
        writer_lock=threading.Lock(),
        name="test-wal",
    )
    reader = open_sqlite(path, readonly=True)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM t") == [(20,)]  # holds a WAL snapshot
    writer.execute("INSERT INTO t VALUES (?)", (bytes(5000),))  # frames after the snapshot
    # sqlite3's default busy timeout (5 s) would sleep here, holding the committer's lock.
    assert checkpointer._conn.execute("PRAGMA busy_timeout") == [(0,)]
    assert checkpointer.run_once() is False
    assert checkpointer.failures == 0  # busy is not a failure
    reader.execute("COMMIT")
    assert checkpointer.run_once() is True
    checkpointer.stop()
    for conn in (reader, writer, checkpointer._conn):
        conn.close()
