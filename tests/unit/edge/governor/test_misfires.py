"""Misfire records of blast zones (zone state) and the time since them at a point."""

from __future__ import annotations

import math

import pytest

from edge.governor.context import NO_MISFIRE_S
from edge.governor.zonestate import Misfires
from maps.site import Site, default_site_path, load_site


@pytest.fixture(scope="module")
def mine() -> Site:
    return load_site(default_site_path())


def _inside(mine: Site, zone_id: str) -> tuple[float, float]:
    point = mine.zone(zone_id).polygon.representative_point()
    return float(point.x), float(point.y)


def test_elapsed_since_the_misfire_inside_the_zone_only(mine: Site) -> None:
    misfires = Misfires(mine)
    x, y = _inside(mine, "Z06")
    assert misfires.elapsed(x, y, 1000.0) == NO_MISFIRE_S
    misfires.record("Z06", 1000.0)
    assert misfires.elapsed(x, y, 1600.0) == 600.0
    far = mine.poi("PK1").xy
    assert misfires.elapsed(far[0], far[1], 1600.0) == NO_MISFIRE_S
    misfires.record("Z06", 900.0)  # an older report does not shorten the wait
    assert misfires.elapsed(x, y, 1600.0) == 600.0
    assert misfires.elapsed(x, y, 500.0) == 0.0  # clock behind the record: the wait starts now


def test_inactive_blast_zone_keeps_its_record(mine: Site) -> None:
    misfires = Misfires(mine)
    assert not mine.zone("Z07").active
    misfires.record("Z07", 10.0)
    x, y = _inside(mine, "Z07")
    assert misfires.elapsed(x, y, 70.0) == 60.0
    assert misfires.recorded == {"Z07": 10.0}


def test_bad_records_are_refused(mine: Site) -> None:
    misfires = Misfires(mine)
    exclusion = next(z.id for z in mine.zones if z.sector_kind == "exclusion")
    for zone, at in ((exclusion, 10.0), ("nope", 10.0), ("Z06", math.nan), ("Z06", -1.0)):
        with pytest.raises(ValueError, match=r"blast zone|finite"):
            misfires.record(zone, at)
    assert misfires.recorded == {}
