"""Tele-assist on the edge: requests born from ESCALATE, claims, leases, answers, deadlines.

:class:`AssistDesk` is the node's arbiter (no I/O, no clock reads); :class:`AssistExchange`
wires it to the node's consoles and journal; :class:`AnswerPolicy`
bounds what an override may waive; :class:`FeatureLocator` names the site feature a request
is about, so similar requests can be answered together.  docs/assist.md describes the flow.
"""

from edge.assist.desk import (
    LEASE_S,
    AnswerResult,
    AssistDesk,
    ClaimResult,
    DeskEvent,
)
from edge.assist.exchange import AssistExchange
from edge.assist.features import FeatureLocator
from edge.assist.policy import AnswerPolicy

__all__ = [
    "LEASE_S",
    "AnswerPolicy",
    "AnswerResult",
    "AssistDesk",
    "AssistExchange",
    "ClaimResult",
    "DeskEvent",
    "FeatureLocator",
]
