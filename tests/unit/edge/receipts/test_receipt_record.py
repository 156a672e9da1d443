"""Receipt encoding (pinned byte for byte), chain hashing, wire form, strict decoding."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edge.protocol.messages import DecisionReceipt, Outcome
from edge.receipts import (
    GENESIS_HASH,
    MalformedReceiptError,
    ReceiptBody,
    ReceiptChain,
    decode_receipt,
    encode_receipt,
    receipt_from_message,
)

if TYPE_CHECKING:
    from collections.abc import Callable

PINNED_BODY = ReceiptBody(
    vehicle_id="v1",
    action="proceed",
    outcome=Outcome.RESTRICT,
    fired_rules=("core.a",),
    constraints=(("speed_cap_mps", 3.5),),
    bundle_id="core",
    bundle_version=2,
    inputs_digest="ab" * 32,
    decided_at=1.5,
    decided_mono=2.25,
)
# docs/receipts.md walks through these bytes field by field.
PINNED_BYTES = bytes.fromhex(
    "414d5201"
    "00026e31"
    "0000000000000001"
    "00027631"
    "000770726f63656564"
    "01"
    "0001"
    "0006636f72652e61"
    "0001"
    "000d73706565645f6361705f6d7073"
    "400c000000000000"
    "0004636f7265"
    "0000000000000002" + "ab" * 32 + "3ff8000000000000"
    "4002000000000000"
)
PINNED_HASH = "efcd3988cce5d4a0d2096ddcd1ecbca8981d226777c7a5d4904b2b28b39882a6"


def test_encoding_is_pinned_byte_for_byte() -> None:
    assert encode_receipt("n1", 1, PINNED_BODY) == PINNED_BYTES


def test_first_hash_chains_from_genesis() -> None:
    receipt = ReceiptChain("n1").append(PINNED_BODY)
    assert receipt.prev_hash == GENESIS_HASH == bytes(32)
    assert receipt.hash == hashlib.sha256(GENESIS_HASH + PINNED_BYTES).digest()
    assert receipt.hash.hex() == PINNED_HASH
    assert receipt.receipt_id == "n1:1"


def test_chain_links_and_resets(body: Callable[[int], ReceiptBody]) -> None:
    chain = ReceiptChain("n1")
    first, second = chain.append(body(1)), chain.append(body(2))
    assert (first.seq, second.seq) == (1, 2)
    assert second.prev_hash == first.hash
    assert second.verify_hash()
    chain.reset((first.seq, first.hash))
    again = chain.append(body(2))
    assert again == second


def test_a_bad_body_does_not_move_the_head(body: Callable[[int], ReceiptBody]) -> None:
    chain = ReceiptChain("n1")
    chain.append(body(1))
    head = chain.head
    with pytest.raises(MalformedReceiptError):
        chain.append(replace(body(2), inputs_digest="XY" * 32))
    assert chain.head == head


def test_extend_is_append_in_a_loop_all_or_none(body: Callable[[int], ReceiptBody]) -> None:
    one, many = ReceiptChain("n1"), ReceiptChain("n1")
    expected = [one.append(body(i)) for i in range(5)]
    assert many.extend([body(i) for i in range(5)]) == expected
    assert many.head == one.head
    with pytest.raises(MalformedReceiptError):
        many.extend([body(5), replace(body(6), inputs_digest="ab" * 31), body(7)])
    assert many.head == one.head  # nothing of the failed batch was chained
    assert many.extend([body(5)]) == [one.append(body(5))]
    assert many.extend([]) == []


UNENCODABLE = pytest.mark.parametrize(
    "change",
    [
        {"inputs_digest": "ab" * 31},
        {"inputs_digest": "AB" * 32},
        {"inputs_digest": " ".join(["ab"] * 32)},  # bytes.fromhex would skip the spaces
        {"inputs_digest": "aB" * 32},
        {"decided_at": float("nan")},
        {"decided_mono": float("inf")},
        {"constraints": (("speed_cap_mps", float("nan")),)},
        {"fired_rules": [1, 2]},
        {"bundle_version": -1},
        {"vehicle_id": "x" * 70_000},
        {"outcome": "MAYBE"},
    ],
)


@UNENCODABLE
def test_unencodable_fields_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(MalformedReceiptError):
        encode_receipt("n1", 1, replace(PINNED_BODY, **change))  # type: ignore[arg-type]


@UNENCODABLE
def test_extend_refuses_what_encode_refuses(change: dict[str, object]) -> None:
    """The chain's inlined encoding (its hot path) has every check encode_receipt has."""
    chain = ReceiptChain("n1")
    with pytest.raises(MalformedReceiptError):
        chain.extend([PINNED_BODY, replace(PINNED_BODY, **change)])  # type: ignore[arg-type]
    assert chain.head == (0, GENESIS_HASH)


