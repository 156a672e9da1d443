"""Secure links end to end: real edge node and site service over mutually authenticated wss.

W1 (impostors refused in the handshake), W3 (Origin), W4 (oversized frames), W6 (replay over
the wire), W7 (viewer cannot command), revocation reaching a node and closing a session,
and the insecure development flag.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import secrets
import ssl
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from app.core.bus import CommandResult, PeerError
from app.core.identity import Identity
from app.core.service import SiteService
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.link.limits import ConnectionCaps
from edge.node import EdgeNode, EdgeNodeConfig
from edge.protocol import CONTROL_FRAME_MAX, VehicleState
from edge.security.accounts import AccountStore, ScryptParams
from edge.security.authority import SiteAuthority
from edge.security.guard import EdgeGuard
from edge.security.roles import Role
from edge.security.tls import TlsCredentials, client_context
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from pathlib import Path

pytestmark = pytest.mark.integration

TIMEOUT_S = 10.0
FAST = ScryptParams(n=2**10, r=8, p=1)
PASSWORD = "integration-password"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory, site: Site) -> dict[str, Any]:
    """A site authority with one node, consoles, accounts of every role, and impostors."""
    root = tmp_path_factory.mktemp("pki")
    authority = SiteAuthority.init(root / "authority", site.site_id)
    out: dict[str, Any] = {"authority": authority, "root": root}
    out["node"] = authority.enroll("edge", "gw-sec", root / "gw-sec")
    out["console"] = authority.enroll(
        "console", "console-1", root / "console-1", max_role=Role.ADMIN
    )
    out["doomed"] = authority.enroll("console", "console-doomed", root / "console-doomed")
    out["node-as-client"] = root / "gw-sec"
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    out["expired"] = authority.enroll(
        "console", "console-old", root / "console-old", days=1, not_before=start
    )
    other = SiteAuthority.init(root / "other-site", "other-site")
    out["foreign"] = other.enroll("console", "console-1", root / "foreign")
    out["foreign-node"] = other.enroll("edge", "gw-sec", root / "foreign-node")
    rogue = SiteAuthority.init(root / "rogue", site.site_id)  # same site name, other key
    out["rogue"] = rogue.enroll("console", "console-1", root / "rogue")
    accounts = AccountStore(authority.home / "users.json", params=FAST)
    for role in Role:
        accounts.add(role.label, PASSWORD, role)
    out["accounts"] = accounts
    return out


def fast_backoff() -> Any:
    while True:
        yield 0.05


async def wait_for(predicate: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not predicate():  # noqa: ASYNC110
                await asyncio.sleep(0.01)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


@asynccontextmanager
async def secure_node(
    site: Site, pki: dict[str, Any], tmp_path: Path, **guard: Any
) -> AsyncIterator[EdgeNode]:
    # Each node gets its own copy of the credentials so a pushed revocation list persists
    # in this test's directory only.
    home = tmp_path / "node-creds"
    home.mkdir(exist_ok=True)
    for name in ("cert.pem", "key.pem", "ca.pem", "crl.pem"):
        (home / name).write_bytes((pki["node"] / name).read_bytes())
    (home / "key.pem").chmod(0o600)
    creds = TlsCredentials.load(home)
    node = EdgeNode(
        EdgeNodeConfig(node_id="gw-sec", site_id=site.site_id, telemetry_hz=20, heartbeat_s=0.1),
        make_fleet(SimWorld(site), 3, prefix="s-", seed=5),
        guard=EdgeGuard(site.site_id, creds, **guard),
    )
    await node.start()
    try:
        yield node
    finally:
        await node.stop()


@asynccontextmanager
async def secure_service(
    site: Site, pki: dict[str, Any], urls: list[str], console: str = "console"
) -> AsyncIterator[SiteService]:
    creds = TlsCredentials.load(pki[console])
    identity = Identity(pki["accounts"], site.site_id, creds.identity.name, creds.key)
    service = SiteService(
        site.site_id,
        urls,
        console_id=creds.identity.name,
        backoff=fast_backoff,
        tls=client_context(creds),
        identity=identity,
        revocations=pki["authority"].crl_pem,
    )
    await service.start()
    try:
        yield service
    finally:
        await service.stop()


def tls_for(creds_dir: Path | None, ca: Path) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(ca))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    if creds_dir is not None:
        ctx.load_cert_chain(str(creds_dir / "cert.pem"), str(creds_dir / "key.pem"))
    return ctx


async def raw_open(url: str, ctx: ssl.SSLContext, site_id: str, name: str) -> ClientConnection:
    ws = await connect(url, ssl=ctx, compression=None, ping_interval=None, max_size=2**24)
    hello = {"type": "hello", "v": "1.0", "seq": 0, "ts": 1.0, "role": "console",
             "node_id": name, "site_id": site_id, "versions": ["1.0"]}  # fmt: skip
    await ws.send(json.dumps(hello))
    welcome = json.loads(await ws.recv())
    assert welcome["type"] == "welcome", welcome
    return ws


async def next_of(ws: ClientConnection, kind: str) -> dict[str, Any]:
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            message: dict[str, Any] = json.loads(await ws.recv())
            if message["type"] == kind:
                return message


async def close_of(ws: ClientConnection) -> ConnectionClosed:
    """Read until the connection closes; return how it closed."""
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while True:
                await ws.recv()
    except ConnectionClosed as exc:
        return exc


async def refused(url: str, ctx: ssl.SSLContext, site_id: str) -> BaseException:
    """Try to open a session and read a frame; return the error that stopped it."""
    try:
        ws = await raw_open(url, ctx, site_id, "console-1")
        await ws.recv()
    except (InvalidHandshake, ConnectionClosed, OSError, EOFError) as exc:
        return exc
    pytest.fail("the impostor got a session")


def state_of(service: SiteService, vehicle: str) -> VehicleState | None:
    record = service.fleet.get(vehicle)
    return None if record is None or record.sample is None else record.sample.state


def self_signed(tmp_path: Path, site_id: str) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "console-1")])
    now = dt.datetime.now(dt.UTC)
    san = x509.SubjectAlternativeName(
        [x509.UniformResourceIdentifier(f"urn:atlasmesh:{site_id}:console:console-1")]
    )
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(1)
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(san, critical=False).sign(key, hashes.SHA256())
    )  # fmt: skip
    home = tmp_path / "self-signed"
    home.mkdir()
    (home / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (home / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return home


def test_signed_in_operators_command_over_mutual_tls(
    site: Site, pki: dict[str, Any], tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with secure_node(site, pki, tmp_path) as node:
            url = f"wss://localhost:{node.port}"
            assert node.url.startswith("wss://")
            assert not node.insecure
            async with secure_service(site, pki, [url]) as service:
                link = service.links[url]
                await wait_for(lambda: link.stats.connected, "the TLS session opens")
                assert not link.insecure
                assert not service.insecure
                assert link.peer is not None
                assert link.peer.name == "gw-sec"
                await wait_for(lambda: len(service.fleet) == 3, "telemetry over wss")
                results: list[CommandResult] = []
                service.bus.subscribe(CommandResult, results.append)
                service.sign_in("operator", PASSWORD)
                service.sign_in("supervisor", PASSWORD)
                await service.emergency_stop(["s-0001"], operator="operator", reason="drill")
                await wait_for(lambda: len(results) == 1, "the stop's answer")
                assert results[0].accepted, results[0].reason
                await wait_for(
                    lambda: state_of(service, "s-0001") is VehicleState.SAFE_STOP, "latch"
                )
                await service.resume(["s-0001"], operator="supervisor")
                await wait_for(lambda: len(results) == 2, "the resume's answer")
                assert results[1].accepted, results[1].reason
                assert len(results) == 2  # the revocation push's answer is not a command result
                assert service.status().insecure_links == 0
                trail = [(r.kind, r.operator, r.accepted) for r in node.guard.audit.records]
                assert trail == [("estop", "operator", True), ("resume", "supervisor", True)]

    asyncio.run(scenario())


def test_viewer_cannot_command_and_operator_cannot_release(
    site: Site, pki: dict[str, Any], tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with secure_node(site, pki, tmp_path) as node:
            url = f"wss://localhost:{node.port}"
            async with secure_service(site, pki, [url]) as service:
                await wait_for(lambda: service.links[url].stats.connected, "session")
                errors: list[PeerError] = []
                service.bus.subscribe(PeerError, errors.append)
                service.sign_in("viewer", PASSWORD)
                service.sign_in("operator", PASSWORD)
                await service.emergency_stop([], operator="viewer")
                await service.resume([], operator="operator")
                await wait_for(lambda: len(errors) == 2, "two refusals")
                assert [e.code for e in errors] == ["forbidden", "forbidden"]
                assert "needs role operator" in errors[0].reason
                await asyncio.sleep(0.2)  # a few telemetry ticks after the refusals
                assert all(
                    state_of(service, v) is not VehicleState.SAFE_STOP for v in node.vehicles
                )
                assert node.guard.audit.refused == 2

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "who", ["none", "foreign", "rogue", "expired", "node-as-client", "self-signed", "revoked"]
)
def test_impostor_consoles_are_refused_in_the_handshake(
    site: Site, pki: dict[str, Any], tmp_path: Path, who: str
) -> None:
    async def scenario() -> None:
        if who == "revoked":
            authority = pki["authority"]
            name = f"console-rev-{secrets.token_hex(3)}"
            creds_dir: Path | None = authority.enroll("console", name, tmp_path / name)
            authority.revoke(name)
        elif who == "self-signed":
            creds_dir = self_signed(tmp_path, site.site_id)
        else:
            creds_dir = None if who == "none" else pki[who]
        async with secure_node(site, pki, tmp_path) as node:
            if who == "revoked":  # the node learns the list offline, as an operator copies it
                node.guard.install_revocations(pki["authority"].crl_pem().decode())
            ctx = tls_for(creds_dir, pki["node"] / "ca.pem")
            error = await refused(f"wss://localhost:{node.port}", ctx, site.site_id)
            if who == "revoked":
                assert isinstance(error, InvalidStatus)
                assert error.response.status_code == 403
            assert node.consoles == 0
            assert not node.guard.audit.records

    asyncio.run(scenario())


@pytest.mark.parametrize("impostor", ["foreign-node", "console"])
def test_console_refuses_an_impostor_edge(
    site: Site, pki: dict[str, Any], tmp_path: Path, impostor: str
) -> None:
    """An edge with a certificate of another site, or a console's certificate, is refused."""

    async def scenario() -> None:
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        server_ctx.load_cert_chain(str(pki[impostor] / "cert.pem"), str(pki[impostor] / "key.pem"))
        from websockets.asyncio.server import ServerConnection, serve

        frames: list[str] = []

        async def handler(ws: ServerConnection) -> None:
            async for frame in ws:
                frames.append(str(frame))

        async with serve(handler, "127.0.0.1", 0, ssl=server_ctx) as server:
            port = next(iter(server.sockets)).getsockname()[1]
            url = f"wss://127.0.0.1:{port}"
            async with secure_service(site, pki, [url]) as service:
                link = service.links[url]
                await wait_for(lambda: link.stats.last_error != "", "the link gives up")
                assert not link.stats.connected
                assert not frames  # not even hello was sent to the impostor
                if impostor == "console":  # TLS refuses a client-only certificate as a server
                    assert "unsuitable certificate purpose" in link.stats.last_error

    asyncio.run(scenario())


