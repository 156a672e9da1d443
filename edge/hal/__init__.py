"""Vehicle adapters (HAL): the interface the edge node drives, and the simulator."""

from edge.hal.base import TaskUpdate, VehicleAdapter
from edge.hal.kinematics import CLASSES, KinematicClass
from edge.hal.sim import SimVehicle, make_fleet
from edge.hal.sim_world import SimWorld

__all__ = [
    "CLASSES",
    "KinematicClass",
    "SimVehicle",
    "SimWorld",
    "TaskUpdate",
    "VehicleAdapter",
    "make_fleet",
]
