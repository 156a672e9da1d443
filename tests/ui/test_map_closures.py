"""Zones operators close at run time: the service's closures and how the map draws them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from app.core.bus import ZoneClosed, ZonesClosedChanged
from app.core.service import SiteService
from app.ui.map.numbers import NumberFormat
from app.ui.map.site_layer import CLOSED_NOW_HATCH

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.ui.map import SiteMapView

pytestmark = pytest.mark.ui

NOW = 1_800_000_000.0
LRI, PDI = "\u2066", "\u2069"


def said(
    url: str, *closures: ZoneClosed, change: str = "closed", by: str = "op-ali"
) -> ZonesClosedChanged:
    """What an edge link publishes for a node's ``closed_zones`` frame."""
    zones = frozenset(c.zone_id for c in closures)
    return ZonesClosedChanged(NOW, url, "n0", zones, change, by, closures)


def head(view: SiteMapView, zone_name: str, arabic: bool = False) -> str:
    """The first line of the map's label for the zone called ``zone_name`` (placed or not)."""
    view.site_labels(arabic)  # the map's labels for this view, kept while it holds
    assert view._site_label_cache is not None
    for label in view._site_label_cache[1]:
        if zone_name in label.lines:
            return label.lines[0]
    raise AssertionError(f"no label for {zone_name}")


def test_the_service_keeps_the_longest_closure_of_each_zone_across_nodes() -> None:
    service = SiteService("demo")
    assert service.zone_closures() == {}
    short = ZoneClosed("Z04", "op-ali", NOW, NOW + 600.0, "n0")
    long = ZoneClosed("Z04", "op-sara", NOW, NOW + 3600.0, "n1")
    open_ended = ZoneClosed("Z05", "op-sara", NOW, None, "n1")
    service.bus.publish(said("ws://a", short))
    service.bus.publish(said("ws://b", long, open_ended))
    assert service.zone_closures() == {"Z04": long, "Z05": open_ended}
    service.bus.publish(said("ws://b", change="reopened"))  # node b reopened both
    assert service.zone_closures() == {"Z04": short}
    service.bus.publish(said("ws://a", change="lapsed", by="n0"))
    assert service.zone_closures() == {}


def test_a_zone_closed_at_run_time_is_drawn_closed_until_it_reopens(
    make_console: Callable[..., object],
) -> None:
    console = make_console()
    service: SiteService = console.service  # type: ignore[attr-defined]
    view: SiteMapView = console.window.map_view  # type: ignore[attr-defined]
    view.fit_site()
    zone = next(z for z in view._site.zones if z.id == "Z04")
    normal = head(view, zone.name)
    assert "Closed" not in normal
    view.grab()
    legend = view._overlay_rects["legend"].height()
    until = NOW + 1800.0
    closure = ZoneClosed("Z04", "op-ali", NOW, until, "n0")
    service.bus.publish(said("ws://a", closure))
    assert view.zone_closures() == {"Z04": closure}
    time = NumberFormat().clock(until)[:5]
    assert head(view, zone.name) == f"Closed by {LRI}op-ali{PDI} until {LRI}{time}{PDI}"
    view.grab()  # paints the closed zone (hatch and outline) without error

    def background() -> object:  # read afresh each time (no narrowing across publishes)
        return view._background

    painted = background()
    assert view._overlay_rects["legend"].height() > legend  # its row explains the hatch
    assert painted is not None
    # The same snapshot again (a reconnect) changes nothing: no re-render.
    service.bus.publish(said("ws://a", closure, change="snapshot"))
    assert background() is painted
    # Until reopened by hand: no lease end in the label.
    service.bus.publish(said("ws://a", ZoneClosed("Z04", "op-ali", NOW, None, "n0")))
    assert head(view, zone.name) == f"Closed by {LRI}op-ali{PDI}"
    service.bus.publish(said("ws://a", change="reopened"))
    assert view.zone_closures() == {}
    assert head(view, zone.name) == normal
    assert background() is None  # re-rendered without the closure at the next paint
    view.grab()
    assert view._overlay_rects["legend"].height() == legend


def test_the_closed_label_is_arabic_with_the_name_and_time_as_ltr_islands(
    make_console: Callable[..., object],
) -> None:
    console = make_console()
    service: SiteService = console.service  # type: ignore[attr-defined]
    view: SiteMapView = console.window.map_view  # type: ignore[attr-defined]
    view.fit_site()
    console.language.set_language("ar")  # type: ignore[attr-defined]
    until = NOW + 900.0
    service.bus.publish(said("ws://a", ZoneClosed("Z04", "op-ali", NOW, until, "n0")))
    zone = next(z for z in view._site.zones if z.id == "Z04")
    time = NumberFormat().clock(until)[:5]
    assert (
        head(view, zone.name_ar, arabic=True)
        == f"مغلقة من قِبل {LRI}op-ali{PDI} حتى الساعة {LRI}{time}{PDI}"
    )


def test_a_run_time_closure_has_its_own_hatch() -> None:
    from app.ui.map.site_layer import _HATCH

    # Shape, not colour alone: no zone kind from the site file is hatched this way.
    assert CLOSED_NOW_HATCH not in _HATCH.values()