def test_replayed_and_stale_frames_are_refused_on_the_wire(
    site: Site, pki: dict[str, Any], tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with secure_node(site, pki, tmp_path) as node:
            url = f"wss://localhost:{node.port}"
            creds = TlsCredentials.load(pki["console"])
            identity = Identity(pki["accounts"], site.site_id, "console-1", creds.key)
            session = identity.sign_in("operator", PASSWORD)
            from app.core.identity import CommandStamper

            stamper = CommandStamper()
            auth = stamper.stamp(session).model_dump()
            estop = {"type": "estop", "v": "1.0", "seq": 1, "ts": 1.0, "vehicles": ["s-0001"],
                     "operator": "operator", "auth": auth}  # fmt: skip
            ctx = tls_for(pki["console"], pki["node"] / "ca.pem")
            ws = await raw_open(url, ctx, site.site_id, "console-1")
            await ws.send(json.dumps(estop))
            assert (await next_of(ws, "command_ack"))["accepted"] is True
            await ws.send(json.dumps({**estop, "seq": 2}))  # same session, re-sequenced
            assert (await next_of(ws, "error"))["code"] == "replayed"
            await ws.close()
            again = await raw_open(url, ctx, site.site_id, "console-1")  # a new session
            await again.send(json.dumps(estop))
            assert (await next_of(again, "error"))["code"] == "replayed"
            stale = stamper.stamp(session).model_dump()
            stale["issued_at"] -= 60.0
            await again.send(json.dumps({**estop, "seq": 3, "auth": stale}))
            error = await next_of(again, "error")
            assert (error["code"], error["ref_seq"]) == ("stale", 3)
            # Refusals are answered, recorded, and leave the session working.
            await again.send(json.dumps({"type": "heartbeat", "v": "1.0", "seq": 4, "ts": 1.0}))
            await next_of(again, "heartbeat")
            assert [r.code for r in node.guard.audit.records] == [
                "",
                "replayed",
                "replayed",
                "stale",
            ]
            await again.close()

    asyncio.run(scenario())


def test_revocation_reaches_the_node_and_closes_the_open_session(
    site: Site, pki: dict[str, Any], tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with secure_node(site, pki, tmp_path) as node:
            url = f"wss://localhost:{node.port}"
            ctx = tls_for(pki["doomed"], pki["node"] / "ca.pem")
            doomed = await raw_open(url, ctx, site.site_id, "console-doomed")
            async with secure_service(site, pki, [url]) as service:
                await wait_for(lambda: service.links[url].stats.connected, "service session")
                await wait_for(lambda: node.consoles == 2, "both consoles open")
                pki["authority"].revoke("console-doomed")
                await service.push_revocations(pki["authority"].crl_pem())
                closed = await close_of(doomed)
                assert closed.rcvd is not None
                assert closed.rcvd.code == 1008
                assert "revoked" in closed.rcvd.reason
                assert service.links[url].stats.connected  # the other console stays
                persisted = (tmp_path / "node-creds" / "crl.pem").read_bytes()
                assert persisted == pki["authority"].crl_pem()
                with pytest.raises(InvalidStatus) as refused:
                    await raw_open(url, ctx, site.site_id, "console-doomed")
                assert refused.value.response.status_code == 403

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),
        ("https://atlas.example", True),
        ("https://atlas.example.evil", False),
        ("https://evil.example", False),
        ("null", False),
    ],
)
def test_origin_allowlist(
    site: Site, pki: dict[str, Any], tmp_path: Path, origin: str | None, allowed: bool
) -> None:
    async def scenario() -> None:
        async with secure_node(
            site, pki, tmp_path, allowed_origins=("https://atlas.example",)
        ) as node:
            ctx = tls_for(pki["console"], pki["node"] / "ca.pem")
            url = f"wss://localhost:{node.port}"
            headers = {"Origin": origin} if origin else None
            if allowed:
                async with connect(url, ssl=ctx, additional_headers=headers):
                    pass
            else:
                with pytest.raises(InvalidStatus) as info:
                    await connect(url, ssl=ctx, additional_headers=headers)
                assert info.value.response.status_code == 403

    asyncio.run(scenario())


