"""The Operator panel: sign in off the GUI thread, refusals that reveal nothing, sign out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from app.core.identity import Identity
from app.core.service import SiteService
from app.ui.panels.operator import add_operator_panel
from edge.security.accounts import AccountStore, ScryptParams
from edge.security.roles import Role

if TYPE_CHECKING:
    from pathlib import Path

    from maps.site import Site

pytestmark = [pytest.mark.ui, pytest.mark.qt_log_ignore("propagateSizeHints")]

FAST = ScryptParams(n=2**10, r=8, p=1)
PASSWORD = "correct horse battery"


@pytest.fixture
def service(tmp_path: Path, demo_site: Site) -> SiteService:
    store = AccountStore(tmp_path / "users.json", params=FAST)
    store.add("alice", PASSWORD, Role.OPERATOR)
    store.add("bob", PASSWORD, Role.SUPERVISOR)
    identity = Identity(
        store, demo_site.site_id, "console-1", ec.generate_private_key(ec.SECP256R1())
    )
    return SiteService(demo_site.site_id, identity=identity)


def test_sign_in_switch_and_sign_out(make_console, service, qloop) -> None:  # type: ignore[no-untyped-def]
    console = make_console(service)
    window = console.window
    panel = add_operator_panel(window, service)
    assert qloop.run_until_complete(panel.sign_in("alice", PASSWORD))
    assert window.operator == "alice"
    assert "alice" in service.sessions
    assert "alice" in window.status.operator_label.text()
    assert panel.password.text() == ""  # never left in the field

    assert qloop.run_until_complete(panel.sign_in("bob", PASSWORD))  # the next shift takes over
    assert window.operator == "bob"
    assert set(service.sessions) == {"bob"}

    panel.sign_out()
    assert window.operator == ""
    assert service.sessions == {}
    assert window.status.operator_label.text() == "⚠ No operator signed in"
    assert "refused" in panel.message.text()


@pytest.mark.parametrize(("user", "password"), [("alice", "wrong"), ("mallory", PASSWORD)])
def test_refusal_does_not_say_which_part_was_wrong(  # type: ignore[no-untyped-def]
    make_console, service, qloop, user, password
) -> None:
    console = make_console(service)
    window = console.window
    panel = add_operator_panel(window, service)
    assert not qloop.run_until_complete(panel.sign_in(user, password))
    assert window.operator == "op-test"  # unchanged
    assert panel.message.text() == (
        "Sign-in refused: wrong user name or password, or the account is disabled."
    )
    console.language.set_language("ar")
    assert panel.message.text().startswith("رُفض تسجيل الدخول")


def test_a_command_after_sign_out_is_a_critical_alert_not_silence(  # type: ignore[no-untyped-def]
    make_console, service, qloop
) -> None:
    console = make_console(service)
    window = console.window
    panel = add_operator_panel(window, service)
    register_ok = qloop.run_until_complete(panel.sign_in("alice", PASSWORD))
    assert register_ok
    panel.sign_out()
    qloop.run_until_complete(window.emergency_stop([]))
    critical = [a for a in window.alerts.entries() if a.code == "estop_failed"]
    assert len(critical) == 1
    assert "not signed in" in critical[0].params["reason"]
