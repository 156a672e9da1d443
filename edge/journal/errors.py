"""Errors of the journal package.

Every error a caller can see from :meth:`Journal.submit` means *no durable receipt*: the
caller must not apply the action (the governor turns it into a stop).

::

    EdgeError                   (edge.errors)
    └── JournalError            the journal cannot accept or keep a receipt
        ├── UnsafeStorageError       refuses to start: WAL or synchronous=FULL not in effect,
        │                       network filesystem (the message names the setting and fix)
        ├── JournalLockedError       another process has this journal open
        ├── JournalCorruptError      the stored chain does not verify at open
        ├── StorageError        SQLite failed a read or write (the journal stops accepting)
        ├── JournalFullError         no room within max_bytes: receipts are not acknowledged
        ├── JournalOverloadedError   the submit queue is full (backpressure)
        └── JournalClosedError       the journal was closed or has failed
"""

from __future__ import annotations

from edge.errors import EdgeError


class JournalError(EdgeError):
    """Base class of the journal package's errors."""


class UnsafeStorageError(JournalError):
    """The storage settings would not make receipts durable; the journal refuses to start."""


class JournalLockedError(JournalError):
    """Another process holds this journal; two writers would fork the chain."""


class JournalCorruptError(JournalError):
    """The stored chain or its last checkpoint does not verify at open."""


class StorageError(JournalError):
    """SQLite reported an error.

    Parameters
    ----------
    message
        What failed, with SQLite's message.
    full
        Whether the error was SQLITE_FULL (disk or quota full).
    """

    def __init__(self, message: str, *, full: bool = False) -> None:
        super().__init__(message)
        self.full = full


class JournalFullError(JournalError):
    """The journal is at ``max_bytes`` with nothing it may prune (unacknowledged receipts)."""


class JournalOverloadedError(JournalError):
    """The bounded submit queue is full; the receipt was not queued."""


class JournalClosedError(JournalError):
    """The journal is closed, or stopped accepting after a storage failure."""
