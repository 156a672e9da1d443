"""The edge node's durable receipt journal (SQLite WAL, synchronous=FULL, group commit).

Usage from the governor path::

    future = journal.submit(body)            # returns at once
    receipt = await asyncio.wrap_future(future)   # resolves once the receipt is on disk
    # only now apply ALLOW / RESTRICT; an exception means: no receipt, stop the vehicle

A future resolves only after the transaction holding its receipt has committed with
``synchronous=FULL`` (the WAL is fsynced).  docs/receipts.md describes the guarantees.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edge.journal.committer import Committer
from edge.journal.errors import (
    JournalClosedError,
    JournalError,
    JournalLockedError,
    JournalOverloadedError,
)
from edge.journal.inbox import Inbox
from edge.journal.items import AckCommand, ForgetCommand, Item, Limits, ReceiptBatch
from edge.journal.recovery import init_schema, recover
from edge.journal.safety import apply_durable_settings, check_filesystem
from edge.journal.schema import read_checkpoints, read_rows
from edge.journal.sequencer import Sequencer
from edge.journal.storage import open_sqlite
from edge.journal.walcheckpoint import WalCheckpointer
from edge.receipts.chain import ReceiptChain
from edge.receipts.record import receipt_from_row

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import TracebackType

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from edge.journal.alerts import JournalAlert
    from edge.journal.storage import Connection, Opener
    from edge.receipts.checkpoint import Checkpoint
    from edge.receipts.record import Receipt, ReceiptBody

logger = logging.getLogger(__name__)

READ_LIMIT_MAX = 10_000
"""Most receipts one :meth:`Journal.read_from` call returns."""
WAL_CHECKPOINT_INTERVAL_S = 0.02
"""Period of the background PASSIVE WAL checkpoint.

Short on purpose: each checkpoint then writes back only ~20 ms of commits, so its database
fsync delays a concurrent commit's fsync far less.  Measured with ``bench/receipts.py`` at
100,000 receipts/s on the standard machine (quiet): p99 decision-to-durable 4.4-4.6 ms at
0.02 s against 7.8-12.4 ms at 0.1 s.  An idle journal's checkpoint finds nothing to copy.
"""
WAL_RESTART_BYTES = 4 * 1024 * 1024
"""WAL size past which a RESTART checkpoint lets the next commits start over at its head.

Small on purpose: commits then overwrite WAL pages the file already has, and an fdatasync
of overwritten pages needs no filesystem journal commit (the file's size and blocks do not
change), while appending to a growing WAL does - and waits for whatever else the
filesystem is committing.  On the standard machine (ext4) a 20 KB write + fdatasync:
appended p99 0.28-0.88 ms, max 1.9-3.3 ms; overwritten p99 0.19-0.49 ms, max 0.7-0.9 ms.
The durable part of ``bench/governor.py`` (5 s at 100,000/s, 8 runs each, alternated, load
1.0-1.6): decision-to-durable p99 median 1.8 ms (1.4-11.3) against 2.6 ms (1.6-4.3) at
64 MiB; commit p99 0.9-1.9 ms against 1.0-2.4 ms.  The disk's own stalls remain.  A
RESTART holds commits back for 0.4-1 ms (rarely 2 ms), at 100,000/s 6-7 times a second.
"""
WAL_SIZE_LIMIT = 16 * 1024 * 1024
"""Size to which the WAL file is truncated when it starts over (``journal_size_limit``).

