"""Each built-in pack passes the contract kit and carries strength and source everywhere."""

from __future__ import annotations

import pytest

import sectors.defense
import sectors.logistics
import sectors.mining
from plugins import PackManager
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
