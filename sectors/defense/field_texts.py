"""The defense pack's texts beyond titles: units, sources, descriptions, instructions, manifest.

Keyed as :mod:`plugins.texts` says (``<id>:<field>``, ``defense:<field>``).  English is the
records' own fields (:func:`english`); Arabic is written here, with field-manual references
and codes as left-to-right islands (``_l``).
"""

from __future__ import annotations

from plugins import english_texts, text_key
from sectors.defense import PACK
from sectors.defense.catalogue import KPIS, PLAYBOOKS, ZONES
from sectors.defense.rules import PARAMETERS

__all__ = ["ARABIC", "english"]


def _l(text: str) -> str:
    """Return ``text`` as a left-to-right island (a citation, a code, a figure with its unit)."""
    return f"\u2066{text}\u2069"


_KMH, _M = "كم/س", "م"
_D4 = f"{_l('FM 11-43')} القسم {_l('5-2')} ({_l('SECTOR_RULES D4')})"
_LIGHTS = "مثال موقع: انضباط الإضاءة في أمر التحرك"

ARABIC: dict[str, str] = {
    text_key("defense", "title"): PACK.title_ar,
    text_key("defense", "description"): (
        "المركبات البرية غير المأهولة وقادة القوافل والمركبات التابعة غير المأهولة؛ حد سرعة "
        "اللحاق، وسرعة القيادة في التعتيم، ومناطق التحكم في الانبعاث، وتوقف المركبات التابعة "
        "عند فقدان الاتصال؛ مهام الدورية والإمداد؛ إعدادات تدقيق أشد."
    ),
    "defense.catch_up_speed_kmh:unit": _KMH,
    "defense.catch_up_speed_kmh:source": (
        f"{_l('FM 3-21.8 5-15/5-16')}: يحدد أمر التحرك سرعة اللحاق القصوى ({_l('D3')})؛ "
        f"الافتراضي: سرعة الطرق السريعة محدودة المداخل في {_D4}"
    ),
    "defense.built_up_speed_kmh:unit": _KMH,
    "defense.built_up_speed_kmh:source": f"{_D4}: المناطق المأهولة {_l('24 km/h (15 mph)')}",
    "defense.blackout_speed_kmh:unit": _KMH,
    "defense.blackout_speed_kmh:source": f"{_D4}: القيادة في التعتيم {_l('8 km/h (5 mph)')}",
    "defense.blackout_from_hour:unit": "الساعة",
    "defense.blackout_from_hour:source": _LIGHTS,
    "defense.blackout_until_hour:unit": "الساعة",
    "defense.blackout_until_hour:source": _LIGHTS,
    "defense.column_interval_m:unit": _M,
    "defense.column_interval_m:source": (
        f"{_l('FM 3-21.8 5-17')}: الرتل المفتوح {_l('50-100 m')} ({_l('SECTOR_RULES D1')})؛ "
        f"{_l('FM 11-43 5-2')}: مسافة التخطيط في المدن {_l('50 m')} ({_l('D4')})"
    ),
    "defense.close_column_min_m:unit": _M,
    "defense.close_column_min_m:source": (
        f"{_l('FM 3-21.8 5-19')}: الرتل المتقارب {_l('20-25 m')} ({_l('SECTOR_RULES D2')})"
    ),
    "defense.follower_min_confidence:unit": "نسبة",
    "defense.follower_min_confidence:source": (
        f"مثال موقع، أشد من قيمة النواة {_l('0.85')}؛ برنامج القائد والتابع ({_l('D7/D8')})"
    ),
    "defense.no_go:description": (
        f"لا تُدخل أبدًا (حقل ألغام، منطقة محظورة)؛ تفرضها القاعدة {_l('core.blocked_zone')}."
    ),
    "defense.emcon:description": (
        f"صمت لاسلكي عند الدخول: لا مهمة جديدة ({_l('defense.emcon_zone')})."
    ),
    "defense.rally_point:description": "حيث تعيد وحدات المسير تجمّعها بعد توقف أو انقطاع التماس.",
    "defense.march_rate:unit": _KMH,
    "defense.march_rate:description": "متوسط سرعة الرتل بين إجراءات السيطرة، بما فيها التوقفات.",
    "defense.interval_compliance:unit": "%",
    "defense.interval_compliance:description": (
        f"نسبة الوقت الذي تحافظ فيه كل مركبة تابعة على المسافة المأمور بها (رتل مفتوح أو "
        f"متقارب، {_l('D1/D2')})."
    ),
    "defense.follower_assist:instructions": (
        "قارن صورة كاميرا المركبة التابعة بموقع القائد؛ ولا تسلّم القيادة للقيادة عن بُعد إلا "
        "لمن يحمل دور السائق عن بُعد."
    ),
}
"""Arabic texts of the defense records' and manifest's fields."""


def english() -> dict[str, str]:
    """Return the English texts of the same fields: the records' and manifest's own."""
    return english_texts(PACK, (*PARAMETERS, *ZONES, *KPIS, *PLAYBOOKS))
