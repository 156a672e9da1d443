"""The governor package's exception tree.

::

    GovernorError
    ├── BundleError     a policy bundle is unreadable or breaks the rule language (names the
    │                   bundle, the rule, the field and the problem)
    ├── CompileError    a valid bundle cannot be compiled against a site (e.g. too many
    │                   distinct zone features for the kernel's bit masks)
    └── BatchError      batch columns are malformed (different lengths, not 1-D, unknown
                        names): a programming error, unlike bad values, which fail closed

Deciding never raises for bad proposal inputs: the governor fails closed instead (a BLOCK
naming the invalid field), see :mod:`edge.governor.engine`.
"""

from __future__ import annotations

from edge.errors import EdgeError


class GovernorError(EdgeError):
    """Base class of every error raised by the governor package."""


class BundleError(GovernorError):
    """A policy bundle could not be loaded.

    The message names, as far as they are known, the bundle source, the rule (id and position),
    the field and the problem, for example::

        core.json: rule core.perception_low (rules[0]): field 'when[0].value': must be a number

    Parameters
    ----------
    problem
        What is wrong, in English (for logs and policy authors).
    source
        The bundle's file name or another label, when known.
    rule_id
        The offending rule's id, when it could be read.
    index
        The offending rule's position in ``rules``.
    field
        The offending field, a dotted path inside the rule (or the bundle when no rule).
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | None = None,
        rule_id: str | None = None,
        index: int | None = None,
        field: str | None = None,
    ) -> None:
        self.problem = problem
        self.source = source
        self.rule_id = rule_id
        self.index = index
        self.field = field
        super().__init__(self._compose())

    def _compose(self) -> str:
        """Join the known parts into the message."""
        parts: list[str] = []
        if self.source is not None:
            parts.append(self.source)
        if self.rule_id is not None and self.index is not None:
            parts.append(f"rule {self.rule_id} (rules[{self.index}])")
        elif self.rule_id is not None:
            parts.append(f"rule {self.rule_id}")
        elif self.index is not None:
            parts.append(f"rule at rules[{self.index}]")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        parts.append(self.problem)
        return ": ".join(parts)


class CompileError(GovernorError):
    """A valid bundle could not be compiled against a site.

    Parameters
    ----------
    problem
        What is wrong, in English.
    """

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class BatchError(GovernorError):
    """The columns given to ``Governor.decide_batch`` are malformed.

    Bad *values* never raise (they fail closed, row by row); this is for columns of different
    lengths, columns that are not one-dimensional, and unknown column names.
    """
