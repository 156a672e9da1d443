"""The console's frame clock: one timer, one drain of the fleet's changes per frame.

Telemetry arrives at the fleet state at whatever rate the edge nodes send (5,000 vehicles at
10 Hz is 50,000 samples a second).  Views never see single messages: once per frame the clock
drains :meth:`FleetState.drain_changed` (it is single-consumer, so only the clock calls it) and
hands the same set of changed ids to every registered view.  A frame that runs late is not
queued behind another: Qt timers coalesce, so the next frame simply carries more ids.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from app.ui.timers import make_timer

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from app.core.fleet.state import FleetState

FRAME_HZ = 30.0
"""Frames per second of the console (a control-room wall does not need more)."""
IDLE_REFRESH_S = 1.0
"""With no telemetry, views still get a frame this often (staleness and "last seen" age)."""


class FleetView(Protocol):
    """What the frame clock needs of a view: one batched update per frame."""

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Apply the ids changed since the previous frame."""


class FrameClock(QObject):
    """Drives every fleet view from one ~30 Hz timer.

    Parameters
    ----------
    fleet
        The site service's fleet state; the clock is the only caller of its ``drain_changed``.
    parent
        Owner of the clock and its timer.
    hz
        Frame rate.
    clock
        Wall clock (seconds), passed to the views as ``now``.
    """

    sig_frame_done = Signal(int)
    """A frame was delivered to the views; the argument is how many vehicles changed."""

    def __init__(
        self,
        fleet: FleetState,
        parent: QObject | None = None,
        *,
        hz: float = FRAME_HZ,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._fleet = fleet
        self._clock = clock
        self._views: list[FleetView] = []
        self._wakes: list[Callable[[], bool]] = []
        self._timer = make_timer("frame-clock", max(1, round(1000.0 / hz)), self, precise=True)
        self._timer.timeout.connect(self.tick)
        self._last_delivery = 0.0
        self.frame_ms: deque[float] = deque(maxlen=4096)
        """Wall time each delivered frame took (all views), milliseconds, most recent last."""
        self.frames = 0

    def add_view(self, view: FleetView) -> None:
        """Deliver every future frame to ``view`` (in registration order)."""
        self._views.append(view)

    def add_wake(self, pending: Callable[[], bool]) -> None:
        """Also deliver a frame when ``pending()`` is true (changes other than telemetry)."""
        self._wakes.append(pending)

    def start(self) -> None:
        """Start ticking."""
        self._timer.start()

    def stop(self) -> None:
        """Stop ticking (the fleet's changes accumulate until the next start)."""
        self._timer.stop()

    @property
    def running(self) -> bool:
        """Whether the timer is active."""
        return self._timer.isActive()

    def tick(self) -> None:
        """Run one frame now: drain the changes once and give them to every view."""
        now = self._clock()
        changed = self._fleet.drain_changed()
        if (
            not changed
            and now - self._last_delivery < IDLE_REFRESH_S
            and not any(pending() for pending in self._wakes)
        ):
            return
        started = time.perf_counter()
        for view in self._views:
            view.update_vehicles(self._fleet, changed, now)
        self.frame_ms.append((time.perf_counter() - started) * 1000.0)
        self._last_delivery = now
        self.frames += 1
        self.sig_frame_done.emit(len(changed))
