"""Errors of the security package."""

from __future__ import annotations

from edge.errors import EdgeError


class SecurityError(EdgeError):
    """A trust, identity or authorization check failed; the message says what and why."""


class AuthorityError(SecurityError):
    """The site authority's files are missing, damaged or used wrongly."""


class AssertionInvalidError(SecurityError):
    """An operator assertion is malformed, forged, expired or meant for someone else."""


class AccountError(SecurityError):
    """An operator account cannot be created, found or used."""
