"""Every command is checked: assertion, role table, replay window, staleness, rate limit.

W2 (token attacks), W5 (flood, stop exempt), W6 (replay), W7 (role x command matrix).
"""

from __future__ import annotations

import base64
import contextlib
import json
import secrets
from typing import TYPE_CHECKING, Any, cast

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from edge.errors import ErrorCode, ProtocolError
from edge.protocol.messages import (
    AssistAnswer,
    AssistClaim,
    AssistRelease,
    AssistTransfer,
    CommandAuth,
    EmergencyStop,
    Heartbeat,
    PolicyBundlePush,
    Resume,
    TaskAssign,
    TaskCancel,
)
from edge.security.assertion import OperatorClaim, issue_assertion
from edge.security.guard import EdgeGuard
from edge.security.replay import WINDOW, RateLimiter, ReplayWindow
from edge.security.roles import COMMAND_ROLES, Role, tighten

if TYPE_CHECKING:
    from edge.protocol.messages import Envelope, Message
    from edge.security.tls import TlsCredentials

NOW = 1_767_261_600.0


def claim(role: Role = Role.ADMIN, **over: Any) -> OperatorClaim:
    fields: dict[str, Any] = {
        "operator": "alice",
        "role": role,
        "site_id": "test-site",
        "console": "console-1",
        "session_id": "s1",
        "issued_at": NOW - 1.0,
        "expires_at": NOW + 600.0,
        "signed": True,
    }
    fields.update(over)
    return OperatorClaim(**fields)


class Console:
    """Issues commands the way a real console does: one stream, +1 per command."""

    def __init__(self, creds: TlsCredentials) -> None:
        self.key = creds.key
        self.stream = secrets.token_hex(16)
        self.seq = 0

    def auth(self, c: OperatorClaim, *, issued_at: float = NOW, key: Any = "own") -> CommandAuth:
        signer = self.key if key == "own" else key
        self.seq += 1
        return CommandAuth(
            assertion=issue_assertion(c, signer),
            stream=self.stream,
            cmd_seq=self.seq,
            issued_at=issued_at,
        )


def command(kind: str, auth: CommandAuth | None, operator: str = "alice", seq: int = 1) -> Message:
    return cast("Message", _command(kind, auth, operator, seq))


def _command(kind: str, auth: CommandAuth | None, operator: str, seq: int) -> Envelope:
    base: dict[str, Any] = {"seq": seq, "ts": NOW, "auth": auth}
    if kind == "estop":
        return EmergencyStop(**base, operator=operator)
    if kind == "resume":
        return Resume(**base, operator=operator)
    if kind == "task_assign":
        return TaskAssign(**base, task_id="t1", vehicle_id="v1", task_type="haul")
    if kind == "task_cancel":
        return TaskCancel(**base, task_id="t1", vehicle_id="v1")
    if kind == "assist_claim":
        return AssistClaim(**base, request_id="r1", operator=operator)
    if kind == "assist_answer":
        return AssistAnswer(**base, request_id="r1", operator=operator, answer="confirm")
    if kind == "assist_release":
        return AssistRelease(**base, request_id="r1", operator=operator)
    if kind == "assist_transfer":
        return AssistTransfer(**base, request_id="r1", operator=operator, to_operator="bob")
    if kind == "policy_push":
        return PolicyBundlePush(**base, bundle_id="b", bundle_version=1, bundle="{}", signature="")
    raise AssertionError(kind)


@pytest.fixture
def guard(node_creds: TlsCredentials) -> EdgeGuard:
    return EdgeGuard("test-site", node_creds)


def run(
    guard: EdgeGuard, console_creds: TlsCredentials, message: Message, now: float = NOW
) -> OperatorClaim | None:
    return guard.authorize(
        message,
        peer=console_creds.identity,
        console=console_creds.identity.name,
        now=now,
        mono=0.0,
    )


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("kind", sorted(COMMAND_ROLES))
def test_role_command_matrix(
    guard: EdgeGuard, console_creds: TlsCredentials, role: Role, kind: str
) -> None:
    console = Console(console_creds)
    message = command(kind, console.auth(claim(role)))
    if role >= COMMAND_ROLES[kind]:
        result = run(guard, console_creds, message)
        assert result is not None
        assert result.role is role
    else:
        with pytest.raises(ProtocolError) as info:
            run(guard, console_creds, message)
        assert info.value.code is ErrorCode.FORBIDDEN
        assert COMMAND_ROLES[kind].label in info.value.reason
    record = guard.audit.records[-1]
    assert (record.operator, record.kind, record.accepted) == (
        "alice",
        kind,
        role >= COMMAND_ROLES[kind],
    )


