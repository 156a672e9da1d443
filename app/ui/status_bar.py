"""The status bar: site, clock, links up/down, vehicles, active policy, sound."""

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


class ConsoleStatusBar(QStatusBar):
    """Permanent figures at the bottom of the window.

    Parameters
    ----------
    site
        The site (its English and Arabic names).
    policy
        The active policy bundle as ``id vN``, or ``None`` when not known.
    """

    def __init__(
        self,
        site: Site,
        language: LanguageManager,
        policy: str | None,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusbar")
        self._site = site
        self._language = language
        self._policy = policy
        self._clock = clock
        self._status: SiteStatus | None = None
        self.muted = False
        self.site_label = QLabel(self)
        self.links_label = QLabel(self)
        self.vehicles_label = QLabel(self)
        self.policy_label = QLabel(self)
        self.sound_label = QLabel(self)
        self.clock_label = QLabel(self)
        for label in (
            self.site_label,
            self.links_label,
            self.vehicles_label,
            self.policy_label,
            self.sound_label,
            self.clock_label,
        ):
            self.addPermanentWidget(label)
        self.retranslate()

    def update_status(self, status: SiteStatus) -> None:
        """Show a new status snapshot."""
        self._status = status
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
        self.site_label.setText(self.tr("Site: %1").replace("%1", name or ltr(self._site.name)))
        self.site_label.setToolTip(self.tr("Site id %1").replace("%1", ltr(self._site.site_id)))
        s = self._status
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
