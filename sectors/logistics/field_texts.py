"""The logistics pack's texts beyond titles: units, sources, descriptions, instructions, manifest.

Keyed as :mod:`plugins.texts` says (``<id>:<field>``, ``logistics:<field>``).  English is the
records' own fields (:func:`english`); Arabic is written here, with citations, clause numbers
and standard names as left-to-right islands (``_l``).
"""

from __future__ import annotations

from plugins import english_texts, text_key
from sectors.logistics import PACK
from sectors.logistics.catalogue import KPIS, PLAYBOOKS, ZONES
from sectors.logistics.rules import PARAMETERS

__all__ = ["ARABIC", "english"]


def _l(text: str) -> str:
    """Return ``text`` as a left-to-right island (a citation, a code, a figure with its unit)."""
    return f"\u2066{text}\u2069"


_KMH, _M = "كم/س", "م"
_L4 = (
    f"{_l('SECTOR_RULES L4')}: إرشاد {_l('MHEDA')}، {_l('≤ 8 mph')} عمومًا و{_l('≤ 3 mph')} حيث "
    f"يوجد مشاة ({_l('hardhattraining.com')})؛ {_l('29 CFR 1910.178(n)(1)')} التقيّد بحدود "
    f"المنشأة ({_l('L1')})"
)
_VDA = f"نوع المنطقة في {_l('VDA 5050 v3')} القسم {_l('6.4')}"

ARABIC: dict[str, str] = {
    text_key("logistics", "title"): PACK.title_ar,
    text_key("logistics", "description"): (
        "جرارات الساحات والمركبات الموجّهة آليًا؛ حدود السرعة في مناطق المشاة والممرات "
        "العرضية، وحد عام للساحة، ومنع إعادة التشغيل قرب المشاة دون تأكيد؛ مهام النقل داخل "
        f"الساحة والأرصفة؛ مفردات المناطق في {_l('VDA 5050 v3')}."
    ),
    "logistics.yard_speed_kmh:unit": _KMH,
    "logistics.yard_speed_kmh:source": _L4,
    "logistics.pedestrian_speed_kmh:unit": _KMH,
    "logistics.pedestrian_speed_kmh:source": _L4,
    "logistics.cross_aisle_speed_kmh:unit": _KMH,
    "logistics.cross_aisle_speed_kmh:source": (
        f"{_l('29 CFR 1910.178(n)(4)')}: خفّف السرعة واستخدم البوق عند الممرات العرضية "
        f"({_l('L2, R')}؛ دون رقم): رقم المشاة في {_l('L4')} مثالًا للموقع"
    ),
    "logistics.following_distance_m:unit": _M,
    "logistics.following_distance_m:source": (
        f"{_l('29 CFR 1910.178(n)(1)')}: نحو ثلاثة أطوال مركبة ({_l('SECTOR_RULES L1')})؛ "
        f"{_l('3 × 18 m')} لجرار ساحة بمقطورة {_l('40 ft')}"
    ),
    "logistics.restart_check_m:unit": _M,
    "logistics.restart_check_m:source": (
        f"مثال موقع؛ {_l('ISO 3691-4:2020 4.1.14')}: لا إعادة تشغيل تلقائية ({_l('L5, S')})"
    ),
    "logistics.blocked:description": (
        f"{_VDA} {_l('BLOCKED')}: لا تُدخل أبدًا، وتتقدّم دائمًا على غيرها."
    ),
    "logistics.speed_limit:description": (
        f"{_VDA} {_l('SPEED_LIMIT')}: السرعة القصوى بالمتر في الثانية؛ وحيث تتداخل المناطق "
        "يسري الحد الأدنى."
    ),
    "logistics.pedestrian:description": (
        f"الممرات ومنصات التثبيت ومسارات البوابات حيث يسير الناس ({_l('L4')})."
    ),
    "logistics.release:description": (
        f"{_VDA} {_l('RELEASE')}: لا دخول إلا بإذن، مع مهلة محددة وسلوك عند فقدانها (توقف، "
        "متابعة، إخلاء)."
    ),
    "logistics.cross_aisle_zone:description": (
        f"{_VDA} {_l('ACTION')}: خفّف السرعة واستخدم البوق عند الدخول ({_l('L2')})."
    ),
    "logistics.directed:description": (
        f"{_VDA} {_l('DIRECTED / BIDIRECTED')}: ممرات باتجاه واحد (الطرق تحمل خاصية الاتجاه "
        "الواحد)."
    ),
    "logistics.priority:description": (
        f"{_VDA} {_l('PRIORITY / PENALTY')}: معاملات توجيه المسار {_l('0.0-1.0')}."
    ),
    "logistics.moves_per_hour:unit": "نقلة/ساعة",
    "logistics.moves_per_hour:description": (
        "عمليات النقل المكتملة في الساحة كل ساعة، لجميع المركبات."
    ),
    "logistics.crane_wait_time:unit": "ث",
    "logistics.crane_wait_time:description": (
        "الوقت الذي تنتظره المركبة عند رافعة الرصيف قبل الاستلام (الوسيط)."
    ),
    "logistics.dock_turn_time:unit": "ث",
    "logistics.dock_turn_time:description": (
        "من الوصول إلى باب الرصيف حتى المغادرة (المئين التسعون)."
    ),
    "logistics.restart_confirm:instructions": (
        "راجع صورة الكاميرا ومنطقة المشاة؛ ولا تُجب بـ«المتابعة» إلا إذا لم يكن أحد ضمن مسافة "
        f"توقف المركبة ({_l('ISO 3691-4 4.2')})."
    ),
    "logistics.release_area:instructions": (
        "لا تمنح الإذن إلا بعد أن يُخلي صاحب المنطقة (الرافعة، البوابة) المنطقة."
    ),
}
"""Arabic texts of the logistics records' and manifest's fields."""


def english() -> dict[str, str]:
    """Return the English texts of the same fields: the records' and manifest's own."""
    return english_texts(PACK, (*PARAMETERS, *ZONES, *KPIS, *PLAYBOOKS))
