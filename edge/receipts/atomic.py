"""Crash-safe file writes: a reader sees the old file or the new one, never a mix.

Write to a temporary file in the same directory, fsync it, rename it over (or link it to)
the target, then fsync the directory so the rename itself survives a power cut
(RELIABILITY D10).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry change (create, rename, unlink) to disk."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """Write ``data`` to a fresh sibling temporary file, fsynced, and return its path."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)  # the umask may have narrowed or widened O_CREAT's mode
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def write_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    Parameters
    ----------
    path
        The target file; its directory must exist.
    data
        The complete new content.
    mode
        Permission bits of the new file.
    """
    target = Path(path)
    tmp = _write_temp(target, data, mode)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def create_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> bool:
    """Create ``path`` with ``data`` atomically, never replacing an existing file.

    Returns
    -------
    bool
        ``True`` if this call created the file, ``False`` if it already existed (then it
        is left untouched, e.g. another process created it first).
    """
    target = Path(path)
    tmp = _write_temp(target, data, mode)
    try:
        os.link(tmp, target)  # link() fails on an existing target: no clobbering race
        created = True
    except FileExistsError:
        created = False
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    fsync_dir(target.parent)
    return created
