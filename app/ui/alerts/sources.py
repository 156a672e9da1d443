"""What feeds the alert log: core bus events and vehicle state transitions.

The core publishes discrete events (links, command results, refused frames) on its bus; the
vehicles' own state changes come with telemetry, so the watcher compares each changed vehicle's
state with the one it saw last, once per frame (it is a view of the frame clock).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.bus import CommandResult, LinkDown, LinkStateChanged, LinkUp, PeerError
from app.core.fleet.state import STALE_AFTER_S
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
        self._states: dict[str, VehicleState] = {}
        self._stale: set[str] = set()
        self._heard: dict[str, float] = {}
        """When each vehicle's latest sample reached a frame (frame clock time)."""
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

    def update_vehicles(self, fleet: FleetState, changed: Collection[str], now: float) -> None:
        """Log vehicles entering a fault, safe stop or assist state, and going silent."""
        # The frame's vehicles are read once for every view (the map reads them first).
        records = frame_records(fleet, changed)
        states, last_heard, stale = self._states, self._heard, self._stale
        for vid, sample in zip(records.sampled_ids, records.samples, strict=True):
            state = sample.state
            previous = states.get(vid)
            states[vid] = state
            last_heard[vid] = now
            stale.discard(vid)
            if state is previous:
                continue
            rule = TRANSITIONS.get(state)
            if rule is not None:
                self.log.add(now, rule[0], rule[1], vid, faults=", ".join(sample.faults))
        if now - self._last_stale_check >= STALE_CHECK_S:
            # Once a second, over plain floats: cheap enough for 5,000 vehicles in one frame.
            self._last_stale_check = now
            for vid, heard in self._heard.items():
                if now - heard >= STALE_AFTER_S and vid not in self._stale:
                    self._stale.add(vid)
                    self.log.add(now, Severity.WARNING, "vehicle_stale", vid)
