"""Runtime language: catalogues, layout direction, locale formatting, Arabic-Indic digits.

Catalogues are the ``.ts`` sources in ``i18n/`` (the console's and each sector pack's).  They
are compiled to ``.qm`` with Qt's ``lrelease`` on first use, into a cache directory under a
name that carries the source's content hash: binaries are never committed, a source edit shows
up on the next start, and two checkouts (or versions) of the console sharing one cache never
load each other's catalogue.  Switching language installs the new translators
(Qt then sends ``LanguageChange`` to every widget, which re-translates itself) and flips the
application's layout direction; nothing restarts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QObject,
    QStandardPaths,
    Qt,
    QTranslator,
    Signal,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
I18N_DIRS = (ROOT / "i18n", *sorted((ROOT / "sectors").glob("*/i18n")))
"""Where ``<catalogue>_<lang>.ts`` sources live: the console's, then each pack's."""
LANGUAGES = ("en", "ar")
ARABIC_DIGITS = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")
LRI, PDI = "\u2066", "\u2069"
ISLAND = re.compile(f"({LRI}[^{PDI}]*{PDI})")
"""A left-to-right island: a vehicle id, an address, a code (see :func:`ltr`)."""


def ltr(text: str) -> str:
    """Wrap ``text`` (an id, a URL, a coordinate) as a left-to-right island in any direction."""
    return f"{LRI}{text}{PDI}"


@dataclass(frozen=True, slots=True)
class CatalogueError(Exception):
    """A translation catalogue could not be compiled or loaded."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return (
            f"translation catalogue {self.path}: {self.reason}. The console stays in English; "
            "check that PySide6's lrelease is installed (pip install PySide6-Essentials)."
        )


def lrelease_path() -> Path:
    """Return Qt's ``lrelease`` executable shipped inside the PySide6 wheel."""
    return Path(PySide6.__file__).parent / "lrelease"


def cache_dir() -> Path:
    """Where compiled catalogues go (``ATLASMESH_I18N_CACHE`` overrides, for tests)."""
    override = os.environ.get("ATLASMESH_I18N_CACHE")
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(base or Path.home() / ".cache") / "atlasmesh" / "i18n"


def compile_catalogue(source: Path, target_dir: Path) -> Path:
    """Compile ``source`` (.ts) into ``target_dir`` unless this exact source was compiled before.

    The catalogue is named after the source's stem and a hash of its content, so a cache
    shared by several checkouts or versions (the default one is per user) never serves a
    catalogue compiled from another text; it is written under a temporary name and renamed,
    so processes compiling the same source at once never read a half-written file.
    """
    target_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = target_dir / f"{source.stem}-{digest}.qm"
    if target.exists():
        return target
    tool = lrelease_path()
    if not tool.exists():
        raise CatalogueError(source, f"lrelease not found at {tool}")
    partial = target.with_name(f"{target.stem}.{os.getpid()}.partial.qm")
    result = subprocess.run(
        [str(tool), "-silent", str(source), "-qm", str(partial)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if result.returncode != 0 or not partial.exists():
        partial.unlink(missing_ok=True)
        raise CatalogueError(source, f"lrelease failed: {result.stderr.strip() or result.stdout}")
    os.replace(partial, target)
    return target


def catalogues(lang: str) -> list[Path]:
    """Return the ``.ts`` sources for ``lang`` (console first, then sector packs)."""
    return [p for d in I18N_DIRS for p in sorted(d.glob(f"*_{lang}.ts"))]


class LanguageManager(QObject):
    """Owns the installed translators, the layout direction and number/date formatting.

    Parameters
    ----------
    app
        The application to install translators on.
    parent
        Owner.
    """

    sig_language_changed = Signal(str)
    """The language changed (argument: ``en`` or ``ar``); widgets also get LanguageChange."""
    sig_digits_changed = Signal(bool)
    """Arabic-Indic digits were switched on or off."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._translators: list[QTranslator] = []
        self.language = "en"
        self.arabic_digits = False
        self.locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)

    # ------------------------------------------------------------------ switching

    def set_language(self, lang: str) -> None:
        """Install ``lang``'s catalogues and direction; re-translation follows by itself.

        Raises
        ------
        ValueError
            For a language the console has no catalogue for.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"language {lang!r} is not available; choose one of {LANGUAGES}")
        removed = bool(self._translators)
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = []
        if lang != "en":
            for source in catalogues(lang):
                try:
                    qm = compile_catalogue(source, cache_dir())
                except CatalogueError as exc:
                    log.error("%s", exc)
                    continue
                translator = QTranslator(self)
                if translator.load(str(qm)):
                    self._app.installTranslator(translator)
                    self._translators.append(translator)
                else:
                    log.error("%s", CatalogueError(qm, "Qt could not load it"))
        self.language = lang
        if lang == "ar":
            # Gulf Arabic conventions (UAE): Arabic month names, Latin digits unless asked.
            self.locale = QLocale(QLocale.Language.Arabic, QLocale.Country.UnitedArabEmirates)
            self._app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        else:
            self.locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
            self._app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        QLocale.setDefault(self.locale)
        if not self._translators and not removed:
            # Installing or removing a translator sends LanguageChange; otherwise send it.
            QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        # Qt posts LanguageChange to the windows; deliver it now so that, when this returns,
        # every widget speaks the new language (and an assertion or a screenshot sees it).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.sig_language_changed.emit(lang)

    def set_arabic_digits(self, on: bool) -> None:
        """Show digits as ٠١٢٣٤٥٦٧٨٩ (only while the language is Arabic)."""
        self.arabic_digits = on
        self.sig_digits_changed.emit(on)

    # ------------------------------------------------------------------ formatting

    def digits(self, text: str) -> str:
        """Apply the digit option to formatted text; ids inside LTR islands keep theirs."""
        if self.language == "ar" and self.arabic_digits:
            parts = ISLAND.split(text)  # odd indices are the islands themselves
            return "".join(p if i % 2 else p.translate(ARABIC_DIGITS) for i, p in enumerate(parts))
        return text

    def number(self, value: float, decimals: int = 0) -> str:
        """Format a number for the current locale, grouping thousands."""
        # Qt's Arabic locales write Arabic-Indic digits by default; the option decides, so
        # format with the C locale's digits and separators mapped by hand.
        text = f"{value:,.{decimals}f}"
        return self.digits(text)

    def integer(self, value: int) -> str:
        """Format an integer with grouping."""
        return self.digits(f"{value:,d}")

    def time_of_day(self, at: float) -> str:
        """Format a wall-clock time (HH:MM:SS, 24 h) in the current locale."""
        stamp = QDateTime.fromMSecsSinceEpoch(round(at * 1000))
        return self.digits(stamp.toString("HH:mm:ss"))

    def date_time(self, at: float) -> str:
        """Format a date and time with the locale's month names (e.g. ``24 نوفمبر 2026``)."""
        stamp = QDateTime.fromMSecsSinceEpoch(round(at * 1000))
        text = self.locale.toString(stamp, "d MMMM yyyy  HH:mm:ss")
        # The Arabic locale may already use Arabic-Indic digits; normalise, then apply option.
        return self.digits(text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
