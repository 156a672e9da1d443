"""Defense vehicle profiles: a medium UGV, a manned convoy leader and an unmanned PLS follower.

Figures: a 10 t class PLS (M1075: about 25 m/s on roads, 16.5 t payload), a protected convoy
lead vehicle, a medium tracked/wheeled UGV of the 10 t class (about 12 m/s).
"""

from __future__ import annotations

from plugins import EnergyModel, Kinematics, OperationalDesignDomain, VehicleProfile

__all__ = ["PROFILES"]

_ROAD_ODD = OperationalDesignDomain(
    weather=("clear", "rain", "dust", "fog"), max_grade_pct=30.0, min_perception_confidence=0.9
)

PROFILES: tuple[VehicleProfile, ...] = (
    VehicleProfile(
        id="defense.ugv",
        title="Medium UGV",
        vehicle_class="ugv",
        kinematics=Kinematics(
            max_speed_mps=12.0,
            accel_mps2=1.5,
            decel_mps2=4.0,
            length_m=5.5,
            width_m=2.5,
            height_m=2.2,
            empty_mass_t=9.0,
            payload_t=3.0,
            turning_radius_m=5.0,
        ),
        energy=EnergyModel(
            source="hybrid", capacity_kwh=300.0, use_per_km=0.004, loaded_factor=1.3
        ),
        sensors=("gnss", "ins", "lidar", "radar", "thermal_camera"),
        odd=_ROAD_ODD,
    ),
    VehicleProfile(
        id="defense.convoy_lead",
        title="Convoy lead vehicle (manned)",
        vehicle_class="convoy_lead",
        kinematics=Kinematics(
            max_speed_mps=24.0,
            accel_mps2=1.5,
            decel_mps2=5.0,
            length_m=6.4,
            width_m=2.5,
            height_m=2.7,
            empty_mass_t=14.0,
            payload_t=2.0,
            turning_radius_m=8.0,
        ),
        energy=EnergyModel(
            source="diesel", capacity_kwh=1_500.0, use_per_km=0.002, loaded_factor=1.1
        ),
        sensors=("gnss", "ins", "radar", "camera", "v2v_radio"),
        odd=_ROAD_ODD,
    ),
    VehicleProfile(
        id="defense.pls_follower",
        title="PLS leader-follower truck (unmanned)",
        vehicle_class="pls_follower",
        kinematics=Kinematics(
            max_speed_mps=25.0,
            accel_mps2=1.0,
            decel_mps2=4.0,
            length_m=10.8,
            width_m=2.4,
            height_m=3.3,
            empty_mass_t=24.0,
            payload_t=16.5,
            turning_radius_m=12.0,
        ),
        energy=EnergyModel(
            source="diesel", capacity_kwh=3_000.0, use_per_km=0.002, loaded_factor=1.4
        ),
        sensors=("gnss", "ins", "lidar", "radar", "v2v_radio"),
        odd=_ROAD_ODD,
    ),
)
