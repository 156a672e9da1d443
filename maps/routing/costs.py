"""Per-edge costs of a vehicle class and load: time, energy and risk, as flat arrays.

Zones are matched to roads once, with shapely, when a router is built
(:func:`zone_incidence`); everything after that is NumPy over edge arrays, so a query never
touches geometry.

Time
    ``length / speed`` with ``speed = min(class top speed (x loaded factor), road limit, the
    lowest SPEED_LIMIT of the active zones the road passes through)``, and loaded vehicles
    slowed by the class's ramp factor on climbs steeper than 5 %.
Energy (kJ)
    ``max(0, m g (grade + rolling resistance) L)``: the work at the wheels against gravity and
    rolling resistance for the gross mass (empty or loaded); descents cost nothing (brakes, no
    regeneration assumed), never a credit, so every edge cost stays >= 0.
Risk (points)
    ``weather x (length_km x (1 + sum of the zone weights crossed) + 0.2 if the edge ends at an
    intersection)``; an intersection is a node where three or more road ends meet. Zone weights
    are in :data:`ZONE_RISK`; blocked zones are not weighted, they are removed by the policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from maps.routing.profiles import GRAVITY_MPS2, STEEP_GRADE

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

    from maps.features import Road, Zone
    from maps.graph import RoadGraph
    from maps.routing.profiles import VehicleProfile

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]
    BoolArray = npt.NDArray[np.bool_]

__all__ = ["INTERSECTION_RISK", "ZONE_RISK", "EdgeCosts", "ZoneIncidence", "zone_incidence"]

ZONE_RISK: dict[str, float] = {
    "pedestrian": 3.0,
    "exclusion": 2.0,
    "workshop_area": 1.0,
    "speed_limit": 0.5,
    "emcon": 0.5,
}
"""Risk weight per kilometre for each zone kind (``sector_kind``) an edge passes through."""

INTERSECTION_RISK = 0.2
"""Risk points for entering an intersection (a node of degree >= 3)."""

MIN_OVERLAP_M = 1e-6
"""A road belongs to a zone when this much of its line lies inside (touching is not crossing)."""


def is_blocking(zone: Zone) -> bool:
    """Whether an active zone removes the roads it crosses (BLOCKED, blast, closed road)."""
    return zone.active and (zone.kind == "BLOCKED" or zone.sector_kind in ("blast", "closed_road"))


@dataclass(frozen=True, slots=True)
class ZoneIncidence:
    """Which roads pass through which zones, both ways.

    Attributes
    ----------
    zone_roads
        Per zone (site order), the sorted road indices it crosses (or names in ``road_ids``).
    road_zones
        Per road, the zone indices it crosses.
    """

    zone_roads: tuple[IntArray, ...]
    road_zones: tuple[tuple[int, ...], ...]


def zone_incidence(roads: Sequence[Road], zones: Sequence[Zone]) -> ZoneIncidence:
    """Match roads to zones with shapely (once per site).

    A road crosses a zone when a positive length of its line lies inside the polygon, or when
    the zone names the road in its ``road_ids`` property.
    """
    road_index = {r.id: k for k, r in enumerate(roads)}
    lines = [shapely.LineString(r.line_xy) for r in roads]
    tree = shapely.STRtree(lines)
    zone_roads: list[IntArray] = []
    road_zones: list[list[int]] = [[] for _ in roads]
    for z, zone in enumerate(zones):
        hits = {int(k) for k in tree.query(zone.polygon, predicate="intersects")}
        crossing = {
            k for k in hits if shapely.intersection(lines[k], zone.polygon).length > MIN_OVERLAP_M
        }
        crossing.update(road_index[rid] for rid in zone.properties.get("road_ids", ()))
        members = np.array(sorted(crossing), dtype=np.int64)
        members.setflags(write=False)
        zone_roads.append(members)
        for k in members:
            road_zones[int(k)].append(z)
    return ZoneIncidence(tuple(zone_roads), tuple(tuple(z) for z in road_zones))


@dataclass(frozen=True, slots=True)
class EdgeCosts:
    """Per-edge cost arrays for one vehicle class, load and weather (edge ``e`` = slot ``e``).

    Attributes
    ----------
    time_s, energy_kj, risk, length_m
        The costs, all finite and >= 0.
    speed_mps
        The speed the time assumes.
    """

    time_s: FloatArray
    energy_kj: FloatArray
    risk: FloatArray
    length_m: FloatArray
    speed_mps: FloatArray

    def by_objective(self, objective: str) -> FloatArray:
        """Return the array of one objective (``time``, ``energy``, ``risk`` or ``length``)."""
        arrays = {
            "time": self.time_s,
            "energy": self.energy_kj,
            "risk": self.risk,
            "length": self.length_m,
        }
        try:
            return arrays[objective]
        except KeyError:
            raise ValueError(
                f"unknown objective {objective!r}; expected one of {', '.join(arrays)}"
            ) from None

    @classmethod
    def build(
        cls,
        graph: RoadGraph,
        zones: Sequence[Zone],
        incidence: ZoneIncidence,
        vehicle: VehicleProfile,
        *,
        loaded: bool,
        weather_factor: float = 1.0,
    ) -> EdgeCosts:
        """Compute the arrays for a vehicle class, its load and a weather factor (>= 1)."""
        if not (1.0 <= weather_factor < float("inf")):
            raise ValueError(f"weather_factor must be a finite number >= 1, got {weather_factor}")
        n_roads = len(incidence.road_zones)
        zone_speed = np.full(n_roads, np.inf)
        zone_weight = np.zeros(n_roads)
        for z, zone in enumerate(zones):
            if not zone.active or is_blocking(zone):
                continue
            members = incidence.zone_roads[z]
            if zone.speed_limit_mps is not None:
                zone_speed[members] = np.minimum(zone_speed[members], zone.speed_limit_mps)
            zone_weight[members] += ZONE_RISK.get(zone.sector_kind, 0.0)
        edges = graph.edges
        road = np.fromiter((e.road for e in edges), dtype=np.int64, count=len(edges))
        length = np.fromiter((e.length_m for e in edges), dtype=np.float64, count=len(edges))
        limit = np.fromiter((e.speed_limit_mps for e in edges), dtype=np.float64, count=len(edges))
        grade = np.fromiter((e.grade for e in edges), dtype=np.float64, count=len(edges))
        top = vehicle.max_speed_mps * (vehicle.loaded_speed_factor if loaded else 1.0)
        speed = np.minimum(np.minimum(limit, zone_speed[road]), top)
        if loaded:
            speed = np.where(grade > STEEP_GRADE, speed * vehicle.ramp_speed_factor, speed)
        time_s = length / speed
        mass = vehicle.mass_kg(loaded=loaded)
        energy = np.maximum(0.0, mass * GRAVITY_MPS2 * (grade + vehicle.rolling_resistance))
        energy_kj = energy * length / 1000.0
        degree = np.zeros(graph.node_count, dtype=np.int64)
        for a, b in graph.road_nodes:
            degree[a] += 1
            degree[b] += 1
        ends = graph.indices
        risk = weather_factor * (
            length / 1000.0 * (1.0 + zone_weight[road])
            + np.where(degree[ends] >= 3, INTERSECTION_RISK, 0.0)
        )
        arrays: tuple[FloatArray, ...] = (time_s, energy_kj, risk, length, speed)
        for arr in arrays:
            arr.setflags(write=False)
        return cls(*arrays)
