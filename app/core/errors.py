"""The site services' exception tree.

::

    CoreError
    ├── LinkError        an edge link could not be used (not connected, refused)
    └── StoreError       the site database could not be opened or written safely
"""

from __future__ import annotations


class CoreError(Exception):
    """Base class of every error raised by app.core."""


class LinkError(CoreError):
    """An edge link could not carry out a request."""


class StoreError(CoreError):
    """The site database could not be opened or written safely."""
