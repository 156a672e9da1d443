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

from app.core.fleet.state import MODE_CODE, MODES, NUMBER_FIELDS

if TYPE_CHECKING:
    from collections.abc import Collection

    import numpy as np
    import numpy.typing as npt

    from app.core.fleet.state import FleetColumns, FleetState
    from edge.protocol.messages import TelemetrySample

__all__ = ["MODES", "MODE_CODE", "NUMBER_FIELDS", "FrameRecords", "frame_records"]

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
