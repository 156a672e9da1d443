"""One frame's changed vehicles, read from the fleet state once and shared by every view.

The frame clock hands the same collection of changed ids to each view.  Reading a vehicle
(:meth:`FleetState.get`) builds a record per call, which at 5,000 vehicles per frame is the
largest cost of a frame; so the first view to ask reads the frame's vehicles once, and the
numeric fields are pulled out of the samples in one pass into numpy columns that every view
then copies with vectorised assignments.  A frame is recognised by the identity of its
changed-id collection (the frame clock drains a new one each frame; the cache keeps a reference
to it, so the identity cannot be reused while it is cached).
"""

from __future__ import annotations

from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from app.ui.map.glyphs import STATE_CODE
from edge.protocol.messages import VehicleMode

if TYPE_CHECKING:
    from collections.abc import Collection

    import numpy.typing as npt

    from app.core.fleet.state import FleetState
    from edge.protocol.messages import TelemetrySample

MODES: tuple[VehicleMode, ...] = tuple(VehicleMode)
"""Every control mode, in the order of the mode codes the views store."""
MODE_CODE = {mode: code for code, mode in enumerate(MODES)}
"""Control mode -> small integer code (an index into :data:`MODES`)."""

NUMBER_FIELDS = ("x", "y", "heading_deg", "speed_mps", "energy", "link_quality")
"""The sample fields in :attr:`FrameRecords.numbers`, in column order."""
_getters = tuple(attrgetter(name) for name in NUMBER_FIELDS)
_state = attrgetter("state")
_mode = attrgetter("mode")
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
    received
        Receive time of each of those samples, seconds.
    """

    def __init__(
        self,
        ids: list[str],
        classes: list[str],
        sampled_ids: list[str],
        samples: list[TelemetrySample],
        received: list[float],
    ) -> None:
        self.ids = ids
        self.classes = classes
        self.sampled_ids = sampled_ids
        self.samples = samples
        self.received: npt.NDArray[np.float64] = np.array(received, dtype=np.float64)

    @cached_property
    def numbers(self) -> npt.NDArray[np.float64]:
        """Return the ``(len(samples), 6)`` array of :data:`NUMBER_FIELDS`."""
        n = len(self.samples)
        out = np.empty((n, len(NUMBER_FIELDS)), dtype=np.float64)
        # One pass per field: floats are not tracked by the garbage collector, where a tuple
        # per sample would be (and at 5,000 vehicles a frame, collections are a real cost).
        for column, getter in enumerate(_getters):
            out[:, column] = np.fromiter(map(getter, self.samples), dtype=np.float64, count=n)
        return out

    @cached_property
    def states(self) -> npt.NDArray[np.int8]:
        """Return the state code of each sample."""
        return np.array([STATE_CODE[s] for s in map(_state, self.samples)], dtype=np.int8)

    @cached_property
    def modes(self) -> npt.NDArray[np.int8]:
        """Return the mode code of each sample."""
        return np.array([MODE_CODE[m] for m in map(_mode, self.samples)], dtype=np.int8)

    @cached_property
    def tasks(self) -> list[str]:
        """Return the task id of each sample (``""`` when none)."""
        return [t or "" for t in map(_task, self.samples)]


_cache: list[tuple[FleetState, Collection[str], FrameRecords]] = []


def frame_records(fleet: FleetState, changed: Collection[str]) -> FrameRecords:
    """Return the records of ``changed``, read once per frame whichever view asks first."""
    if _cache and _cache[0][0] is fleet and _cache[0][1] is changed:
        return _cache[0][2]
    ids: list[str] = []
    classes: list[str] = []
    sampled_ids: list[str] = []
    samples: list[TelemetrySample] = []
    received: list[float] = []
    get = fleet.get
    for vid in changed:
        record = get(vid)
        if record is None:
            continue
        ids.append(vid)
        classes.append(record.vehicle_class)
        if record.sample is not None:
            sampled_ids.append(vid)
            samples.append(record.sample)
            received.append(np.nan if record.received_at is None else record.received_at)
    records = FrameRecords(ids, classes, sampled_ids, samples, received)
    _cache[:] = [(fleet, changed, records)]
    return records
