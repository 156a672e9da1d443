"""Themes (dark, light, high contrast), font scaling and the bundled font with Arabic glyphs.

Colours carry meaning in the console (vehicle and alert states), but never alone: every state
also has a text and a shape (see :data:`STATE_SHAPES`).  Focus is always visible: a thick
outline in the theme's focus colour on whatever widget has the keyboard.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT_FAMILY = "DejaVu Sans"
"""Bundled with the console (``resources/fonts``): Latin and Arabic glyphs in one family."""
BASE_POINT_SIZE = 10.0
SCALES = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
THEMES = ("dark", "light", "high_contrast")


@dataclass(frozen=True, slots=True)
class Theme:
    """The colours of one theme."""

    key: str
    window: str
    panel: str
    text: str
    muted: str
    accent: str
    focus: str
    border: str
    critical: str
    warning: str
    ok: str
    header: str


THEME_COLOURS = {
    "dark": Theme(
        "dark",
        "#0f141a",
        "#161d25",
        "#e6edf3",
        "#8b98a5",
        "#3d9bff",
        "#ffd400",
        "#2a3440",
        "#ff4d4f",
        "#ffb020",
        "#3ccf7a",
        "#1d2631",
    ),
    "light": Theme(
        "light",
        "#eef1f5",
        "#ffffff",
        "#14181d",
        "#56606b",
        "#0b62d6",
        "#c25e00",
        "#c4ccd6",
        "#c4161c",
        "#a35b00",
        "#167a3e",
        "#e2e7ee",
    ),
    "high_contrast": Theme(
        "high_contrast",
        "#000000",
        "#000000",
        "#ffffff",
        "#ffffff",
        "#00e5ff",
        "#ffff00",
        "#ffffff",
        "#ff3b3b",
        "#ffd000",
        "#00ff66",
        "#000000",
    ),
}


def load_bundled_fonts() -> list[str]:
    """Register the fonts under ``resources/fonts``; return the families Qt now knows.

    A freshly installed machine may have no fonts at all; the bundled family guarantees
    Arabic glyphs whatever the system has.
    """
    families: list[str] = []
    for path in sorted(FONTS_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("font %s could not be loaded; Arabic may render as boxes", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


def stylesheet(t: Theme) -> str:
    """Return the application stylesheet for theme ``t``.

    Colours come from the palette (Fusion style); the stylesheet only adds what a palette
    cannot say: focus outlines, dock titles, command buttons and banners.  It deliberately has
    no rule for item views or ``*``: a stylesheet rule matching a table sends every cell
    through Qt's slow stylesheet painter, and the fleet table repaints thousands per second.
    """
    return f"""
    QDockWidget::title {{ background: {t.header}; padding: 4px 8px; border-bottom: 1px solid
        {t.border}; }}
    QAbstractButton:focus, QLineEdit:focus, QComboBox:focus, QAbstractItemView:focus,
    QAbstractScrollArea:focus {{ border: 2px solid {t.focus}; }}
    QPushButton:checked, QToolButton:checked {{ background: {t.accent}; color: #ffffff;
        border: 1px solid {t.accent}; border-radius: 3px; padding: 3px 8px; }}
    QStatusBar QLabel {{ padding: 0 8px; }}
    QLabel[role="muted"] {{ color: {t.muted}; }}
    QFrame[role="confirm"] {{ background: {t.warning}; }}
    QFrame[role="confirm"] QLabel {{ background: transparent; color: #000000;
        font-weight: bold; }}
    QFrame[role="critical"] {{ background: {t.critical}; }}
    QFrame[role="critical"] QLabel {{ background: transparent; color: #ffffff;
        font-weight: bold; }}
    QToolButton[role="estop"] {{ background: {t.critical}; color: #ffffff; font-weight: bold;
        border: 2px solid #ffffff; border-radius: 3px; padding: 6px 14px; }}
    QToolButton[role="estop"]:focus {{ border: 3px solid {t.focus}; }}
    QToolButton[role="resume"] {{ background: {t.ok}; color: #000000; font-weight: bold;
        border: 1px solid {t.border}; border-radius: 3px; padding: 6px 14px; }}
    QToolButton[role="resume"]:focus {{ border: 3px solid {t.focus}; }}
    QPushButton[role="danger"] {{ background: {t.critical}; color: #ffffff; font-weight: bold;
        border: 2px solid #ffffff; border-radius: 3px; padding: 4px 14px; }}
    QPushButton[role="go"] {{ background: {t.ok}; color: #000000; font-weight: bold;
        border: 2px solid #000000; border-radius: 3px; padding: 4px 14px; }}
    QPushButton[role="danger"]:focus, QPushButton[role="go"]:focus {{
        border: 3px solid {t.focus}; }}
    QFrame[role="palette"] {{ background: {t.panel}; border: 2px solid {t.accent}; }}
    """


class ThemeManager(QObject):
    """Applies a theme and a font scale to the whole application.

    Parameters
    ----------
    app
        The application to style.
    parent
        Owner.
    """

    sig_theme_changed = Signal(str)
    """The theme changed (``dark``, ``light`` or ``high_contrast``)."""
    sig_scale_changed = Signal(float)
    """The font scale changed (widgets with their own font sizes follow it)."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        # Fusion draws everything from the palette, identically on every platform.
        app.setStyle("Fusion")
        self.families = load_bundled_fonts()
        self.theme = THEME_COLOURS["dark"]
        self.scale = 1.0

    def set_theme(self, key: str) -> None:
        """Switch to theme ``key``.

        Raises
        ------
        ValueError
            For an unknown theme.
        """
        if key not in THEME_COLOURS:
            raise ValueError(f"theme {key!r} is unknown; choose one of {', '.join(THEMES)}")
        t = self.theme = THEME_COLOURS[key]
        pal = QPalette()
        roles = {
            QPalette.ColorRole.Window: t.window,
            QPalette.ColorRole.WindowText: t.text,
            QPalette.ColorRole.Base: t.panel,
            QPalette.ColorRole.AlternateBase: t.header,
            QPalette.ColorRole.Text: t.text,
            QPalette.ColorRole.Button: t.header,
            QPalette.ColorRole.ButtonText: t.text,
            QPalette.ColorRole.Highlight: t.accent,
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: t.panel,
            QPalette.ColorRole.ToolTipText: t.text,
            QPalette.ColorRole.PlaceholderText: t.muted,
        }
        for role, colour in roles.items():
            pal.setColor(role, QColor(colour))
        self._app.setPalette(pal)
        self._app.setStyleSheet(stylesheet(t))
        self.sig_theme_changed.emit(key)

    def set_scale(self, scale: float) -> None:
        """Scale every font by ``scale`` (1.0 = 10 pt), clamped to the offered steps."""
        self.scale = min(max(scale, SCALES[0]), SCALES[-1])
        font = QFont(FONT_FAMILY if FONT_FAMILY in self.families else self._app.font().family())
        font.setPointSizeF(BASE_POINT_SIZE * self.scale)
        self._app.setFont(font)
        self.sig_scale_changed.emit(self.scale)

    def step_scale(self, steps: int) -> None:
        """Move ``steps`` along :data:`SCALES` (positive: bigger)."""
        nearest = min(range(len(SCALES)), key=lambda i: abs(SCALES[i] - self.scale))
        self.set_scale(SCALES[min(max(nearest + steps, 0), len(SCALES) - 1)])