def test_viewer_cannot_command_but_any_operator_role_can_stop() -> None:
    assert all(role > Role.VIEWER for role in COMMAND_ROLES.values())
    assert COMMAND_ROLES["estop"] is Role.OPERATOR
    assert COMMAND_ROLES["resume"] > COMMAND_ROLES["estop"]


def test_non_commands_need_no_operator(guard: EdgeGuard, console_creds: TlsCredentials) -> None:
    assert run(guard, console_creds, Heartbeat(seq=1, ts=NOW)) is None
    assert not guard.audit.records


def test_packs_may_tighten_never_loosen() -> None:
    table = tighten({"task_assign": Role.SUPERVISOR})
    assert table["task_assign"] is Role.SUPERVISOR
    with pytest.raises(Exception, match="only raise"):
        tighten({"resume": Role.OPERATOR})
    with pytest.raises(Exception, match="not a command"):
        tighten({"heartbeat": Role.ADMIN})


def _forge(token: str, **changes: Any) -> str:
    head, _, sig = token.partition(".")
    payload = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    payload.update(changes)
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "." + sig


def _attacks(console: Console) -> dict[str, str]:
    good = issue_assertion(claim(), console.key)
    stranger = ec.generate_private_key(ec.SECP256R1())
    return {
        "missing signature": good.split(".")[0] + ".-",
        "no separator": good.replace(".", ""),
        "edited claims (role)": _forge(good, role="admin", sub="mallory"),
        "other key": issue_assertion(claim(), stranger),
        "wrong site": issue_assertion(claim(site_id="other-site"), console.key),
        "wrong console": issue_assertion(claim(console="console-2"), console.key),
        "expired": issue_assertion(claim(expires_at=NOW - 1), console.key),
        "not yet valid": issue_assertion(claim(issued_at=NOW + 60), console.key),
        "too long lived": issue_assertion(claim(expires_at=NOW + 7200), console.key),
        "garbage payload": "!!!." + good.split(".")[1],
        "alg none style": base64.urlsafe_b64encode(b'{"alg":"none"}').decode() + ".",
    }


def test_token_attacks_are_all_refused(guard: EdgeGuard, console_creds: TlsCredentials) -> None:
    console = Console(console_creds)
    for name, token in _attacks(console).items():
        console.seq += 1
        auth = CommandAuth(
            assertion=token, stream=console.stream, cmd_seq=console.seq, issued_at=NOW
        )
        with pytest.raises(ProtocolError) as info:
            run(guard, console_creds, command("estop", auth))
        assert info.value.code is ErrorCode.UNAUTHENTICATED, name
    assert guard.audit.refused == len(_attacks(console))


def test_role_above_the_console_ceiling_is_refused(
    authority: Any, node_creds: TlsCredentials
) -> None:
    from edge.security.tls import TlsCredentials as Creds

    home = authority.home / "console-op"
    creds = Creds.load(authority.enroll("console", "console-op", home, max_role=Role.OPERATOR))
    guard = EdgeGuard("test-site", node_creds)
    console = Console(creds)
    message = command("resume", console.auth(claim(Role.SUPERVISOR, console="console-op")))
    with pytest.raises(ProtocolError, match="ceiling") as info:
        run(guard, creds, message)
    assert info.value.code is ErrorCode.UNAUTHENTICATED


def test_operator_field_must_match_the_assertion(
    guard: EdgeGuard, console_creds: TlsCredentials
) -> None:
    console = Console(console_creds)
    with pytest.raises(ProtocolError) as info:
        run(guard, console_creds, command("estop", console.auth(claim()), operator="bob"))
    assert info.value.code is ErrorCode.FORBIDDEN


def test_secure_node_refuses_commands_without_auth(
    guard: EdgeGuard, console_creds: TlsCredentials
) -> None:
    with pytest.raises(ProtocolError) as info:
        run(guard, console_creds, command("estop", None))
    assert info.value.code is ErrorCode.UNAUTHENTICATED


def test_insecure_node_lets_unstamped_commands_through_but_audits_them() -> None:
    guard = EdgeGuard("test-site")
    assert guard.insecure
    message = command("estop", None)
    assert guard.authorize(message, peer=None, console="dev", now=NOW, mono=0.0) is None
    assert guard.audit.records[-1].reason == "unverified (insecure)"


