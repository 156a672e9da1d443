"""The one-line status printed by ``atlasmesh demo`` and ``atlasmesh site`` when headless."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from edge.protocol.messages import LinkState, VehicleState

if TYPE_CHECKING:
    from app.core.service import SiteStatus


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f} ms"


def format_status(status: SiteStatus) -> str:
    """Render a status snapshot as one line (English; the console shows it translated)."""
    links = status.links
    clock = time.strftime("%H:%M:%S", time.localtime(status.at))
    return (
        f"[{clock}] edge nodes {status.nodes_up}/{status.nodes_total} up"
        f" | vehicles {status.vehicles} ({status.vehicles_stale} stale)"
        f" | {status.updates_per_s:,.0f} updates/s in {status.frames_per_s:,.0f} msgs/s"
        f" | links {links[LinkState.CONNECTED]} connected,"
        f" {links[LinkState.DEGRADED]} degraded, {links[LinkState.OFFLINE]} offline"
        f" | latency p50 {_ms(status.latency_p50_ms)} p99 {_ms(status.latency_p99_ms)}"
        f" | reconnects {status.reconnects}" + _governance(status)
    )


def _governance(status: SiteStatus) -> str:
    states = status.by_state or {}
    if not status.receipts_per_s and not status.receipts_stored:
        return ""
    return (
        f" | receipts {status.receipts_per_s:,.0f}/s, {status.receipts_stored:,} stored"
        f" | assist needed {states.get(VehicleState.ASSIST_NEEDED, 0)}"
        f", safe stop {states.get(VehicleState.SAFE_STOP, 0)}"
    )
