"""Kinematic classes for simulated vehicles, with plausible figures per class.

Figures follow published specifications of common mining equipment (a 220 t class rigid haul
truck such as the Cat 793 or Komatsu 830E; a light vehicle of the pickup class) and the
site speed limits in shared/SECTOR_RULES.md; a site's packs bring other classes (converted from
their profiles by :func:`plugins.simfleet.sim_classes`). The mine classes carry the right-of-way
ranks of SECTOR_RULES M15 (haul truck 3 > other mobile equipment, here the water truck, 2 >
light vehicle 1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KinematicClass:
    """Limits the simulator respects for one vehicle class."""

    name: str
    max_speed_mps: float
    """Top speed empty on a level road."""
    loaded_speed_factor: float
    """Top speed multiplier when loaded (haul trucks are much slower full)."""
    ramp_speed_factor: float
    """Extra multiplier on grades steeper than 5 %, climbing loaded."""
    accel_mps2: float
    decel_mps2: float
    payload_t: float
    energy_per_km: float
    """Fraction of a full tank or battery used per km, empty."""
    load_time_s: float
    dump_time_s: float
    right_of_way: int = 0
    """Rank at intersections (the governor's ``row_rank``; higher has the right of way)."""


HAUL_TRUCK = KinematicClass(
    name="haul_truck",
    max_speed_mps=60 / 3.6,
    loaded_speed_factor=0.75,
    ramp_speed_factor=0.6,
    accel_mps2=0.5,
    decel_mps2=1.5,
    payload_t=220.0,
    energy_per_km=0.004,
    load_time_s=150.0,
    dump_time_s=60.0,
    right_of_way=3,
)
LIGHT_VEHICLE = KinematicClass(
    name="light_vehicle",
    max_speed_mps=80 / 3.6,
    loaded_speed_factor=1.0,
    ramp_speed_factor=0.9,
    accel_mps2=2.0,
    decel_mps2=4.0,
    payload_t=0.0,
    energy_per_km=0.002,
    load_time_s=0.0,
    dump_time_s=0.0,
    right_of_way=1,
)
WATER_TRUCK = KinematicClass(
    name="water_truck",
    max_speed_mps=50 / 3.6,
    loaded_speed_factor=0.8,
    ramp_speed_factor=0.7,
    accel_mps2=0.6,
    decel_mps2=1.5,
    payload_t=90.0,
    energy_per_km=0.004,
    load_time_s=60.0,
    dump_time_s=0.0,
    right_of_way=2,
)

CLASSES: dict[str, KinematicClass] = {c.name: c for c in (HAUL_TRUCK, LIGHT_VEHICLE, WATER_TRUCK)}
"""Every built-in simulated class by name."""
