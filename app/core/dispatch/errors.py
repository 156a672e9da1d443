"""The dispatcher's exception tree.

::

    CoreError (app.core.errors)
    └── DispatchError         a dispatch request is invalid or cannot be carried out
        ├── CostMatrixError   an assignment cost matrix is malformed (NaN, -inf, not 2-D)
        ├── TransitionError   a task state change the state machine does not allow
        └── OverrideError     an operator override refused (unknown vehicle, incapable...)
"""

from __future__ import annotations

from app.core.errors import CoreError

__all__ = ["CostMatrixError", "DispatchError", "OverrideError", "TransitionError"]


class DispatchError(CoreError):
    """Base class of the dispatcher's errors."""


class CostMatrixError(DispatchError, ValueError):
    """An assignment cost matrix is malformed."""


class TransitionError(DispatchError):
    """A task state change the state machine does not allow."""


class OverrideError(DispatchError):
    """An operator override was refused; the message says why."""
