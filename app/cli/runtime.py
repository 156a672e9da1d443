"""Shared plumbing for the long-running CLI commands: logging, signals, status printing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import TYPE_CHECKING

from app.cli.status import format_status
from app.core.dispatch.tasks import TaskState

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.core.service import SiteService


def setup_logging(level: str) -> None:
    """Log to stderr at ``level`` with timestamps."""
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.WARNING),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def stop_event_on_signals() -> asyncio.Event:
    """Return an event set by SIGINT or SIGTERM, so the command can shut down cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on every platform
            loop.add_signal_handler(sig, stop.set)
    return stop


async def run_until_stopped(
    stop: asyncio.Event,
    duration: float | None,
    every: float,
    tick: Callable[[], None],
) -> None:
    """Call ``tick`` every ``every`` seconds until ``stop`` is set or ``duration`` elapses."""
    loop = asyncio.get_running_loop()
    end = None if duration is None else loop.time() + duration
    while not stop.is_set():
        wait = every if end is None else min(every, end - loop.time())
        if wait <= 0:
            break
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), wait)
        tick()


def print_status(service: SiteService) -> Callable[[], None]:
    """Return a tick function that prints the service's status line (and its KPI line).

    A service that runs the site's dispatcher also prints a KPI line after each status line.
    """

    def tick() -> None:
        print(format_status(service.status()), flush=True)
        if service.dispatch is not None:
            print(format_kpis(service), flush=True)

    return tick


def format_kpis(service: SiteService) -> str:
    """Render the dispatcher's task counts and latest KPIs as one line (English)."""
    dispatch = service.dispatch
    if dispatch is None:
        return "dispatch: no pack declares task types"
    counts = dispatch.dispatcher.counts()
    busy = sum(1 for v in dispatch.dispatcher.vehicles.values() if v.status.value == "busy")
    kpis = dispatch.kpis()
    units = {
        "mining.tonnes_per_hour": " t/h",
        "logistics.moves_per_hour": " moves/h",
        "defense.march_rate": " km/h",
    }
    shown = ", ".join(
        f"{k.split('.', 1)[-1]} {v:,.0f}{units.get(k, ' s')}" for k, v in sorted(kpis.items())
    )
    scale = dispatch.time_scale
    clock = "" if scale == 1 else f" (simulated x{scale:g})"
    return (
        f"dispatch: {len(dispatch.dispatcher.vehicles)} vehicles ({busy} busy)"
        f" | tasks {counts[TaskState.QUEUED]} queued, {counts[TaskState.ASSIGNED]} assigned,"
        f" {counts[TaskState.RUNNING]} running, {counts[TaskState.DONE]} done,"
        f" {counts[TaskState.FAILED]} failed"
        f" | KPIs{clock} {shown or '-'}"
    )