def test_oversized_frames_hurt_only_their_sender(
    site: Site, pki: dict[str, Any], tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with secure_node(site, pki, tmp_path) as node:
            url = f"wss://localhost:{node.port}"
            ctx = tls_for(pki["console"], pki["node"] / "ca.pem")
            other = await raw_open(url, ctx, site.site_id, "console-1")
            big = await raw_open(url, ctx, site.site_id, "console-1")
            pad = "x" * (CONTROL_FRAME_MAX + 10)
            await big.send(
                json.dumps({"type": "heartbeat", "v": "1.0", "seq": 1, "ts": 1.0, "pad": pad})
            )
            assert (await next_of(big, "error"))["code"] == "too_large"
            await big.send("y" * (2 * 4_259_840 + 1))  # above the transport limit
            closed = await close_of(big)
            assert closed.rcvd is not None
            assert closed.rcvd.code == 1009
            await other.send(json.dumps({"type": "heartbeat", "v": "1.0", "seq": 1, "ts": 1.0}))
            await next_of(other, "heartbeat")
            await other.close()

    asyncio.run(scenario())


def test_insecure_dev_links_are_flagged(site: Site) -> None:
    async def scenario() -> None:
        node = EdgeNode(
            EdgeNodeConfig(node_id="gw-dev", site_id=site.site_id, heartbeat_s=0.1),
            make_fleet(SimWorld(site), 1, prefix="d-", seed=1),
        )
        await node.start()
        try:
            assert node.insecure
            assert node.url.startswith("ws://")
            service = SiteService(site.site_id, [node.url], backoff=fast_backoff)
            await service.start()
            try:
                await wait_for(lambda: service.links[node.url].stats.connected, "plain session")
                assert service.insecure
                assert service.links[node.url].insecure
                assert service.status().insecure_links == 1
            finally:
                await service.stop()
        finally:
            await node.stop()

    asyncio.run(scenario())


def node_creds(pki: dict[str, Any], tmp_path: Path) -> TlsCredentials:
    home = tmp_path / "node-creds"
    home.mkdir(exist_ok=True)
    for name in ("cert.pem", "key.pem", "ca.pem", "crl.pem"):
        (home / name).write_bytes((pki["node"] / name).read_bytes())
    (home / "key.pem").chmod(0o600)
    return TlsCredentials.load(home)


async def raw_open_from(
    address: str, port: int, pki: dict[str, Any], site_id: str
) -> ClientConnection:
    """Open a console session from the loopback ``address`` (127.0.0.0/8 on Linux)."""
    ctx = tls_for(pki["console"], pki["node"] / "ca.pem")
    ws = await connect(
        f"wss://localhost:{port}",
        ssl=ctx,
        compression=None,
        ping_interval=None,
        local_addr=(address, 0),
    )
    hello = {"type": "hello", "v": "1.0", "seq": 0, "ts": 1.0, "role": "console",
             "node_id": "console-1", "site_id": site_id, "versions": ["1.0"]}  # fmt: skip
    with contextlib.suppress(ConnectionClosed):  # a capped session is closed at once
        await ws.send(json.dumps(hello))
    return ws


Idle = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def idle_from(address: str, port: int, count: int) -> list[Idle]:
    """Open ``count`` TCP connections from ``address`` that never start TLS."""
    return [
        await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0))
        for _ in range(count)
    ]


