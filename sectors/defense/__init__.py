"""Defense pack (base, convoy): UGVs and leader-follower convoys, march rules, strict audit.

Encodes SECTOR_RULES.md section 4.3 (US Army field manuals: doctrine, strength D) where the
governor's rule language can express it; movement-order figures are parameters.
"""

from plugins import API_VERSION, PackInfo

__all__ = ["PACK"]

PACK = PackInfo(
    name="defense",
    version="1.0.0",
    api=API_VERSION,
    title="Defense (base, convoy)",
    title_ar="الدفاع (قاعدة، قافلة)",
    description=(
        "UGVs, convoy leaders and unmanned followers; catch-up speed cap, blackout drive "
        "speed, emission-control zones, followers hold when they lose the link; patrol and "
        "resupply tasks; stricter audit defaults."
    ),
    provides=(
        "parameters",
        "profiles",
        "rules",
        "tasks",
        "zones",
        "layers",
        "kpis",
        "playbooks",
        "translations",
        "audit",
    ),
)
