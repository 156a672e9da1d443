"""The journal under crashes: SIGKILL (RELIABILITY D1) and power loss (D2, with a control).

SIGKILL: a child process runs the real :class:`Journal` and streams decisions, printing each
receipt's seq and hash only after its future resolved (= acknowledged).  The parent kills
it at random points and restarts it; at the end every acknowledged receipt must be stored,
unaltered, in a contiguous chain that verifies, and sealed.

Power loss: the journal runs in-process on apsw through a crash-simulating VFS (as SQLite's
own test6.c): writes since a file's last xSync are remembered; at a random xWrite the power
goes off, and each unsynced write is then kept, dropped or torn (a 512-byte-aligned prefix
survives).  Reopened with the normal sqlite3 VFS, 0 acknowledged receipts may be missing,
``integrity_check`` must pass and the chain must verify.  The negative control runs the same
harness with ``synchronous=NORMAL`` smuggled under the journal: it must lose acknowledged
receipts, or the harness cannot see what it claims to test.

Seeds are printed (``-s`` or on failure) so a failing run replays.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any

import apsw
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import edge.journal.journal as journal_module
from edge.journal import Journal, JournalError, StorageError
from edge.protocol.messages import Outcome
from edge.receipts import ReceiptBody, load_or_create_key
from edge.receipts.verify import verify_journal

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from edge.journal.storage import Connection, Row, SqlValue

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
NODE = "crash-edge"


def body(i: int) -> ReceiptBody:
    return ReceiptBody(
        vehicle_id=f"v{i % 9}",
        action="proceed",
        outcome=Outcome.RESTRICT if i % 3 else Outcome.ALLOW,
        fired_rules=("core.zone.speed_limit",) if i % 3 else (),
        constraints=(("speed_cap_mps", 5.0),) if i % 3 else (),
        bundle_id="core",
        bundle_version=2,
        inputs_digest=sha256(i.to_bytes(8, "big")).hexdigest(),
        decided_at=1_700_000_000.0 + i,
        decided_mono=10.0 + i,
    )


def seed_from_env(name: str) -> int:
    seed = int(os.environ.get(name, random.randrange(2**32)))
    print(f"{name}={seed}")  # replay with this environment variable
    return seed


# =========================================================================== SIGKILL (D1)

CHILD = """
import random, sys
from hashlib import sha256
from edge.journal import Journal
from edge.protocol.messages import Outcome
from edge.receipts import ReceiptBody, load_or_create_key

def body(i):
    return ReceiptBody(
        vehicle_id=f"v{i % 9}", action="proceed",
        outcome=Outcome.RESTRICT if i % 3 else Outcome.ALLOW,
        fired_rules=("core.zone.speed_limit",) if i % 3 else (),
        constraints=(("speed_cap_mps", 5.0),) if i % 3 else (),
        bundle_id="core", bundle_version=2,
        inputs_digest=sha256(i.to_bytes(8, "big")).hexdigest(),
        decided_at=1_700_000_000.0 + i, decided_mono=10.0 + i,
    )

path, keyfile, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
j = Journal(path, node_id="crash-edge", key=load_or_create_key(keyfile),
            seal_every=25, seal_interval_s=0.02)
cps = j.checkpoints(j.head[0], 1)
out = sys.stdout
out.write(f"ready {j.head[0]} {cps[-1].last_seq if cps else 0}\\n")
out.flush()
i = seed * 1_000_000
while True:
    bodies = [body(i + k) for k in range(rng.randint(1, 8))]
    i += len(bodies)
    if rng.random() < 0.5:
        receipts = j.submit_many(bodies).result(30)
    else:
        receipts = [f.result(30) for f in [j.submit(b) for b in bodies]]
    out.write("".join(f"{r.seq} {r.hash.hex()}\\n" for r in receipts))
    out.flush()
