"""Each way a site file can be broken gives a SiteFileError naming the feature and the problem."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest

from maps import MapError, SiteFileError, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def demo_doc() -> Doc:
    doc: Doc = json.loads(default_site_path().read_text(encoding="utf-8"))
    return doc


def _write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "demo_mine.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _find(doc: Doc, feature_id: str) -> tuple[int, dict[str, Any]]:
    for i, f in enumerate(doc["features"]):
        if f["properties"]["id"] == feature_id:
            return i, f
    raise AssertionError(feature_id)


def _first(doc: Doc, pred: Callable[[dict[str, Any]], bool]) -> tuple[int, dict[str, Any]]:
    return next((i, f) for i, f in enumerate(doc["features"]) if pred(f["properties"]))


def _load_broken(tmp_path: Path, doc: Doc) -> SiteFileError:
    with pytest.raises(SiteFileError) as info:
        load_site(_write(tmp_path, doc))
    assert isinstance(info.value, MapError)
    return info.value


def test_message_names_file_feature_field_and_problem(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    index, feature = _find(doc, "R042")
    feature["properties"]["speed_limit_kmh"] = 0
    err = _load_broken(tmp_path, doc)
    assert str(err).startswith(
        f"demo_mine.geojson: feature R042 (index {index}): field 'speed_limit_kmh': must be > 0"
    )
    assert (err.feature_id, err.index, err.field) == ("R042", index, "speed_limit_kmh")
    assert err.source == "demo_mine.geojson"
    assert err.problem.startswith("must be > 0")


def test_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "demo_mine.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(SiteFileError, match=r"demo_mine.geojson: not valid JSON: .* line 1"):
        load_site(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SiteFileError, match="cannot read the file"):
        load_site(tmp_path / "absent.geojson")


@pytest.mark.parametrize(
    ("doc", "match"),
    [
        ([], "top level must be a GeoJSON FeatureCollection object, got a JSON array"),
        ({"type": "Feature"}, "field 'type': top level must be a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "field 'atlasmesh': missing"),
    ],
)
def test_wrong_top_level(tmp_path: Path, doc: object, match: str) -> None:
    with pytest.raises(SiteFileError, match=match):
        load_site(_write(tmp_path, doc))


def test_bad_header(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    doc["atlasmesh"]["schema_version"] = 2
    err = _load_broken(tmp_path, doc)
    assert err.field == "atlasmesh.schema_version"
    assert "unsupported schema_version 2 (this build reads 1)" in str(err)
    doc["atlasmesh"] = {**demo_doc["atlasmesh"], "origin": [39.9]}
    assert str(_load_broken(tmp_path, doc).field).startswith("atlasmesh.origin")


def test_self_intersecting_polygon(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    index, zone = _first(doc, lambda p: p["feature"] == "zone")
    ring = zone["geometry"]["coordinates"][0]
    (x0, y0), (x1, y1) = ring[0], ring[len(ring) // 2]
    zone["geometry"]["coordinates"] = [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]]
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.index) == (zone["properties"]["id"], index)
    assert "invalid polygon: Self-intersection" in str(err)


def test_unclosed_ring(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, zone = _first(doc, lambda p: p["feature"] == "zone")
    zone["geometry"]["coordinates"][0].pop()
    assert "ring 0 is not closed" in str(_load_broken(tmp_path, doc))


def test_linestring_with_one_point(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    index, road = _find(doc, "R010")
    road["geometry"]["coordinates"] = road["geometry"]["coordinates"][:1]
    err = _load_broken(tmp_path, doc)
    assert str(err).startswith(f"demo_mine.geojson: feature R010 (index {index})")
    assert err.field == "geometry.coordinates"
    assert "at least 2 positions, got 1" in err.problem


def test_coordinates_out_of_range(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, road = _find(doc, "R011")
    road["geometry"]["coordinates"][1] = [39.9, 95.0]
    err = _load_broken(tmp_path, doc)
    assert err.feature_id == "R011"
    assert "position 1: latitude 95.0 out of range" in err.problem


def test_wrong_geometry_type(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, poi = _first(doc, lambda p: p["feature"] == "poi")
    poi["geometry"] = {"type": "LineString", "coordinates": [[39.9, 31.3], [39.91, 31.3]]}
    err = _load_broken(tmp_path, doc)
    assert err.field == "geometry.type"
    assert "a poi must be a Point" in err.problem


@pytest.mark.parametrize(
    ("feature", "kind"), [("road", "highway"), ("poi", "helipad"), ("zone", "NO_GO")]
)
def test_unknown_kind(tmp_path: Path, demo_doc: Doc, feature: str, kind: str) -> None:
    doc = copy.deepcopy(demo_doc)
    index, f = _first(doc, lambda p: p["feature"] == feature)
    f["properties"]["kind"] = kind
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.index, err.field) == (f["properties"]["id"], index, "kind")
    assert f"unknown kind '{kind}'" in err.problem


def test_unknown_and_missing_fields(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, road = _find(doc, "R005")
    road["properties"]["speed_limit"] = 30
    err = _load_broken(tmp_path, doc)
    assert (err.field, err.problem) == ("speed_limit", "is not a known field")
    del road["properties"]["speed_limit"]
    del road["properties"]["published"]
    err = _load_broken(tmp_path, doc)
    assert (err.field, err.problem) == ("published", "is required")
    road["properties"]["published"] = "yes"
    assert _load_broken(tmp_path, doc).field == "published"


def test_speed_limit_zone_needs_a_speed(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, zone = _first(doc, lambda p: p["feature"] == "zone" and p["kind"] == "SPEED_LIMIT")
    del zone["properties"]["speed_limit_kmh"]
    err = _load_broken(tmp_path, doc)
    assert err.field == "speed_limit_kmh"
    assert "is required for a SPEED_LIMIT zone" in err.problem


def test_duplicate_ids(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    index, poi = _first(doc, lambda p: p["feature"] == "poi")
    poi["properties"]["id"] = poi["id"] = "R003"
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.index, err.field) == ("R003", index, "id")
    assert err.problem == "duplicate id (first used by the feature at index 2)"


def test_dangling_poi(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    index, poi = _first(doc, lambda p: p["feature"] == "poi")
    lon, lat = poi["geometry"]["coordinates"]
    poi["geometry"]["coordinates"] = [lon, lat + 0.0009]  # about 100 m north
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.index) == (poi["properties"]["id"], index)
    assert "no road node within 30 m (nearest is" in err.problem


def test_disconnected_network(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, road = _find(doc, "R001")
    island = copy.deepcopy(road)
    island["id"] = island["properties"]["id"] = "R999"
    island["geometry"]["coordinates"] = [[39.80, 31.20], [39.801, 31.20]]
    doc["features"].insert(5, island)
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.index) == ("R999", 5)
    assert "not connected to the rest of the road network" in err.problem


def test_one_way_trap(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, road = _find(doc, "R001")
    spur = copy.deepcopy(road)
    start = road["geometry"]["coordinates"][0]
    spur["id"] = spur["properties"]["id"] = "R998"
    spur["properties"]["one_way"] = True
    spur["geometry"]["coordinates"] = [start, [start[0] + 0.001, start[1] + 0.001]]
    doc["features"].insert(3, spur)
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.index) == ("R998", 3)
    assert "one-way roads trap traffic here" in err.problem


def test_zone_refers_to_unknown_road(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, zone = _first(doc, lambda p: p["feature"] == "zone" and p["sector_kind"] == "closed_road")
    zone["properties"]["road_ids"] = ["R777"]
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.field) == (zone["properties"]["id"], "road_ids")
    assert "'R777'" in err.problem


def test_feature_id_must_match_properties_id(tmp_path: Path, demo_doc: Doc) -> None:
    doc = copy.deepcopy(demo_doc)
    _, road = _find(doc, "R020")
    road["id"] = "R021"
    err = _load_broken(tmp_path, doc)
    assert (err.feature_id, err.field) == ("R020", "id")
