"""What feeds the alert log: core bus events and vehicle state transitions.

The core publishes discrete events (links, command results, refused frames) on its bus; the
vehicles' own state changes come with telemetry, so the watcher compares each changed vehicle's
state with the one it saw last, once per frame (it is a view of the frame clock).  It keeps
what it saw in numpy columns indexed by the fleet state's rows, so a frame of 5,000 vehicles is
a few vectorised comparisons; only the vehicles that entered an alerting state or went silent
are visited one by one, and their entries reach the log as one batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from app.core.bus import CommandResult, LinkDown, LinkStateChanged, LinkUp, PeerError
from app.core.fleet.state import STALE_AFTER_S, STATE_CODE
from app.core.links.stops import StopPending
from app.core.service import RevocationAlarm
from app.ui.alerts.log import AlertLog, Severity
from app.ui.map.frame_records import frame_records
from edge.protocol.messages import LinkState, VehicleState

if TYPE_CHECKING:
    from collections.abc import Collection

    from app.core.bus import EventBus
    from app.core.fleet.state import FleetState

TRANSITIONS: dict[VehicleState, tuple[Severity, str]] = {
    VehicleState.FAULT: (Severity.CRITICAL, "vehicle_fault"),
    VehicleState.SAFE_STOP: (Severity.CRITICAL, "vehicle_safe_stop"),
    VehicleState.ASSIST_NEEDED: (Severity.WARNING, "vehicle_assist"),
}
"""Entering one of these states is logged with this severity and code."""
STALE_CHECK_S = 1.0
_NO_STATE = -1
"""State code of a fleet row the watcher has not seen in a frame yet."""
_ALERTING = np.zeros(len(STATE_CODE), dtype=np.bool_)
_ALERTING[[STATE_CODE[state] for state in TRANSITIONS]] = True
"""Per state code: whether entering the state is logged."""
_RULES = {STATE_CODE[state]: rule for state, rule in TRANSITIONS.items()}


class AlertWatcher:
    """Turns bus events and vehicle transitions into alert log entries.

    Parameters
    ----------
    log
        Where entries go.
    bus
        The site service's event bus.
    """

    def __init__(self, log: AlertLog, bus: EventBus) -> None:
        self.log = log
        # Per fleet row (FleetColumns.rows): the state code seen last, when the row's latest
        # sample reached a frame (frame clock time; NaN: never) and whether it was reported
        # silent since.
        self._states = np.full(0, _NO_STATE, dtype=np.int8)
        self._heard = np.full(0, np.nan)
        self._stale = np.zeros(0, dtype=np.bool_)
        self._last_stale_check = 0.0
        bus.subscribe(LinkUp, self._link_up)
        bus.subscribe(LinkDown, self._link_down)
        bus.subscribe(LinkStateChanged, self._link_state)
        bus.subscribe(PeerError, self._peer_error)
        bus.subscribe(CommandResult, self._command)
        bus.subscribe(StopPending, self._stop_pending)
        bus.subscribe(RevocationAlarm, self._revocation)

    # ------------------------------------------------------------------ bus

    def _link_up(self, e: LinkUp) -> None:
        self.log.add(e.at, Severity.INFO, "link_up", node=e.node_id, url=e.url)

    def _link_down(self, e: LinkDown) -> None:
        self.log.add(
            e.at, Severity.WARNING, "link_down", node=e.node_id or e.url, url=e.url, reason=e.reason
        )

    def _link_state(self, e: LinkStateChanged) -> None:
        if e.state is LinkState.DEGRADED:
            self.log.add(e.at, Severity.WARNING, "link_degraded", node=e.node_id or e.url)

    def _peer_error(self, e: PeerError) -> None:
        code = "frame_refused_by_us" if e.ours else "frame_refused_by_node"
        self.log.add(e.at, Severity.WARNING, code, url=e.url, error=e.code, reason=e.reason)

    def _command(self, e: CommandResult) -> None:
        vehicles = ", ".join(e.vehicles)
        if e.accepted:
            self.log.add(e.at, Severity.INFO, "command_done", url=e.url, vehicles=vehicles)
        else:
            self.log.add(
                e.at,
                Severity.CRITICAL,
                "command_refused",
                url=e.url,
                vehicles=vehicles,
                reason=e.reason,
            )

    def _stop_pending(self, e: StopPending) -> None:
        # The first failed attempt, then about once a minute (re-sent at most every 2 s):
        # the operator sees the stop is still being re-sent without a flood of entries.
        if e.attempts != 1 and e.attempts % 30:
            return
        self.log.add(
            e.at,
            Severity.CRITICAL,
            "estop_pending",
            node=e.node_id or e.url,
            attempts=str(e.attempts),
            reason=e.reason,
        )

    def _revocation(self, e: RevocationAlarm) -> None:
        if not e.reason:
            self.log.add(e.at, Severity.INFO, "revocation_ok")
            return
        severity = Severity.WARNING if " lapses in " in e.reason else Severity.CRITICAL
        self.log.add(e.at, severity, "revocation_alarm", reason=e.reason)

    # ------------------------------------------------------------------ frames

    def _grow(self, rows: int) -> None:
        size = self._states.size
        if rows <= size:
            return
        extra = max(rows, 2 * size, 1024) - size
        self._states = np.concatenate([self._states, np.full(extra, _NO_STATE, dtype=np.int8)])
        self._heard = np.concatenate([self._heard, np.full(extra, np.nan)])
        self._stale = np.concatenate([self._stale, np.zeros(extra, dtype=np.bool_)])

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Log vehicles entering a fault, safe stop or assist state, and going silent."""
        # The frame's vehicles are read once for every view (the map reads them first).
        records = frame_records(fleet, changed)
        rows, states = records.rows, records.states
        with self.log.batch():
            if rows.size:
                self._grow(fleet.rows)
                previous = self._states[rows]
                self._states[rows] = states
                self._heard[rows] = now
                self._stale[rows] = False
                entered = np.flatnonzero((states != previous) & _ALERTING[states])
                for i in entered.tolist():
                    severity, code = _RULES[int(states[i])]
                    faults = ", ".join(records.samples[i].faults)
                    self.log.add(now, severity, code, records.sampled_ids[i], faults=faults)
            if now - self._last_stale_check >= STALE_CHECK_S:
                # Once a second, vectorised over every vehicle heard from.
                self._last_stale_check = now
                silent = np.flatnonzero((now - self._heard >= STALE_AFTER_S) & ~self._stale)
                self._stale[silent] = True
                for vid in fleet.vehicle_ids(silent.tolist()):
                    self.log.add(now, Severity.WARNING, "vehicle_stale", vid)
