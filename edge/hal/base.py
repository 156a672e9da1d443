"""The vehicle abstraction (HAL) that the edge node drives.

The edge node never talks to a vehicle's hardware or autonomy stack directly: it holds a
:class:`VehicleAdapter` per vehicle.  The simulator implements it today; a VDA 5050 bridge or
an OEM's autonomy interface implements it tomorrow without touching the node.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from edge.protocol.messages import LinkState, TaskAssign, TelemetrySample


@dataclass(frozen=True, slots=True)
class TaskUpdate:
    """A change in a task's state, for the node to report as ``task_progress``."""

    task_id: str
    status: Literal["accepted", "running", "done", "failed", "rejected"]
    progress: float = 0.0
    detail: str = ""


class VehicleAdapter(ABC):
    """One vehicle as the edge node sees it.

    Implementations must be cheap to call: the node calls :meth:`step` and :meth:`sample` at
    the telemetry rate for every hosted vehicle on its event loop, so neither may block.  A
    real adapter keeps a background reader and returns its latest state here.
    """

    vehicle_id: str
    vehicle_class: str
    profile: str

    @abstractmethod
    def step(self, now: float, dt: float) -> None:
        """Advance to ``now`` (wall clock, s); ``dt`` is the time since the previous step."""

    @abstractmethod
    def sample(self, now: float) -> TelemetrySample:
        """Return the vehicle's current state, stamped with its sample time."""

    @abstractmethod
    def emergency_stop(self, reason: str) -> None:
        """Latch a safe stop now.  It overrides everything until :meth:`release`."""

    @abstractmethod
    def release(self) -> None:
        """Clear a latched stop.  The vehicle stays still until it receives a new task."""

    @abstractmethod
    def assign(self, task: TaskAssign) -> str | None:
        """Take a task; return ``None`` when accepted or the reason it was refused."""

    @abstractmethod
    def set_link_state(self, state: LinkState) -> None:
        """Tell the vehicle how its control-room link is; it applies conservative limits."""

    def pop_task_updates(self) -> list[TaskUpdate]:
        """Return and forget task state changes since the last call (none by default)."""
        return []
