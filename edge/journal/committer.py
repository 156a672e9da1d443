"""The journal's single writer of rows: one transaction per group, pruning, the disk budget.

The committer thread owns the write connection.  For each group the sequencer prepared it
inserts the receipts as blocks (one row per group, cut at checkpoint boundaries; see
schema.py), the checkpoints that became due and the console cursors, commits once — one
fsync for the whole group — and only then resolves the futures.  A failed
write fails the group and every later one, and stops the journal: no retry after a failed
fsync, because the kernel may have dropped the dirty pages (RELIABILITY D5).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from typing import TYPE_CHECKING

from edge.journal.alerts import AlertLevel, JournalAlert
from edge.journal.errors import JournalClosedError, JournalError, StorageError
from edge.journal.items import (
    AckCommand,
    Group,
    Limits,
    MeasureRequest,
    fail,
    resolve,
)
from edge.journal.schema import INSERT_BLOCK, INSERT_CHECKPOINT, UPSERT_CURSOR, make_blocks

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.journal.storage import Connection

logger = logging.getLogger(__name__)

PIPELINE_DEPTH = 64
"""Groups waiting for the committer at most (then the sequencer waits)."""
PRUNE_CHUNK = 50_000
"""Most receipts deleted in one pruning transaction, to keep a commit short."""
USED_REFRESH_S = 1.0
"""Longest time between two measurements of the database's used pages."""
REARM_FRACTION = 0.7
"""Below this fraction of ``max_bytes`` a new low-headroom alert may be raised."""


