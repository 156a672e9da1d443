"""The assist workspace's route choice: the dispatcher's Pareto routes, answered as a reroute.

``R`` on a request this operator owns opens the dispatch route chooser
(:class:`~app.ui.dispatch.chooser.RouteChooserPanel`) inside the workspace, for the request's
vehicle and its current destination (where the route the dispatcher gave it ends; otherwise
the operator picks one).  The site's embedded dispatcher offers the non-dominated routes
(time, energy, risk) from where the vehicle is, side by side; the selected one is previewed
in the map inset.  Enter sends it as the request's ``reroute`` answer: every road node of the
route after the vehicle's, as waypoints.  The edge node's governor re-checks the route
(closed zones, no-go rules) and refuses it with the reason, shown in the detail pane like any
other reply; otherwise the vehicle takes it and asks its governor again before moving.  Esc
closes the chooser and gives the keyboard back to the queue.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from typing_extensions import override

from app.ui.dispatch.chooser import RouteChooserPanel
from edge.protocol.messages import AssistAnswer

if TYPE_CHECKING:
    from app.core.assist import AssistItem
    from app.ui.assist.workspace import AssistWorkspace
    from app.ui.language import LanguageManager
    from app.ui.theme import ThemeManager
    from maps.site import Site

log = logging.getLogger(__name__)

MAX_WAYPOINTS = AssistAnswer.model_fields["waypoints"].metadata[0].max_length
"""Waypoints an answer carries at most (the protocol's bound)."""
ROUTE_KEYS = frozenset(
    {
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Escape,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Space,
    }
)
"""Keys the chooser keeps while it has the keyboard (Enter sends the route, not a
confirmation); every other workspace key still acts on the selected request."""


class AssistRoutes(QObject):
    """The route chooser of the assist workspace (see the module docstring)."""

    def __init__(
        self,
        workspace: AssistWorkspace,
        site: Site,
        language: LanguageManager,
        theme: ThemeManager,
    ) -> None:
        super().__init__(workspace)
        self._ws = workspace
        self._site = site
        self.panel = RouteChooserPanel(site, language, theme, workspace)
        self.panel.setObjectName("assist.routes")
        self.panel.hide()
        self.request_id: str | None = None
        """The request the routes on show are for."""
        self.preview: tuple[tuple[float, float], ...] = ()
        """The selected route's polyline (drawn in the inset), or empty."""
        self.panel.sig_find.connect(self.find)
        self.panel.sig_send.connect(self.send)
        self.panel.sig_preview.connect(self._preview)
        self.panel.destination.activated.connect(lambda _i: self.panel.find_routes())
        self.panel.table.installEventFilter(self)
        self.panel.destination.installEventFilter(self)

    def is_open(self) -> bool:
        """Whether the chooser is showing."""
        return not self.panel.isHidden()

    def destination_of(self, item: AssistItem) -> str | None:
        """Return where the vehicle is heading: the end of its dispatched route, if any."""
        dispatch = self._ws.service.dispatch
        assigned = None if dispatch is None else dispatch.route_of(item.vehicle_id)
        if assigned is None or not assigned.polyline:
            return None
        x, y = assigned.polyline[-1]
        node = self._site.graph.nearest_node(x, y)
        return next((p.id for p in self._site.pois if p.node == node), None)

    def open(self, item: AssistItem) -> None:
        """Show the routes for ``item``'s vehicle to its destination; give them the keyboard."""
        panel = self.panel
        panel.set_available(self._ws.service.dispatch is not None)
        if self.request_id != item.request_id:
            self.request_id = item.request_id
            panel.set_vehicle(None)  # clears the routes shown for another request
            panel.set_vehicle(item.vehicle_id)
            destination = self.destination_of(item)
            if destination is not None:
                panel.set_destination(destination)
        panel.show()
        panel.find_routes()
        panel.table.setFocus()

    def close(self) -> None:
        """Hide the chooser and give the keyboard back to the queue."""
        if self.is_open():
            self.panel.hide()
        if self.preview:
            self.preview = ()
            self._ws.refresh_inset()
        self._ws.table.setFocus()

    def follow_selection(self, request_id: str | None) -> None:
        """Close the chooser when the operator moves to another request."""
        if self.is_open() and request_id != self.request_id:
            self.close()

    def find(self, vehicle_id: str, destination: str) -> None:
        """Ask the site's dispatcher for the Pareto routes and show them side by side."""
        dispatch = self._ws.service.dispatch
        if dispatch is not None:
            self.panel.offer(
                lambda: dispatch.route_choices(vehicle_id, destination), vehicle_id, destination
            )

    def send(self, index: int) -> None:
        """Answer the request with route ``index``: its road nodes as reroute waypoints."""
        item = None if self.request_id is None else self._ws.queue.get(self.request_id)
        choices = self.panel.choices
        if item is None or not 0 <= index < len(choices):
            return
        if not self._ws.commands["assist.reroute"].isEnabled():
            self.panel.say(
                QCoreApplication.translate(
                    "AssistWorkspace", "Claim the request first: only its owner may answer."
                ),
                True,
            )
            return
        route = choices[index].route
        xy = self._site.graph.node_xy
        waypoints = [(float(xy[n][0]), float(xy[n][1])) for n in route.nodes[1:]]
        if not waypoints:
            waypoints = [(float(xy[route.nodes[0]][0]), float(xy[route.nodes[0]][1]))]
        if len(waypoints) > MAX_WAYPOINTS:
            self.panel.say(
                QCoreApplication.translate(
                    "AssistWorkspace", "This route has %1 road nodes; an answer carries at most %2."
                )
                .replace("%1", self._ws.language.integer(len(waypoints)))
                .replace("%2", self._ws.language.integer(MAX_WAYPOINTS)),
                True,
            )
            return
        self._ws.answers.send_route(item, index, waypoints)
        self.close()

    def _preview(self, index: int) -> None:
        choices = self.panel.choices
        line = choices[index].route.polyline if 0 <= index < len(choices) else ()
        self.preview = tuple((float(x), float(y)) for x, y in line)
        self._ws.refresh_inset()

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        if watched is self.panel.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.panel.send()
            return True
        return False
