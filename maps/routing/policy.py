"""Which edges a route may use: the site's standing restrictions plus run-time closures.

Standing restrictions (from the site file): closed roads, roads not published (no autonomous
use, SECTOR_RULES M12) and roads through an active blocking zone (``BLOCKED`` zones, blasts,
closed-road zones) are never used. One-way roads need nothing here: the graph only has the
allowed direction. :class:`Closures` adds what the control room closes at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from maps.routing.costs import is_blocking

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

    from maps.features import Zone
    from maps.graph import RoadGraph
    from maps.routing.costs import ZoneIncidence

    BoolArray = npt.NDArray[np.bool_]

__all__ = ["Closures", "EdgePolicy"]


@dataclass(frozen=True, slots=True)
class Closures:
    """Roads, zones and nodes closed at run time (immutable; replace it to change it).

    Attributes
    ----------
    roads
        Road indices (``Site.roads`` positions) closed.
    zones
        Zone indices (``Site.zones`` positions) closed: every road through them is closed,
        whatever the zone's kind.
    nodes
        Graph nodes closed: every edge into or out of them is closed.
    """

    roads: frozenset[int] = field(default_factory=frozenset)
    zones: frozenset[int] = field(default_factory=frozenset)
    nodes: frozenset[int] = field(default_factory=frozenset)


class EdgePolicy:
    """Computes the allowed-edge mask of a graph for a set of closures.

    Parameters
    ----------
    graph
        The road graph.
    zones
        The site's zones (same order as the incidence).
    incidence
        Roads per zone.
    """

    def __init__(self, graph: RoadGraph, zones: Sequence[Zone], incidence: ZoneIncidence) -> None:
        self._incidence = incidence
        self._n_roads = len(incidence.road_zones)
        self.edge_road = np.fromiter(
            (e.road for e in graph.edges), dtype=np.int64, count=len(graph.edges)
        )
        self.edge_u = np.fromiter(
            (e.u for e in graph.edges), dtype=np.int64, count=len(graph.edges)
        )
        self.edge_v = graph.indices
        self._node_count = graph.node_count
        blocked_roads = np.zeros(self._n_roads, dtype=np.bool_)
        for z, zone in enumerate(zones):
            if is_blocking(zone):
                blocked_roads[incidence.zone_roads[z]] = True
        self.standing: BoolArray = graph.edge_mask() & ~blocked_roads[self.edge_road]
        self.standing.setflags(write=False)

    def allowed(self, closures: Closures) -> BoolArray:
        """Return the edges a route may use under the standing restrictions and ``closures``."""
        closed_roads = np.zeros(self._n_roads, dtype=np.bool_)
        if closures.roads:
            closed_roads[list(closures.roads)] = True
        for z in closures.zones:
            closed_roads[self._incidence.zone_roads[z]] = True
        mask = self.standing & ~closed_roads[self.edge_road]
        if closures.nodes:
            closed_nodes = np.zeros(self._node_count, dtype=np.bool_)
            closed_nodes[list(closures.nodes)] = True
            mask &= ~(closed_nodes[self.edge_u] | closed_nodes[self.edge_v])
        mask.setflags(write=False)
        return mask
