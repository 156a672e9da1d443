"""The contract checks behind :mod:`plugins.testing`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from edge.governor.compiler import compile_policy
from edge.governor.errors import GovernorError
from edge.governor.loader import load_core_bundle
from maps.site import default_site_path, load_site
from plugins.compose import compose_bundle
from plugins.manager import PackManager

if TYPE_CHECKING:
    from types import ModuleType

    from maps.site import Site
    from plugins.contributions import Contributions
    from plugins.records import VehicleProfile

__all__ = ["REQUIRED_LANGUAGES", "ContractReport", "assert_pack_contract", "check_pack"]

REQUIRED_LANGUAGES = ("en", "ar")
"""Every record needs a text in these languages."""

G = 9.81


@dataclass(slots=True)
class ContractReport:
    """The outcome of the contract checks on one pack.

    Attributes
    ----------
    pack
        The pack's name (or module name when the manifest is unreadable).
    problems
        One line per broken check: what is wrong and what to do.
    checked
        The names of the checks that ran.
    """

    pack: str
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return not self.problems


def check_pack(module: ModuleType, *, site: Site | None = None) -> ContractReport:
    """Run every contract check on a pack module (discovery blocked: only this pack loads).

    Parameters
    ----------
    module
        The pack's package (the module holding ``PACK``).
    site
        The site to compile rules and build map layers against (default: the demo mine).
    """
    report = ContractReport(getattr(getattr(module, "PACK", None), "name", module.__name__))
    manager = PackManager()
    status = manager.add_module(module)
    report.checked.append("manifest")
    if status.state != "active":
        assert status.problem is not None
        report.problems.append(status.problem.message)
        return report
    site = site or load_site(default_site_path())
    contributions = manager.collect(site=site)
    report.checked.append("hooks")
    status = manager.status(status.name)
    if status.state != "active":
        assert status.problem is not None
        report.problems.append(status.problem.message)
        return report
    report.checked.append("rules compile")
    report.problems += _rule_problems(contributions, status.name, status.version, site)
    report.checked.append("translations")
    report.problems += _translation_problems(contributions)
    report.checked.append("profiles plausible")
    for profile in contributions.profiles.values():
        report.problems += [f"{profile.id}: {p}" for p in profile_problems(profile)]
    report.checked.append("playbooks name rules")
    report.problems += _playbook_problems(contributions)
    report.checked.append("panels in the pack's ui module")
    report.problems += [
        f"{panel.id}: factory {panel.factory!r} is not in {module.__name__}.ui (the only "
        "module of a pack that may import Qt)"
        for panel in contributions.panels.values()
        if not panel.factory.startswith(f"{module.__name__}.ui:")
    ]
    return report


def assert_pack_contract(module: ModuleType, *, site: Site | None = None) -> None:
    """Fail (``AssertionError``) with every problem when the pack breaks its contract."""
    report = check_pack(module, site=site)
    if not report.ok:
        lines = "\n  ".join(report.problems)
        raise AssertionError(f"pack {report.pack!r} breaks the pack contract:\n  {lines}")


def profile_problems(profile: VehicleProfile) -> list[str]:
    """Return why a vehicle profile is not physically plausible (empty when it is).

    Bounds are wide on purpose (from an AGV to an ultra-class haul truck): they catch unit
    mistakes (km/h given as m/s, kg as tonnes), not design choices.
    """
    k = profile.kinematics
    out = []
    if k.max_speed_mps > 40.0:
        out.append(f"max_speed_mps {k.max_speed_mps:g} is above 40 m/s (144 km/h): km/h given?")
    if k.decel_mps2 > 1.0 * G:
        out.append(f"decel_mps2 {k.decel_mps2:g} exceeds 1 g: no tyre brakes harder")
    if k.accel_mps2 > 0.8 * G:
        out.append(f"accel_mps2 {k.accel_mps2:g} exceeds 0.8 g")
    if k.decel_mps2 < 0.5:
        out.append(f"decel_mps2 {k.decel_mps2:g} is below 0.5 m/s2: it could not stop in time")
    stopping = k.max_speed_mps**2 / (2 * k.decel_mps2)
    if stopping > 500.0:
        out.append(f"stopping distance from top speed is {stopping:.0f} m (> 500 m)")
    if k.width_m > k.length_m:
        out.append(f"width {k.width_m:g} m is larger than length {k.length_m:g} m")
    if k.turning_radius_m < k.width_m / 2:
        out.append(f"turning radius {k.turning_radius_m:g} m is below half the width")
    if k.payload_t > 3.0 * k.empty_mass_t:
        out.append(f"payload {k.payload_t:g} t is more than 3x the empty mass {k.empty_mass_t:g} t")
    if profile.energy.use_per_km * 5 > 1.0:
        out.append("a full tank or battery lasts less than 5 km")
    return out


def _rule_problems(contributions: Contributions, name: str, version: str, site: Site) -> list[str]:
    """Compose the pack's rules onto the core bundle and compile them over ``site``."""
    if not contributions.rule_sets:
        return []
    try:
        bundle = compose_bundle(contributions, {name: version}, base=load_core_bundle())
        compile_policy(bundle, site)
    except GovernorError as exc:
        return [f"its rules do not compile into the governor: {exc}. Fix the rule named."]
    return []


def _record_ids(contributions: Contributions) -> list[str]:
    """Every id that needs a display text."""
    ids: list[str] = []
    for records in contributions.by_kind().values():
        ids += list(records)
    for rule_set in contributions.rule_sets.values():
        ids += [rule.id for rule in rule_set.rules]
    return ids


def _translation_problems(contributions: Contributions) -> list[str]:
    """Every record id needs a non-empty text in English and Arabic."""
    out = []
    for language in REQUIRED_LANGUAGES:
        messages = contributions.translations.get(language, {})
        missing = [rid for rid in _record_ids(contributions) if not messages.get(rid, "").strip()]
        if missing:
            out.append(
                f"no {language!r} text for {', '.join(missing)}: add them to atlas_translations"
            )
    # Field texts (plugins.texts: units, sources, descriptions...) are optional, but one given
    # in English must be given in every required language, or that language shows English.
    english = contributions.translations.get("en", {})
    for language in REQUIRED_LANGUAGES[1:]:
        messages = contributions.translations.get(language, {})
        missing = sorted(k for k in english if ":" in k and not messages.get(k, "").strip())
        if missing:
            out.append(
                f"no {language!r} text for {', '.join(missing)} (given in English): add them "
                "to atlas_translations"
            )
    return out


def _playbook_problems(contributions: Contributions) -> list[str]:
    """Playbooks must name rules of the pack or of the core bundle."""
    known = {rule.id for rule in load_core_bundle().rules}
    for rule_set in contributions.rule_sets.values():
        known |= {rule.id for rule in rule_set.rules}
    return [
        f"{playbook.id}: rule {rid!r} is neither a core rule nor one of the pack's"
        for playbook in contributions.playbooks.values()
        for rid in playbook.rule_ids
        if rid not in known
    ]
