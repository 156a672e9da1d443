"""Test-wide settings: headless Qt, one time unit for async waits."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

TIMEOUT_FACTOR = float(os.environ.get("ATLASMESH_TEST_TIMEOUT_FACTOR", "1"))
MS = 0.001 * TIMEOUT_FACTOR
"""One millisecond of test timeout, scaled for slow machines."""
