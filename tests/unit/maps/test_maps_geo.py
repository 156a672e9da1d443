"""Tests for the local frame projection."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maps.geo import LocalFrame

FRAME = LocalFrame(39.9, 31.3)


def _haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def test_origin_maps_to_zero() -> None:
    assert FRAME.to_local(39.9, 31.3) == (0.0, 0.0)


def test_axes_point_east_and_north() -> None:
    x, y = FRAME.to_local(39.91, 31.3)
    assert x > 900
    assert y == 0.0
    x, y = FRAME.to_local(39.9, 31.31)
    assert x == 0.0
    assert y > 1100


def test_metres_per_degree_match_wgs84_at_origin() -> None:
    # WGS84 at 31.3 deg: about 110.88 km per degree of latitude, 95.2 km per degree of longitude
    assert FRAME.metres_per_deg_lat == pytest.approx(110_880, rel=1e-3)
    assert FRAME.metres_per_deg_lon == pytest.approx(95_210, rel=1e-3)


@pytest.mark.parametrize(("dx", "dy"), [(2000.0, 0.0), (0.0, -2000.0), (1500.0, 1500.0)])
def test_distances_agree_with_great_circle_within_half_a_percent(dx: float, dy: float) -> None:
    lon, lat = FRAME.to_lonlat(dx, dy)
    assert math.hypot(dx, dy) == pytest.approx(_haversine_m(39.9, 31.3, lon, lat), rel=5e-3)


@given(
    st.floats(min_value=-5000, max_value=5000, allow_nan=False),
    st.floats(min_value=-5000, max_value=5000, allow_nan=False),
)
def test_scalar_round_trip(x: float, y: float) -> None:
    lon, lat = FRAME.to_lonlat(x, y)
    bx, by = FRAME.to_local(lon, lat)
    assert bx == pytest.approx(x, abs=1e-6)
    assert by == pytest.approx(y, abs=1e-6)


def test_vectorised_round_trip_and_agreement_with_scalar() -> None:
    rng = np.random.default_rng(1)
    xy = rng.uniform(-5000, 5000, size=(500, 2))
    lon, lat = FRAME.to_lonlat(xy[:, 0], xy[:, 1])
    assert isinstance(lon, np.ndarray)
    assert lon.shape == (500,)
    x, y = FRAME.to_local(lon, lat)
    np.testing.assert_allclose(np.column_stack((x, y)), xy, atol=1e-6)
    one_lon, one_lat = FRAME.to_lonlat(float(xy[7, 0]), float(xy[7, 1]))
    assert one_lon == pytest.approx(float(lon[7]), abs=1e-12)
    assert one_lat == pytest.approx(float(lat[7]), abs=1e-12)
    back = FRAME.points_to_local(FRAME.points_to_lonlat(xy))
    np.testing.assert_allclose(back, xy, atol=1e-6)


def test_scalar_input_gives_floats() -> None:
    x, y = FRAME.to_local(39.95, 31.25)
    assert type(x) is float
    assert type(y) is float


@pytest.mark.parametrize(("lon", "lat"), [(200.0, 0.0), (0.0, 89.5), (math.nan, 0.0)])
def test_invalid_origin_is_refused(lon: float, lat: float) -> None:
    with pytest.raises(ValueError, match="origin"):
        LocalFrame(lon, lat)
