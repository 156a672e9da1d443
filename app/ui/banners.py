"""Banners across the top of the window: critical alerts, and command confirmations.

Neither is a dialog: the map, the tables and the frame clock keep running while they show.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget
from typing_extensions import override

from app.ui.alerts.log import Severity
from app.ui.alerts.texts import alert_text
from app.ui.timers import make_timer

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.ui.alerts.log import Alert, AlertLog
    from app.ui.language import LanguageManager

BEEP_GAP_S = 2.0
"""Critical alerts closer together than this share one beep."""
CONFIRM_TIMEOUT_MS = 15_000
"""An unanswered confirmation withdraws itself (the command is not sent)."""


class CriticalBanner(QFrame):
    """Announces unacknowledged critical alerts: shown until they are acknowledged.

    A new critical alert also beeps, unless the sound is muted.

    Parameters
    ----------
    log
        The alert log to watch.
    operator
        Who acknowledges from the banner.
    """

    sig_alerts_requested = Signal()
    """The operator asked to see the alerts panel."""

    def __init__(
        self, log: AlertLog, language: LanguageManager, operator: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("banner.critical")
        self.setProperty("role", "critical")
        self._log = log
        self._language = language
        self._operator = operator
        self.muted = False
        self.beeps = 0
        """Beeps sounded so far."""
        self._last_beep = -BEEP_GAP_S
        self._pending = 0
        self._latest: Alert | None = None
        self.label = QLabel(self)
        self.label.setObjectName("banner.critical.text")
        self.ack = QPushButton(self)
        self.ack.setObjectName("banner.critical.ack")
        self.show_button = QPushButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.ack)
        self.ack.clicked.connect(self.acknowledge)
        self.show_button.clicked.connect(self.sig_alerts_requested.emit)
        log.subscribe(self._on_log)
        language.sig_digits_changed.connect(lambda _on: self.refresh())
        self.retranslate()
        self.hide()

    def set_operator(self, operator: str) -> None:
        """Acknowledge in ``operator``'s name from now on."""
        self._operator = operator

    def _on_log(self, added: list[Alert] | None) -> None:
        if added is None:  # acknowledgements: count again (rare, operator-paced)
            self._recount()
            self.refresh()
            return
        critical = [a for a in added if a.severity is Severity.CRITICAL]
        if not critical:
            return
        # Counted as they come: a stop of the whole fleet logs one alert per vehicle, and a
        # scan of the log per alert would be quadratic.
        self._pending += len(critical)
        self._latest = critical[-1]
        if not self.muted:
            # One beep per burst: an emergency stop of 500 vehicles is one event to the ear.
            now = time.monotonic()
            if now - self._last_beep >= BEEP_GAP_S:
                self._last_beep = now
                QApplication.beep()
                self.beeps += 1
        self.refresh()

    def _recount(self) -> None:
        pending = self._log.unacknowledged(Severity.CRITICAL)
        self._pending = len(pending)
        self._latest = pending[-1] if pending else None

    def acknowledge(self) -> None:
        """Acknowledge every unacknowledged critical alert."""
        pending = self._log.unacknowledged(Severity.CRITICAL)
        self._log.acknowledge([a.alert_id for a in pending], self._operator)

    def refresh(self) -> None:
        """Show the latest unacknowledged critical alert, or hide."""
        latest = self._latest
        if latest is None or self._pending == 0:
            self.hide()
            return
        text = "■ " + self.tr("CRITICAL") + " — " + alert_text(latest)
        if self._pending > 1:
            more = self.tr("(+%1 more)").replace("%1", self._language.integer(self._pending - 1))
            text += "  " + more
        self.label.setText(self._language.digits(text))
        self.show()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.ack.setText(self.tr("Acknowledge"))
        self.ack.setToolTip(self.tr("Acknowledge every critical alert"))
        self.show_button.setText(self.tr("Show alerts"))
        self.show_button.setToolTip(self.tr("Open the Alerts & events panel"))
        self.refresh()


class ConfirmBar(QFrame):
    """Asks to confirm a command inline; withdraws itself after a timeout.

    Only one question at a time: a new one replaces the previous, which is not confirmed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner.confirm")
        self.setProperty("role", "confirm")
        self.label = QLabel(self)
        self.label.setObjectName("banner.confirm.text")
        self.confirm = QPushButton(self)
        self.confirm.setObjectName("banner.confirm.ok")
        self.cancel = QPushButton(self)
        self.cancel.setObjectName("banner.confirm.cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.cancel)
        self._timer = make_timer("confirm-timeout", CONFIRM_TIMEOUT_MS, self, single_shot=True)
        self._timer.timeout.connect(self.withdraw)
        self._question: Callable[[], str] | None = None
        self._confirm_text: Callable[[], str] | None = None
        self._on_confirm: Callable[[], object] | None = None
        self.confirm.clicked.connect(self._confirmed)
        self.cancel.clicked.connect(self.withdraw)
        self.retranslate()
        self.hide()

    def ask(
        self,
        question: Callable[[], str],
        confirm_text: Callable[[], str],
        on_confirm: Callable[[], object],
        *,
        focus_confirm: bool = True,
        danger: bool = True,
    ) -> None:
        """Show ``question()`` with a ``confirm_text()`` button running ``on_confirm``.

        The texts are callables so that a language switch re-words an open question.
        """
        self._question, self._confirm_text, self._on_confirm = question, confirm_text, on_confirm
        # A stop is red, a resume green: the button says what it does in colour and words.
        self.confirm.setProperty("role", "danger" if danger else "go")
        self.confirm.style().unpolish(self.confirm)
        self.confirm.style().polish(self.confirm)
        self.retranslate()
        self.show()
        self._timer.start()
        (self.confirm if focus_confirm else self.cancel).setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def pending(self) -> bool:
        """Whether a question is waiting for an answer."""
        return self._on_confirm is not None

    def _confirmed(self) -> None:
        action = self._on_confirm
        self.withdraw()
        if action is not None:
            action()

    def withdraw(self) -> None:
        """Hide the question without running it."""
        self._timer.stop()
        self._question = self._confirm_text = self._on_confirm = None
        self.hide()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Do not send the command"))
        if self._question is not None and self._confirm_text is not None:
            self.label.setText(self._question())
            self.confirm.setText(self._confirm_text())
