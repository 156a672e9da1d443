"""One frame's changed vehicles, read from the fleet state once and shared by every view.

The frame clock hands the same collection of changed ids to each view.  The first view to ask
reads the frame's vehicles with one bulk read (:meth:`FleetState.read`: numbers, states and
modes come out as numpy columns the fleet state filled at ingest), and every view then copies
them with vectorised assignments.  A frame is recognised by the identity of its changed-id
collection (the frame clock drains a new one each frame; the cache keeps a reference to it, so
the identity cannot be reused while it is cached).
"""

from __future__ import annotations

from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from app.core.fleet.state import MODE_CODE, MODES, NUMBER_FIELDS

if TYPE_CHECKING:
    from collections.abc import Collection

    import numpy.typing as npt

    from app.core.fleet.state import FleetColumns, FleetState
    from edge.protocol.messages import TelemetrySample

__all__ = ["MODES", "MODE_CODE", "NUMBER_FIELDS", "FrameRecords", "ViewRows", "frame_records"]

_task = attrgetter("task_id")


class FrameRecords:
    """The changed vehicles of one frame.

    Attributes
    ----------
    ids, classes
        Every changed vehicle the fleet state knows, with its class.
    sampled_ids
        The subset that has a sample (a vehicle announced but not yet heard from has none).
    samples
        The latest sample of each of ``sampled_ids``.
    numbers
        ``(len(samples), 6)`` array of :data:`NUMBER_FIELDS`.
    states, modes
        State and mode code of each sample.
    received
        Receive time of each of those samples, seconds.
    rows
        The fleet state's row of each of those samples (stable per vehicle).
    """

    def __init__(self, columns: FleetColumns) -> None:
        self.ids = columns.ids
        self.classes = columns.classes
        self.sampled_ids = columns.sampled_ids
        self.samples: list[TelemetrySample] = columns.samples
        self.numbers: npt.NDArray[np.float64] = columns.numbers
        self.states: npt.NDArray[np.int8] = columns.states
        self.modes: npt.NDArray[np.int8] = columns.modes
        self.received: npt.NDArray[np.float64] = columns.received
        self.rows: npt.NDArray[np.int64] = columns.rows

    @cached_property
    def tasks(self) -> list[str]:
        """Return the task id of each sample (``""`` when none)."""
        return [t or "" for t in map(_task, self.samples)]


_cache: list[tuple[FleetState, Collection[str], FrameRecords]] = []


def frame_records(fleet: FleetState, changed: Collection[str]) -> FrameRecords:
    """Return the records of ``changed``, read once per frame whichever view asks first."""
    if _cache and _cache[0][0] is fleet and _cache[0][1] is changed:
        return _cache[0][2]
    records = FrameRecords(fleet.read(changed))
    _cache[:] = [(fleet, changed, records)]
    return records


class ViewRows:
    """A view's own row of each fleet-state row, so a frame's rows are one numpy gather.

    The fleet state gives every sampled vehicle a row that never moves (:attr:`FrameRecords.rows`)
    and a view gives it its own (appended, never moved); this remembers the second by the first.
    Only a vehicle the view meets for the first time is looked up by id.
    """

    def __init__(self) -> None:
        self._fleet: FleetState | None = None
        self._of_fleet_row: npt.NDArray[np.int64] = np.full(0, -1, dtype=np.int64)

    def known(self, fleet: FleetState, frame: FrameRecords) -> npt.NDArray[np.int64]:
        """Return the view's row of each of ``frame.sampled_ids``; -1 where not known yet."""
        if fleet is not self._fleet:  # another fleet state: its rows mean other vehicles
            self._fleet = fleet
            self._of_fleet_row = np.full(0, -1, dtype=np.int64)
        fleet_rows = frame.rows
        if fleet_rows.size == 0:
            return np.zeros(0, dtype=np.int64)
        needed = int(fleet_rows.max()) + 1
        size = self._of_fleet_row.size
        if needed > size:
            extra = max(needed, 2 * size, 1024) - size
            self._of_fleet_row = np.concatenate(
                [self._of_fleet_row, np.full(extra, -1, dtype=np.int64)]
            )
        rows: npt.NDArray[np.int64] = self._of_fleet_row[fleet_rows]
        return rows

    def fill(
        self, frame: FrameRecords, rows: npt.NDArray[np.int64], row_of: dict[str, int]
    ) -> npt.NDArray[np.int64]:
        """Complete ``rows`` from ``row_of`` (which must hold every sampled id) and remember."""
        missing = np.flatnonzero(rows < 0)
        if missing.size:
            ids = frame.sampled_ids
            rows[missing] = [row_of[ids[i]] for i in missing.tolist()]
            self._of_fleet_row[frame.rows[missing]] = rows[missing]
        return rows

    @staticmethod
    def complete(frame: FrameRecords, rows: npt.NDArray[np.int64]) -> bool:
        """Whether every vehicle of the frame is sampled and already has a row in the view."""
        return len(frame.ids) == len(frame.sampled_ids) and not bool((rows < 0).any())
