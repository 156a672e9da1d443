"""One call for composition roots: a site's packs loaded, checked, collected and compiled.

The edge node (``edge/__main__.py``), the demo and ``atlasmesh pack list`` use
:func:`load_site_packs`; the console shows :attr:`SitePacks.manager`'s statuses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from edge.governor.errors import BundleError
from plugins.compose import compose_bundle
from plugins.contributions import Contributions
from plugins.errors import PackError
from plugins.manager import PackManager
from plugins.siteconfig import load_site_config

if TYPE_CHECKING:
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
    and the core rules still apply. Should the composed bundle itself be refused (a pack rule
    that passed its own checks but conflicts with another pack's), each pack is tried on its
    own and the offending ones are quarantined, so the edge never starts without rules.

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
    contributions = manager.collect(site=site, overrides=config.packs.parameters)
    versions = {name: manager.status(name).version for name in manager.active}
    try:
        bundle = compose_bundle(contributions, versions)
    except BundleError as exc:
        bundle = _compose_without_offenders(manager, contributions, versions, exc)
    return SitePacks(config, manager, contributions, bundle)


def _compose_without_offenders(
    manager: PackManager,
    contributions: Contributions,
    versions: dict[str, str],
    error: BundleError,
) -> PolicyBundle:
    """Quarantine the packs whose rules the composed bundle refuses; compose the rest."""
    log.error("composed bundle refused (%s); trying each pack alone", error)
    for name in list(versions):
        alone = _only(contributions, name)
        try:
            compose_bundle(alone, {name: versions[name]})
        except BundleError as exc:
            manager.quarantine(
                name,
                PackError(
                    name,
                    f"its rules do not compile into the site's bundle: {exc}",
                    "Fix the rule named in the message; the pack is quarantined meanwhile.",
                ),
            )
            del versions[name]
    kept = _only(contributions, *versions)
    return compose_bundle(kept, versions)


def _only(contributions: Contributions, *packs: str) -> Contributions:
    """Return the contributions of the given packs only."""
    keep = set(packs)
    out = Contributions()
    for rid, rule_set in contributions.rule_sets.items():
        if contributions.owner.get(rid) in keep:
            out.rule_sets[rid] = rule_set
    for pid, profile in contributions.profiles.items():
        if contributions.owner.get(pid) in keep:
            out.profiles[pid] = profile
    out.values.update(
        {k: v for k, v in contributions.values.items() if contributions.owner.get(k) in keep}
    )
    return out


def packs_line(packs: SitePacks) -> str:
    """Summarise a site's packs for a status line: active ones, then every problem.

    Example: ``sector packs: mining 1.0.0 (7 rules); policy core-mining v1``.
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
