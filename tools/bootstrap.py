#!/usr/bin/env python3
"""Set up a virtual environment for AtlasMesh and run the demo or the test suite.

Only the Python standard library is used here, so this runs on a fresh machine that has
nothing but Python 3.11+.  The environment lives in ``.venv`` at the repository root (or in
``$ATLASMESH_VENV``) and is rebuilt only when ``pyproject.toml`` changes.

Usage::

    python3 tools/bootstrap.py demo [demo options...]   # set up, then run the simulated site
    python3 tools/bootstrap.py test [pytest options...] # set up, then lint, type-check, test
    python3 tools/bootstrap.py setup                    # set up only
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_PYTHON = (3, 11)


def _venv_dir() -> Path:
    return Path(os.environ.get("ATLASMESH_VENV", ROOT / ".venv"))


def _bin(name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    return _venv_dir() / sub / name


def _stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def setup() -> None:
    """Create or reuse the virtual environment and install the project with its extras."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"AtlasMesh needs Python {'.'.join(map(str, MIN_PYTHON))}+, this is {sys.version}")
    stamp_file = _venv_dir() / ".atlasmesh-stamp"
    if stamp_file.exists() and stamp_file.read_text() == _stamp() and _bin("atlasmesh").exists():
        return
    print(f"[bootstrap] preparing {_venv_dir()} (first run or pyproject.toml changed)", flush=True)
    if not _bin("python").exists():
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(_venv_dir())
    pip: list[str | Path] = [
        _bin("python"),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-q",
    ]
    if _run(*pip, "--upgrade", "pip") != 0:
        sys.exit("[bootstrap] could not upgrade pip in the virtual environment")
    if _run(*pip, "-e", f"{ROOT}[dev]") != 0:
        sys.exit("[bootstrap] installing the project failed; see pip's message above")
    stamp_file.write_text(_stamp())
    print("[bootstrap] environment ready", flush=True)


def _test_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_API", "pyside6")
    return env


def _workers(pytest_args: list[str]) -> list[str]:
    """Spread the tests over the cores (``ATLASMESH_TEST_WORKERS``, or up to 4; 0 = in-process)."""
    if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in pytest_args):
        return []
    workers = os.environ.get("ATLASMESH_TEST_WORKERS") or str(min(4, os.cpu_count() or 1))
    return ["-n", workers] if workers not in {"0", "1"} else []


def run_tests(pytest_args: list[str]) -> int:
    """Lint, type-check, check the import fences, then run pytest; first failure wins."""
    env = _test_env()
    pytest_args = [*_workers(pytest_args), *pytest_args]
    steps: list[tuple[str, list[str | Path]]] = [
        ("ruff check", [_bin("ruff"), "check", "."]),
        ("ruff format", [_bin("ruff"), "format", "--check", "."]),
        ("mypy", [_bin("mypy"), "."]),
        ("import contracts", [_bin("lint-imports")]),
        ("pytest", [_bin("python"), "-m", "pytest", *pytest_args]),
    ]
    for name, cmd in steps:
        print(f"[bootstrap] {name}", flush=True)
        code = _run(*cmd, env=env)
        if code != 0:
            print(f"[bootstrap] {name} failed (exit {code})", flush=True)
            return code
    return 0


def main(argv: list[str]) -> int:
    """Dispatch the sub-command."""
    if not argv or argv[0] not in {"demo", "test", "setup"}:
        print(__doc__)
        return 2
    setup()
    command, rest = argv[0], argv[1:]
    if command == "setup":
        return 0
    if command == "test":
        return run_tests(rest)
    return _run(_bin("atlasmesh"), "demo", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
