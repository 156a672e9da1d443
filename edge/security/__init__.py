"""Site trust and operator identity: site authority, mutual TLS, roles, command checks.

Everything here is headless and offline: a site authority (a small X.509 CA held by the
site) issues certificates to edge nodes and consoles and signs the revocation list; TLS
contexts authenticate both ends of a link (TLS 1.3, client certificates required); operator
accounts are local with scrypt password hashes; a console signs short-lived operator
assertions with the key its certificate certifies, and the edge node checks them, the role
table, the replay window and the rate limit before any command runs.  docs/security.md
explains the model.
"""

from edge.security.errors import SecurityError
from edge.security.roles import COMMAND_ROLES, Role, required_role, tighten

__all__ = ["COMMAND_ROLES", "Role", "SecurityError", "required_role", "tighten"]
