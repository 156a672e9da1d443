"""Scripted escalations for the demo: simulated vehicles lose perception now and then.

The simulated vehicles dip below the core perception threshold about once an hour each (dust,
glare), too rarely to watch tele-assist in a demo.  :class:`EscalationScript` injects the sim's
scripted fault (:meth:`edge.hal.sim.SimVehicle.inject_perception_dip`) into a few vehicles at
start and one more every ``every_s`` seconds; the governor escalates (``core.perception_low``)
and the request reaches every console.  It runs on the loop of the nodes it drives.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import TYPE_CHECKING

from edge.hal.sim import SimVehicle

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from edge.node import EdgeNode

log = logging.getLogger(__name__)

DIP_S = 45.0
"""How long a scripted dip lasts: long enough for an operator to answer before it clears."""


class EscalationScript:
    """Make ``burst`` vehicles escalate at once, then one every ``every_s`` seconds.

    Parameters
    ----------
    nodes
        The simulated site's edge nodes (their simulated vehicles are the candidates).
    every_s
        Seconds between scripted escalations after the first burst.
    burst
        Vehicles dipped at once when the script starts (requests to look at right away).
    seed
        Which vehicles are picked (reproducible demos).
    clock
        Wall clock handed to the vehicles.
    """

    def __init__(
        self,
        nodes: Sequence[EdgeNode],
        *,
        every_s: float,
        burst: int = 3,
        dip_s: float = DIP_S,
        seed: int = 7,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if every_s <= 0:
            raise ValueError(f"scripted escalations need a positive period, not {every_s}")
        self._vehicles = [
            v for node in nodes for v in node.vehicles.values() if isinstance(v, SimVehicle)
        ]
        self._every_s = every_s
        self._burst = burst
        self._dip_s = dip_s
        self._rng = random.Random(seed)
        self._clock = clock
        self.dipped: list[str] = []
        """Every vehicle dipped so far, in order (bounded by the demo's length)."""

    def inject(self, count: int) -> list[str]:
        """Dip ``count`` random vehicles now; return their ids."""
        picked = self._rng.sample(self._vehicles, min(count, len(self._vehicles)))
        now = self._clock()
        for vehicle in picked:
            vehicle.inject_perception_dip(now, self._dip_s)
        ids = [v.vehicle_id for v in picked]
        self.dipped.extend(ids)
        del self.dipped[:-1000]
        log.info("scripted perception dip: %s", ", ".join(ids))
        return ids

    async def run(self) -> None:
        """Dip the first burst, then one vehicle per period, until cancelled."""
        self.inject(self._burst)
        while True:
            await asyncio.sleep(self._every_s)
            self.inject(1)
