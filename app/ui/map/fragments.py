"""A numpy-backed array of ``QPainter.PixmapFragment`` for one-call batched glyph drawing.

PySide's ``QPainter.drawPixmapFragments`` takes a pointer to the first element of a C array
of fragments and a count.  A fragment is ten doubles (x, y, sourceLeft, sourceTop, width,
height, scaleX, scaleY, rotation, opacity), so a ``(n, 10)`` float64 array has the same
layout; we fill it with numpy and hand Qt a pointer into it.  The same technique is used by
pyqtgraph's scatter plot (``pyqtgraph.Qt.internals.PrimitiveArray``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shiboken6
from PySide6.QtGui import QPainter, QPixmap

if TYPE_CHECKING:
    import numpy.typing as npt

FIELDS = 10
"""Doubles per ``QPainter.PixmapFragment``."""


class FragmentArray:
    """Growable storage for pixmap fragments, drawn in one call."""

    def __init__(self) -> None:
        self._array: npt.NDArray[np.float64] = np.zeros((0, FIELDS), dtype=np.float64)
        self._size = 0

    def resize(self, size: int) -> npt.NDArray[np.float64]:
        """Make room for ``size`` fragments and return the ``(size, 10)`` view to fill."""
        if size > self._array.shape[0]:
            self._array = np.zeros(
                (max(size, 2 * self._array.shape[0], 64), FIELDS), dtype=np.float64
            )
        self._size = size
        return self._array[:size]

    def draw(self, painter: QPainter, pixmap: QPixmap) -> None:
        """Draw the filled fragments from ``pixmap`` (nothing when empty)."""
        if self._size == 0:
            return
        first = shiboken6.wrapInstance(self._array.ctypes.data, QPainter.PixmapFragment)
        # The stubs type the first argument as a single fragment; it is the array's first.
        painter.drawPixmapFragments(first, self._size, pixmap)  # type: ignore[arg-type]
