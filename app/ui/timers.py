"""Named timers: the only place the console constructs a ``QTimer``.

Every periodic job of the console (the frame clock, status polling, clocks, confirmation
timeouts) gets its timer here, with a name that shows in logs and a documented precision.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer


def make_timer(
    name: str,
    interval_ms: int,
    parent: QObject,
    *,
    single_shot: bool = False,
    precise: bool = False,
) -> QTimer:
    """Return a stopped timer owned by ``parent``.

    Parameters
    ----------
    name
        Object name, for logs and debugging (``frame-clock``, ``status-poll``…).
    interval_ms
        Period (or delay, for a single shot) in milliseconds.
    parent
        Owner; the timer dies with it.
    single_shot
        Fire once per :meth:`QTimer.start`.
    precise
        Millisecond precision (the frame clock); other timers are coarse, which lets the OS
        batch wake-ups.
    """
    timer = QTimer(parent)
    timer.setObjectName(name)
    timer.setInterval(interval_ms)
    timer.setSingleShot(single_shot)
    timer.setTimerType(Qt.TimerType.PreciseTimer if precise else Qt.TimerType.CoarseTimer)
    return timer
