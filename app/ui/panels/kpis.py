"""The KPIs panel: big figures for a glance, and five minutes of history as plots.

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

from app.ui.states import STATE_SHAPES, state_colour, state_text
from edge.protocol.messages import VehicleState

if TYPE_CHECKING:
    from app.core.service import SiteStatus
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager

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
