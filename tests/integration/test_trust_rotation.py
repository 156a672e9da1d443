"""Site trust over real wss links: rotating the site authority with a period of dual trust,
and the alarm of a revocation list past its next update (what a node does then is safe)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil
import ssl
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidHandshake, InvalidStatus

from app.core.service import RevocationAlarm, SiteService
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from edge.node import EdgeNode, EdgeNodeConfig
from edge.security.authority import SiteAuthority
from edge.security.guard import EdgeGuard
from edge.security.tls import TlsCredentials, client_context
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from pathlib import Path

pytestmark = pytest.mark.integration

TIMEOUT_S = 10.0


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


async def wait_for(predicate: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            while not predicate():  # noqa: ASYNC110
                await asyncio.sleep(0.01)
    except TimeoutError:
        pytest.fail(f"timed out waiting for: {what}")


def install(authority: SiteAuthority, creds: Path) -> None:
    """Carry the authority's current ca.pem and crl.pem to a credentials directory."""
    shutil.copyfile(authority.home / "ca.pem", creds / "ca.pem")
    shutil.copyfile(authority.home / "crl.pem", creds / "crl.pem")


def tls_of(creds: Path) -> ssl.SSLContext:
    return client_context(TlsCredentials.load(creds))


async def session(port: int, creds: Path, site_id: str) -> ClientConnection:
    """Open a console session with the credentials in ``creds``; return it after welcome."""
    name = TlsCredentials.load(creds).identity.name
    ws = await connect(f"wss://localhost:{port}", ssl=tls_of(creds), compression=None)
    hello = {"type": "hello", "v": "1.0", "seq": 0, "ts": 1.0, "role": "console",
             "node_id": name, "site_id": site_id, "versions": ["1.0"]}  # fmt: skip
    await ws.send(json.dumps(hello))
    async with asyncio.timeout(TIMEOUT_S):
        welcome = json.loads(await ws.recv())
    assert welcome["type"] == "welcome", welcome
    return ws


async def refused(port: int, creds: Path, site_id: str) -> BaseException:
    try:
        ws = await session(port, creds, site_id)
    except (InvalidHandshake, OSError, ssl.SSLError) as exc:
        return exc
    await ws.close()
    pytest.fail(f"{creds.name} got a session")


@asynccontextmanager
async def node_with(site: Site, creds: Path, port: int = 0) -> AsyncIterator[EdgeNode]:
    node = EdgeNode(
        EdgeNodeConfig(node_id="gw-rot", site_id=site.site_id, port=port, heartbeat_s=0.05),
        make_fleet(SimWorld(site), 1, prefix="r-", seed=2),
        guard=EdgeGuard(site.site_id, TlsCredentials.load(creds)),
    )
    await node.start()
    try:
        yield node
    finally:
        await node.stop()


def test_rotate_the_site_authority_with_dual_trust(site: Site, tmp_path: Path) -> None:
    """Start: both authorities trusted, old and new certificates work together; finish:
    the old authority's certificates are refused in the handshake."""

    async def scenario() -> None:
        authority = SiteAuthority.init(tmp_path / "authority", site.site_id)
        node_dir = authority.enroll("edge", "gw-rot", tmp_path / "gw-rot")
        old_console = authority.enroll("console", "ops-old", tmp_path / "ops-old")

        authority.begin_rotation()
        install(authority, node_dir)  # step 1: every node and console trusts both
        install(authority, old_console)
        new_console = authority.enroll("console", "ops-new", tmp_path / "ops-new")
        async with node_with(site, node_dir) as node:  # old certificate, dual trust
            port = node.port
            for creds in (old_console, new_console):
                ws = await session(port, creds, site.site_id)
                await ws.close()
            # The list the new authority signed installs on a node trusting both.
            service = SiteService(
                site.site_id, [f"wss://localhost:{port}"], console_id="ops-new",
                tls=tls_of(new_console), revocations=authority.crl_pem,
            )  # fmt: skip
            await service.start()
            try:
                store = node.guard.revocations
                assert store is not None
                await wait_for(
                    lambda: store.current is not None and store.current.number == 2,
                    "the new authority's list installed",
                )
            finally:
                await service.stop()

        node_dir = authority.enroll("edge", "gw-rot", tmp_path / "gw-rot-2")  # step 2
        async with node_with(site, node_dir, port) as node:
            for creds in (old_console, new_console):  # the old console still gets in
                ws = await session(port, creds, site.site_id)
                await ws.close()

        authority.finish_rotation()  # step 3: the old authority is retired everywhere
        install(authority, node_dir)
        install(authority, new_console)
        install(authority, old_console)
        async with node_with(site, node_dir, port) as node:
            ws = await session(port, new_console, site.site_id)
            await ws.close()
            exc = await refused(port, old_console, site.site_id)
            assert not isinstance(exc, InvalidStatus)  # refused by TLS, not at the upgrade
            assert node.consoles == 0
            assert list(node.guard.audit.records) == []

    asyncio.run(scenario())


def test_a_lapsed_revocation_list_raises_the_alarm_and_stays_enforced(
    site: Site, tmp_path: Path
) -> None:
    """The node and the console raise the alarm; the node still refuses the revoked
    console, still serves the others (a stop must always get through) and tells a console
    pushing the old list."""

    async def scenario() -> None:
        then = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)  # the list lapsed a day ago
        authority = SiteAuthority.init(tmp_path / "authority", site.site_id, clock=lambda: then)
        doomed = authority.enroll("console", "ops-doomed", tmp_path / "ops-doomed")
        authority.revoke("ops-doomed")
        console = authority.enroll("console", "ops-1", tmp_path / "ops-1")
        node_dir = authority.enroll("edge", "gw-rot", tmp_path / "gw-rot")
        async with node_with(site, node_dir) as node:
            await wait_for(lambda: node.revocation_alarm is not None, "the node's alarm")
            alarm = node.revocation_alarm
            assert alarm is not None
            assert alarm.startswith("revocation list 2 lapsed")
            exc = await refused(node.port, doomed, site.site_id)
            assert isinstance(exc, InvalidStatus)
            assert exc.response.status_code == 403  # the lapsed list still revokes
            ws = await session(node.port, console, site.site_id)
            pem = authority.crl_pem().decode()
            await ws.send(json.dumps({"type": "revocation", "v": "1.0", "seq": 1, "ts": 2.0,
                                      "crl": pem}))  # fmt: skip
            async with asyncio.timeout(TIMEOUT_S):
                while (ack := json.loads(await ws.recv()))["type"] != "command_ack":
                    pass
            assert ack["accepted"]
            assert "ALARM: revocation list 2 lapsed" in ack["reason"]
            await ws.close()

            alarms: list[RevocationAlarm] = []
            service = SiteService(
                site.site_id, [f"wss://localhost:{node.port}"], console_id="ops-1",
                tls=tls_of(console), revocations=authority.crl_pem,
            )  # fmt: skip
            service.bus.subscribe(RevocationAlarm, alarms.append)
            await service.start()
            try:
                assert [a.reason[:30] for a in alarms] == ["revocation list 2 lapsed 24.0 "]
                assert service.status().revocation_alarm.startswith("revocation list 2 lapsed")
                assert len(alarms) == 1  # published on change, not on every status
                await wait_for(lambda: node.consoles == 1, "the service is served")
            finally:
                await service.stop()

    asyncio.run(scenario())
