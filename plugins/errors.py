"""The plugin host's exception tree.

::

    PackError          a sector pack cannot be used; the message says which pack, what is
    │                  wrong and what to do
    ├── ManifestError  the pack's ``PACK`` manifest is missing or invalid
    ├── IncompatibleApiError  the pack targets a plugin API this host does not offer
    ├── HookError      a pack's hook raised or returned malformed data (the pack is quarantined)
    ├── ConflictError  two packs contribute the same id
    └── SiteConfigError  a site's pack configuration (``<site>.site.toml``) is invalid

Loading packs never raises these to the caller: the :class:`~plugins.manager.PackManager`
records them on the pack's status (refused or quarantined) and keeps the other packs running.
They are raised by the strict entry points (``PackManager.require_healthy``, the contract kit,
the site configuration reader).
"""

from __future__ import annotations

__all__ = [
    "ConflictError",
    "HookError",
    "IncompatibleApiError",
    "ManifestError",
    "PackError",
    "SiteConfigError",
]


class PackError(Exception):
    """A sector pack cannot be used.

    Parameters
    ----------
    pack
        The pack's name (or the entry point / folder it came from when the name is unknown).
    problem
        What is wrong, in English.
    remedy
        What the operator or the pack author should do about it.
    """

    def __init__(self, pack: str, problem: str, remedy: str) -> None:
        self.pack = pack
        self.problem = problem
        self.remedy = remedy
        super().__init__(f"pack {pack!r}: {problem}. {remedy}")


class ManifestError(PackError):
    """The pack's ``PACK`` manifest is missing or breaks the manifest schema."""


class IncompatibleApiError(PackError):
    """The pack targets a plugin API version this host does not offer."""


class HookError(PackError):
    """A pack's hook raised, or returned something that is not the records it must return."""


class ConflictError(PackError):
    """Two packs contribute a record with the same id."""


class SiteConfigError(Exception):
    """A site's pack configuration is invalid.

    Parameters
    ----------
    source
        The configuration file.
    problem
        What is wrong and where.
    remedy
        What to do about it.
    """

    def __init__(self, source: str, problem: str, remedy: str) -> None:
        self.source = source
        self.problem = problem
        self.remedy = remedy
        super().__init__(f"{source}: {problem}. {remedy}")
