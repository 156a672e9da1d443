"""Session rules: handshake phases, version negotiation, sequence order."""

from __future__ import annotations

import pytest

from edge.errors import ErrorCode, ProtocolError
from edge.protocol import (
    Heartbeat,
    Hello,
    PeerRole,
    Phase,
    Session,
    Welcome,
    encode,
    negotiate,
)


def hello(seq: int = 0, versions: list[str] | None = None) -> str:
    return encode(
        Hello(
            seq=seq,
            ts=1.0,
            role=PeerRole.CONSOLE,
            node_id="c1",
            site_id="s",
            versions=versions or ["1.0"],
        )
    )


def test_edge_requires_hello_first() -> None:
    session = Session(initiator=False)
    with pytest.raises(ProtocolError) as info:
        session.receive(encode(Heartbeat(seq=0, ts=1.0)))
    assert info.value.code is ErrorCode.NOT_READY
    assert session.frames_refused == 1


def test_handshake_opens_session() -> None:
    session = Session(initiator=False)
    message = session.receive(hello())
    assert isinstance(message, Hello)
    assert session.accept_hello(message) == "1.0"
    assert session.phase is Phase.OPEN
    assert isinstance(session.receive(encode(Heartbeat(seq=1, ts=2.0))), Heartbeat)


def test_second_hello_is_refused() -> None:
    session = Session(initiator=False)
    session.accept_hello(session.receive(hello()))  # type: ignore[arg-type]
    with pytest.raises(ProtocolError) as info:
        session.receive(hello(seq=1))
    assert info.value.code is ErrorCode.NOT_READY


def test_out_of_order_frame_is_refused_and_session_continues() -> None:
    session = Session(initiator=False)
    session.accept_hello(session.receive(hello()))  # type: ignore[arg-type]
    session.receive(encode(Heartbeat(seq=5, ts=2.0)))
    with pytest.raises(ProtocolError) as info:
        session.receive(encode(Heartbeat(seq=5, ts=2.0)))
    assert info.value.code is ErrorCode.OUT_OF_ORDER
    assert info.value.ref_seq == 5
    assert session.receive(encode(Heartbeat(seq=6, ts=2.0))).seq == 6


def test_negotiation_picks_shared_major_and_names_both_sides() -> None:
    assert negotiate(["0.9", "1.5"]) == "1.4"
    assert negotiate(["1.3", "1.2"]) == "1.3"  # a 1.3 peer is served in 1.3
    assert negotiate(["1.2", "1.1", "1.0"]) == "1.2"  # a 1.2 peer is served in 1.2
    assert negotiate(["1.1", "1.0"]) == "1.1"  # a 1.1 peer is served in 1.1
    assert negotiate(["1.0"]) == "1.0"  # a 1.0 peer is served in 1.0
    with pytest.raises(ProtocolError) as info:
        negotiate(["2.0", "3.1"])
    assert info.value.code is ErrorCode.UNSUPPORTED_VERSION
    assert "2.0" in info.value.reason
    assert "1.0" in info.value.reason


def test_console_side_expects_welcome() -> None:
    session = Session(initiator=True)
    with pytest.raises(ProtocolError):
        session.receive(encode(Heartbeat(seq=0, ts=1.0)))
    welcome = Welcome(
        seq=1,
        ts=1.0,
        node_id="e",
        site_id="s",
        version="1.0",
        session_id="x",
        telemetry_hz=10,
        heartbeat_s=1,
    )
    assert isinstance(session.receive(encode(welcome)), Welcome)
    session.opened("1.0")
    assert session.phase is Phase.OPEN


def test_outgoing_sequence_numbers_increase() -> None:
    session = Session(initiator=True)
    seqs = [session.make(Heartbeat, 1.0).seq for _ in range(3)]
    assert seqs == [0, 1, 2]
    error = session.error_for(ProtocolError(ErrorCode.INVALID, "bad", 7), 2.0)
    assert (error.code, error.ref_seq, error.seq) == ("invalid", 7, 3)
