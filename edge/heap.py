"""Keep the garbage collector off the decision and display paths of a long-running process.

CPython's cyclic collector walks every container object of the generation it collects.  A
node or console builds hundreds of thousands of long-lived objects at start-up (compiled
policy, site geometry, pydantic models, the import graph); each full collection walks all of
them again, which measured 20-120 ms on this project's machine — one such pause is a whole
p99 of durable receipts or of console frames.  After start-up we collect once and move every
surviving object to the permanent generation (:func:`gc.freeze`): later collections only
walk what was created since, and the steady-state allocation (telemetry samples, receipts)
is short-lived.

A process that ingests telemetry (the console, the headless site service) also widens the
young generation (:func:`widen_young_generation`).  A site gateway's telemetry frame decodes
into about four tracked containers per vehicle (the pydantic sample, its ``__dict__``, its
fields-set and its fault list): some 2,000 for a gateway of 500.  They live until the frame is
applied, when they replace the previous frame's samples, which are freed by reference
counting.  CPython counts a young generation as allocations minus deallocations, so with the
default threshold (700) every frame triggered collections in the middle of its decode, each
walking the frame's samples and promoting them to older generations, whose own collections
then walked them again — measured 71-75 ms of collection per second at 5,000 vehicles × 10 Hz
(``bench/console.py``, docs/benchmarks.md).  With a threshold of 20,000 a frame's allocations
and the previous frame's releases cancel out below it, so collections become rare; cyclic
garbage (which reference counting never frees) still triggers one after 20,000 containers.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 20_000
"""Young-generation threshold of a telemetry-ingesting process (CPython's default is 700)."""


def freeze_startup_heap() -> int:
    """Collect once, then exclude every surviving object from future collections.

    Call it when start-up is over (the process has built what it keeps for its lifetime).
    Calling it again later is harmless: it freezes what has accumulated since.

    Returns
    -------
    int
        How many objects are now in the permanent generation.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def widen_young_generation(threshold: int = YOUNG_THRESHOLD) -> tuple[int, int, int]:
    """Set the young generation's collection threshold, keeping the older generations' own.

    Returns
    -------
    tuple[int, int, int]
        The thresholds now in force (:func:`gc.get_threshold`).
    """
    if threshold < 1:
        raise ValueError(f"young-generation threshold must be at least 1, got {threshold}")
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(threshold, older, oldest)
    return gc.get_threshold()
