"""The journal's tables and the reads shared by the journal, the verifier and the exporter.

``receipts`` holds each receipt's canonical bytes exactly as hashed; ``checkpoints`` the
signed checkpoint bytes and signature; ``cursors`` each console's acknowledged seq;
``meta`` the format version, node id and public key.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from edge.journal.errors import JournalError
from edge.receipts.checkpoint import Checkpoint, decode_checkpoint

if TYPE_CHECKING:
    from collections.abc import Sequence

    from edge.journal.storage import Connection

SCHEMA_VERSION = 1

DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS receipts ("
    " seq INTEGER PRIMARY KEY, prev_hash BLOB NOT NULL, hash BLOB NOT NULL, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS checkpoints ("
    " last_seq INTEGER PRIMARY KEY, first_seq INTEGER NOT NULL, data BLOB NOT NULL,"
    " signature BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cursors (console_id TEXT PRIMARY KEY, up_to_seq INTEGER NOT NULL)",
)

INSERT_RECEIPT = "INSERT INTO receipts (seq, prev_hash, hash, data) VALUES (?, ?, ?, ?)"
INSERT_CHUNK = 4096
"""Rows per multi-row INSERT (16,384 parameters; SQLite >= 3.32 allows 32,766)."""
_INSERT_N = {
    n: "INSERT INTO receipts (seq, prev_hash, hash, data) VALUES " + ", ".join(["(?, ?, ?, ?)"] * n)
    for n in (1 << k for k in range(INSERT_CHUNK.bit_length()))
}
INSERT_CHECKPOINT = (
    "INSERT INTO checkpoints (last_seq, first_seq, data, signature) VALUES (?, ?, ?, ?)"
)
UPSERT_CURSOR = (
    "INSERT INTO cursors (console_id, up_to_seq) VALUES (?, ?) ON CONFLICT (console_id)"
    " DO UPDATE SET up_to_seq = max(up_to_seq, excluded.up_to_seq)"
)


def insert_receipts(conn: Connection, rows: Sequence[tuple[int, bytes, bytes, bytes]]) -> None:
    """Insert receipt rows with few multi-row statements.

    One statement per chunk rather than one per row: each statement releases the GIL once
    instead of once per row, so submitter threads cannot starve the writer, and chunk sizes
    are powers of two so a handful of prepared statements serve every group size.
    """
    pos, total = 0, len(rows)
    while pos < total:
        n = min(INSERT_CHUNK, 1 << ((total - pos).bit_length() - 1))
        conn.execute(_INSERT_N[n], list(chain.from_iterable(rows[pos : pos + n])))
        pos += n


def read_meta(conn: Connection) -> dict[str, bytes]:
    """Return the meta table (empty for a new journal)."""
    rows = conn.execute("SELECT key, CAST(value AS BLOB) FROM meta")
    return {str(k): bytes(v) for k, v in rows}


def has_schema(conn: Connection) -> bool:
    """Whether the journal's tables exist."""
    rows = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")
    return bool(rows[0][0])


def checkpoint_from_row(row: tuple[object, ...]) -> Checkpoint:
    """Decode a ``(data, signature)`` row."""
    data, signature = row
    if not isinstance(data, bytes) or not isinstance(signature, bytes):
        raise JournalError("checkpoint row holds no bytes")
    return decode_checkpoint(data, signature)


def read_checkpoints(conn: Connection, from_seq: int = 0, limit: int = -1) -> list[Checkpoint]:
    """Return checkpoints whose range ends at or after ``from_seq``, oldest first."""
    rows = conn.execute(
        "SELECT CAST(data AS BLOB), CAST(signature AS BLOB) FROM checkpoints"
        " WHERE last_seq >= ? ORDER BY last_seq LIMIT ?",
        (from_seq, limit),
    )
    return [checkpoint_from_row(r) for r in rows]


def last_checkpoint(conn: Connection) -> Checkpoint | None:
    """Return the newest checkpoint, if any."""
    rows = conn.execute("SELECT data, signature FROM checkpoints ORDER BY last_seq DESC LIMIT 1")
    return checkpoint_from_row(rows[0]) if rows else None


def read_rows(conn: Connection, from_seq: int, limit: int) -> list[tuple[int, bytes, bytes, bytes]]:
    """Return stored receipt rows ``(seq, prev_hash, hash, data)`` from ``from_seq``."""
    rows = conn.execute(
        # CAST: an edited row may hold TEXT; read bytes whatever the column type became.
        "SELECT seq, CAST(prev_hash AS BLOB), CAST(hash AS BLOB), CAST(data AS BLOB)"
        " FROM receipts WHERE seq >= ? ORDER BY seq LIMIT ?",
        (from_seq, limit),
    )
    return [(int(s), bytes(p or b""), bytes(h or b""), bytes(d or b"")) for s, p, h, d in rows]
