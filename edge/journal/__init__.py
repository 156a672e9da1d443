"""Durable store-and-forward of an edge node's receipts (SQLite WAL, synchronous=FULL)."""

from edge.journal.alerts import AlertLevel, JournalAlert
from edge.journal.errors import (
    JournalClosedError,
    JournalCorruptError,
    JournalError,
    JournalFullError,
    JournalLockedError,
    JournalOverloadedError,
    StorageError,
    UnsafeStorageError,
)
from edge.journal.export import export_journal
from edge.journal.journal import Journal
from edge.journal.storage import Connection, Opener, SqliteConnection, open_sqlite

__all__ = [
    "AlertLevel",
    "Connection",
    "Journal",
    "JournalAlert",
    "JournalClosedError",
    "JournalCorruptError",
    "JournalError",
    "JournalFullError",
    "JournalLockedError",
    "JournalOverloadedError",
    "Opener",
    "SqliteConnection",
    "StorageError",
    "UnsafeStorageError",
    "export_journal",
    "open_sqlite",
]
