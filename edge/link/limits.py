"""Connection caps of the edge node's listening socket (RELIABILITY W9).

A socket costs the node a file descriptor and, until the TLS handshake ends, a handshake
state, whoever opened it: caps must hold *before* TLS, where nothing about the peer is known
but its address.  :class:`ConnectionLimiter` counts every TCP connection from ``accept`` to
``close`` per source address and in total; :func:`capped_listener` builds a listening socket
whose ``accept`` asks it first and closes a connection over a cap at once (no byte is read or
written: before TLS nothing could be said safely).  Connections under the caps go on to the
TLS and WebSocket handshakes, bounded by the handshake deadline; consoles that complete them
face the node's session caps (per address and in total, refused with close code 1013).
"""

from __future__ import annotations

import logging
import socket
from collections import Counter
from dataclasses import dataclass

log = logging.getLogger(__name__)

_LOG_AT = frozenset(10**k for k in range(9))
"""Refusals of one address are logged at its 1st, 10th, 100th, ... (a flood logs ~log10 n)."""


@dataclass(frozen=True, slots=True)
class ConnectionCaps:
    """How many TCP connections a node keeps open (handshaking or in session).

    Attributes
    ----------
    per_address
        From one source address.  A console needs one; a control room behind one NAT
        address a few.  The default leaves room for that and stops one host from holding
        the node's descriptors.
    total
        From everyone; beyond it new connections are closed at once.
    """

    per_address: int = 64
    total: int = 1024

    def __post_init__(self) -> None:
        if self.per_address < 1 or self.total < self.per_address:
            raise ValueError(
                f"connection caps need 1 <= per_address <= total, got {self.per_address} "
                f"per address and {self.total} in total"
            )


class ConnectionLimiter:
    """Counts open connections per source address and in total, refusing past the caps."""

    def __init__(self, caps: ConnectionCaps | None = None, *, name: str = "edge") -> None:
        self.caps = caps or ConnectionCaps()
        self.name = name
        self.by_address: Counter[str] = Counter()
        self.open = 0
        self.refused = 0
        """Connections closed at accept because a cap was reached (since start)."""
        self.refused_by_address: Counter[str] = Counter()

    def admit(self, address: str) -> bool:
        """Count a new connection from ``address``; ``False`` when a cap refuses it."""
        caps = self.caps
        if self.open >= caps.total:
            why = f"{self.open} connections open (cap {caps.total})"
        elif self.by_address[address] >= caps.per_address:
            why = f"{self.by_address[address]} connections from it (cap {caps.per_address})"
        else:
            self.open += 1
            self.by_address[address] += 1
            return True
        self.refused += 1
        self.refused_by_address[address] += 1
        count = self.refused_by_address[address]
        if count in _LOG_AT:
            log.warning(
                "%s refused a connection from %s: %s; %d refused from it so far",
                self.name,
                address,
                why,
                count,
            )
        return False

    def release(self, address: str) -> None:
        """Forget a connection from ``address`` (it closed)."""
        self.open -= 1
        left = self.by_address[address] - 1
        if left > 0:
            self.by_address[address] = left
        else:
            del self.by_address[address]


class _CountedSocket(socket.socket):
    """An accepted connection that tells its limiter when it closes (once)."""

    _limiter: ConnectionLimiter | None = None
    _address = ""

    def close(self) -> None:
        limiter, self._limiter = self._limiter, None
        if limiter is not None:
            limiter.release(self._address)
        super().close()


class _CappedListener(socket.socket):
    """A listening socket whose ``accept`` enforces a :class:`ConnectionLimiter`.

    asyncio's server calls ``accept`` on the socket it is given until it raises
    :class:`BlockingIOError`; connections over a cap are closed here and never reach it.
    """

    limiter: ConnectionLimiter

    def accept(self) -> tuple[socket.socket, object]:
        while True:
            fd, address = self._accept()  # type: ignore[attr-defined]  # raises when none wait
            host = str(address[0])
            if not self.limiter.admit(host):
                socket.close(fd)  # nothing read, nothing said: a FIN before TLS
                continue
            conn = _CountedSocket(self.family, self.type, self.proto, fileno=fd)
            conn._limiter = self.limiter
            conn._address = host
            return conn, address


def capped_listener(host: str, port: int, limiter: ConnectionLimiter) -> socket.socket:
    """Bind and listen on ``host:port`` (IPv4 preferred when a name has both) behind ``limiter``.

    Raises
    ------
    OSError
        When the address cannot be resolved or bound.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = min(infos, key=lambda i: i[0] != socket.AF_INET)
    sock = _CappedListener(family, kind, proto)
    sock.limiter = limiter
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(socket.SOMAXCONN)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock
