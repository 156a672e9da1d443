"""Durable receipts benchmark: chain append cost, group-commit capacity, durability latency.

All on the real :class:`edge.journal.Journal` (SQLite WAL, ``synchronous=FULL``, Ed25519
checkpoints every 1,000 receipts), in one process:

* ``chain_append_us`` - p50 of one ``ReceiptChain.append`` (encode + SHA-256), in memory.
* capacity - ``--submitters`` threads keep submitting bursts of ``--burst`` decisions and
  wait for each burst's receipts (closed loop, saturated): ``durable_receipts_per_s`` with
  ``submit_many`` (one future per governor batch) and ``single_durable_receipts_per_s``
  with one ``submit`` (one future) per decision.
* latency - an open-loop "governor" thread offers ``--rate`` decisions/s in ticks of 1 ms
  (``--rate`` / 1000 decisions per tick), whatever the journal does.  Latency is decision
  submitted -> future resolved (taken in the future's done-callback, i.e. the instant the
  receipt is known durable): ``durable_p50_ms`` / ``durable_p99_ms`` for ``submit_many``
  ticks at ``--rate``, ``single_durable_p99_ms`` for per-decision ``submit`` at
  ``--single-rate``; ``durable_p99_ms_by_rate`` for ``submit_many`` at 25, 50 and 75 % of
  ``--rate`` (``durable_p99_ms_at_half_rate`` repeats the 50 % figure).
  ``*_achieved_per_s`` shows whether the journal kept up.
* ``verify_receipts_per_s`` - offline ``verify_journal`` over a journal just written.

Garbage collection: after building its inputs the bench freezes the heap (``gc.freeze()``),
as a long-running edge node should after start-up; otherwise a full collection walks every
start-up object (here the 50,000 prepared bodies) and pauses all threads for tens of
milliseconds, which shows up in any p99.  ``--gc default`` measures without the freeze.

The journal lives in ``--dir`` (default: the system temporary directory); its filesystem
type is reported, because a RAM filesystem makes fsync free.  The machine's load average
is reported beside the figures (``load_1m``): latency figures taken on a busy machine are
not comparable.

Usage::

    python bench/receipts.py                 # about 70 s
    python bench/receipts.py --seconds 2     # smoke run

The final line is JSON.  Targets (issue 3): >= 100,000 durable receipts/s, p99 <= 5 ms.
:func:`measure_durable` is what bench/governor.py reuses for its durable keys.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import edge.journal.journal as journal_module
from edge.heap import freeze_startup_heap
from edge.journal import Journal
from edge.journal.safety import filesystem_type
from edge.protocol.messages import Outcome
from edge.receipts import ReceiptBody, ReceiptChain
from edge.receipts.verify import verify_journal

if TYPE_CHECKING:
    from concurrent.futures import Future

    from edge.receipts import Receipt

RULES = (("core.zone.speed_limit",), ("core.link.degraded", "core.zone.speed_limit"), ())
OUTCOMES = (Outcome.RESTRICT, Outcome.RESTRICT, Outcome.ALLOW)
TICK_S = 0.001
SWEEP = (0.25, 0.5, 0.75)
"""Fractions of ``--rate`` at which the latency is measured as well."""


def make_bodies(n: int) -> list[ReceiptBody]:
    """Realistic bodies: 100 vehicles, three rule combinations, distinct digests."""
    now, mono = time.time(), time.monotonic()
    out = []
    for i in range(n):
        k = i % 3
        out.append(
            ReceiptBody(
                vehicle_id=f"haul-{i % 100:03d}",
                action="proceed",
                outcome=OUTCOMES[k],
                fired_rules=RULES[k],
                constraints=(("speed_cap_mps", 8.0),) if k < 2 else (),
                bundle_id="site-core",
                bundle_version=7,
                inputs_digest=f"{i:064x}",
                decided_at=now + i * 1e-5,
                decided_mono=mono + i * 1e-5,
            )
        )
    return out


def bench_append(bodies: list[ReceiptBody]) -> float:
    """Return p50 microseconds of one chain append."""
    chain = ReceiptChain("bench-edge")
    clock = time.perf_counter_ns
    samples = np.empty(len(bodies), dtype=np.int64)
    for i, body in enumerate(bodies):
        t0 = clock()
        chain.append(body)
        samples[i] = clock() - t0
    return float(np.percentile(samples, 50)) / 1000.0


WAL_CHECKPOINT_S: float | None = None
"""``--wal-checkpoint-s``: the journal's WAL checkpoint period (``None``: its default)."""


