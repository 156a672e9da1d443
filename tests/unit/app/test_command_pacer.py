"""The command pacer: a burst at once, then the sustained rate, in order, per edge node."""

from __future__ import annotations

import asyncio

import pytest

from app.core.links.pacing import CommandPacer


def test_a_burst_goes_at_once_then_one_per_interval_in_order() -> None:
    pacer = CommandPacer(per_minute=60.0, burst=3.0)
    waits = [pacer.reserve("gw-1", 100.0) for _ in range(6)]
    assert waits == pytest.approx([0.0, 0.0, 0.0, 1.0, 2.0, 3.0])


def test_the_bucket_refills_with_time_and_never_above_the_burst() -> None:
    pacer = CommandPacer(per_minute=60.0, burst=2.0)
    assert [pacer.reserve("gw-1", 0.0) for _ in range(2)] == [0.0, 0.0]
    assert pacer.reserve("gw-1", 1.5) == 0.0  # one token back after 1 s
    assert pacer.reserve("gw-1", 1.5) == pytest.approx(0.5)
    # An hour idle fills the bucket to its burst, not to 3,600 tokens.
    assert [pacer.reserve("gw-1", 3600.0) for _ in range(3)] == pytest.approx([0.0, 0.0, 1.0])


def test_each_node_has_its_own_budget() -> None:
    pacer = CommandPacer(per_minute=60.0, burst=1.0)
    assert pacer.reserve("gw-1", 0.0) == 0.0
    assert pacer.reserve("gw-2", 0.0) == 0.0
    assert pacer.reserve("gw-1", 0.0) == pytest.approx(1.0)
    pacer.forget("gw-1")
    assert pacer.reserve("gw-1", 0.0) == 0.0


def test_acquire_sleeps_for_the_reserved_slot() -> None:
    slept: list[float] = []

    async def sleep(s: float) -> None:
        slept.append(s)

    pacer = CommandPacer(per_minute=120.0, burst=1.0, monotonic=lambda: 10.0, sleep=sleep)

    async def run() -> list[float]:
        return [await pacer.acquire("gw-1") for _ in range(3)]

    assert asyncio.run(run()) == pytest.approx([0.0, 0.5, 1.0])
    assert slept == pytest.approx([0.5, 1.0])


@pytest.mark.parametrize(("per_minute", "burst"), [(0.0, 1.0), (-5.0, 1.0), (60.0, 0.5)])
def test_a_meaningless_budget_is_refused(per_minute: float, burst: float) -> None:
    with pytest.raises(ValueError, match="per_minute"):
        CommandPacer(per_minute=per_minute, burst=burst)
