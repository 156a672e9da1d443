"""Fixtures for the console's UI tests: a qasync loop, settings in a temp file, a console."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest
import qasync  # noqa: TID251 - UI tests drive the console's event loop
from PySide6.QtCore import QSettings  # noqa: TID251 - a UI test drives Qt

from app.core.service import SiteService
from app.ui.language import LanguageManager
from app.ui.main_window import ConsoleWindow
from app.ui.theme import ThemeManager
from edge.protocol.messages import (
    AssistRequest,
    AssistUpdate,
    TelemetrySample,
    VehicleInfo,
    VehicleMode,
    VehicleState,
)
from maps.site import default_site_path, load_site

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from PySide6.QtWidgets import QApplication  # noqa: TID251 - a UI test drives Qt
    from pytestqt.qtbot import QtBot

    from maps.site import Site

NOW = 1_800_000_000.0


@pytest.fixture(autouse=True)
def _i18n_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Compiled catalogues go to a per-session temp dir, never the user's cache.
    monkeypatch.setenv("ATLASMESH_I18N_CACHE", str(tmp_path_factory.getbasetemp() / "i18n"))


@pytest.fixture(scope="session")
def demo_site() -> Site:
    return load_site(default_site_path())


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    loop.run_until_complete(asyncio.sleep(0))
    loop.close()
    asyncio.set_event_loop(None)


def sample(
    vid: str,
    state: VehicleState = VehicleState.MOVING,
    t: float = NOW,
    faults: list[str] | None = None,
) -> TelemetrySample:
    return TelemetrySample(
        vehicle_id=vid,
        t=t,
        x=100.0,
        y=50.0,
        heading_deg=90.0,
        speed_mps=4.0,
        mode=VehicleMode.AUTONOMOUS,
        state=state,
        energy=0.8,
        faults=faults or [],
    )


def assist_request(
    rid: str,
    vid: str,
    *,
    criticality: str = "high",
    priority: int = 3,
    deadline: float = NOW + 120.0,
    rules: tuple[str, ...] = ("core.perception_low",),
    feature: str | None = None,
    key: str = "",
) -> AssistRequest:
    """An assist request as an edge node sends it (to feed a queue without a node)."""
    return AssistRequest(
        seq=1,
        ts=NOW,
        request_id=rid,
        vehicle_id=vid,
        reason_rules=list(rules),
        explanations=["Perception confidence is below 0.85: ask an operator."] * len(rules),
        priority=priority,
        criticality=criticality,  # type: ignore[arg-type]
        deadline=deadline,
        hold_behaviour="hold",
        fallback="safe_stop",
        context=sample(vid, VehicleState.ASSIST_NEEDED),
        history=[sample(vid, t=NOW - 10.0 + i) for i in range(10)],
        node_id="gw-1",
        created_at=NOW,
        action="start_task",
        feature=feature,
        aggregate_key=key,
    )


def answered(rid: str, vid: str, by: str = "op-test", answer: str = "confirm") -> AssistUpdate:
    """The edge's update once a request was answered."""
    return AssistUpdate(
        seq=2,
        ts=NOW,
        request_id=rid,
        vehicle_id=vid,
        state="answered",
        by=by,
        at=NOW,
        answer=answer,  # type: ignore[arg-type]
        detail=answer,
    )


def register(service: SiteService, node: str, ids: list[str]) -> None:
    service.fleet.register(
        node, [VehicleInfo(vehicle_id=v, vehicle_class="haul_truck") for v in ids]
    )


class Console:
    """A console window with its managers, over a service fed directly or by edge nodes."""

    def __init__(
        self, qapp: QApplication, site: Site, settings_path: Path, service: SiteService
    ) -> None:
        self.service = service
        self.clock = [NOW]
        self.settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        self.language = LanguageManager(qapp)
        self.theme = ThemeManager(qapp)
        self.window = ConsoleWindow(
            service,
            site,
            settings=self.settings,
            language=self.language,
            theme=self.theme,
            policy="core v1",
            operator="op-test",
            clock=lambda: self.clock[0],
        )
        self.window.resize(1400, 900)


@pytest.fixture
def make_console(
    qapp: QApplication,
    qtbot: QtBot,
    demo_site: Site,
    tmp_path: Path,
) -> Iterator[Callable[..., Console]]:
    made: list[Console] = []

    def make(service: SiteService | None = None, settings_name: str = "console.ini") -> Console:
        svc = service or SiteService(demo_site.site_id)
        console = Console(qapp, demo_site, tmp_path / settings_name, svc)
        qtbot.addWidget(console.window)
        made.append(console)
        return console

    yield make
    for console in made:
        console.language.set_language("en")
