"""The flow-target LP and the needy-loader cost term."""

from __future__ import annotations

import pytest

from app.core.dispatch.errors import DispatchError
from app.core.dispatch.flowplan import DumpSpec, FlowTargetCost, LoaderSpec, plan_flows
from app.core.dispatch.tasks import Task

LOADERS = [LoaderSpec("L1", 10.0, "waste"), LoaderSpec("L2", 10.0, "ore")]
DUMPS = [DumpSpec("W", 5000.0, frozenset({"waste"})), DumpSpec("C", 500.0, frozenset({"ore"}))]


def _cycle(loader: str, dump: str) -> float:
    return 1800.0


def test_dump_capacity_binds_the_ore_flow() -> None:
    plan = plan_flows(LOADERS, DUMPS, payload_t=100.0, trucks=50, cycle_s=_cycle)
    assert plan.flows == pytest.approx({("L1", "W"): 10.0, ("L2", "C"): 5.0})
    assert plan.loader_targets == pytest.approx({"L1": 10.0, "L2": 5.0})
    assert plan.tonnes_per_hour == pytest.approx(1500.0)
    assert plan.trucks_needed == pytest.approx(7.5)


def test_truck_count_binds_when_short_of_trucks() -> None:
    plan = plan_flows(LOADERS, DUMPS, payload_t=100.0, trucks=2, cycle_s=_cycle)
    assert plan.tonnes_per_hour == pytest.approx(400.0)  # 2 trucks x 2 cycles an hour
    assert plan.trucks_needed == pytest.approx(2.0)


def test_material_never_goes_to_a_dump_that_does_not_take_it() -> None:
    plan = plan_flows(LOADERS, DUMPS, payload_t=100.0, trucks=50, cycle_s=_cycle)
    assert ("L1", "C") not in plan.flows
    assert ("L2", "W") not in plan.flows


def test_shorter_cycles_are_preferred_among_equal_plans() -> None:
    loaders = [LoaderSpec("A", 10.0, "ore"), LoaderSpec("B", 10.0, "ore")]
    dumps = [DumpSpec("C", 1000.0, frozenset({"ore"}))]
    plan = plan_flows(
        loaders,
        dumps,
        payload_t=100.0,
        trucks=50,
        cycle_s=lambda ld, dp: 600.0 if ld == "A" else 1200.0,
    )
    assert plan.loader_targets == pytest.approx({"A": 10.0, "B": 0.0})


def test_no_shared_material_is_an_error() -> None:
    with pytest.raises(DispatchError, match="share a material"):
        plan_flows(
            [LoaderSpec("L", 10.0, "ore")],
            [DumpSpec("W", 100.0, frozenset({"waste"}))],
            payload_t=100.0,
            trucks=5,
            cycle_s=_cycle,
        )


def test_bad_specs_are_refused() -> None:
    with pytest.raises(ValueError, match="loads_per_hour"):
        LoaderSpec("L", 0.0, "ore")
    with pytest.raises(ValueError, match="capacity_tph"):
        DumpSpec("D", -1.0, frozenset({"ore"}))


def test_needy_loader_is_cheaper_and_a_loader_ahead_dearer() -> None:
    plan = plan_flows(LOADERS, DUMPS, payload_t=100.0, trucks=50, cycle_s=_cycle)
    term = FlowTargetCost(plan, start=0.0, weight_s=100.0)
    task_l1 = Task("a", "mining.haul_cycle", "L1", "W", frozenset({"haul_truck"}))
    task_l2 = Task("b", "mining.haul_cycle", "L2", "C", frozenset({"haul_truck"}))
    # After 36 min: L1 should have had 6 loads, L2 3. Send 6 to L2, none to L1.
    for _ in range(6):
        term.record("L2")
    now = 0.6 * 3600.0
    assert term.behind("L1", now) == pytest.approx(6.0)
    assert term.behind("L2", now) == pytest.approx(-3.0)
    vehicle = None
    assert term(task_l1, vehicle, 0.0, now) == pytest.approx(-600.0)  # type: ignore[arg-type]
    assert term(task_l2, vehicle, 0.0, now) == pytest.approx(300.0)  # type: ignore[arg-type]
    assert plan.dump_for("L2", {}, 1.0) == "C"