Above ``WAL_RESTART_BYTES`` plus what commits add between two checkpoint passes, so the
WAL keeps its pages between restarts instead of shrinking and growing again.
"""


def _lock(path: Path) -> int:
    """Hold an exclusive lock on ``<journal>.lock`` for the journal's lifetime.

    A separate file: closing any descriptor of the database itself would drop SQLite's own
    POSIX locks.
    """
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        os.close(fd)
        raise JournalLockedError(f"journal {path} is open in another process") from exc
    return fd


class Journal:
    """Durable store-and-forward of one edge node's receipts.

    Parameters
    ----------
    path
        The SQLite file (created if absent) on a local disk.
    node_id
        The edge node; a journal refuses to open for another node.
    key
        The node's Ed25519 key; checkpoints are signed with it.
    max_bytes
        Budget for the database's live pages.  Above ``warn_fraction`` of it the journal
        prunes what every console acknowledged and a checkpoint seals, and alerts if that
        is not enough; when a group would exceed it, its receipts fail with
        :class:`~edge.journal.errors.JournalFullError`.  The WAL adds about 16 MiB
        (``WAL_SIZE_LIMIT``).
    seal_every, seal_interval_s
        Seal a checkpoint every ``seal_every`` receipts, or when the oldest unsealed
        receipt is ``seal_interval_s`` old, whichever comes first.
    queue_max
        Capacity of the submit queue and largest group per commit.
    warn_fraction
        Fraction of ``max_bytes`` at which to prune and alert.
    on_alert
        Called from a journal thread with each :class:`JournalAlert`; must not block.
    wal_checkpoint_s
        Period of the background PASSIVE WAL checkpoint (default
        ``WAL_CHECKPOINT_INTERVAL_S``).  Shorter periods copy less per checkpoint, so a
        checkpoint's write-back delays a concurrent commit's fsync less, at the cost of
        more wake-ups.
    opener
        Opens SQLite connections; tests pass an apsw adapter to simulate power loss.

    Raises
    ------
    UnsafeStorageError
        WAL or synchronous=FULL did not take effect, or the file is on a network share.
    JournalLockedError
        Another process has the journal open.
    JournalCorruptError
        The stored tail does not verify.
    JournalError
        The journal belongs to another node or key, or cannot be opened.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        node_id: str,
        key: Ed25519PrivateKey,
        max_bytes: int = 256 * 1024 * 1024,
        seal_every: int = 1000,
        seal_interval_s: float = 1.0,
        queue_max: int = 65_536,
        warn_fraction: float = 0.8,
        on_alert: Callable[[JournalAlert], None] | None = None,
        wal_checkpoint_s: float | None = None,
        opener: Opener = open_sqlite,
    ) -> None:
        if seal_every < 1 or seal_interval_s <= 0 or max_bytes <= 0:
            raise ValueError("seal_every, seal_interval_s and max_bytes must be positive")
        if wal_checkpoint_s is None:
            wal_checkpoint_s = WAL_CHECKPOINT_INTERVAL_S
        if wal_checkpoint_s <= 0:
            raise ValueError("wal_checkpoint_s must be positive")
        if not 0 < warn_fraction <= 1:
            raise ValueError("warn_fraction must be in (0, 1]")
        self._path = Path(path)
        self._node_id = node_id
        self._opener = opener
        self._read_lock = threading.Lock()
        self._reader: Connection | None = None
        self._closed = False
        self._lock_fd = _lock(self._path)
        conn: Connection | None = None
        try:
            check_filesystem(self._path)
            conn = opener(self._path, readonly=False)
            apply_durable_settings(conn, self._path)
            # Checkpoints of the WAL run off the commit path (walcheckpoint.py).
            conn.execute("PRAGMA wal_autocheckpoint=0")
            conn.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
            init_schema(conn, self._path, node_id, key.public_key())
            state = recover(conn, self._path, node_id, key.public_key())
            limits = Limits(max_bytes, seal_every, seal_interval_s, warn_fraction)
            self._committer = Committer(
                conn,
                limits=limits,
                head=state.head,
                sealed_through=state.sealed_through,
                pruned_through=state.pruned_through,
                cursors=state.cursors,
                on_alert=on_alert,
            )
            self._sequencer = Sequencer(
                ReceiptChain(node_id, state.head),
                key=key,
                limits=limits,
                sealed_through=state.sealed_through,
                sealed_head=state.sealed_head,
                unsealed=state.unsealed,
                committer=self._committer,
            )
            # Seal what a crash left unsealed before the first new decision (RELIABILITY R5).
            group = self._sequencer.prepare([], force_seal=True)
            if group is not None:
                self._committer.write(group)
            if self._committer.failure is not None:
                raise self._committer.failure
        except BaseException:
            if conn is not None:
                conn.close()
            os.close(self._lock_fd)
            raise
        self._conn = conn
        self._walcheckpointer = WalCheckpointer(
            opener(self._path, readonly=False),
            interval_s=wal_checkpoint_s,
            restart_frames=WAL_RESTART_BYTES // 4096,
            writer_lock=self._committer.lock,
            name=f"journal-wal-{node_id}",
        )
        self._walcheckpointer.start()
        self._inbox: Inbox[Item] = Inbox(queue_max)
        # Daemon threads: a hung disk must not keep the process from exiting.
        self._threads = (
            threading.Thread(
                target=self._sequencer.run,
                args=(self._inbox,),
                name=f"journal-seq-{node_id}",
                daemon=True,
            ),
            threading.Thread(
                target=self._committer.run, name=f"journal-commit-{node_id}", daemon=True
            ),
        )
        for thread in self._threads:
            thread.start()

    # ----------------------------------------------------------------- writing

    def submit(self, body: ReceiptBody) -> Future[Receipt]:
        """Queue a decision's receipt; the future resolves once it is durable.

        Never blocks.  The future fails with a :class:`JournalError` subclass when the
        receipt cannot be made durable (full, overloaded, closed, storage failure) or
        with :class:`~edge.receipts.errors.MalformedReceiptError` for an unencodable body; in
        every such case the caller must not apply the action.
        """
        fut: Future[Receipt] = Future()
        if not self._inbox.put((body, fut)):
            fut.set_exception(self._refusal())
        return fut

    def submit_many(self, bodies: Sequence[ReceiptBody]) -> Future[list[Receipt]]:
        """Queue a batch of decisions (one governor tick); one future for all of them.

        The receipts get consecutive sequence numbers and become durable in the same
        transaction; the future resolves with them in order, or fails as a whole (then
        none of the actions may be applied).  Cheaper per receipt than :meth:`submit`.
        """
        fut: Future[list[Receipt]] = Future()
        batch = ReceiptBatch(tuple(bodies))
        if not batch.bodies:
            fut.set_result([])
        elif not self._inbox.put((batch, fut), len(batch.bodies)):
            fut.set_exception(self._refusal())
        return fut

    def _refusal(self) -> JournalError:
        failure = self._committer.failure
        if failure is not None:
            return JournalClosedError(f"journal {self._path} stopped after a failure: {failure}")
        if self._closed:
            return JournalClosedError(f"journal {self._path} is closed")
        return JournalOverloadedError(
            f"journal {self._path} has {self._inbox.maxsize} receipts waiting; refused"
        )

    def ack(self, console_id: str, up_to_seq: int) -> Future[None]:
        """Durably record that ``console_id`` stored every receipt up to ``up_to_seq``.

        Registers the console if new.  Cursors never move backwards; a console's cursor
        holds back pruning until :meth:`forget_console`.

        Raises
        ------
        ValueError
            ``up_to_seq`` is negative or beyond the durable head.
        """
        head = self._committer.durable_head[0]
        if not 0 <= up_to_seq <= head:
            raise ValueError(f"ack {up_to_seq} outside 0..{head} (the durable head)")
        return self._command(AckCommand(console_id, up_to_seq))

    def forget_console(self, console_id: str) -> Future[None]:
        """Unregister a console (decommissioned): it no longer holds back pruning."""
        return self._command(ForgetCommand(console_id))

    def _command(self, cmd: AckCommand | ForgetCommand) -> Future[None]:
        fut: Future[Any] = Future()
        if not self._inbox.put((cmd, fut)):
            fut.set_exception(self._refusal())
        return fut

    # ----------------------------------------------------------------- reading

    def _read(self) -> Connection:
        if self._closed:
            raise JournalClosedError(f"journal {self._path} is closed")
        if self._reader is None:
            self._reader = self._opener(self._path, readonly=True)
        return self._reader

    def read_from(self, seq: int, limit: int = 1000) -> list[Receipt]:
        """Durable receipts with sequence numbers ``seq``, ``seq + 1``, ... (for resync).

        Uses its own connection; call it from an executor, not the event loop.  Returns
        fewer than ``limit`` (at most 10,000) at the head; receipts pruned already are
        absent (the first returned seq is then above ``seq``).
        """
        limit = max(0, min(limit, READ_LIMIT_MAX))
        with self._read_lock:
            rows = read_rows(self._read(), seq, limit)
        return [receipt_from_row(*row) for row in rows]

    def cursor(self, console_id: str) -> int:
        """Return the console's acknowledged seq (0 when unknown): resync resends after it."""
        with self._read_lock:
            rows = self._read().execute(
                "SELECT up_to_seq FROM cursors WHERE console_id = ?", (console_id,)
            )
        return int(rows[0][0]) if rows else 0

    def consoles(self) -> dict[str, int]:
        """Return the registered consoles and their cursors."""
        with self._read_lock:
            rows = self._read().execute("SELECT console_id, up_to_seq FROM cursors")
        return {str(c): int(s) for c, s in rows}

    def checkpoints(self, from_seq: int = 0, limit: int = 1000) -> list[Checkpoint]:
        """Checkpoints whose range ends at or after ``from_seq``, oldest first."""
        with self._read_lock:
            return read_checkpoints(self._read(), from_seq, max(0, min(limit, READ_LIMIT_MAX)))

    @property
    def head(self) -> tuple[int, bytes]:
        """``(seq, hash)`` of the last durable receipt."""
        return self._committer.durable_head

    @property
    def node_id(self) -> str:
        """The journal's node."""
        return self._node_id

    @property
    def path(self) -> Path:
        """The SQLite file."""
        return self._path

    @property
    def failure(self) -> JournalError | None:
        """The storage error that stopped the journal, if any."""
        return self._committer.failure

    # ----------------------------------------------------------------- lifecycle

    def close(self, timeout: float = 30.0) -> None:
        """Refuse new receipts, commit what is queued, seal the tail, close the files."""
        if self._closed:
            return
        self._closed = True
        self._inbox.close()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                logger.error("journal thread %s did not stop within %.1f s", thread.name, timeout)
                return
        self._walcheckpointer.stop()
        with self._read_lock:
            if self._reader is not None:
                self._reader.close()
        self._conn.close()
        os.close(self._lock_fd)

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
