"""One call for composition roots: a site's packs loaded, checked, collected and compiled.

The edge node (``edge/__main__.py``), the demo and ``atlasmesh pack list`` use
:func:`load_site_packs`; the console shows :attr:`SitePacks.manager`'s statuses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from edge.governor.compiler import compile_policy
from edge.governor.errors import GovernorError
from plugins.compose import compose_bundle
from plugins.contributions import Contributions
from plugins.errors import PackError
from plugins.manager import PackManager
from plugins.siteconfig import load_site_config

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from edge.governor.rules import PolicyBundle
    from maps.site import Site
    from plugins.siteconfig import SiteConfig

__all__ = ["SitePacks", "load_site_packs", "packs_line"]

log = logging.getLogger("plugins")


@dataclass(frozen=True, slots=True)
class SitePacks:
    """The packs of one site, ready for use.

    Attributes
    ----------
    config
        The site's configuration.
    manager
        Statuses of every pack found (active, disabled, refused, quarantined).
    contributions
        What the active packs contribute.
    bundle
        The core bundle with the active packs' rules: what the edge governor runs.
    """

    config: SiteConfig
    manager: PackManager
    contributions: Contributions
    bundle: PolicyBundle


def load_site_packs(
    site_path: Path,
    site: Site | None = None,
    *,
    builtin_only: bool = False,
    manager: PackManager | None = None,
) -> SitePacks:
    """Load the packs a site enables and compose the bundle its edge governors run.

    A pack that fails is refused or quarantined (its problem is on its status); the others
    and the core rules still apply. Should the governor refuse the composed bundle (a rule
    naming a vehicle class no profile defines; more zone features than the kernel holds), the
    offending packs are quarantined too, so the edge always starts, with the core rules at
    least.

    Parameters
    ----------
    site_path
        The site file (its ``.site.toml`` sits beside it).
    site
        The loaded site, for the packs' map layers.
    builtin_only
        Only the packs shipped with AtlasMesh (``--no-external-packs``).
    manager
        A manager to use instead of a new one (tests block discovery this way).

    Raises
    ------
    SiteConfigError
        When the site configuration is invalid (nothing is started on a bad configuration).
    """
    config = load_site_config(site_path)
    if manager is None:
        manager = PackManager(
            enabled=config.enabled_packs(),
            builtin_only=builtin_only or not config.packs.external,
        )
        folder = config.packs_folder
        manager.discover(folders=[folder] if folder is not None else [])
        manager.require(config.enabled_packs(), source=config.source)
    contributions = manager.collect(site=site, overrides=config.packs.parameters)
    versions = {name: manager.status(name).version for name in manager.active}
    try:
        bundle = _build(contributions, versions, site)
    except GovernorError as exc:
        bundle = _build_without_offenders(manager, contributions, versions, site, exc)
        contributions = _only(contributions, *versions)
    return SitePacks(config, manager, contributions, bundle)


def _build(
    contributions: Contributions, versions: Mapping[str, str], site: Site | None
) -> PolicyBundle:
    """Compose the bundle and, given the site, compile it once as the edge governor will."""
    bundle = compose_bundle(contributions, versions)
    if site is not None:
        compile_policy(bundle, site)
    return bundle


def _build_without_offenders(
    manager: PackManager,
    contributions: Contributions,
    versions: dict[str, str],
    site: Site | None,
    error: GovernorError,
) -> PolicyBundle:
    """Quarantine the packs the governor refuses; build the bundle of the others.

    First each pack alone (its rules may name a class no profile defines); then, if the
    survivors together still do not compile (e.g. more spatial features than the kernel's
    masks hold), the last-loaded packs go until it does. The core bundle always compiles.
    """
    log.error("the site's bundle is refused (%s); checking each pack alone", error)
    for name in list(versions):
        try:
            _build(_only(contributions, name), {name: versions[name]}, site)
        except GovernorError as exc:
            _quarantine(manager, name, str(exc))
            del versions[name]
    while True:
        try:
            return _build(_only(contributions, *versions), versions, site)
        except GovernorError as exc:
            name = list(versions)[-1]
            _quarantine(manager, name, f"with the other packs: {exc}")
            del versions[name]


def _quarantine(manager: PackManager, name: str, why: str) -> None:
    manager.quarantine(
        name,
        PackError(
            name,
            f"its rules do not compile into the site's governor: {why}",
            "Fix the rule named in the message; the pack is quarantined meanwhile and the "
            "core rules and the other packs apply",
        ),
    )


def _only(contributions: Contributions, *packs: str) -> Contributions:
    """Return the contributions of the given packs only."""
    keep = set(packs)
    out = Contributions(translations=contributions.translations)
    for attr in (
        "parameters",
        "values",
        "profiles",
        "rule_sets",
        "tasks",
        "zone_kinds",
        "layers",
        "kpis",
        "playbooks",
        "panels",
        "audit",
    ):
        mine = {
            k: v
            for k, v in getattr(contributions, attr).items()
            if contributions.owner.get(k) in keep
        }
        getattr(out, attr).update(mine)
    out.owner.update({k: v for k, v in contributions.owner.items() if v in keep})
    return out


def packs_line(packs: SitePacks) -> str:
    """Summarise a site's packs for a status line: active ones, then every problem.

    Example: ``sector packs: mining 1.0.0 (7 rules); policy core-mining:3f9a0c2d71be v1``.
    """
    active = [
        f"{name} {packs.manager.status(name).version} "
        f"({packs.manager.status(name).counts.get('rules', 0)} rules)"
        for name in packs.manager.active
    ]
    text = f"sector packs: {', '.join(active) or 'none (core rules only)'}"
    text += f"; policy {packs.bundle.bundle_id} v{packs.bundle.version}"
    for problem in packs.manager.problems:
        text += f"\n  {problem.message}"
    return text
