"""Tests for maps.routing: costs, policy, optimal routes against the reference, closures."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import maps.routing
from maps import LocalFrame, NoRouteError, Road, RoadGraph, Site, Zone, load_site
from maps.graph import dijkstra_ref
from maps.routing import (
    Closures,
    RouteKey,
    Router,
    VehicleProfile,
    grid_site,
    grid_size_for_edges,
)
from maps.routing.costs import INTERSECTION_RISK, MIN_OVERLAP_M, ZONE_RISK
from maps.routing.profiles import GRAVITY_MPS2, VEHICLE_PROFILES
from maps.site import default_site_path

KMH = 3.6


def make_road(
    rid: str,
    a: tuple[float, float],
    b: tuple[float, float],
    *,
    speed_kmh: float = 36.0,
    grade: float = 0.0,
    one_way: bool = False,
    closed: bool = False,
    published: bool = True,
) -> Road:
    line = np.array([a, b], dtype=np.float64)
    line.setflags(write=False)
    return Road(
        id=rid,
        kind="haul_road",
        speed_limit_mps=speed_kmh / KMH,
        grade=grade,
        width_m=20.0,
        one_way=one_way,
        lanes=2,
        closed=closed,
        published=published,
        line_xy=line,
        length_m=float(np.hypot(*(line[1] - line[0]))),
    )


def make_zone(
    zid: str,
    box: tuple[float, float, float, float],
    *,
    kind: str = "SPEED_LIMIT",
    sector: str = "speed_limit",
    speed_kmh: float | None = None,
    active: bool = True,
) -> Zone:
    return Zone(
        id=zid,
        kind=kind,  # type: ignore[arg-type]
        sector_kind=sector,  # type: ignore[arg-type]
        name=zid,
        name_ar=zid,
        polygon=shapely.box(*box),
        speed_limit_mps=None if speed_kmh is None else speed_kmh / KMH,
        active=active,
        properties={},
    )


def make_site(roads: list[Road], zones: list[Zone] | None = None) -> Site:
    return Site(
        site_id="t",
        name="t",
        name_ar="t",
        frame=LocalFrame(0.0, 0.0),
        roads=tuple(roads),
        pois=(),
        zones=tuple(zones or ()),
        graph=RoadGraph.from_roads(roads),
        bounds=(0.0, 0.0, 1.0, 1.0),
    )


def path_is_valid(site: Site, origin: int, dest: int, edges: tuple[int, ...]) -> bool:
    node = origin
    for e in edges:
        if site.graph.edges[e].u != node:
            return False
        node = site.graph.edges[e].v
    return node == dest


# ------------------------------------------------------------------ random sites


@st.composite
def random_sites(draw: st.DrawFn) -> tuple[Site, Closures]:
    """Small random road networks with flags, zones (one blocking) and run-time closures."""
    n = draw(st.integers(3, 9))
    xy = [(float(k % 3) * 100 + draw(st.floats(-30, 30)), float(k // 3) * 100) for k in range(n)]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            min_size=2,
            max_size=3 * n,
        )
    )
    roads = [
        make_road(
            f"R{k}",
            xy[a],
            xy[b],
            speed_kmh=draw(st.sampled_from([20.0, 40.0, 60.0])),
            grade=draw(st.floats(-0.1, 0.1)),
            one_way=draw(st.booleans()),
            closed=draw(st.integers(0, 9)) == 0,
            published=draw(st.integers(0, 9)) != 0,
        )
        for k, (a, b) in enumerate(pairs)
    ]
    bx, by = draw(st.floats(0, 200)), draw(st.floats(0, 200))
    zones = [
        make_zone("ZB", (bx, by, bx + 40, by + 40), kind="BLOCKED", sector="blast"),
        make_zone("ZS", (by, bx, by + 80, bx + 80), speed_kmh=15.0),
        make_zone("ZP", (bx, bx, bx + 60, bx + 60), sector="pedestrian", speed_kmh=10.0),
    ]
    site = make_site(roads, zones)
    closures = Closures(
        roads=frozenset(draw(st.sets(st.integers(0, len(roads) - 1), max_size=2))),
        zones=frozenset(draw(st.sets(st.integers(1, 2), max_size=1))),
        nodes=frozenset(draw(st.sets(st.integers(0, site.graph.node_count - 1), max_size=1))),
    )
    return site, closures


def expected_allowed_and_time(
    site: Site, closures: Closures, vehicle: VehicleProfile
) -> tuple[list[bool], list[float]]:
    """The policy and the time cost, recomputed independently edge by edge with shapely."""
    allowed: list[bool] = []
    times: list[float] = []
    for edge in site.graph.edges:
        road = site.roads[edge.road]
        line = shapely.LineString(road.line_xy)
        inside = [
            z
            for z, zone in enumerate(site.zones)
            if line.intersection(zone.polygon).length > MIN_OVERLAP_M
        ]
        ok = (
            not road.closed
            and road.published
            and edge.road not in closures.roads
            and not any(site.zones[z].kind == "BLOCKED" for z in inside)
            and not any(z in closures.zones for z in inside)
            and edge.u not in closures.nodes
            and edge.v not in closures.nodes
        )
        limits: list[float | None] = [road.speed_limit_mps, vehicle.max_speed_mps]
        limits += [site.zones[z].speed_limit_mps for z in inside]
        allowed.append(ok)
        times.append(road.length_m / min(x for x in limits if x is not None))
    return allowed, times


@pytest.mark.parametrize("jit", [True, False], ids=["jit", "ref"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=random_sites(), pick=st.data())
def test_fastest_route_matches_reference_and_respects_policy(
    jit: bool, data: tuple[Site, Closures], pick: st.DataObject
) -> None:
    site, closures = data
    vehicle = VEHICLE_PROFILES["light_vehicle"]
    router = Router(site, vehicle, closures=closures, jit=jit)
    allowed, times = expected_allowed_and_time(site, closures, vehicle)
    np.testing.assert_array_equal(router.allowed_edges, allowed)
    np.testing.assert_allclose(router.costs.time_s, times, rtol=1e-12)
    weights = np.where(allowed, times, np.inf)
    n = site.graph.node_count
    for _ in range(3):
        o = pick.draw(st.integers(0, n - 1))
        d = pick.draw(st.integers(0, n - 1))
        ref = dijkstra_ref(site.graph.indptr, site.graph.indices, weights, o, d)
        if ref is None:
            with pytest.raises(NoRouteError):
                router.route(o, d)
            continue
        route = router.route(o, d)
        assert path_is_valid(site, o, d, route.edges)
        assert all(allowed[e] for e in route.edges)
        expected = float(weights[ref].sum())
        assert math.isclose(route.time_s, expected, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("objective", ["energy", "risk", "length"])
@settings(max_examples=25, deadline=None)
@given(data=random_sites(), pick=st.data())
def test_other_objectives_are_optimal(
    objective: str, data: tuple[Site, Closures], pick: st.DataObject
) -> None:
    site, closures = data
    router = Router(site, "haul_truck", loaded=True, closures=closures)
    weights = np.where(router.allowed_edges, router.costs.by_objective(objective), np.inf)
    n = site.graph.node_count
    o, d = pick.draw(st.integers(0, n - 1)), pick.draw(st.integers(0, n - 1))
    ref = dijkstra_ref(site.graph.indptr, site.graph.indices, weights, o, d)
    if ref is None:
        with pytest.raises(NoRouteError):
            router.route(o, d, objective)
        return
    route = router.route(o, d, objective)
    assert path_is_valid(site, o, d, route.edges)
    got = float(weights[list(route.edges)].sum())
    assert math.isclose(got, float(weights[ref].sum()), rel_tol=1e-9, abs_tol=1e-9)


def test_jit_and_reference_kernels_agree_on_a_grid() -> None:
    site = grid_site(12, 12, seed=3)
    fast, slow = Router(site, jit=True), Router(site, jit=False)
    rng = np.random.default_rng(0)
    checked = 0
    for o, d in rng.integers(0, site.graph.node_count, size=(40, 2)):
        try:
            a = fast.route(int(o), int(d))
        except NoRouteError:
            with pytest.raises(NoRouteError):
                slow.route(int(o), int(d))
            continue
        b = slow.route(int(o), int(d))
        assert a.time_s == pytest.approx(b.time_s, rel=1e-12)
        checked += 1
    assert checked > 30


# ------------------------------------------------------------------ cost model


def test_time_is_capped_by_class_road_and_zone_and_loaded_climbs_are_slower() -> None:
    roads = [
        make_road("flat", (0, 0), (100, 0), speed_kmh=80.0),
        make_road("zoned", (100, 0), (200, 0), speed_kmh=80.0),
        make_road("climb", (200, 0), (300, 0), speed_kmh=80.0, grade=0.08, one_way=True),
    ]
    site = make_site(roads, [make_zone("Z", (120, -10, 180, 10), speed_kmh=20.0)])
    truck = VEHICLE_PROFILES["haul_truck"]
    empty = Router(site, truck).costs
    loaded = Router(site, truck, loaded=True).costs
    edge = {(e.road, e.forward): k for k, e in enumerate(site.graph.edges)}
    flat, zoned, climb = edge[(0, True)], edge[(1, True)], edge[(2, True)]
    assert empty.speed_mps[flat] == pytest.approx(truck.max_speed_mps)
    assert empty.speed_mps[zoned] == pytest.approx(20.0 / KMH)
    assert loaded.speed_mps[flat] == pytest.approx(truck.max_speed_mps * 0.75)
    assert loaded.speed_mps[climb] == pytest.approx(truck.max_speed_mps * 0.75 * 0.6)
    assert empty.speed_mps[climb] == pytest.approx(truck.max_speed_mps)
    assert empty.time_s[flat] == pytest.approx(100.0 / truck.max_speed_mps)


def test_energy_follows_grade_and_mass_and_is_never_negative() -> None:
    roads = [make_road("up", (0, 0), (1000, 0), grade=0.08)]
    site = make_site(roads)
    truck = VEHICLE_PROFILES["haul_truck"]
    up = next(k for k, e in enumerate(site.graph.edges) if e.forward)
    down = 1 - up
    empty = Router(site, truck).costs
    loaded = Router(site, truck, loaded=True).costs
    expected = 165_000 * GRAVITY_MPS2 * (0.08 + 0.02) * 1000 / 1000
    assert empty.energy_kj[up] == pytest.approx(expected)
    assert loaded.energy_kj[up] == pytest.approx(expected * 385 / 165)
    assert empty.energy_kj[down] == 0.0


def test_risk_counts_zones_intersections_and_weather() -> None:
    roads = [
        make_road("a", (0, 0), (1000, 0)),
        make_road("b", (1000, 0), (2000, 0)),
        make_road("c", (1000, 0), (1000, 1000)),
        make_road("d", (1000, 0), (1000, -1000)),
    ]
    site = make_site(roads, [make_zone("P", (100, -10, 900, 10), sector="pedestrian")])
    clear = Router(site).costs
    wet = Router(site, weather_factor=2.0).costs
    into_hub = next(k for k, e in enumerate(site.graph.edges) if e.road == 0 and e.forward)
    out_of_hub = next(k for k, e in enumerate(site.graph.edges) if e.road == 1 and e.forward)
    assert clear.risk[into_hub] == pytest.approx(1.0 * (1 + ZONE_RISK["pedestrian"]) + 0.2)
    assert INTERSECTION_RISK == 0.2
    assert clear.risk[out_of_hub] == pytest.approx(1.0)
    np.testing.assert_allclose(wet.risk, 2.0 * clear.risk)


# ------------------------------------------------------------------ policy, demo site


@pytest.fixture(scope="module")
def demo() -> Site:
    return load_site(default_site_path())


def test_demo_routes_avoid_blocked_zones_closed_and_unpublished_roads(demo: Site) -> None:
    router = Router(demo, "haul_truck", loaded=True)
    blocked = {
        r
        for z, zone in enumerate(demo.zones)
        if zone.active and zone.kind == "BLOCKED"
        for r in router._incidence.zone_roads[z]
    }
    assert blocked  # the demo has an active blast and a closed-road zone
    for a in demo.pois:
        for b in demo.pois:
            route = router.route(a.id, b.id)
            assert path_is_valid(demo, a.node, b.node, route.edges)
            for e in route.edges:
                road = demo.roads[demo.graph.edges[e].road]
                assert road.usable_autonomously
                assert demo.graph.edges[e].road not in blocked
    poly = router.route(demo.pois[0].id, demo.pois[-1].id).polyline
    assert poly.shape[1] == 2
    assert not poly.flags.writeable
    # Nodes and polyline follow the edges: each edge's vertices, shared ends once.
    for a in demo.pois:
        for b in demo.pois:
            route = router.route(a.id, b.id)
            edges = [demo.graph.edges[e] for e in route.edges]
            assert route.nodes == (a.node, *(edge.v for edge in edges))
            if edges:
                pieces = [edges[0].polyline, *(edge.polyline[1:] for edge in edges[1:])]
                assert np.array_equal(route.polyline, np.vstack(pieces))
            else:
                assert np.array_equal(route.polyline, demo.graph.node_xy[[a.node]])


def test_close_road_replans_only_the_routes_on_it(demo: Site) -> None:
    router = Router(demo, "haul_truck")
    a, b, c = demo.pois[0], demo.pois[3], demo.pois[5]
    first = router.route(a.id, b.id)
    other = router.route(c.id, c.id)
    road = demo.roads[demo.graph.edges[first.edges[len(first.edges) // 2]].road]
    affected = router.close_road(road.id)
    key = RouteKey(a.node, b.node, "time")
    assert key in affected
    assert other.key not in affected
    new = router.cached(key)
    if new is not None:
        assert all(demo.graph.edges[e].road != demo.road_index(road.id) for e in new.edges)
        assert new.time_s >= first.time_s
        assert router.route(a.id, b.id) is new
    assert router.open_road(road.id) == ([key] if new is None or new.edges != first.edges else [])
    assert router.route(a.id, b.id).time_s == pytest.approx(first.time_s)


def test_close_road_touches_exactly_the_cached_routes_using_it(demo: Site) -> None:
    router = Router(demo, "haul_truck", loaded=True)
    before = {
        (r := router.route(a.id, b.id, objective)).key: r
        for a in demo.pois
        for b in demo.pois
        for objective in ("time", "risk")
    }
    first = before[RouteKey(demo.pois[0].node, demo.pois[-1].node, "time")]
    road = demo.graph.edges[first.edges[0]].road
    using = {k for k, r in before.items() if any(demo.graph.edges[e].road == road for e in r.edges)}
    affected = router.close_road(demo.roads[road].id)
    assert set(affected) == using
    for key, old in before.items():
        if key not in using:
            assert router.cached(key) is old  # untouched, not re-planned
        elif (new := router.cached(key)) is not None:
            assert all(demo.graph.edges[e].road != road for e in new.edges)


def test_closing_a_zone_or_node_cuts_the_route_and_drops_it() -> None:
    roads = [make_road("a", (0, 0), (100, 0)), make_road("b", (100, 0), (200, 0))]
    site = make_site(roads, [make_zone("W", (140, -5, 160, 5), sector="workshop_area")])
    router = Router(site)
    route = router.route(0, 2)
    assert router.close_zone("W") == [route.key]
    assert router.cached(route.key) is None
    with pytest.raises(NoRouteError, match="closures: 0 roads, 1 zones"):
        router.route(0, 2)
    assert router.open_zone("W") == []  # nothing cached to re-plan
    router.route(0, 2)
    assert router.close_node(1) == [route.key]
    with pytest.raises(NoRouteError):
        router.route(0, 2)


def test_one_way_roads_are_honoured() -> None:
    roads = [make_road("a", (0, 0), (100, 0), one_way=True)]
    router = Router(make_site(roads))
    assert len(router.route(0, 1).edges) == 1
    with pytest.raises(NoRouteError):
        router.route(1, 0)
    assert router.seconds(0, 1) == pytest.approx(100.0 / (36.0 / KMH))
    assert router.seconds(1, 0) == math.inf


def test_bad_input_gets_clear_errors(demo: Site) -> None:
    router = Router(demo)
    with pytest.raises(ValueError, match="unknown objective"):
        router.route(0, 1, "fun")
    with pytest.raises(ValueError, match="not in the graph"):
        router.route(0, 10_000)
    with pytest.raises(TypeError):
        router.route(0, 1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown vehicle class"):
        Router(demo, "hovercraft")
    with pytest.raises(ValueError, match="weather_factor"):
        Router(demo, weather_factor=0.5)
    with pytest.raises(ValueError, match="closures name road"):
        router.set_closures(Closures(roads=frozenset({9999})))
    with pytest.raises(LookupError):
        router.close_road("nope")
    with pytest.raises(ValueError, match="max_speed_mps"):
        VehicleProfile("x", 0.0, 1.0, 1.0, 10.0, 0.0)


def test_origin_equals_destination_is_an_empty_route(demo: Site) -> None:
    route = Router(demo).route(3, 3)
    assert route.edges == ()
    assert route.time_s == 0.0
    assert route.polyline.shape == (1, 2)


def test_synthetic_grid_size() -> None:
    n = grid_size_for_edges(2000)
    site = grid_site(n, n, seed=1)
    assert len(site.graph.edges) >= 2000
    assert grid_site(n, n, seed=1).roads[5].grade == site.roads[5].grade
    with pytest.raises(ValueError, match="at least 2 x 2"):
        grid_site(1, 5)


def test_bench_measures_routes_and_checks_them_against_the_reference() -> None:
    path = Path(__file__).resolve().parents[3] / "bench" / "dispatch_routes.py"
    spec = importlib.util.spec_from_file_location("dispatch_routes", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.measure_routes(edges=2_000, queries=30, ref_queries=30, pareto_pairs=2)
    assert figures["graph_edges"] >= 2_000
    assert figures["route_ref_queries"] == 30
    assert {"route_p50_us", "route_p99_us", "route_ref_p99_us", "pareto_ms"} <= set(figures)


def test_public_api_is_pinned() -> None:
    assert sorted(maps.routing.__all__) == sorted(
        [
            "OBJECTIVES",
            "VEHICLE_PROFILES",
            "Closures",
            "EdgeCosts",
            "ParetoResult",
            "Route",
            "RouteKey",
            "Router",
            "VehicleProfile",
            "grid_site",
            "grid_size_for_edges",
        ]
    )
