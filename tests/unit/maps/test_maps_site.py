"""Tests for the demo site file and the site model built from it."""

from __future__ import annotations

import itertools
import json
import typing
from collections import Counter

import numpy as np
import pytest
import shapely

import maps
from maps import Site, UnknownFeatureError, default_site_path, load_site
from maps.schema import ZoneType


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def test_public_api_is_pinned() -> None:
    assert sorted(maps.__all__) == sorted(
        [
            "SCHEMA_VERSION",
            "CsrView",
            "GraphEdge",
            "LocalFrame",
            "MapError",
            "NoRouteError",
            "PointOfInterest",
            "Road",
            "RoadGraph",
            "Site",
            "SiteFileError",
            "UnknownFeatureError",
            "Zone",
            "build_site",
            "default_site_path",
            "load_site",
        ]
    )
    for name in maps.__all__:
        assert getattr(maps, name) is not None


def test_demo_site_header(site: Site) -> None:
    assert site.site_id == "demo-mine"
    assert "Wadi Qamar" in site.name
    assert any("\u0600" <= ch <= "\u06ff" for ch in site.name_ar)
    assert (site.frame.origin_lon, site.frame.origin_lat) == (39.9, 31.3)
    assert site.source == "demo_mine.geojson"


def test_demo_site_is_large_and_detailed(site: Site) -> None:
    assert len(site.roads) >= 150
    minx, miny, maxx, maxy = site.bounds
    assert (maxx - minx) * (maxy - miny) / 1e6 >= 4.0
    assert maxx - minx >= 2000
    assert maxy - miny >= 2000
    lengths = np.array([r.length_m for r in site.roads])
    assert 40 <= float(np.median(lengths)) <= 250
    assert all(len(r.line_xy) >= 2 for r in site.roads)
    assert sum(len(r.line_xy) > 2 for r in site.roads) > len(site.roads) // 2  # curves


def test_demo_site_road_figures_follow_the_sector_rules(site: Site) -> None:
    kinds = Counter(r.kind for r in site.roads)
    assert set(kinds) == {"haul_road", "ramp", "access", "intersection_link"}
    for road in site.roads:
        if road.kind == "ramp":
            assert 0.08 <= abs(road.grade) <= 0.10, road.id
        if road.kind == "haul_road":
            assert abs(road.grade) <= 0.03, road.id
        assert road.speed_limit_mps <= 45 / 3.6 + 1e-9
    assert any(r.one_way for r in site.roads)
    assert any(r.closed for r in site.roads)
    assert any(not r.published for r in site.roads)


def test_demo_site_points_of_interest(site: Site) -> None:
    kinds = Counter(p.kind for p in site.pois)
    assert kinds["loading"] >= 4
    assert kinds["dump"] >= 3
    for kind in ("crusher", "workshop", "fuel", "parking"):
        assert kinds[kind] >= 1
    for poi in site.pois:
        node_xy = site.graph.node_xy[poi.node]
        assert float(np.hypot(*(np.asarray(poi.xy) - node_xy))) <= 30.0
        assert poi.name
        assert poi.name_ar
    loader = site.pois_of_kind("loading")[0]
    assert {"loader_class", "target_trucks_per_hour", "material"} <= set(loader.properties)
    assert "capacity_tph" in site.pois_of_kind("crusher")[0].properties


def test_demo_site_zones(site: Site) -> None:
    allowed = set(typing.get_args(ZoneType))
    assert {z.kind for z in site.zones} <= allowed
    sector = Counter(z.sector_kind for z in site.zones)
    assert sector["exclusion"] == len(site.pois_of_kind("loading"))
    assert sector["blast"] >= 1
    assert sector["closed_road"] == 1
    assert sector["workshop_area"] == 1
    for zone in site.zones:
        assert zone.polygon.is_valid
        assert zone.polygon.area > 0
        if zone.kind == "SPEED_LIMIT":
            assert zone.speed_limit_mps is not None
    workshop = next(z for z in site.zones if z.sector_kind == "workshop_area")
    assert workshop.speed_limit_mps == pytest.approx(20 / 3.6)
    blast = next(z for z in site.zones if z.sector_kind == "blast" and z.active)
    assert blast.kind == "BLOCKED"
    assert blast.properties["reentry_wait_min"] == 30
    for zone in (z for z in site.zones if z.sector_kind == "exclusion"):
        poi = site.poi(zone.properties["poi_id"])
        assert zone.kind == "RELEASE"
        assert zone.properties["buffer_m"] == 50
        assert zone.polygon.contains(shapely.Point(poi.xy))
    closed_zone = next(z for z in site.zones if z.sector_kind == "closed_road")
    (road_id,) = closed_zone.properties["road_ids"]
    road = site.road(road_id)
    assert road.closed
    assert closed_zone.kind == "BLOCKED"
    assert closed_zone.polygon.buffer(0.01).contains(shapely.LineString(road.line_xy))


def test_all_pois_mutually_reachable_on_open_published_roads(site: Site) -> None:
    graph = site.graph
    for a, b in itertools.permutations(site.pois, 2):
        path = graph.shortest_path(a.node, b.node)
        assert all(not graph.edges[e].closed and graph.edges[e].published for e in path)
        if a.node != b.node:
            assert graph.edges[path[0]].u == a.node
            assert graph.edges[path[-1]].v == b.node


def test_usable_network_is_strongly_connected(site: Site) -> None:
    graph = site.graph
    mask = graph.edge_mask()
    used = sorted({n for e, edge in enumerate(graph.edges) if mask[e] for n in (edge.u, edge.v)})
    start = used[0]
    forward = graph.reachable(start, allow_closed=False, allow_unpublished=False)
    backward = graph.reachable(start, reverse=True, allow_closed=False, allow_unpublished=False)
    assert forward[used].all()
    assert backward[used].all()


def test_segment_endpoints_that_meet_share_exact_coordinates() -> None:
    doc = json.loads(default_site_path().read_text(encoding="utf-8"))
    ends = [
        tuple(pos)
        for f in doc["features"]
        if f["properties"]["feature"] == "road"
        for pos in (f["geometry"]["coordinates"][0], f["geometry"]["coordinates"][-1])
    ]
    distinct = np.array(sorted(set(ends)))
    # any two distinct endpoint coordinates are far apart: meeting ends are bit-identical
    d = np.hypot(*(distinct[:, None, :] - distinct[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    assert float(d.min()) > 1e-4  # degrees; about 10 m


def test_lookups(site: Site) -> None:
    first = site.pois[0]
    assert site.poi(first.id) is first
    assert site.road(site.roads[3].id) is site.roads[3]
    assert site.road_index(site.roads[3].id) == 3
    assert site.zone(site.zones[0].id) is site.zones[0]
    assert all(p.kind == "dump" for p in site.pois_of_kind("dump"))
    with pytest.raises(UnknownFeatureError, match="no poi with id 'nope'"):
        site.poi("nope")
    with pytest.raises(LookupError):
        site.poi(site.roads[0].id)  # a road id is not a POI id
    with pytest.raises(UnknownFeatureError):
        site.zone("R001")


def test_arrays_are_read_only(site: Site) -> None:
    with pytest.raises(ValueError, match="read-only"):
        site.roads[0].line_xy[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        site.graph.node_xy[0, 0] = 1.0


def test_default_site_path_points_into_resources() -> None:
    path = default_site_path()
    assert path.is_file()
    assert path.parent.name == "sites"
    assert path.parent.parent.name == "resources"
