"""POI-to-POI travel times over the demo mine's road graph."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.core.dispatch.traveltime import PoiTravelMatrix
from maps.site import Site, default_site_path, load_site


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def test_matches_the_graph_shortest_path_at_the_speed_limits(site: Site) -> None:
    matrix = PoiTravelMatrix(site.graph, site.pois)
    for a in site.pois[:4]:
        for b in site.pois[4:8]:
            path = site.graph.shortest_path(a.node, b.node)
            assert matrix.seconds(a.id, b.id) == pytest.approx(site.graph.path_time(path))


def test_a_slower_vehicle_takes_longer_and_closed_roads_only_make_it_worse(site: Site) -> None:
    fast = PoiTravelMatrix(site.graph, site.pois)
    slow = PoiTravelMatrix(site.graph, site.pois, max_speed_mps=4.0)
    with_closed = PoiTravelMatrix(site.graph, site.pois, allow_closed=True)
    assert np.all(slow.matrix >= fast.matrix)
    assert slow.matrix.sum() > fast.matrix.sum()
    assert np.all(with_closed.matrix <= fast.matrix)
    assert all(math.isfinite(v) for v in fast.matrix.ravel())


def test_unknown_point_and_bad_speed_are_refused(site: Site) -> None:
    matrix = PoiTravelMatrix(site.graph, site.pois)
    with pytest.raises(KeyError, match="NOPE"):
        matrix.seconds("NOPE", site.pois[0].id)
    with pytest.raises(ValueError, match="max_speed_mps"):
        PoiTravelMatrix(site.graph, site.pois, max_speed_mps=0.0)
