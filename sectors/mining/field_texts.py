"""The mining pack's texts beyond titles: units, sources, descriptions, instructions, manifest.

Keyed as :mod:`plugins.texts` says (``<id>:<field>``, ``mining:<field>``).  English is the
records' own fields (:func:`english`); Arabic is written here, with citations, clause numbers
and product names as left-to-right islands (``_l``) so they read in order inside Arabic text.
"""

from __future__ import annotations

from plugins import english_texts, text_key
from sectors.mining import PACK
from sectors.mining.catalogue import KPIS, PLAYBOOKS, ZONES
from sectors.mining.rules import PARAMETERS

__all__ = ["ARABIC", "english"]


def _l(text: str) -> str:
    """Return ``text`` as a left-to-right island (a citation, a code, a figure with its unit)."""
    return f"\u2066{text}\u2069"


_KMH, _M, _PCT, _MIN = "كم/س", "م", "%", "دقيقة"
_M18 = (
    f"{_l('SECTOR_RULES M18')}: حدود سرعة من أمثلة المواقع "
    f"({_l('auto-defend.com news/72; studylib 5326838')})"
)
_M22 = (
    f"{_l('SECTOR_RULES M22')}: القيم الافتراضية لمحاكاة النقل ({_l('Micromine Alastri')}): "
    f"نحو {_l('40 km/h')} على المنحدرات الأشد من {_l('-9.5 %')}"
)
_M9 = (
    f"{_l('SECTOR_RULES M9')}: {_l('≥ 200 ft (61 m)')} على الطرق المستوية، "
    f"و{_l('≥ 400 ft (122 m)')} "
    f"على المنحدرات (ملخص ثانوي لدليل {_l('MSHA PH99-I-4')})"
)