text = st.text(max_size=40)
bodies = st.builds(
    ReceiptBody,
    vehicle_id=text,
    action=text,
    outcome=st.sampled_from(Outcome),
    fired_rules=st.lists(text, max_size=5).map(tuple),
    constraints=st.lists(
        st.tuples(text, st.floats(allow_nan=False, allow_infinity=False)), max_size=4
    ).map(tuple),
    bundle_id=text,
    bundle_version=st.integers(0, 2**64 - 1),
    inputs_digest=st.binary(min_size=32, max_size=32).map(bytes.hex),
    decided_at=st.floats(allow_nan=False, allow_infinity=False),
    decided_mono=st.floats(allow_nan=False, allow_infinity=False),
)


@settings(max_examples=300)
@given(body=bodies, seq=st.integers(1, 2**63))
def test_decode_inverts_encode(body: ReceiptBody, seq: int) -> None:
    data = encode_receipt("node-α", seq, body)
    node, back_seq, back = decode_receipt(data)
    assert (node, back_seq) == ("node-α", seq)
    assert encode_receipt(node, back_seq, back) == data


@settings(max_examples=300)
@given(body=bodies, cut=st.integers(0, 400), junk=st.binary(min_size=1, max_size=3))
def test_truncated_or_extended_bytes_are_refused(body: ReceiptBody, cut: int, junk: bytes) -> None:
    data = encode_receipt("n", 1, body)
    with pytest.raises(MalformedReceiptError):
        decode_receipt(data[: min(cut, len(data) - 1)])
    with pytest.raises(MalformedReceiptError):
        decode_receipt(data + junk)


def test_negative_zero_is_not_a_second_encoding() -> None:
    zero = replace(PINNED_BODY, constraints=(("buffer_m", 0.0),))
    minus = replace(PINNED_BODY, constraints=(("buffer_m", -0.0),))
    assert encode_receipt("n", 1, zero) == encode_receipt("n", 1, minus)
    data = bytearray(encode_receipt("n", 1, zero))
    at = data.index(b"buffer_m") + len(b"buffer_m")
    data[at] = 0x80  # -0.0 written by hand: not what the encoder produces
    with pytest.raises(MalformedReceiptError, match="non-canonical"):
        decode_receipt(bytes(data))


def test_wire_form_round_trips_and_rehashes() -> None:
    receipt = ReceiptChain("n1").append(PINNED_BODY)
    msg = receipt.to_message(frame_seq=7, ts=10.0)
    assert isinstance(msg, DecisionReceipt)
    assert (msg.seq, msg.receipt_id, msg.chain_seq, msg.node_id) == (7, "n1:1", 1, "n1")
    assert msg.hash == PINNED_HASH
    assert msg.prev_hash == "0" * 64
    assert [(c.kind, c.value) for c in msg.constraints] == [("speed_cap_mps", 3.5)]
    wire = DecisionReceipt.model_validate_json(msg.model_dump_json())
    back = receipt_from_message(wire, decided_mono=PINNED_BODY.decided_mono)
    assert back == receipt
    assert back.verify_hash()


def test_lists_encode_like_tuples() -> None:
    as_lists = replace(
        PINNED_BODY,
        fired_rules=list(PINNED_BODY.fired_rules),  # type: ignore[arg-type]
        constraints=[list(c) for c in PINNED_BODY.constraints],  # type: ignore[arg-type]
    )
    assert encode_receipt("n1", 1, as_lists) == PINNED_BYTES
    assert ReceiptChain("n1").extend([as_lists])[0].data == PINNED_BYTES


@settings(max_examples=300)
@given(batch=st.lists(bodies, min_size=1, max_size=5), first=st.integers(0, 2**62))
def test_extend_encodes_as_encode_receipt(batch: list[ReceiptBody], first: int) -> None:
    chain = ReceiptChain("node-α", (first, hashlib.sha256(b"head").digest()))
    out = chain.extend(batch)
    assert [r.data for r in out] == [
        encode_receipt("node-α", first + 1 + i, b) for i, b in enumerate(batch)
    ]
    assert all(r.verify_hash() for r in out)
