"""The atlasmesh command: every sub-command explains itself; protocol tools work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("argv", [[], ["demo"], ["edge"], ["site"], ["protocol"]])
def test_help_explains_each_command(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*argv, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "usage: atlasmesh" in text
    assert len(text.splitlines()) > 5


def test_top_level_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for command in ("demo", "edge", "site", "protocol"):
        assert command in text


def test_protocol_schema_writes_json_schema(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert main(["protocol", "schema", "-o", str(out)]) == 0
    schema = json.loads(out.read_text())
    assert "Telemetry" in schema["$defs"]
    assert schema["$schema"].endswith("2020-12/schema")


def test_protocol_check_explains_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frames = tmp_path / "frames.jsonl"
    frames.write_text(
        '{"type": "heartbeat", "v": "1.0", "seq": 0, "ts": 1}\n'
        '{"type": "heartbeat", "v": "1.0", "seq": "x", "ts": 1}\n'
    )
    assert main(["protocol", "check", str(frames)]) == 1
    text = capsys.readouterr().out
    assert "line 1: ok heartbeat" in text
    assert "line 2: REFUSED invalid" in text
    assert "1 ok, 1 refused" in text


@pytest.mark.integration
def test_demo_runs_for_a_duration_and_exits_zero() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "demo",
            "--duration",
            "3",
            "--status-every",
            "1",
            "--gateways",
            "1",
            "--per-gateway",
            "5",
            "--direct",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "edge nodes 3/3 up" in result.stdout
    assert "vehicles 7 (0 stale)" in result.stdout
    assert "demo stopped" in result.stdout
    assert "Traceback" not in result.stderr
