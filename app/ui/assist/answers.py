"""The assist workspace's commands to the edge: claim, answer, release, transfer, and replies.

:class:`AssistAnswers` enables each command only when it can be valid (an open request on a
link that is up, claimed by this operator, a role that allows it, a zone to close or open),
sends it through :class:`~app.core.service.SiteService`, and shows the edge node's reply in
the detail pane: granted, owned by someone else, or refused with the reason.  A command that
cannot reach the edge (link down, no reply in time, not signed in) says so the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication

from app.core.errors import CoreError
from app.ui.assist.texts import answer_text, reply_reason
from app.ui.language import ltr
from edge.security.roles import Role
from maps.errors import UnknownFeatureError

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from app.core.assist import AssistItem
    from app.core.bus import AssistReply
    from app.core.service import SiteService
    from app.ui.assist.workspace import AssistWorkspace
    from maps.site import Site

REPLIES_MAX = 20_000
"""Replies remembered per request for the detail pane (the oldest is forgotten first)."""
OVERRIDE_MAX_MIN = {Role.ASSIST: 10, Role.SUPERVISOR: 60, Role.ADMIN: 60}
"""Longest override a role may give, minutes (the edge's ``AnswerPolicy`` limits)."""


class AssistAnswers:
    """Sends the workspace's commands and shows the edge's replies.

    Parameters
    ----------
    workspace
        Its selection, fields and detail pane.
    service
        Where the commands go.
    site
        To tell zones (closable) from other features.
    spawn
        Runs a command coroutine on the console's loop.
    """

    def __init__(
        self,
        workspace: AssistWorkspace,
        service: SiteService,
        site: Site,
        spawn: Callable[[Coroutine[Any, Any, Any]], object],
    ) -> None:
        self._ws = workspace
        self._service = service
        self._site = site
        self._spawn = spawn
        self.replies: dict[str, tuple[str, bool]] = {}
        """The latest reply text per request, and whether it was good news."""

    def role(self) -> Role | None:
        """Return the signed-in operator's role (``None``: not verified, insecure links)."""
        session = self._service.sessions.get(self._ws.operator)
        return None if session is None else session.role

    def zone_of(self, item: AssistItem) -> str | None:
        """Return the zone the request is about (``None`` when its feature is not a zone)."""
        if not item.feature:
            return None
        try:
            self._site.zone(item.feature)
        except UnknownFeatureError:
            return None
        return item.feature

    def update_actions(self) -> None:
        """Enable exactly the commands that can be valid for the selected request."""
        if not self._ws.commands:
            return
        item = self._ws.current_item()
        role = self.role()
        verified = role is not None
        open_ = item is not None and item.is_open and not item.link_down
        mine = open_ and item is not None and item.owner == self._ws.operator
        supervisor_only = item is not None and item.min_role == "supervisor"
        may_claim = not supervisor_only or (role is not None and role >= Role.SUPERVISOR)
        zone = None if item is None else self.zone_of(item)
        enabled = {
            "assist.next": len(self._ws.model.ids) > 0,
            "assist.down": len(self._ws.model.ids) > 0,
            "assist.up": len(self._ws.model.ids) > 0,
            "assist.claim": open_
            and item is not None
            and item.owner in (None, self._ws.operator)
            and may_claim,
            "assist.confirm": mine,
            "assist.deny": mine,
            "assist.hold": mine,
            "assist.safe_stop": mine,
            "assist.reroute": mine and self._service.dispatch is not None,
            "assist.override": mine and (role is None or role >= Role.ASSIST),
            "assist.close_zone": mine and zone is not None,
            "assist.open_zone": mine
            and zone is not None
            and verified
            and role is not None
            and role >= Role.SUPERVISOR,
            "assist.release": mine,
            "assist.transfer": mine,
        }
        for key, on in enabled.items():
            action = self._ws.commands[key]
            if action.isEnabled() != bool(on):
                action.setEnabled(bool(on))
        limit = OVERRIDE_MAX_MIN.get(role, 10) if role is not None else 10
        if self._ws.override_min.maximum() != limit:
            self._ws.override_min.setMaximum(limit)

    def _command(self, request_id: str, what: str, coro: Coroutine[Any, Any, AssistReply]) -> None:
        self.show_reply(
            request_id,
            QCoreApplication.translate(
                "AssistWorkspace", "%1: sent, waiting for the edge…"
            ).replace("%1", what),
            ok=True,
        )

        async def run() -> None:
            try:
                reply = await coro
            except (CoreError, ValidationError) as exc:
                text = QCoreApplication.translate(
                    "AssistWorkspace", "%1 did not reach the edge: %2"
                ).replace("%1", what)
                self.show_reply(
                    request_id, text.replace("%2", ltr(str(exc).splitlines()[0])), ok=False
                )
                return
            self._show_edge_reply(request_id, what, reply)

        self._spawn(run())

    def _show_edge_reply(self, request_id: str, what: str, reply: AssistReply) -> None:
        if reply.accepted:
            text = QCoreApplication.translate("AssistWorkspace", "%1: done").replace("%1", what)
            if reply.reason:
                text += f" ({reply_reason(reply.reason)})"
            self.show_reply(request_id, text, ok=True)
        elif reply.owner and reply.owner != self._ws.operator:
            self.show_reply(
                request_id,
                QCoreApplication.translate("AssistWorkspace", "%1 refused: %2 owns this request")
                .replace("%1", what)
                .replace("%2", ltr(reply.owner)),
                ok=False,
            )
        else:
            self.show_reply(
                request_id,
                QCoreApplication.translate("AssistWorkspace", "%1 refused by the edge: %2")
                .replace("%1", what)
                .replace("%2", reply_reason(reply.reason)),
                ok=False,
            )
        self.update_actions()

    def show_reply(self, request_id: str, text: str, *, ok: bool) -> None:
        """Remember ``text`` as the latest word on ``request_id``; show it if selected."""
        self.replies[request_id] = (text, ok)
        if len(self.replies) > REPLIES_MAX:
            self.replies.pop(next(iter(self.replies)))
        if request_id == self._ws.selected_id:
            self._ws.detail.show_reply(text, ok=ok)

    def claim(self) -> None:
        """Claim the selected request."""
        item = self._ws.current_item()
        if item is None:
            return
        self._command(
            item.request_id,
            QCoreApplication.translate("AssistWorkspace", "Claim"),
            self._service.assist_claim(item.request_id, operator=self._ws.operator),
        )

    def answer(self, kind: str) -> None:
        """Send answer ``kind`` for the selected request (and the similar ones if ticked)."""
        item = self._ws.current_item()
        if item is None:
            return
        ids: list[str] = []
        if self._ws.similar_box.isChecked() and kind != "open_zone":
            ids = [i.request_id for i in self._ws.queue.similar(item.request_id)]
        zone = self.zone_of(item)
        options: dict[str, Any] = {}
        if kind in ("close_zone", "open_zone"):
            options["zone_id"] = zone
        elif kind == "override":
            options["override_s"] = float(self._ws.override_min.value() * 60)
            options["waive_rules"] = list(item.reason_rules)
            if zone is not None and "core.release_zone" in item.reason_rules:
                options["zone_id"] = zone
        self._command(
            item.request_id,
            answer_text(kind),
            self._service.assist_answer(
                item.request_id,
                kind,
                operator=self._ws.operator,
                request_ids=ids if len(ids) > 1 else (),
                **options,
            ),
        )

    def send_route(
        self, item: AssistItem, number: int, waypoints: list[tuple[float, float]]
    ) -> None:
        """Answer ``item`` with the chosen route ``number`` (0-based) as reroute waypoints.

        A route is for one vehicle from where it is: it is never aggregated.
        """
        lang = self._ws.language
        self._command(
            item.request_id,
            QCoreApplication.translate("AssistWorkspace", "Route %1").replace(
                "%1", lang.integer(number + 1)
            ),
            self._service.assist_answer(
                item.request_id, "reroute", operator=self._ws.operator, waypoints=waypoints
            ),
        )

    def release(self) -> None:
        """Give the selected request back to the queue."""
        item = self._ws.current_item()
        if item is not None:
            self._command(
                item.request_id,
                QCoreApplication.translate("AssistWorkspace", "Release"),
                self._service.assist_release(item.request_id, operator=self._ws.operator),
            )

    def transfer(self) -> None:
        """Hand the selected request to the operator named in the field, or to supervisors."""
        item = self._ws.current_item()
        if item is None:
            return
        to = self._ws.transfer_to.text().strip() or None
        self._command(
            item.request_id,
            QCoreApplication.translate("AssistWorkspace", "Transfer"),
            self._service.assist_transfer(
                item.request_id,
                operator=self._ws.operator,
                to_operator=to,
                to_role="assist" if to else "supervisor",
            ),
        )