"""


def record(acked: dict[int, str], line: str) -> None:
    seq_text, digest = line.split()
    seq = int(seq_text)
    # A seq handed out twice with different hashes = an acknowledged receipt was lost.
    assert acked.setdefault(seq, digest) == digest, f"acknowledged receipt {seq} was replaced"


def kill_loop(tmp_path: Path, kills: int, per_kill: int, seed: int) -> None:
    rng = random.Random(seed)
    path, keyfile = tmp_path / "journal.db", tmp_path / "node.pem"
    acked: dict[int, str] = {}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for run in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(keyfile), str(run + 1)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert proc.stdout is not None
        ready = proc.stdout.readline().split()
        if not ready or ready[0] != "ready":
            proc.kill()
            pytest.fail(f"restart {run} failed: {proc.communicate(timeout=10)[1]}")
        head, sealed = int(ready[1]), int(ready[2])
        assert head >= max(acked, default=0), "restart lost acknowledged receipts"
        assert sealed == head, "restart left committed receipts unsealed (R5)"
        target = rng.randint(1, 2 * per_kill)
        for _ in range(target):
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"child died: {proc.communicate(timeout=10)[1]}")
            record(acked, line)
        if rng.random() < 0.5:  # land the kill anywhere inside the next group's commit
            spin_until = time.perf_counter() + rng.uniform(0, 0.003)
            while time.perf_counter() < spin_until:
                pass
        proc.send_signal(signal.SIGKILL)
        # Read the rest through the same buffered reader the loop used: communicate() reads
        # the raw pipe and would skip what readline() had already buffered, starting mid-line.
        rest = proc.stdout.read()
        proc.wait(timeout=30)
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
        lines = rest.split("\n")
        for line in lines[:-1]:  # printed before the kill: acknowledged too
            record(acked, line)
        # lines[-1] is "" or a line the kill cut short: its receipts were acknowledged in
        # the child but never reported, so the parent cannot count them (they are stored).
        assert proc.returncode == -signal.SIGKILL
    key = load_or_create_key(keyfile)
    with Journal(path, node_id=NODE, key=key) as j:
        stored = {r.seq: r.hash.hex() for r in read_all(j)}
    lost = {s for s, h in acked.items() if stored.get(s) != h}
    assert not lost, f"{len(lost)} acknowledged receipts lost or altered: {sorted(lost)[:10]}"
    assert sorted(stored) == list(range(1, len(stored) + 1))
    report = verify_journal(path, key.public_key())
    assert report.ok, report.summary()
    assert report.unsealed == 0
    assert len(acked) >= kills  # the runs did decide something


def read_all(j: Journal) -> Iterator[Any]:
    seq = 1
    while batch := j.read_from(seq, 5000):
        yield from batch
        seq = batch[-1].seq + 1


def test_sigkill_loses_no_acknowledged_receipt(tmp_path: Path) -> None:
    # RELIABILITY D1, CI tier: 100 kills over about 2,000 decisions.
    kill_loop(tmp_path, kills=100, per_kill=20, seed=seed_from_env("JOURNAL_KILL_SEED"))


@pytest.mark.slow
def test_sigkill_soak(tmp_path: Path) -> None:
    kill_loop(tmp_path, kills=500, per_kill=20, seed=seed_from_env("JOURNAL_KILL_SEED"))  # D1 soak


# =========================================================================== power loss (D2)

SECTOR = 512


class CrashState:
    """Write counter, cut point and the unsynced writes of every file."""

    def __init__(self, cut_at: int | None) -> None:
        self.cut_at = cut_at
        self.writes = 0
        self.crashed = False
        self.logs: dict[str, list[tuple[str, int, bytes, bytes, int]]] = {}

    def power_off(self) -> None:
        self.crashed = True


class CrashFile(apsw.VFSFile):
    """Passes I/O through to the default VFS, remembering what is not yet synced."""

    def __init__(self, state: CrashState, name: Any, flags: list[int]) -> None:
        self.state = state
        self.path = name.filename() if isinstance(name, apsw.URIFilename) else str(name)
        super().__init__("", name, flags)
        self.log = state.logs.setdefault(self.path, [])

    def _check(self) -> None:
        if self.state.crashed:
            raise apsw.IOError("the power is off")

    def xWrite(self, data: bytes, offset: int) -> None:  # noqa: N802 - apsw's method name
        self._check()
        self.state.writes += 1
        if self.state.cut_at is not None and self.state.writes >= self.state.cut_at:
            self.state.power_off()
            raise apsw.IOError("power cut during this write")
        data = bytes(data)
        size = super().xFileSize()
        old = super().xRead(min(len(data), size - offset), offset) if offset < size else b""
        self.log.append(("w", offset, bytes(old), data, size))
        super().xWrite(data, offset)

    def xTruncate(self, newsize: int) -> None:  # noqa: N802 - apsw's method name
        self._check()
        size = super().xFileSize()
        old = super().xRead(size - newsize, newsize) if newsize < size else b""
        self.log.append(("t", newsize, bytes(old), b"", size))
        super().xTruncate(newsize)

    def xSync(self, flags: int) -> None:  # noqa: N802 - apsw's method name
        self._check()
        self.log.clear()  # durable from now on (no real fsync needed: this is a model)


class CrashVFS(apsw.VFS):
    """A VFS whose files are :class:`CrashFile`; ``state`` is swapped for every run."""

    def __init__(self) -> None:
        self.state = CrashState(None)
        super().__init__("atlasmesh-crash", "")

    def xOpen(self, name: Any, flags: list[int]) -> CrashFile:  # noqa: N802 - apsw's name
        return CrashFile(self.state, name, flags)

    def xDelete(self, name: str, syncdir: bool) -> None:  # noqa: N802 - apsw's method name
        if self.state.crashed:
            raise apsw.IOError("the power is off")
        super().xDelete(name, syncdir)


class ApswConnection:
    """The journal's :class:`Connection` over apsw, optionally downgrading durability.

    With ``downgrade`` the journal's ``synchronous=FULL`` silently becomes NORMAL and the
    read-back lies: a storage layer the journal cannot catch, which is the negative control.
    """

    def __init__(self, path: Path, *, readonly: bool, downgrade: bool) -> None:
        flags = (
            apsw.SQLITE_OPEN_READONLY
            if readonly
            else apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_CREATE
        )
        try:
            self._conn = apsw.Connection(str(path), flags=flags, vfs="atlasmesh-crash")
            self._conn.setbusytimeout(5000)
        except apsw.Error as exc:
            raise StorageError(f"apsw open: {exc}") from exc
        self._downgrade = downgrade

    def execute(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:
        if self._downgrade:
            if sql == "PRAGMA synchronous=FULL":
                sql = "PRAGMA synchronous=NORMAL"
            elif sql == "PRAGMA synchronous":
                return [(2,)]
        try:
            return list(self._conn.execute(sql, tuple(params)))
        except apsw.Error as exc:
            raise StorageError(f"apsw: {exc}", full=isinstance(exc, apsw.FullError)) from exc

    def executemany(self, sql: str, rows: Any) -> None:
        try:
            self._conn.executemany(sql, [tuple(r) for r in rows])
        except apsw.Error as exc:
            raise StorageError(f"apsw: {exc}") from exc

    def close(self) -> None:
        with contextlib.suppress(apsw.Error):  # closing with the power off
            self._conn.close(True)


@pytest.fixture(scope="module")
def crash_vfs() -> Iterator[CrashVFS]:
    vfs = CrashVFS()
    yield vfs
    vfs.unregister()


def cut_power(state: CrashState, rng: random.Random) -> None:
    """Revert every file to its last synced image, then keep, drop or tear each later write."""
    for path, ops in state.logs.items():
        if not ops or not os.path.exists(path):
            continue
        with open(path, "r+b") as f:
            for _kind, offset, old, _new, size in reversed(ops):
                f.seek(offset)
                f.write(old)
                f.truncate(size)
            for kind, offset, _old, new, _size in ops:
                fate = rng.random()
                if kind == "t":
                    if fate < 0.5:
                        f.truncate(offset)
                elif fate < 1 / 3:
                    f.seek(offset)
                    f.write(new)
                elif fate < 2 / 3:
                    keep = rng.randrange(0, len(new) // SECTOR + 1) * SECTOR
                    f.seek(offset)
                    f.write(new[:keep])
    for path in list(state.logs):
        if path.endswith("-shm") and os.path.exists(path):
            os.unlink(path)  # shared memory does not survive a power cut


def power_run(
    vfs: CrashVFS,
    directory: Path,
    key: Ed25519PrivateKey,
    cut_at: int | None,
    downgrade: bool,
    rng: random.Random,
) -> tuple[dict[int, bytes], int]:
    """Stream decisions until the cut; return acknowledged {seq: hash} and writes seen."""
    directory.mkdir()
    vfs.state = state = CrashState(cut_at)

    def opener(path: Path, *, readonly: bool) -> Connection:
        return ApswConnection(path, readonly=readonly, downgrade=downgrade)

    acked: dict[int, bytes] = {}
    try:
        j = Journal(
            directory / "journal.db",
            node_id=NODE,
            key=key,
            seal_every=7,
            seal_interval_s=0.005,
            opener=opener,
        )
    except JournalError:
        state.power_off()  # the cut hit the opening: nothing was acknowledged
    else:
        try:
            for g in range(40):
                bodies = [body(g * 10 + k) for k in range(rng.randint(1, 6))]
                try:
                    receipts = j.submit_many(bodies).result(30)
                except JournalError:
                    break
                acked.update((r.seq, r.hash) for r in receipts)
        finally:
            state.power_off()  # the cut, or a cut right after the last acknowledgement
            j.close()
    writes = state.writes
    cut_power(state, rng)
    return acked, writes


def check_after_power_loss(path: Path, key: Ed25519PrivateKey, acked: dict[int, bytes]) -> int:
    """Reopen with the normal VFS; return how many acknowledged receipts are missing."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Journal(path, node_id=NODE, key=key) as j:
        stored = {r.seq: r.hash for r in read_all(j)}
    report = verify_journal(path, key.public_key())
    assert report.ok, report.summary()
    return sum(1 for seq, digest in acked.items() if stored.get(seq) != digest)


