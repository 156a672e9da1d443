"""``atlasmesh pack``: list the sector packs, scaffold a new one, run the contract kit."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from maps.errors import MapError
from maps.site import default_site_path, load_site
from plugins.errors import SiteConfigError
from plugins.manifest import API_VERSION, api_compatibility
from plugins.runtime import load_site_packs
from plugins.scaffold import ScaffoldError, new_pack
from plugins.testing import check_pack

if TYPE_CHECKING:
    import argparse

    from plugins.status import PackStatus

DESCRIPTION = f"""\
Sector packs (plugin API {API_VERSION}; docs/packs.md).
'list' shows every pack found (installed through the atlasmesh.sectors entry points, or in
the site's packs folder): version, API compatibility, state for the site and what it provides.
'new NAME' creates a working pack that passes the contract kit; 'check NAME' runs the kit.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the pack sub-commands."""
    sub = parser.add_subparsers(dest="pack_command", required=True)
    ls = sub.add_parser(
        "list",
        help="list the packs and their state for a site",
        description="List every pack found, with its state for the site's configuration.",
    )
    ls.add_argument("--site", type=Path, default=None, help="site file (default: demo mine)")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ls.add_argument(
        "--no-external-packs", action="store_true", help="only the packs shipped with AtlasMesh"
    )
    new = sub.add_parser(
        "new",
        help="create a new pack",
        description="Create atlasmesh-pack-NAME/: a package with its manifest, one profile, one "
        "rule, one task type, texts in English and Arabic, and tests running the contract kit. "
        "Install it with 'pip install -e atlasmesh-pack-NAME'.",
    )
    new.add_argument("name", help="pack name: lower case, digits and underscores")
    new.add_argument("--dir", type=Path, default=Path(), help="where to create it (default: here)")
    new.add_argument("--title", default=None, help="display title (default: from the name)")
    check = sub.add_parser(
        "check",
        help="run the pack contract kit on a pack",
        description="Run the contract kit (plugins.testing) on a pack module, e.g. "
        "'sectors.mining' or 'atlasmesh_quarry'.",
    )
    check.add_argument("module", help="the pack's package to import")


def main(args: argparse.Namespace) -> int:
    """Run the chosen pack sub-command."""
    if args.pack_command == "new":
        return _new(args)
    if args.pack_command == "check":
        return _check(args.module)
    return _list(args)


def _new(args: argparse.Namespace) -> int:
    try:
        root = new_pack(args.name, args.dir, title=args.title)
    except ScaffoldError as exc:
        print(f"atlasmesh pack new: {exc}", file=sys.stderr)
        return 2
    print(f"created {root}")
    print(f"next: pip install -e {root}  then  pytest {root / 'tests'}")
    print(f"then enable it in a site's .site.toml: [packs] enabled = [..., {args.name!r}]")
    return 0


def _check(module_name: str) -> int:
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        print(f"atlasmesh pack check: cannot import {module_name!r}: {exc}", file=sys.stderr)
        return 2
    report = check_pack(module)
    for name in report.checked:
        print(f"  checked: {name}")
    for problem in report.problems:
        print(f"  PROBLEM: {problem}")
    print(f"pack {report.pack!r}: {'passes' if report.ok else 'breaks'} the pack contract")
    return 0 if report.ok else 1


def _list(args: argparse.Namespace) -> int:
    site_path = args.site or default_site_path()
    try:
        site = load_site(site_path)
        packs = load_site_packs(site_path, site, builtin_only=args.no_external_packs)
    except (MapError, SiteConfigError) as exc:
        print(f"atlasmesh pack list: {exc}", file=sys.stderr)
        return 2
    rows = [_row(s) for s in packs.manager.statuses]
    if args.json:
        print(json.dumps({"site": str(site_path), "api": API_VERSION, "packs": rows}, indent=2))
        return 0
    print(f"site {site.site_id} ({site_path.name}); plugin API {API_VERSION}; ", end="")
    print(f"configuration {packs.config.source}")
    header = ("pack", "version", "api", "compatible", "state", "provides")
    table = [header] + [
        (r["name"], r["version"], r["api"], r["compatible"], r["state"], r["provides"])
        for r in rows
    ]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        print("  ".join([*cells, str(row[-1])]).rstrip())
    for r in rows:
        if r["problem"]:
            print(f"! {r['problem']}")
    print(
        f"policy {packs.bundle.bundle_id} v{packs.bundle.version}: {len(packs.bundle.rules)} rules"
    )
    return 0


def _row(status: PackStatus) -> dict[str, Any]:
    """One pack as a table row / JSON object."""
    info = status.info
    compatible = "?"
    if info is not None:
        compatible = "yes" if api_compatibility(info.api) is None else "no"
    if status.counts and info is not None:
        provides = ", ".join(f"{k} {status.counts.get(k, 0)}" for k in info.provides)
    else:
        provides = ", ".join(info.provides) if info is not None else ""
    return {
        "name": status.name,
        "version": status.version,
        "api": status.api,
        "compatible": compatible,
        "state": status.state,
        "provides": provides,
        "source": status.source,
        "problem": status.problem.message if status.problem else None,
    }
