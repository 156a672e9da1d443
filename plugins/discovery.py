"""Finding packs: the ``atlasmesh.sectors`` entry-point group and a site's packs folder.

Discovery only imports modules; it never registers anything. Import failures become
candidates with an error, so the manager can report them like any other refused pack.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

__all__ = ["ENTRY_POINT_GROUP", "Candidate", "from_entry_points", "from_folder", "hooks_module"]

ENTRY_POINT_GROUP = "atlasmesh.sectors"
"""Installed packs register ``<pack name> = "<package>"`` in this group."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A module that may be a pack.

    Attributes
    ----------
    label
        Its entry-point or folder name (what we call it before its manifest is read).
    source
        Where it was found, for messages.
    module
        The imported module, or ``None`` when the import failed.
    error
        Why the import failed.
    builtin
        Shipped with AtlasMesh (under ``sectors``).
    """

    label: str
    source: str
    module: ModuleType | None
    error: str | None = None
    builtin: bool = False


def from_entry_points(group: str = ENTRY_POINT_GROUP) -> list[Candidate]:
    """Import every module registered in the entry-point ``group`` (sorted by name)."""
    out = []
    eps = sorted(importlib.metadata.entry_points(group=group), key=lambda e: e.name)
    for ep in eps:
        source = f"entry point {ep.name} = {ep.value}"
        builtin = ep.value.split(".")[0] == "sectors"
        try:
            module = ep.load()
        except Exception as exc:  # noqa: BLE001 - isolation boundary: a broken pack is reported
            out.append(Candidate(ep.name, source, None, _describe(exc), builtin))
            continue
        out.append(Candidate(ep.name, source, module, None, builtin))
    return out


def from_folder(folder: Path) -> list[Candidate]:
    """Import every package (a directory with ``__init__.py``) of a site's packs folder.

    Each package is imported under its directory name; a name already imported from
    somewhere else is refused rather than shadowed.
    """
    out: list[Candidate] = []
    if not folder.is_dir():
        return out
    for pkg in sorted(p for p in folder.iterdir() if (p / "__init__.py").is_file()):
        name, source = pkg.name, f"folder {pkg}"
        existing = sys.modules.get(name)
        if existing is not None:
            where = getattr(existing, "__file__", None) or "a built-in module"
            if where != str(pkg / "__init__.py"):
                out.append(
                    Candidate(name, source, None, f"the name {name!r} is already taken by {where}")
                )
                continue
            out.append(Candidate(name, source, existing))
            continue
        spec = importlib.util.spec_from_file_location(
            name, pkg / "__init__.py", submodule_search_locations=[str(pkg)]
        )
        if spec is None or spec.loader is None:
            out.append(Candidate(name, source, None, "not an importable package"))
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # noqa: BLE001 - isolation boundary: a broken pack is reported
            del sys.modules[name]
            out.append(Candidate(name, source, None, _describe(exc)))
            continue
        out.append(Candidate(name, source, module))
    return out


def hooks_module(module: ModuleType) -> ModuleType:
    """Return the module holding a pack's hook implementations.

    A package's hooks live in its ``hooks`` submodule when it has one; otherwise the module
    itself holds them.
    """
    if hasattr(module, "__path__"):
        name = f"{module.__name__}.hooks"
        if importlib.util.find_spec(name) is not None:
            return importlib.import_module(name)
    return module


def _describe(exc: BaseException) -> str:
    """One line for an import failure."""
    return f"importing it raised {type(exc).__name__}: {exc}"
