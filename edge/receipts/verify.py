"""Offline verification of a journal or an export: ``atlasmesh verify PATH``.

Reports the first broken or missing receipt by sequence number.  Exit status: 0 when the
chain and checkpoints verify, 1 when a problem was found, 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from edge.errors import EdgeError
from edge.journal.schema import read_checkpoints, read_meta, read_rows
from edge.journal.storage import open_sqlite
from edge.receipts.audit import ChainAuditor, VerifyReport
from edge.receipts.checkpoint import Checkpoint
from edge.receipts.errors import MalformedReceiptError, ReceiptError
from edge.receipts.export import ExportedReceipt, ExportHeader, parse_line
from edge.receipts.keys import load_public_key, public_key_from_bytes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PAGE = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def verify_journal(path: str | Path, public_key: Ed25519PublicKey | None = None) -> VerifyReport:
    """Verify a journal file (read-only; it may be open in the edge node).

    Parameters
    ----------
    path
        The journal's SQLite file.
    public_key
        The node's trusted public key.  Without it, signatures are checked against the
        key stored in the journal, which proves consistency but not authenticity.

    Raises
    ------
    EdgeError
        The file is not a journal or cannot be read.
    """
    src = Path(path)
    conn = open_sqlite(src, readonly=True)
    try:
        meta = read_meta(conn)
        node_id = meta["node_id"].decode() if "node_id" in meta else None
        key = public_key
        if key is None and "public_key" in meta:
            key = public_key_from_bytes(meta["public_key"])
        try:
            checkpoints = read_checkpoints(conn)
        except MalformedReceiptError as exc:
            checkpoints = []
            auditor = ChainAuditor(
                str(src), node_id=node_id, checkpoints=[], public_key=key, key_trusted=False
            )
            auditor.add_malformed(f"unreadable checkpoint: {exc}")
            return auditor.finish()
        try:
            pruned = int(meta.get("pruned_through", b"0"))
        except ValueError:
            pruned = 0  # an edited value: the receipts must then start at 1
        auditor = ChainAuditor(
            str(src),
            node_id=node_id,
            checkpoints=checkpoints,
            public_key=key,
            key_trusted=public_key is not None,
            start_seq=pruned + 1,
        )
        seq = 0
        while rows := read_rows(conn, seq, PAGE):
            if not all(auditor.add(*row) for row in rows):
                break
            seq = rows[-1][0] + 1
        return auditor.finish()
    finally:
        conn.close()


def verify_export(path: str | Path, public_key: Ed25519PublicKey | None = None) -> VerifyReport:
    """Verify an export (JSON lines); see :func:`verify_journal` for ``public_key``.

    Raises
    ------
    EdgeError
        The file cannot be read or has no valid header.
    """
    src = Path(path)
    try:
        lines = src.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReceiptError(f"cannot read export {src}: {exc}") from exc
    if not lines:
        raise ReceiptError(f"export {src} is empty")
    header = parse_line(lines[0])
    if not isinstance(header, ExportHeader):
        raise ReceiptError(f"export {src} does not start with a header line")
    key = public_key if public_key is not None else public_key_from_bytes(header.public_key)
    checkpoints: list[Checkpoint] = []
    entries: list[ExportedReceipt | str] = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            item = parse_line(line)
        except MalformedReceiptError as exc:
            entries.append(f"line {number}: {exc}")
            continue
        if isinstance(item, Checkpoint):
            checkpoints.append(item)
        elif isinstance(item, ExportedReceipt):
            entries.append(item)
        else:
            entries.append(f"line {number}: a second header")
    auditor = ChainAuditor(
        str(src),
        node_id=header.node_id,
        checkpoints=checkpoints,
        public_key=key,
        key_trusted=public_key is not None,
        start_seq=header.from_seq,
    )
    for entry in entries:
        ok = (
            auditor.add_malformed(entry)
            if isinstance(entry, str)
            else auditor.add(entry.seq, entry.prev_hash, entry.hash, entry.data)
        )
        if not ok:
            break
    return auditor.finish()


def verify_path(path: str | Path, public_key: Ed25519PublicKey | None = None) -> VerifyReport:
    """Verify ``path``, a journal (SQLite file) or an export (JSON lines)."""
    src = Path(path)
    try:
        with src.open("rb") as fh:
            magic = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise ReceiptError(f"cannot read {src}: {exc.strerror}") from exc
    if magic == _SQLITE_MAGIC:
        return verify_journal(src, public_key)
    return verify_export(src, public_key)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``atlasmesh verify PATH [--public-key PEM] [--json]``."""
    parser = argparse.ArgumentParser(
        prog="atlasmesh verify",
        description="Verify an edge journal or receipt export; report the first broken or "
        "missing receipt.",
    )
    parser.add_argument("path", type=Path, help="journal (.db) or export (.jsonl)")
    parser.add_argument(
        "--public-key", type=Path, help="the node's trusted public key (PEM)", default=None
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        key = load_public_key(args.public_key) if args.public_key else None
        report = verify_path(args.path, key)
    except EdgeError as exc:
        sys.stderr.write(f"atlasmesh verify: {exc}\n")
        return 2
    if args.json:
        out = asdict(report)
        out["ok"] = report.ok
        sys.stdout.write(json.dumps(out, default=str) + "\n")
    else:
        sys.stdout.write(report.summary() + "\n")
    return 0 if report.ok else 1
