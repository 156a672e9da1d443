"""The edge governor: policy rules as data, compiled to arrays, decided by numba kernels.

Every action a vehicle proposes is decided here, in microseconds, with the rules that fired
and why; bad inputs fail closed. docs/governor.md describes the rule language and the design.
"""

from edge.governor.compiler import CompiledPolicy, compile_policy
from edge.governor.context import ACTIONS, CONDITION_FIELDS, INPUT_FIELDS, WEATHERS, Proposal
from edge.governor.engine import BUNDLE_EXPIRED, INPUT_INVALID, Governor
from edge.governor.errors import BatchError, BundleError, CompileError, GovernorError
from edge.governor.inputs import inputs_digest
from edge.governor.kernels.dispatch import warm_up
from edge.governor.loader import load_bundle, load_core_bundle, parse_bundle
from edge.governor.outcomes import SEVERITY, Decision, Escalation, fallback_due, severity
from edge.governor.rules import (
    Constraints,
    Effect,
    EscalationSpec,
    FieldCondition,
    NearCondition,
    PolicyBundle,
    Rule,
    SectorKindCondition,
    ZoneKindCondition,
)

__all__ = [
    "ACTIONS",
    "BUNDLE_EXPIRED",
    "CONDITION_FIELDS",
    "INPUT_FIELDS",
    "INPUT_INVALID",
    "SEVERITY",
    "WEATHERS",
    "BatchError",
    "BundleError",
    "CompileError",
    "CompiledPolicy",
    "Constraints",
    "Decision",
    "Effect",
    "Escalation",
    "EscalationSpec",
    "FieldCondition",
    "Governor",
    "GovernorError",
    "NearCondition",
    "PolicyBundle",
    "Proposal",
    "Rule",
    "SectorKindCondition",
    "ZoneKindCondition",
    "compile_policy",
    "fallback_due",
    "inputs_digest",
    "load_bundle",
    "load_core_bundle",
    "parse_bundle",
    "severity",
    "warm_up",
]
