"""The assist workspace's detail pane: why a vehicle asks, its context, what happens if not.

Plain labels filled from one :class:`~app.core.assist.AssistItem` (the workspace calls
:meth:`AssistDetailPane.show_item` when the selection or the request changes, and once a
second for the countdowns).  The edge's replies to this console's commands are shown in the
pane's reply line, never in a dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.ui.assist.texts import (
    action_text,
    answer_text,
    countdown_text,
    criticality_text,
    fallback_text,
    feature_text,
    hold_text,
    rule_text,
    state_text,
)
from app.ui.language import ltr

if TYPE_CHECKING:
    from collections.abc import Mapping

    from app.core.assist import AssistItem
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager
    from maps.site import Site


class AssistDetailPane(QFrame):
    """Why, context, hold and fallback, deadline and owner of the selected request.

    Parameters
    ----------
    site
        For the names of zones and points.
    language
        Formatting and the operator's language (rule reasons are shown in it).
    """

    def __init__(
        self,
        site: Site,
        language: LanguageManager,
        theme: ThemeManager,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assist.detail")
        self._site = site
        self._language = language
        self._theme = theme
        self._reply_ok = True
        self.pack_texts: Mapping[str, Mapping[str, str]] = {}
        """Packs' display texts by language and record id (rule reasons)."""
        self.title = self._label("assist.detail.title", bold=True)
        self.link = self._label("assist.detail.link")
        self.why = self._label("assist.detail.why")
        self.context = self._label("assist.detail.context")
        self.outcome = self._label("assist.detail.outcome")
        self.deadline = self._label("assist.detail.deadline")
        self.similar = self._label("assist.detail.similar")
        self.reply = self._label("assist.detail.reply", bold=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(3)
        for label in (
            self.title,
            self.link,
            self.why,
            self.context,
            self.outcome,
            self.deadline,
            self.similar,
            self.reply,
        ):
            layout.addWidget(label)
        theme.sig_theme_changed.connect(lambda _key: self._restyle())
        self._restyle()
        self.show_item(None, 0.0, operator="", similar=1)

    def _restyle(self) -> None:
        t = self._theme.theme
        self.link.setStyleSheet(f"color: {t.warning};")
        self.reply.setStyleSheet(f"color: {t.ok if self._reply_ok else t.critical};")

    def _label(self, name: str, *, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def show_reply(self, text: str, *, ok: bool) -> None:
        """Show the edge's reply to our latest command on this request ("" hides it)."""
        self._reply_ok = ok
        self.reply.setText(("✓ " if ok else "✕ ") + text if text else "")
        self._restyle()
        self.reply.setVisible(bool(text))

    def _expired_text(self, item: AssistItem) -> str:
        """Say what the vehicle did with the fallback at the deadline, as the edge reported."""
        fallback = fallback_text(item.applied_fallback or "")
        result = item.fallback_result
        if result == "applied":
            return self.tr("Expired: the edge applied %1").replace("%1", fallback)
        if result == "already_stopped":
            return self.tr("Expired: %1 was due; the vehicle was already stopped").replace(
                "%1", fallback
            )
        if result == "not_applicable":
            return "✕ " + self.tr("Expired: %1 was NOT applied by the vehicle: %2").replace(
                "%1", fallback
            ).replace("%2", ltr(item.detail))
        return self.tr(
            "Expired: %1 was due (this edge node does not report what the vehicle did)"
        ).replace("%1", fallback)

    def show_item(
        self, item: AssistItem | None, now: float, *, operator: str, similar: int
    ) -> None:
        """Fill the pane from ``item`` at ``now`` (``None``: nothing selected)."""
        lang = self._language
        if item is None:
            self.title.setText(self.tr("No request selected. Press N for the next open request."))
            for label in (self.link, self.why, self.context, self.outcome, self.deadline):
                label.clear()
                label.hide()
            self.similar.hide()
            return
        for label in (self.why, self.context, self.outcome, self.deadline):
            label.show()
        if item.owner is None:
            owner = self.tr("nobody") if item.min_role != "supervisor" else self.tr("supervisors")
        elif item.owner == operator:
            owner = self.tr("me")
        else:
            owner = ltr(item.owner)
        state = state_text(item.state)
        if item.state == "claimed":
            state = self.tr("Claimed by %1").replace("%1", owner)
        elif item.state == "answered" and item.answer:
            state = (
                self.tr("Answered by %1: %2")
                .replace("%1", ltr(item.last_by or "—"))
                .replace("%2", answer_text(item.answer))
            )
        elif item.state == "expired" and item.applied_fallback:
            state = self._expired_text(item)
        self.title.setText(
            f"{criticality_text(item.criticality)} · "
            + self.tr("Vehicle %1").replace("%1", ltr(item.vehicle_id))
            + f" · {state}"
        )
        if item.link_down and item.is_open:
            self.link.setText(
                "⚠ "
                + self.tr(
                    "The link to edge node %1 is down: no claim or answer can reach it, and the "
                    "edge applies the fallback at the deadline."
                ).replace("%1", ltr(item.node_id))
            )
            self.link.show()
        else:
            self.link.hide()
        explanations = [*item.explanations, *[""] * len(item.reason_rules)]
        reasons = [
            "• " + rule_text(rule, english, lang.language, self.pack_texts) + f" {ltr(rule)}"
            for rule, english in zip(item.reason_rules, explanations, strict=False)
        ]
        self.why.setText(self.tr("Why:") + "\n" + "\n".join(reasons))
        c = item.context
        arabic = lang.language == "ar"
        self.context.setText(
            self.tr("Proposed: %1").replace("%1", action_text(item.action))
            + " · "
            + self.tr("speed %1 km/h").replace("%1", lang.number(c.speed_mps * 3.6, 0))
            + " · "
            + self.tr("load %1 t").replace("%1", lang.number(c.load_t, 0))
            + " · "
            + self.tr("perception %1 %").replace(
                "%1", lang.number(c.perception_confidence * 100, 0)
            )
            + "\n"
            + self.tr("Position: %1 m east, %2 m north · zone or place: %3")
            .replace("%1", lang.number(c.x, 0))
            .replace("%2", lang.number(c.y, 0))
            .replace("%3", feature_text(self._site, item.feature, arabic))
        )
        self.outcome.setText(
            self.tr(
                "Meanwhile the vehicle %1; with no answer by the deadline the edge applies: %2."
            )
            .replace("%1", hold_text(item.hold_behaviour))
            .replace("%2", fallback_text(item.fallback))
        )
        deadline = self.tr("Deadline %1 (%2)").replace("%1", lang.time_of_day(item.deadline))
        deadline = deadline.replace("%2", countdown_text(item.remaining_s(now), lang))
        owner_text = self.tr("owner: %1").replace("%1", owner)
        lease = item.lease_remaining_s(now)
        if lease is not None and item.state == "claimed":
            owner_text += " " + self.tr("(lease %1 s)").replace(
                "%1", lang.integer(max(0, int(lease)))
            )
        self.deadline.setText(f"{deadline} · {owner_text}")
        if similar > 1 and item.is_open:
            self.similar.setText(
                self.tr(
                    "%1 open requests are alike (same place, same reason): one answer can "
                    "resolve them all."
                ).replace("%1", lang.integer(similar))
            )
            self.similar.show()
        else:
            self.similar.hide()
