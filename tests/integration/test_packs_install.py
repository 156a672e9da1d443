"""A scaffolded pack, installed with pip into a temporary directory, passes its own tests
(the contract kit among them) without edits, and the host discovers it by its entry point.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.scaffold import new_pack

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _pip_install(project: Path, target: Path) -> None:
    """Install ``project`` into ``target`` without touching the project's environment.

    ``--no-deps``: AtlasMesh and its dependencies come from this environment. The build runs
    without isolation when this environment can build wheels; otherwise pip fetches the build
    backend into an isolated build environment from the configured index.
    """
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
    if importlib.util.find_spec("wheel") is not None:
        cmd.append("--no-build-isolation")
    result = subprocess.run(
        [*cmd, str(project)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _env(target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(target), str(ROOT)])
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("pack")
    project = new_pack("quarry_probe", base)
    target = base / "site-packages"
    _pip_install(project, target)
    return project, target


def test_installed_scaffold_passes_its_tests_without_edits(installed: tuple[Path, Path]) -> None:
    project, target = installed
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(project),
            "-c",
            str(project / "pyproject.toml"),
            str(project / "tests"),
        ],
        cwd=target,
        env=_env(target),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout


def test_host_discovers_the_installed_pack_by_entry_point(installed: tuple[Path, Path]) -> None:
    _, target = installed
    script = (
        "import json\n"
        "from plugins import PackManager\n"
        "m = PackManager(); m.discover(); m.collect()\n"
        "s = m.status('quarry_probe')\n"
        "print(json.dumps({'state': s.state, 'source': s.source, "
        "'module': __import__('atlasmesh_quarry_probe').__file__, 'rules': s.counts['rules']}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=target.parent,
        env=_env(target),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["state"] == "active"
    assert found["source"] == "entry point quarry_probe = atlasmesh_quarry_probe"
    assert found["module"].startswith(str(target))  # the installed copy, not the project
    assert found["rules"] == 1
