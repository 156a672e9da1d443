"""``atlasmesh site``: the headless site service, and the site's offline trust.

Sub-commands: ``run`` (the service; also what ``atlasmesh site --edge URL`` does), ``init``
(create the site authority), ``enroll`` (certify an edge node or a console), ``revoke``,
``list`` (certificates issued), ``rotate-ca start|finish`` (replace the site authority with a
period of dual trust) and ``user add|list|disable|enable`` (operator accounts).
"""

from __future__ import annotations

import asyncio
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.runtime import print_status, run_until_stopped, stop_event_on_signals
from app.core.identity import Identity
from app.core.service import SiteService
from edge.security.accounts import AccountStore
from edge.security.authority import SiteAuthority
from edge.security.errors import SecurityError
from edge.security.roles import Role
from edge.security.tls import TlsCredentials, client_context
from maps.errors import MapError
from maps.site import load_site
from plugins.runtime import load_site_packs

if TYPE_CHECKING:
    import argparse
    import ssl
    from collections.abc import Callable

    from maps.site import Site
    from plugins.contributions import Contributions

DESCRIPTION = """\
The site service and the site's trust, offline.

  atlasmesh site run --edge wss://HOST:8765 --tls-dir DIR   run the headless site service
  atlasmesh site init --site-id SITE                         create the site authority (CA)
  atlasmesh site enroll edge|console NAME --out DIR          issue a node or console cert
  atlasmesh site revoke NAME                                 revoke NAME's certificates
  atlasmesh site list                                        certificates issued
  atlasmesh site rotate-ca start|finish                      new site authority, dual trust
  atlasmesh site user add|list|disable|enable                local operator accounts

'atlasmesh site --edge URL ...' (no sub-command) still runs the service.  The site service
connects to edge nodes (reconnecting with backoff), keeps the fleet state, pushes the site's
revocation list to every node, and prints a status line every few seconds.  Plain ws://
links need --insecure-dev.  docs/security.md explains the trust setup.
"""

DEFAULT_DIR = Path("var/site")


