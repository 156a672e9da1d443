"""The compiled-catalogue cache: keyed by the source's content, never a stale or foreign one."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QTranslator  # noqa: TID251 - loads the compiled catalogue

from app.ui.language import compile_catalogue

if TYPE_CHECKING:
    from pathlib import Path

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>Probe</name>
    <message>
        <source>Fleet</source>
        <translation>{text}</translation>
    </message>
</context>
</TS>
"""


def _translated(qm: Path) -> str:
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator.translate("Probe", "Fleet") or ""


def test_same_source_reuses_its_catalogue(tmp_path: Path) -> None:
    source = tmp_path / "probe_ar.ts"
    source.write_text(TS.format(text="الأسطول"), encoding="utf-8")
    first = compile_catalogue(source, tmp_path / "cache")
    built = first.stat().st_mtime_ns
    again = compile_catalogue(source, tmp_path / "cache")
    assert again == first
    assert again.stat().st_mtime_ns == built
    assert _translated(first) == "الأسطول"


def test_another_text_with_an_older_date_gets_its_own_catalogue(tmp_path: Path) -> None:
    """Checkouts share the per-user cache: an older file of another text is not stale-matched."""
    cache = tmp_path / "cache"
    newer = tmp_path / "a" / "probe_ar.ts"
    older = tmp_path / "b" / "probe_ar.ts"
    for path, text in ((newer, "الأسطول"), (older, "المركبات")):
        path.parent.mkdir()
        path.write_text(TS.format(text=text), encoding="utf-8")
    os.utime(older, (1_000_000_000, 1_000_000_000))
    first = compile_catalogue(newer, cache)
    second = compile_catalogue(older, cache)
    assert second != first
    assert _translated(first) == "الأسطول"
    assert _translated(second) == "المركبات"
    assert not list(cache.glob("*.partial.qm"))
