"""The console's alerts for stops not yet acknowledged (S7) and the site's revocation list
alarm, in English and Arabic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.links.stops import StopPending
from app.core.service import RevocationAlarm, SiteService
from app.ui.alerts.log import Severity
from app.ui.alerts.texts import alert_text

if TYPE_CHECKING:
    from maps.site import Site

NOW = 1_800_000_000.0
LAPSED = "revocation list 4 lapsed 2.0 h ago (next update was due 2027-01-15 06:00 UTC)"


def test_pending_stops_and_revocation_alarms_reach_the_alert_log(  # type: ignore[no-untyped-def]
    make_console, demo_site: Site
) -> None:
    service = SiteService(demo_site.site_id)
    console = make_console(service)
    alerts = console.window.alerts
    before = len(alerts.entries())
    for attempt in range(1, 62):  # the first attempt, then every 30th: not a flood
        service.bus.publish(StopPending(NOW, "ws://x:1", "gw-1", (), attempt, "no ack in 1 s"))
    service.bus.publish(RevocationAlarm(NOW, "revocation list 4 lapses in 20.0 h (…)"))
    service.bus.publish(RevocationAlarm(NOW, LAPSED))
    service.bus.publish(RevocationAlarm(NOW, ""))
    mine = alerts.entries()[before:]
    assert [(a.code, a.severity, a.params.get("attempts")) for a in mine] == [
        ("estop_pending", Severity.CRITICAL, "1"),
        ("estop_pending", Severity.CRITICAL, "30"),
        ("estop_pending", Severity.CRITICAL, "60"),
        ("revocation_alarm", Severity.WARNING, None),
        ("revocation_alarm", Severity.CRITICAL, None),
        ("revocation_ok", Severity.INFO, None),
    ]
    assert alert_text(mine[0]).startswith(
        "Emergency stop not yet acknowledged by \u2066gw-1\u2069 (attempt \u20661\u2069)"
    )
    assert alert_text(mine[4]) == (
        f"The site's revocation list needs attention: \u2066{LAPSED}\u2069"
    )
    console.language.set_language("ar")
    assert alert_text(mine[0]).startswith("لم تؤكّد العقدة \u2066gw-1\u2069")
    assert alert_text(mine[4]).startswith("قائمة الإلغاء في الموقع تحتاج إلى معالجة")
    assert alert_text(mine[5]) == "قائمة الإلغاء في الموقع سارية"
