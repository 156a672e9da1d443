"""The start-up heap is moved out of the collector's reach."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest

from edge.heap import freeze_startup_heap, widen_young_generation

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_freeze_moves_live_containers_to_the_permanent_generation() -> None:
    kept = [[i] for i in range(10_000)]  # long-lived containers built at "start-up"
    frozen = freeze_startup_heap()
    assert frozen == gc.get_freeze_count()
    assert frozen >= len(kept)
    assert all(len(gc.get_objects(generation)) < len(kept) for generation in range(3))


@pytest.fixture
def thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


@pytest.mark.usefixtures("thresholds")
def test_widen_young_generation_keeps_the_older_generations_thresholds() -> None:
    gc.set_threshold(700, 11, 12)
    assert widen_young_generation(20_000) == (20_000, 11, 12)
    assert gc.get_threshold() == (20_000, 11, 12)
    with pytest.raises(ValueError, match="at least 1"):
        widen_young_generation(0)
    assert gc.get_threshold() == (20_000, 11, 12)


@pytest.mark.usefixtures("thresholds")
def test_frames_of_samples_replacing_each_other_trigger_no_collection_once_widened() -> None:
    """A frame's ~2,000 containers replace the previous frame's: with 700 they collect."""

    def frames(count: int) -> int:
        collections = [0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                collections[0] += 1

        gc.collect()
        held: list[list[int]] = []
        gc.callbacks.append(on_gc)
        try:
            for _ in range(count):
                held = [[i] for i in range(2_000)]  # the new frame replaces the previous one
        finally:
            gc.callbacks.remove(on_gc)
        assert len(held) == 2_000
        return collections[0]

    gc.set_threshold(700, 10, 10)
    assert frames(50) > 0
    widen_young_generation()
    assert frames(50) == 0
