"""The console's assist workspace: the queue, a request in detail, and the answers (Qt).

:class:`AssistWorkspace` is the Assist dock's content; docs/assist.md describes it and its keys.
"""

from app.ui.assist.model import AssistQueueTableModel
from app.ui.assist.workspace import AssistWorkspace

__all__ = ["AssistQueueTableModel", "AssistWorkspace"]