def open_journal(path: Path) -> Journal:
    """Open a journal with production settings and a fresh key."""
    # A budget the bench never reaches: it measures commits, not pruning.
    return Journal(
        path,
        node_id="bench-edge",
        key=Ed25519PrivateKey.generate(),
        max_bytes=64 * 2**30,
        wal_checkpoint_s=WAL_CHECKPOINT_S,
    )


# --------------------------------------------------------------------------- capacity


class Submitter(threading.Thread):
    """One closed-loop caller: submit a burst, wait for its receipts, repeat."""

    def __init__(
        self, journal: Journal, bodies: list[ReceiptBody], burst: int, batched: bool
    ) -> None:
        super().__init__(daemon=True)
        self.journal, self.bodies, self.burst, self.batched = journal, bodies, burst, batched
        self.stop = threading.Event()
        self.done = 0
        self.recording = False
        self.error: BaseException | None = None

    def run(self) -> None:
        """Submit bursts until stopped."""
        bodies, burst = self.bodies, self.burst
        pos = 0
        try:
            while not self.stop.is_set():
                chunk = bodies[pos : pos + burst]
                pos = (pos + burst) % (len(bodies) - burst)
                if self.batched:
                    self.journal.submit_many(chunk).result(60)
                else:
                    futs: list[Future[Receipt]] = [self.journal.submit(b) for b in chunk]
                    futs[-1].result(60)  # futures resolve in order
                if self.recording:
                    self.done += burst
        except BaseException as exc:  # noqa: BLE001 - re-raised by the main thread
            self.error = exc


def bench_capacity(
    path: Path,
    bodies: list[ReceiptBody],
    seconds: float,
    submitters: int,
    burst: int,
    batched: bool,
) -> float:
    """Return durable receipts per second with saturating closed-loop submitters."""
    journal = open_journal(path)
    threads = [Submitter(journal, bodies, burst, batched) for _ in range(submitters)]
    for t in threads:
        t.start()
    time.sleep(min(1.0, seconds / 4))  # warm-up: statement cache, WAL growth
    for t in threads:
        t.recording = True
    t0, c0 = time.perf_counter(), time.process_time()
    time.sleep(seconds)
    for t in threads:
        t.recording = False
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    for t in threads:
        t.stop.set()
    for t in threads:
        t.join()
    journal.close()
    for t in threads:
        if t.error is not None:
            raise RuntimeError(f"submitter failed: {t.error!r}") from t.error
    done = sum(t.done for t in threads)
    mode = "submit_many" if batched else "submit"
    sys.stderr.write(
        f"capacity {mode}: {done / elapsed:,.0f}/s, {cpu / elapsed:.2f} cores, "
        f"{cpu / done * 1e6:.1f} us CPU per receipt\n"
    )
    return done / elapsed


# --------------------------------------------------------------------------- latency


def bench_latency(
    path: Path, bodies: list[ReceiptBody], seconds: float, rate: float, batched: bool
) -> tuple[float, float, float]:
    """Offer ``rate`` decisions/s in 1 ms ticks; return achieved/s, p50 ms, p99 ms."""
    journal = open_journal(path)
    per_tick = max(1, round(rate * TICK_S))
    clock = time.perf_counter
    latencies: list[float] = []
    weights: list[int] = []

    def on_done(fut: Future[object], t0: float, n: int) -> None:
        if fut.exception() is None:
            latencies.append(clock() - t0)
            weights.append(n)

    warmup = min(1.0, seconds / 4)
    start = clock()
    next_tick, pos, submitted = start, 0, 0
    last: list[Future[object]] = []
    measuring_from = start + warmup
    end = measuring_from + seconds
    while (now := clock()) < end:
        if now < next_tick:
            time.sleep(next_tick - now)
            continue
        chunk = bodies[pos : pos + per_tick]
        pos = (pos + per_tick) % (len(bodies) - per_tick)
        measuring = now >= measuring_from
        futures: list[tuple[Future[object], float, int]] = []
        if batched:
            t0 = clock()
            futures.append((journal.submit_many(chunk), t0, len(chunk)))  # type: ignore[arg-type]
        else:
            for body in chunk:
                t0 = clock()
                futures.append((journal.submit(body), t0, 1))  # type: ignore[arg-type]
        if measuring:
            for fut, t0, n in futures:
                fut.add_done_callback(partial(on_done, t0=t0, n=n))
            submitted += len(chunk)
        last = [f for f, _, _ in futures]
        next_tick += TICK_S
    for fut in last:
        fut.result(60)
    elapsed = clock() - measuring_from
    journal.close()
    if sum(weights) != submitted:
        raise RuntimeError(f"{submitted - sum(weights)} receipts failed or never resolved")
    lat = np.repeat(np.asarray(latencies), weights) * 1000.0
    return submitted / elapsed, float(np.percentile(lat, 50)), float(np.percentile(lat, 99))