def power_loss_campaign(
    vfs: CrashVFS, tmp_path: Path, cuts: int, downgrade: bool, seed: int
) -> tuple[int, int]:
    """Return (runs that lost acknowledged receipts, acknowledged receipts checked)."""
    rng = random.Random(seed)
    key = Ed25519PrivateKey.generate()
    _, total_writes = power_run(vfs, tmp_path / "dry", key, None, downgrade, rng)
    losing_runs = checked = 0
    for n in range(cuts):
        directory = tmp_path / f"cut{n}"
        acked, _ = power_run(vfs, directory, key, rng.randint(1, total_writes), downgrade, rng)
        lost = check_after_power_loss(directory / "journal.db", key, acked)
        losing_runs += lost > 0
        checked += len(acked)
    return losing_runs, checked


@pytest.fixture
def fast_wal_checkpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    # Checkpoint the WAL often so cuts also land in checkpoints (database file writes).
    monkeypatch.setattr(journal_module, "WAL_CHECKPOINT_INTERVAL_S", 0.002)


@pytest.mark.usefixtures("fast_wal_checkpoints")
def test_power_loss_loses_no_acknowledged_receipt(crash_vfs: CrashVFS, tmp_path: Path) -> None:
    seed = seed_from_env("JOURNAL_POWER_SEED")
    losing_runs, checked = power_loss_campaign(crash_vfs, tmp_path, 200, False, seed)  # D2 CI
    assert checked > 0
    assert losing_runs == 0


@pytest.mark.usefixtures("fast_wal_checkpoints")
def test_negative_control_synchronous_normal_is_caught(crash_vfs: CrashVFS, tmp_path: Path) -> None:
    seed = seed_from_env("JOURNAL_POWER_SEED")
    losing_runs, _ = power_loss_campaign(crash_vfs, tmp_path, 200, True, seed)
    print(f"synchronous=NORMAL lost acknowledged receipts in {losing_runs} of 200 runs")
    assert losing_runs >= 1, "the harness cannot see lost writes: it is broken"


@pytest.mark.slow
@pytest.mark.usefixtures("fast_wal_checkpoints")
def test_power_loss_soak(crash_vfs: CrashVFS, tmp_path: Path) -> None:
    seed = seed_from_env("JOURNAL_POWER_SEED")
    losing_runs, _ = power_loss_campaign(crash_vfs, tmp_path, 2000, False, seed)
    assert losing_runs == 0
