"""Pack profiles as simulated vehicle classes: the fleet a site's packs bring to the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

import sectors.defense.profiles
import sectors.logistics.profiles
import sectors.mining.profiles
from edge.hal.kinematics import CLASSES
from edge.hal.sim import make_fleet
from edge.hal.sim_world import SimWorld
from maps.site import load_site
from plugins.simfleet import LOAD_TIME_S, fleet_classes, sim_class

SITES = Path(__file__).resolve().parents[3] / "resources" / "sites"


def test_a_mining_site_keeps_the_simulators_mine_fleet() -> None:
    assert fleet_classes(sectors.mining.profiles.PROFILES) is None
    assert fleet_classes(()) is None


def test_logistics_classes_carry_their_profiles_kinematics() -> None:
    classes = fleet_classes(sectors.logistics.profiles.PROFILES)
    assert classes is not None
    by_name = {c.name: c for c in classes}
    assert set(by_name) == {"yard_tractor", "agv"}
    for profile in sectors.logistics.profiles.PROFILES:
        kin = by_name[profile.vehicle_class]
        assert kin.max_speed_mps == profile.kinematics.max_speed_mps
        assert kin.decel_mps2 == profile.kinematics.decel_mps2
        assert kin.payload_t == profile.kinematics.payload_t
        assert kin.load_time_s == LOAD_TIME_S  # 65 t: they haul containers


def test_loaded_variant_sets_the_loaded_factor() -> None:
    empty, loaded = sectors.mining.profiles.PROFILES[:2]
    kin = sim_class(empty, loaded)
    assert kin.loaded_speed_factor == pytest.approx(45 / 60)
    assert kin.right_of_way == 3
    assert sim_class(empty).loaded_speed_factor == 1.0


def test_mixed_packs_bring_every_class() -> None:
    profiles = (*sectors.mining.profiles.PROFILES, *sectors.defense.profiles.PROFILES)
    classes = fleet_classes(profiles)
    assert classes is not None
    assert [c.name for c in classes] == [
        "haul_truck",
        "light_vehicle",
        "ugv",
        "convoy_lead",
        "pls_follower",
    ]
    assert "ugv" not in CLASSES


def test_a_fleet_of_pack_classes_drives_the_container_yard() -> None:
    world = SimWorld(load_site(SITES / "container_yard.geojson"))
    classes = fleet_classes(sectors.logistics.profiles.PROFILES)
    fleet = make_fleet(world, 4, prefix="y-", seed=1, classes=classes)
    assert [v.vehicle_class for v in fleet] == ["yard_tractor", "agv"] * 2
    assert fleet[1].kin.max_speed_mps == 6.0
    assert all(v.profile == f"sim.{v.vehicle_class}" for v in fleet)
