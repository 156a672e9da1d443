"""What secure links cost: mutual-TLS handshakes, command checks and password hashing.

Measures, on this machine:

* ``handshake_ms_ws`` / ``handshake_ms_wss`` - median time to open a protocol session
  (connect, upgrade, ``hello`` → ``welcome``) with a real edge node over plain ``ws://`` and
  over mutually authenticated ``wss://`` (TLS 1.3, client certificate, P-256);
* ``authorize_us`` - median cost of the edge node's check of one signed command (assertion
  signature, role table, rate limit, replay window), and ``sign_assertion_us`` its console
  side;
* ``scrypt_ms`` - one password check at the default cost (N = 2**15, r = 8, p = 1).

Usage::

    python bench/secure_links.py [--connects 30] [--commands 2000]

The final line is JSON with those keys.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import ssl
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from websockets.asyncio.client import connect

from app.core.identity import CommandStamper, Identity
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol.messages import EmergencyStop
from edge.security.accounts import DEFAULT_PARAMS, AccountStore, check_password, hash_password
from edge.security.assertion import OperatorClaim, issue_assertion
from edge.security.authority import SiteAuthority
from edge.security.guard import EdgeGuard
from edge.security.replay import RateLimiter
from edge.security.roles import Role
from edge.security.tls import TlsCredentials
from maps.site import default_site_path, load_site


async def _handshakes(node: EdgeNode, ctx: ssl.SSLContext | None, count: int) -> list[float]:
    url = f"{'wss' if ctx else 'ws'}://localhost:{node.port}"
    site_id = node.config.site_id
    hello = {"type": "hello", "v": "1.0", "seq": 0, "ts": 1.0, "role": "console",
             "node_id": "console-1", "site_id": site_id, "versions": ["1.0"]}  # fmt: skip
    times = []
    for _ in range(count):
        start = time.perf_counter()
        async with connect(url, ssl=ctx, compression=None, ping_interval=None) as ws:
            await ws.send(json.dumps(hello))
            assert json.loads(await ws.recv())["type"] == "welcome"
            times.append((time.perf_counter() - start) * 1000.0)
    return times


async def _measure(args: argparse.Namespace, home: Path) -> dict[str, Any]:
    site = load_site(default_site_path())
    authority = SiteAuthority.init(home / "authority", site.site_id)
    node_creds = TlsCredentials.load(authority.enroll("edge", "gw-b", home / "node"))
    console_dir = authority.enroll("console", "console-1", home / "console", max_role=Role.ADMIN)
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(console_dir / "ca.pem"))
    ctx.load_cert_chain(str(console_dir / "cert.pem"), str(console_dir / "key.pem"))
    figures: dict[str, Any] = {}
    for label, guard, client in (
        ("ws", None, None),
        ("wss", EdgeGuard(site.site_id, node_creds), ctx),
    ):
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-b", site_id=site.site_id),
            make_fleet(SimWorld(site), 1, prefix="b-", seed=1),
            guard=guard,
        )
        await node.start()
        try:
            times = await _handshakes(node, client, args.connects)
        finally:
            await node.stop()
        figures[f"handshake_ms_{label}"] = round(statistics.median(times), 3)

    accounts = AccountStore(home / "users.json")
    accounts.add("amal", "a-long-enough-password", Role.SUPERVISOR)
    console = TlsCredentials.load(console_dir)
    session = Identity(accounts, site.site_id, "console-1", console.key).sign_in(
        "amal", "a-long-enough-password"
    )
    stamper = CommandStamper()
    guard = EdgeGuard(site.site_id, node_creds, rate=RateLimiter(per_minute=1e12, burst=1e12))
    sign, check = [], []
    for seq in range(args.commands):
        now = time.time()
        claim = OperatorClaim(
            "amal", Role.SUPERVISOR, site.site_id, "console-1", "s", now, now + 900, True
        )
        start = time.perf_counter()
        issue_assertion(claim, console.key)  # what each re-validation costs the console
        sign.append((time.perf_counter() - start) * 1e6)
        stop = EmergencyStop(seq=seq, ts=time.time(), operator="amal", auth=stamper.stamp(session))
        start = time.perf_counter()
        guard.authorize(stop, peer=console.identity, console="console-1", now=time.time(), mono=0.0)
        check.append((time.perf_counter() - start) * 1e6)
    figures["sign_assertion_us"] = round(statistics.median(sign), 1)
    figures["authorize_us"] = round(statistics.median(check), 1)
    stored = hash_password("a-long-enough-password", DEFAULT_PARAMS)
    hashes = []
    for _ in range(5):
        start = time.perf_counter()
        check_password("a-long-enough-password", stored)
        hashes.append((time.perf_counter() - start) * 1000.0)
    figures["scrypt_ms"] = round(statistics.median(hashes), 1)
    return figures


def main() -> int:
    """Run the measurements and print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connects", type=int, default=30, help="sessions opened per scheme")
    parser.add_argument("--commands", type=int, default=2000, help="commands checked")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="atlasmesh-secure-bench-") as tmp:
        figures = asyncio.run(_measure(args, Path(tmp)))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
