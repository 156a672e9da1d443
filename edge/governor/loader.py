"""Reading policy bundles: JSON (always) or YAML (when PyYAML is installed), with clear errors.

Every problem is a :class:`~edge.governor.errors.BundleError` that names the bundle, the rule
(id and index), the field and the problem. Checks that need the whole bundle (unique ids,
reserved ids, vehicle classes named by rules but not defined in the parameters) run after the
schema.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from edge.governor.errors import BundleError
from edge.governor.rules import CONDITION_TAGS, FieldCondition, PolicyBundle, VehicleClassLimits

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

__all__ = [
    "BUILTIN_RULE_IDS",
    "CORE_BUNDLE_PATH",
    "load_bundle",
    "load_core_bundle",
    "parse_bundle",
    "vehicle_classes",
]

CORE_BUNDLE_PATH = Path(__file__).resolve().parent / "rules" / "core.json"
"""The core safety rules shipped with the product."""

BUILTIN_RULE_IDS = frozenset({"core.input_invalid", "core.bundle_expired"})
"""Ids the engine itself reports; a bundle may not define them."""

_CLASSES = TypeAdapter(dict[str, VehicleClassLimits])
_TAG_NAMES = frozenset(CONDITION_TAGS.values())


def load_bundle(path: str | os.PathLike[str]) -> PolicyBundle:
    """Read and validate a bundle file (``.json``, or ``.yaml``/``.yml`` with PyYAML).

    Parameters
    ----------
    path
        The bundle file.

    Returns
    -------
    PolicyBundle
        The validated bundle.

    Raises
    ------
    BundleError
        If the file cannot be read or decoded, or breaks the rule language.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise BundleError(f"cannot read the file: {exc.strerror}", source=file.name) from exc
    except UnicodeDecodeError as exc:
        raise BundleError(f"not UTF-8 text: {exc.reason}", source=file.name) from exc
    if file.suffix.lower() in (".yaml", ".yml"):
        doc = _yaml_load(text, file.name)
    else:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BundleError(
                f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                source=file.name,
            ) from exc
    return parse_bundle(doc, source=file.name)


def load_core_bundle() -> PolicyBundle:
    """Return the core safety bundle shipped with the product (``rules/core.json``).

    Returns
    -------
    PolicyBundle
        The validated core bundle.
    """
    return load_bundle(CORE_BUNDLE_PATH)


def parse_bundle(doc: object, *, source: str = "<bundle>") -> PolicyBundle:
    """Validate a decoded bundle document.

    Parameters
    ----------
    doc
        The decoded JSON (or YAML) document.
    source
        Name used in error messages.

    Returns
    -------
    PolicyBundle
        The validated bundle.

    Raises
    ------
    BundleError
        On the first problem found (the message says how many more there are).
    """
    try:
        bundle = PolicyBundle.model_validate(doc)
    except ValidationError as exc:
        raise _bundle_error(exc, doc, source) from exc
    _check_whole(bundle, source)
    return bundle


def vehicle_classes(bundle: PolicyBundle) -> Mapping[str, VehicleClassLimits]:
    """Return the vehicle classes a bundle defines (``parameters.vehicle_classes``).

    Parameters
    ----------
    bundle
        A bundle returned by :func:`parse_bundle` (its parameters are known to be valid).

    Returns
    -------
    Mapping
        Class name to its limits, in file order.
    """
    return _CLASSES.validate_python(bundle.parameters.get("vehicle_classes", {}))


def _yaml_load(text: str, source: str) -> object:
    """Decode YAML with PyYAML when it is installed (it is not a dependency)."""
    try:
        yaml = importlib.import_module("yaml")
    except ImportError as exc:
        raise BundleError(
            "YAML bundles need PyYAML, which is not installed; use JSON", source=source
        ) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BundleError(f"not valid YAML: {exc}", source=source) from exc


def _bundle_error(exc: ValidationError, doc: object, source: str) -> BundleError:
    """Turn pydantic's first error into a located :class:`BundleError`."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = [part for part in first["loc"] if part not in _TAG_NAMES]
    message = str(first["msg"]).removeprefix("Value error, ")
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    rule_id: str | None = None
    index: int | None = None
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        index = loc[1]
        rule_id = _raw_rule_id(doc, index)
        loc = loc[2:]
    return BundleError(
        message, source=source, rule_id=rule_id, index=index, field=_dotted(loc) or None
    )


def _raw_rule_id(doc: object, index: int) -> str | None:
    """Read ``rules[index].id`` from the raw document, if it is a string."""
    if isinstance(doc, dict):
        rules = doc.get("rules")
        if isinstance(rules, list) and 0 <= index < len(rules) and isinstance(rules[index], dict):
            rid = rules[index].get("id")
            return rid if isinstance(rid, str) else None
    return None


def _dotted(loc: list[Any]) -> str:
    """Format a pydantic location as ``when[0].value``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _check_whole(bundle: PolicyBundle, source: str) -> None:
    """Run the checks that need the whole bundle: ids, parameters, classes named by rules."""
    try:
        classes = _CLASSES.validate_python(bundle.parameters.get("vehicle_classes", {}))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = _dotted(["parameters", "vehicle_classes", *first["loc"]])
        raise BundleError(str(first["msg"]), source=source, field=field) from exc
    seen: dict[str, int] = {}
    for index, rule in enumerate(bundle.rules):

        def fail(problem: str, field: str, rule_id: str = rule.id, index: int = index) -> None:
            raise BundleError(problem, source=source, rule_id=rule_id, index=index, field=field)

        if rule.id in BUILTIN_RULE_IDS:
            fail("this id is reserved for the engine", "id")
        if rule.id in seen:
            fail(f"duplicate id (first used by rules[{seen[rule.id]}])", "id")
        seen[rule.id] = index
        for k, cond in enumerate(rule.when):
            if isinstance(cond, FieldCondition) and cond.field == "vehicle_class":
                values = cond.value if isinstance(cond.value, list) else [cond.value]
                for value in values:
                    if value not in classes:
                        fail(
                            f"vehicle class {value!r} is not defined in parameters.vehicle_classes",
                            f"when[{k}].value",
                        )
