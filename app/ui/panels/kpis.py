"""The KPIs panels: the site's figures with five minutes of history, and the packs' KPIs.

:class:`KpisPanel` shows the console's own figures (updates/s, latency, receipts/s, vehicles
by state). :class:`PackKpisPanel` shows the enabled sector packs' KPIs (tonnes per hour, queue
and cycle times) as the dispatcher reports them, with an hour of history and their targets.

Fed once a second with the site service's :class:`SiteStatus` by the window's status poller
(``SiteService.status`` computes rates since its previous call, so only one poller calls it).
Plots reuse their items and call ``setData``: nothing is rebuilt per update.
"""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QVBoxLayout, QWidget
from typing_extensions import override

from app.ui.dispatch.texts import unit_text
from app.ui.language import ltr
from app.ui.states import STATE_SHAPES, state_colour, state_text
from edge.protocol.messages import VehicleState

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from app.core.service import SiteStatus
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager
    from plugins.records import KpiDefinition

HISTORY = 300
"""Points kept per series (five minutes at one per second)."""


class KpiTile(QWidget):
    """A caption over a big number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setProperty("role", "muted")
        self.value = QLabel("—", self)
        self.size_value()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def size_value(self) -> None:
        """Make the figure 1.8 times the application font (which the operator may scale)."""
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)


class KpisPanel(QWidget):
    """Updates/s, end-to-end latency p50/p99, receipts/s and vehicles by state.

    Parameters
    ----------
    language, theme
        Formatting and colours.
    """

    def __init__(
        self, language: LanguageManager, theme: ThemeManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.kpis")
        self._language = language
        self._theme = theme
        self._t: deque[float] = deque(maxlen=HISTORY)
        self._series: dict[str, deque[float]] = {
            k: deque(maxlen=HISTORY) for k in ("updates", "p50", "p99", "receipts")
        }
        self._last: SiteStatus | None = None
        self.tiles = {k: KpiTile(self) for k in ("vehicles", "updates", "latency", "receipts")}
        grid = QGridLayout()
        for i, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, i)
        self.rate_plot = pg.PlotWidget(self)
        self.latency_plot = pg.PlotWidget(self)
        self.state_plot = pg.PlotWidget(self)
        for plot in (self.rate_plot, self.latency_plot, self.state_plot):
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.showGrid(x=False, y=True, alpha=0.25)
            plot.setMinimumHeight(90)
        self.rate_plot.addLegend(offset=(-10, 5))
        self.latency_plot.addLegend(offset=(-10, 5))
        self.updates_curve = self.rate_plot.plot([], [])
        self.receipts_curve = self.rate_plot.plot([], [])
        self.p50_curve = self.latency_plot.plot([], [])
        self.p99_curve = self.latency_plot.plot([], [])
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7)
        self.state_plot.addItem(self.bars)
        self.state_plot.getPlotItem().invertY(True)
        self.state_plot.setMinimumHeight(170)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        layout.addWidget(self.rate_plot, 1)
        layout.addWidget(self.latency_plot, 1)
        layout.addWidget(self.state_plot, 1)
        theme.sig_theme_changed.connect(lambda _key: self._restyle())
        theme.sig_scale_changed.connect(lambda _scale: self._rescale())
        language.sig_digits_changed.connect(lambda _on: self._redraw())
        self._restyle()
        self.retranslate()

    # ------------------------------------------------------------------ data

    def update_status(self, status: SiteStatus) -> None:
        """Append one status snapshot and redraw."""
        self._last = status
        self._t.append(status.at)
        self._series["updates"].append(status.updates_per_s)
        self._series["receipts"].append(status.receipts_per_s)
        self._series["p50"].append(_finite(status.latency_p50_ms))
        self._series["p99"].append(_finite(status.latency_p99_ms))
        self._redraw()

    def _redraw(self) -> None:
        s = self._last
        lang = self._language
        if s is None:
            return
        start = self._t[0] if self._t else 0.0
        xs = [t - start for t in self._t]
        self.updates_curve.setData(xs, list(self._series["updates"]))
        self.receipts_curve.setData(xs, list(self._series["receipts"]))
        self.p50_curve.setData(xs, list(self._series["p50"]))
        self.p99_curve.setData(xs, list(self._series["p99"]))
        counts = s.by_state or {}
        states = list(VehicleState)
        # Horizontal bars, one row per state, labelled on the axis: readable in both languages.
        self.bars.setOpts(
            x0=[0] * len(states),
            y=list(range(len(states))),
            width=[counts.get(st, 0) for st in states],
            height=0.7,
            brushes=[pg.mkBrush(state_colour(st, self._theme.theme)) for st in states],
        )
        self.tiles["vehicles"].value.setText(lang.integer(s.vehicles))
        if s.vehicles_stale:
            self.tiles["vehicles"].value.setText(
                self.tr("%1 (%2 stale)")
                .replace("%1", lang.integer(s.vehicles))
                .replace("%2", lang.integer(s.vehicles_stale))
            )
        self.tiles["updates"].value.setText(lang.number(s.updates_per_s, 0))
        if math.isnan(s.latency_p50_ms):
            self.tiles["latency"].value.setText("—")
        else:
            self.tiles["latency"].value.setText(
                self.tr("%1 / %2 ms")
                .replace("%1", lang.number(s.latency_p50_ms, 1))
                .replace("%2", lang.number(s.latency_p99_ms, 1))
            )
        self.tiles["receipts"].value.setText(lang.number(s.receipts_per_s, 0))

    def _rescale(self) -> None:
        for tile in self.tiles.values():
            tile.size_value()

    def _restyle(self) -> None:
        t = self._theme.theme
        for plot in (self.rate_plot, self.latency_plot, self.state_plot):
            plot.setBackground(t.panel)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setPen(pg.mkPen(t.muted))
                plot.getAxis(axis).setTextPen(pg.mkPen(t.text))
        self.updates_curve.setPen(pg.mkPen(t.accent, width=2))
        self.receipts_curve.setPen(pg.mkPen(t.ok, width=2, style=Qt.PenStyle.DashLine))
        self.p50_curve.setPen(pg.mkPen(t.accent, width=2))
        self.p99_curve.setPen(pg.mkPen(t.warning, width=2, style=Qt.PenStyle.DashLine))
        self._redraw()

    # ------------------------------------------------------------------ language

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        captions = {
            "vehicles": self.tr("Vehicles"),
            "updates": self.tr("Updates/s"),
            "latency": self.tr("Latency p50 / p99"),
            "receipts": self.tr("Receipts/s"),
        }
        for key, text in captions.items():
            self.tiles[key].caption.setText(text)
        self.tiles["latency"].setToolTip(
            self.tr("Time from a vehicle's sample to the console, median and 99th percentile")
        )
        self.rate_plot.setTitle(self.tr("Telemetry updates and receipts per second"))
        self.latency_plot.setTitle(self.tr("End-to-end latency (ms)"))
        self.state_plot.setTitle(self.tr("Vehicles by state"))
        for plot in (self.rate_plot, self.latency_plot):
            plot.setLabel("bottom", self.tr("seconds"))
        _rename(self.rate_plot, self.updates_curve, self.tr("updates/s"))
        _rename(self.rate_plot, self.receipts_curve, self.tr("receipts/s"))
        _rename(self.latency_plot, self.p50_curve, self.tr("p50"))
        _rename(self.latency_plot, self.p99_curve, self.tr("p99"))
        ticks = [(i, f"{state_text(st)} {STATE_SHAPES[st]}") for i, st in enumerate(VehicleState)]
        self.state_plot.getAxis("left").setTicks([ticks])
        self._redraw()


def _rename(plot: pg.PlotWidget, curve: pg.PlotDataItem, name: str) -> None:
    """Give a curve a (translated) legend entry."""
    legend = plot.getPlotItem().legend
    if legend is None:
        return
    legend.removeItem(curve)
    legend.addItem(curve, name)


def _finite(value: float) -> float:
    return 0.0 if math.isnan(value) else value


PACK_HISTORY_S = 3600.0
"""Seconds of history each pack KPI plot keeps (one hour)."""


class PackKpi:
    """One pack KPI on screen: its tile, its plot, its curve, its target line and history.

    The plot items are made once; an update calls ``setData`` on the curve.
    """

    def __init__(self, kpi_id: str, parent: QWidget) -> None:
        self.kpi_id = kpi_id
        self.definition: KpiDefinition | None = None
        self.tile = KpiTile(parent)
        self.tile.setObjectName(f"packkpi.{kpi_id}")
        self.plot = pg.PlotWidget(parent)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMinimumHeight(90)
        self.plot.setXRange(-PACK_HISTORY_S / 60.0, 0.0, padding=0.02)
        self.curve = self.plot.plot([], [])
        self.target = pg.InfiniteLine(angle=0, movable=False)
        self.target.setVisible(False)
        self.plot.addItem(self.target)
        self.at: deque[float] = deque()
        self.values: deque[float] = deque()

    def add(self, at: float, value: float) -> None:
        """Append one value and drop what is older than an hour."""
        self.at.append(at)
        self.values.append(value)
        while self.at and self.at[0] < at - PACK_HISTORY_S:
            self.at.popleft()
            self.values.popleft()


class PackKpisPanel(QWidget):
    """The enabled packs' KPIs: a big figure and an hour of history each, with their targets.

    Fed by :class:`~app.core.dispatch.events.KpiUpdated` (:meth:`add_values`); the plots are
    redrawn at most once per frame (:meth:`flush`, from the console's frame clock).

    Parameters
    ----------
    language, theme
        Formatting and colours.
    """

    def __init__(
        self, language: LanguageManager, theme: ThemeManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel.pack_kpis")
        self._language = language
        self._theme = theme
        self.kpis: dict[str, PackKpi] = {}
        self._title: Callable[[str], str] = lambda kpi_id: ltr(kpi_id)
        self._dirty = False
        self._now = 0.0
        self.redraws = 0
        """How many times the figures and curves were redrawn (tests, diagnostics)."""
        self.note = QLabel(self)
        self.note.setObjectName("packkpis.note")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        self.time_scale = 1.0
        """Simulated seconds per wall-clock second of the site's fleet (1: real time)."""
        self.clock_note = QLabel(self)
        self.clock_note.setObjectName("packkpis.clock")
        self.clock_note.setWordWrap(True)
        self.clock_note.hide()
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.clock_note)
        layout.addLayout(self.grid, 1)
        theme.sig_theme_changed.connect(lambda _key: self._restyle())
        theme.sig_scale_changed.connect(lambda _scale: self._rescale())
        language.sig_digits_changed.connect(lambda _on: self.redraw())
        self.retranslate()

    # ------------------------------------------------------------------ data

    def set_definitions(
        self, definitions: Mapping[str, KpiDefinition], title: Callable[[str], str]
    ) -> None:
        """Show these KPIs (the enabled packs'), titled by ``title(kpi_id)``."""
        self._title = title
        for kpi_id, definition in definitions.items():
            self._kpi(kpi_id).definition = definition
        self._restyle()
        self.retranslate()

    def set_time_scale(self, scale: float) -> None:
        """Say the figures are simulated, ``scale`` times faster than real time (1: hide it)."""
        self.time_scale = scale
        self._retranslate_clock()

    def add_values(self, at: float, values: Mapping[str, float]) -> None:
        """Take one KPI update (drawn at the next frame)."""
        for kpi_id, value in values.items():
            if math.isfinite(value):
                self._kpi(kpi_id).add(at, float(value))
        self._now = max(self._now, at)
        self._dirty = True

    def flush(self, now: float | None = None) -> None:
        """Redraw if values arrived since the last frame."""
        if now is not None and now > self._now and self._dirty:
            self._now = now
        if self._dirty:
            self._dirty = False
            self.redraw()

    def update_vehicles(self, fleet: object, changed: object, now: float) -> None:
        """Frame clock entry point."""
        del fleet, changed
        self.flush(now)

    def redraw(self) -> None:
        """Set every figure and curve from the history."""
        self.redraws += 1
        lang = self._language
        t = self._theme.theme
        for kpi in self.kpis.values():
            if not kpi.values:
                kpi.tile.value.setText("—")
                kpi.curve.setData([], [])
                continue
            xs = [(a - self._now) / 60.0 for a in kpi.at]
            kpi.curve.setData(xs, list(kpi.values))
            value = kpi.values[-1]
            definition = kpi.definition
            decimals = 0 if abs(value) >= 100 else 1
            text = lang.number(value, decimals)
            if definition is not None:
                unit = unit_text(definition.unit)
                if unit:
                    text = (
                        self.tr("%1 %2", "value and unit").replace("%1", text).replace("%2", unit)
                    )
            kpi.tile.value.setText(text)
            colour = t.text
            if definition is not None and definition.target is not None:
                met = (
                    value >= definition.target
                    if definition.better == "higher"
                    else value <= definition.target
                )
                colour = t.ok if met else t.warning
            kpi.tile.value.setStyleSheet(f"color: {colour};")

    # ------------------------------------------------------------------ internals

    def _kpi(self, kpi_id: str) -> PackKpi:
        kpi = self.kpis.get(kpi_id)
        if kpi is None:
            kpi = self.kpis[kpi_id] = PackKpi(kpi_id, self)
            row = len(self.kpis) - 1
            self.grid.addWidget(kpi.tile, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(kpi.plot, row, 1)
            self.grid.setRowStretch(row, 1)  # the plots share the panel's height
            self._style(kpi)
            self._retranslate_kpi(kpi)
            self.note.hide()
        return kpi

    def _style(self, kpi: PackKpi) -> None:
        t = self._theme.theme
        kpi.plot.setBackground(t.panel)
        for axis in ("left", "bottom"):
            kpi.plot.getAxis(axis).setPen(pg.mkPen(t.muted))
            kpi.plot.getAxis(axis).setTextPen(pg.mkPen(t.text))
        kpi.curve.setPen(pg.mkPen(t.accent, width=2))
        kpi.target.setPen(pg.mkPen(t.ok, width=1, style=Qt.PenStyle.DashLine))

    def _restyle(self) -> None:
        for kpi in self.kpis.values():
            self._style(kpi)
        self._retranslate_clock()
        self.redraw()

    def _rescale(self) -> None:
        for kpi in self.kpis.values():
            kpi.tile.size_value()

    def _retranslate_clock(self) -> None:
        scale = self.time_scale
        self.clock_note.setVisible(scale != 1.0)
        self.clock_note.setStyleSheet(f"color: {self._theme.theme.warning}; font-weight: bold;")
        self.clock_note.setText(
            self.tr(
                "Simulated ×%1: the vehicles are simulated and run %1 times faster than real "
                "time; these figures are per simulated hour, not a real site's output."
            ).replace("%1", self._language.number(scale, 0 if scale == int(scale) else 1))
        )

    def _retranslate_kpi(self, kpi: PackKpi) -> None:
        definition = kpi.definition
        kpi.tile.caption.setText(self._title(kpi.kpi_id))
        kpi.plot.setLabel("bottom", self.tr("minutes"))
        if definition is None:
            kpi.tile.setToolTip("")
            kpi.target.setVisible(False)
            return
        better = (
            self.tr("higher is better")
            if definition.better == "higher"
            else self.tr("lower is better")
        )
        tip = better
        if definition.target is not None:
            kpi.target.setPos(definition.target)
            kpi.target.setVisible(True)
            tip = (
                self.tr("target %1, %2")
                .replace("%1", self._language.number(definition.target, 1))
                .replace("%2", better)
            )
        else:
            kpi.target.setVisible(False)
        kpi.tile.setToolTip(tip)
        kpi.plot.setToolTip(tip)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.note.setText(
            self.tr(
                "No dispatcher on this site: the sector packs' KPIs (tonnes per hour, queue "
                "and cycle times) appear here once a pack with task types is enabled."
            )
        )
        self.note.setVisible(not self.kpis)
        self._retranslate_clock()
        for kpi in self.kpis.values():
            self._retranslate_kpi(kpi)
        self.redraw()
