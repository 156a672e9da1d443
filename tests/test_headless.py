"""The headless core never imports Qt: edge/, maps/, plugins/, sectors/ (but ui), app/core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADLESS = ("edge", "maps", "plugins", "sectors", "app/core", "app/cli")
QT_MODULES = ("PySide6", "shiboken6", "qasync", "pyqtgraph")


def headless_modules() -> list[str]:
    modules = []
    for top in HEADLESS:
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[0] == "sectors" and parts[-1] == "ui":
                continue  # a pack's console panels: the only Qt a pack may have
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules.append(".".join(parts))
    return modules


def test_there_are_headless_modules() -> None:
    assert len(headless_modules()) > 20


def test_no_qt_in_headless_modules() -> None:
    modules = headless_modules()
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt imported by the headless core: {result.stdout}"


def test_the_fence_can_fail() -> None:
    """Guard against a test that cannot fail: Qt imported in the child must be reported."""
    result = subprocess.run(
        [sys.executable, "-c", "import PySide6.QtCore, sys; print('PySide6' in sys.modules)"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.stdout.strip() == "True"
