"""The start-up heap is moved out of the collector's reach."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest

from edge.heap import freeze_startup_heap

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