def test_idle_sockets_are_reaped_and_a_console_still_connects(
    site: Site, pki: dict[str, Any], tmp_path: Path
) -> None:
    """W9 (CI tier: 200 sockets, 1 s handshake deadline instead of 10 s, caps 50 / 120)."""

    async def scenario() -> None:
        caps = ConnectionCaps(per_address=50, total=120)
        node = EdgeNode(
            EdgeNodeConfig(
                node_id="gw-sec", site_id=site.site_id, open_timeout_s=1.0, connection_caps=caps
            ),
            make_fleet(SimWorld(site), 1, prefix="w-", seed=5),
            guard=EdgeGuard(site.site_id, node_creds(pki, tmp_path)),
        )
        await node.start()
        try:
            idle = await idle_from("127.0.0.1", node.port, 200)
            await wait_for(lambda: node.connections.refused == 150, "150 refused at accept")

            assert node.connections.by_address["127.0.0.1"] == 50  # the per-address cap held
            # From another address a console still connects while the flood is held open.
            ws = await raw_open_from("127.0.0.2", node.port, pki, site.site_id)
            assert (await next_of(ws, "welcome"))["node_id"] == "gw-sec"
            assert node.consoles == 1
            # More addresses fill the global cap; past it every connection is closed at once.
            more = await idle_from("127.0.0.3", node.port, 40)
            more += await idle_from("127.0.0.4", node.port, 40)
            await wait_for(lambda: node.connections.open == 120, "the global cap reached")
            assert node.connections.refused == 150 + 11  # 50 + 1 + 40 + 29 = 120 admitted
            async with asyncio.timeout(TIMEOUT_S):
                for reader, _ in idle + more:  # each is closed: at once, or at the deadline
                    assert await reader.read() == b""
            for _, writer in idle + more:
                writer.close()
            await wait_for(lambda: node.connections.open == 1, "idle sockets reaped")
            assert node.connections.by_address == {"127.0.0.2": 1}
            # The console's session lived through it all.
            await ws.send(json.dumps({"type": "bye", "v": "1.0", "seq": 1, "ts": 2.0}))
            await close_of(ws)
        finally:
            await node.stop()

    asyncio.run(scenario())