def test_replayed_and_stale_commands_are_refused(
    guard: EdgeGuard, console_creds: TlsCredentials
) -> None:
    console = Console(console_creds)
    auth = console.auth(claim())
    assert run(guard, console_creds, command("task_assign", auth)) is not None
    for _ in range(5):  # the same command, replayed: refused every time
        with pytest.raises(ProtocolError) as info:
            run(guard, console_creds, command("task_assign", auth), now=NOW + 1)
        assert info.value.code is ErrorCode.REPLAYED
    stale = console.auth(claim(), issued_at=NOW - 11)
    with pytest.raises(ProtocolError) as info:
        run(guard, console_creds, command("task_assign", stale))
    assert info.value.code is ErrorCode.STALE
    future = console.auth(claim(), issued_at=NOW + 30)
    with pytest.raises(ProtocolError) as info:
        run(guard, console_creds, command("task_assign", future))
    assert info.value.code is ErrorCode.STALE
    refused = [r for r in guard.audit.records if not r.accepted]
    assert [r.code for r in refused] == ["replayed"] * 5 + ["stale", "stale"]


def test_replay_window_accepts_reordering_once_and_forgets_safely() -> None:
    window = ReplayWindow(max_age_s=10.0)
    assert window.check("c", "s", 5, NOW, NOW) is None
    assert window.check("c", "s", 3, NOW, NOW) is None  # reordered in flight: fine once
    assert window.check("c", "s", 3, NOW, NOW) is not None
    assert window.check("c", "s", 5 + WINDOW, NOW, NOW) is None
    assert "behind the window" in (window.check("c", "s", 5, NOW, NOW) or "")
    # A second stream (console restart) starts fresh; the old one's commands go stale.
    assert window.check("c", "s2", 0, NOW, NOW) is None
    assert "stale" in (window.check("c", "s", 4, NOW, NOW + 11) or "")


def test_replay_window_memory_is_bounded() -> None:
    window = ReplayWindow(max_age_s=10.0)
    results = [window.check("c", f"s{i}", 0, NOW, NOW) for i in range(40)]
    assert results.count(None) == 16
    # Once the old streams are stale they are forgotten and new ones are admitted.
    assert window.check("c", "late", 0, NOW + 20, NOW + 20) is None


def test_flood_is_limited_but_the_stop_always_passes(
    guard: EdgeGuard, console_creds: TlsCredentials
) -> None:
    console = Console(console_creds)
    outcomes = []
    for i in range(100):  # 10x the burst within one second
        message = command("task_assign", console.auth(claim()))
        try:
            guard.authorize(
                message, peer=console_creds.identity, console="console-1", now=NOW, mono=i / 100
            )
            outcomes.append("ok")
        except ProtocolError as exc:
            outcomes.append(exc.code.value)
    assert outcomes.count("ok") == 11  # the burst of 10, plus one token refilled in 0.99 s
    assert set(outcomes) == {"ok", "rate_limited"}
    stop = command("estop", console.auth(claim()))
    assert (
        guard.authorize(stop, peer=console_creds.identity, console="console-1", now=NOW, mono=1.0)
        is not None
    )


def test_rate_limiter_refills() -> None:
    limiter = RateLimiter(per_minute=60.0, burst=2.0)
    assert [limiter.allow("c", 0.0) for _ in range(3)] == [True, True, False]
    assert limiter.allow("c", 1.0)
    assert limiter.allow("other", 0.0)


@settings(max_examples=300, deadline=None)
@given(
    payload=st.one_of(
        st.binary(max_size=600),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=5), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries(
            {
                "v": st.just(1),
                "sub": st.text(max_size=10),
                "role": st.sampled_from(["admin", "x", 3]),
                "site": st.just("test-site"),
                "con": st.just("c"),
                "sid": st.integers(),
                "iat": st.one_of(st.integers(), st.floats(), st.text()),
                "exp": st.one_of(st.integers(min_value=-(10**400), max_value=10**400), st.floats()),
            }
        ).map(lambda v: json.dumps(v).encode()),
        st.integers(min_value=1, max_value=1500).map(lambda n: b"[" * n + b"]" * n),
    ),
    signature=st.sampled_from(["-", "", "AAAA", "!!"]),
)
def test_any_assertion_payload_is_refused_or_accepted_cleanly(
    payload: bytes, signature: str
) -> None:
    """Z1 for the assertion parser: only AssertionInvalidError ever escapes."""
    from edge.security.assertion import verify_assertion
    from edge.security.errors import AssertionInvalidError

    token = base64.urlsafe_b64encode(payload).rstrip(b"=").decode() + "." + signature
    with contextlib.suppress(AssertionInvalidError):
        verify_assertion(token, site_id="test-site", now=NOW, peer=None, console="c")
