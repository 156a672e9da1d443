"""Vehicle profiles for routing: the speeds and masses the edge costs depend on.

``maps`` sits below ``edge`` and cannot import the simulator's kinematic classes, so the routing
profiles carry their own figures; the built-ins match ``edge.hal.kinematics`` (a 220 t class
rigid haul truck such as the Cat 793, a pickup-class light vehicle, a 90 t water truck) and add
the masses the energy model needs (published empty operating masses, rounded).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["VEHICLE_PROFILES", "VehicleProfile", "profile"]

GRAVITY_MPS2 = 9.81
"""Standard gravity, m/s²."""

STEEP_GRADE = 0.05
"""Climbs steeper than this (5 %) slow a loaded vehicle by its ``ramp_speed_factor``."""


@dataclass(frozen=True, slots=True)
class VehicleProfile:
    """What routing needs to know about a vehicle class.

    Attributes
    ----------
    name
        Class name (``haul_truck``, ...).
    max_speed_mps
        Top speed empty on a level road.
    loaded_speed_factor
        Top-speed multiplier when loaded.
    ramp_speed_factor
        Extra multiplier, loaded, on climbs steeper than :data:`STEEP_GRADE`.
    empty_mass_t
        Operating mass empty, tonnes.
    payload_t
        Rated payload, tonnes (0 for a vehicle that carries none).
    rolling_resistance
        Rolling-resistance coefficient (2 % is a typical maintained haul road).
    """

    name: str
    max_speed_mps: float
    loaded_speed_factor: float
    ramp_speed_factor: float
    empty_mass_t: float
    payload_t: float
    rolling_resistance: float = 0.02

    def __post_init__(self) -> None:
        checks = (
            ("max_speed_mps", self.max_speed_mps, 0.0, math.inf),
            ("loaded_speed_factor", self.loaded_speed_factor, 0.0, 1.0),
            ("ramp_speed_factor", self.ramp_speed_factor, 0.0, 1.0),
            ("empty_mass_t", self.empty_mass_t, 0.0, math.inf),
        )
        for name, value, lo, hi in checks:
            if not (lo < value <= hi and math.isfinite(value)):
                raise ValueError(f"{name} must be in ({lo}, {hi}], got {value}")
        if not (self.payload_t >= 0 and math.isfinite(self.payload_t)):
            raise ValueError(f"payload_t must be >= 0, got {self.payload_t}")
        if not 0 <= self.rolling_resistance < 1:
            raise ValueError(f"rolling_resistance must be in [0, 1), got {self.rolling_resistance}")

    def mass_kg(self, *, loaded: bool) -> float:
        """Return the gross mass, kilograms."""
        return 1000.0 * (self.empty_mass_t + (self.payload_t if loaded else 0.0))


VEHICLE_PROFILES: dict[str, VehicleProfile] = {
    p.name: p
    for p in (
        VehicleProfile("haul_truck", 60 / 3.6, 0.75, 0.6, empty_mass_t=165.0, payload_t=220.0),
        VehicleProfile("light_vehicle", 80 / 3.6, 1.0, 0.9, empty_mass_t=2.8, payload_t=0.5),
        VehicleProfile("water_truck", 50 / 3.6, 0.8, 0.7, empty_mass_t=70.0, payload_t=90.0),
    )
}
"""The built-in profiles by name."""


def profile(name: str) -> VehicleProfile:
    """Return a built-in profile by name (``ValueError`` naming the known ones otherwise)."""
    try:
        return VEHICLE_PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(VEHICLE_PROFILES))
        raise ValueError(f"unknown vehicle class {name!r}; known: {known}") from None
