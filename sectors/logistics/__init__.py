"""Logistics pack (port, container yard, depot): yard tractors and AGVs, yard traffic rules.

Encodes SECTOR_RULES.md section 4.2 where the governor's rule language can express it, with
strength and source, and offers the VDA 5050 v3 zone vocabulary (section 6.4) as zone kinds.
"""

from plugins import API_VERSION, PackInfo

__all__ = ["PACK"]

PACK = PackInfo(
    name="logistics",
    version="1.0.0",
    api=API_VERSION,
    title="Logistics (port, yard, depot)",
    title_ar="الخدمات اللوجستية (ميناء، ساحة، مستودع)",
    description=(
        "Yard tractors and AGVs; pedestrian-zone and cross-aisle speed limits, a general yard "
        "limit, no restart near pedestrians without a confirmation; yard-move and dock tasks; "
        "the VDA 5050 v3 zone vocabulary."
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
    ),
)
