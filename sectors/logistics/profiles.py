"""Logistics vehicle profiles: a terminal (yard) tractor and a container AGV.

Figures: terminal tractors of the Kalmar T2 / Terberg YT class (top speed about 40 km/h,
fifth-wheel load up to about 70 t with a loaded trailer); battery container AGVs of the
Konecranes / ZPMC class (about 6 m/s, 60-70 t payload).
"""

from __future__ import annotations

from plugins import EnergyModel, Kinematics, OperationalDesignDomain, VehicleProfile

__all__ = ["PROFILES"]

PROFILES: tuple[VehicleProfile, ...] = (
    VehicleProfile(
        id="logistics.yard_tractor",
        title="Yard tractor with trailer",
        vehicle_class="yard_tractor",
        kinematics=Kinematics(
            max_speed_mps=40 / 3.6,
            accel_mps2=1.0,
            decel_mps2=3.0,
            length_m=18.0,
            width_m=2.6,
            height_m=3.2,
            empty_mass_t=22.0,  # tractor and empty chassis trailer
            payload_t=65.0,
            turning_radius_m=8.0,
        ),
        energy=EnergyModel(
            source="battery", capacity_kwh=280.0, use_per_km=0.02, loaded_factor=1.8
        ),
        sensors=("gnss_rtk", "lidar", "radar", "camera"),
        odd=OperationalDesignDomain(
            weather=("clear", "rain", "fog"), max_grade_pct=8.0, min_perception_confidence=0.85
        ),
    ),
    VehicleProfile(
        id="logistics.agv",
        title="Container AGV",
        vehicle_class="agv",
        kinematics=Kinematics(
            max_speed_mps=6.0,
            accel_mps2=0.5,
            decel_mps2=1.5,
            length_m=15.0,
            width_m=3.0,
            height_m=1.8,
            empty_mass_t=27.0,
            payload_t=65.0,
            turning_radius_m=9.0,
        ),
        energy=EnergyModel(
            source="battery", capacity_kwh=200.0, use_per_km=0.015, loaded_factor=1.5
        ),
        sensors=("transponder_grid", "lidar", "bumper"),
        odd=OperationalDesignDomain(
            weather=("clear", "rain"),
            max_grade_pct=2.0,
            min_perception_confidence=0.9,
            zones=("speed_limit", "exclusion", "closed_road"),
        ),
    ),
)
