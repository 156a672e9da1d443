"""The dispatcher package's public API is pinned: a change here is a deliberate one."""

from __future__ import annotations

import app.core.dispatch as dispatch

PUBLIC = {
    "Assignment",
    "CostMatrixError",
    "CostTerm",
    "DispatchError",
    "Dispatcher",
    "DumpSpec",
    "FlowPlan",
    "FlowTargetCost",
    "HaulKpis",
    "LoaderSpec",
    "OverrideApplied",
    "OverrideError",
    "PoiTravelMatrix",
    "SiteDispatch",
    "Task",
    "TaskState",
    "TaskTransitioned",
    "Transition",
    "TransitionError",
    "TravelTimes",
    "Vehicle",
    "VehicleStatus",
    "VehicleStatusChanged",
    "plan_flows",
    "solve_assignment",
    "warm_up",
}


def test_public_api_is_pinned() -> None:
    assert set(dispatch.__all__) == PUBLIC
    assert all(hasattr(dispatch, name) for name in PUBLIC)
