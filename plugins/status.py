"""What the host knows about each pack: where it came from, its state and its problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from plugins.manifest import PackInfo

__all__ = ["PackProblem", "PackState", "PackStatus"]

PackState = Literal["active", "refused", "quarantined", "disabled"]
"""``active``: loaded and contributing; ``refused``: not registered (bad manifest, wrong API,
import error, missing dependency); ``quarantined``: registered, then isolated because a hook
raised or returned malformed data; ``disabled``: found but not enabled for this site."""


@dataclass(frozen=True, slots=True)
class PackProblem:
    """Why a pack is refused or quarantined: which pack, what is wrong, what to do.

    Attributes
    ----------
    pack
        The pack's name (or its entry point / folder when the name is unknown).
    kind
        ``import``, ``manifest``, ``api``, ``hook``, ``conflict``, ``dependency``, ``site``
        or ``missing`` (enabled by the site but not found).
    problem
        What is wrong, in English.
    remedy
        What the operator or the pack's author should do.
    hook
        The hook that failed, for ``hook`` problems.
    """

    pack: str
    kind: str
    problem: str
    remedy: str
    hook: str | None = None

    @property
    def message(self) -> str:
        """The one-line message logs, ``atlasmesh pack list`` and the console show."""
        where = f" in hook {self.hook}" if self.hook else ""
        return f"pack {self.pack!r}{where}: {self.problem}. {self.remedy}"


@dataclass(slots=True)
class PackStatus:
    """One pack as the host sees it.

    Attributes
    ----------
    name
        The pack's name (the entry-point or folder name when the manifest is unreadable).
    source
        Where it was found (``entry point mining = sectors.mining``, ``folder /site/packs``).
    info
        The validated manifest, when it could be read.
    state
        See :data:`PackState`.
    problem
        Why it is refused or quarantined.
    counts
        Records contributed per kind (``rules`` counts rules, not rule sets).
    """

    name: str
    source: str
    info: PackInfo | None = None
    state: PackState = "active"
    problem: PackProblem | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def version(self) -> str:
        """The pack's version, or ``?`` when its manifest is unreadable."""
        return self.info.version if self.info is not None else "?"

    @property
    def api(self) -> str:
        """The plugin API the pack targets, or ``?``."""
        return self.info.api if self.info is not None else "?"
