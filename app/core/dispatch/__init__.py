"""The embedded dispatcher: who goes where (the policy engine and governor decide how)."""

from __future__ import annotations

from app.core.dispatch.assignment import Assignment, solve_assignment

__all__ = ["Assignment", "solve_assignment"]
