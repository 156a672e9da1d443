"""The pack contract kit: the checks every sector pack runs in its own tests.

Usage in a pack's test suite::

    import my_pack
    from plugins.testing import assert_pack_contract

    def test_pack_contract() -> None:
        assert_pack_contract(my_pack)

The checks (issue 5): the manifest is valid and targets a compatible API; every hook returns
well-formed records in the pack's namespace; every rule compiles into the governor with the
core rules over a site; every record has English and Arabic texts; every vehicle profile is
physically plausible; playbooks name rules that exist. Each problem says what to fix.
"""

from plugins.testing.contract import (
    ContractReport,
    assert_pack_contract,
    check_pack,
    profile_problems,
)

__all__ = ["ContractReport", "assert_pack_contract", "check_pack", "profile_problems"]
