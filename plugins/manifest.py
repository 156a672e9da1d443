"""The pack manifest (``PACK``) and the plugin API version rules.

Every pack module declares ``PACK = PackInfo(...)``: its name, version, the plugin API it
targets, what it provides and what it depends on. The host validates it before registering
anything (STYLE.md, sector packs, rule 3).

API compatibility: a pack targeting ``MAJOR.MINOR`` loads on a host with the same major
version and a minor at least as high. A minor bump only adds hooks, records or fields; a
major bump removes, renames or changes something.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "API_VERSION",
    "PROVIDES",
    "PackInfo",
    "api_compatibility",
    "parse_api",
]

API_VERSION = "1.1"
"""The plugin API this host offers (``MAJOR.MINOR``)."""

Provides = Literal[
    "parameters",
    "profiles",
    "rules",
    "tasks",
    "zones",
    "layers",
    "kpis",
    "playbooks",
    "translations",
    "panels",
    "audit",
]
PROVIDES: tuple[str, ...] = get_args(Provides)
"""What a pack may declare it provides; each maps to one ``atlas_*`` hook."""

_API = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)([-+][0-9A-Za-z.\-+]+)?$"
PACK_NAME = r"^[a-z][a-z0-9_]{1,31}$"
"""Pack names: lower-case identifiers; every record id the pack contributes starts with it."""


def parse_api(text: str) -> tuple[int, int]:
    """Return ``(major, minor)`` of an API version string.

    Raises
    ------
    ValueError
        When ``text`` is not ``MAJOR.MINOR``.
    """
    match = _API.match(text)
    if match is None:
        raise ValueError(f"API version {text!r} is not MAJOR.MINOR (e.g. '1.0')")
    return int(match.group(1)), int(match.group(2))


def api_compatibility(pack_api: str, host_api: str = API_VERSION) -> str | None:
    """Return why a pack's API is incompatible with the host's, or ``None`` when it is fine."""
    pack_major, pack_minor = parse_api(pack_api)
    host_major, host_minor = parse_api(host_api)
    if pack_major != host_major:
        return (
            f"it targets plugin API {pack_api} but this AtlasMesh offers API {host_api} "
            f"(major versions differ)"
        )
    if pack_minor > host_minor:
        return f"it targets plugin API {pack_api}, newer than this AtlasMesh's API {host_api}"
    return None


class PackInfo(BaseModel):
    """A pack's manifest: who it is, which API it targets, what it provides and needs.

    Attributes
    ----------
    name
        Pack name (``mining``); the entry-point name must equal it and every id the pack
        contributes starts with ``<name>.``.
    version
        The pack's own version (semantic versioning).
    api
        The plugin API it targets, ``MAJOR.MINOR``.
    title, title_ar
        Display names in English and Arabic.
    description
        One or two sentences for ``atlasmesh pack list`` and the console.
    provides
        The contribution kinds the pack implements (each is one hook).
    requires
        Python distributions it needs (PEP 508 strings, for information and ``pack list``).
    depends_on
        Other packs that must be enabled with it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=PACK_NAME)
    version: str = Field(pattern=_SEMVER)
    api: str
    title: str = Field(min_length=1, max_length=80)
    title_ar: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=1, max_length=400)
    provides: tuple[Provides, ...] = ()
    requires: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()

    @field_validator("api")
    @classmethod
    def _api_form(cls, value: str) -> str:
        parse_api(value)
        return value

    @field_validator("provides")
    @classmethod
    def _unique(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError("lists a contribution kind twice")
        return value
