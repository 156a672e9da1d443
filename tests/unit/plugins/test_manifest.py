from __future__ import annotations

import pytest
from pydantic import ValidationError

from plugins import API_VERSION, PackInfo, api_compatibility
from plugins.manifest import parse_api


def test_host_api_is_major_minor() -> None:
    assert parse_api(API_VERSION) == (1, 1)  # 1.1: profiles carry right_of_way; M15-M17 inputs


@pytest.mark.parametrize(
    ("pack", "host", "fine"),
    [
        ("1.0", "1.0", True),
        ("1.0", "1.3", True),
        ("1.4", "1.3", False),
        ("2.0", "1.9", False),
        ("0.9", "1.0", False),
    ],
)
def test_api_compatibility(pack: str, host: str, fine: bool) -> None:
    why = api_compatibility(pack, host)
    assert (why is None) is fine
    if why is not None:
        assert pack in why
        assert host in why


def test_manifest_refuses_typos_and_bad_versions() -> None:
    good = {
        "name": "quarry",
        "version": "1.2.3",
        "api": "1.0",
        "title": "Quarry",
        "title_ar": "مقلع",
        "description": "x",
    }
    PackInfo.model_validate(good)
    for bad in (
        {**good, "nme": "x"},
        {**good, "version": "1.2"},
        {**good, "api": "one"},
        {**good, "name": "Quarry"},
        {**good, "provides": ["rules", "rules"]},
        {**good, "provides": ["weapons"]},
    ):
        with pytest.raises(ValidationError):
            PackInfo.model_validate(bad)
