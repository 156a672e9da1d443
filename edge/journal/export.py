"""Write a journal's receipts and checkpoints as an export (JSON lines) for offline audit."""

from __future__ import annotations

import os
from pathlib import Path

from edge.journal.errors import JournalError
from edge.journal.schema import read_checkpoints, read_meta, read_rows
from edge.journal.storage import open_sqlite
from edge.receipts.atomic import fsync_dir
from edge.receipts.export import (
    ExportHeader,
    checkpoint_line,
    header_line,
    receipt_line,
)
from edge.receipts.record import receipt_from_row

PAGE = 5000


def export_journal(
    journal: str | os.PathLike[str], out: str | os.PathLike[str], *, from_seq: int = 1
) -> int:
    """Export receipts from ``from_seq`` (with the checkpoint anchoring them) to ``out``.

    The file appears complete or not at all (written aside, fsynced, renamed).  Reads
    through a read-only connection, so it can run while the journal is open.

    Returns
    -------
    int
        Receipts written.
    """
    src, dst = Path(journal), Path(out)
    conn = open_sqlite(src, readonly=True)
    tmp = dst.with_name(f".{dst.name}.tmp")
    count = 0
    try:
        meta = read_meta(conn)
        if "node_id" not in meta:
            raise JournalError(f"{src} is not a receipt journal")
        from_seq = max(from_seq, int(meta.get("pruned_through", b"0")) + 1)
        header = ExportHeader(
            meta["node_id"].decode(), meta["public_key"], meta["key_id"].decode(), from_seq
        )
        checkpoints = read_checkpoints(conn, from_seq - 1)
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(header_line(header) + "\n")
            pending = list(checkpoints)
            while pending and pending[0].last_seq < from_seq:  # the anchor
                fh.write(checkpoint_line(pending.pop(0)) + "\n")
            seq = from_seq
            while rows := read_rows(conn, seq, PAGE):
                for row in rows:
                    fh.write(receipt_line(receipt_from_row(*row)) + "\n")
                    while pending and pending[0].last_seq <= row[0]:
                        fh.write(checkpoint_line(pending.pop(0)) + "\n")
                count += len(rows)
                seq = rows[-1][0] + 1
            for cp in pending:  # sealed receipts that are absent: keep the evidence
                fh.write(checkpoint_line(cp) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dst)
        fsync_dir(dst.parent)
    finally:
        conn.close()
        tmp.unlink(missing_ok=True)
    return count
