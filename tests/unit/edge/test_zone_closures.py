"""The persisted zone closures file: round trip, leases, and a damaged file stops the node."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from edge.assist.closures import Closure, ClosureFileError, ZoneClosures

if TYPE_CHECKING:
    from pathlib import Path


def test_closures_round_trip_and_lapse(tmp_path: Path) -> None:
    path = tmp_path / "zone_closures.json"
    store = ZoneClosures(path)
    store.close(Closure("Z01", "alice", 100.0, None, "gw:1"))
    store.close(Closure("Z04", "bob", 100.0, 160.0, "gw:2"))
    again = ZoneClosures(path)
    assert again.closures == store.closures
    assert again.lapsed(159.9) == frozenset()
    assert again.lapsed(160.0) == {"Z04"}
    again.reopen({"Z04"})
    assert set(ZoneClosures(path).closures) == {"Z01"}


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '["Z01"]',
        '{"Z01": {"by": "a"}}',
        '{"Z01": {"by": "a", "at": "NaN", "until": null, "request_id": "r"}}',
    ],
)
def test_a_damaged_file_is_refused_naming_it(tmp_path: Path, text: str) -> None:
    path = tmp_path / "zone_closures.json"
    path.write_text(text)
    with pytest.raises(ClosureFileError, match=r"zone_closures\.json") as caught:
        ZoneClosures(path)
    assert "does not start" in str(caught.value)
    assert path.read_text() == text  # nothing lost: the file is left for a human
