"""The embedded dispatcher: who goes where (the policy engine and the governor decide how).

* :mod:`.tasks` — tasks and their recorded state machine;
* :mod:`.assignment` — our Jonker-Volgenant solver, rectangular, with forbidden pairs;
* :mod:`.dispatcher` — the service: assignment, re-dispatch, operator overrides, events;
* :mod:`.flowplan` — the mining flow-target LP and its needy-loader cost term;
* :mod:`.traveltime` — POI-to-POI travel times over the road graph;
* :mod:`.haulsim` — the haul-cycle simulation that compares dispatch policies;
* :mod:`.site` — the dispatcher wired to the site's map, fleet and edge nodes;
* :mod:`.kpis` — haul KPIs from task progress.
"""

from __future__ import annotations

from app.core.dispatch.assignment import Assignment, solve_assignment, warm_up
from app.core.dispatch.dispatcher import CostTerm, Dispatcher, Vehicle, VehicleStatus
from app.core.dispatch.errors import CostMatrixError, DispatchError, OverrideError, TransitionError
from app.core.dispatch.events import OverrideApplied, TaskTransitioned, VehicleStatusChanged
from app.core.dispatch.flowplan import DumpSpec, FlowPlan, FlowTargetCost, LoaderSpec, plan_flows
from app.core.dispatch.kpis import HaulKpis
from app.core.dispatch.site import SiteDispatch
from app.core.dispatch.tasks import Task, TaskState, Transition
from app.core.dispatch.traveltime import PoiTravelMatrix, TravelTimes

__all__ = [
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
]
