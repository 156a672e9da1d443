"""Block storage (schema version 2): layout, round trip, malformed blocks, migration from 1."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from hashlib import sha256
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edge.journal import Journal
from edge.journal.schema import (
    BLOCK_MAX,
    SCHEMA_VERSION,
    decode_block,
    encode_block,
    make_blocks,
)
from edge.receipts import ProblemKind, ReceiptBody
from edge.receipts.verify import verify_journal

if TYPE_CHECKING:
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

NODE = "edge-test"
Bodies = Callable[[int], ReceiptBody]


def write_journal(path: Path, key: Ed25519PrivateKey, body: Bodies, sizes: list[int]) -> None:
    with Journal(path, node_id=NODE, key=key, seal_every=10, seal_interval_s=3600) as j:
        i = 0
        for n in sizes:
            j.submit_many([body(i + k) for k in range(n)]).result(10)
            i += n


@given(
    lengths=st.lists(st.integers(0, 300), min_size=1, max_size=40),
    first=st.integers(1, 2**40),
    cuts=st.lists(st.integers(0, 60), max_size=5),
)
def test_blocks_round_trip_and_split_where_asked(
    lengths: list[int], first: int, cuts: list[int]
) -> None:
    datas = [bytes([i % 251]) * n for i, n in enumerate(lengths)]
    hashes = [sha256(d + bytes([i % 256])).digest() for i, d in enumerate(datas)]
    prev = sha256(b"before").digest()
    blocks = make_blocks(first, prev, hashes, datas, [first + c for c in cuts])
    rows = [r for last, f, p, data in blocks for r in decode_block(f, last, p, data)]
    assert [r[0] for r in rows] == list(range(first, first + len(datas)))
    assert [r[2] for r in rows] == hashes
    assert [r[3] for r in rows] == datas
    assert [r[1] for r in rows] == [prev, *hashes[:-1]]
    ends = {last for last, *_ in blocks}
    assert {first + c for c in cuts if c < len(datas)} <= ends
    assert all(last - f + 1 <= BLOCK_MAX for last, f, *_ in blocks)


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: b"XXXX" + d[4:],  # magic
        lambda d: d[:-1],  # truncated
        lambda d: d + b"\x00",  # trailing byte
        lambda d: d[:4] + (int.from_bytes(d[4:8], "big") + 1).to_bytes(4, "big") + d[8:],
    ],
)
def test_a_malformed_block_is_rejected(edit: Callable[[bytes], bytes]) -> None:
    datas = [b"a" * 10, b"b" * 20]
    hashes = [bytes(32), bytes(range(32))]
    data = encode_block(hashes, datas)
    assert len(decode_block(5, 6, bytes(32), data)) == 2
    with pytest.raises(ValueError, match=r"block|truncated"):
        decode_block(5, 6, bytes(32), edit(data))


def test_blocks_end_at_every_checkpoint(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    path = tmp_path / "j.db"
    write_journal(path, node_key, body, [7, 13, 25, 1, 40, 3])
    with sqlite3.connect(path) as db:
        blocks = db.execute("SELECT first_seq, last_seq FROM blocks ORDER BY last_seq").fetchall()
        cps = [r[0] for r in db.execute("SELECT last_seq FROM checkpoints")]
    assert blocks[0][0] == 1
    assert all(b[0] == a[1] + 1 for a, b in itertools.pairwise(blocks))
    assert set(cps) <= {last for _, last in blocks}
    assert len(blocks) < 89  # grouped, not one row per receipt
    assert verify_journal(path, node_key.public_key()).ok


def test_checkpoints_built_group_by_group_verify(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    """The sequencer's incremental trees give the roots the verifier recomputes.

    Groups smaller than, equal to and larger than a tree chunk (64 leaves) and than a
    checkpoint (150), so groups cross checkpoint boundaries and one spans several.
    """
    path = tmp_path / "j.db"
    sizes = [1, 63, 64, 65, 149, 1, 151, 7, 333, 2, 450]
    with Journal(path, node_id=NODE, key=node_key, seal_every=150, seal_interval_s=3600) as j:
        i = 0
        for n in sizes:
            j.submit_many([body(i + k) for k in range(n)]).result(10)
            i += n
    with Journal(path, node_id=NODE, key=node_key) as j:  # reopens; close seals the tail
        cps = j.checkpoints()
    assert [c.last_seq for c in cps] == [150 * k for k in range(1, 9)] + [sum(sizes)]
    report = verify_journal(path, node_key.public_key())
    assert report.ok, report.summary()
    assert report.receipts == sum(sizes)


def test_a_corrupt_block_is_pinpointed_at_its_first_receipt(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    path = tmp_path / "j.db"
    write_journal(path, node_key, body, [10, 10, 10])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE blocks SET data = substr(data, 1, 40) WHERE first_seq = 11")
    problem = verify_journal(path).problem
    assert problem is not None
    assert (problem.seq, problem.kind) == (11, ProblemKind.MALFORMED)


def make_version_1(path: Path, edit_seq: int | None = None) -> None:
    """Rewrite a journal as the previous release stored it: one row per receipt."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    rows = []
    for first, last, prev, data in db.execute(
        "SELECT first_seq, last_seq, prev_hash, data FROM blocks ORDER BY last_seq"
    ).fetchall():
        rows.extend(decode_block(first, last, prev, data))
    db.execute(
        "CREATE TABLE receipts (seq INTEGER PRIMARY KEY, prev_hash BLOB NOT NULL,"
        " hash BLOB NOT NULL, data BLOB NOT NULL)"
    )
    db.executemany("INSERT INTO receipts VALUES (?, ?, ?, ?)", rows)
    if edit_seq is not None:
        db.execute("UPDATE receipts SET prev_hash = zeroblob(32) WHERE seq = ?", (edit_seq,))
    db.execute("DROP TABLE blocks")
    db.execute("UPDATE meta SET value = CAST('1' AS BLOB) WHERE key = 'schema_version'")
    db.execute("COMMIT")
    db.close()


