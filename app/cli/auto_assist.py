"""A scripted tele-assist operator for the headless demo: claims and answers like a human would.

With no screen, nobody answers the demo's escalations; :class:`ScriptedOperator` does, through
the same :class:`~app.core.service.SiteService` calls the console's buttons use
(``assist_claim`` then ``assist_answer``), after a short think time, and prints each step so
the demo log shows the whole flow: escalate → claim → answer → the vehicle acts (or the edge's
fallback at the deadline when the answer came too late).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from app.core.bus import AssistChanged
from app.core.errors import CoreError

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.core.assist import AssistItem
    from app.core.identity import OperatorSession
    from app.core.service import SiteService

log = logging.getLogger(__name__)

THINK_S = 3.0
"""How long the scripted operator looks at a request before claiming it."""
ACT_CHECK_S = 3.0
"""How long after an answer the vehicle's state is reported (it should be moving again)."""
REMEMBERED = 10_000
"""Requests remembered (handled or reported); the oldest is forgotten first."""


class ScriptedOperator:
    """Claims every new open request and confirms it (see the module docstring).

    Parameters
    ----------
    service
        The demo's site service (its assist queue is watched on its bus).
    operator
        The signed-in session, or the operator's name on insecure links.
    answer
        The guidance given (``confirm``: the vehicle asks its governor again and goes on).
    think_s
        Delay between a request's arrival and the claim.
    say
        Where the demo's lines go (``print`` in the CLI).
    """

    def __init__(
        self,
        service: SiteService,
        operator: str | OperatorSession,
        *,
        answer: str = "confirm",
        think_s: float = THINK_S,
        say: Callable[[str], None],
    ) -> None:
        self._service = service
        self._operator = operator
        self._name = operator if isinstance(operator, str) else operator.operator
        self._answer = answer
        self._think_s = think_s
        self._say = say
        self._seen: OrderedDict[str, str] = OrderedDict()
        """Request id -> the last state reported."""
        self._tasks: set[asyncio.Task[Any]] = set()
        self.answered = 0
        self.expired = 0
        self._unsubscribe = service.bus.subscribe(AssistChanged, self._changed)

    def close(self) -> None:
        """Stop watching and cancel the claims in flight."""
        self._unsubscribe()
        for task in self._tasks:
            task.cancel()

    def _changed(self, event: AssistChanged) -> None:
        for request_id in event.request_ids:
            item = self._service.assist.get(request_id)
            if item is None or self._seen.get(request_id) == item.state:
                continue
            first = request_id not in self._seen
            self._seen[request_id] = item.state
            self._seen.move_to_end(request_id)
            while len(self._seen) > REMEMBERED:
                self._seen.popitem(last=False)
            self._report(item, first=first)
            if first and item.state == "offered":
                task = asyncio.ensure_future(self._handle(request_id))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    def _report(self, item: AssistItem, *, first: bool) -> None:
        if first and item.is_open:
            self._say(
                f"assist: {item.vehicle_id} escalated ({', '.join(item.reason_rules)}; "
                f"{item.criticality}, answer within {item.remaining_s(item.created_at):.0f} s, "
                f"else {item.fallback}) request {item.request_id}"
            )
        elif item.state == "expired":
            self.expired += 1
            done = item.detail or f"fallback {item.applied_fallback or item.fallback}"
            self._say(f"assist: {item.request_id} expired unanswered: {done} ({item.vehicle_id})")
        elif item.state in ("cleared", "withdrawn"):
            self._say(f"assist: {item.request_id} {item.state} ({item.vehicle_id})")

    async def _handle(self, request_id: str) -> None:
        await asyncio.sleep(self._think_s)
        item = self._service.assist.get(request_id)
        if item is None or item.state != "offered" or item.link_down:
            return
        try:
            claim = await self._service.assist_claim(request_id, operator=self._operator)
            if not claim.accepted:
                self._say(f"assist: claim of {request_id} refused: {claim.reason or claim.owner}")
                return
            self._say(f"assist: {self._name} claimed {request_id}")
            reply = await self._service.assist_answer(
                request_id, self._answer, operator=self._operator, note="demo operator"
            )
        except CoreError as exc:
            self._say(f"assist: {request_id} not answered: {exc}")
            return
        if not reply.accepted:
            self._say(f"assist: answer {self._answer} to {request_id} refused: {reply.reason}")
            return
        self.answered += 1
        self._say(f"assist: {self._name} answered {self._answer} to {request_id}")
        await asyncio.sleep(ACT_CHECK_S)
        record = self._service.fleet.get(item.vehicle_id)
        if record is not None and record.sample is not None:
            self._say(
                f"assist: {item.vehicle_id} acted on the answer: now "
                f"{record.sample.state.value}, {record.sample.speed_mps * 3.6:.0f} km/h"
            )
