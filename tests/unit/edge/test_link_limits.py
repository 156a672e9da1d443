"""Connection caps of the edge node's listening socket (RELIABILITY W9), without a network."""

from __future__ import annotations

import socket

import pytest

from edge.link.limits import ConnectionCaps, ConnectionLimiter, capped_listener


def test_caps_hold_per_address_and_in_total_and_free_on_release() -> None:
    """W9: the n+1st connection from one address, or past the total, is refused."""
    limiter = ConnectionLimiter(ConnectionCaps(per_address=2, total=3))
    assert limiter.admit("10.0.0.1")
    assert limiter.admit("10.0.0.1")
    assert not limiter.admit("10.0.0.1")  # per address
    assert limiter.admit("10.0.0.2")
    assert not limiter.admit("10.0.0.3")  # in total
    assert (limiter.open, limiter.refused) == (3, 2)
    assert limiter.refused_by_address == {"10.0.0.1": 1, "10.0.0.3": 1}
    limiter.release("10.0.0.1")
    assert limiter.admit("10.0.0.3")
    limiter.release("10.0.0.2")
    assert limiter.by_address == {"10.0.0.1": 1, "10.0.0.3": 1}


@pytest.mark.parametrize(("per_address", "total"), [(0, 10), (5, 4)])
def test_incoherent_caps_are_refused(per_address: int, total: int) -> None:
    with pytest.raises(ValueError, match="connection caps"):
        ConnectionCaps(per_address=per_address, total=total)


def test_listener_closes_connections_over_the_cap_and_counts_closes_once() -> None:
    """W9: accept skips (closes) what a cap refuses; closing an accepted one frees its slot."""
    limiter = ConnectionLimiter(ConnectionCaps(per_address=1, total=4))
    listener = capped_listener("127.0.0.1", 0, limiter)
    port = listener.getsockname()[1]
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    try:
        listener.setblocking(True)
        listener.settimeout(5.0)
        conn, _ = listener.accept()
        listener.settimeout(0.5)
        with pytest.raises(TimeoutError):
            listener.accept()  # the second is refused and closed inside; none is left
        assert limiter.refused == 1
        assert limiter.open == 1
        clients[1].settimeout(5.0)
        assert clients[1].recv(1) == b""  # the refused one sees a close, no byte
        conn.close()
        conn.close()  # idempotent: released once
        assert limiter.open == 0
        assert dict(limiter.by_address) == {}
    finally:
        for client in clients:
            client.close()
        listener.close()
