"""The governor's public API is pinned; its errors form one tree."""

from __future__ import annotations

import edge.governor
from edge.governor import BatchError, BundleError, CompileError, GovernorError

PUBLIC = {
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
}


def test_public_api_is_pinned() -> None:
    assert set(edge.governor.__all__) == PUBLIC
    for name in edge.governor.__all__:
        assert getattr(edge.governor, name) is not None


def test_errors_share_one_base() -> None:
    for cls in (BatchError, BundleError, CompileError):
        assert issubclass(cls, GovernorError)
    err = BundleError("broken", source="x.json", field="version")
    assert str(err) == "x.json: field 'version': broken"
    assert str(BundleError("broken", index=2)) == "rule at rules[2]: broken"
