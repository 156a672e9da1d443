"""Shared fixtures for the governor tests: sites, bundles, governors (JIT on and off)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from edge.governor import Governor, PolicyBundle, Proposal, load_core_bundle
from edge.protocol.messages import LinkState
from maps import LocalFrame, Site, build_site, default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import Callable

ORIGIN = (39.9, 31.3)
NOW = 1_800_000_000.0

BASE: dict[str, Any] = {
    "vehicle_id": "HT-001",
    "vehicle_class": "haul_truck",
    "profile": "sim.haul_truck",
    "action": "proceed",
    "x": -500.0,
    "y": -500.0,
    "speed_mps": 5.0,
    "requested_speed_mps": 5.0,
    "load_t": 100.0,
    "perception_confidence": 0.95,
    "link_state": LinkState.CONNECTED,
    "weather": "clear",
    "hour": 10.0,
    "estop_latched": False,
    "released": False,
    "now": NOW,
}
"""A proposal that fires nothing on the small site (outside every zone and road)."""


def _square(frame: LocalFrame, x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return [list(frame.to_lonlat(x, y)) for x, y in ring]


def _zone(
    frame: LocalFrame,
    zid: str,
    kind: str,
    sector: str,
    rings: list[tuple[float, ...]],
    **extra: Any,
) -> dict[str, Any]:
    props = {
        "feature": "zone",
        "id": zid,
        "kind": kind,
        "sector_kind": sector,
        "name": zid,
        "name_ar": "منطقة",
        "active": True,
        **extra,
    }
    coords = [_square(frame, *r) for r in rings]
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Polygon", "coordinates": coords},
    }


def small_site_doc() -> dict[str, Any]:
    """A road along the x axis and overlapping zones (local metres):

    ZA SPEED_LIMIT 30 km/h  [100, 500] x [-100, 100]
    ZB SPEED_LIMIT 10 km/h  [300, 400] x [-50, 50]     (inside ZA, pedestrian)
    ZC BLOCKED blast        [350, 450] x [-20, 20]     (overlaps ZA and ZB)
    ZD RELEASE exclusion    [600, 700] x [-50, 50]
    ZE BLOCKED blast        [800, 900] x [-50, 50]     inactive
    ZF SPEED_LIMIT 20 km/h  [1000, 1200] x [200, 400] with a hole [1050, 1150] x [250, 350]
    R1 haul road 45 km/h, 20 m wide, from (0, 0) to (1000, 0)
    """
    frame = LocalFrame(*ORIGIN)
    road = {
        "type": "Feature",
        "properties": {
            "feature": "road",
            "id": "R1",
            "kind": "haul_road",
            "speed_limit_kmh": 45.0,
            "grade_pct": 0.0,
            "width_m": 20.0,
            "one_way": False,
            "lanes": 2,
            "closed": False,
            "published": True,
        },
        "geometry": {
            "type": "LineString",
            "coordinates": [list(frame.to_lonlat(0.0, 0.0)), list(frame.to_lonlat(1000.0, 0.0))],
        },
    }
    zones = [
        _zone(
            frame, "ZA", "SPEED_LIMIT", "speed_limit", [(100, -100, 500, 100)], speed_limit_kmh=30.0
        ),
        _zone(
            frame, "ZB", "SPEED_LIMIT", "pedestrian", [(300, -50, 400, 50)], speed_limit_kmh=10.0
        ),
        _zone(frame, "ZC", "BLOCKED", "blast", [(350, -20, 450, 20)], reentry_wait_min=30.0),
        _zone(frame, "ZD", "RELEASE", "exclusion", [(600, -50, 700, 50)], buffer_m=50.0),
        _zone(frame, "ZE", "BLOCKED", "blast", [(800, -50, 900, 50)], reentry_wait_min=30.0),
        _zone(
            frame,
            "ZF",
            "SPEED_LIMIT",
            "speed_limit",
            [(1000, 200, 1200, 400), (1050, 250, 1150, 350)],
            speed_limit_kmh=20.0,
        ),
    ]
    zones[4]["properties"]["active"] = False
    return {
        "type": "FeatureCollection",
        "atlasmesh": {
            "schema_version": 1,
            "site_id": "test-site",
            "name": "Test site",
            "name_ar": "موقع اختبار",
            "origin": list(ORIGIN),
        },
        "features": [road, *zones],
    }


@pytest.fixture(scope="session")
def demo_site() -> Site:
    return load_site(default_site_path())


@pytest.fixture(scope="session")
def small_site() -> Site:
    return build_site(small_site_doc(), source="small_site")


@pytest.fixture(scope="session")
def core_bundle() -> PolicyBundle:
    return load_core_bundle()


@pytest.fixture(scope="session")
def demo_jit(core_bundle: PolicyBundle, demo_site: Site) -> Governor:
    return Governor(core_bundle, demo_site, jit=True)


@pytest.fixture(scope="session")
def demo_ref(core_bundle: PolicyBundle, demo_site: Site) -> Governor:
    return Governor(core_bundle, demo_site, jit=False)


@pytest.fixture(scope="session")
def small_jit(core_bundle: PolicyBundle, small_site: Site) -> Governor:
    return Governor(core_bundle, small_site, jit=True)


@pytest.fixture(scope="session")
def small_ref(core_bundle: PolicyBundle, small_site: Site) -> Governor:
    return Governor(core_bundle, small_site, jit=False)


@pytest.fixture(scope="session")
def proposal() -> Callable[..., Proposal]:
    """Build a proposal from :data:`BASE` with some fields replaced (any values, unchecked)."""

    def make(**changes: Any) -> Proposal:
        return Proposal(**{**BASE, **changes})

    return make
