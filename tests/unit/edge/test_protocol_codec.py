"""Protocol v1 frames: round trips, schema, and clear refusals of bad frames."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edge.errors import ErrorCode, ProtocolError
from edge.protocol import (
    BULK_FRAME_MAX,
    CONTROL_FRAME_MAX,
    MESSAGE_TYPES,
    PROTOCOL_VERSION,
    AssistAnswer,
    AssistRequest,
    CommandAck,
    DecisionReceipt,
    EmergencyStop,
    Heartbeat,
    Hello,
    Outcome,
    PeerRole,
    Telemetry,
    TelemetrySample,
    VehicleMode,
    VehicleState,
    decode,
    encode,
    protocol_schema,
)

SAMPLE = TelemetrySample(
    vehicle_id="HT-001",
    t=1_700_000_000.25,
    x=120.5,
    y=-45.0,
    heading_deg=271.0,
    speed_mps=8.2,
    mode=VehicleMode.AUTONOMOUS,
    state=VehicleState.MOVING,
    energy=0.8,
    perception_confidence=0.93,
    link_quality=0.9,
    load_t=210.0,
    task_id="T-9",
)

EXAMPLES = [
    Hello(
        seq=0,
        ts=1.0,
        role=PeerRole.CONSOLE,
        node_id="console-1",
        site_id="demo-mine",
        versions=["1.0"],
    ),
    Heartbeat(seq=3, ts=2.0, echo_ts=1.5, echo_age=0.01),
    Telemetry(seq=4, ts=3.0, samples=[SAMPLE, SAMPLE.model_copy(update={"vehicle_id": "HT-2"})]),
    DecisionReceipt(
        seq=5,
        ts=4.0,
        receipt_id="gw-1:1",
        node_id="gw-1",
        chain_seq=1,
        vehicle_id="HT-001",
        action="enter_zone",
        outcome=Outcome.RESTRICT,
        fired_rules=["core.speed_zone"],
        bundle_id="core",
        bundle_version=3,
        inputs_digest="a" * 64,
        prev_hash="0" * 64,
        hash="b" * 64,
        decided_at=4.0,
    ),
    AssistRequest(
        seq=6,
        ts=5.0,
        request_id="a-1",
        vehicle_id="HT-001",
        reason_rules=["core.low_confidence"],
        priority=1,
        criticality="high",
        deadline=65.0,
        hold_behaviour="hold",
        fallback="safe_stop",
        context=SAMPLE,
    ),
    AssistAnswer(
        seq=7,
        ts=6.0,
        request_id="a-1",
        operator="op-7",
        answer="reroute",
        waypoints=[(1.0, 2.0), (3.0, 4.0)],
    ),
    EmergencyStop(seq=8, ts=7.0, vehicles=[], operator="op-7", reason="drill"),
    CommandAck(seq=9, ts=8.0, ref_seq=8, accepted=True, vehicles=["HT-001"]),
]


@pytest.mark.parametrize("message", EXAMPLES, ids=lambda m: m.type)
def test_round_trip(message: object) -> None:
    assert hasattr(message, "type")
    frame = encode(message)  # type: ignore[arg-type]
    assert decode(frame) == message


def test_every_message_type_has_an_example_or_schema_entry() -> None:
    schema = protocol_schema()
    names = set(schema["$defs"])
    for cls in MESSAGE_TYPES:
        assert cls.__name__ in names
    mapping = schema["discriminator"]["mapping"]
    assert len(mapping) == len(MESSAGE_TYPES)


def test_schema_is_valid_json_with_version() -> None:
    schema = protocol_schema()
    assert PROTOCOL_VERSION in schema["$id"]
    json.dumps(schema)


def test_unknown_fields_are_ignored_within_major() -> None:
    frame = json.dumps({"type": "heartbeat", "v": "1.7", "seq": 1, "ts": 1.0, "future": 42})
    message = decode(frame)
    assert message.type == "heartbeat"
    assert message.v == "1.7"


@pytest.mark.parametrize(
    ("frame", "code", "needle"),
    [
        ("{nope", ErrorCode.MALFORMED, "not valid JSON"),
        ("[1, 2]", ErrorCode.MALFORMED, "JSON object"),
        ('{"type": "warp", "seq": 1, "ts": 1}', ErrorCode.INVALID, "warp"),
        ('{"type": "heartbeat", "seq": -1, "ts": 1}', ErrorCode.INVALID, "seq"),
        (
            '{"type": "heartbeat", "v": "2.0", "seq": 1, "ts": 1}',
            ErrorCode.UNSUPPORTED_VERSION,
            "2.0",
        ),
        (
            '{"type": "telemetry", "seq": 1, "ts": 1, "samples": [{"vehicle_id": "x"}]}',
            ErrorCode.INVALID,
            "samples.0.t",
        ),
        (b"\xff\xfe", ErrorCode.MALFORMED, "binary frames"),
        (b'{"type": "heartbeat", "seq": 1, "ts": 1}', ErrorCode.MALFORMED, "text frames"),
    ],
)
def test_bad_frames_are_refused_with_code_and_reason(
    frame: str | bytes, code: ErrorCode, needle: str
) -> None:
    with pytest.raises(ProtocolError) as info:
        decode(frame)
    assert info.value.code is code
    assert needle in info.value.reason


def test_non_finite_numbers_are_refused() -> None:
    bad = SAMPLE.model_dump(mode="json")
    frame = encode(Telemetry(seq=1, ts=1.0, samples=[SAMPLE])).replace('"x":120.5', '"x":NaN')
    assert "NaN" in frame
    with pytest.raises(ProtocolError) as info:
        decode(frame)
    assert info.value.code is ErrorCode.INVALID
    assert bad["x"] == 120.5


def test_control_frame_size_limit() -> None:
    padding = "x" * (CONTROL_FRAME_MAX + 10)
    frame = json.dumps({"type": "heartbeat", "seq": 1, "ts": 1.0, "pad": padding})
    with pytest.raises(ProtocolError) as info:
        decode(frame)
    assert info.value.code is ErrorCode.TOO_LARGE
    assert info.value.ref_seq == 1


def test_limits_count_bytes_not_characters() -> None:
    # 40,000 Arabic letters: under the control limit in characters, over it in UTF-8 bytes.
    text = "ع" * 40_000
    frame = json.dumps({"type": "heartbeat", "seq": 1, "ts": 1.0, "note": text}, ensure_ascii=False)
    assert len(frame) < CONTROL_FRAME_MAX < len(frame.encode())
    with pytest.raises(ProtocolError) as info:
        decode(frame)
    assert info.value.code is ErrorCode.TOO_LARGE


def test_bulk_frame_size_limit() -> None:
    with pytest.raises(ProtocolError) as info:
        decode("x" * (BULK_FRAME_MAX + 1))
    assert info.value.code is ErrorCode.TOO_LARGE


def test_large_telemetry_batch_is_allowed() -> None:
    samples = [SAMPLE.model_copy(update={"vehicle_id": f"HT-{i}"}) for i in range(1000)]
    frame = encode(Telemetry(seq=1, ts=1.0, samples=samples))
    assert len(frame) > CONTROL_FRAME_MAX
    decoded = decode(frame)
    assert isinstance(decoded, Telemetry)
    assert len(decoded.samples) == 1000


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_arbitrary_bytes_never_escape_as_other_errors(data: str | bytes) -> None:
    error = refusal(data)
    assert error is None or error.code in set(ErrorCode)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([cls.model_fields["type"].default for cls in MESSAGE_TYPES]),
    st.dictionaries(st.text(max_size=12), json_values, max_size=6),
)
def test_typed_garbage_is_refused_cleanly(kind: str, fields: dict[str, object]) -> None:
    frame = json.dumps({**fields, "type": kind, "seq": 1, "ts": 1.0})
    error = refusal(frame)
    if error is not None:
        assert error.code in (ErrorCode.INVALID, ErrorCode.UNSUPPORTED_VERSION)
        assert kind in error.reason or error.code is ErrorCode.UNSUPPORTED_VERSION


def refusal(frame: str | bytes) -> ProtocolError | None:
    """Decode ``frame``; return the ProtocolError it raised, or None when it was valid.

    Any other exception propagates and fails the test.
    """
    try:
        decode(frame)
    except ProtocolError as exc:
        return exc
    return None
