"""The map's copy of vehicle positions and states, as numpy columns updated in place.

Only the ids changed since the previous frame are read from the fleet state; everything the
map paints or hit-tests per frame is then vectorised over these columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from app.core.fleet.state import STALE_AFTER_S
from app.ui.map.frame_records import ViewRows, frame_records
from app.ui.map.glyphs import KIND_OF_CODE, GlyphKind

if TYPE_CHECKING:
    from collections.abc import Collection

    import numpy.typing as npt

    from app.core.fleet.state import FleetState

NO_STATE = -1
"""State code of a vehicle known from its node's welcome but not yet heard from."""


class VehicleColumns:
    """Positions, headings, states and receive times of every vehicle the map has seen."""

    def __init__(self, capacity: int = 1024) -> None:
        self.ids: list[str] = []
        self.row: dict[str, int] = {}
        self.x = np.full(capacity, np.nan)
        self.y = np.full(capacity, np.nan)
        self.heading = np.zeros(capacity)
        self.state = np.full(capacity, NO_STATE, dtype=np.int8)
        self.received = np.full(capacity, np.nan)
        self._view_rows = ViewRows()

    def __len__(self) -> int:
        return len(self.ids)

    def _grow(self, needed: int) -> None:
        capacity = self.x.shape[0]
        if needed <= capacity:
            return
        new = max(needed, 2 * capacity)

        extra = new - capacity
        self.x = np.concatenate([self.x, np.full(extra, np.nan)])
        self.y = np.concatenate([self.y, np.full(extra, np.nan)])
        self.heading = np.concatenate([self.heading, np.zeros(extra)])
        self.state = np.concatenate([self.state, np.full(extra, NO_STATE, dtype=np.int8)])
        self.received = np.concatenate([self.received, np.full(extra, np.nan)])

    def update(self, fleet: FleetState, changed: Collection[str]) -> int:
        """Copy the latest sample of each changed vehicle; return how many were read.

        New vehicles are appended; the columns of the changed rows are written with one
        numpy assignment each, at rows found by the fleet state's own (no lookup by id once a
        vehicle is known).
        """
        frame = frame_records(fleet, changed)
        rows = self._view_rows.known(fleet, frame)
        if not ViewRows.complete(frame, rows):
            row_of = self.row
            for vid in frame.ids:
                if vid not in row_of:
                    row_of[vid] = len(self.ids)
                    self.ids.append(vid)
            self._grow(len(self.ids))
            rows = self._view_rows.fill(frame, rows, row_of)
        if not frame.samples:
            return 0
        numbers = frame.numbers
        self.x[rows] = numbers[:, 0]
        self.y[rows] = numbers[:, 1]
        self.heading[rows] = numbers[:, 2]
        self.state[rows] = frame.states
        self.received[rows] = frame.received
        return int(rows.size)

    def kinds(self, now: float, stale_after_s: float = STALE_AFTER_S) -> npt.NDArray[np.int8]:
        """Return the glyph kind of every vehicle at time ``now`` (stale wins)."""
        n = len(self.ids)
        state = self.state[:n]
        kinds = KIND_OF_CODE[np.maximum(state, 0)]
        silent = (
            np.isnan(self.received[:n]) | (now - self.received[:n] >= stale_after_s) | (state < 0)
        )
        return np.where(silent, np.int8(GlyphKind.STALE), kinds).astype(np.int8)

    def located(self) -> npt.NDArray[np.bool_]:
        """Return which vehicles have a position."""
        n = len(self.ids)
        located: npt.NDArray[np.bool_] = ~np.isnan(self.x[:n])
        return located

    def nearest(self, wx: float, wy: float, radius_m: float) -> str | None:
        """Return the id of the vehicle nearest to a world point within ``radius_m``, if any."""
        n = len(self.ids)
        if n == 0:
            return None
        d2 = (self.x[:n] - wx) ** 2 + (self.y[:n] - wy) ** 2
        d2 = np.where(np.isnan(d2), np.inf, d2)
        i = int(np.argmin(d2))
        if d2[i] > radius_m * radius_m:
            return None
        return self.ids[i]

    def position(self, vehicle_id: str) -> tuple[float, float] | None:
        """Return a vehicle's last known position, or ``None``."""
        i = self.row.get(vehicle_id)
        if i is None or np.isnan(self.x[i]):
            return None
        return float(self.x[i]), float(self.y[i])
