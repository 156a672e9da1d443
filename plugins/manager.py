"""The pack manager: register packs, check them, call their hooks in isolation, collect.

Load order (STYLE.md, sector packs, rule 3): the manifest ``PACK`` parses; the entry-point
name equals ``PACK.name``; the API is compatible; the pack registers (pluggy checks hook
signatures, we check hook names); declared ``provides`` match the hooks implemented; packs it
depends on are active. A pack failing any step is *refused* with a :class:`PackProblem`.

:meth:`PackManager.collect` then calls each hook once per pack through
``subset_hook_caller`` (only that pack's implementation), validates the records and their ids,
and merges them. A pack whose hook raises or returns malformed data is *quarantined*: it is
unregistered, its contributions are dropped, and the others load normally.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy
from pydantic import BaseModel, ValidationError

from plugins.contributions import Contributions
from plugins.discovery import Candidate, from_entry_points, from_folder, hooks_module
from plugins.errors import PackError
from plugins.hookspecs import HOOKS, PROJECT, SectorSpecs
from plugins.manifest import API_VERSION, PackInfo, api_compatibility
from plugins.records import RECORD_TYPES, ParameterSpec, RuleSet, Translations
from plugins.status import PackProblem, PackStatus

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path
    from types import ModuleType

    from maps.site import Site

__all__ = ["PackManager"]

log = logging.getLogger("plugins")

_HOOK_KIND = {hook: kind for kind, hook in HOOKS.items()}
_WHAT = {
    "profiles": "profile",
    "rules": "rule set",
    "tasks": "task type",
    "zones": "zone kind",
    "layers": "map layer",
    "kpis": "KPI",
    "playbooks": "playbook",
    "panels": "panel",
    "audit": "audit",
}


class PackManager:
    """Discovers, checks and isolates sector packs; gives typed access to what they provide.

    Parameters
    ----------
    enabled
        Names of the packs to activate (a site's configuration); ``None`` activates every
        pack found. Packs found but not listed are reported as ``disabled``.
    host_api
        The plugin API this host offers (tests use other values).
    builtin_only
        Keep only the packs shipped with AtlasMesh (``--no-external-packs``).
    trace
        Log every hook call with its arguments and results (``ATLASMESH_TRACE_HOOKS=1``).
    """

    def __init__(
        self,
        *,
        enabled: Collection[str] | None = None,
        host_api: str = API_VERSION,
        builtin_only: bool = False,
        trace: bool | None = None,
    ) -> None:
        self.host_api = host_api
        self.enabled = None if enabled is None else tuple(enabled)
        self.builtin_only = builtin_only
        self._pm = pluggy.PluginManager(PROJECT)
        self._pm.add_hookspecs(SectorSpecs)
        self._status: dict[str, PackStatus] = {}
        self._plugins: dict[str, object] = {}
        if trace if trace is not None else os.environ.get("ATLASMESH_TRACE_HOOKS") == "1":
            self._pm.trace.root.setwriter(lambda text: log.info("%s", text.rstrip()))
            self._pm.enable_tracing()

    # ------------------------------------------------------------------ discovery

    def discover(self, *, entry_points: bool = True, folders: Iterable[Path] = ()) -> None:
        """Find and register packs from the entry-point group and from packs folders."""
        candidates: list[Candidate] = []
        if entry_points:
            candidates += from_entry_points()
        for folder in folders:
            candidates += from_folder(folder)
        for candidate in candidates:
            if self.builtin_only and not candidate.builtin:
                continue
            self._consider(candidate)
        self._check_dependencies()

    def add_module(self, module: ModuleType, *, source: str | None = None) -> PackStatus:
        """Register one pack module directly (tests, the contract kit, the scaffold).

        Returns
        -------
        PackStatus
            Its status after the checks.
        """
        label = getattr(getattr(module, "PACK", None), "name", None) or module.__name__
        status = self._consider(Candidate(label, source or f"module {module.__name__}", module))
        self._check_dependencies()
        return status

    def require(self, names: Iterable[str], *, source: str) -> None:
        """Record a refused status for every name enabled in ``source`` but never found.

        A typo in a site's enabled list must not silently leave the site without its pack's
        rules: the missing pack shows in ``atlasmesh pack list``, the edge's start-up line and
        the console like any refused pack.
        """
        found = {s.name for s in self._status.values()}
        for name in names:
            if name in found:
                continue
            known = ", ".join(sorted(found)) or "none"
            self._refuse(
                PackStatus(name, source),
                "missing",
                f"it is enabled in {source} but no pack of that name was found (found: {known})",
                "Install the pack (pip install, or put it in the site's packs folder) or fix "
                "the name in the site configuration.",
            )

    def _consider(self, candidate: Candidate) -> PackStatus:
        """Run the registration checks on one candidate and record its status."""
        label, source = candidate.label, candidate.source
        if candidate.module is None:
            return self._refuse(
                PackStatus(label, source),
                "import",
                candidate.error or "cannot be imported",
                "Fix the error in the pack's code or reinstall it; the other packs are loaded.",
            )
        info_raw = getattr(candidate.module, "PACK", None)
        status = PackStatus(label, source)
        if info_raw is None:
            return self._refuse(
                status,
                "manifest",
                "its module has no PACK manifest",
                "Declare PACK = PackInfo(name=..., version=..., api=...) in the pack's "
                "__init__.py (see docs/packs.md).",
            )
        try:
            info = info_raw if isinstance(info_raw, PackInfo) else PackInfo.model_validate(info_raw)
        except ValidationError as exc:
            return self._refuse(
                status,
                "manifest",
                f"its PACK manifest is invalid: {_first_error(exc)}",
                "Correct the manifest (docs/packs.md lists its fields).",
            )
        status.name, status.info = info.name, info
        if info.name in self._status and self._status[info.name].state != "refused":
            return self._refuse(
                PackStatus(info.name, source, info),
                "conflict",
                f"a pack of this name is already loaded from {self._status[info.name].source}",
                "Uninstall or rename one of them.",
                record=False,
            )
        if candidate.source.startswith("entry point") and candidate.label != info.name:
            return self._refuse(
                status,
                "manifest",
                f"its entry point is named {candidate.label!r} but PACK.name is {info.name!r}",
                f"Name the entry point {info.name!r} in the group atlasmesh.sectors.",
            )
        why = api_compatibility(info.api, self.host_api)
        if why is not None:
            return self._refuse(
                status,
                "api",
                why,
                f"Install a version of the pack built for plugin API {self.host_api}, "
                "or an AtlasMesh that offers the pack's API.",
            )
        if self.enabled is not None and info.name not in self.enabled:
            status.state = "disabled"
            self._status[info.name] = status
            return status
        return self._register(status, info, candidate.module)

    def _register(self, status: PackStatus, info: PackInfo, module: ModuleType) -> PackStatus:
        """Register the pack's hooks with pluggy and check names, signatures and provides."""
        try:
            hooks = hooks_module(module)
        except Exception as exc:  # noqa: BLE001 - isolation boundary
            return self._refuse(
                status,
                "import",
                f"importing its hooks raised {type(exc).__name__}: {exc}",
                "Fix the error in the pack's hooks module.",
            )
        implemented = {
            name for name in dir(hooks) if self._pm.parse_hookimpl_opts(hooks, name) is not None
        }
        unknown = sorted(implemented - set(_HOOK_KIND))
        if unknown:
            return self._refuse(
                status,
                "manifest",
                f"it implements unknown hook(s) {', '.join(unknown)}",
                f"Check the spelling against plugin API {self.host_api}: "
                f"{', '.join(sorted(_HOOK_KIND))}.",
            )
        kinds = {_HOOK_KIND[name] for name in implemented}
        declared = set(info.provides)
        if kinds != declared:
            missing = sorted(declared - kinds)
            extra = sorted(kinds - declared)
            parts = []
            if missing:
                parts.append(f"declares {', '.join(missing)} without implementing the hook")
            if extra:
                parts.append(f"implements {', '.join(extra)} without declaring it")
            return self._refuse(
                status,
                "manifest",
                "its PACK.provides does not match its hooks: " + "; ".join(parts),
                "List exactly the contribution kinds the pack implements in PACK.provides.",
            )
        try:
            self._pm.register(hooks, name=info.name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            return self._refuse(
                status,
                "manifest",
                f"pluggy refused its hooks: {exc}",
                "Hook implementations may only ask for the arguments the hookspec declares.",
            )
        self._plugins[info.name] = hooks
        status.state = "active"
        self._status[info.name] = status
        return status

    def _check_dependencies(self) -> None:
        """Refuse active packs whose ``depends_on`` packs are not active."""
        for status in list(self._status.values()):
            if status.state != "active" or status.info is None:
                continue
            missing = [d for d in status.info.depends_on if self._state(d) != "active"]
            if missing:
                self._unregister(status.name)
                self._refuse(
                    status,
                    "dependency",
                    f"it needs the pack(s) {', '.join(missing)}, which are not active",
                    "Install and enable them for this site, or disable this pack.",
                )

    def _state(self, name: str) -> str | None:
        status = self._status.get(name)
        return None if status is None else status.state

    def _refuse(
        self, status: PackStatus, kind: str, problem: str, remedy: str, *, record: bool = True
    ) -> PackStatus:
        status.state = "refused"
        status.problem = PackProblem(status.name, kind, problem, remedy)
        log.error("%s", status.problem.message)
        if record:
            self._status[status.name] = status
        else:
            self._status[f"{status.name}@{status.source}"] = status
        return status

    def _unregister(self, name: str) -> None:
        plugin = self._plugins.pop(name, None)
        if plugin is not None:
            self._pm.unregister(plugin)

    # ------------------------------------------------------------------ collection

    def collect(
        self,
        *,
        site: Site | None = None,
        overrides: Mapping[str, Mapping[str, float]] | None = None,
    ) -> Contributions:
        """Call every active pack's hooks in isolation and merge what they return.

        Parameters
        ----------
        site
            Passed to ``atlas_map_layers`` (layers are skipped without a site).
        overrides
            Per pack, parameter values that replace the defaults (local names, without the
            ``<pack>.`` prefix), from the site configuration.

        Returns
        -------
        Contributions
            The merged records of the packs that stayed active.
        """
        merged = Contributions()
        for name in list(self._plugins):
            staged = Contributions()
            try:
                counts = self._collect_pack(name, staged, merged, site, (overrides or {}).get(name))
            except PackError as exc:
                self.quarantine(name, exc)
                continue
            _merge(merged, staged)
            self._status[name].counts = counts
        return merged

    def _collect_pack(
        self,
        name: str,
        staged: Contributions,
        merged: Contributions,
        site: Site | None,
        overrides: Mapping[str, float] | None,
    ) -> dict[str, int]:
        """Collect one pack into ``staged``; raise :class:`PackError` on any problem."""
        counts: dict[str, int] = {}
        params = self._call(name, "atlas_parameters", {})
        for spec in params:
            assert isinstance(spec, ParameterSpec)
            self._claim(name, spec.id, staged, merged, "parameter")
            staged.parameters[spec.id] = spec
            staged.values[spec.id] = spec.default
        _apply_overrides(name, staged, overrides or {})
        counts["parameters"] = len(params)
        local = {pid.removeprefix(f"{name}."): v for pid, v in staged.values.items()}
        for hook, kind in (
            ("atlas_vehicle_profiles", "profiles"),
            ("atlas_rule_sets", "rules"),
            ("atlas_task_types", "tasks"),
            ("atlas_zone_kinds", "zones"),
            ("atlas_map_layers", "layers"),
            ("atlas_kpis", "kpis"),
            ("atlas_assist_playbooks", "playbooks"),
            ("atlas_console_panels", "panels"),
            ("atlas_audit_defaults", "audit"),
        ):
            if hook == "atlas_map_layers" and site is None:
                continue
            kwargs: dict[str, Any] = {}
            if hook == "atlas_rule_sets":
                kwargs["params"] = dict(local)
            elif hook == "atlas_map_layers":
                kwargs["site"] = site
            records = self._call(name, hook, kwargs)
            target = staged.by_kind()[kind]
            for record in records:
                rid = str(getattr(record, "id"))  # noqa: B009 - every record type has an id
                self._claim(name, rid, staged, merged, _WHAT[kind])
                target[rid] = record
            _store(staged, kind, target)
            counts[kind] = (
                sum(len(r.rules) for r in records if isinstance(r, RuleSet))
                if kind == "rules"
                else len(records)
            )
        for rule_set in staged.rule_sets.values():
            for rule in rule_set.rules:
                if not rule.id.startswith(f"{name}."):
                    raise PackError(
                        name,
                        f"rule {rule.id!r} of rule set {rule_set.id!r} is not in the pack's "
                        f"namespace",
                        f"Name it '{name}.<rule>'.",
                    )
                self._claim(name, rule.id, staged, merged, "rule")
        translations = self._call(name, "atlas_translations", {})
        for tr in translations:
            assert isinstance(tr, Translations)
            staged.translations.setdefault(tr.language, {}).update(tr.messages)
        counts["translations"] = len(translations)
        return counts

    def _call(self, name: str, hook: str, kwargs: dict[str, Any]) -> list[BaseModel]:
        """Call one pack's implementation of ``hook``; validate the records it returns."""
        kind = _HOOK_KIND[hook]
        caller = self._pm.subset_hook_caller(
            hook, remove_plugins=[p for n, p in self._plugins.items() if n != name]
        )
        try:
            results = caller(**kwargs)
            items = [item for result in results for item in _iterable(result)]
        except Exception as exc:  # isolation boundary: quarantine the pack
            raise _HookFailedError(
                name,
                f"it raised {type(exc).__name__}: {exc}",
                "The pack is quarantined; the other packs keep running. Report this to the "
                "pack's author (run with ATLASMESH_TRACE_HOOKS=1 for a trace).",
                hook,
            ) from exc
        model = RECORD_TYPES[kind]
        out: list[BaseModel] = []
        for index, item in enumerate(items):
            if isinstance(item, model):
                out.append(item)
                continue
            try:
                out.append(model.model_validate(item))
            except ValidationError as exc:
                raise _HookFailedError(
                    name,
                    f"item {index} is not a valid {model.__name__}: {_first_error(exc)}",
                    f"Return plugins.{model.__name__} records from {hook}.",
                    hook,
                ) from exc
        return out

    def _claim(
        self, name: str, rid: str, staged: Contributions, merged: Contributions, what: str
    ) -> None:
        """Record ``rid`` as this pack's; refuse a foreign prefix or an id taken by another."""
        if not rid.startswith(f"{name}."):
            raise PackError(
                name,
                f"the {what} id {rid!r} is not in the pack's namespace",
                f"Ids a pack contributes start with '{name}.'.",
            )
        other = merged.owner.get(rid)
        if other is not None and other != name:
            raise PackError(
                name,
                f"the {what} id {rid!r} is also contributed by pack {other!r}",
                "Rename one of them.",
            )
        if rid in staged.owner:
            raise PackError(name, f"it contributes the {what} id {rid!r} twice", "Ids are unique.")
        staged.owner[rid] = name

    def quarantine(self, name: str, exc: PackError) -> None:
        """Isolate an active pack: unregister it, drop its contributions, record why."""
        status = self._status[name]
        hook = exc.hook if isinstance(exc, _HookFailedError) else None
        kind = "hook" if hook else "site" if exc.problem.startswith("site config") else "conflict"
        status.state = "quarantined"
        status.problem = PackProblem(name, kind, exc.problem, exc.remedy, hook)
        status.counts = {}
        log.error("%s", status.problem.message)
        self._unregister(name)

    # ------------------------------------------------------------------ queries

    @property
    def statuses(self) -> tuple[PackStatus, ...]:
        """Every pack seen, in discovery order."""
        return tuple(self._status.values())

    def status(self, name: str) -> PackStatus:
        """Return the status of one pack by name.

        Raises
        ------
        KeyError
            When no pack of that name was seen.
        """
        return self._status[name]

    @property
    def active(self) -> tuple[str, ...]:
        """Names of the active packs, in registration order."""
        return tuple(self._plugins)

    @property
    def problems(self) -> tuple[PackProblem, ...]:
        """Every refusal and quarantine, for logs and the console."""
        return tuple(s.problem for s in self._status.values() if s.problem is not None)


class _HookFailedError(PackError):
    """A hook raised or returned malformed records."""

    def __init__(self, pack: str, problem: str, remedy: str, hook: str) -> None:
        super().__init__(pack, problem, remedy)
        self.hook = hook


def _iterable(result: object) -> list[object]:
    """Return a hook's return value as a list (a single record is accepted too)."""
    if result is None:
        return []
    if isinstance(result, BaseModel | dict):
        return [result]
    if isinstance(result, Iterable) and not isinstance(result, str | bytes):
        return list(result)
    raise TypeError(f"returned {type(result).__name__}, not an iterable of records")


def _apply_overrides(name: str, staged: Contributions, overrides: Mapping[str, float]) -> None:
    """Replace parameter defaults with the site's values, within the declared bounds."""
    for local, value in overrides.items():
        pid = f"{name}.{local}"
        spec = staged.parameters.get(pid)
        if spec is None:
            known = ", ".join(sorted(p.removeprefix(f"{name}.") for p in staged.parameters))
            raise PackError(
                name,
                f"site configuration sets unknown parameter {local!r}",
                f"Use one of: {known or '(the pack has no parameters)'}.",
            )
        if not spec.minimum <= value <= spec.maximum:
            raise PackError(
                name,
                f"site configuration sets {local} = {value:g} {spec.unit}, outside "
                f"[{spec.minimum:g}, {spec.maximum:g}]",
                "Choose a value within the pack's bounds in the site's .site.toml.",
            )
        staged.values[pid] = float(value)


def _store(staged: Contributions, kind: str, records: dict[str, object]) -> None:
    """Write ``records`` into the staged mapping of ``kind``."""
    attr = {
        "parameters": "parameters",
        "profiles": "profiles",
        "rules": "rule_sets",
        "tasks": "tasks",
        "zones": "zone_kinds",
        "layers": "layers",
        "kpis": "kpis",
        "playbooks": "playbooks",
        "panels": "panels",
        "audit": "audit",
    }[kind]
    getattr(staged, attr).update(records)


def _merge(into: Contributions, staged: Contributions) -> None:
    """Add a pack's staged records to the merged contributions."""
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
        "owner",
    ):
        getattr(into, attr).update(getattr(staged, attr))
    for language, messages in staged.translations.items():
        into.translations.setdefault(language, {}).update(messages)


def _first_error(exc: ValidationError) -> str:
    """Format the first pydantic error as ``field: message``."""
    first = exc.errors(include_url=False)[0]
    loc = ".".join(str(p) for p in first["loc"])
    msg = str(first["msg"]).removeprefix("Value error, ")
    more = len(exc.errors()) - 1
    tail = f" (and {more} more)" if more else ""
    return f"{loc}: {msg}{tail}" if loc else f"{msg}{tail}"