ARABIC: dict[str, str] = {
    text_key("mining", "title"): PACK.title_ar,
    text_key("mining", "description"): (
        "شاحنات النقل (محمّلة وفارغة) والمركبات الخفيفة؛ حدود السرعة على طرق النقل والمنحدرات، "
        "ومسافة التتبع على الطرق المستوية والمنحدرات، وأولوية المرور عند التقاطعات، ودخول طرق "
        "النقل، ومناطق الحظر حول وحدات التحميل، ومسافة الأمان من التفجير ومدة انتظار فشل "
        "التفجير، ومنع الاستئناف التلقائي قرب المحمّل بعد انقطاع الاتصال؛ دورة النقل؛ الأطنان في "
        "الساعة وزمن الانتظار وزمن الدورة."
    ),
    # parameters: unit and source
    "mining.haul_road_speed_kmh:unit": _KMH,
    "mining.haul_road_speed_kmh:source": f"{_M18} — {_l('45 km/h')} على طرق النقل",
    "mining.loaded_speed_kmh:unit": _KMH,
    "mining.loaded_speed_kmh:source": (
        f"{_l('SECTOR_RULES M22')} (القيم الافتراضية لـ{_l('Micromine')}: نحو {_l('40 km/h')} على "
        f"المنحدرات الأشد من {_l('-9.5 %')}) و{_l('M21')} (حدّا سرعة منفصلان للمحمّلة والفارغة، "
        f"{_l('Modular SpeedAlert')})"
    ),
    "mining.exclusion_radius_m:unit": _M,
    "mining.exclusion_radius_m:source": (
        f"{_l('SECTOR_RULES M16')}: منطقة حظر بنصف قطر {_l('50 m')} حول المعدات العاملة "
        "(قاعدة موقع)"
    ),
    "mining.loader_approach_m:unit": _M,
    "mining.loader_approach_m:source": (
        f"مثال موقع: ضعف نصف قطر الحظر في {_l('M16')}، وتباعد «ثلاثة أطوال شاحنة» في {_l('M17')}"
    ),
    "mining.approach_speed_kmh:unit": _KMH,
    "mining.approach_speed_kmh:source": (
        f"{_M18} — {_l('20 km/h')} في «الأماكن الأخرى» (خارج طرق النقل)"
    ),
    "mining.blast_standoff_m:unit": _M,
    "mining.blast_standoff_m:source": (
        f"مثال موقع؛ المادة {_l('30 CFR 56.6306(e)')} «إنذار كافٍ ومنطقة خالية» ({_l('M6, R')}) "
        "لا تحدد مسافة"
    ),
    "mining.outage_loader_radius_m:unit": _M,
    "mining.outage_loader_radius_m:source": (
        f"{_l('SECTOR_RULES M13')}: توجيه هيئة التفتيش بعد حادثة {_l('Goonyella 2023')} "
        "(لا استئناف "
        "تلقائي قرب وحدة التحميل بعد انقطاع الاتصال)"
    ),
    "mining.following_distance_m:unit": _M,
    "mining.following_distance_m:source": _M9,
    "mining.grade_following_distance_m:unit": _M,
    "mining.grade_following_distance_m:source": _M9,
    "mining.grade_from_pct:unit": _PCT,
    "mining.grade_from_pct:source": (
        f"مثال موقع: لا يحدد {_l('M9')} رقمًا للمنحدرات؛ عند {_l('5 %')} تبقى طرق النقل (حتى نحو "
        f"{_l('2 %')}) مستوية وتدخل المنحدرات ضمنها ({_l('M20')}: الهدف للمنحدر {_l('≤ 8 %')}، "
        f"و{_l('10 %')} مؤقتًا)"
    ),
    "mining.steep_downgrade_pct:unit": _PCT,
    "mining.steep_downgrade_pct:source": _M22,
    "mining.steep_downgrade_speed_kmh:unit": _KMH,
    "mining.steep_downgrade_speed_kmh:source": _M22,
    "mining.intersection_approach_m:unit": _M,
    "mining.intersection_approach_m:source": (
        f"مثال موقع: لا تقل عن مسافة توقف شاحنة من فئة {_l('220 t')} من سرعة {_l('45 km/h')} "
        f"({_l('12.5 m/s, 1.5 m/s²: 52 m')})؛ لا يحدد {_l('M15/M17')} مسافة"
    ),
    "mining.light_vehicle_gap_m:unit": _M,
    "mining.light_vehicle_gap_m:source": (
        f"{_l('SECTOR_RULES M17')}: {_l('≥ 50 m')} أو ثلاثة أطوال شاحنة خلف شاحنة النقل "
        "(قاعدة موقع)"
    ),
    "mining.misfire_wait_min:unit": _MIN,
    "mining.misfire_wait_min:source": (
        f"{_l('30 CFR 56.6310')} ({_l('SECTOR_RULES M7')}): {_l('15 min')} للتفجير بغير فتيل، "
        f"و{_l('30 min')} للفتيل الآمن، و{_l('30 min')} أو المدة التي يحددها المصنّع للصواعق "
        "الإلكترونية"
    ),
    # zone kinds
    "mining.blast:description": (
        f"نمط تفجير محشو أو قيد التفجير؛ لا عودة إلا بعد انتهاء مدة انتظار فشل التفجير "
        f"({_l('30 CFR 56.6306, 56.6310')})."
    ),
    "mining.exclusion:description": (
        f"{_l('50 m')} حول المعدات العاملة؛ لا دخول إلا بإذن المشغّل ({_l('M16')})."
    ),
    "mining.closed_road:description": "طريق مغلق للإصلاح أو بسبب خطر.",
    "mining.workshop_area:description": (
        f"منطقة مرافق بحد سرعة معلن أدنى ({_l('M18: 10-20 km/h')})."
    ),
    # KPIs
    "mining.tonnes_per_hour:unit": "طن/ساعة",
    "mining.tonnes_per_hour:description": "أطنان الحمولة المفرغة في الساعة لجميع شاحنات النقل.",
    "mining.loader_queue_time:unit": "ث",
    "mining.loader_queue_time:description": (
        "الوقت الذي تنتظره شاحنة النقل عند نقطة التحميل قبل بدء التحميل (الوسيط)."
    ),
    "mining.cycle_time:unit": "ث",
    "mining.cycle_time:description": "الزمن من تحميل إلى التحميل التالي لشاحنة النقل (الوسيط).",
    # assist playbooks
    "mining.rearm_request:instructions": (
        "تأكّد عبر اللاسلكي مع مشغّل المحمّل أن الشاحنة يمكنها التحرك؛ ولا تُجب بـ«المتابعة» إلا "
        "بعد تأكيد صريح."
    ),
    "mining.exclusion_entry:instructions": (
        f"لا تأذن بالدخول إلا بعد تواصل مؤكَّد مع مشغّل المحمّل ({_l('M16')})."
    ),
    "mining.misfire:instructions": (
        f"أبقِ منطقة التفجير نشطة (مغلقة) طوال مدة انتظار فشل التفجير "
        f"({_l('mining.misfire_wait_min, 30 CFR 56.6310')})؛ ولا تُجب بـ«المتابعة» أبدًا."
    ),
}
"""Arabic texts of the mining records' and manifest's fields."""


def english() -> dict[str, str]:
    """Return the English texts of the same fields: the records' and manifest's own."""
    return english_texts(PACK, (*PARAMETERS, *ZONES, *KPIS, *PLAYBOOKS))
