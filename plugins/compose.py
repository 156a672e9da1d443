"""From the core bundle and the packs' rule sets to the one bundle an edge governor runs.

The composed bundle is the core bundle with every active pack's rules appended (core first,
then packs in load order: the order only affects the order of ``fired``), and the vehicle
classes of the packs' profiles added to ``parameters.vehicle_classes``. A class both the core
and a pack define keeps the *lower* limit (a pack's class limit is its
fastest profile's), so composing never loosens a limit. ``parameters.packs`` records each pack's
version and ``parameters.pack_parameters`` the values in force.

The bundle id names the packs and ends with a fingerprint of the composed rules and parameters
(``core-mining:3f9a0c2d71be``): the version stays the core bundle's, so without the fingerprint
two sites with different pack versions or parameter values would run different rules under the
same id and version, and a receipt would not say which rules governed.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from edge.governor.loader import load_core_bundle, parse_bundle, vehicle_classes

if TYPE_CHECKING:
    from collections.abc import Mapping

    from edge.governor.rules import PolicyBundle
    from plugins.contributions import Contributions

__all__ = ["FINGERPRINT_CHARS", "compose_bundle"]

FINGERPRINT_CHARS = 12
"""Hex digits of the composed content's SHA-256 in the bundle id."""
_ID_MAX = 64


def compose_bundle(
    contributions: Contributions,
    pack_versions: Mapping[str, str],
    *,
    base: PolicyBundle | None = None,
) -> PolicyBundle:
    """Append the packs' rules to ``base`` (default: the core bundle) and validate the result.

    Parameters
    ----------
    contributions
        What the active packs contribute.
    pack_versions
        Active pack name to version, in load order.
    base
        The bundle to extend.

    Returns
    -------
    PolicyBundle
        The validated composed bundle.

    Raises
    ------
    edge.governor.BundleError
        When the composition breaks the rule language (e.g. a rule names a vehicle class no
        profile defines); the message names the rule.
    """
    base = base or load_core_bundle()
    classes: dict[str, dict[str, float]] = {
        name: {"max_speed_mps": limits.max_speed_mps}
        for name, limits in vehicle_classes(base).items()
    }
    pack_limits: dict[str, float] = {}
    for profile in contributions.profiles.values():
        # The fastest profile of a class sets the class limit (a loaded variant is slower).
        limit = profile.kinematics.max_speed_mps
        pack_limits[profile.vehicle_class] = max(pack_limits.get(profile.vehicle_class, 0), limit)
    for name, limit in pack_limits.items():
        known = classes.get(name)
        if known is None or limit < known["max_speed_mps"]:
            classes[name] = {"max_speed_mps": limit}
    rules: list[Any] = [r.model_dump(mode="json") for r in base.rules]
    for rule_set in contributions.rule_sets.values():
        rules += [r.model_dump(mode="json", exclude_defaults=False) for r in rule_set.rules]
    parameters = dict(base.parameters)
    parameters["vehicle_classes"] = classes
    parameters["packs"] = dict(pack_versions)
    parameters["pack_parameters"] = dict(contributions.values)
    names = "-".join(pack_versions)
    bundle_id = base.bundle_id
    if names:
        fingerprint = hashlib.sha256(
            json.dumps([rules, parameters], sort_keys=True, separators=(",", ":")).encode()
        ).hexdigest()[:FINGERPRINT_CHARS]
        stem = f"{base.bundle_id}-{names}"[: _ID_MAX - FINGERPRINT_CHARS - 1]
        bundle_id = f"{stem}:{fingerprint}"
    doc = {
        "schema_version": base.schema_version,
        "bundle_id": bundle_id,
        "version": base.version,
        "issued_at": base.issued_at.isoformat(),
        "expires_at": None if base.expires_at is None else base.expires_at.isoformat(),
        "parameters": parameters,
        "rules": rules,
    }
    return parse_bundle(doc, source=f"composed bundle {doc['bundle_id']}")
