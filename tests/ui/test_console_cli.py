"""``atlasmesh console --screenshot``: a real console on a simulated site, rendered offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshot_in_each_language(tmp_path: Path, lang: str) -> None:
    shot = tmp_path / f"console-{lang}.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATLASMESH_I18N_CACHE=str(tmp_path / "qm"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "console",
            "--screenshot",
            str(shot),
            "--lang",
            lang,
            "--vehicles",
            "12",
            "--settle",
            "2",
            "--size",
            "1280x800",
            "--data-dir",
            str(tmp_path / "data"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 800)


def test_bad_size_is_refused_with_the_expected_form(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "console", "--size", "big", "--screenshot", "x.png"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert "WIDTHxHEIGHT" in result.stderr


def test_an_unknown_panel_is_refused_with_the_panels_there_are(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATLASMESH_I18N_CACHE=str(tmp_path / "qm"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "console",
            "--screenshot",
            str(tmp_path / "x.png"),
            "--vehicles",
            "2",
            "--panel",
            "nosuch",
            "--data-dir",
            str(tmp_path / "data"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 2
    assert "no panel nosuch; the panels are:" in result.stderr
    assert "pack.mining.parameters_panel" in result.stderr
    assert not (tmp_path / "x.png").exists()
