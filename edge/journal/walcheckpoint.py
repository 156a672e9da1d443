"""Copy the WAL back into the database from a background thread, off the commit path.

SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold: the writer
then copies megabytes and fsyncs the database before acknowledging - a latency spike for
every receipt in that group.  The journal turns the automatic checkpoint off on its writer
connection and runs PASSIVE checkpoints here instead, on a connection of their own.  PASSIVE
never blocks the writer; SQLite keeps the crash safety (the WAL is synced before any page
is copied, and the database is synced before the WAL is reused).  This thread writes no
rows: the journal still has a single writer.

Under a steady stream a PASSIVE checkpoint rarely catches the WAL's end, and SQLite only
reuses the WAL from its start once it has been copied completely; so once the WAL exceeds
``restart_frames`` a RESTART checkpoint (which briefly holds the writer back, but finds
little left to copy) lets it start over, keeping the WAL file bounded.  The RESTART runs
under the committer's transaction lock: the committer then waits on that lock and resumes
the instant the checkpoint ends, instead of hitting SQLITE_BUSY and sleeping through
SQLite's busy-handler back-off (1, 2, 5, 10 ... ms).  For the same reason this connection has
no busy timeout: a RESTART that finds a reader still on the WAL (a console's resync) reports
busy at once instead of sleeping with the committer held back, and the next pass tries again.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from edge.journal.errors import StorageError

if TYPE_CHECKING:
    from edge.journal.storage import Connection

logger = logging.getLogger(__name__)


class WalCheckpointer:
    """Run ``PRAGMA wal_checkpoint(PASSIVE)`` every ``interval_s`` until stopped.

    Parameters
    ----------
    conn
        A connection used by this thread only.
    interval_s
        Seconds between checkpoints.
    restart_frames
        WAL size (frames, i.e. pages) above which a RESTART checkpoint follows.
    writer_lock
        The lock the committer holds around each transaction.
    name
        Thread name.
    """

    def __init__(
        self,
        conn: Connection,
        *,
        interval_s: float,
        restart_frames: int,
        writer_lock: threading.Lock,
        name: str,
    ) -> None:
        self._conn = conn
        conn.execute("PRAGMA busy_timeout=0")  # a RESTART never sleeps holding the writer back
        self._writer_lock = writer_lock
        self._interval = interval_s
        self._restart_frames = restart_frames
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.failures = 0

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.run_once()
        self._conn.close()

    def run_once(self) -> bool | None:
        """One pass: PASSIVE, then RESTART if the WAL is long; whether a RESTART completed.

        ``None`` when no RESTART was due; ``False`` when it was refused because a reader
        was still on the WAL (never waited for) or the checkpoint failed.
        """
        try:
            rows = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            if not rows or int(rows[0][1]) <= self._restart_frames:
                return None
            with self._writer_lock:
                rows = self._conn.execute("PRAGMA wal_checkpoint(RESTART)")
            return bool(rows) and int(rows[0][0]) == 0
        except StorageError as exc:
            # The WAL keeps the data durable; a failing disk will fail the writer too.
            self.failures += 1
            if self.failures == 1 or self.failures % 100 == 0:
                logger.warning("WAL checkpoint failed (%d times): %s", self.failures, exc)
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread and close its connection."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
