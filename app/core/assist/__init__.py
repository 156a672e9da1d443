"""The console's tele-assist queue: requests from every edge node, merged and ordered (headless).

The edge node arbitrates claims and applies answers; this package is the site-wide view and
the commands go through :class:`app.core.service.SiteService` (``assist_claim``,
``assist_answer``, ``assist_release``, ``assist_transfer``), stamped with the signed-in
operator.  docs/assist.md describes the flow.
"""

from app.core.assist.queue import (
    CRITICALITY_RANK,
    OPEN_STATES,
    AssistItem,
    AssistQueue,
    Backlog,
)

__all__ = ["CRITICALITY_RANK", "OPEN_STATES", "AssistItem", "AssistQueue", "Backlog"]
