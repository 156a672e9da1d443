"""Command-line wiring of an edge node's security: ``--tls-dir`` or ``--insecure-dev``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from edge.security.audit import CommandAudit
from edge.security.guard import EdgeGuard
from edge.security.tls import TlsCredentials

if TYPE_CHECKING:
    import argparse


def add_security_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``--tls-dir``, ``--insecure-dev`` and ``--allow-origin``."""
    parser.add_argument(
        "--tls-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="this node's credentials from 'atlasmesh site enroll edge' (serves wss://)",
    )
    parser.add_argument(
        "--insecure-dev",
        action="store_true",
        help="serve plain ws:// without authentication (development only)",
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="browser Origin allowed to connect (default: none; desktop consoles send none)",
    )


def guard_from_args(args: argparse.Namespace, site_id: str, audit_dir: Path) -> EdgeGuard:
    """Build the node's guard from the options; refuse to run unauthenticated by accident.

    Raises
    ------
    SystemExit
        When neither ``--tls-dir`` nor ``--insecure-dev`` is given, or both are.
    """
    if args.tls_dir is None and not args.insecure_dev:
        raise SystemExit(
            "edge node: pass --tls-dir DIR (credentials from 'atlasmesh site enroll edge') "
            "to serve wss://, or --insecure-dev for unauthenticated development"
        )
    if args.tls_dir is not None and args.insecure_dev:
        raise SystemExit("edge node: --tls-dir and --insecure-dev exclude each other")
    audit = CommandAudit(audit_dir / "command_audit.jsonl")
    creds = TlsCredentials.load(args.tls_dir) if args.tls_dir is not None else None
    return EdgeGuard(site_id, creds, allowed_origins=tuple(args.allow_origin), audit=audit)
