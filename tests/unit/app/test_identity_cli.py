"""``atlasmesh site``: the trust sub-commands, and plain ws:// only when asked for."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest

from app.cli.main import main
from edge.security.accounts import AccountStore
from edge.security.authority import SiteAuthority
from edge.security.roles import Role
from edge.security.tls import TlsCredentials

if TYPE_CHECKING:
    from pathlib import Path


def test_site_trust_lifecycle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = str(tmp_path / "site")
    assert main(["site", "init", "--site-id", "test-site", "--dir", site]) == 0
    assert (
        main(["site", "enroll", "edge", "gw-1", "--dir", site, "--out", str(tmp_path / "gw")]) == 0
    )
    console_out = str(tmp_path / "ops")
    argv = ["site", "enroll", "console", "ops-1", "--dir", site, "--out", console_out]
    assert main([*argv, "--max-role", "operator"]) == 0
    creds = TlsCredentials.load(tmp_path / "ops")
    assert (creds.identity.name, creds.identity.max_role) == ("ops-1", Role.OPERATOR)

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-password\n"))
    assert main(["site", "user", "add", "amal", "--role", "supervisor", "--password-stdin",
                 "--dir", site]) == 0  # fmt: skip
    assert main(["site", "user", "disable", "amal", "--dir", site]) == 0
    account = AccountStore(tmp_path / "site" / "users.json").get("amal")
    assert account is not None
    assert account.disabled
    assert account.role is Role.SUPERVISOR

    assert main(["site", "revoke", "ops-1", "--dir", site]) == 0
    assert main(["site", "list", "--dir", site]) == 0
    out = capsys.readouterr().out
    assert "REVOKED max-role operator" in out
    revoked = {i.name for i in SiteAuthority(tmp_path / "site").issued() if i.revoked}
    assert revoked == {"ops-1"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["site", "--edge", "ws://127.0.0.1:1"], "pass --insecure-dev"),
        (["site", "run", "--edge", "wss://127.0.0.1:1"], "pass --tls-dir"),
        (["site", "revoke", "nobody", "--dir", "{site}"], "no unrevoked certificate"),
        (["site", "enroll", "edge", "bad name", "--dir", "{site}", "--out", "x"], "not valid"),
        (["site", "list", "--dir", "{missing}"], "not a usable site authority"),
        (["site"], "--edge URL"),
    ],
)
def test_site_errors_say_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    SiteAuthority.init(tmp_path / "site", "test-site")
    args = [a.format(site=tmp_path / "site", missing=tmp_path / "none") for a in argv]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_site_rotate_ca_start_list_finish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = str(tmp_path / "site")
    assert main(["site", "init", "--site-id", "test-site", "--dir", site]) == 0
    old = str(tmp_path / "ops-old")
    assert main(["site", "enroll", "console", "ops-1", "--dir", site, "--out", old]) == 0
    assert main(["site", "rotate-ca", "finish", "--dir", site]) == 2  # nothing to finish
    assert "no rotation under way" in capsys.readouterr().err
    assert main(["site", "rotate-ca", "start", "--dir", site]) == 0
    assert "site authority #2 created" in capsys.readouterr().out
    assert main(["site", "rotate-ca", "start", "--dir", site]) == 2
    assert "already under way" in capsys.readouterr().err
    assert main(["site", "list", "--dir", site]) == 0
    assert "old authority: re-enroll" in capsys.readouterr().out
    new = str(tmp_path / "ops-new")
    assert main(["site", "enroll", "console", "ops-2", "--dir", site, "--out", new]) == 0
    assert len(TlsCredentials.load(tmp_path / "ops-new").trusted) == 2
    capsys.readouterr()
    assert main(["site", "rotate-ca", "finish", "--dir", site]) == 0
    out = capsys.readouterr().out
    assert "not re-enrolled, refused once" in out
    assert "ops-1" in out
    assert len(SiteAuthority(tmp_path / "site").trusted) == 1
    assert main(["site", "list", "--dir", site]) == 0
    assert "UNTRUSTED" in capsys.readouterr().out
