"""Travel times between points of interest: the dispatcher's view of the road network.

The dispatcher only needs "how long from A to B" in seconds, ``inf`` when B cannot be reached
under the active restrictions; :class:`TravelTimes` is that contract. :class:`PoiTravelMatrix`
fills it from a site's road graph with the reference Dijkstra of :mod:`maps.graph`; the router
of ``maps.routing`` can replace it without the dispatcher noticing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

import numpy as np

from maps.graph import dijkstra_ref

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

    from maps.graph import RoadGraph
    from maps.site import PointOfInterest

__all__ = ["PoiTravelMatrix", "TravelTimes"]


class TravelTimes(Protocol):
    """Seconds from one point of interest to another; ``inf`` when there is no route."""

    def seconds(self, origin: str, destination: str) -> float:
        """Return the travel time, seconds (``inf`` when unreachable)."""
        ...


class PoiTravelMatrix:
    """A POI-to-POI travel-time matrix over a road graph.

    Parameters
    ----------
    graph
        The site's road graph.
    pois
        The points of interest (each anchored to a graph node).
    max_speed_mps
        The vehicle's own top speed; each edge is driven at ``min(speed limit, max_speed_mps)``.
    allow_closed
        Also use closed roads (never for dispatch; for what-if studies only).
    """

    def __init__(
        self,
        graph: RoadGraph,
        pois: Sequence[PointOfInterest],
        *,
        max_speed_mps: float = math.inf,
        allow_closed: bool = False,
    ) -> None:
        if not max_speed_mps > 0:
            raise ValueError(f"max_speed_mps must be > 0, got {max_speed_mps}")
        self.ids: tuple[str, ...] = tuple(p.id for p in pois)
        self._index = {poi_id: k for k, poi_id in enumerate(self.ids)}
        if len(self._index) != len(self.ids):
            raise ValueError("point-of-interest ids must be unique")
        lengths = np.array([e.length_m for e in graph.edges], dtype=np.float64)
        speeds = np.array(
            [min(e.speed_limit_mps, max_speed_mps) for e in graph.edges], dtype=np.float64
        )
        mask = graph.edge_mask(allow_closed=allow_closed)
        weights = np.where(mask, lengths / speeds, np.inf)
        n = len(pois)
        self.matrix: npt.NDArray[np.float64] = np.zeros((n, n))
        for a, pa in enumerate(pois):
            for b, pb in enumerate(pois):
                if a == b or pa.node == pb.node:
                    continue
                path = dijkstra_ref(graph.indptr, graph.indices, weights, pa.node, pb.node)
                self.matrix[a, b] = math.inf if path is None else float(weights[path].sum())
        self.matrix.setflags(write=False)

    def seconds(self, origin: str, destination: str) -> float:
        """Return the travel time, seconds (``inf`` when unreachable).

        Raises
        ------
        KeyError
            When either id is not one of the matrix's points of interest.
        """
        try:
            return float(self.matrix[self._index[origin], self._index[destination]])
        except KeyError as exc:
            raise KeyError(f"no travel times for point of interest {exc.args[0]!r}") from None
