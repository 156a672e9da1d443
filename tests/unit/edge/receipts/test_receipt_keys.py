"""Node keys: created once (0600, atomic, never clobbered), refused when others can read them."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from edge.receipts import (
    KeyFileError,
    create_atomic,
    key_id,
    load_or_create_key,
    load_private_key,
    load_public_key,
    public_key_pem,
    write_atomic,
)

if TYPE_CHECKING:
    from pathlib import Path


def test_key_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "node.pem"
    first = load_or_create_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_or_create_key(path)
    assert key_id(first.public_key()) == key_id(again.public_key())
    assert [p.name for p in path.parent.iterdir()] == ["node.pem"]  # no temporary left


def test_readable_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "node.pem"
    load_or_create_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        load_private_key(path)


def test_garbage_and_missing_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "node.pem"
    write_atomic(path, b"not a key", mode=0o600)
    with pytest.raises(KeyFileError, match="not an unencrypted PEM"):
        load_private_key(path)
    with pytest.raises(KeyFileError, match="cannot read"):
        load_private_key(tmp_path / "absent.pem")


def test_public_key_loads_from_either_pem(tmp_path: Path) -> None:
    key = load_or_create_key(tmp_path / "node.pem")
    (tmp_path / "node.pub").write_bytes(public_key_pem(key.public_key()))
    for name in ("node.pem", "node.pub"):
        assert key_id(load_public_key(tmp_path / name)) == key_id(key.public_key())


def test_create_atomic_never_replaces(tmp_path: Path) -> None:
    path = tmp_path / "f"
    assert create_atomic(path, b"one")
    assert not create_atomic(path, b"two")
    assert path.read_bytes() == b"one"
    write_atomic(path, b"three")
    assert path.read_bytes() == b"three"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


class Crash(BaseException):
    """The process dies here."""


@pytest.mark.parametrize("step", ["write", "fsync", "replace", "fsync_dir"])
def test_write_atomic_leaves_old_or_new_never_mixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """RELIABILITY D10: a crash between write, fsync, rename and directory fsync."""
    import edge.receipts.atomic as atomic

    path = tmp_path / "bundle"
    old, new = b"old" * 1000, b"new" * 2000
    write_atomic(path, old)

    def crash(*args: object) -> None:
        raise Crash

    if step == "fsync_dir":
        monkeypatch.setattr(atomic, "fsync_dir", crash)
    else:
        monkeypatch.setattr(os, step, crash)
    with pytest.raises(Crash):
        write_atomic(path, new)
    monkeypatch.undo()
    assert path.read_bytes() == (new if step == "fsync_dir" else old)
    assert [p.name for p in tmp_path.iterdir()] == ["bundle"]
