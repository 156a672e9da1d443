"""Governors running one built-in pack over the demo mine, and a proposal builder."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pytest

from edge.governor import Governor, Proposal
from edge.protocol.messages import LinkState
from maps.site import default_site_path, load_site
from plugins import PackManager, compose_bundle

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from maps.site import Site

NOW = 1_800_000_000.0
BASE = Proposal(
    vehicle_id="V-1",
    vehicle_class="haul_truck",
    profile="sim.haul_truck",
    action="proceed",
    x=0.0,
    y=0.0,
    speed_mps=5.0,
    requested_speed_mps=5.0,
    load_t=0.0,
    perception_confidence=0.97,
    link_state=LinkState.CONNECTED,
    weather="clear",
    hour=12.0,
    estop_latched=False,
    released=False,
    now=NOW,
)


def proposal(**changes: Any) -> Proposal:
    return dataclasses.replace(BASE, **changes)


@pytest.fixture(scope="session")
def mine() -> Site:
    return load_site(default_site_path())


@pytest.fixture(scope="session")
def governor_for(mine: Site) -> Callable[[ModuleType, dict[str, float] | None], Governor]:
    def build(module: ModuleType, overrides: dict[str, float] | None = None) -> Governor:
        manager = PackManager()
        manager.add_module(module)
        name = module.PACK.name
        found = manager.collect(site=mine, overrides={name: overrides or {}})
        assert manager.active == (name,)
        return Governor(compose_bundle(found, {name: module.PACK.version}), mine)

    return build
