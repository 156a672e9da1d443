"""``atlasmesh pack new NAME``: scaffold a working pack that passes the contract kit.

The pack gets a package with its manifest, one parameter, one vehicle profile, one rule, one
task type, English and Arabic texts, a ``pyproject.toml`` registering it in the
``atlasmesh.sectors`` entry-point group, and tests running the contract kit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plugins.manifest import PACK_NAME
from plugins.scaffold.templates import FILES

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["ScaffoldError", "new_pack", "package_name"]


class ScaffoldError(Exception):
    """The pack cannot be created (bad name, target exists); the message says what to do."""


def package_name(name: str) -> str:
    """Return the Python package of a pack: ``atlasmesh_<name>``."""
    return f"atlasmesh_{name}"


def new_pack(name: str, parent: Path, *, title: str | None = None) -> Path:
    """Create ``parent/atlasmesh-pack-<name>/`` holding a working pack.

    Parameters
    ----------
    name
        The pack name (lower case, digits and underscores, 2-32 characters).
    parent
        The directory to create the project in.
    title
        Display title (default: the name, capitalised).

    Returns
    -------
    Path
        The project directory.

    Raises
    ------
    ScaffoldError
        When the name is not a valid pack name or the directory exists already.
    """
    if re.match(PACK_NAME, name) is None:
        raise ScaffoldError(
            f"{name!r} is not a valid pack name: use 2-32 lower-case letters, digits and "
            "underscores, starting with a letter (e.g. 'quarry')"
        )
    root = parent / f"atlasmesh-pack-{name}"
    if root.exists():
        raise ScaffoldError(f"{root} exists already: choose another name or remove it")
    values = {
        "name": name,
        "package": package_name(name),
        "title": title or name.replace("_", " ").capitalize(),
    }
    for rel, template in FILES.items():
        path = root / rel.format(**values)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return root
