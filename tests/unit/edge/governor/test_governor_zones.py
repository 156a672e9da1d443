"""Zones: VDA 5050 overlap rules, holes, proximity bands, and agreement with shapely."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import shapely

from edge.governor import Governor, Proposal, compile_policy, parse_bundle
from edge.governor.kernels import layout
from edge.governor.kernels.dispatch import kernels
from edge.protocol.messages import Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from edge.governor import PolicyBundle
    from maps import Site

    Make = Callable[..., Proposal]

KMH = 1 / 3.6


def bundle_of(*rules: dict[str, Any]) -> PolicyBundle:
    return parse_bundle(
        {
            "schema_version": 1,
            "bundle_id": "zones",
            "version": 1,
            "issued_at": "2026-01-01T00:00:00Z",
            "parameters": {"vehicle_classes": {"haul_truck": {"max_speed_mps": 16.0}}},
            "rules": list(rules),
        }
    )


def flag_rule(rule_id: str, *when: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": rule_id,
        "explanation": rule_id,
        "strength": "E",
        "source": "test",
        "when": list(when),
        "effect": {"outcome": "RESTRICT", "constraints": {"no_reverse": True}},
    }


def test_lowest_speed_limit_applies_where_zones_overlap(
    small_jit: Governor, proposal: Make
) -> None:
    only_a = small_jit.decide(proposal(x=150.0, y=80.0, requested_speed_mps=1.0))
    assert only_a.constraint("speed_cap_mps") == pytest.approx(30 * KMH)
    a_and_b = small_jit.decide(proposal(x=320.0, y=30.0, requested_speed_mps=1.0))
    assert a_and_b.constraint("speed_cap_mps") == pytest.approx(10 * KMH)


def test_blocked_wins_over_everything_else(small_jit: Governor, proposal: Make) -> None:
    d = small_jit.decide(proposal(x=380.0, y=0.0, link_state="degraded"))
    assert d.outcome is Outcome.BLOCK
    assert {"core.blocked_zone", "core.zone_speed_limit", "core.link_degraded"} <= set(d.fired)
    assert d.constraint("speed_cap_mps") == pytest.approx(0.7 * 10 * KMH)


def test_release_zone_needs_a_grant_and_inactive_zones_are_ignored(
    small_jit: Governor, proposal: Make
) -> None:
    assert small_jit.decide(proposal(x=650.0, y=0.0)).outcome is Outcome.ESCALATE
    granted = proposal(x=650.0, y=0.0, granted_zones=frozenset({"ZD"}))
    assert small_jit.decide(granted).outcome is Outcome.ALLOW
    assert small_jit.decide(proposal(x=850.0, y=30.0)).outcome is Outcome.ALLOW  # ZE inactive


def test_holes_are_outside(small_jit: Governor, proposal: Make) -> None:
    in_hole = small_jit.decide(proposal(x=1100.0, y=300.0, requested_speed_mps=1.0))
    assert in_hole.fired == ()
    in_ring = small_jit.decide(proposal(x=1020.0, y=300.0, requested_speed_mps=1.0))
    assert in_ring.constraint("speed_cap_mps") == pytest.approx(20 * KMH)


def test_sector_kind_conditions(small_site: Site, proposal: Make) -> None:
    gov = Governor(
        bundle_of(
            flag_rule("test.pedestrian", {"in_zone_sector_kind": "pedestrian"}),
            flag_rule("test.workshop", {"in_zone_sector_kind": "workshop_area"}),
        ),
        small_site,
    )
    assert gov.decide(proposal(x=320.0, y=30.0)).fired == ("test.pedestrian",)
    assert gov.decide(proposal(x=150.0, y=80.0)).fired == ()


@pytest.mark.parametrize(
    ("x", "y", "fires"),
    [
        (400.0, 0.0, True),  # inside
        (470.0, 0.0, True),  # 20 m
        (470.0, 40.0, True),  # 28.3 m from the corner
        (472.0, 42.0, False),  # 31.1 m from the corner
        (500.0, 0.0, False),  # 50 m
        (790.0, 0.0, False),  # 10 m from an inactive blast zone
    ],
)
def test_near_feature_within_distance(
    x: float, y: float, fires: bool, small_site: Site, proposal: Make
) -> None:
    gov = Governor(
        bundle_of(flag_rule("test.near_blast", {"near_feature": "blast", "within_m": 30})),
        small_site,
    )
    assert (gov.decide(proposal(x=x, y=y)).fired == ("test.near_blast",)) is fires


@pytest.mark.parametrize("jit", [True, False])
def test_near_feature_agrees_with_shapely_distance(
    jit: bool, small_site: Site, proposal: Make
) -> None:
    gov = Governor(
        bundle_of(flag_rule("test.near_blast", {"near_feature": "blast", "within_m": 30})),
        small_site,
        jit=jit,
    )
    blast = small_site.zone("ZC").polygon
    rng = np.random.default_rng(7)
    for x, y in rng.uniform([300.0, -80.0], [500.0, 80.0], size=(200 if jit else 60, 2)):
        distance = shapely.distance(blast, shapely.Point(x, y))
        fired = gov.decide(proposal(x=float(x), y=float(y))).fired == ("test.near_blast",)
        if distance <= 30.0:
            assert fired, (x, y, distance)
        elif distance > 30.0 * 1.005 + 1e-6:
            assert not fired, (x, y, distance)


@pytest.mark.parametrize("jit", [True, False])
def test_spatial_index_agrees_with_shapely_on_the_demo_mine(
    jit: bool, core_bundle: PolicyBundle, demo_site: Site
) -> None:
    policy = compile_policy(core_bundle, demo_site)
    decide_one = kernels(jit).decide_one
    work = policy.work.copy()
    out = np.zeros(layout.O_FIRED + policy.n_rules, dtype=np.int64)
    limits = [
        (z.polygon, z.speed_limit_mps)
        for z in demo_site.zones
        if z.active and z.kind == "SPEED_LIMIT" and z.speed_limit_mps is not None
    ]
    roads = [
        (
            shapely.buffer(shapely.LineString(r.line_xy), r.width_m / 2, quad_segs=4),
            r.speed_limit_mps,
        )
        for r in demo_site.roads
    ]
    releases = [z.polygon for z in demo_site.zones if z.active and z.kind == "RELEASE"]
    minx, miny, maxx, maxy = demo_site.bounds
    rng = np.random.default_rng(11)
    points = rng.uniform(
        [minx - 100, miny - 100], [maxx + 100, maxy + 100], (3000 if jit else 300, 2)
    )
    for x, y in points:
        work[: layout.N_INPUTS] = 0.0
        work[layout.S_X], work[layout.S_Y] = x, y
        out[layout.O_GRANTS] = 0
        decide_one(policy.f_arr, policy.i_arr, work, out)
        pt = shapely.Point(x, y)
        zone = min((v for poly, v in limits if poly.contains(pt)), default=math.inf)
        road = min((v for poly, v in roads if poly.contains(pt)), default=math.inf)
        pending = any(poly.contains(pt) for poly in releases)
        assert work[layout.S_ZONE_LIMIT] == zone, (x, y)
        assert work[layout.S_ROAD_LIMIT] == road, (x, y)
        assert bool(work[layout.S_RELEASE_PENDING]) is pending, (x, y)
