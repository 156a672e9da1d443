"""The console's receipt store: exactly once per (node, chain position), written by one thread.

Edge nodes resend receipts after a reconnect (at least once on the wire), so inserts ignore
a row that is already there.  After each commit the store knows, per node, the highest chain
position up to which it holds *every* receipt (the contiguous cursor): that is what the
console acknowledges, so a node never prunes a receipt the console lacks.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from app.core.errors import StoreError
from app.core.store.schema import receipts

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sqlalchemy import Engine

    from edge.protocol.messages import DecisionReceipt

log = logging.getLogger(__name__)

WRITE_QUEUE_MAX = 1024
"""Batches waiting for the writer.  When full, :meth:`ReceiptStore.submit` blocks the caller
briefly (backpressure): a console that cannot store receipts must not acknowledge them."""


@dataclass(slots=True)
class _Batch:
    rows: list[dict[str, Any]]
    done: Future[dict[str, int]] = field(default_factory=Future)


@dataclass(slots=True)
class _NodeCursor:
    """Contiguous cursor of one node plus the positions held above it (a gap follows it)."""

    upto: int = 0
    above: set[int] = field(default_factory=set)

    def add(self, seqs: Iterable[int]) -> None:
        self.above.update(s for s in seqs if s > self.upto)
        while self.upto + 1 in self.above:
            self.upto += 1
            self.above.discard(self.upto)


class ReceiptStore:
    """Stores receipts durably and tracks each node's contiguous cursor.

    Parameters
    ----------
    engine
        From :func:`app.core.store.database.open_engine`.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._queue: queue.Queue[_Batch | None] = queue.Queue(maxsize=WRITE_QUEUE_MAX)
        self._cursors: dict[str, _NodeCursor] = {}
        self._lock = threading.Lock()
        self._load_cursors()
        self._writer = threading.Thread(target=self._write_loop, name="receipt-writer", daemon=True)
        self._writer.start()
        self.inserted = 0
        self.duplicates = 0

    def _load_cursors(self) -> None:
        """Rebuild each node's cursor: cheap when its receipts have no gap (count == max)."""
        c = receipts.c
        with self._engine.connect() as conn:
            summary = conn.execute(
                select(c.node_id, func.count(), func.max(c.chain_seq)).group_by(c.node_id)
            ).all()
            for node_id, count, top in summary:
                cursor = self._cursors.setdefault(node_id, _NodeCursor())
                if count == top:
                    cursor.upto = int(top)
                    continue
                seqs = conn.execute(
                    select(c.chain_seq).where(c.node_id == node_id).order_by(c.chain_seq)
                ).scalars()
                cursor.add(int(s) for s in seqs)

    # ------------------------------------------------------------------ API

    def submit(
        self, batch: Sequence[DecisionReceipt], received_at: float
    ) -> Future[dict[str, int]]:
        """Queue receipts for storage; the future gives the nodes' cursors after the commit."""
        rows = [_row(r, received_at) for r in batch]
        item = _Batch(rows)
        self._queue.put(item)
        return item.done

    def cursor(self, node_id: str) -> int:
        """Return the highest chain position up to which every receipt of a node is stored."""
        with self._lock:
            state = self._cursors.get(node_id)
            return state.upto if state else 0

    def count(self, node_id: str | None = None) -> int:
        """Return the number of stored receipts (of one node, or of all)."""
        query = select(func.count()).select_from(receipts)
        if node_id is not None:
            query = query.where(receipts.c.node_id == node_id)
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def close(self) -> None:
        """Finish queued writes and stop the writer."""
        self._queue.put(None)
        self._writer.join(timeout=30)

    # ------------------------------------------------------------------ writer thread

    def _write_loop(self) -> None:
        insert = (
            postgresql.insert(receipts)
            if self._engine.dialect.name == "postgresql"
            else sqlite.insert(receipts)
        ).on_conflict_do_nothing(index_elements=["node_id", "chain_seq"])
        while True:
            first = self._queue.get()
            if first is None:
                return
            batches = [first]
            # Group commit: everything queued by now goes into the same transaction.
            stop = False
            while not stop:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                else:
                    batches.append(more)
            rows = [row for b in batches for row in b.rows]
            try:
                with self._engine.begin() as conn:
                    written = conn.execute(insert, rows).rowcount if rows else 0
            except Exception as exc:  # isolation boundary: report to every waiting caller
                log.exception("receipt store: commit failed")
                error = StoreError(f"receipts not stored: {exc}")
                for b in batches:
                    b.done.set_exception(error)
                continue
            self.inserted += max(0, written)
            self.duplicates += len(rows) - max(0, written)
            touched: dict[str, list[int]] = {}
            for row in rows:
                touched.setdefault(row["node_id"], []).append(row["chain_seq"])
            with self._lock:
                for node_id, seqs in touched.items():
                    self._cursors.setdefault(node_id, _NodeCursor()).add(seqs)
                result = {n: self._cursors[n].upto for n in touched}
            for b in batches:
                b.done.set_result(result)
            if stop:
                return


def _row(r: DecisionReceipt, received_at: float) -> dict[str, Any]:
    return {
        "node_id": r.node_id,
        "chain_seq": r.chain_seq,
        "receipt_id": r.receipt_id,
        "vehicle_id": r.vehicle_id,
        "action": r.action,
        "outcome": r.outcome.value,
        "fired_rules": json.dumps(r.fired_rules),
        "constraints": json.dumps([c.model_dump() for c in r.constraints]),
        "bundle_id": r.bundle_id,
        "bundle_version": r.bundle_version,
        "inputs_digest": r.inputs_digest,
        "prev_hash": r.prev_hash,
        "hash": r.hash,
        "decided_at": r.decided_at,
        "decided_mono": r.decided_mono,
        "received_at": received_at,
    }
