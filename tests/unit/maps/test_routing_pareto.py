"""Tests for the Pareto routes: non-domination and epsilon-completeness against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maps import LocalFrame, NoRouteError, Road, RoadGraph, Site, load_site
from maps.routing import Router
from maps.routing.pareto import pareto_search, spread_subset
from maps.site import default_site_path

Cost = tuple[float, float, float]


def _site(edges: list[tuple[tuple[float, float], tuple[float, float], float, float]]) -> Site:
    roads = []
    for k, (a, b, speed_kmh, grade) in enumerate(edges):
        line = np.array([a, b], dtype=np.float64)
        line.setflags(write=False)
        roads.append(
            Road(
                id=f"R{k}",
                kind="haul_road",
                speed_limit_mps=speed_kmh / 3.6,
                grade=grade,
                width_m=20.0,
                one_way=True,
                lanes=1,
                closed=False,
                published=True,
                line_xy=line,
                length_m=float(np.hypot(*(line[1] - line[0]))),
            )
        )
    return Site(
        site_id="p",
        name="p",
        name_ar="p",
        frame=LocalFrame(0.0, 0.0),
        roads=tuple(roads),
        pois=(),
        zones=(),
        graph=RoadGraph.from_roads(roads),
        bounds=(0.0, 0.0, 1.0, 1.0),
    )


@st.composite
def tiny_sites(draw: st.DrawFn) -> Site:
    """Up to 7 nodes, up to 14 one-way roads with varied speeds and grades (conflicting costs)."""
    n = draw(st.integers(3, 7))
    xy = [(float(k % 3) * 100 + draw(st.floats(-40, 40)), float(k // 3) * 100) for k in range(n)]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            min_size=3,
            max_size=14,
        )
    )
    return _site(
        [
            (xy[a], xy[b], draw(st.sampled_from([10.0, 30.0, 60.0])), draw(st.floats(-0.1, 0.1)))
            for a, b in pairs
        ]
    )


def _simple_paths(site: Site, o: int, d: int) -> list[tuple[int, ...]]:
    """Every simple path from o to d (depth-first enumeration)."""
    out: list[tuple[int, ...]] = []

    def walk(node: int, seen: set[int], path: list[int]) -> None:
        if node == d:
            out.append(tuple(path))
            return
        for e in site.graph.out_edges(node):
            v = site.graph.edges[e].v
            if v not in seen:
                walk(v, seen | {v}, [*path, e])

    walk(o, {o}, [])
    return out


def _dominates(a: Cost, b: Cost) -> bool:
    return all(x <= y for x, y in zip(a, b, strict=True)) and a != b


def _front(costs: list[Cost]) -> list[Cost]:
    return [c for c in costs if not any(_dominates(o, c) for o in costs)]


@pytest.mark.parametrize("jit", [True, False], ids=["jit", "ref"])
@pytest.mark.parametrize("epsilon", [0.0, 0.1])
@settings(max_examples=60, deadline=None)
@given(site=tiny_sites(), pick=st.data())
def test_pareto_set_is_non_dominated_and_covers_brute_force(
    jit: bool, epsilon: float, site: Site, pick: st.DataObject
) -> None:
    router = Router(site, "haul_truck", loaded=True, jit=jit)
    n = site.graph.node_count
    o, d = pick.draw(st.integers(0, n - 1)), pick.draw(st.integers(0, n - 1))
    paths = _simple_paths(site, o, d)
    c = router.costs
    if not paths:
        with pytest.raises(NoRouteError):
            router.pareto(o, d)
        return
    all_costs = [
        (
            float(c.time_s[list(p)].sum()),
            float(c.energy_kj[list(p)].sum()),
            float(c.risk[list(p)].sum()),
        )
        for p in paths
    ]
    routes = router.pareto(o, d, epsilon=epsilon, max_routes=1000)
    got = [r.costs for r in routes]
    for r in routes:
        assert r.edges in paths  # a valid simple path of the graph
    for a in got:
        assert not any(_dominates(b, a) for b in got)  # mutually non-dominated
    for true in _front(all_costs):
        covered = any(
            all(g <= t * (1 + epsilon) * (1 + 1e-12) + 1e-9 for g, t in zip(gc, true, strict=True))
            for gc in got
        )
        assert covered, (true, got)
    if epsilon == 0.0:
        exact = sorted({tuple(round(x, 6) for x in c) for c in _front(all_costs)})
        np.testing.assert_allclose(sorted(got), exact, rtol=1e-6, atol=1e-6)
    assert got[0][0] == pytest.approx(min(t for t, _, _ in all_costs))  # fastest first


def test_cap_keeps_the_best_on_each_criterion() -> None:
    costs: list[Cost] = [(1, 9, 9), (2, 8, 1), (3, 1, 8), (4, 4, 4), (5, 5, 0.5), (6, 0.5, 6)]
    keep = spread_subset(costs, 3)
    assert keep == [0, 4, 5]
    assert spread_subset(costs, 10) == list(range(6))
    with pytest.raises(ValueError, match="limit"):
        spread_subset(costs, 0)


@pytest.mark.parametrize("jit", [True, False], ids=["jit", "ref"])
def test_label_bound_reports_an_incomplete_search(jit: bool) -> None:
    site = _site(
        [
            ((0, 0), (100, 0), 60.0, 0.0),
            ((100, 0), (200, 0), 60.0, 0.0),
            ((0, 0), (100, 50), 30.0, -0.05),
            ((100, 50), (200, 0), 30.0, -0.05),
        ]
    )
    router = Router(site, jit=jit)
    full = router.pareto_result(0, 2, epsilon=0.0)
    assert full.complete
    assert len(full.paths) == 2
    cut = router.pareto_result(0, 2, epsilon=0.0, max_labels=2)
    assert not cut.complete
    with pytest.raises(ValueError, match="epsilon"):
        pareto_search(
            site.graph.indptr,
            site.graph.indices,
            np.zeros((4, 3)),
            np.zeros((4, 3)),
            0,
            2,
            epsilon=-1,
        )


def test_demo_site_offers_choices_within_the_cap() -> None:
    site = load_site(default_site_path())
    router = Router(site, "haul_truck", loaded=True)
    loading = site.pois_of_kind("loading")[0]
    dump = site.pois_of_kind("dump")[0]
    routes = router.pareto(loading.id, dump.id)
    assert 1 <= len(routes) <= 8
    fastest = router.route(loading.id, dump.id)
    assert routes[0].time_s == pytest.approx(fastest.time_s)
    for r in routes:
        assert all(site.roads[site.graph.edges[e].road].usable_autonomously for e in r.edges)
