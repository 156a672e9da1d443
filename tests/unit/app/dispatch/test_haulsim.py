"""The haul-cycle simulation on the demo mine: deterministic, and each policy does what it says."""

from __future__ import annotations

import pytest

from app.core.dispatch.events import TaskTransitioned
from app.core.dispatch.haulsim import (
    DispatcherPolicy,
    HaulScenario,
    NearestLoaderPolicy,
    simulate,
)
from app.core.dispatch.traveltime import PoiTravelMatrix
from maps.site import Site, default_site_path, load_site
from sectors.mining.profiles import PROFILES

TRUCK = next(p for p in PROFILES if p.id == "mining.haul_truck_empty")


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def _scenario(site: Site, **kw: object) -> HaulScenario:
    args: dict[str, object] = {
        "site": site,
        "trucks": 20,
        "payload_t": TRUCK.kinematics.payload_t,
        "max_speed_mps": TRUCK.kinematics.max_speed_mps,
        "duration_s": 1800.0,
    }
    args.update(kw)
    return HaulScenario(**args)  # type: ignore[arg-type]


def test_same_scenario_and_seed_give_the_same_result(site: Site) -> None:
    sc = _scenario(site, seed=3)
    assert simulate(sc, NearestLoaderPolicy()) == simulate(sc, NearestLoaderPolicy())
    assert simulate(sc, DispatcherPolicy()) == simulate(sc, DispatcherPolicy())


def test_baseline_sends_every_free_truck_to_the_nearest_loader(site: Site) -> None:
    sc = _scenario(site, start="parking")
    matrix = PoiTravelMatrix(site.graph, site.pois, max_speed_mps=sc.max_speed_mps)
    loaders = [p.id for p in site.pois_of_kind("loading")]
    park = site.pois_of_kind("parking")[0].id
    nearest = min(loaders, key=lambda ld: matrix.seconds(park, ld))
    result = simulate(sc, NearestLoaderPolicy())
    assert {k for k, v in result.loads_by_loader.items() if v} == {nearest}
    assert result.tonnes == result.loads * sc.payload_t


def test_dispatcher_follows_the_flow_plan_and_cuts_loader_queues(site: Site) -> None:
    sc = _scenario(site, start="parking")
    policy = DispatcherPolicy()
    ours = simulate(sc, policy)
    base = simulate(sc, NearestLoaderPolicy())
    assert policy.plan is not None
    unplanned = {k for k, v in policy.plan.loader_targets.items() if v == 0}
    assert all(ours.loads_by_loader[k] == 0 for k in unplanned)
    assert ours.mean_loader_queue_s < base.mean_loader_queue_s
    assert ours.tonnes_per_hour > base.tonnes_per_hour


def test_every_dispatched_task_is_recorded_with_its_transitions(site: Site) -> None:
    policy = DispatcherPolicy()
    simulate(_scenario(site, trucks=5, duration_s=900.0), policy)
    moves = [(e.old, e.new) for e in policy.events if isinstance(e, TaskTransitioned)]
    assert ("queued", "assigned") in moves
    assert ("running", "done") in moves


def test_bad_scenarios_are_refused(site: Site) -> None:
    with pytest.raises(ValueError, match="trucks >= 1"):
        _scenario(site, trucks=0)


def test_a_loader_without_its_rate_is_named_in_the_error(site: Site) -> None:
    import dataclasses

    loader = site.pois_of_kind("loading")[0]
    broken = dataclasses.replace(loader, properties={"material": "ore"})
    pois = tuple(broken if p is loader else p for p in site.pois)
    bad_site = dataclasses.replace(site, pois=pois)
    with pytest.raises(ValueError, match=f"{loader.id} needs a positive 'target_trucks_per_hour'"):
        simulate(_scenario(bad_site), NearestLoaderPolicy())
