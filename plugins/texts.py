"""Where a pack's display texts live in its ``atlas_translations`` messages, per language.

A pack gives every text the console shows in each language it speaks (English and Arabic
at least), in :class:`~plugins.records.Translations` messages keyed by:

- the record id, for the record's title (``mining.loaded_speed_kmh``);
- ``<record id>:<field>`` for a record's other texts (:data:`RECORD_FIELDS`:
  ``mining.loaded_speed_kmh:unit``, ``mining.loaded_speed_kmh:source``,
  ``mining.blast:description``, ``mining.misfire:instructions``);
- ``<pack>:<field>`` for the manifest's texts (:data:`PACK_FIELDS`: ``mining:title``,
  ``mining:description``).

The keys are plain message keys, so a pack that gives them loads on any 1.x host (one that
does not know a key simply does not ask for it).  A text a pack does not give falls back to
the record's English field: the console's language test then finds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from plugins.records import AssistPlaybook, KpiDefinition, ParameterSpec, ZoneKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pydantic import BaseModel

    from plugins.manifest import PackInfo

__all__ = [
    "PACK_FIELDS",
    "RECORD_FIELDS",
    "TEXT_FIELDS",
    "english_texts",
    "pack_text",
    "record_text",
    "text_key",
]

RecordField = Literal["title", "description", "unit", "source", "instructions"]
PackField = Literal["title", "description"]

RECORD_FIELDS: tuple[RecordField, ...] = ("title", "description", "unit", "source", "instructions")
"""Record fields with display text (``title`` is keyed by the bare id)."""
PACK_FIELDS: tuple[PackField, ...] = ("title", "description")
"""Manifest (``PackInfo``) fields with display text."""
TEXT_FIELDS: dict[type[BaseModel], tuple[RecordField, ...]] = {
    ParameterSpec: ("unit", "source"),
    ZoneKind: ("description",),
    KpiDefinition: ("unit", "description"),
    AssistPlaybook: ("instructions",),
}
"""The display fields beyond the title of each record type (a pack translates each)."""


def text_key(owner: str, field: str = "title") -> str:
    """Return the message key of ``owner``'s ``field`` (a record id's title is the bare id).

    ``owner`` is a record id (``mining.blast``) or, for the manifest's texts, a pack name.
    """
    if field == "title" and "." in owner:
        return owner
    return f"{owner}:{field}"


def record_text(
    translations: Mapping[str, Mapping[str, str]],
    language: str,
    record_id: str,
    field: RecordField,
    english: str,
) -> str:
    """Return a record's ``field`` in ``language``; ``english`` when the pack gives none."""
    text = translations.get(language, {}).get(text_key(record_id, field), "")
    return text if text.strip() else english


def pack_text(
    translations: Mapping[str, Mapping[str, str]],
    language: str,
    pack: str,
    field: PackField,
    english: str,
) -> str:
    """Return a pack manifest's ``field`` in ``language``; ``english`` when the pack gives none."""
    text = translations.get(language, {}).get(text_key(pack, field), "")
    return text if text.strip() else english


def english_texts(pack: PackInfo, records: Iterable[BaseModel]) -> dict[str, str]:
    """Return the English messages of the manifest's and ``records``' fields (not titles).

    A pack merges these into its English :class:`~plugins.records.Translations` and writes the
    same keys in every other language it speaks.
    """
    out = {
        text_key(pack.name, "title"): pack.title,
        text_key(pack.name, "description"): pack.description,
    }
    for record in records:
        record_id = str(getattr(record, "id", ""))
        for kind, fields in TEXT_FIELDS.items():
            if isinstance(record, kind):
                for name in fields:
                    out[text_key(record_id, name)] = str(getattr(record, name))
    return out
