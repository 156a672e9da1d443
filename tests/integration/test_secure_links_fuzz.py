"""Fuzzed frames through a real edge node over mutually authenticated wss (RELIABILITY Z1).

A seeded mutation fuzzer: it starts from valid frames of every console-to-edge type (commands
carry real signed operator assertions and fresh replay numbers, so the mutants reach the
deepest handling), mutates them at the JSON level (wrong types, huge and non-finite numbers,
missing and unknown fields, other types, other versions, deep nesting) and at the text level
(bit flips, truncation, splices, binary frames, oversize), and sends them through one TLS
session, reopening it whenever the node ends it.

Pass: 0 crashes (the node still serves a fresh session and its heartbeat loop runs) and
0 unhandled exceptions (no ``internal`` error reply, no error logged by the node's isolation
boundary).  CI runs 3,000 frames; the catalogue's 100,000 run is the same test with
``ATLASMESH_FUZZ_FRAMES=100000`` (the seed is printed; ``ATLASMESH_FUZZ_SEED`` replays it).
The last line printed is JSON with the counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import os
import random
import ssl
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from app.core.identity import CommandStamper, Identity
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.security.accounts import AccountStore, ScryptParams
from edge.security.authority import SiteAuthority
from edge.security.guard import EdgeGuard
from edge.security.replay import RateLimiter
from edge.security.roles import Role
from edge.security.tls import TlsCredentials
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from pathlib import Path

    from app.core.identity import OperatorSession

pytestmark = pytest.mark.integration

FRAMES = int(os.environ.get("ATLASMESH_FUZZ_FRAMES", "3000"))
NASTY: list[Any] = [
    None, True, False, 0, -1, 1.5, 2**63, -(2**63) - 1, 1e308, -1e-308, "", "x" * 5000,
    "\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\ud800", "../../etc/passwd", [], {},
    [None], {"a": {"b": [1, 2, {}]}}, "NaN", "1.0", "9" * 400, "estop", "console", "edge",
]  # fmt: skip
RAW_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e999", "9" * 500, "-0", "0x10", "01"]
TYPES = [
    "hello", "welcome", "subscribe", "heartbeat", "error", "bye", "telemetry", "receipt",
    "ack", "assist_request", "assist_claim", "assist_claim_result", "assist_answer",
    "task_assign", "task_progress", "policy_push", "policy_ack", "estop", "resume",
    "command_ack", "revocation", "nope", "", "ESTOP",
]  # fmt: skip


class Corpus:
    """Valid console-to-edge frames, freshly stamped each time one is drawn."""

    def __init__(
        self,
        rng: random.Random,
        site: Site,
        session: OperatorSession,
        crl: str,
        vehicles: list[str],
    ) -> None:
        self.rng = rng
        self.session = session
        self.stamper = CommandStamper()
        self.crl = crl
        self.vehicles = vehicles
        self.pois = [p.id for p in site.pois]

    def auth(self) -> dict[str, Any]:
        return self.stamper.stamp(self.session).model_dump()

    def draw(self) -> dict[str, Any]:
        rng, op = self.rng, self.session.operator
        some = rng.sample(self.vehicles, k=rng.randint(0, 2))
        kind = rng.choice(
            ["subscribe", "heartbeat", "ack", "estop", "resume", "task_assign", "assist_claim",
             "assist_answer", "policy_push", "revocation", "error", "hello"]
        )  # fmt: skip
        body: dict[str, Any]
        match kind:
            case "subscribe":
                body = {"topics": rng.sample(["telemetry", "receipts", "assist", "tasks"], k=2)}
                if rng.random() < 0.3:
                    body["vehicles"] = some or None
            case "heartbeat":
                body = {"echo_ts": 1.0, "echo_age": 0.01, "link": "connected"}
            case "ack":
                body = {"up_to_seq": rng.randint(0, 10)}
            case "estop":
                body = {"vehicles": some, "operator": op, "reason": "fuzz", "auth": self.auth()}
            case "resume":
                body = {"vehicles": some, "operator": op, "auth": self.auth()}
            case "task_assign":
                body = {"task_id": f"t{rng.randint(0, 99)}", "task_type": "haul",
                        "vehicle_id": rng.choice(self.vehicles),
                        "destination": rng.choice(self.pois), "auth": self.auth()}  # fmt: skip
            case "assist_claim":
                body = {"request_id": "r1", "operator": op, "auth": self.auth()}
            case "assist_answer":
                body = {"request_id": "r1", "operator": op, "answer": "confirm",
                        "waypoints": [[1.0, 2.0]], "auth": self.auth()}  # fmt: skip
            case "policy_push":
                body = {"bundle_id": "b", "bundle_version": 1, "bundle": "{}", "signature": "x",
                        "auth": self.auth()}  # fmt: skip
            case "revocation":
                body = {"crl": self.crl}
            case "error":
                body = {"code": "invalid", "reason": "fuzz", "ref_seq": 1}
            case "hello":
                body = {"role": "console", "node_id": "console-1", "site_id": "demo-mine",
                        "versions": ["1.0"]}  # fmt: skip
            case _:
                body = {"reason": "fuzz"}
        return {"type": kind, "v": "1.0", "seq": 0, "ts": 1.0, **body}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any, *, delete: bool = False) -> None:
    for step in path[:-1]:
        doc = doc[step]
    if delete and isinstance(doc, dict):
        del doc[path[-1]]
    else:
        doc[path[-1]] = value


def mutate(rng: random.Random, frame: dict[str, Any]) -> str | bytes:
    """Return one mutant of ``frame`` (a text frame, or sometimes a binary one)."""
    roll = rng.random()
    if roll < 0.55:  # structural mutation, still JSON
        for _ in range(rng.randint(1, 3)):
            paths = _paths(frame)
            path = rng.choice(paths)
            action = rng.random()
            if action < 0.5:
                _set(frame, path, copy.deepcopy(rng.choice(NASTY)))
            elif action < 0.65:
                _set(frame, path, None, delete=True)
            elif action < 0.75:
                frame[rng.choice(["zz", "auth", "operator", "extra"])] = copy.deepcopy(
                    rng.choice(NASTY)
                )
            elif action < 0.85:
                frame["type"] = rng.choice(TYPES)
            elif action < 0.92:
                frame["v"] = rng.choice(["2.0", "1", "abc", "1.9", "0.1", 1.0])
            else:
                _set(frame, path, "__DEEP__")  # spliced in as text: json.dumps would recurse
        text = json.dumps(frame, ensure_ascii=rng.random() < 0.5)
        depth = rng.choice([50, 500, 5000])
        text = text.replace('"__DEEP__"', "[" * depth + "]" * depth)
        if rng.random() < 0.1:  # raw number tokens json.dumps would never write
            text = text.replace("1.0", rng.choice(RAW_NUMBERS), 1)
        return text
    text = json.dumps(frame)
    if roll < 0.75:  # character-level damage
        chars = list(text)
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(chars))
            chars[i] = chr(rng.choice([0, 0x22, 0x5C, 0x7B, 0x7D, rng.randrange(0x20, 0x7F)]))
        return "".join(chars)
    if roll < 0.85:
        return text[: rng.randrange(len(text))]
    if roll < 0.9:
        cut = rng.randrange(len(text))
        return text[:cut] + text[rng.randrange(len(text)) :]
    if roll < 0.95:
        return rng.randbytes(rng.randint(0, 64)) + text.encode()
    return text[:-1] + ',"pad":"' + "p" * 70_000 + '"}'  # above the control limit


class Stats:
    def __init__(self) -> None:
        self.sent = 0
        self.handled = 0
        self.reader_errors: list[str] = []
        self.replies: Counter[str] = Counter()
        self.sessions = 0
        self.closes: Counter[int] = Counter()


async def _reader(ws: ClientConnection, stats: Stats) -> None:
    try:
        async for frame in ws:
            message = json.loads(frame)
            key = message["type"] if message["type"] != "error" else f"error:{message['code']}"
            stats.replies[key] += 1
    except ConnectionClosed:
        pass
    except Exception as exc:  # noqa: BLE001 - the harness reports a bad reply, never hides it
        stats.reader_errors.append(repr(exc)[:300])


async def _open(url: str, ctx: ssl.SSLContext, stats: Stats) -> ClientConnection:
    ws = await connect(url, ssl=ctx, compression=None, ping_interval=None, max_size=2**24)
    hello = {"type": "hello", "v": "1.0", "seq": 0, "ts": 1.0, "role": "console",
             "node_id": "console-1", "site_id": "demo-mine", "versions": ["1.0"]}  # fmt: skip
    await ws.send(json.dumps(hello))
    assert json.loads(await ws.recv())["type"] == "welcome"
    stats.sessions += 1
    return ws


class BoundaryErrors(logging.Handler):
    """Counts errors logged by the node's isolation boundary (an unhandled exception)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def test_fuzzed_frames_never_crash_the_edge_node(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("ATLASMESH_FUZZ_SEED", random.randrange(2**32)))
    print(f"ATLASMESH_FUZZ_SEED={seed}")
    rng = random.Random(seed)
    authority = SiteAuthority.init(tmp_path / "authority", site.site_id)
    node_creds = TlsCredentials.load(authority.enroll("edge", "gw-fuzz", tmp_path / "node"))
    console_dir = authority.enroll(
        "console", "console-1", tmp_path / "console", max_role=Role.ADMIN
    )
    console = TlsCredentials.load(console_dir)
    accounts = AccountStore(tmp_path / "users.json", params=ScryptParams(n=2**10))
    accounts.add("fuzzer", "fuzzer-password", Role.ADMIN)
    session = Identity(accounts, site.site_id, "console-1", console.key).sign_in(
        "fuzzer", "fuzzer-password"
    )
    # No rate limit: mutants of valid commands must reach execution, not stop at the limiter.
    guard = EdgeGuard(site.site_id, node_creds, rate=RateLimiter(per_minute=1e12, burst=1e12))
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(console_dir / "ca.pem"))
    ctx.load_cert_chain(str(console_dir / "cert.pem"), str(console_dir / "key.pem"))
    boundary = BoundaryErrors()
    logging.getLogger("edge").addHandler(boundary)

    async def scenario() -> Stats:
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-fuzz", site_id=site.site_id, heartbeat_s=0.2),
            make_fleet(SimWorld(site), 4, prefix="f-", seed=2),
            guard=guard,
        )
        await node.start()
        stats = Stats()
        corpus = Corpus(rng, site, session, authority.crl_pem().decode(), list(node.vehicles))
        url = f"wss://localhost:{node.port}"
        try:
            ws = await _open(url, ctx, stats)
            reader = asyncio.create_task(_reader(ws, stats))
            seq = 1

            def handled() -> int:  # frames the node read, not counting our hellos
                return node.frames_received - stats.sessions

            while handled() < FRAMES:
                if stats.sent % 300 == 299 and not reader.done():
                    # A mutant seq near 2**63 leaves every later frame out of order: start a
                    # fresh session now and then so the frames keep reaching deep.
                    await ws.close()
                    await asyncio.wait_for(reader, 30)
                if reader.done():  # the node ended the session (a mutant said bye): reopen
                    stats.closes[ws.close_code or 1006] += 1
                    ws = await _open(url, ctx, stats)
                    reader = asyncio.create_task(_reader(ws, stats))
                    corpus.stamper = CommandStamper()  # a poisoned cmd_seq stays behind
                    seq = 1
                frame = corpus.draw()
                seq += 1
                frame["seq"] = seq if rng.random() < 0.95 else rng.choice([0, -1, seq - 5])
                mutant: str | bytes = (
                    json.dumps(frame) if rng.random() < 0.2 else mutate(rng, frame)
                )
                if isinstance(mutant, str) and not mutant.isascii():
                    try:
                        mutant.encode()
                    except UnicodeEncodeError:  # not sendable as text: send its bytes
                        mutant = mutant.encode("utf-8", "surrogatepass")
                with contextlib.suppress(ConnectionClosed):  # the reader notices the close
                    await ws.send(mutant)
                    stats.sent += 1
                await asyncio.sleep(0)  # let the node and our reader keep up
            stats.handled = handled()
            await ws.send(json.dumps({"type": "bye", "v": "1.0", "seq": seq + 1, "ts": 1.0}))
            await asyncio.wait_for(reader, 30)
            # Still serving: a fresh session opens and heartbeats arrive.
            probe = await _open(url, ctx, stats)
            async with asyncio.timeout(5):
                while json.loads(await probe.recv())["type"] != "heartbeat":
                    pass
            await probe.close()
            assert all(not task.done() for task in node._tasks), "a node task died"
        finally:
            await node.stop()
            logging.getLogger("edge").removeHandler(boundary)
        return stats

    try:
        stats = asyncio.run(scenario())
    except InvalidStatus as exc:  # pragma: no cover - a refused reconnect is a failure
        pytest.fail(f"the node refused a session during fuzzing: {exc}")
    internal = stats.replies["error:internal"]
    report = {
        "seed": seed,
        "frames_handled_by_node": stats.handled,
        "frames_sent": stats.sent,
        "sessions": stats.sessions,
        "closes": dict(stats.closes),
        "crashes": 0,
        "reader_errors": stats.reader_errors[:5],
        "unhandled_exceptions": internal + len(boundary.records),
        "replies": dict(stats.replies.most_common()),
    }
    with capsys.disabled():
        print(json.dumps(report))
    assert stats.handled >= FRAMES
    assert not stats.reader_errors
    assert set(stats.closes) <= {1000}, stats.closes  # sessions end by bye, never by abort
    assert internal == 0, [r.getMessage() for r in boundary.records[:3]]
    assert not boundary.records, boundary.records[0].getMessage()
    # The mutants reached deep: commands were executed, and refusals of every kind came back.
    assert stats.replies["command_ack"] > 0
    assert stats.replies["error:invalid"] > 0
    assert stats.replies["error:malformed"] > 0
