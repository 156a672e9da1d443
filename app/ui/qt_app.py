"""The console's composition root: QApplication, qasync loop, excepthook, SIGINT, translators.

PySide6 is imported before qasync (``QT_API=pyside6``), the site service runs on the qasync
loop in the GUI thread (its handlers are short and never block), and the simulated edge
nodes run on a thread of their own (see :class:`app.cli.console.SimSite`).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.ui.language import LanguageManager
from app.ui.main_window import ConsoleWindow
from app.ui.pack_panels import add_pack_panels
from app.ui.panels.operator import add_operator_panel
from app.ui.theme import ThemeManager
from edge.heap import freeze_startup_heap, widen_young_generation

if TYPE_CHECKING:
    from types import TracebackType

    from app.cli.console import ConsoleOptions, SimSite
    from app.core.service import SiteService

log = logging.getLogger(__name__)
ORGANISATION = "AtlasMesh"
APPLICATION = "Console"


def application(argv: list[str] | None = None) -> QApplication:
    """Return the process's QApplication, creating it with the console's identity."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("AtlasMesh")
    return app


def install_excepthook() -> None:
    """Log uncaught exceptions (qasync routes slot errors here) instead of aborting."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught exception in the console", exc_info=(kind, value, tb))

    sys.excepthook = hook


def build_window(
    service: SiteService,
    sim_site: Any,
    options: ConsoleOptions,
    settings: QSettings,
    app: QApplication,
) -> ConsoleWindow:
    """Create the language and theme managers and the main window, with the options applied."""
    language = LanguageManager(app, app)
    theme = ThemeManager(app, app)
    window = ConsoleWindow(
        service,
        sim_site.site,
        settings=settings,
        language=language,
        theme=theme,
        policy=sim_site.policy,
        # On secure links commands carry the signed-in operator; --operator only when insecure.
        operator=sim_site.operator or options.operator,
    )
    if service.identity is not None:  # operator accounts exist: sign in and out here
        add_operator_panel(window, service)
    if sim_site.packs is not None:
        add_pack_panels(window, sim_site.packs)
        window.assist_panel.set_pack_texts(sim_site.packs.contributions.translations)
    if options.theme is not None:
        window.set_theme(options.theme)
    if options.scale is not None:
        theme.set_scale(options.scale)
    if options.lang is not None:
        language.set_language(options.lang)
    if options.arabic_digits:
        language.set_arabic_digits(True)
        window.actions_registry.get("language.digits").setChecked(True)
    window.resize(*options.size)
    return window


async def _run(app: QApplication, options: ConsoleOptions, sim: SimSite) -> int:
    service = await sim.start()
    if options.screenshot is not None:
        # A screenshot shows the default layout and preferences, whatever this user saved.
        ini = Path(tempfile.mkdtemp(prefix="atlasmesh-shot-")) / "console.ini"
        settings = QSettings(str(ini), QSettings.Format.IniFormat)
    else:
        settings = QSettings(ORGANISATION, APPLICATION)
    window = build_window(service, sim, options, settings, app)
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    window.show()
    window.start()
    if options.assist:
        window.show_assist_workspace()
    freeze_startup_heap()  # site, map caches, models: keep full collections off the frames
    widen_young_generation()  # a telemetry frame's samples must not trigger collections
    try:
        docks = window.panels()
        unknown = [key for key in options.panels if key not in docks]
        if unknown:
            log.error("no panel %s; the panels are: %s", ", ".join(unknown), ", ".join(docks))
            return 2
        for key in options.panels:
            docks[key].show()
            docks[key].raise_()
        if options.screenshot is not None:
            await asyncio.sleep(options.settle_s)
            if options.select:
                window.select_vehicle(options.select)
            if options.assist:
                window.assist_panel.select_next()
            await asyncio.sleep(0.2)  # let the loop paint what changed (never processEvents here)
            options.screenshot.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(options.screenshot), "PNG"):
                log.error("could not write the screenshot to %s", options.screenshot)
                return 1
            return 0
        wait = asyncio.ensure_future(closed.wait())
        await asyncio.wait([wait], timeout=options.duration_s)
        wait.cancel()
        return 0
    finally:
        if options.screenshot is None:
            window.save_layout()
        window.stop()
        window.hide()
        await sim.stop()


def run_console(options: ConsoleOptions, sim: SimSite) -> int:
    """Run the console on ``sim`` until its window closes; return the exit code."""
    app = application()
    install_excepthook()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    # Ctrl+C in the terminal closes the console cleanly.
    signal.signal(signal.SIGINT, lambda *_: app.closeAllWindows())
    with loop:
        return int(loop.run_until_complete(_run(app, options, sim)))
