"""Each built-in pack passes the contract kit and carries strength and source everywhere."""

from __future__ import annotations

import re

import pytest

import sectors.defense
import sectors.logistics
import sectors.mining
from plugins import PackManager, english_texts, pack_text, record_text
from plugins.testing import assert_pack_contract

PACKS = [sectors.mining, sectors.logistics, sectors.defense]


@pytest.mark.parametrize("module", PACKS, ids=lambda m: m.__name__)
def test_pack_contract(module: object) -> None:
    assert_pack_contract(module)  # type: ignore[arg-type]


@pytest.mark.parametrize("module", PACKS, ids=lambda m: m.__name__)
def test_site_examples_are_parameters_with_sources(module: object) -> None:
    manager = PackManager()
    manager.add_module(module)  # type: ignore[arg-type]
    found = manager.collect()
    assert found.parameters, "a pack's figures are parameters"
    for spec in found.parameters.values():
        assert spec.strength in "RSGDE"
        assert spec.source
    for rule_set in found.rule_sets.values():
        for rule in rule_set.rules:
            assert rule.strength
            assert rule.source


@pytest.mark.parametrize("module", PACKS, ids=lambda m: m.__name__)
def test_every_displayed_field_has_arabic_with_latin_only_in_islands(module: object) -> None:
    manager = PackManager()
    manager.add_module(module)  # type: ignore[arg-type]
    found = manager.collect()
    name = module.__name__.rsplit(".", 1)[-1]  # type: ignore[attr-defined]
    english = found.translations["en"]
    arabic = found.translations["ar"]
    records = [*found.parameters.values(), *found.zone_kinds.values()]
    records += [*found.kpis.values(), *found.playbooks.values()]
    wanted = set(english_texts(module.PACK, records))  # type: ignore[attr-defined]
    assert wanted <= set(english)
    assert {f"{name}:title", f"{name}:description", f"{name}.blast:description"} & wanted
    for key in sorted(wanted):
        text = arabic.get(key, "")
        assert text.strip(), f"no Arabic for {key}"
        outside = re.sub("\u2066[^\u2069]*\u2069", "", text)
        assert not re.search("[A-Za-z]{2,}", outside), f"{key}: English outside an island: {text}"
        if text != "%":  # the one unit written the same in both
            assert re.search("[\u0600-\u06ff]", text), f"{key}: no Arabic in {text}"
    # The panels read them through plugins.texts, falling back to English.
    spec = next(iter(found.parameters.values()))
    assert record_text(found.translations, "ar", spec.id, "source", spec.source) != spec.source
    assert record_text(found.translations, "fr", spec.id, "source", spec.source) == spec.source
    assert pack_text(found.translations, "ar", name, "title", "x") == module.PACK.title_ar  # type: ignore[attr-defined]
