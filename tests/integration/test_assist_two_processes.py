"""Two consoles in two processes on the same edge node: one queue, never two owners.

The other assist tests run both consoles in one process (one event loop); here the second
console is a separate Python process with its own ``SiteService`` and WebSocket, as a second
control-room workstation would be.  Both see the same open requests, and when both claim every
request at the same moment the edge node gives each one to exactly one of them, and both
queues then name that owner.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

import pytest

from maps.site import default_site_path, load_site
from tests.conftest import MS
from tests.integration.test_assist_flow import assist_site, wait_for

if TYPE_CHECKING:
    from pathlib import Path

    from maps.site import Site

pytestmark = pytest.mark.integration

SECOND_CONSOLE = r"""
import asyncio, json, sys

from app.core.service import SiteService


def backoff():
    while True:
        yield 0.02


def say(**fields):
    print(json.dumps(fields), flush=True)


async def main(url, site_id, expected):
    service = SiteService(site_id, [url], console_id="console-proc", backoff=backoff)
    await service.start()
    loop = asyncio.get_running_loop()
    try:
        while len(service.assist.open_items()) < expected:
            await asyncio.sleep(0.01)
        say(queue=sorted(i.request_id for i in service.assist.open_items()))
        await loop.run_in_executor(None, sys.stdin.readline)  # "claim"
        ids = sorted(i.request_id for i in service.assist.open_items())
        replies = await asyncio.gather(
            *(service.assist_claim(r, operator="bob") for r in ids)
        )
        say(granted=[r for r, reply in zip(ids, replies) if reply.accepted])
        while any(service.assist.get(r).owner is None for r in ids):
            await asyncio.sleep(0.01)
        say(owners={r: service.assist.get(r).owner for r in ids})
        await loop.run_in_executor(None, sys.stdin.readline)  # "stop"
    finally:
        await service.stop()


asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


async def read_json(proc: asyncio.subprocess.Process) -> dict[str, Any]:
    assert proc.stdout is not None
    async with asyncio.timeout(60_000 * MS):
        line = await proc.stdout.readline()
    if not line:
        pytest.fail("the second console's process ended early")
    result: dict[str, Any] = json.loads(line)
    return result


def test_two_console_processes_see_one_queue_and_never_both_own_a_request(
    site: Site, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with assist_site(site, tmp_path, vehicles=4) as (node, a, _b):
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                SECOND_CONSOLE,
                node.url,
                site.site_id,
                "4",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
            )
            assert proc.stdin is not None
            try:
                await wait_for(lambda: len(a.assist.open_items()) >= 4, "four requests on A")
                theirs = (await read_json(proc))["queue"]
                ours = sorted(i.request_id for i in a.assist.open_items())
                assert theirs == ours  # the same queue in both processes

                # Both claim every request at once: the edge node arbitrates each one.
                proc.stdin.write(b"claim\n")
                await proc.stdin.drain()
                replies = await asyncio.gather(*(a.assist_claim(r, operator="alice") for r in ours))
                ours_granted = {r for r, reply in zip(ours, replies, strict=True) if reply.accepted}
                theirs_granted = set((await read_json(proc))["granted"])
                assert not ours_granted & theirs_granted  # never both
                assert ours_granted | theirs_granted == set(ours)  # always one
                for rid, reply in zip(ours, replies, strict=True):
                    holder = node.assist.owner_of(rid)
                    assert holder == ("alice" if rid in ours_granted else "bob")
                    if not reply.accepted:
                        assert reply.owner == "bob"

                # Both queues name the same owner for every request.
                their_owners = (await read_json(proc))["owners"]
                await wait_for(
                    lambda: all((i := a.assist.get(r)) and i.owner for r in ours),
                    "owners known on A",
                )
                assert their_owners == {r: a.assist.get(r).owner for r in ours}  # type: ignore[union-attr]
                assert their_owners == {r: node.assist.owner_of(r) for r in ours}
            finally:
                if proc.returncode is None:
                    proc.stdin.write(b"stop\n")
                    await proc.stdin.drain()
                    try:
                        async with asyncio.timeout(30_000 * MS):
                            await proc.wait()
                    except TimeoutError:
                        proc.kill()
                        await proc.wait()

    asyncio.run(scenario())
