"""The journal's tables and the reads shared by the journal, the verifier and the exporter.

``blocks`` holds the receipts, one row per group of consecutive receipts (a block): each
receipt's canonical bytes exactly as hashed and its hash, plus the ``prev_hash`` of the
block's first receipt.  ``checkpoints`` holds the signed checkpoint bytes and signature;
``cursors`` each console's acknowledged seq; ``meta`` the schema version, node id and
public key.  One row per group rather than per receipt: the writer then binds and inserts
one value per commit instead of four per receipt, which is what lets the journal keep up
with 100,000 receipts/s (docs/receipts.md, "Storage").

A block's ``data`` (big-endian)::

    b"AMB" u8(version=1)
    u32 n                       receipts in the block (= last_seq - first_seq + 1)
    n x u32                     byte length of each receipt's encoding
    n x 32 bytes                each receipt's hash
    the n encodings, back to back

Receipt ``first_seq + i`` has the i-th length, hash and encoding; its ``prev_hash`` is the
hash of receipt ``i - 1`` (the block's ``prev_hash`` for the first).  :func:`read_rows`
expands blocks back into ``(seq, prev_hash, hash, data)`` rows, so the verifier checks
every receipt as before and pinpoints the first edited one.  A block that cannot be
parsed is returned as one row at its ``first_seq`` with empty bytes, which the verifier
reports as malformed there.  Blocks never straddle a checkpoint boundary, so pruning
(whole blocks up to a checkpoint) leaves the first remaining receipt right after the
anchor checkpoint.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from edge.journal.errors import JournalError
from edge.receipts.checkpoint import Checkpoint, decode_checkpoint

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from edge.journal.storage import Connection

SCHEMA_VERSION = 2
"""Version 2: receipts stored in blocks (version 1 had one row per receipt)."""

BLOCK_MAGIC = b"AMB\x01"
BLOCK_MAX = 1024
"""Most receipts in one block (bounds what a read of one receipt has to expand)."""
_U32 = struct.Struct(">I")
_HASH = 32

DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS blocks ("
    " last_seq INTEGER PRIMARY KEY, first_seq INTEGER NOT NULL, prev_hash BLOB NOT NULL,"
    " data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS checkpoints ("
    " last_seq INTEGER PRIMARY KEY, first_seq INTEGER NOT NULL, data BLOB NOT NULL,"
    " signature BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cursors (console_id TEXT PRIMARY KEY, up_to_seq INTEGER NOT NULL)",
)

INSERT_BLOCK = "INSERT INTO blocks (last_seq, first_seq, prev_hash, data) VALUES (?, ?, ?, ?)"
INSERT_CHECKPOINT = (
    "INSERT INTO checkpoints (last_seq, first_seq, data, signature) VALUES (?, ?, ?, ?)"
)
UPSERT_CURSOR = (
    "INSERT INTO cursors (console_id, up_to_seq) VALUES (?, ?) ON CONFLICT (console_id)"
    " DO UPDATE SET up_to_seq = max(up_to_seq, excluded.up_to_seq)"
)

Block = tuple[int, int, bytes, bytes]
"""``(last_seq, first_seq, prev_hash, data)``: one row of ``blocks``."""
Row = tuple[int, bytes, bytes, bytes]
"""``(seq, prev_hash, hash, data)``: one receipt as stored."""


def encode_block(hashes: Sequence[bytes], datas: Sequence[bytes]) -> bytes:
    """Return a block's ``data`` for consecutive receipts (their hashes and encodings)."""
    n = len(datas)
    return b"".join(
        (
            BLOCK_MAGIC,
            struct.pack(f">I{n}I", n, *[len(d) for d in datas]),
            b"".join(hashes),
            b"".join(datas),
        )
    )


def make_blocks(
    first_seq: int,
    prev_hash: bytes,
    hashes: Sequence[bytes],
    datas: Sequence[bytes],
    cuts: Iterable[int] = (),
) -> list[Block]:
    """Split consecutive receipts into blocks: at each seq in ``cuts`` and every ``BLOCK_MAX``.

    ``cuts`` are the last seqs of checkpoints (a block ends there), in any order.
    """
    out: list[Block] = []
    last_seq = first_seq + len(datas) - 1
    ends = sorted({c for c in cuts if first_seq <= c < last_seq} | {last_seq})
    start = 0
    prev = prev_hash
    for end_seq in ends:
        stop = end_seq - first_seq + 1
        while start < stop:
            end = min(stop, start + BLOCK_MAX)
            out.append(
                (
                    first_seq + end - 1,
                    first_seq + start,
                    prev,
                    encode_block(hashes[start:end], datas[start:end]),
                )
            )
            prev = hashes[end - 1]
            start = end
    return out


