"""Refuse storage that would not make receipts durable (RELIABILITY D3).

Three checks before the first receipt: the file is on a local filesystem (WAL needs shared
memory that network filesystems do not provide, and their fsync semantics are weaker);
``journal_mode`` reads back as ``wal``; ``synchronous`` reads back as FULL or EXTRA.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from edge.journal.errors import UnsafeStorageError

if TYPE_CHECKING:
    from edge.journal.storage import Connection

logger = logging.getLogger(__name__)

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "fuse.sshfs",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.rclone",
        "davfs",
        "fuse.davfs2",
    }
)
VOLATILE_FILESYSTEMS = frozenset({"tmpfs", "ramfs"})
_SYNC_LEVELS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def filesystem_type(path: Path, mounts: str = "/proc/mounts") -> str | None:
    """Return the type of the filesystem holding ``path`` (``None`` if unknown)."""
    try:
        lines = Path(mounts).read_text().splitlines()
    except OSError:
        return None
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, best_type = mount, parts[2]
    return best_type


def check_filesystem(path: Path, mounts: str = "/proc/mounts") -> None:
    """Refuse a journal on a network filesystem; log a warning on a RAM filesystem.

    Raises
    ------
    UnsafeStorageError
        The directory of ``path`` is on a network filesystem.
    """
    fstype = filesystem_type(path.parent, mounts)
    if fstype in NETWORK_FILESYSTEMS:
        raise UnsafeStorageError(
            f"journal {path} is on a {fstype} network filesystem, where SQLite WAL and fsync "
            "are not reliable; put the journal on a local disk"
        )
    if fstype in VOLATILE_FILESYSTEMS:
        logger.warning("journal %s is on %s: receipts will not survive a reboot", path, fstype)


def apply_durable_settings(conn: Connection, path: Path) -> None:
    """Set WAL and synchronous=FULL on ``conn`` and read both back.

    Raises
    ------
    UnsafeStorageError
        A setting did not take effect.
    """
    rows = conn.execute("PRAGMA journal_mode=WAL")
    mode = str(rows[0][0]).lower() if rows else "?"
    if mode != "wal":
        raise UnsafeStorageError(
            f"journal {path}: journal_mode is {mode!r} after requesting WAL; the file must be "
            "a regular database on a local filesystem that supports shared memory"
        )
    conn.execute("PRAGMA synchronous=FULL")
    rows = conn.execute("PRAGMA synchronous")
    level = int(rows[0][0]) if rows else -1
    if level < 2:
        raise UnsafeStorageError(
            f"journal {path}: synchronous is {_SYNC_LEVELS.get(level, level)} after requesting "
            "FULL; a commit would be acknowledged before it is on disk"
        )
    rows = conn.execute("PRAGMA journal_mode")
    if not rows or str(rows[0][0]).lower() != "wal":
        raise UnsafeStorageError(f"journal {path}: journal_mode did not stay WAL")
