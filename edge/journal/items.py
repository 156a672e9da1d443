"""What flows through the journal: queued items, prepared groups, limits, future helpers."""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from edge.receipts.record import ReceiptBody

if TYPE_CHECKING:
    from edge.receipts.checkpoint import Checkpoint

ROW_ESTIMATE = 512
"""Bytes budgeted per receipt before it is written (its share of a block, page slack)."""


@dataclass(frozen=True, slots=True)
class ReceiptBatch:
    """Bodies submitted together; one future resolves with all their receipts."""

    bodies: tuple[ReceiptBody, ...]


@dataclass(frozen=True, slots=True)
class AckCommand:
    """Record ``console_id``'s acknowledged cursor (never moves backwards)."""

    console_id: str
    up_to_seq: int


@dataclass(frozen=True, slots=True)
class ForgetCommand:
    """Unregister a console: its cursor no longer holds back pruning."""

    console_id: str


Command = AckCommand | ForgetCommand
Item = tuple[ReceiptBody | ReceiptBatch | Command, "Future[Any]"]


@dataclass(slots=True)
class Group:
    """One transaction's worth, prepared by the sequencer for the committer.

    The receipts are consecutive: ``first_seq`` onwards, the first one chained after
    ``prev_hash``; ``hashes`` and ``datas`` hold each one's hash and canonical bytes.
    """

    first_seq: int
    prev_hash: bytes
    hashes: list[bytes]
    datas: list[bytes]
    checkpoints: list[Checkpoint]
    commands: list[tuple[Command, Future[Any]]]
    done: list[tuple[Future[Any], object]]
    head: tuple[int, bytes]
    estimate: int = 0
    """Bytes budgeted for the receipts (``ROW_ESTIMATE`` each)."""


@dataclass(slots=True)
class MeasureRequest:
    """Ask the committer to prune if it may and report the used bytes (slow path)."""

    reply: Future[int] = field(default_factory=Future)


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds of one journal."""

    max_bytes: int
    seal_every: int
    seal_interval_s: float
    warn_fraction: float

    @property
    def warn_bytes(self) -> float:
        """Used bytes above which the journal prunes and alerts."""
        return self.warn_fraction * self.max_bytes


def resolve(fut: Future[Any], value: object) -> None:
    """Set a future's result unless the caller cancelled it."""
    # try/except rather than contextlib.suppress: this runs once per receipt, and creating
    # a context manager each time costs more than the set_result itself.
    try:  # noqa: SIM105
        fut.set_result(value)
    except InvalidStateError:  # cancelled by the caller; the receipt is durable all the same
        pass


def fail(fut: Future[Any], exc: BaseException) -> None:
    """Set a future's exception unless the caller cancelled it."""
    with contextlib.suppress(InvalidStateError):
        fut.set_exception(exc)
