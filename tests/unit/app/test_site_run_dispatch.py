"""``atlasmesh site run --site FILE``: the headless site service runs the site's dispatcher."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from app.cli.main import build_parser, main
from app.cli.site_cmd import build_service
from edge.security.authority import SiteAuthority
from maps.site import default_site_path, load_site

if TYPE_CHECKING:
    from pathlib import Path


def test_with_the_site_map_the_service_runs_the_dispatcher() -> None:
    site_file = default_site_path()
    args = build_parser().parse_args(
        ["site", "run", "--edge", "ws://127.0.0.1:1", "--insecure-dev", "--site", str(site_file)]
    )
    service = build_service(args)
    assert service.site_id == load_site(site_file).site_id
    assert service.dispatch is not None  # the demo mine enables the mining pack: haul cycles


def test_without_it_there_is_no_dispatcher() -> None:
    args = build_parser().parse_args(
        ["site", "run", "--edge", "ws://127.0.0.1:1", "--insecure-dev"]
    )
    service = build_service(args)
    assert service.site_id == "demo-mine"
    assert service.dispatch is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--edge", "ws://127.0.0.1:1", "--insecure-dev", "--site-id", "other"], "is site"),
        (["--edge", "wss://127.0.0.1:1", "--tls-dir", "{creds}"], "--dir"),
    ],
)
def test_site_run_errors_say_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    site_file = default_site_path()
    authority = SiteAuthority.init(tmp_path / "site", load_site(site_file).site_id)
    creds = authority.enroll("console", "console-1", tmp_path / "console-1")
    argv = ["site", "run", "--site", str(site_file)] + [a.format(creds=creds) for a in extra]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
