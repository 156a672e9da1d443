"""Keep the garbage collector off the decision and display paths of a long-running process.

CPython's cyclic collector walks every container object of the generation it collects.  A
node or console builds hundreds of thousands of long-lived objects at start-up (compiled
policy, site geometry, pydantic models, the import graph); each full collection walks all of
them again, which measured 20-120 ms on this project's machine — one such pause is a whole
p99 of durable receipts or of console frames.  After start-up we collect once and move every
surviving object to the permanent generation (:func:`gc.freeze`): later collections only
walk what was created since, and the steady-state allocation (telemetry samples, receipts)
is short-lived.
"""

from __future__ import annotations

import gc


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
