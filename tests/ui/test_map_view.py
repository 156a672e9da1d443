"""The site map: drawing the site, glyphs per state, hit-testing, selection, layers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt  # noqa: TID251 - a UI test drives Qt

from app.core.fleet.state import STALE_AFTER_S, FleetState
from app.ui.map import GlyphKind, LayerError, SiteMapView, glyph_kind
from app.ui.map.numbers import NumberFormat
from app.ui.map.palette import DARK
from app.ui.map.vehicle_text import tooltip_text
from edge.protocol.messages import TelemetrySample, VehicleInfo, VehicleMode, VehicleState
from maps.site import Site, default_site_path, load_site

if TYPE_CHECKING:
    from PySide6.QtGui import QColor, QImage, QPixmap  # noqa: TID251 - a UI test drives Qt
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.ui

NOW = 1_800_000_000.0


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(default_site_path())


def sample(
    vid: str, x: float, y: float, state: VehicleState = VehicleState.MOVING, t: float = NOW
) -> TelemetrySample:
    return TelemetrySample(
        vehicle_id=vid,
        t=t,
        x=x,
        y=y,
        heading_deg=45.0,
        speed_mps=5.0,
        mode=VehicleMode.AUTONOMOUS,
        state=state,
        energy=0.8,
        task_id="T-7",
    )


def fleet_with(*samples: TelemetrySample, received: float = NOW) -> FleetState:
    fleet = FleetState()
    fleet.register(
        "n0", [VehicleInfo(vehicle_id=s.vehicle_id, vehicle_class="haul_truck") for s in samples]
    )
    fleet.apply(list(samples), received)
    return fleet


@pytest.fixture
def view(qtbot, site: Site) -> SiteMapView:  # type: ignore[no-untyped-def]
    widget = SiteMapView(site)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def render(view: SiteMapView) -> QImage:
    image = view.grab().toImage()
    return image.scaled(view.width(), view.height()) if image.width() != view.width() else image


def pixel(image: QImage, view: SiteMapView, x: float, y: float) -> QColor:
    sx, sy = view.transform().point_to_screen(x, y)
    return image.pixelColor(round(sx), round(sy))


def only(view: SiteMapView, *keys: str) -> None:
    for key, _ in view.layers():
        view.set_layer_visible(key, key in keys)


def test_every_zone_is_drawn_where_the_site_file_puts_it(view: SiteMapView, site: Site) -> None:
    only(view)
    bare = render(view)
    only(view, "zones")
    zones = render(view)
    for zone in site.zones:
        point = zone.polygon.representative_point()
        before, after = pixel(bare, view, point.x, point.y), pixel(zones, view, point.x, point.y)
        assert before != after, f"zone {zone.id} ({zone.sector_kind}) not drawn"


def test_a_blast_zone_is_hatched_in_the_hazard_colour(view: SiteMapView, site: Site) -> None:
    only(view, "zones")
    view.fit_site()
    blast = next(z for z in site.zones if z.sector_kind == "blast" and z.active)
    centre = blast.polygon.representative_point()
    for _ in range(8):
        view._set_view(view.transform().centred(centre.x, centre.y).zoomed(1.25))
    image = render(view)
    sx, sy = view.transform().point_to_screen(centre.x, centre.y)
    window = {
        image.pixelColor(round(sx) + dx, round(sy) + dy).name()
        for dx in range(-8, 9)
        for dy in range(-8, 9)
    }
    assert DARK.zone_edge["blast"] in window, "no hatch line in the blast zone"
    assert len(window) >= 2, "a blast zone must be hatched, not a flat colour"


def test_every_point_of_interest_and_the_roads_are_drawn(view: SiteMapView, site: Site) -> None:
    only(view)
    bare = render(view)
    only(view, "pois")
    pois = render(view)
    for poi in site.pois:
        assert pixel(bare, view, *poi.xy) != pixel(pois, view, *poi.xy), f"POI {poi.id} not drawn"
    only(view, "roads")
    roads = render(view)
    road = max(site.roads, key=lambda r: r.width_m * r.length_m)
    mid = road.line_xy[len(road.line_xy) // 2]
    assert pixel(bare, view, *mid) != pixel(roads, view, *mid)


@pytest.mark.parametrize(
    ("state", "kind"),
    [
        (VehicleState.MOVING, GlyphKind.MOVING),
        (VehicleState.IDLE, GlyphKind.WORKING),
        (VehicleState.LOADING, GlyphKind.WORKING),
        (VehicleState.DUMPING, GlyphKind.WORKING),
        (VehicleState.HOLDING, GlyphKind.HOLDING),
        (VehicleState.ASSIST_NEEDED, GlyphKind.ASSIST),
        (VehicleState.SAFE_STOP, GlyphKind.FAULT),
        (VehicleState.FAULT, GlyphKind.FAULT),
    ],
)
def test_each_state_has_its_glyph_and_stale_wins(state: VehicleState, kind: GlyphKind) -> None:
    assert glyph_kind(state, stale=False) is kind
    assert glyph_kind(state, stale=True) is GlyphKind.STALE
    assert glyph_kind(None, stale=False) is GlyphKind.STALE


def test_glyph_kinds_are_counted_from_the_fleet(view: SiteMapView) -> None:
    fleet = fleet_with(
        sample("A", 0, 0, VehicleState.MOVING),
        sample("B", 50, 0, VehicleState.ASSIST_NEEDED),
        sample("C", 100, 0, VehicleState.FAULT),
    )
    view.update_vehicles(fleet, fleet.drain_changed(), NOW)
    counts = view.kind_counts()
    assert counts[GlyphKind.MOVING] == 1
    assert counts[GlyphKind.ASSIST] == 1
    assert counts[GlyphKind.FAULT] == 1


def test_hit_testing_picks_the_nearest_vehicle_under_the_cursor(view: SiteMapView) -> None:
    fleet = fleet_with(sample("A", 0, 0), sample("B", 400, 0), sample("C", 406, 0))
    view.update_vehicles(fleet, fleet.drain_changed(), NOW)
    for vid in "ABC":
        at = view.vehicle_screen_position(vid)
        assert at is not None
        assert view.vehicle_at(at.x(), at.y()) == vid
    a = view.vehicle_screen_position("A")
    assert a is not None
    assert view.vehicle_at(a.x() + 60, a.y() + 60) is None


def test_programmatic_selection_does_not_echo_but_a_click_does(qtbot, view: SiteMapView) -> None:  # type: ignore[no-untyped-def]
    fleet = fleet_with(sample("A", 0, 0), sample("B", 500, 300))
    view.update_vehicles(fleet, fleet.drain_changed(), NOW)
    with qtbot.assertNotEmitted(view.vehicleSelected):
        view.select_vehicle("A")
        view.focus_vehicle("A")
    assert view.selected_vehicle() == "A"
    b = view.vehicle_screen_position("B")
    assert b is not None
    with qtbot.waitSignal(view.vehicleSelected) as picked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=b.toPoint())
    assert picked.args == ["B"]
    with qtbot.waitSignal(view.vehicleSelected) as cleared:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=QPoint(b.toPoint().x() + 80, b.toPoint().y() + 80)
        )
    assert cleared.args == [""]
    with qtbot.waitSignal(view.vehicleActivated) as activated:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=b.toPoint())
    assert activated.args == ["B"]


def test_stale_vehicles_are_drawn_differently(view: SiteMapView) -> None:
    fleet = fleet_with(sample("A", 0, 0, VehicleState.MOVING))
    view.update_vehicles(fleet, fleet.drain_changed(), NOW)
    at = view.vehicle_screen_position("A")
    assert at is not None
    window = [(dx, dy) for dx in range(-6, 7) for dy in range(-6, 7)]
    fresh = render(view)
    view.update_vehicles(fleet, set(), NOW + STALE_AFTER_S + 1)
    stale = render(view)
    assert view.kind_counts()[GlyphKind.STALE] == 1
    changed = [
        d
        for d in window
        if fresh.pixelColor(at.toPoint() + QPoint(*d))
        != stale.pixelColor(at.toPoint() + QPoint(*d))
    ]
    assert len(changed) > 10


def test_layers_toggle_and_packs_can_add_one(view: SiteMapView) -> None:
    fleet = fleet_with(sample("A", 0, 0))
    view.update_vehicles(fleet, fleet.drain_changed(), NOW)
    at = view.vehicle_screen_position("A")
    assert at is not None
    shown = render(view).pixelColor(at.toPoint())
    view.set_layer_visible("vehicles", False)
    hidden = render(view).pixelColor(at.toPoint())
    assert shown != hidden
    calls: list[float] = []
    view.add_layer(
        "mining.haul_cycles", lambda: "Haul cycles", lambda p, t, pal: calls.append(t.scale)
    )
    assert ("mining.haul_cycles", "Haul cycles") in view.layers()
    render(view)
    assert calls
    view.set_layer_visible("mining.haul_cycles", False)
    calls.clear()
    render(view)
    assert calls == []
    with pytest.raises(LayerError, match="already exists"):
        view.add_layer("mining.haul_cycles", lambda: "x", lambda p, t, pal: None)
    with pytest.raises(LayerError, match="known layers"):
        view.set_layer_visible("nope", True)


def test_the_map_itself_never_mirrors_in_right_to_left_layouts(
    view: SiteMapView, site: Site
) -> None:
    only(view, "roads", "zones")
    ltr = render(view)
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    rtl = render(view)
    for zone in site.zones:
        point = zone.polygon.representative_point()
        assert pixel(ltr, view, point.x, point.y) == pixel(rtl, view, point.x, point.y)


def test_keyboard_zoom_pan_and_fit(qtbot, view: SiteMapView) -> None:  # type: ignore[no-untyped-def]
    fitted = view.transform()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().scale > fitted.scale
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.transform().cx < fitted.cx
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.transform() == fitted


def test_follow_keeps_the_vehicle_centred(view: SiteMapView) -> None:
    fleet = fleet_with(sample("A", 100, 100))
    view.update_vehicles(fleet, fleet.drain_changed(), NOW)
    view.set_follow("A")
    fleet.apply([sample("A", 300, -200, t=NOW + 1)], NOW + 1)
    view.update_vehicles(fleet, fleet.drain_changed(), NOW + 1)
    assert (view.transform().cx, view.transform().cy) == (300, -200)


def test_tooltip_carries_the_key_state(view: SiteMapView) -> None:
    fleet = fleet_with(sample("HT-0042", 0, 0, VehicleState.ASSIST_NEEDED))
    record = fleet.get("HT-0042")
    assert record is not None
    text = tooltip_text(record, NOW, NumberFormat())
    assert "HT-0042" in text
    assert "Assist needed" in text
    assert "T-7" in text
    assert "Stale" in tooltip_text(record, NOW + 60, NumberFormat())
    assert "١٨٫٠" not in text  # Latin digits by default
    assert "٨٠" in tooltip_text(record, NOW, NumberFormat(arabic_digits=True))  # energy 80 %


def test_every_theme_renders(view: SiteMapView) -> None:
    for theme in ("light", "high_contrast", "dark"):
        view.set_style(theme)
        assert not render(view).isNull()
    with pytest.raises(ValueError, match="unknown map theme"):
        view.set_style("neon")


def test_a_frame_is_read_from_the_fleet_once_for_every_view() -> None:
    from app.ui.map.frame_records import frame_records

    fleet = fleet_with(sample("A", 1, 2, VehicleState.HOLDING), sample("B", 3, 4))
    fleet.register("n0", [VehicleInfo(vehicle_id="C", vehicle_class="water_truck")])
    changed = fleet.drain_changed()
    first = frame_records(fleet, changed)
    assert frame_records(fleet, changed) is first
    assert sorted(first.ids) == ["A", "B", "C"]
    assert sorted(first.sampled_ids) == ["A", "B"]
    row = first.sampled_ids.index("A")
    assert first.numbers[row, :3].tolist() == [1.0, 2.0, 45.0]
    assert first.tasks[row] == "T-7"
    assert frame_records(fleet, set(changed)) is not first  # a new frame is read again


def test_small_pans_reuse_the_rendered_site_at_an_offset(
    view: SiteMapView, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(view, "roads", "zones")
    before = render(view)
    renders: list[int] = []
    original = view._render_background

    def counted() -> QPixmap:
        renders.append(1)
        return original()

    monkeypatch.setattr(view, "_render_background", counted)
    view._set_view(view.transform().panned(40.0, -25.0))
    after = render(view)
    assert renders == []  # reused, not re-rendered
    for zone in site.zones:
        point = zone.polygon.representative_point()
        sx, sy = view.transform().point_to_screen(point.x, point.y)
        assert after.pixelColor(round(sx), round(sy)) == before.pixelColor(
            round(sx) - 40, round(sy) + 25
        )
    view._set_view(view.transform().zoomed(2.0))
    render(view)
    assert renders == [1]  # a zoom renders the site again


def test_the_map_package_exports_are_pinned() -> None:
    import app.ui.map

    assert set(app.ui.map.__all__) == {
        "THEMES",
        "GlyphKind",
        "LayerError",
        "MapLayer",
        "MapPalette",
        "MapTransform",
        "SiteMapView",
        "glyph_kind",
    }


@pytest.mark.parametrize("arabic", [False, True])
@pytest.mark.parametrize("size", [(1000, 800), (1187, 573), (700, 450)])
def test_zone_labels_never_overlap_at_fit_zoom_and_hazards_win(
    view: SiteMapView, site: Site, arabic: bool, size: tuple[int, int]
) -> None:
    from PySide6.QtGui import QFont, QFontMetricsF  # noqa: TID251 - a UI test drives Qt

    from app.ui.map.site_labels import Rank

    view.resize(*size)
    view.fit_site()
    placed = view.site_labels(arabic=arabic)
    assert placed
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not a.rect.intersects(b.rect), f"{a.lines} overlaps {b.lines}"
    # Each rectangle holds its text as drawn: the first line is bold (wider than regular).
    base = view._font(-1.0)
    bold = QFont(base)
    bold.setBold(True)
    for item in placed:
        for n, line in enumerate(item.lines):
            width = QFontMetricsF(bold if n == 0 else base).horizontalAdvance(line)
            assert width <= item.rect.width(), f"{line!r} is wider than its label"
    # Every closed road and blast zone in force is labelled, in full.
    hazards = [z for z in site.zones if z.active and z.sector_kind in {"blast", "closed_road"}]
    assert hazards
    shown = [p for p in placed if p.label.rank == Rank.HAZARD]
    assert len(shown) == len(hazards)
    assert all(p.lines == p.label.lines for p in shown)
    names = {(z.name_ar if arabic and z.name_ar else z.name) for z in hazards}
    assert {p.lines[1] for p in shown} == names


def _crowd_the_labels(view: SiteMapView) -> list[str]:
    """Put a vehicle on the centre of every label the empty map shows; return their ids."""
    t = view.transform()
    samples = []
    for n, item in enumerate(view.site_labels()):
        x, y = t.to_world(item.rect.center().x(), item.rect.center().y())
        samples.append(sample(f"v{n}", x, y))
    view.update_vehicles(fleet_with(*samples), [s.vehicle_id for s in samples], NOW)
    return [s.vehicle_id for s in samples]


@pytest.mark.parametrize("zoom_in", [0, 2])
def test_site_labels_keep_clear_of_vehicle_glyphs_by_moving_fading_or_dropping(
    view: SiteMapView, qtbot: QtBot, zoom_in: int
) -> None:
    from PySide6.QtCore import QPointF  # noqa: TID251 - a UI test drives Qt

    from app.ui.map.site_labels import Rank

    view.resize(1035, 520)  # the map dock at the default window size
    view.fit_site()
    for _ in range(zoom_in):
        qtbot.keyClick(view, Qt.Key.Key_Plus)  # type: ignore[no-untyped-call]
    empty = view.site_labels()
    before = {item.label.lines: item.rect for item in empty}
    hazards = {item.label.lines for item in empty if item.label.rank == Rank.HAZARD}
    assert hazards
    ids = _crowd_the_labels(view)
    assert ids
    placed = view.site_labels()
    r = view._vehicle_painter.glyph_px / 2
    glyphs = [view.vehicle_screen_position(v) for v in ids]
    for item in placed:
        if item.faded:
            assert item.label.rank == Rank.HAZARD  # only hazards fade; the others move or drop
            continue
        grown = item.rect.adjusted(-r, -r, r, r)
        covered = [g for g in glyphs if g is not None and grown.contains(QPointF(g))]
        assert not covered, f"{item.lines} covers a vehicle glyph at {covered}"
    # The hazards are still named (moved or faded) and every label that stayed moved.
    assert hazards <= {item.label.lines for item in placed}
    assert all(item.rect != before.get(item.label.lines) for item in placed if not item.faded)
    for i, a in enumerate(placed):
        assert not any(a.rect.intersects(b.rect) for b in placed[i + 1 :])


def test_glyph_grid_rule_moves_a_label_then_fades_a_hazard_and_drops_the_rest(qapp) -> None:  # type: ignore[no-untyped-def]
    import numpy as np
    from PySide6.QtCore import QRectF  # noqa: TID251 - a UI test drives Qt
    from PySide6.QtGui import QFont  # noqa: TID251 - a UI test drives Qt

    from app.ui.map.site_labels import GlyphGrid, Rank, SiteLabel, place_labels

    font = QFont()
    bounds = QRectF(0, 0, 400, 300)
    hazard = SiteLabel(("No entry", "Blast"), ("No entry",), 200, 150, "blast", True, Rank.HAZARD)
    poi = SiteLabel(("Dump",), None, 200, 150, "poi", False, Rank.POI)
    one = GlyphGrid(np.array([200.0]), np.array([150.0]), 8, 400, 300)
    assert one.covers(QRectF(195, 145, 10, 10))
    assert not one.covers(QRectF(0, 0, 20, 20))
    (moved,) = place_labels([hazard], font, bounds, one)  # the centre is taken: it moves
    assert not moved.faded
    assert not one.covers(moved.rect)
    xs, ys = np.meshgrid(np.arange(0, 400, 6.0), np.arange(0, 300, 6.0))
    full = GlyphGrid(xs.ravel(), ys.ravel(), 8, 400, 300)  # vehicles everywhere
    placed = place_labels([hazard, poi], font, bounds, full)
    assert [(p.label.rank, p.faded) for p in placed] == [(Rank.HAZARD, True)]


@pytest.mark.parametrize("size", [(750, 520), (1035, 520)])
def test_site_labels_keep_clear_of_the_legend_scale_bar_and_north_arrow(
    view: SiteMapView, size: tuple[int, int]
) -> None:
    view.resize(*size)
    view.fit_site()
    render(view)  # the overlays are where a frame drew them
    overlays = list(view._overlay_rects.values())
    assert len(overlays) >= 3
    render(view)
    for item in view.site_labels():
        hit = [r for r in overlays if item.rect.intersects(r)]
        assert not hit, f"{item.lines} is under an overlay at {hit}"
