"""The status bar: site, link security, operator, clock, links up/down, vehicles, policy, sound."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget
from typing_extensions import override

from app.ui.language import ltr

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.core.service import SiteStatus
    from app.ui.language import LanguageManager
    from maps.site import Site


SHRINK_TO_PX = 48
"""Narrowest width of the labels that yield space first."""


class ConsoleStatusBar(QStatusBar):
    """Permanent figures at the bottom of the window.

    Parameters
    ----------
    site
        The site (its English and Arabic names).
    policy
        The active policy bundle as ``id vN``, or ``None`` when not known.
    operator
        The operator whose name the console's commands carry.
    """

    def __init__(
        self,
        site: Site,
        language: LanguageManager,
        policy: str | None,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.time,
        operator: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusbar")
        self._site = site
        self._language = language
        self._policy = policy
        self._clock = clock
        self._operator = operator
        self._status: SiteStatus | None = None
        self.muted = False
        self.site_label = QLabel(self)
        self.security_label = QLabel(self)
        self.operator_label = QLabel(self)
        self.links_label = QLabel(self)
        self.vehicles_label = QLabel(self)
        self.policy_label = QLabel(self)
        self.sound_label = QLabel(self)
        self.clock_label = QLabel(self)
        for label in (
            self.site_label,
            self.security_label,
            self.operator_label,
            self.links_label,
            self.vehicles_label,
            self.policy_label,
            self.sound_label,
            self.clock_label,
        ):
            self.addPermanentWidget(label)
        # On a narrow window these give up width (clipped, full text in the tooltip) before
        # the live figures do; the red insecure badge keeps its colour even when clipped.
        for label in (self.site_label, self.security_label, self.operator_label):
            label.setMinimumWidth(SHRINK_TO_PX)
        self.retranslate()

    def update_status(self, status: SiteStatus) -> None:
        """Show a new status snapshot."""
        self._status = status
        self.retranslate()

    def set_operator(self, operator: str | None) -> None:
        """Show who the console's commands name (``None`` or empty: nobody signed in)."""
        self._operator = operator
        self.retranslate()

    def set_muted(self, muted: bool) -> None:
        """Show whether alert sounds are muted."""
        self.muted = muted
        self.retranslate()

    def tick(self) -> None:
        """Update the clock (call once a second)."""
        self.clock_label.setText(self._language.date_time(self._clock()))

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        lang = self._language
        name = self._site.name_ar if lang.language == "ar" and self._site.name_ar else None
        site_text = self.tr("Site: %1").replace("%1", name or ltr(self._site.name))
        self.site_label.setText(site_text)
        self.site_label.setToolTip(
            site_text + "\n" + self.tr("Site id %1").replace("%1", ltr(self._site.site_id))
        )
        s = self._status
        self._show_security(s)
        if self._operator:
            operator_text = self.tr("Operator: %1").replace("%1", ltr(self._operator))
            self.operator_label.setText(operator_text)
            self.operator_label.setToolTip(
                operator_text + "\n" + self.tr("Commands from this console carry this name")
            )
        elif self._operator is not None:  # signed out: commands are refused, say so
            self.operator_label.setText(self.tr("⚠ No operator signed in"))
            self.operator_label.setToolTip(
                self.tr("Commands are refused until an operator signs in (Operator panel)")
            )
        self.operator_label.setVisible(self._operator is not None)
        if s is None:
            self.links_label.setText(self.tr("Links: —"))
            self.vehicles_label.setText(self.tr("Vehicles: —"))
        else:
            down = s.nodes_total - s.nodes_up
            text = self.tr("Links: %1 up, %2 down").replace("%1", lang.integer(s.nodes_up))
            self.links_label.setText(
                ("✕ " if down else "● ") + text.replace("%2", lang.integer(down))
            )
            self.vehicles_label.setText(
                self.tr("Vehicles: %1 (%2 stale)")
                .replace("%1", lang.integer(s.vehicles))
                .replace("%2", lang.integer(s.vehicles_stale))
            )
        self.links_label.setToolTip(self.tr("Edge nodes connected and not connected"))
        if self._policy is None:
            self.policy_label.setText(self.tr("Policy: unknown"))
        else:
            self.policy_label.setText(self.tr("Policy: %1").replace("%1", ltr(self._policy)))
        self.policy_label.setToolTip(self.tr("The policy bundle the edge nodes enforce"))
        self.sound_label.setText(self.tr("Sound off") if self.muted else self.tr("Sound on"))
        self.sound_label.setToolTip(self.tr("Sound for new critical alerts"))
        self.tick()

    def _show_security(self, s: SiteStatus | None) -> None:
        """Say whether the links are authenticated; insecure links stand out (text and colour)."""
        label = self.security_label
        if s is not None and s.insecure_links:
            label.setObjectName("insecureBadge")
            label.setText(
                self.tr("⚠ INSECURE: %1 links without authentication (development)").replace(
                    "%1", self._language.integer(s.insecure_links)
                )
            )
            label.setToolTip(
                self.tr(
                    "Plain %1 links: anyone on the network can read and command. "
                    "Never use this mode on a real site."
                ).replace("%1", ltr("ws://"))
            )
            label.setStyleSheet("QLabel { background: #b3261e; color: white; padding: 0 6px; }")
        else:
            label.setObjectName("secureBadge")
            label.setText(self.tr("Links: mutual TLS"))
            label.setToolTip(
                self.tr("Every edge link is encrypted and both ends proved their certificates")
            )
            label.setStyleSheet("")
        label.setVisible(s is not None)
