"""The journal's view of a SQLite connection, so another binding can stand in for sqlite3.

The journal speaks plain SQL through :class:`Connection`: explicit ``BEGIN IMMEDIATE`` /
``COMMIT``, no implicit transactions.  :func:`open_sqlite` adapts the standard library's
``sqlite3``; the power-loss tests pass an adapter over apsw, whose Python VFS can simulate
a power cut, so they drive the journal's real code.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import TYPE_CHECKING, Any, Protocol

from edge.journal.errors import StorageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

SqlValue = int | float | str | bytes | None
Row = tuple[Any, ...]


class Connection(Protocol):
    """One database connection, used by one thread at a time."""

    def execute(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:
        """Run one statement and return all its rows; raise :class:`StorageError`."""
        ...

    def executemany(self, sql: str, rows: Iterable[Sequence[SqlValue]]) -> None:
        """Run one statement per row; raise :class:`StorageError`."""
        ...

    def close(self) -> None:
        """Close the connection (never raises)."""
        ...


class Opener(Protocol):
    """Open a connection to the journal file at ``path``."""

    def __call__(self, path: Path, *, readonly: bool) -> Connection:
        """Return a new connection; ``readonly`` connections never write."""
        ...


class SqliteConnection:
    """:class:`Connection` over the standard library's ``sqlite3`` in autocommit mode."""

    def __init__(self, path: Path, *, readonly: bool) -> None:
        try:
            if readonly:
                self._conn = sqlite3.connect(
                    f"file:{path}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                self._conn = sqlite3.connect(
                    path, isolation_level=None, check_same_thread=False, timeout=5.0
                )
        except sqlite3.Error as exc:
            raise _storage_error(exc, f"open {path}") from exc

    def execute(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:
        """Run one statement and return all its rows."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _storage_error(exc, sql) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[SqlValue]]) -> None:
        """Run one statement per row."""
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise _storage_error(exc, sql) from exc

    def close(self) -> None:
        """Close the connection."""
        # Closing after a failed write can itself fail; the data is already decided.
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()


def _storage_error(exc: sqlite3.Error, what: str) -> StorageError:
    code = getattr(exc, "sqlite_errorcode", None)
    verb = " ".join(what.split()[:3])
    return StorageError(f"SQLite error in {verb!r}: {exc}", full=code == sqlite3.SQLITE_FULL)


def open_sqlite(path: Path, *, readonly: bool) -> Connection:
    """Open ``path`` with the standard library's ``sqlite3`` (the production opener)."""
    return SqliteConnection(path, readonly=readonly)
