"""Chain verification pinpoints any edited, reordered, deleted or truncated receipt (R2).

One sealed journal of 120 receipts (checkpoints of 25) is written once; every example copies
it (or its export), applies one mutation and checks that ``verify`` reports the first bad
seq.  Untouched copies must verify (no false positives).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from hashlib import sha256
from typing import TYPE_CHECKING, Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edge.journal import Journal, export_journal
from edge.protocol.messages import Outcome
from edge.receipts import ProblemKind, ReceiptBody
from edge.receipts.verify import main, verify_export, verify_journal, verify_path

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable
    from pathlib import Path

    RowsEditor = Callable[[Path], contextlib.AbstractContextManager[sqlite3.Connection]]

N = 120
SEAL = 25
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def body(i: int) -> ReceiptBody:
    return ReceiptBody(
        vehicle_id=f"v{i % 5}",
        action="proceed",
        outcome=Outcome.RESTRICT if i % 2 else Outcome.ALLOW,
        fired_rules=("core.zone.speed_limit",) if i % 2 else (),
        constraints=(("speed_cap_mps", 3.0),) if i % 2 else (),
        bundle_id="core",
        bundle_version=1,
        inputs_digest=sha256(str(i).encode()).hexdigest(),
        decided_at=1_700_000_000.0 + i,
        decided_mono=50.0 + i,
    )


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory, key: Ed25519PrivateKey) -> Path:
    path = tmp_path_factory.mktemp("tamper") / "journal.db"
    with Journal(path, node_id="edge-t", key=key, seal_every=SEAL, seal_interval_s=3600) as j:
        j.submit_many([body(i) for i in range(N)]).result(10)
    return path


@pytest.fixture(scope="module")
def export(original: Path) -> Path:
    out = original.with_name("export.jsonl")
    assert export_journal(original, out) == N
    return out


def copy(src: Path, tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copyfile(src, dst)
    return dst


def first_checkpoint_containing(seq: int) -> int:
    return (seq - 1) // SEAL * SEAL + 1


def test_untouched_journal_and_export_verify(
    original: Path, export: Path, key: Ed25519PrivateKey
) -> None:
    for report in (verify_journal(original, key.public_key()), verify_export(export)):
        assert report.ok, report.summary()
        assert (report.first_seq, report.last_seq, report.receipts) == (1, N, N)
        assert (report.checkpoints, report.unsealed) == (N // SEAL + 1, 0)


def test_wrong_trusted_key_is_reported(original: Path) -> None:
    report = verify_journal(original, Ed25519PrivateKey.generate().public_key())
    assert report.problem is not None
    assert report.problem.kind is ProblemKind.CHECKPOINT_SIGNATURE
    assert report.problem.seq == 1


# --------------------------------------------------------------------------- journal


def mutate_db(path: Path, sql: str, *params: object, rows: RowsEditor | None = None) -> None:
    """Run one statement; on the ``receipts`` rows (via ``rows``) or on the file itself."""
    if rows is not None:
        with rows(path) as db:
            db.execute(sql, params)
        return
    db = sqlite3.connect(path)
    with db:
        db.execute(sql, params)
    db.close()


@SETTINGS
@given(seq=st.integers(1, N), column=st.sampled_from(["data", "hash", "prev_hash"]), data=st.data())
def test_a_flipped_bit_is_pinpointed(
    original: Path,
    tmp_path: Path,
    receipt_rows: RowsEditor,
    seq: int,
    column: str,
    data: st.DataObject,
) -> None:
    path = copy(original, tmp_path, "flip.db")
    with receipt_rows(path) as db:
        (value,) = db.execute(f"SELECT {column} FROM receipts WHERE seq = ?", (seq,)).fetchone()
        bit = data.draw(st.integers(0, len(value) * 8 - 1))
        edited = bytearray(value)
        edited[bit // 8] ^= 1 << (bit % 8)
        db.execute(f"UPDATE receipts SET {column} = ? WHERE seq = ?", (bytes(edited), seq))
    problem = verify_journal(path).problem
    assert problem is not None
    assert problem.seq == seq, problem


@SETTINGS
@given(a=st.integers(1, N), b=st.integers(1, N))
def test_swapped_receipts_are_pinpointed(
    original: Path, tmp_path: Path, receipt_rows: RowsEditor, a: int, b: int
) -> None:
    if a == b:
        return
    path = copy(original, tmp_path, "swap.db")
    with receipt_rows(path) as db:
        rows = {
            s: r
            for s, *r in db.execute(
                "SELECT seq, prev_hash, hash, data FROM receipts WHERE seq IN (?, ?)", (a, b)
            )
        }
        for s, other in ((a, b), (b, a)):
            db.execute(
                "UPDATE receipts SET prev_hash = ?, hash = ?, data = ? WHERE seq = ?",
                (*rows[other], s),
            )
    problem = verify_journal(path).problem
    assert problem is not None
    assert (problem.seq, problem.kind) == (min(a, b), ProblemKind.OUT_OF_ORDER)


@SETTINGS
@given(seq=st.integers(1, N), tail=st.booleans())
def test_deleted_or_truncated_receipts_are_pinpointed(
    original: Path, tmp_path: Path, receipt_rows: RowsEditor, seq: int, tail: bool
) -> None:
    path = copy(original, tmp_path, "del.db")
    mutate_db(
        path, f"DELETE FROM receipts WHERE seq {'>=' if tail else '='} ?", seq, rows=receipt_rows
    )
    problem = verify_journal(path).problem
    assert problem is not None
    assert (problem.seq, problem.kind) == (seq, ProblemKind.MISSING)


@SETTINGS
@given(seq=st.integers(1, N))
def test_rewritten_history_is_caught_by_the_signed_root(
    original: Path, tmp_path: Path, receipt_rows: RowsEditor, seq: int
) -> None:
    """Edit a receipt and recompute every later hash: only the checkpoints can tell."""
    path = copy(original, tmp_path, "rewrite.db")
    with receipt_rows(path) as db:
        rows = db.execute("SELECT seq, hash, data FROM receipts ORDER BY seq").fetchall()
        prev = rows[seq - 2][1] if seq > 1 else bytes(32)
        for s, _, data in rows[seq - 1 :]:
            if s == seq:
                data = data[:-1] + bytes([data[-1] ^ 1])  # decided_mono's last bit
            digest = sha256(prev + data).digest()
            db.execute(
                "UPDATE receipts SET prev_hash = ?, hash = ?, data = ? WHERE seq = ?",
                (prev, digest, data, s),
            )
            prev = digest
    problem = verify_journal(path).problem
    assert problem is not None
    assert problem.kind is ProblemKind.CHECKPOINT_MISMATCH
    assert problem.seq == first_checkpoint_containing(seq)


def test_deleted_checkpoint_is_reported(original: Path, tmp_path: Path) -> None:
    path = copy(original, tmp_path, "cp.db")
    mutate_db(path, "DELETE FROM checkpoints WHERE last_seq = ?", 2 * SEAL)
    problem = verify_journal(path).problem
    assert problem is not None
    assert (problem.seq, problem.kind) == (SEAL + 1, ProblemKind.CHECKPOINT_GAP)


# --------------------------------------------------------------------------- export


def receipt_lines(export: Path) -> tuple[list[str], dict[int, int]]:
    lines = export.read_text().splitlines()
    where = {
        json.loads(line)["seq"]: n
        for n, line in enumerate(lines)
        if json.loads(line).get("kind") == "receipt"
    }
    return lines, where


EDITS: dict[str, Callable[[Any], Any]] = {
    "action": lambda v: v + "x",
    "vehicle_id": lambda v: "v9",
    "outcome": lambda v: "TERMINATE" if v != "TERMINATE" else "ALLOW",
    "fired_rules": lambda v: [*v, "core.extra"],
    "constraints": lambda v: [["speed_cap_mps", 30.0]],
    "decided_at": lambda v: v + 0.5,
    "decided_mono": lambda v: v - 1e-9,
    "bundle_version": lambda v: v + 1,
    "inputs_digest": lambda v: "0" * 64,
    "hash": lambda v: "f" + v[1:] if v[0] != "f" else "e" + v[1:],
    "prev_hash": lambda v: "f" + v[1:] if v[0] != "f" else "e" + v[1:],
}


@SETTINGS
@given(seq=st.integers(1, N), field=st.sampled_from(sorted(EDITS)))
def test_an_edited_export_field_is_pinpointed(
    export: Path, tmp_path: Path, seq: int, field: str
) -> None:
    lines, where = receipt_lines(export)
    obj = json.loads(lines[where[seq]])
    obj[field] = EDITS[field](obj[field])
    lines[where[seq]] = json.dumps(obj)
    path = tmp_path / "edit.jsonl"
    path.write_text("\n".join(lines) + "\n")
    problem = verify_export(path).problem
    assert problem is not None
    assert problem.seq == seq, problem


@SETTINGS
@given(
    seq=st.integers(1, N),
    how=st.sampled_from(["delete", "duplicate", "swap", "truncate", "garble"]),
)
def test_reordered_or_missing_export_lines_are_pinpointed(
    export: Path, tmp_path: Path, seq: int, how: str
) -> None:
    lines, where = receipt_lines(export)
    at = where[seq]
    if how == "delete":
        del lines[at]
    elif how == "duplicate":
        lines.insert(at + 1, lines[at])
    elif how == "swap":
        if seq == N:
            return
        nxt = where[seq + 1]
        lines[at], lines[nxt] = lines[nxt], lines[at]
    elif how == "truncate":
        lines = [ln for ln in lines if json.loads(ln).get("seq", 0) < seq]
    else:
        lines[at] = lines[at][: len(lines[at]) // 2]
    path = tmp_path / "order.jsonl"
    path.write_text("\n".join(lines) + "\n")
    problem = verify_export(path).problem
    assert problem is not None
    assert problem.seq == seq, problem


# --------------------------------------------------------------------------- command line


def test_command_line_exit_codes(
    original: Path,
    export: Path,
    tmp_path: Path,
    receipt_rows: RowsEditor,
    key: Ed25519PrivateKey,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from edge.receipts import public_key_pem

    pub = tmp_path / "node.pub"
    pub.write_bytes(public_key_pem(key.public_key()))
    assert main([str(original), "--public-key", str(pub)]) == 0
    assert "OK" in capsys.readouterr().out
    assert main([str(export), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    broken = copy(original, tmp_path, "broken.db")
    mutate_db(broken, "DELETE FROM receipts WHERE seq = 7", rows=receipt_rows)
    assert main([str(broken)]) == 1
    assert "FAIL at seq 7: missing" in capsys.readouterr().out
    assert verify_path(broken).problem is not None
    assert main([str(tmp_path / "absent.db")]) == 2
    (tmp_path / "junk.txt").write_text("hello\n")
    assert main([str(tmp_path / "junk.txt")]) == 2
