"""The assist workspace's 60-second telemetry plot of one vehicle (pyqtgraph).

Fed from the request's context history (the edge's last ~60 s at 1 Hz) and then from the live
fleet updates of that vehicle, at most one point per frame.  Speed (km/h) on the left axis;
perception confidence (percent, the reason most requests escalate) as a second, dashed curve
scaled into the same plot with its own right axis.  Items are created once and updated with
``setData``.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from typing_extensions import override

if TYPE_CHECKING:
    from collections.abc import Iterable

    from app.ui.theme import ThemeManager
    from edge.protocol.messages import TelemetrySample

WINDOW_S = 60.0
"""Seconds of telemetry shown."""
MAX_POINTS = 600
"""Points kept per curve (60 s at 10 Hz)."""


class AssistTelemetryPlot(QWidget):
    """Speed and perception confidence of one vehicle over the last minute.

    Parameters
    ----------
    theme
        Colours follow the console's theme.
    """

    def __init__(self, theme: ThemeManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assist.plot")
        self._theme = theme
        self.vehicle_id: str | None = None
        self._t: deque[float] = deque(maxlen=MAX_POINTS)
        self._speed: deque[float] = deque(maxlen=MAX_POINTS)
        self._confidence: deque[float] = deque(maxlen=MAX_POINTS)
        self.plot = pg.PlotWidget(self)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMinimumHeight(110)
        self.plot.setXRange(-WINDOW_S, 0.0, padding=0.0)
        self.plot.setYRange(0.0, 100.0, padding=0.02)
        self.plot.showAxis("right")
        self.speed_curve = self.plot.plot([], [])
        self.confidence_curve = self.plot.plot([], [])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        theme.sig_theme_changed.connect(lambda _key: self._restyle())
        self._restyle()
        self.retranslate()

    # ------------------------------------------------------------------ data

    def show_vehicle(self, vehicle_id: str | None, history: Iterable[TelemetrySample]) -> None:
        """Start over with ``vehicle_id``'s history (oldest first); ``None`` clears the plot."""
        self.vehicle_id = vehicle_id
        self._t.clear()
        self._speed.clear()
        self._confidence.clear()
        for sample in history:
            self._append(sample)

    def add_sample(self, sample: TelemetrySample) -> None:
        """Append a live sample of the shown vehicle (older or repeated samples are ignored)."""
        if sample.vehicle_id == self.vehicle_id:
            self._append(sample)

    def _append(self, sample: TelemetrySample) -> None:
        if self._t and sample.t <= self._t[-1]:
            return
        self._t.append(sample.t)
        self._speed.append(sample.speed_mps * 3.6)
        self._confidence.append(sample.perception_confidence * 100.0)

    def redraw(self, now: float) -> None:
        """Draw the last minute up to ``now`` (x axis: seconds before now)."""
        while self._t and now - self._t[0] > WINDOW_S:
            self._t.popleft()
            self._speed.popleft()
            self._confidence.popleft()
        xs = [t - now for t in self._t]
        self.speed_curve.setData(xs, list(self._speed))
        self.confidence_curve.setData(xs, list(self._confidence))

    def points(self) -> int:
        """How many samples the plot holds."""
        return len(self._t)

    # ------------------------------------------------------------------ style and language

    def _restyle(self) -> None:
        t = self._theme.theme
        self.plot.setBackground(t.panel)
        for axis in ("left", "bottom", "right"):
            self.plot.getAxis(axis).setPen(pg.mkPen(t.muted))
            self.plot.getAxis(axis).setTextPen(pg.mkPen(t.text))
        self.speed_curve.setPen(pg.mkPen(t.accent, width=2))
        self.confidence_curve.setPen(pg.mkPen(t.warning, width=2, style=Qt.PenStyle.DashLine))

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set the axis labels in the current language."""
        self.plot.setLabel("left", self.tr("speed km/h (solid)"))
        self.plot.setLabel("right", self.tr("perception % (dashed)"))
        self.plot.setLabel("bottom", self.tr("seconds"))
