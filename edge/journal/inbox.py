"""The bounded hand-off from submitters to the sequencer thread, taken a group at a time."""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class Inbox(Generic[T]):
    """A bounded multi-producer, single-consumer queue drained in groups.

    Full policy: :meth:`put` refuses (returns ``False``) rather than blocking, so an
    asyncio caller never stalls its loop; the journal turns a refusal into a failed
    receipt, and the caller stops motion.

    Parameters
    ----------
    maxsize
        Most weight held at once (an item's weight is its number of receipts).
    """

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self._maxsize = maxsize
        self._items: list[T] = []
        self._weights: list[int] = []
        self._weight = 0
        self._cond = threading.Condition(threading.Lock())
        self._waiting = False
        self._closed = False

    @property
    def maxsize(self) -> int:
        """Capacity."""
        return self._maxsize

    def put(self, item: T, weight: int = 1) -> bool:
        """Queue ``item`` counting ``weight`` toward capacity; ``False`` when full or closed."""
        with self._cond:
            if self._closed or self._weight + weight > self._maxsize:
                return False
            self._items.append(item)
            self._weights.append(weight)
            self._weight += weight
            if self._waiting:
                self._cond.notify()
        return True

    def take(self, timeout: float | None, max_weight: int) -> list[T]:
        """Return queued items up to ``max_weight`` (at least one), oldest first.

        Waits up to ``timeout`` seconds (``None``: until an item or :meth:`close`) when
        empty.  Bounding the weight makes a backlog drain as a pipeline of moderate
        groups rather than as one huge group nobody sees committed for a long time.
        """
        with self._cond:
            if not self._items and not self._closed:
                self._waiting = True
                self._cond.wait(timeout)
                self._waiting = False
            if self._weight <= max_weight:
                items, self._items, self._weights = self._items, [], []
                self._weight = 0
                return items
            taken, n = 0, 0
            for weight in self._weights:
                if n and taken + weight > max_weight:
                    break
                taken += weight
                n += 1
            items = self._items[:n]
            del self._items[:n]
            del self._weights[:n]
            self._weight -= taken
            return items

    def close(self) -> None:
        """Refuse further items and wake the consumer."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def __len__(self) -> int:
        return self._weight
