"""Open-time work: create or check the schema, recover the chain head, verify the tail."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from edge.journal.errors import JournalCorruptError, JournalError
from edge.journal.schema import (
    DDL,
    SCHEMA_VERSION,
    first_seq,
    has_schema,
    migrate_v1,
    read_checkpoints,
    read_meta,
    read_rows,
)
from edge.receipts.audit import ChainAuditor
from edge.receipts.errors import ReceiptError
from edge.receipts.keys import key_id, public_bytes
from edge.receipts.record import GENESIS_HASH

if TYPE_CHECKING:
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from edge.journal.storage import Connection


logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Recovered:
    """The state a journal resumes from."""

    head: tuple[int, bytes]
    sealed_through: int
    sealed_head: bytes
    unsealed: list[bytes]
    pruned_through: int
    cursors: dict[str, int]


def init_schema(conn: Connection, path: Path, node_id: str, public_key: Ed25519PublicKey) -> None:
    """Create the tables of a new journal, or check an existing journal's identity.

    Raises
    ------
    JournalError
        The journal has another schema version, node id or key.
    """
    raw = public_bytes(public_key)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not has_schema(conn):
            for statement in DDL:
                conn.execute(statement)
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [
                    ("schema_version", str(SCHEMA_VERSION).encode()),
                    ("node_id", node_id.encode()),
                    ("public_key", raw),
                    ("key_id", key_id(public_key).encode()),
                    ("created_at", repr(time.time()).encode()),
                ],
            )
        meta = read_meta(conn)
        if meta.get("schema_version") == b"1":
            moved = migrate_v1(conn)
            logger.info("journal %s: %d receipts moved to schema version 2", path, moved)
            meta = read_meta(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    version = meta.get("schema_version", b"?").decode(errors="replace")
    if version != str(SCHEMA_VERSION):
        raise JournalError(
            f"journal {path} has schema version {version}, this code reads {SCHEMA_VERSION}; "
            "open it with a release that reads that version, or move it aside and start a new "
            "journal"
        )
    stored_node = meta.get("node_id", b"").decode(errors="replace")
    if stored_node != node_id:
        raise JournalError(f"journal {path} belongs to node {stored_node!r}, not {node_id!r}")
    if meta.get("public_key") != raw:
        stored = meta.get("key_id", b"?").decode(errors="replace")
        raise JournalError(
            f"journal {path} is sealed with key {stored}, the node key is {key_id(public_key)}"
        )


def recover(conn: Connection, path: Path, node_id: str, public_key: Ed25519PublicKey) -> Recovered:
    """Find the chain head and verify everything after the second-to-last checkpoint.

    Raises
    ------
    JournalCorruptError
        The tail does not verify (broken link, edited receipt, bad signature, receipts
        sealed but absent).
    """
    try:
        checkpoints = read_checkpoints(conn)[-2:]
    except ReceiptError as exc:
        raise JournalCorruptError(f"journal {path}: unreadable checkpoint: {exc}") from exc
    last_cp = checkpoints[-1] if checkpoints else None
    first_row = first_seq(conn)
    if last_cp is not None and first_row is not None and first_row <= last_cp.first_seq:
        start = last_cp.first_seq
    else:
        start = first_row if first_row is not None else 1
        checkpoints = checkpoints[-1:]
    tail = read_rows(conn, start, -1)
    auditor = ChainAuditor(
        str(path),
        node_id=node_id,
        checkpoints=checkpoints,
        public_key=public_key,
        key_trusted=True,
        start_seq=None,  # the tail starts at a checkpoint boundary, anchored by a checkpoint
    )
    for row in tail:
        if not auditor.add(*row):
            break
    report = auditor.finish()
    if report.problem is not None:
        p = report.problem
        raise JournalCorruptError(
            f"journal {path} does not verify at seq {p.seq}: {p.kind.value}: {p.detail}; "
            f"run `atlasmesh verify {path}` and keep the file for investigation"
        )
    sealed_through = last_cp.last_seq if last_cp else 0
    sealed_head = last_cp.head_hash if last_cp else GENESIS_HASH
    head = (tail[-1][0], tail[-1][2]) if tail else (sealed_through, sealed_head)
    cursors = {str(c): int(s) for c, s in conn.execute("SELECT console_id, up_to_seq FROM cursors")}
    return Recovered(
        head=head,
        sealed_through=sealed_through,
        sealed_head=sealed_head,
        unsealed=[h for seq, _, h, _ in tail if seq > sealed_through],
        pruned_through=(first_row - 1) if first_row is not None else sealed_through,
        cursors=cursors,
    )
