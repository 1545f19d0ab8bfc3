"""English and Arabic: UI strings, text direction, and dates through Babel (Iraqi month names).

One table holds every UI string in both languages, so a missing translation is a test failure
rather than an English word in the middle of an Arabic page.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from gapwatch.model import FuzzyDate

Lang = Literal["en", "ar"]
LANGS: tuple[Lang, ...] = ("en", "ar")
DEFAULT_LANG: Lang = "en"
BABEL_LOCALE: dict[Lang, str] = {"en": "en", "ar": "ar_IQ"}


def parse_lang(value: object) -> Lang | None:
    """The language code if `value` names one we support, else None."""
    return "ar" if value == "ar" else "en" if value == "en" else None


def direction(lang: Lang) -> Literal["ltr", "rtl"]:
    """Text direction for the page in `lang`."""
    return "rtl" if lang == "ar" else "ltr"


# key → (English, Arabic). Labels for data enums use the enum value as key.
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Gap Watch", "مرصد الفجوات"),
    "app_subtitle": (
        "Iraqi army and Peshmerga cooperation against ISIS remnants, early 2019 — "
        "one Arabic report as sourced, explorable data",
        "تعاون الجيش العراقي والبيشمركة ضد فلول داعش، مطلع 2019 — "
        "تقرير عربي واحد كبيانات موثقة المصدر وقابلة للاستكشاف",
    ),
    "language": ("Language", "اللغة"),
    "single_source": (
        "Single source: everything here rests on one Diyaruna article.",
        "مصدر واحد: كل ما هنا يستند إلى مقال واحد من ديارنا.",
    ),
    # key figures
    "fig_meetings": ("Meetings reported", "اللقاءات المذكورة"),
    "fig_date_span": ("Date span", "المدى الزمني"),
    "fig_gap": ("Gap between forces", "المسافة بين القوات"),
    "fig_gap_value": ("1–20 km", "1–20 كم"),
    "fig_places": ("Places named", "الأماكن المذكورة"),
    "fig_key_points": ("Key points agreed", "النقاط المتفق عليها"),
    # event types
    "meeting_series": ("Series of meetings", "سلسلة لقاءات"),
    "meeting": ("Meeting", "اجتماع"),
    "meeting_round": ("Round of meetings", "جولة لقاءات"),
    "announcement": ("Announcement", "إعلان"),
    "statement": ("Statement", "تصريح"),
    # epistemic statuses
    "reported_fact": ("Reported fact", "واقعة مذكورة"),
    "agreed_intention": ("Agreed intention", "نية متفق عليها"),
    "claim": ("Claim or assessment", "ادعاء أو تقدير"),
    "opinion": ("Opinion", "رأي"),
    # date precision
    "day": ("Exact day", "يوم محدد"),
    "days": ("Within a few days", "خلال بضعة أيام"),
    "month": ("Within a month", "خلال شهر"),
    "part_of_year": ("Part of a year", "جزء من سنة"),
    "year": ("Year", "سنة"),
    "inferred": ("inferred", "مستنتج"),
    # filters
    "filter_all": ("Showing all events.", "عرض جميع الأحداث."),
    "filter_showing": ("Showing events", "عرض الأحداث"),
    "filter_from": ("from {date}", "من {date}"),
    "filter_to": ("until {date}", "حتى {date}"),
    "filter_places": ("at {items}", "في {items}"),
    "filter_actors": ("involving {items}", "بمشاركة {items}"),
    "filter_types": ("of type {items}", "من نوع {items}"),
    "filter_statuses": ("with status {items}", "بحالة {items}"),
    "filter_text": ("matching “{text}”", "تطابق «{text}»"),
    "or": ("or", "أو"),
    "notice_bad_date": (
        "Ignored “{value}” for {param}: not a date (use YYYY-MM-DD).",
        "تم تجاهل «{value}» في {param}: ليس تاريخًا (استخدم YYYY-MM-DD).",
    ),
    "notice_date_order": (
        "Ignored the date range: the start {start} is after the end {end}.",
        "تم تجاهل نطاق التاريخ: البداية {start} بعد النهاية {end}.",
    ),
    "notice_unknown_value": (
        "Ignored unknown {param} “{value}”.",
        "تم تجاهل قيمة غير معروفة في {param}: «{value}».",
    ),
    "notice_text_too_long": (
        "The search text was cut to {limit} characters.",
        "تم اختصار نص البحث إلى {limit} حرفًا.",
    ),
    "notice_bad_width": (
        "Ignored gap width “{value}”: use a number of km from {min} to {max}.",
        "تم تجاهل عرض الفجوة «{value}»: استخدم عددًا من الكيلومترات بين {min} و{max}.",
    ),
    "notice_bad_lang": (
        "Unknown language “{value}”; showing English.",
        "لغة غير معروفة «{value}»؛ يتم العرض بالإنجليزية.",
    ),
    # pages
    "page_overview": ("Overview", "نظرة عامة"),
    "page_timeline": ("Timeline", "الخط الزمني"),
    "page_map": ("Map", "الخريطة"),
    "page_source": ("Source", "المصدر"),
    "page_data": ("Data", "البيانات"),
    "data_error": (
        "The briefing data could not be loaded. Nothing is shown rather than something wrong.",
        "تعذر تحميل بيانات الإحاطة. لا يُعرض شيء بدلًا من عرض شيء خاطئ.",
    ),
    # --- overview and key-point card strings ---
    # --- timeline and filter-widget strings ---
    # --- map strings ---
    # --- source page strings ---
    # --- data page and export strings ---
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The UI string `key` in `lang`, with `{name}` placeholders filled from `values`."""
    en, ar = STRINGS[key]
    text = ar if lang == "ar" else en
    return text.format(**values) if values else text


def format_day(day: dt.date, lang: Lang) -> str:
    """A single day: 'February 4, 2019' / '4 شباط 2019'."""
    pattern = "long" if lang == "en" else "d MMMM y"
    return babel_format_date(day, pattern, locale=BABEL_LOCALE[lang])


def format_number(value: float, lang: Lang, digits: int = 0) -> str:
    """A number with the locale's grouping, rounded to `digits` decimals."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=BABEL_LOCALE[lang])


def format_fuzzy_date(date: FuzzyDate, lang: Lang) -> str:
    """A fuzzy date as a reader needs it: the interval, marked when it is inferred.

    An exact day is shown as the day; anything looser as 'earliest – latest', so the width
    of the uncertainty is visible.
    """
    if date.earliest == date.latest:
        text = format_day(date.earliest, lang)
    else:
        text = f"{format_day(date.earliest, lang)} – {format_day(date.latest, lang)}"
    if date.inferred:
        text += f" ({t('inferred', lang)})"
    return text