def test_console_sessions_are_capped_per_address_and_in_total(
    site: Site, pki: dict[str, Any], tmp_path: Path
) -> None:
    """W9: a session past a cap is closed with 1013 and a reason, audited; others unaffected."""

    async def scenario() -> None:
        node = EdgeNode(
            EdgeNodeConfig(
                node_id="gw-sec",
                site_id=site.site_id,
                heartbeat_s=0.05,
                max_consoles=3,
                max_consoles_per_address=2,
            ),
            make_fleet(SimWorld(site), 1, prefix="w-", seed=5),
            guard=EdgeGuard(site.site_id, node_creds(pki, tmp_path)),
        )
        await node.start()
        try:
            first = [await raw_open_from("127.0.0.5", node.port, pki, site.site_id)]
            first.append(await raw_open_from("127.0.0.5", node.port, pki, site.site_id))
            for ws in first:
                await next_of(ws, "welcome")
            third = await raw_open_from("127.0.0.5", node.port, pki, site.site_id)
            closed = await close_of(third)
            assert closed.rcvd is not None
            assert closed.rcvd.code == 1013
            assert closed.rcvd.reason == "too many consoles from 127.0.0.5 (2)"
            other = await raw_open_from("127.0.0.6", node.port, pki, site.site_id)
            await next_of(other, "welcome")
            fourth = await raw_open_from("127.0.0.7", node.port, pki, site.site_id)
            closed = await close_of(fourth)
            assert closed.rcvd is not None
            assert closed.rcvd.code == 1013
            assert closed.rcvd.reason == "too many consoles (3)"
            refusals = [r for r in node.guard.audit.records if r.kind == "connect"]
            assert [(r.console, r.accepted, r.code) for r in refusals] == [
                ("console-1", False, "capped"),
                ("console-1", False, "capped"),
            ]
            # The three admitted sessions still get heartbeats.
            for ws in [*first, other]:
                await next_of(ws, "heartbeat")
            assert node.consoles == 3
        finally:
            await node.stop()

    asyncio.run(scenario())