class Committer:
    """Owns the write connection; :meth:`run` in exactly one thread.

    Parameters
    ----------
    conn
        The write connection (WAL, synchronous=FULL already verified).
    limits
        The journal's bounds.
    head
        ``(seq, hash)`` of the last durable receipt.
    sealed_through, pruned_through
        Last seq sealed by a stored checkpoint; last seq deleted by pruning.
    cursors
        Registered consoles and their acknowledged seq.
    on_alert
        Alert callback (called from this thread).
    """

    def __init__(
        self,
        conn: Connection,
        *,
        limits: Limits,
        head: tuple[int, bytes],
        sealed_through: int,
        pruned_through: int,
        cursors: dict[str, int],
        on_alert: Callable[[JournalAlert], None] | None,
    ) -> None:
        self._conn = conn
        self._limits = limits
        self._sealed_through = sealed_through
        self._pruned_through = pruned_through
        self._cursors = cursors
        self._on_alert = on_alert
        self._queue: queue.Queue[Group | MeasureRequest | None] = queue.Queue(PIPELINE_DEPTH)
        self._page_size = int(conn.execute("PRAGMA page_size")[0][0])
        self._alerted = False
        self._measured_at = float("-inf")
        self._measured = 0
        self._committed_at_measure = 0
        self.committed_bytes = 0
        """Bytes budgeted for all rows committed so far (only this thread writes it)."""
        self.durable_head = head
        self.failure: JournalError | None = None
        self.lock = threading.Lock()
        """Held around each transaction; the WAL checkpointer's RESTART takes it too."""

    # ----------------------------------------------------------------- feeding

    def put(self, item: Group | MeasureRequest | None) -> None:
        """Hand over a group (blocks while ``PIPELINE_DEPTH`` are waiting); ``None`` stops."""
        self._queue.put(item)

    def run(self) -> None:
        """Commit groups until the ``None`` sentinel.

        Every group waiting when a commit ends goes into the next transaction together:
        the sequencer prepares small groups as decisions arrive, the disk sees one fsync
        per round.
        """
        stop = False
        while not stop:
            batch = [self._queue.get()]
            with contextlib.suppress(queue.Empty):
                while True:
                    batch.append(self._queue.get_nowait())
            groups: list[Group] = []
            for item in batch:
                if isinstance(item, Group):
                    groups.append(item)
                    continue
                if groups:
                    self.write(merge(groups))
                    groups = []
                if item is None:
                    stop = True
                else:
                    self._measure_request(item)
            if groups:
                self.write(merge(groups))

    @property
    def used_estimate(self) -> int:
        """Used bytes at the last measurement plus the budget of rows committed since."""
        return self._measured + self.committed_bytes - self._committed_at_measure

    # ----------------------------------------------------------------- one group

    def write(self, group: Group) -> None:
        """Commit ``group`` in one transaction, then resolve its futures."""
        if self.failure is not None:
            self._fail_group(group, JournalClosedError(f"journal stopped: {self.failure}"))
            return
        try:
            with self.lock:
                self._keep_budget()
                self._transaction(group)
        except StorageError as exc:
            self.failure = exc
            logger.error("journal write failed, refusing all further receipts: %s", exc)
            self._fail_group(group, exc)
            self._alert(AlertLevel.STORAGE_FAILED, 0, str(exc))
            return
        # Durable from here on.
        self.committed_bytes += group.estimate
        if group.checkpoints:
            self._sealed_through = group.checkpoints[-1].last_seq
        self.durable_head = group.head
        for cmd, fut in group.commands:
            if isinstance(cmd, AckCommand):
                old = self._cursors.get(cmd.console_id, 0)
                self._cursors[cmd.console_id] = max(old, cmd.up_to_seq)
            else:
                self._cursors.pop(cmd.console_id, None)
            resolve(fut, None)
        for fut, value in group.done:
            resolve(fut, value)

    def _transaction(self, group: Group) -> None:
        conn = self._conn
        blocks = (
            make_blocks(
                group.first_seq,
                group.prev_hash,
                group.hashes,
                group.datas,
                [c.last_seq for c in group.checkpoints],
            )
            if group.datas
            else []
        )
        if len(blocks) == 1 and not group.checkpoints and not group.commands:
            # The common group: one statement in autocommit mode is a transaction of its own,
            # committed (WAL fsynced, synchronous=FULL) before execute returns.  One call
            # instead of BEGIN / INSERT / COMMIT: each call releases the GIL and must win it
            # back from the sequencer, which costs latency under load.
            conn.execute(INSERT_BLOCK, blocks[0])
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            for block in blocks:
                conn.execute(INSERT_BLOCK, block)
            if group.checkpoints:
                conn.executemany(
                    INSERT_CHECKPOINT,
                    [
                        (c.last_seq, c.first_seq, c.signed_bytes(), c.signature)
                        for c in group.checkpoints
                    ],
                )
            for cmd, _ in group.commands:
                if isinstance(cmd, AckCommand):
                    conn.execute(UPSERT_CURSOR, (cmd.console_id, cmd.up_to_seq))
                else:
                    conn.execute("DELETE FROM cursors WHERE console_id = ?", (cmd.console_id,))
            conn.execute("COMMIT")
        except StorageError:
            with contextlib.suppress(StorageError):
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _fail_group(group: Group, exc: BaseException) -> None:
        for _, fut in group.commands:
            fail(fut, exc)
        for fut, _ in group.done:
            fail(fut, exc)

    # ----------------------------------------------------------------- budget

    def used_bytes(self) -> int:
        """Bytes held by the database's live pages (free pages are reused, not counted)."""
        pages = int(self._conn.execute("PRAGMA page_count")[0][0])
        free = int(self._conn.execute("PRAGMA freelist_count")[0][0])
        return (pages - free) * self._page_size

    def _measure(self) -> int:
        self._measured = self.used_bytes()
        self._committed_at_measure = self.committed_bytes
        self._measured_at = time.monotonic()
        return self._measured

    def _keep_budget(self) -> None:
        """Measure now and then; above the warning fraction prune, and alert if still above.

        Measuring every group would cost two more statements (two GIL round trips) each.
        """
        limits = self._limits
        stale = time.monotonic() - self._measured_at > USED_REFRESH_S
        if not stale and self.used_estimate <= limits.warn_bytes:
            return
        used = self._measure()
        if used > limits.warn_bytes:
            if self._prune():
                used = self._measure()
            if used > limits.warn_bytes and not self._alerted:
                self._alerted = True
                self._alert(AlertLevel.HEADROOM_LOW, used, "journal above its warning fraction")
        elif self._alerted and used < REARM_FRACTION * limits.max_bytes:
            self._alerted = False
            self._alert(AlertLevel.RECOVERED, used, "journal back below its re-arm fraction")

    def _measure_request(self, request: MeasureRequest) -> None:
        if self.failure is not None:
            fail(request.reply, JournalClosedError(f"journal stopped: {self.failure}"))
            return
        try:
            with self.lock:
                self._measure()
                if self._prune():
                    self._measure()
        except StorageError as exc:
            fail(request.reply, exc)
            return
        resolve(request.reply, self.used_estimate)

    def unacknowledged(self) -> int:
        """Receipts the slowest registered console has not acknowledged."""
        floor = min(self._cursors.values()) if self._cursors else self._pruned_through
        return self.durable_head[0] - floor

    def _prune(self) -> bool:
        """Delete receipts every console acknowledged and a checkpoint seals; keep an anchor.

        Deletion stops at a checkpoint boundary; that checkpoint stays as the signed anchor
        of the first remaining receipt.  With no console registered nothing is pruned.
        """
        if not self._cursors:
            return False
        limit = min(min(self._cursors.values()), self._sealed_through)
        limit = min(limit, self._pruned_through + PRUNE_CHUNK)
        rows = self._conn.execute(
            "SELECT max(last_seq) FROM checkpoints WHERE last_seq <= ?", (limit,)
        )
        target = rows[0][0]
        if target is None or target <= self._pruned_through:
            return False
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Blocks end at checkpoint boundaries, so this deletes exactly seqs <= target.
            conn.execute("DELETE FROM blocks WHERE last_seq <= ?", (target,))
            conn.execute("DELETE FROM checkpoints WHERE last_seq < ?", (target,))
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('pruned_through', ?)",
                (str(target).encode(),),
            )
            conn.execute("COMMIT")
        except StorageError:
            with contextlib.suppress(StorageError):
                conn.execute("ROLLBACK")
            raise
        logger.info("journal pruned receipts %d..%d", self._pruned_through + 1, target)
        self._pruned_through = int(target)
        return True

    # ----------------------------------------------------------------- alerts

    def alert_full(self, used: int, detail: str) -> None:
        """Raise the FULL alert (called by the sequencer when it refuses receipts)."""
        self._alert(AlertLevel.FULL, used, detail)

    def _alert(self, level: AlertLevel, used: int, detail: str) -> None:
        alert = JournalAlert(level, used, self._limits.max_bytes, self.unacknowledged(), detail)
        log = logger.info if level is AlertLevel.RECOVERED else logger.warning
        log("journal alert %s: %s (%d/%d bytes)", level.value, detail, used, alert.max_bytes)
        if self._on_alert is None:
            return
        try:
            self._on_alert(alert)
        except Exception:  # isolation boundary: a bad callback must not stop the writes
            logger.exception("journal alert callback failed")


def merge(groups: list[Group]) -> Group:
    """Join consecutive groups into one transaction's worth."""
    if len(groups) == 1:
        return groups[0]
    first = groups[0]
    hashes, datas = list(first.hashes), list(first.datas)
    checkpoints = list(first.checkpoints)
    commands, done = list(first.commands), list(first.done)
    first_seq, prev_hash = first.first_seq, first.prev_hash
    for g in groups[1:]:
        if not hashes:  # receipts start with this group
            first_seq, prev_hash = g.first_seq, g.prev_hash
        hashes.extend(g.hashes)
        datas.extend(g.datas)
        checkpoints.extend(g.checkpoints)
        commands.extend(g.commands)
        done.extend(g.done)
    return Group(
        first_seq,
        prev_hash,
        hashes,
        datas,
        checkpoints,
        commands,
        done,
        groups[-1].head,
        sum(g.estimate for g in groups),
    )
