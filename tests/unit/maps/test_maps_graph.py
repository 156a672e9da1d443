"""Tests for the road graph: construction, restrictions, CSR view and the reference Dijkstra."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maps import NoRouteError, Road, RoadGraph, Site, default_site_path, load_site

if TYPE_CHECKING:
    from maps.graph import Weight


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def _road(
    rid: str,
    a: tuple[float, float],
    b: tuple[float, float],
    *,
    one_way: bool = False,
    closed: bool = False,
    published: bool = True,
    speed_kmh: float = 36.0,
    grade: float = 0.0,
) -> Road:
    line = np.array([a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 1.0), b], dtype=np.float64)
    line.setflags(write=False)
    return Road(
        id=rid,
        kind="haul_road",
        speed_limit_mps=speed_kmh / 3.6,
        grade=grade,
        width_m=20.0,
        one_way=one_way,
        lanes=1 if one_way else 2,
        closed=closed,
        published=published,
        line_xy=line,
        length_m=float(np.hypot(*np.diff(line, axis=0).T).sum()),
    )


def test_two_way_roads_give_two_edges_and_one_way_roads_one() -> None:
    roads = [
        _road("A", (0, 0), (100, 0), grade=0.05),
        _road("B", (100, 0), (100, 100), one_way=True),
    ]
    graph = RoadGraph.from_roads(roads)
    assert graph.node_count == 3
    assert len(graph.edges) == 3
    a_edges = [e for e in graph.edges if e.road == 0]
    assert {e.forward for e in a_edges} == {True, False}
    fwd = next(e for e in a_edges if e.forward)
    back = next(e for e in a_edges if not e.forward)
    assert fwd.grade == pytest.approx(0.05)
    assert back.grade == pytest.approx(-0.05)
    np.testing.assert_array_equal(back.polyline, fwd.polyline[::-1])
    assert graph.road_nodes[0] == (fwd.u, fwd.v)
    (b_edge,) = [e for e in graph.edges if e.road == 1]
    assert b_edge.forward
    assert b_edge.u == graph.road_nodes[1][0]


def test_endpoints_snap_within_one_centimetre() -> None:
    roads = [
        _road("A", (0, 0), (100, 0)),
        _road("B", (100.004, 0.003), (200, 0)),
        _road("C", (200.02, 0), (300, 0)),
    ]
    graph = RoadGraph.from_roads(roads)
    assert graph.road_nodes[0][1] == graph.road_nodes[1][0]
    assert graph.road_nodes[1][1] != graph.road_nodes[2][0]
    assert graph.node_count == 5


def test_out_edges_and_csr_agree() -> None:
    roads = [_road("A", (0, 0), (100, 0)), _road("B", (100, 0), (200, 0), one_way=True)]
    graph = RoadGraph.from_roads(roads)
    csr = graph.csr("length")
    assert csr.indptr.shape == (graph.node_count + 1,)
    for node in range(graph.node_count):
        slots = graph.out_edges(node)
        assert slots == tuple(range(int(csr.indptr[node]), int(csr.indptr[node + 1])))
        for e in slots:
            assert graph.edges[e].u == node
            assert int(csr.indices[e]) == graph.edges[e].v
            assert float(csr.weights[e]) == pytest.approx(graph.edges[e].length_m)


def test_weights_exclude_closed_and_unpublished() -> None:
    roads = [
        _road("A", (0, 0), (100, 0), closed=True),
        _road("B", (100, 0), (200, 0), published=False),
        _road("C", (200, 0), (300, 0), speed_kmh=18.0),
    ]
    graph = RoadGraph.from_roads(roads)
    w = graph.weights("time")
    by_road = {graph.edges[e].road: float(w[e]) for e in range(len(graph.edges))}
    assert math.isinf(by_road[0])
    assert math.isinf(by_road[1])
    assert by_road[2] == pytest.approx(roads[2].length_m / 5.0)
    assert np.isfinite(graph.weights(allow_closed=True, allow_unpublished=True)).all()
    with pytest.raises(ValueError, match="unknown weight"):
        graph.weights("energy")  # type: ignore[arg-type]


def test_one_way_is_respected_and_no_route_raises() -> None:
    roads = [_road("A", (0, 0), (100, 0), one_way=True)]
    graph = RoadGraph.from_roads(roads)
    a, b = graph.road_nodes[0]
    assert graph.shortest_path(a, b) == [0]
    assert graph.shortest_path(a, a) == []
    with pytest.raises(NoRouteError, match=f"no route from node {b} to node {a}"):
        graph.shortest_path(b, a)
    with pytest.raises(ValueError, match="not in the graph"):
        graph.shortest_path(a, 99)


def test_nearest_node() -> None:
    graph = RoadGraph.from_roads([_road("A", (0, 0), (100, 0))])
    assert graph.nearest_node(90, 5) == graph.road_nodes[0][1]
    assert graph.nearest_node(-3, -4) == graph.road_nodes[0][0]


def test_closed_road_excluded_unless_allowed(site: Site) -> None:
    graph = site.graph
    closed = next(i for i, r in enumerate(site.roads) if r.closed)
    u, v = graph.road_nodes[closed]
    with_closed = graph.shortest_path(u, v, allow_closed=True)
    assert [graph.edges[e].road for e in with_closed] == [closed]
    detour = graph.shortest_path(u, v)
    assert closed not in {graph.edges[e].road for e in detour}
    assert graph.path_length(detour) > graph.path_length(with_closed)
    assert graph.path_time(detour) > graph.path_time(with_closed)


def test_unpublished_road_excluded_unless_allowed(site: Site) -> None:
    graph = site.graph
    unpublished = {i for i, r in enumerate(site.roads) if not r.published}
    first = min(unpublished)
    u, _ = graph.road_nodes[first]
    last = max(unpublished)
    _, v = graph.road_nodes[last]
    shortcut = graph.shortest_path(u, v, allow_unpublished=True, weight="length")
    assert {graph.edges[e].road for e in shortcut} & unpublished
    normal = graph.shortest_path(u, v, weight="length")
    assert not {graph.edges[e].road for e in normal} & unpublished
    assert graph.path_length(normal) > graph.path_length(shortcut)
    inner = graph.road_nodes[first][1]  # a node only unpublished roads reach
    with pytest.raises(NoRouteError, match="unpublished roads excluded"):
        graph.shortest_path(u, inner)


def test_time_and_length_weights_can_choose_different_routes() -> None:
    # direct slow road 300 m at 10 km/h vs a 400 m detour at 60 km/h
    roads = [
        _road("slow", (0, 0), (300, 0), speed_kmh=10.0),
        _road("d1", (0, 0), (150, 100), speed_kmh=60.0),
        _road("d2", (150, 100), (300, 0), speed_kmh=60.0),
    ]
    graph = RoadGraph.from_roads(roads)
    a, b = graph.road_nodes[0]
    assert [graph.edges[e].road for e in graph.shortest_path(a, b, weight="length")] == [0]
    assert [graph.edges[e].road for e in graph.shortest_path(a, b, weight="time")] == [1, 2]


def _floyd_warshall(n: int, edges: list[tuple[int, int, float]]) -> np.ndarray:
    dist = np.full((n, n), np.inf)
    np.fill_diagonal(dist, 0.0)
    for u, v, w in edges:
        dist[u, v] = min(dist[u, v], w)
    for k in range(n):
        dist = np.minimum(dist, dist[:, k : k + 1] + dist[k : k + 1, :])
    return dist


_POINTS = st.lists(
    st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=2, max_size=7, unique=True
)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_shortest_path_matches_floyd_warshall(data: st.DataObject) -> None:
    points = [(60.0 * x, 60.0 * y) for x, y in data.draw(_POINTS, label="points")]
    n = len(points)
    specs = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.booleans(),
                st.booleans(),
                st.booleans(),
                st.sampled_from([10.0, 30.0, 45.0]),
            ).filter(lambda s: s[0] != s[1]),
            min_size=1,
            max_size=14,
        ),
        label="roads",
    )
    allow_closed = data.draw(st.booleans(), label="allow_closed")
    allow_unpublished = data.draw(st.booleans(), label="allow_unpublished")
    weight: Weight = data.draw(st.sampled_from(["time", "length"]), label="weight")
    roads = [
        _road(
            f"R{i}",
            points[a],
            points[b],
            one_way=ow,
            closed=cl and i % 3 == 0,
            published=pub or i % 2 == 0,
            speed_kmh=spd,
        )
        for i, (a, b, ow, cl, pub, spd) in enumerate(specs)
    ]
    graph = RoadGraph.from_roads(roads)
    allowed = [
        (e.u, e.v, e.length_m if weight == "length" else e.time_s)
        for e in graph.edges
        if (allow_closed or not e.closed) and (allow_unpublished or e.published)
    ]
    expected = _floyd_warshall(graph.node_count, allowed)
    for u in range(graph.node_count):
        for v in range(graph.node_count):
            kwargs = {"allow_closed": allow_closed, "allow_unpublished": allow_unpublished}
            if math.isinf(expected[u, v]):
                with pytest.raises(NoRouteError):
                    graph.shortest_path(u, v, weight=weight, **kwargs)
                continue
            path = graph.shortest_path(u, v, weight=weight, **kwargs)
            node = u
            for e in path:
                edge = graph.edges[e]
                assert edge.u == node
                assert allow_closed or not edge.closed
                assert allow_unpublished or edge.published
                node = edge.v
            assert node == v
            cost = graph.path_length(path) if weight == "length" else graph.path_time(path)
            assert cost == pytest.approx(expected[u, v], rel=1e-9, abs=1e-9)