def test_a_version_1_journal_is_migrated_on_open(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    path = tmp_path / "j.db"
    write_journal(path, node_key, body, [5, 30, 12])
    with Journal(path, node_id=NODE, key=node_key, seal_every=10) as j:
        before = [(r.seq, r.hash) for r in j.read_from(1, 100)]
    make_version_1(path)
    with Journal(path, node_id=NODE, key=node_key, seal_every=10) as j:
        assert [(r.seq, r.hash) for r in j.read_from(1, 100)] == before
        assert j.submit(body(999)).result(10).seq == len(before) + 1
    with sqlite3.connect(path) as db:
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert bytes(version[0]) == str(SCHEMA_VERSION).encode()
    assert "receipts" not in tables
    assert verify_journal(path, node_key.public_key()).ok


def test_migration_keeps_the_evidence_of_an_edit(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    path = tmp_path / "j.db"
    write_journal(path, node_key, body, [20, 20])
    make_version_1(path, edit_seq=3)
    # The open checks only the tail (from seq 21), so it migrates and starts; the edited
    # link at seq 3 must still be reported afterwards.
    Journal(path, node_id=NODE, key=node_key, seal_every=10).close()
    problem = verify_journal(path).problem
    assert problem is not None
    assert (problem.seq, problem.kind) == (3, ProblemKind.PREV_MISMATCH)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"wal_checkpoint_s": 0.0}, "wal_checkpoint_s"), ({"seal_every": 0}, "seal_every")],
)
def test_bad_settings_are_refused_before_anything_is_written(
    tmp_path: Path, node_key: Ed25519PrivateKey, kwargs: dict[str, float], match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        Journal(tmp_path / "j.db", node_id=NODE, key=node_key, **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "j.db").exists()


def test_a_shorter_wal_checkpoint_period_keeps_every_receipt(
    tmp_path: Path, node_key: Ed25519PrivateKey, body: Bodies
) -> None:
    path = tmp_path / "j.db"
    with Journal(path, node_id=NODE, key=node_key, seal_every=10, wal_checkpoint_s=0.001) as j:
        for i in range(0, 200, 20):
            j.submit_many([body(i + k) for k in range(20)]).result(10)
    assert verify_journal(path, node_key.public_key()).receipts == 200