def _run_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--edge",
        action="append",
        default=None,
        metavar="URL",
        required=required,
        help="edge node address, e.g. wss://127.0.0.1:8765 (repeat for each node)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=None,
        metavar="FILE",
        help="the site's map file: with it the service runs the site's dispatcher for the "
        "packs its site configuration enables (and the site id is the map's)",
    )
    parser.add_argument(
        "--site-id", default=None, help="site id the nodes must match (default: demo-mine)"
    )
    parser.add_argument("--console-id", default="site-service", help="this service's id")
    parser.add_argument(
        "--tls-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="this console's credentials from 'site enroll console' (needed for wss://)",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="site authority directory: its revocation list is pushed to the nodes and its "
        "operator accounts can sign in",
    )
    parser.add_argument(
        "--insecure-dev",
        action="store_true",
        help="allow plain ws:// links without authentication (development only)",
    )
    parser.add_argument("--duration", type=float, default=None, metavar="S", help="stop after S s")
    parser.add_argument(
        "--status-every", type=float, default=3.0, metavar="S", help="status line period"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the site group's sub-commands (and the bare ``--edge`` form)."""
    _run_arguments(parser, required=False)
    sub = parser.add_subparsers(dest="site_command", metavar="SUBCOMMAND")
    run_p = sub.add_parser("run", help="run the headless site service")
    _run_arguments(run_p, required=True)

    def with_dir(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--dir",
            type=Path,
            default=DEFAULT_DIR,
            help=f"site authority directory (default: {DEFAULT_DIR})",
        )
        return p

    init = with_dir(sub.add_parser("init", help="create the site authority"))
    init.add_argument("--site-id", required=True, help="the site's id, e.g. demo-mine")
    init.add_argument("--days", type=int, default=5 * 365, help="authority validity, days")

    enroll = with_dir(sub.add_parser("enroll", help="issue a node or console certificate"))
    enroll.add_argument("kind", choices=["edge", "console"])
    enroll.add_argument("name", help="node id or console id")
    enroll.add_argument("--out", type=Path, required=True, help="credentials directory")
    enroll.add_argument(
        "--host",
        action="append",
        default=None,
        help="edge: DNS name or IP consoles use to reach it (repeat; default localhost, 127.0.0.1)",
    )
    enroll.add_argument(
        "--max-role",
        default="supervisor",
        help="console: highest operator role it may assert (default: supervisor)",
    )
    enroll.add_argument("--days", type=int, default=365, help="validity, days")

    revoke = with_dir(sub.add_parser("revoke", help="revoke a node's or console's certificates"))
    revoke.add_argument("name", nargs="?", default=None, help="node or console id")
    revoke.add_argument("--serial", type=lambda s: int(s, 0), default=None, help="one serial")
    revoke.add_argument(
        "--refresh", action="store_true", help="only re-sign the list (before it lapses)"
    )

    with_dir(sub.add_parser("list", help="list the certificates issued"))

    rotate = sub.add_parser("rotate-ca", help="replace the site authority (dual trust meanwhile)")
    rotate_sub = rotate.add_subparsers(dest="rotate_command", required=True, metavar="STEP")
    start = with_dir(
        rotate_sub.add_parser("start", help="new authority issues; old and new both trusted")
    )
    start.add_argument("--days", type=int, default=5 * 365, help="new authority validity, days")
    with_dir(rotate_sub.add_parser("finish", help="retire the old authority"))

    user = sub.add_parser("user", help="local operator accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = with_dir(user_sub.add_parser("add", help="create an account"))
    add.add_argument("name")
    add.add_argument("--role", required=True, help="viewer, operator, assist, supervisor, admin")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    with_dir(user_sub.add_parser("list", help="list accounts"))
    for action in ("disable", "enable"):
        p = with_dir(user_sub.add_parser(action, help=f"{action} an account"))
        p.add_argument("name")


# ---------------------------------------------------------------------- run


def build_service(args: argparse.Namespace) -> SiteService:
    """Build the site service from ``run`` options.

    Raises
    ------
    SecurityError
        When a ``ws://`` link lacks ``--insecure-dev`` or a ``wss://`` one lacks ``--tls-dir``.
    """
    urls: list[str] = args.edge
    plain = [u for u in urls if not u.startswith("wss://")]
    if plain and not args.insecure_dev:
        raise SecurityError(
            f"{plain[0]} is not wss://: plain links are unauthenticated; enrol the node and "
            "use wss://, or pass --insecure-dev for development"
        )
    secure = len(plain) < len(urls)
    if secure and args.tls_dir is None:
        raise SecurityError("wss:// links need this console's credentials: pass --tls-dir")
    site: Site | None = None
    packs: Contributions | None = None
    site_id: str = args.site_id or "demo-mine"
    if args.site is not None:
        site = load_site(args.site)
        if args.site_id is not None and args.site_id != site.site_id:
            raise ValueError(f"--site-id {args.site_id}, but {args.site} is site {site.site_id}")
        site_id = site.site_id
        packs = load_site_packs(args.site, site).contributions
        if secure and args.dir is None:
            raise SecurityError(
                "the dispatcher signs its commands with this console's key as its service "
                "identity: pass the site authority directory with --dir"
            )
    tls: ssl.SSLContext | None = None
    identity: Identity | None = None
    revocations: Callable[[], bytes | None] | None = None
    console_id = args.console_id
    if args.tls_dir is not None:
        creds = TlsCredentials.load(args.tls_dir)
        tls = client_context(creds)
        console_id = creds.identity.name
        if args.dir is not None:
            authority = SiteAuthority(args.dir)
            identity = Identity(
                AccountStore(args.dir / "users.json"), site_id, console_id, creds.key
            )
            revocations = authority.crl_pem
        else:
            revocations = _reader(creds.crl_path)

    return SiteService(
        site_id,
        urls,
        console_id=console_id,
        tls=tls,
        identity=identity,
        revocations=revocations,
        site=site,
        packs=packs,
    )


def _reader(path: Path) -> Callable[[], bytes | None]:
    def read() -> bytes | None:
        return path.read_bytes() if path.exists() else None

    return read


async def run(args: argparse.Namespace) -> int:
    """Run the service until stopped."""
    service = build_service(args)
    await service.start()
    flag = " INSECURE (plain ws, development only)" if service.insecure else ""
    print(f"site service {service.console_id}: {len(args.edge)} edge node(s){flag}; Ctrl+C stops.")
    stop = stop_event_on_signals()
    try:
        await run_until_stopped(stop, args.duration, args.status_every, print_status(service))
    finally:
        await service.stop()
    return 0


# ---------------------------------------------------------------------- trust


def _trust(args: argparse.Namespace) -> int:
    command = args.site_command
    if command == "init":
        authority = SiteAuthority.init(args.dir, args.site_id, days=args.days)
        print(f"site authority for {authority.site_id} created in {args.dir}")
        print(f"keep {args.dir / 'ca.key'} offline; distribute {args.dir / 'ca.pem'}")
        return 0
    authority = SiteAuthority(args.dir)
    if command == "enroll":
        options: dict[str, object] = {"days": args.days}
        if args.kind == "edge":
            options["hosts"] = args.host or ["localhost", "127.0.0.1"]
        else:
            options["max_role"] = Role.parse(args.max_role)
        out = authority.enroll(args.kind, args.name, args.out, **options)
        print(f"{args.kind} {args.name} enrolled: credentials in {out} (key.pem is secret)")
        return 0
    if command == "revoke":
        if args.refresh:
            authority.refresh_crl()
            print(f"revocation list re-signed: {args.dir / 'crl.pem'}")
            return 0
        if args.name is None and args.serial is None:
            raise SecurityError("name what to revoke: NAME or --serial SERIAL")
        for item in authority.revoke(args.name, serial=args.serial):
            print(f"revoked {item.kind} {item.name} serial {item.serial:x}")
        print(
            f"the site service pushes {args.dir / 'crl.pem'} to every node it reaches; "
            "copy it to nodes it cannot reach"
        )
        return 0
    if command == "list":
        for item in authority.issued():
            state = "REVOKED" if item.revoked else "valid"
            if not item.revoked and item.generation < authority.generation:
                state = "old authority: re-enroll" if authority.rotating else "UNTRUSTED"
            role = f" max-role {item.max_role}" if item.max_role else ""
            until = item.not_after
            print(f"{item.serial:x}  {item.kind:7} {item.name:24} until {until} {state}{role}")
        return 0
    if command == "rotate-ca":
        return _rotate(args, authority)
    return _users(args)


def _rotate(args: argparse.Namespace, authority: SiteAuthority) -> int:
    ca = args.dir / "ca.pem"
    if args.rotate_command == "start":
        authority.begin_rotation(days=args.days)
        print(f"site authority #{authority.generation} created; it issues from now on")
        print(f"1. install {ca} (both authorities) and {args.dir / 'crl.pem'} on every node and")
        print("   console, and restart them: both authorities are trusted")
        print("2. enroll every node and console again ('site list' shows who is left)")
        print("3. 'atlasmesh site rotate-ca finish'")
        return 0
    left = [i for i in authority.issued() if not i.revoked and i.generation < authority.generation]
    authority.finish_rotation()
    print(f"old site authority retired; install {ca} (the new authority only) everywhere")
    if left:
        names = ", ".join(sorted({i.name for i in left}))
        print(f"not re-enrolled, refused once {ca} is installed: {names}")
    return 0


def _users(args: argparse.Namespace) -> int:
    store = AccountStore(args.dir / "users.json")
    if args.user_command == "add":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass(f"password for {args.name}: ")
            if getpass.getpass("again: ") != password:
                raise SecurityError("the two passwords differ; nothing was changed")
        account = store.add(args.name, password, Role.parse(args.role))
        print(f"user {account.name} ({account.role.label}) added")
    elif args.user_command == "list":
        for account in store.list():
            state = "disabled" if account.disabled else "enabled"
            print(f"{account.name:24} {account.role.label:10} {state}")
    else:
        account = store.set_disabled(args.name, args.user_command == "disable")
        print(f"user {account.name} {args.user_command}d")
    return 0


def main(args: argparse.Namespace) -> int:
    """Run the chosen site sub-command; errors are explained, not thrown."""
    try:
        if args.site_command in (None, "run"):
            if not args.edge:
                raise SecurityError("name at least one edge node: --edge URL")
            return asyncio.run(run(args))
        return _trust(args)
    except (SecurityError, MapError, ValueError) as exc:
        print(f"atlasmesh site: {exc}", file=sys.stderr)
        return 2
