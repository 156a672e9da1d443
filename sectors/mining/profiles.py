"""Mining vehicle profiles: a 220 t class rigid haul truck (empty and loaded), a light vehicle.

Figures: Cat 793F / Komatsu 830E class published specifications (length about 13 m, width
7.6 m, empty mass about 160 t, payload 220 t, top speed 60 km/h empty); a loaded truck is
capped lower (SECTOR_RULES M21/M22). The light vehicle is a crew-cab pickup. Each carries its
right-of-way rank at intersections (M15).
"""

from __future__ import annotations

from plugins import EnergyModel, Kinematics, OperationalDesignDomain, VehicleProfile

__all__ = [
    "PROFILES",
    "ROW_EMERGENCY",
    "ROW_HAUL_TRUCK",
    "ROW_LIGHT_VEHICLE",
    "ROW_OTHER_EQUIPMENT",
]

# Right of way at intersections, SECTOR_RULES M15 (site rules, E): emergency vehicles (lights)
# > haul trucks > other mobile equipment > light vehicles. The pack ships no emergency or
# "other equipment" profile; a site's own profiles of those classes take these ranks.
ROW_EMERGENCY = 4
ROW_HAUL_TRUCK = 3
ROW_OTHER_EQUIPMENT = 2
ROW_LIGHT_VEHICLE = 1

_TRUCK = Kinematics(
    max_speed_mps=60 / 3.6,
    accel_mps2=0.5,
    decel_mps2=1.5,
    length_m=12.9,
    width_m=7.6,
    height_m=6.4,
    empty_mass_t=160.0,
    payload_t=220.0,
    turning_radius_m=14.0,
)
_TRUCK_ENERGY = EnergyModel(
    source="diesel", capacity_kwh=27_000.0, use_per_km=0.004, loaded_factor=2.0
)
_TRUCK_ODD = OperationalDesignDomain(
    weather=("clear", "rain", "dust"),
    max_grade_pct=10.0,
    min_perception_confidence=0.85,
)
_SENSORS = ("gnss_rtk", "lidar", "radar", "camera", "imu")

PROFILES: tuple[VehicleProfile, ...] = (
    VehicleProfile(
        id="mining.haul_truck_empty",
        title="Haul truck, 220 t class (empty)",
        vehicle_class="haul_truck",
        loaded=False,
        kinematics=_TRUCK,
        energy=_TRUCK_ENERGY,
        sensors=_SENSORS,
        odd=_TRUCK_ODD,
        right_of_way=ROW_HAUL_TRUCK,
    ),
    VehicleProfile(
        id="mining.haul_truck_loaded",
        title="Haul truck, 220 t class (loaded)",
        vehicle_class="haul_truck",
        loaded=True,
        kinematics=_TRUCK.model_copy(update={"max_speed_mps": 45 / 3.6, "accel_mps2": 0.3}),
        energy=_TRUCK_ENERGY,
        sensors=_SENSORS,
        odd=_TRUCK_ODD,
        right_of_way=ROW_HAUL_TRUCK,
    ),
    VehicleProfile(
        id="mining.light_vehicle",
        title="Light vehicle (pickup)",
        vehicle_class="light_vehicle",
        kinematics=Kinematics(
            max_speed_mps=80 / 3.6,
            accel_mps2=2.0,
            decel_mps2=4.0,
            length_m=5.3,
            width_m=1.9,
            height_m=1.9,
            empty_mass_t=2.3,
            payload_t=1.0,
            turning_radius_m=6.5,
        ),
        energy=EnergyModel(
            source="diesel", capacity_kwh=800.0, use_per_km=0.002, loaded_factor=1.1
        ),
        sensors=("gnss", "proximity_tag", "camera"),
        odd=OperationalDesignDomain(
            weather=("clear", "rain", "dust", "fog"),
            max_grade_pct=12.0,
            min_perception_confidence=0.85,
        ),
        right_of_way=ROW_LIGHT_VEHICLE,
    ),
)
