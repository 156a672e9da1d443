"""Every console→edge frame that carries an operator's assertion is a command with a role.

The edge node checks roles only for the frame types listed in ``COMMAND_ROLES``; a new command
message added to the protocol without a row there would be executed unauthorised (it happened
once, to ``task_cancel``). These tests tie the two tables together.
"""

from __future__ import annotations

from edge.protocol.messages import MESSAGE_TYPES
from edge.security.roles import COMMAND_ROLES


def _type_of(model: type) -> str:
    default = model.model_fields["type"].default  # type: ignore[attr-defined]
    assert isinstance(default, str)
    return default


def test_every_frame_with_an_auth_field_needs_a_role() -> None:
    with_auth = {_type_of(m) for m in MESSAGE_TYPES if "auth" in m.model_fields}
    assert with_auth, "no command messages found: the table check would pass vacuously"
    missing = sorted(with_auth - set(COMMAND_ROLES))
    assert not missing, f"command frames without a role in COMMAND_ROLES: {missing}"


def test_every_role_row_names_a_command_frame() -> None:
    commands = {_type_of(m) for m in MESSAGE_TYPES if "auth" in m.model_fields}
    stray = sorted(set(COMMAND_ROLES) - commands)
    assert not stray, f"COMMAND_ROLES rows with no command message carrying auth: {stray}"
