"""Mining pack (open pit): haul trucks and light vehicles, haul-road rules, the haul cycle.

Encodes the mining rules of SECTOR_RULES.md section 4.1 that the governor's inputs can
express, with their strength and source; site-example figures (strength E) are
parameters a site may change in its ``.site.toml``. docs/packs.md lists what is encoded and
what is not yet.
"""

from plugins import API_VERSION, PackInfo

__all__ = ["PACK"]

PACK = PackInfo(
    name="mining",
    version="1.1.0",
    api=API_VERSION,
    title="Mining (open pit)",
    title_ar="التعدين (حفرة مفتوحة)",
    description=(
        "Haul trucks (loaded and empty) and light vehicles; haul-road and ramp speed limits, "
        "following distance on level roads and grades, right of way at intersections, "
        "haul-road entry, exclusion zones around loading units, blast stand-off and the "
        "misfire wait, no automatic resume near a loader after an outage; the haul cycle; "
        "tonnes per hour, queue and cycle times."
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
        "panels",
    ),
)