# --------------------------------------------------------------------------- shared


def measure_durable(
    bodies: list[ReceiptBody],
    directory: Path,
    *,
    seconds: float,
    rate: float,
    submitters: int = 2,
    burst: int = 512,
) -> dict[str, float]:
    """Capacity and decision-to-durable latency at ``rate`` on a fresh journal each.

    Returns the issue's keys ``durable_receipts_per_s`` and ``durable_p99_ms`` with
    ``durable_p50_ms``, ``offered_per_s`` and ``achieved_per_s``.
    """
    capacity = bench_capacity(directory / "cap.db", bodies, seconds, submitters, burst, True)
    achieved, p50, p99 = bench_latency(directory / "lat.db", bodies, seconds, rate, True)
    return {
        "durable_receipts_per_s": round(capacity),
        "durable_p50_ms": round(p50, 3),
        "durable_p99_ms": round(p99, 3),
        "offered_per_s": round(rate),
        "achieved_per_s": round(achieved),
    }


def load_1m() -> float | None:
    """Return the one-minute load average (``None`` where unknown)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


# --------------------------------------------------------------------------- main


def main() -> int:
    """Run the measurements and print the final JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each phase")
    parser.add_argument("--submitters", type=int, default=2, help="closed-loop caller threads")
    parser.add_argument("--burst", type=int, default=512, help="decisions per caller batch")
    parser.add_argument("--rate", type=float, default=100_000, help="offered decisions/s")
    parser.add_argument(
        "--single-rate", type=float, default=25_000, help="offered decisions/s, one submit each"
    )
    parser.add_argument("--dir", type=Path, default=None, help="where to put the journals")
    parser.add_argument(
        "--gc",
        choices=("freeze", "default"),
        default="freeze",
        help="freeze the start-up heap (as the edge node should) or leave the GC as it is",
    )
    parser.add_argument(
        "--wal-checkpoint-s",
        type=float,
        default=None,
        help="period of the journal's WAL checkpoints (default: the journal's own)",
    )
    args = parser.parse_args()
    global WAL_CHECKPOINT_S  # a run-wide setting of this script, read by open_journal
    WAL_CHECKPOINT_S = args.wal_checkpoint_s

    bodies = make_bodies(50_000)
    append_us = bench_append(bodies)
    if args.gc == "freeze":
        freeze_startup_heap()  # as the edge node does after start-up
    load_before = load_1m()
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="atlasmesh-bench-") as tmp:
        d = Path(tmp)
        main_keys = measure_durable(
            bodies,
            d,
            seconds=args.seconds,
            rate=args.rate,
            submitters=args.submitters,
            burst=args.burst,
        )
        single_capacity = bench_capacity(
            d / "cap1.db", bodies, args.seconds, args.submitters, args.burst, False
        )
        by_rate: dict[str, float] = {}
        for k, fraction in enumerate(SWEEP):
            rate = args.rate * fraction
            _, _, p99 = bench_latency(d / f"sweep{k}.db", bodies, args.seconds, rate, True)
            by_rate[str(round(rate))] = round(p99, 3)
        s_achieved, s_p50, s_p99 = bench_latency(
            d / "lat1.db", bodies, args.seconds, args.single_rate, False
        )
        t0 = time.perf_counter()
        report = verify_journal(d / "cap.db")
        verify_s = time.perf_counter() - t0
        if not report.ok:
            raise RuntimeError(f"bench journal does not verify: {report.summary()}")
        fstype = filesystem_type(d)
    summary = {
        "chain_append_us": round(append_us, 2),
        **main_keys,
        "durable_p99_ms_by_rate": by_rate,
        "durable_p99_ms_at_half_rate": by_rate.get(str(round(args.rate * 0.5))),
        "single_durable_receipts_per_s": round(single_capacity),
        "single_durable_p50_ms": round(s_p50, 3),
        "single_durable_p99_ms": round(s_p99, 3),
        "single_offered_per_s": round(args.single_rate),
        "single_achieved_per_s": round(s_achieved),
        "verify_receipts_per_s": round(report.receipts / verify_s),
        "synchronous": "FULL",
        "filesystem": fstype,
        "gc": "frozen" if args.gc == "freeze" else "default",
        "wal_checkpoint_s": args.wal_checkpoint_s or journal_module.WAL_CHECKPOINT_INTERVAL_S,
        "load_1m": [load_before, load_1m()],
    }
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
