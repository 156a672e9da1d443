"""The logistics and defense rules decide real proposals."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import sectors.defense
import sectors.logistics
from edge.protocol.messages import LinkState, Outcome
from tests.unit.sectors.conftest import proposal

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.governor import Governor
    from maps.site import Site


@pytest.fixture(scope="module")
def logistics(governor_for: Callable[..., Governor]) -> Governor:
    return governor_for(sectors.logistics)


@pytest.fixture(scope="module")
def defense(governor_for: Callable[..., Governor]) -> Governor:
    return governor_for(sectors.defense)


def _inside(mine: Site, sector_kind: str) -> tuple[float, float]:
    zone = next(z for z in mine.zones if z.sector_kind == sector_kind and z.active)
    point = zone.polygon.representative_point()
    return point.x, point.y


def test_yard_speed_and_pedestrian_zone(logistics: Governor, mine: Site) -> None:
    x, y = _inside(mine, "pedestrian")
    d = logistics.decide(proposal(vehicle_class="yard_tractor", x=x, y=y, requested_speed_mps=8.0))
    assert {"logistics.yard_speed", "logistics.pedestrian_zone"} <= set(d.fired)
    caps = [c.value for c in d.constraints if c.kind == "speed_cap_mps"]
    assert min(caps) == pytest.approx(4.8 / 3.6)


def test_restart_near_pedestrians_escalates(logistics: Governor, mine: Site) -> None:
    x, y = _inside(mine, "pedestrian")
    d = logistics.decide(proposal(vehicle_class="agv", x=x, y=y, action="resume", released=True))
    assert d.outcome is Outcome.ESCALATE
    assert "logistics.restart_near_pedestrians" in d.fired


def test_convoy_catch_up_cap_and_blackout(defense: Governor) -> None:
    d = defense.decide(
        proposal(vehicle_class="pls_follower", x=-9000.0, y=-9000.0, requested_speed_mps=24.0)
    )
    assert "defense.catch_up_cap" in d.fired
    night = defense.decide(proposal(vehicle_class="ugv", x=-9000.0, y=-9000.0, hour=22.0))
    assert "defense.blackout_evening" in night.fired
    assert min(c.value for c in night.constraints if c.kind == "speed_cap_mps") == pytest.approx(
        8 / 3.6
    )
    day = defense.decide(proposal(vehicle_class="ugv", x=-9000.0, y=-9000.0, hour=12.0))
    assert not {"defense.blackout_evening", "defense.blackout_night"} & set(day.fired)


def test_follower_stops_when_the_link_is_lost(defense: Governor) -> None:
    d = defense.decide(
        proposal(vehicle_class="pls_follower", x=-9000.0, y=-9000.0, link_state=LinkState.OFFLINE)
    )
    assert d.outcome is Outcome.BLOCK
    assert "defense.follower_link_lost" in d.fired


def test_following_distance_in_the_yard(logistics: Governor) -> None:
    close = logistics.decide(proposal(vehicle_class="yard_tractor", x=-9e3, y=-9e3, gap_m=30.0))
    assert "logistics.following_distance" in close.fired
    far = logistics.decide(proposal(vehicle_class="yard_tractor", x=-9e3, y=-9e3, gap_m=60.0))
    assert "logistics.following_distance" not in far.fired


def test_convoy_interval_and_close_column_minimum(defense: Governor) -> None:
    def fired(gap: float, cls: str = "pls_follower") -> set[str]:
        return set(defense.decide(proposal(vehicle_class=cls, x=-9e3, y=-9e3, gap_m=gap)).fired)

    assert "defense.column_interval" in fired(40.0)
    assert "defense.close_column_min" not in fired(40.0)
    assert {"defense.column_interval", "defense.close_column_min"} <= fired(15.0)
    assert not {"defense.column_interval", "defense.close_column_min"} & fired(15.0, "ugv")
    assert not {"defense.column_interval", "defense.close_column_min"} & fired(120.0)


def test_emcon_zone_allows_no_new_mission_on_the_demo_base() -> None:
    # The demo base's forward supply point lies in an emission-control area: a vehicle there
    # may finish moving but starts no new mission (tasks need radio traffic).
    from edge.governor import Governor
    from maps.site import load_site
    from plugins import PackManager, compose_bundle
    from tests.unit.sectors.conftest import NOW

    base = load_site(Path(__file__).parents[3] / "resources/sites/demo_base.geojson")
    emcon = [z for z in base.zones if z.sector_kind == "emcon"]
    assert [z.kind for z in emcon] == ["ACTION"]
    manager = PackManager()
    manager.add_module(sectors.defense)
    bundle = compose_bundle(manager.collect(site=base), {"defense": sectors.defense.PACK.version})
    governor = Governor(bundle, base)
    x, y = base.poi("FSP").xy
    inside = governor.decide(proposal(vehicle_class="ugv", action="start_task", x=x, y=y, now=NOW))
    assert "defense.emcon_zone" in inside.fired
    assert inside.no_new_missions
    outside = governor.decide(
        proposal(vehicle_class="ugv", action="start_task", x=x - 600.0, y=y, now=NOW)
    )
    assert "defense.emcon_zone" not in outside.fired