def decode_block(first_seq: int, last_seq: int, prev_hash: bytes, data: bytes) -> list[Row]:
    """Expand one block into its receipts' rows.

    Raises
    ------
    ValueError
        The block is not in the format above or disagrees with its seq range.
    """
    if data[:4] != BLOCK_MAGIC:
        raise ValueError(f"not a version-1 block (starts {data[:4]!r})")
    if len(data) < 8:
        raise ValueError("truncated block header")
    (n,) = _U32.unpack_from(data, 4)
    if n != last_seq - first_seq + 1 or n < 1:
        raise ValueError(f"block {first_seq}..{last_seq} holds {n} receipts")
    pos = 8 + 4 * n
    hashes_end = pos + _HASH * n
    if len(data) < hashes_end:
        raise ValueError("truncated block")
    lengths = struct.unpack_from(f">{n}I", data, 8)
    if hashes_end + sum(lengths) != len(data):
        raise ValueError("block lengths do not add up to its size")
    rows: list[Row] = []
    prev = prev_hash
    offset = hashes_end
    for i, length in enumerate(lengths):
        digest = data[pos + _HASH * i : pos + _HASH * (i + 1)]
        rows.append((first_seq + i, prev, digest, data[offset : offset + length]))
        prev = digest
        offset += length
    return rows


def migrate_v1(conn: Connection) -> int:
    """Move a version-1 journal's receipt rows into blocks; call inside a write transaction.

    Lossless for the verifier: a new block starts at every checkpoint boundary, every gap
    in seq and every row whose stored ``prev_hash`` is not the previous row's hash, so the
    rows :func:`read_rows` returns afterwards are exactly the rows stored before (an edited
    version-1 journal fails verification the same way after the migration).

    Returns
    -------
    int
        Receipts moved.
    """
    cuts = {int(r[0]) for r in conn.execute("SELECT last_seq FROM checkpoints")}
    conn.execute(DDL[1])
    rows = conn.execute(
        "SELECT seq, CAST(prev_hash AS BLOB), CAST(hash AS BLOB), CAST(data AS BLOB)"
        " FROM receipts ORDER BY seq"
    )
    blocks: list[Block] = []
    run: list[tuple[int, bytes, bytes, bytes]] = []

    def flush() -> None:
        if run:
            blocks.extend(
                make_blocks(run[0][0], run[0][1], [r[2] for r in run], [r[3] for r in run], cuts)
            )
            run.clear()

    for seq, prev, digest, data in rows:
        row = (int(seq), bytes(prev or b""), bytes(digest or b""), bytes(data or b""))
        if run and (row[0] != run[-1][0] + 1 or row[1] != run[-1][2]):
            flush()
        run.append(row)
    flush()
    conn.executemany(INSERT_BLOCK, blocks)
    conn.execute("DROP TABLE receipts")
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION).encode(),)
    )
    return len(rows)


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


def first_seq(conn: Connection) -> int | None:
    """Return the seq of the first stored receipt (``None`` when there is none)."""
    rows = conn.execute("SELECT min(first_seq) FROM blocks")
    value = rows[0][0] if rows else None
    return None if value is None else int(value)


_READ_BLOCKS = 64
"""Most blocks fetched per query by :func:`read_rows`."""
_FIRST_READ_BLOCKS = 2
"""Blocks fetched by :func:`read_rows`'s first query (a resync page is ~1,000 receipts)."""


def read_rows(conn: Connection, from_seq: int, limit: int) -> list[Row]:
    """Return stored receipt rows ``(seq, prev_hash, hash, data)`` from ``from_seq``.

    At most ``limit`` rows (all with a negative ``limit``), in seq order.  A block that
    does not parse yields one row ``(first_seq, b"", b"", b"")`` and ends the read there.
    """
    out: list[Row] = []
    after = from_seq - 1
    want = limit if limit >= 0 else None
    fetch = _FIRST_READ_BLOCKS  # a block holds up to 1,024 receipts: start small, then grow
    while want is None or len(out) < want:
        blocks = conn.execute(
            # CAST: an edited row may hold TEXT; read bytes whatever the column type became.
            "SELECT last_seq, first_seq, CAST(prev_hash AS BLOB), CAST(data AS BLOB)"
            " FROM blocks WHERE last_seq > ? ORDER BY last_seq LIMIT ?",
            (after, fetch),
        )
        for last, first, prev, data in blocks:
            try:
                rows = decode_block(int(first), int(last), bytes(prev or b""), bytes(data or b""))
            except (ValueError, struct.error):
                out.append((int(first), b"", b"", b""))
                return out
            out.extend(r for r in rows if r[0] >= from_seq)
            after = int(last)
            if want is not None and len(out) >= want:
                return out[:want]  # decode no block beyond what was asked for
        if len(blocks) < fetch:
            break
        fetch = min(fetch * 2, _READ_BLOCKS)
    return out if want is None else out[:want]
