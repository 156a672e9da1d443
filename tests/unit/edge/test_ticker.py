"""The shared ticker steps every member, survives a failing one, and stops when empty."""

from __future__ import annotations

import asyncio

import pytest

from edge.ticker import Ticker


class Counter:
    def __init__(self, fail: bool = False) -> None:
        self.ticks: list[float] = []
        self.fail = fail

    def tick(self, now: float, dt: float) -> None:
        self.ticks.append(dt)
        if self.fail:
            raise RuntimeError("member bug")


def test_ticks_all_members_and_isolates_failures(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        ticker = Ticker(200.0)
        good, bad = Counter(), Counter(fail=True)
        ticker.add(good)
        ticker.add(bad)
        async with asyncio.timeout(5):
            while len(good.ticks) < 5:  # noqa: ASYNC110 - polls the member's own record
                await asyncio.sleep(0.005)
        assert len(bad.ticks) >= 4
        assert "member bug" in caplog.text
        ticker.remove(good)
        ticker.remove(bad)
        assert ticker._task is None

    asyncio.run(scenario())


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Ticker(0.0)
