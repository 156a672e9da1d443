"""Reconnect delays: exponential with full jitter, capped, with an injectable random source."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


def exponential_backoff(
    *,
    first_s: float = 0.2,
    factor: float = 2.0,
    cap_s: float = 10.0,
    rng: Callable[[], float] = random.random,
) -> Iterator[float]:
    """Yield reconnect delays: ``first_s``, then doubling up to ``cap_s``, each jittered.

    Full jitter (a uniform fraction between half and all of the nominal delay) spreads the
    reconnects of many consoles after an edge node restarts, so they do not arrive together.
    """
    nominal = first_s
    while True:
        yield nominal * (0.5 + 0.5 * rng())
        nominal = min(cap_s, nominal * factor)
