"""Simulated vehicles of a site's packs: pack profiles as the simulator's kinematic classes.

The simulator's built-in classes are a mine's (haul truck, water truck, light vehicle). A site
whose packs bring other classes (yard tractors and AGVs, UGVs and convoy vehicles) gets a
simulated fleet of those classes, with the kinematics of the packs' profiles, so the packs'
rules govern vehicles of the classes they were written for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edge.hal.kinematics import CLASSES, KinematicClass
from edge.hal.sim import HAULS_FROM_T

if TYPE_CHECKING:
    from collections.abc import Iterable

    from plugins.records import VehicleProfile

__all__ = ["DUMP_TIME_S", "LOAD_TIME_S", "fleet_classes", "sim_class"]

LOAD_TIME_S = 90.0
"""Loading time of a simulated pack class that hauls (profiles carry no handling times)."""
DUMP_TIME_S = 45.0
"""Unloading time of a simulated pack class that hauls."""


def sim_class(empty: VehicleProfile, loaded: VehicleProfile | None = None) -> KinematicClass:
    """Return the simulator's kinematic class for a profile (and its loaded variant).

    Parameters
    ----------
    empty
        The profile of the class empty, or for both states (``loaded`` is not ``True``).
    loaded
        The loaded variant, when the pack gives one: its top speed sets the loaded factor.
    """
    kin = empty.kinematics
    factor = 1.0
    if loaded is not None:
        factor = min(1.0, loaded.kinematics.max_speed_mps / kin.max_speed_mps)
    hauls = kin.payload_t >= HAULS_FROM_T
    return KinematicClass(
        name=empty.vehicle_class,
        max_speed_mps=kin.max_speed_mps,
        loaded_speed_factor=factor,
        ramp_speed_factor=1.0,  # grades are the governor's (rules, road limits), not a factor
        accel_mps2=kin.accel_mps2,
        decel_mps2=kin.decel_mps2,
        payload_t=kin.payload_t,
        energy_per_km=empty.energy.use_per_km,
        load_time_s=LOAD_TIME_S if hauls else 0.0,
        dump_time_s=DUMP_TIME_S if hauls else 0.0,
        right_of_way=empty.right_of_way,
    )


def fleet_classes(profiles: Iterable[VehicleProfile]) -> tuple[KinematicClass, ...] | None:
    """Return the classes a site's simulated fleet cycles through, or ``None`` for the default.

    ``None`` (the simulator's mine fleet) when the packs bring no class the simulator lacks;
    otherwise one class per vehicle class of the profiles, in the packs' order.
    """
    by_class: dict[str, list[VehicleProfile]] = {}
    for profile in profiles:
        by_class.setdefault(profile.vehicle_class, []).append(profile)
    if all(name in CLASSES for name in by_class):
        return None
    classes = []
    for variants in by_class.values():
        empty = next((p for p in variants if p.loaded is not True), variants[0])
        loaded = next((p for p in variants if p.loaded is True and p is not empty), None)
        classes.append(sim_class(empty, loaded))
    return tuple(classes)
