"""The maps package's exception tree.

::

    MapError
    ├── SiteFileError          a site file is unreadable or breaks the site schema (names the
    │                          feature, the field and the problem)
    ├── NoRouteError           no route joins two nodes under the given restrictions
    └── UnknownFeatureError    a lookup by id found no feature of that id (also a LookupError)
"""

from __future__ import annotations


class MapError(Exception):
    """Base class of every error raised by the maps package."""


class SiteFileError(MapError):
    """A site file could not be loaded.

    The message names, as far as they are known, the file, the feature (id and position in the
    ``features`` array), the field and the problem, for example::

        demo_mine.geojson: feature R042 (index 41): field 'speed_limit_kmh': must be > 0

    Parameters
    ----------
    problem
        What is wrong, in English (for logs and site engineers).
    source
        The file's name, when known.
    feature_id
        The offending feature's id, when it could be read.
    index
        The offending feature's position in the ``features`` array.
    field
        The offending field (a dotted path for nested members, e.g. ``atlasmesh.origin``).
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | None = None,
        feature_id: str | None = None,
        index: int | None = None,
        field: str | None = None,
    ) -> None:
        self.problem = problem
        self.source = source
        self.feature_id = feature_id
        self.index = index
        self.field = field
        super().__init__(self._compose())

    def _compose(self) -> str:
        """Join the known parts into the message."""
        parts: list[str] = []
        if self.source is not None:
            parts.append(self.source)
        if self.feature_id is not None and self.index is not None:
            parts.append(f"feature {self.feature_id} (index {self.index})")
        elif self.feature_id is not None:
            parts.append(f"feature {self.feature_id}")
        elif self.index is not None:
            parts.append(f"feature at index {self.index}")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        parts.append(self.problem)
        return ": ".join(parts)

    def located(
        self,
        *,
        source: str | None = None,
        feature_id: str | None = None,
        index: int | None = None,
    ) -> SiteFileError:
        """Return a copy with the location filled in where this error does not know it yet.

        Parameters
        ----------
        source, feature_id, index
            Location parts known by the caller.

        Returns
        -------
        SiteFileError
            A new error; this one is left unchanged.
        """
        return SiteFileError(
            self.problem,
            source=self.source if self.source is not None else source,
            feature_id=self.feature_id if self.feature_id is not None else feature_id,
            index=self.index if self.index is not None else index,
            field=self.field,
        )


class NoRouteError(MapError):
    """No route joins two graph nodes under the given restrictions.

    Parameters
    ----------
    source, target
        The node indices asked for.
    reason
        What restricted the search (e.g. ``"closed and unpublished roads excluded"``).
    """

    def __init__(self, source: int, target: int, reason: str = "") -> None:
        self.source = source
        self.target = target
        self.reason = reason
        detail = f" ({reason})" if reason else ""
        super().__init__(f"no route from node {source} to node {target}{detail}")


class UnknownFeatureError(MapError, LookupError):
    """A site lookup by id found nothing.

    Parameters
    ----------
    what
        The kind of feature looked up (``"poi"``, ``"road"``, ``"zone"``).
    feature_id
        The id asked for.
    """

    def __init__(self, what: str, feature_id: str) -> None:
        self.what = what
        self.feature_id = feature_id
        super().__init__(f"no {what} with id {feature_id!r}")
