"""The demo runs the site's pack: its rules fire in the receipts and cap the vehicles' speeds."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SITES = ROOT / "resources" / "sites"


def _run_demo(
    site: Path, data_dir: Path, classes: tuple[str, ...] = ("haul_truck",)
) -> list[tuple[str, list[str], list[dict[str, Any]]]]:
    """Run the headless demo for a few seconds; return (bundle, fired, constraints) rows.

    The demo must say it simulates vehicles of ``classes`` (the site's packs' classes).
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "demo",
            "--headless",
            "--site",
            str(site),
            "--duration",
            "6",
            "--gateways",
            "1",
            "--per-gateway",
            "8",
            "--direct",
            "0",
            "--data-dir",
            str(data_dir),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "sector packs:" in result.stdout
    mix = result.stdout.split("simulated vehicles (", 1)[1].split(")", 1)[0]
    assert {part.rsplit(" ", 1)[0] for part in mix.split(", ")} >= set(classes), mix
    with sqlite3.connect(data_dir / "site.db") as db:
        rows = db.execute("SELECT bundle_id, fired_rules, constraints FROM receipts").fetchall()
    return [(b, json.loads(f), json.loads(c)) for b, f, c in rows]


def test_mining_pack_governs_the_demo_mine(tmp_path: Path) -> None:
    rows = _run_demo(SITES / "demo_mine.geojson", tmp_path)
    assert rows
    assert {b.split(":")[0] for b, _, _ in rows} == {"core-mining"}
    fired = [rule for _, rules, _ in rows for rule in rules]
    assert "mining.site_speed_cap" in fired
    for _, rules, constraints in rows:
        if "mining.site_speed_cap" in rules:
            caps = [c["value"] for c in constraints if c["kind"] == "speed_cap_mps"]
            assert min(caps) <= 45 / 3.6 + 1e-9


def test_logistics_pack_governs_the_container_yard(tmp_path: Path) -> None:
    rows = _run_demo(SITES / "container_yard.geojson", tmp_path, ("yard_tractor", "agv"))
    assert rows
    assert {b.split(":")[0] for b, _, _ in rows} == {"core-logistics"}
    fired = [rule for _, rules, _ in rows for rule in rules]
    assert "logistics.yard_speed" in fired
    for _, rules, constraints in rows:
        if "logistics.yard_speed" in rules:
            caps = [c["value"] for c in constraints if c["kind"] == "speed_cap_mps"]
            assert min(caps) <= 12.9 / 3.6 + 1e-9


def test_defense_pack_governs_the_demo_base(tmp_path: Path) -> None:
    rows = _run_demo(SITES / "demo_base.geojson", tmp_path, ("ugv", "convoy_lead", "pls_follower"))
    assert rows
    assert {b.split(":")[0] for b, _, _ in rows} == {"core-defense"}
    fired = [rule for _, rules, _ in rows for rule in rules]
    assert "defense.built_up_speed" in fired
    assert "defense.catch_up_cap" in fired  # a convoy-class rule: the fleet is the pack's
    for _, rules, constraints in rows:
        if "defense.built_up_speed" in rules:
            caps = [c["value"] for c in constraints if c["kind"] == "speed_cap_mps"]
            assert min(caps) <= 24 / 3.6 + 1e-9
