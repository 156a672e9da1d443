"""The rule language: loading bundles, and errors that name the rule, the field and the problem."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from edge.governor import BundleError, PolicyBundle, load_bundle, load_core_bundle, parse_bundle
from edge.governor.rules import FieldCondition, NearCondition, ZoneKindCondition
from edge.protocol.messages import Outcome

RULE: dict[str, Any] = {
    "id": "test.slow_in_rain",
    "explanation": "Slow down in the rain.",
    "strength": "E",
    "source": "test",
    "when": [{"field": "weather", "op": "eq", "value": "rain"}],
    "effect": {"outcome": "RESTRICT", "constraints": {"speed_factor": 0.5}},
}
DOC: dict[str, Any] = {
    "schema_version": 1,
    "bundle_id": "test",
    "version": 3,
    "issued_at": "2026-01-01T00:00:00Z",
    "parameters": {"vehicle_classes": {"haul_truck": {"max_speed_mps": 16.0}}},
    "rules": [RULE],
}


def doc_with(rule_changes: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(DOC)
    doc.update(changes)
    if rule_changes is not None:
        doc["rules"] = [{**RULE, **rule_changes}]
    return doc


def test_core_bundle_loads_with_sources_and_strengths() -> None:
    bundle = load_core_bundle()
    assert bundle.bundle_id == "core"
    ids = [r.id for r in bundle.rules]
    assert len(ids) == len(set(ids)) >= 8
    assert all(i.startswith("core.") for i in ids)
    assert all(r.source and r.explanation for r in bundle.rules)
    assert {r.strength for r in bundle.rules} <= {"R", "S", "G", "D", "E"}


def test_a_valid_bundle_parses_into_typed_conditions() -> None:
    doc = doc_with(
        {
            "when": [
                {"field": "speed_mps", "op": "gt", "value": 3},
                {"in_zone_kind": "BLOCKED"},
                {"near_feature": "blast", "within_m": 30},
            ]
        }
    )
    bundle = parse_bundle(doc)
    first, second, third = bundle.rules[0].when
    assert isinstance(first, FieldCondition)
    assert first.value == 3.0
    assert isinstance(second, ZoneKindCondition)
    assert isinstance(third, NearCondition)
    assert bundle.rules[0].effect.outcome is Outcome.RESTRICT


@pytest.mark.parametrize(
    ("rule_changes", "field", "problem"),
    [
        ({"when": [{"field": "speed", "op": "lt", "value": 1}]}, "when[0].field", "unknown field"),
        (
            {"when": [{"field": "perception_confidence", "op": "in", "value": 1}]},
            "when[0].op",
            "does not apply",
        ),
        (
            {"when": [{"field": "perception_confidence", "op": "lt", "value": "low"}]},
            "when[0].value",
            "must be a number",
        ),
        ({"when": [{"field": "action", "op": "eq", "value": "fly"}]}, "when[0].value", "fly"),
        ({"when": [{"field": "action", "op": "in", "value": []}]}, "when[0].value", "non-empty"),
        ({"when": [{"field": "speed_mps", "op": "lt"}]}, "when[0]", "exactly one"),
        (
            {"when": [{"field": "estop_latched", "op": "is_true", "value": True}]},
            "when[0]",
            "takes no",
        ),
        ({"when": [{"zone": "BLOCKED"}]}, "when[0]", "a condition needs one of"),
        ({"when": [{"in_zone_kind": "CLOSED"}]}, "when[0].in_zone_kind", "Input should be"),
        ({"when": [{"near_feature": "blast", "within_m": -1}]}, "when[0].within_m", "greater"),
        ({"effect": {"outcome": "ESCALATE"}}, "effect", "'escalation' is required"),
        ({"effect": {"outcome": "RESTRICT"}}, "effect", "at least one constraint"),
        (
            {"effect": {"outcome": "RESTRICT", "constraints": {"speed_factor": 1.5}}},
            "effect.constraints.speed_factor",
            "less than or equal",
        ),
        ({"effect": {"outcome": "MAYBE"}}, "effect.outcome", "Input should be"),
        ({"strength": "X"}, "strength", "Input should be"),
        ({"explanation": ""}, "explanation", "at least 1 character"),
        ({"colour": "red"}, "colour", "Extra inputs are not permitted"),
    ],
)
def test_rule_errors_name_the_rule_the_field_and_the_problem(
    rule_changes: dict[str, Any], field: str, problem: str
) -> None:
    with pytest.raises(BundleError) as info:
        parse_bundle(doc_with(rule_changes), source="site.json")
    err = info.value
    assert (err.rule_id, err.index, err.field) == ("test.slow_in_rain", 0, field)
    assert problem in err.problem
    assert str(err).startswith(f"site.json: rule test.slow_in_rain (rules[0]): field '{field}': ")


def test_an_invalid_rule_id_is_named() -> None:
    with pytest.raises(BundleError, match=r"rule no_namespace \(rules\[0\]\): field 'id'"):
        parse_bundle(doc_with({"id": "no_namespace"}))


def test_duplicate_and_reserved_ids() -> None:
    doc = doc_with()
    doc["rules"] = [RULE, RULE]
    with pytest.raises(BundleError, match=r"rules\[1\]\): field 'id': duplicate id") as info:
        parse_bundle(doc)
    assert info.value.index == 1
    with pytest.raises(BundleError, match="reserved"):
        parse_bundle(doc_with({"id": "core.input_invalid"}))


def test_vehicle_classes_named_by_rules_must_be_defined() -> None:
    cond = {"field": "vehicle_class", "op": "in", "value": ["haul_truck", "dozer"]}
    with pytest.raises(BundleError, match="'dozer' is not defined") as info:
        parse_bundle(doc_with({"when": [cond]}))
    assert info.value.field == "when[0].value"


def test_bundle_level_errors() -> None:
    with pytest.raises(BundleError, match=r"schema version 2 is not supported.*version 1"):
        parse_bundle(doc_with(schema_version=2))
    with pytest.raises(BundleError, match="'expires_at' must be after"):
        parse_bundle(doc_with(expires_at="2025-01-01T00:00:00Z"))
    with pytest.raises(BundleError, match="field 'issued_at'"):
        parse_bundle(doc_with(issued_at="2026-01-01T00:00:00"))  # no time zone
    bad = {"vehicle_classes": {"dozer": {"max_speed_mps": 0}}}
    with pytest.raises(
        BundleError, match=r"field 'parameters\.vehicle_classes\.dozer\.max_speed_mps'"
    ):
        parse_bundle(doc_with(parameters=bad))
    with pytest.raises(BundleError, match="and 1 more problem"):
        parse_bundle(doc_with({"strength": "X", "source": ""}))


def test_load_bundle_from_files(tmp_path: Path) -> None:
    good = tmp_path / "site.json"
    good.write_text(json.dumps(DOC), encoding="utf-8")
    assert isinstance(load_bundle(good), PolicyBundle)
    broken = tmp_path / "broken.json"
    broken.write_text('{"rules": [', encoding="utf-8")
    with pytest.raises(BundleError, match=r"broken\.json: not valid JSON: .* line 1"):
        load_bundle(broken)
    with pytest.raises(BundleError, match="cannot read"):
        load_bundle(tmp_path / "missing.json")


def test_yaml_needs_pyyaml(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps(DOC), encoding="utf-8")  # JSON is valid YAML
    if importlib.util.find_spec("yaml") is None:
        with pytest.raises(BundleError, match="PyYAML"):
            load_bundle(path)
    else:
        assert load_bundle(path).bundle_id == "test"


def test_the_documented_example_rule_parses() -> None:
    docs = Path(__file__).resolve().parents[4] / "docs" / "governor.md"
    text = docs.read_text(encoding="utf-8")
    example = text.split("Example:\n\n```json\n", 1)[1].split("```", 1)[0]
    rule = json.loads(example)
    bundle = parse_bundle({**DOC, "rules": [rule]})
    assert bundle.rules[0].id == "mining.fog_near_loader"
