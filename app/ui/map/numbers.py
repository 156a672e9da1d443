"""Numbers and times as the console shows them: Latin digits, or Arabic-Indic on request.

Qt's Arabic locales write Arabic-Indic digits unconditionally, while the console makes them an
operator's option (``LanguageManager.set_arabic_digits``); so numbers are formatted with Latin
digits and thousands separators and the digits mapped when the option is on — the same rule as
the shell's ``LanguageManager.number``.  Vehicle ids never pass through here: they keep their
own digits.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QLocale

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """How the map and the table write numbers.

    Attributes
    ----------
    arabic_digits
        Write ٠١٢٣٤٥٦٧٨٩ instead of 0123456789.
    """

    arabic_digits: bool = False

    def _digits(self, text: str) -> str:
        return text.translate(ARABIC_INDIC) if self.arabic_digits else text

    def integer(self, value: int) -> str:
        """Return an integer with thousands grouping."""
        return self._digits(f"{value:,d}")

    def decimal(self, value: float, places: int) -> str:
        """Return a number with ``places`` decimals and thousands grouping."""
        return self._digits(f"{value:,.{places}f}")

    def clock(self, at: float) -> str:
        """Return a wall-clock time (seconds since the epoch) as ``HH:mm:ss``, local time."""
        return self._digits(QDateTime.fromMSecsSinceEpoch(round(at * 1000)).toString("HH:mm:ss"))


def arabic_ui() -> bool:
    """Return whether the console speaks Arabic (the language manager sets the default locale)."""
    return QLocale().language() == QLocale.Language.Arabic
