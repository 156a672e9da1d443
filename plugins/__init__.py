"""The sector-pack host: pluggy hookspecs, the pack manager and the pack contract kit.

This package is the public API packs import (STYLE.md, principle 10): the hook marker, the
manifest, the record types and ``API_VERSION``. Nothing here knows a sector by name.
"""

from plugins.compose import compose_bundle
from plugins.contributions import Contributions
from plugins.discovery import ENTRY_POINT_GROUP
from plugins.errors import (
    ConflictError,
    HookError,
    IncompatibleApiError,
    ManifestError,
    PackError,
    SiteConfigError,
)
from plugins.hookspecs import HOOKS, hookimpl
from plugins.manager import PackManager
from plugins.manifest import API_VERSION, PROVIDES, PackInfo, api_compatibility
from plugins.records import (
    AssistPlaybook,
    AuditDefaults,
    ConsolePanel,
    EnergyModel,
    Kinematics,
    KpiDefinition,
    LayerStyle,
    MapLayer,
    OperationalDesignDomain,
    ParameterSpec,
    RuleSet,
    TaskStep,
    TaskType,
    Translations,
    VehicleProfile,
    ZoneKind,
)
from plugins.runtime import SitePacks, load_site_packs
from plugins.siteconfig import SiteConfig, load_site_config
from plugins.status import PackProblem, PackStatus
from plugins.texts import english_texts, pack_text, record_text, text_key

__all__ = [
    "API_VERSION",
    "ENTRY_POINT_GROUP",
    "HOOKS",
    "PROVIDES",
    "AssistPlaybook",
    "AuditDefaults",
    "ConflictError",
    "ConsolePanel",
    "Contributions",
    "EnergyModel",
    "HookError",
    "IncompatibleApiError",
    "Kinematics",
    "KpiDefinition",
    "LayerStyle",
    "ManifestError",
    "MapLayer",
    "OperationalDesignDomain",
    "PackError",
    "PackInfo",
    "PackManager",
    "PackProblem",
    "PackStatus",
    "ParameterSpec",
    "RuleSet",
    "SiteConfig",
    "SiteConfigError",
    "SitePacks",
    "TaskStep",
    "TaskType",
    "Translations",
    "VehicleProfile",
    "ZoneKind",
    "api_compatibility",
    "compose_bundle",
    "english_texts",
    "hookimpl",
    "load_site_config",
    "load_site_packs",
    "pack_text",
    "record_text",
    "text_key",
]
