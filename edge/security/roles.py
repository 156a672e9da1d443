"""Operator roles and the one table that says which command needs which role.

Roles are ordered: a higher role may do everything a lower one may.  The edge node checks
every command against :data:`COMMAND_ROLES` (by the ``type`` of the frame); a sector pack may
*tighten* the table (raise a command's role), never loosen it.
"""

from __future__ import annotations

from enum import IntEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from edge.security.errors import SecurityError

if TYPE_CHECKING:
    from collections.abc import Mapping


class Role(IntEnum):
    """Operator roles, lowest first."""

    VIEWER = 0
    """Sees the fleet; commands nothing."""
    OPERATOR = 1
    """Runs the fleet: emergency stops, tasks."""
    ASSIST = 2
    """Tele-assist staff: also claims and answers assist requests."""
    SUPERVISOR = 3
    """Shift lead: also releases latched emergency stops."""
    ADMIN = 4
    """Site administrator: also pushes policy bundles."""

    @classmethod
    def parse(cls, name: str) -> Role:
        """Return the role called ``name`` (case-insensitive).

        Raises
        ------
        SecurityError
            Naming the valid roles when ``name`` is not one of them.
        """
        try:
            return cls[name.strip().upper()]
        except KeyError:
            valid = ", ".join(r.name.lower() for r in cls)
            raise SecurityError(f"unknown role {name!r}; use one of: {valid}") from None

    @property
    def label(self) -> str:
        """The role's lower-case name, as written in files and on the wire."""
        return self.name.lower()


COMMAND_ROLES: Mapping[str, Role] = MappingProxyType(
    {
        # A remote stop is available to every operator role (ISO 13850): not to viewers,
        # who hold read-only accounts (wall displays, visitors).
        "estop": Role.OPERATOR,
        "task_assign": Role.OPERATOR,
        "task_cancel": Role.OPERATOR,
        "assist_claim": Role.ASSIST,
        "assist_answer": Role.ASSIST,
        "assist_release": Role.ASSIST,
        "assist_transfer": Role.ASSIST,
        # Releasing a latched stop needs more authority than issuing one.
        "resume": Role.SUPERVISOR,
        "policy_push": Role.ADMIN,
    }
)
"""Minimum role per command (frame ``type``).  Frames not listed are not commands."""


def required_role(kind: str, table: Mapping[str, Role] = COMMAND_ROLES) -> Role | None:
    """Return the role a frame of type ``kind`` needs, or ``None`` when it is not a command."""
    return table.get(kind)


def tighten(
    overrides: Mapping[str, Role], table: Mapping[str, Role] = COMMAND_ROLES
) -> Mapping[str, Role]:
    """Return ``table`` with some commands raised to a higher role (a sector pack's policy).

    Raises
    ------
    SecurityError
        When an override names an unknown command or would lower a command's role: a pack
        may make the site stricter, never looser.
    """
    merged = dict(table)
    for kind, role in overrides.items():
        if kind not in table:
            raise SecurityError(f"cannot tighten {kind!r}: it is not a command")
        if role < table[kind]:
            raise SecurityError(
                f"cannot lower {kind!r} from {table[kind].label} to {role.label}; "
                "packs may only raise a command's role"
            )
        merged[kind] = role
    return MappingProxyType(merged)
