"""English and Arabic: UI strings, text direction, and dates through Babel (Iraqi month names).

One table holds every UI string in both languages, so a missing translation is a test failure
rather than an English word in the middle of an Arabic page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval as babel_format_interval
from babel.lists import format_list as babel_format_list
from babel.numbers import format_decimal

from gapwatch.i18n_incidents import strings as _incident_strings
from gapwatch.model import Bilingual, FuzzyDate

Lang = Literal["en", "ar"]
LANGS: tuple[Lang, ...] = ("en", "ar")
DEFAULT_LANG: Lang = "en"
BABEL_LOCALE: dict[Lang, str] = {"en": "en", "ar": "ar_IQ"}


def parse_lang(value: object) -> Lang | None:
    """The language code if `value` names one we support, else None."""
    return "ar" if value == "ar" else "en" if value == "en" else None


def other_lang(lang: Lang) -> Lang:
    """The other of the two languages (a place's name is shown in both)."""
    return "en" if lang == "ar" else "ar"


def direction(lang: Lang) -> Literal["ltr", "rtl"]:
    """Text direction for the page in `lang`."""
    return "rtl" if lang == "ar" else "ltr"


# key → (English, Arabic). Labels for data enums use the enum value as key.
STRINGS: dict[str, tuple[str, str]] = {
    "app_subtitle": (
        "Iraqi forces and Peshmerga cooperation against ISIS remnants, early 2019 — "
        "one Arabic report as sourced, explorable data",
        "تعاون القوات العراقية والبيشمركة ضد فلول داعش، مطلع 2019 — "
        "تقرير عربي واحد كبيانات موثقة المصدر وقابلة للاستكشاف",
    ),
    "language": ("Language", "اللغة"),
    "single_source": (
        "Single source: everything here rests on one Diyaruna article.",
        "مصدر واحد: كل ما هنا يستند إلى مقال واحد من ديارنا.",
    ),
    # key figures
    "fig_meetings": ("Meeting events reported", "أحداث اللقاءات المذكورة"),
    "fig_date_span": ("Date span", "المدى الزمني"),
    "fig_gap": (
        "Gaps between positions, per the federal spokesman",
        "المسافة بين المواقع، بحسب الناطق الاتحادي",
    ),
    "fig_gap_value": ("1–20 km", "1–20 كم"),
    "fig_places": ("Places named", "الأماكن المذكورة"),
    # event types
    "meeting_series": ("Series of meetings", "سلسلة لقاءات"),
    "meeting": ("Meeting", "اجتماع"),
    "meeting_round": ("Round of meetings", "جولة لقاءات"),
    "announcement": ("Announcement", "إعلان"),
    "statement": ("Statement", "تصريح"),
    # epistemic statuses
    "reported_agenda": ("Reported agenda (discussed)", "محاور نقاش مذكورة (نوقشت)"),
    "announced_intention": ("Announced intention (one side)", "نية معلنة (من جانب واحد)"),
    "reported_agreement": (
        "Reported agreement (per a named source)",
        "اتفاق مذكور (بحسب مصدر مسمّى)",
    ),
    "reported_fact": ("Reported fact", "واقعة مذكورة"),
    "claim": ("Claim or assessment", "ادعاء أو تقدير"),
    "opinion": ("Opinion", "رأي"),
    # who says it
    "side_federal": ("Federal side", "الجانب الاتحادي"),
    "side_kurdistan": ("Kurdistan Region side", "جانب إقليم كردستان"),
    "side_outlet": ("The outlet", "الموقع الناشر"),
    "side_reader": ("A reader", "قارئ"),
    "said_by": ("Who says it", "من يقول ذلك"),
    "status_basis": ("Why this status", "سبب هذه الحالة"),
    "status_basis_words": (
        "the words «{words}» (¶ {paragraph})",
        "عبارة «{words}» (الفقرة {paragraph})",
    ),
    "our_inference": ("Our inference", "استنتاج منا"),
    "our_inference_mark": ("(our inference)", "(استنتاج منا)"),
    "inference_reads_short": (
        "Our inference: «{words}» read as {value}",
        "استنتاج منا: «{words}» مقروءة على أنها {value}",
    ),
    "inference_reads": (
        "«{words}» read as {value}: {reasoning}",
        "«{words}» مقروءة على أنها {value}: {reasoning}",
    ),
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
    "filter_statuses": (
        "with status {items} (the event, or something said at it)",
        "بحالة {items} (الحدث، أو ما قيل فيه)",
    ),
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
    "notice_retired_status": (
        "The status “{value}” no longer exists: it said more than the article. "
        "Showing {replacement} instead.",
        "الحالة «{value}» لم تعد موجودة لأنها قالت أكثر مما يقوله المقال. "
        "يُعرض بدلًا منها: {replacement}.",
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
    "compat_warning": (
        "Running on library versions Gap Watch was not tested with ({packages}): it uses "
        "their public API instead, so the map may reload more often and pages may be slower.",
        "يعمل التطبيق بإصدارات مكتبات لم يُختبر عليها مرصد الفجوات ({packages})، فيستخدم "
        "واجهتها العامة بدلًا منها، لذا قد يُعاد تحميل الخريطة أكثر وقد تبطؤ الصفحات.",
    ),
    "error_boundary_message": (
        "Something went wrong in this part of the page; the rest of Gap Watch still works. "
        "If you report it, quote error id {error_id}.",
        "حدث خطأ في هذا الجزء من الصفحة، وبقية Gap Watch ما زالت تعمل. "
        "إذا أبلغت عنه فاذكر رمز الخطأ {error_id}.",
    ),
    "assets_error": (
        "Gap Watch is not fully installed: the map's files are missing. "
        "Whoever runs it should run its install step again.",
        "لم يكتمل تثبيت Gap Watch: ملفات الخريطة مفقودة. على من يشغّله أن يعيد خطوة التثبيت.",
    ),
    "geo_error": (
        "The map's reference geodata could not be loaded.",
        "تعذر تحميل البيانات الجغرافية المرجعية للخريطة.",
    ),
    # --- overview and key-point card strings ---
    "single_source_badge": ("Single source", "مصدر واحد"),
    "ov_outlet": ("Outlet", "الموقع"),
    "ov_author": ("Author", "الكاتب"),
    "ov_section": ("Section", "القسم"),
    "ov_published": ("Published", "تاريخ النشر"),
    "ov_published_words": ("The text says: {text}.", "يقول النص: {text}."),
    "ov_date_reasoning": (
        "How the publication date was inferred",
        "كيف استُنتج تاريخ النشر",
    ),
    "ov_key_points": (
        "The three key points the recent meetings centred on",
        "النقاط الأساسية الثلاث التي تمحورت حولها اللقاءات الأخيرة",
    ),
    "ov_key_points_intro": (
        "As the Joint Operations Command spokesman described them to Diyaruna: points the "
        "meetings discussed — not an agreement the article reports, and not actions taken. "
        "Federal source only: no Kurdish official is quoted.",
        "كما وصفها الناطق باسم قيادة العمليات المشتركة لديارنا: نقاط ناقشتها اللقاءات — لا "
        "اتفاق يرويه المقال، ولا إجراءات نُفذت. مصدر اتحادي فقط: لا يُنقل كلام أي مسؤول كردي.",
    ),
    "ov_key_figures": ("Key figures", "أرقام أساسية"),
    "fig_meetings_help": (
        "Events of type meeting, round of meetings or series of meetings: {names}.",
        "الأحداث من نوع اجتماع أو جولة لقاءات أو سلسلة لقاءات: {names}.",
    ),
    "fig_date_span_help": (
        "From the earliest possible date of the earliest event to the latest possible date of "
        "the latest; imprecise dates (“the end of 2018”) widen the span.",
        "من أبكر تاريخ ممكن لأقدم حدث إلى آخر تاريخ ممكن لأحدث حدث؛ والتواريخ غير الدقيقة "
        "(«نهاية عام 2018») توسّع المدى.",
    ),
    "fig_gap_help": (
        "A claim of the federal side (the Joint Operations Command spokesman, «ونوّه», “he "
        "noted”): from one kilometre in some areas up to twenty kilometres. "
        "The article does not say where.",
        "ادعاء للجانب الاتحادي (الناطق باسم قيادة العمليات المشتركة، «ونوّه»): "
        "من كيلومتر واحد في بعض المناطق إلى ما يصل إلى عشرين كيلومترًا. "
        "ولا يقول المقال أين.",
    ),
    "fig_places_help": ("Named in the article: {names}.", "المذكورة في المقال: {names}."),
    "ov_not_said": ("What the article does not say", "ما لا يقوله المقال"),
    "ov_not_said_link": ("see in the source", "انظر في المصدر"),
    "ov_comment_elsewhere": (
        "The one reader comment under the article is an opinion; it is shown apart, on the "
        "Source page.",
        "تعليق القارئ الوحيد تحت المقال رأي؛ ويُعرض منفصلًا في صفحة المصدر.",
    ),
    "kp_number": ("Key point {number}", "النقطة {number}"),
    "kp_speaker": ("Speaker", "المتحدث"),
    "kp_discussed_at": ("Discussed at", "نوقشت في"),
    "kp_quote": ("In the Arabic source", "في المصدر العربي"),
    "kp_source_link": ("Source sentence (¶ {paragraph}) →", "جملة المصدر (الفقرة {paragraph}) ←"),
    # --- timeline and filter-widget strings ---
    "tl_heading": ("Timeline of events", "الخط الزمني للأحداث"),
    "tl_no_events": (
        "No event matches these filters.",
        "لا يوجد حدث يطابق هذه المرشحات.",
    ),
    "tl_select_hint": (
        "Click a bar, or a row of the table below, to see the event's details and sources. "
        "With the keyboard: Tab to the table, move with the arrow keys, Shift+Space selects.",
        "انقر على شريط، أو على صف في الجدول أدناه، لعرض تفاصيل الحدث ومصادره. "
        "بلوحة المفاتيح: انتقل إلى الجدول بمفتاح Tab، وتحرك بالأسهم، واختر بـ Shift+Space.",
    ),
    "tl_style_exact": ("Exact day (◆)", "يوم محدد (◆)"),
    "tl_style_fuzzy": ("Imprecise date (hatched)", "تاريخ غير دقيق (مظلل)"),
    "tl_chart_caption": (
        "Solid bar with ◆: the article pins the event to one day. Hatched, translucent bar "
        "with a dotted outline: the article gives only a period; the bar spans every day it "
        "allows. ≈: the day, month or year is our inference (the details say how).",
        "شريط مصمت مع ◆: يحدد المقال يوم الحدث. شريط مظلل شفاف بإطار منقط: يذكر المقال "
        "فترة فقط، والشريط يغطي كل الأيام الممكنة. ≈: اليوم أو الشهر أو السنة من استنتاجنا "
        "(توضح التفاصيل كيف).",
    ),
    "tl_hover_words": ("In the article's words", "بكلمات المقال"),
    "tl_hover_interval": ("Interval", "المدى"),
    "tl_hover_precision": ("Precision", "الدقة"),
    "tl_hover_click": ("Click for details and sources", "انقر لعرض التفاصيل والمصادر"),
    "tl_col_date": ("In the article's words", "بكلمات المقال"),
    "tl_col_interval": ("Date", "التاريخ"),
    "tl_col_event": ("Event", "الحدث"),
    "tl_col_status": ("Status", "الحالة"),
    "tl_table_heading": ("Events listed", "قائمة الأحداث"),
    "det_heading": ("Event details", "تفاصيل الحدث"),
    "det_date": ("Date", "التاريخ"),
    "det_inference": ("How the date was inferred", "كيف استُنتج التاريخ"),
    "det_places": ("Places", "الأماكن"),
    "det_no_place": (
        "The article gives no place for this event.",
        "لا يذكر المقال مكانًا لهذا الحدث.",
    ),
    "det_actors": ("Actors", "الأطراف"),
    "det_statements": ("What was said", "ما قيل"),
    "det_no_statements": (
        "The article ties no statement to this event.",
        "لا يربط المقال أي تصريح بهذا الحدث.",
    ),
    "det_direct_quote": ("direct quote", "اقتباس مباشر"),
    "det_reported_speech": ("reported speech", "كلام منقول"),
    "det_sources": ("Source sentences (Arabic original)", "جمل المصدر (النص العربي الأصلي)"),
    "det_statement_source": ("Source sentence", "جملة المصدر"),
    "det_paragraph": ("Paragraph {number}", "الفقرة {number}"),
    "det_translation": (
        "English translation of the whole paragraph",
        "الترجمة الإنجليزية للفقرة كاملة",
    ),
    "det_show_on_map": ("Show on map", "عرض على الخريطة"),
    "det_close": ("Close details", "إغلاق التفاصيل"),
    "det_filtered_out": (
        "This event is hidden from the chart by the current filters.",
        "هذا الحدث مخفي من المخطط بسبب المرشحات الحالية.",
    ),
    "det_geo_1": ("exact point", "نقطة محددة"),
    "det_geo_2": ("near the place, or part of an area", "قرب المكان أو جزء من منطقة"),
    "det_geo_3": ("region or natural feature", "منطقة أو معلم طبيعي"),
    "flt_heading": ("Filter events", "تصفية الأحداث"),
    "flt_dates": ("Date range", "نطاق التاريخ"),
    "flt_dates_help": (
        "An event with an imprecise date is kept if any day it may have happened on falls "
        "in the range.",
        "يُبقى الحدث ذو التاريخ غير الدقيق إذا وقع أي يوم محتمل له داخل النطاق.",
    ),
    "flt_places": ("Places", "الأماكن"),
    "flt_actors": ("Actors", "الأطراف"),
    "flt_types": ("Event types", "أنواع الأحداث"),
    "flt_statuses": ("Epistemic status", "درجة التوثيق"),
    "flt_statuses_help": (
        "An event is kept if it, or a key point or statement the article ties to it, has one "
        "of these statuses. Each status rests on a verb or phrase in the cited words (listed "
        "on the Source page).",
        "يُبقى الحدث إذا كانت له، أو لنقطة أساسية أو تصريح يربطه المقال به، إحدى هذه الحالات. "
        "تستند كل حالة إلى فعل أو عبارة في الكلمات المقتبسة (مذكورة في صفحة المصدر).",
    ),
    "flt_text": ("Search names, in English or Arabic", "ابحث بالأسماء، بالعربية أو الإنجليزية"),
    "flt_text_placeholder": (
        "Erbil, Arbil, أربيل, Yar Allah…",
        "أربيل، Arbil، يار الله، Yarallah…",
    ),
    "flt_text_help": (
        "Searches the events' titles, summaries, cited Arabic sentences, and the names and "
        "aliases of their places and actors, in both languages: Arbil or إبريل finds Erbil, "
        "Yar Allah finds Yarallah.",
        "يبحث في عناوين الأحداث وملخصاتها وجملها العربية المقتبسة، وفي أسماء أماكنها "
        "وأطرافها وصيغها البديلة، باللغتين: Arbil أو إبريل تجد أربيل، وYar Allah تجد يار الله.",
    ),
    "flt_choose": ("Any", "الكل"),
    "flt_reset": ("Reset filters", "إعادة ضبط المرشحات"),
    # --- map strings ---
    "map_intro": (
        "The places the article names and the gaps between the Iraqi army and the Peshmerga. "
        "Zoom and pan freely; click a place to read what the article says there.",
        "الأماكن التي يذكرها المقال والفجوات بين الجيش العراقي والبيشمركة. "
        "كبّر الخريطة وحرّكها بحرية؛ انقر على مكان لقراءة ما يقوله المقال عنه.",
    ),
    "map_width_label": ("Width of the illustrative gap band", "عرض نطاق الفجوة التوضيحي"),
    "map_width_help": (
        "The article: the gaps range “from 1 km in some areas up to 20 km”. "
        "The band shows one width along the whole line; it is not measured anywhere.",
        "يقول المقال إن الفجوات «تتراوح من كيلومتر واحد في بعض المناطق إلى ما يصل إلى "
        "عشرين كيلومترًا». يُظهر النطاق عرضًا واحدًا على طول الخط كله ولم يُقَس في أي مكان.",
    ),
    "map_area_label": ("Band area (illustrative)", "مساحة النطاق (توضيحية)"),
    "map_km2": ("{area} km²", "{area} كم²"),
    "map_area_help": (
        "Area of the drawn band inside Iraq, measured on the ellipsoid. It measures the "
        "drawing, not any real gap.",
        "مساحة النطاق المرسوم داخل العراق، مقيسة على الإهليلجي. إنها تقيس الرسم لا أي فجوة فعلية.",
    ),
    "map_caveats": (
        "Illustrative: no public survey of army or Peshmerga positions exists. The band follows "
        "an assumed line, the 2019 boundary of the Kurdistan Region's governorates, which is not "
        "the line held since October 2017. The article says only that the gaps range “from 1 km "
        "in some areas up to 20 km”; the dashed outlines show those two extremes.",
        "توضيحي: لا يوجد مسح منشور لمواقع الجيش أو البيشمركة. يتبع النطاق خطًا مفترضًا هو حدود "
        "محافظات إقليم كردستان لعام 2019، وهو ليس الخط القائم منذ تشرين الأول/أكتوبر 2017. لا "
        "يقول المقال إلا إن الفجوات «تتراوح من كيلومتر واحد في بعض المناطق إلى ما يصل إلى "
        "عشرين كيلومترًا»؛ وتُظهر الخطوط المتقطعة هذين الحدّين.",
    ),
    "map_click_hint": (
        "Click a place or a zone on the map to see the events and statements the article "
        "puts there.",
        "انقر على مكان أو منطقة في الخريطة لعرض الأحداث والتصريحات التي يضعها المقال هناك.",
    ),
    "map_selected_heading": ("Selected on the map", "المحدد على الخريطة"),
    "map_clear_focus": ("Clear selection", "إلغاء التحديد"),
    "map_same_point": ("Also at this point: {name}", "في النقطة نفسها أيضًا: {name}"),
    "map_places_heading": ("Places named in the article", "الأماكن المذكورة في المقال"),
    "map_skip_to_places": (
        "Skip the map: the places as a list",
        "تخطَّ الخريطة: الأماكن في قائمة",
    ),
    "map_precision": ("Precision {code}: {meaning}", "الدقة {code}: {meaning}"),
    "map_precision_1": ("the point itself", "النقطة نفسها"),
    "map_precision_2": ("near a place or part of an area", "قرب مكان أو جزء من منطقة"),
    "map_precision_3": ("a region or natural feature", "إقليم أو معلم طبيعي"),
    "map_coordinates": ("Coordinates:", "الإحداثيات:"),
    "map_click_for_items": (
        "Items the article places here: {count}. Click for details.",
        "عناصر يضعها المقال هنا: {count}. انقر للتفاصيل.",
    ),
    "map_no_items_here": (
        "No event or statement is placed here.",
        "لا يوضع هنا أي حدث أو تصريح.",
    ),
    "map_area": ("Area {area} km²", "المساحة {area} كم²"),
    "map_illustrative": ("illustrative", "توضيحي"),
    "map_gap_width": (
        "Width {width} km (the article: from 1 km in some areas up to 20 km)",
        "العرض {width} كم (المقال: من كيلومتر واحد في بعض المناطق إلى 20 كم)",
    ),
    "map_gap_click": (
        "Click for what the article says about the gaps.",
        "انقر لما يقوله المقال عن الفجوات.",
    ),
    "map_legend": ("Legend", "مفتاح الخريطة"),
    "map_lg_place": ("Place named in the article (its own point)", "مكان مذكور في المقال (نقطته)"),
    "map_lg_gap": (
        "Gap band at the chosen width, illustrative: along an assumed line, the KRI "
        "governorate boundary (2019), not the post-2017 line",
        "نطاق الفجوة بالعرض المختار، توضيحي: على خط مفترض هو حدود محافظات إقليم كردستان "
        "(2019)، لا خط ما بعد 2017",
    ),
    "map_lg_gap_refs": (
        "1 km and 20 km bands (the article's range)",
        "نطاقا 1 كم و20 كم (مدى المقال)",
    ),
    "map_lg_hamrin": (
        "Hamrin range: band around a schematic axis, not a surveyed crest",
        "سلسلة حمرين: نطاق حول محور تخطيطي، لا خط قمة ممسوح",
    ),
    "map_lg_outskirts": (
        "Outskirts of Hawija: 3–15 km ring, an illustrative radius of our choice",
        "أطراف الحويجة: حلقة 3–15 كم، نصف قطر توضيحي من اختيارنا",
    ),
    "map_lg_kri": ("Kurdistan Region governorate", "محافظة في إقليم كردستان"),
    "map_lg_governorates": ("Other governorate (reference)", "محافظة أخرى (مرجعية)"),
    "map_lg_rivers": ("Rivers and lakes (reference)", "الأنهار والبحيرات (مرجعية)"),
    "map_lg_note": (
        "Shaded zones are drawn by us to show size, not surveyed positions. "
        "Zoom in for the names of the sectors along the line.",
        "المناطق المظللة رسمناها لإظهار الحجم، وليست مواقع ممسوحة. "
        "كبّر الخريطة لتظهر أسماء القطاعات على طول الخط.",
    ),
    "map_governorate": ("Governorate", "محافظة"),
    "map_kri_governorate": ("Governorate of the Kurdistan Region", "محافظة في إقليم كردستان"),
    "map_river": ("River", "نهر"),
    "map_lake": ("Lake", "بحيرة"),
    "map_layer_governorates": ("Governorates and border", "المحافظات والحدود"),
    "map_layer_water": ("Rivers and lakes", "الأنهار والبحيرات"),
    "map_layer_sectors": ("Sector labels", "أسماء القطاعات"),
    "map_layer_hamrin": ("Hamrin range (schematic)", "سلسلة حمرين (تخطيطية)"),
    "map_layer_outskirts": ("Outskirts of Hawija (illustrative)", "أطراف الحويجة (توضيحية)"),
    "map_layer_places": ("Places named in the article", "الأماكن المذكورة في المقال"),
    "map_layer_osm": ("OpenStreetMap (online)", "خريطة OpenStreetMap (عبر الإنترنت)"),
    "map_layer_gap": ("Gap band, {width} km (illustrative)", "نطاق الفجوة، {width} كم (توضيحي)"),
    "map_para": ("¶ {index}", "الفقرة {index}"),
    "map_article_words": ("article: “{words}”", "المقال: «{words}»"),
    "map_direct_quote": ("direct quote", "اقتباس مباشر"),
    "map_reported_speech": ("reported speech", "كلام منقول"),
    "map_events_here": ("Events here: {count}", "الأحداث هنا: {count}"),
    "map_no_events_here": (
        "The article places no event here.",
        "لا يضع المقال أي حدث هنا.",
    ),
    "map_statements_here": (
        "Statements naming this place: {count}",
        "تصريحات تذكر هذا المكان: {count}",
    ),
    "map_named_in_source": ("Where the article names it", "حيث يذكره المقال"),
    "map_kind_city": ("Town or city", "بلدة أو مدينة"),
    "map_kind_area": ("Area", "منطقة"),
    "map_kind_ridge": ("Mountain range", "سلسلة جبلية"),
    "map_kind_gap_zone": ("Gap zone", "منطقة فجوة"),
    # --- source page strings ---
    "src_heading": ("The article, paragraph by paragraph", "المقال فقرةً فقرة"),
    "src_intro": (
        "The Arabic original (right) beside our English translation (left). Hover over a "
        "highlighted passage to see which items cite it.",
        "النص العربي الأصلي (يمينًا) بجانب ترجمتنا الإنجليزية (يسارًا). مرّر المؤشر فوق مقطع "
        "مظلل لترى العناصر التي تستشهد به.",
    ),
    "src_col_ar": ("Arabic original", "النص العربي الأصلي"),
    "src_col_en": ("English translation", "الترجمة الإنجليزية"),
    "role_section": ("Section", "قسم"),
    "role_headline": ("Headline", "العنوان"),
    "role_byline": ("Byline", "سطر الكاتب"),
    "role_caption": ("Photo caption", "تعليق الصورة"),
    "role_body": ("Body", "المتن"),
    "role_subheading": ("Subheading", "عنوان فرعي"),
    "role_comment": ("Comment section", "قسم التعليقات"),
    "src_para": ("¶ {index}", "الفقرة {index}"),
    "src_legend_cited": ("Cited by an item", "يستشهد به عنصر"),
    "src_legend_noted": ("Subject of a source note", "موضوع ملاحظة على المصدر"),
    "src_legend_focus": ("Cited by the selected item", "يستشهد به العنصر المختار"),
    "src_cited_by": ("Cited by: {items}", "يستشهد به: {items}"),
    "src_highlight_select": ("Highlight the words cited by", "ظلّل الكلمات التي يستشهد بها"),
    "src_highlight_none": ("— no item —", "— لا عنصر —"),
    "src_highlight_info": ("Highlighted: {label}.", "المظلل: {label}."),
    "src_cited_in": ("Cited in:", "مذكور في:"),
    "src_clear": ("Clear the highlight", "إزالة التظليل"),
    "src_about": ("About the source", "عن المصدر"),
    "src_meta_title": ("Title", "العنوان"),
    "src_meta_file": ("Text file", "ملف النص"),
    "src_no_url": (
        "The original URL is not in the source text, so no link to it is given.",
        "الرابط الأصلي غير موجود في نص المصدر، لذا لا يُعطى رابط إليه.",
    ),
    "src_meta_note": ("Note on the text", "ملاحظة على النص"),
    "src_comment_heading": ("Below the article: the reader comment", "تحت المقال: تعليق القارئ"),
    "src_comment_label": (
        "A reader's opinion — not a fact, and not the outlet's view",
        "رأي قارئ — ليس حقيقة، وليس موقف الموقع",
    ),
    "src_comment_note": ("Note", "ملاحظة"),
    "src_outside_label": ("Outside evidence", "دليل من خارج المقال"),
    "src_outside_intro": (
        "Kept apart from the article and from the data: another source that bears on it, with "
        "our own summary of what it says.",
        "منفصلة عن المقال وعن البيانات: مصدر آخر له صلة به، مع ملخصنا لما يقوله.",
    ),
    "out_outlet": ("Outlet", "الموقع"),
    "out_publisher": ("Who publishes it (context)", "من ينشره (سياق)"),
    "out_title": ("Title", "العنوان"),
    "out_published": ("Dated", "التاريخ"),
    "out_url": ("Address", "الرابط"),
    "out_accessed": ("How we know", "كيف نعرف"),
    "out_summary": ("Our summary", "ملخصنا"),
    "out_settles": ("What it settles", "ما يحسمه"),
    "out_leaves_open": ("What it leaves open", "ما يتركه مفتوحًا"),
    "src_statuses_heading": (
        "Statuses and the words that justify them",
        "الحالات والكلمات التي تسوّغها",
    ),
    "src_statuses_intro": (
        "Every item's status rests on a verb or phrase in its own cited words; these are the "
        "words each status accepts.",
        "تستند حالة كل عنصر إلى فعل أو عبارة في كلماته المقتبسة؛ وهذه الكلمات التي تقبلها كل حالة.",
    ),
    "src_notes_heading": (
        "Source notes: what a careful reader finds wrong or missing",
        "ملاحظات على المصدر: ما يجده القارئ المدقق خاطئًا أو ناقصًا",
    ),
    "src_note_about": ("About", "بشأن"),
    "note_typo": ("Typo", "خطأ مطبعي"),
    "note_inconsistency": ("Inconsistency", "تناقض"),
    "note_omission": ("Omission", "إغفال"),
    "note_ambiguity": ("Ambiguity", "غموض"),
    "note_duplication": ("Duplication", "تكرار"),
    "lbl_key_point": ("Key point {number}: {title}", "النقطة {number}: {title}"),
    "lbl_event": ("Event: {title}", "حدث: {title}"),
    "lbl_statement": ("Statement by {speaker}: {text}", "تصريح {speaker}: {text}"),
    "lbl_place": ("Place: {name}", "مكان: {name}"),
    "lbl_actor": ("Actor: {name}", "جهة: {name}"),
    "lbl_comment": ("Reader comment (opinion)", "تعليق قارئ (رأي)"),
    "lbl_note": ("Source note ({kind}): {text}", "ملاحظة على المصدر ({kind}): {text}"),
    # --- data page and export strings ---
    "data_intro": (
        "Everything read out of the article, as tables, and as files to take elsewhere. "
        "Each row cites its Arabic source sentence and keeps its uncertainty: fuzzy dates as "
        "intervals, places with a precision code, drawn zones marked illustrative.",
        "كل ما استُخرج من المقال، في جداول وملفات يمكن أخذها إلى أدوات أخرى. كل صف يذكر "
        "جملته المصدر بالعربية ويحتفظ بدرجة عدم اليقين: التواريخ غير الدقيقة كفترات، والأماكن "
        "برمز دقة، والمناطق المرسومة موسومة بأنها توضيحية.",
    ),
    "data_reset_filters": ("Show all events", "عرض جميع الأحداث"),
    "data_no_events": (
        "No event matches the current filters: the tables and the event exports are empty.",
        "لا يطابق أي حدث عوامل التصفية الحالية: جداول الأحداث وملفات تصديرها فارغة.",
    ),
    "data_events": ("Events", "الأحداث"),
    "data_places": ("Places", "الأماكن"),
    "data_key_points": ("Key points", "النقاط الأساسية"),
    "data_statements": ("Statements", "التصريحات"),
    "data_downloads": ("Downloads", "التنزيلات"),
    "data_col_date": ("Date", "التاريخ"),
    "data_col_date_words": ("Article's words", "عبارة المقال"),
    "data_col_title": ("Title", "العنوان"),
    "data_col_type": ("Type", "النوع"),
    "data_col_status": ("Status", "الحالة"),
    "data_col_said_by": ("Who says it", "من يقول ذلك"),
    "data_col_places": ("Places", "الأماكن"),
    "data_col_precision": ("Date precision", "دقة التاريخ"),
    "data_col_source": ("Source sentence (Arabic)", "الجملة المصدر"),
    "data_col_name": ("Name", "الاسم"),
    "data_col_other_name": ("Name (other language)", "الاسم (باللغة الأخرى)"),
    "data_col_kind": ("Kind", "الصنف"),
    "data_col_lat": ("Latitude", "خط العرض"),
    "data_col_lon": ("Longitude", "خط الطول"),
    "data_col_geo_precision": ("Location precision", "دقة الموقع"),
    "data_col_coordinate_source": ("Coordinate source", "مصدر الإحداثيات"),
    "data_col_admin1": ("Governorate", "المحافظة"),
    "data_col_number": ("No.", "الرقم"),
    "data_col_wording": ("Wording", "الصياغة"),
    "data_col_speaker": ("Speaker", "المتحدث"),
    "data_col_event": ("Occasion", "المناسبة"),
    "data_col_implementation": ("Implementation", "التنفيذ"),
    "data_col_form": ("Form", "الصيغة"),
    "data_col_text": ("Text", "النص"),
    "data_kind_city": ("City or town", "مدينة أو بلدة"),
    "data_kind_area": ("Area", "منطقة"),
    "data_kind_ridge": ("Mountain range", "سلسلة جبلية"),
    "data_kind_gap_zone": ("Gap zone", "منطقة فجوة"),
    "data_geo_precision_1": ("1 — the point itself", "1 — النقطة نفسها"),
    "data_geo_precision_2": (
        "2 — near a place or part of an area",
        "2 — قرب مكان أو جزء من منطقة",
    ),
    "data_geo_precision_3": (
        "3 — a region or natural feature (representative point)",
        "3 — إقليم أو معلم طبيعي (نقطة تمثيلية)",
    ),
    "data_form_direct_quote": ("Direct quote", "اقتباس مباشر"),
    "data_form_reported_speech": ("Reported speech", "كلام منقول"),
    "data_dl_csv": ("Events CSV (ACLED-style)", "الأحداث CSV (على نمط ACLED)"),
    "data_dl_csv_help": (
        "One row per event and place, ACLED's columns; dates, precision, inferences, status "
        "and the Arabic source sentence are in notes. UTF-8 with BOM, for Excel.",
        "صف لكل حدث ومكان، بأعمدة ACLED؛ التواريخ والدقة والاستنتاجات والحالة والجملة "
        "المصدر بالعربية في عمود notes. ترميز UTF-8 مع BOM ليفتحه Excel.",
    ),
    "data_dl_geojson": ("Places and zones (GeoJSON)", "الأماكن والمناطق (GeoJSON)"),
    "data_dl_geojson_help": (
        "Places as points; the gap band at the current width ({width} km), the 1 km and "
        "20 km bands, the Hamrin band and Hawija's outskirts, all marked illustrative.",
        "الأماكن كنقاط؛ ونطاق الفجوة بالعرض الحالي ({width} كم) ونطاقا 1 كم و20 كم ونطاق "
        "حمرين وأطراف الحويجة، وكلها موسومة بأنها توضيحية.",
    ),
    "data_dl_timeline": ("Timeline (TimelineJS JSON)", "الخط الزمني (TimelineJS JSON)"),
    "data_dl_timeline_help": (
        "For TimelineJS3: one slide per event, with the article's own date words.",
        "لأداة TimelineJS3: شريحة لكل حدث، مع عبارات التاريخ كما وردت في المقال.",
    ),
    "data_dl_map": ("Map (standalone HTML)", "الخريطة (HTML مستقل)"),
    "data_dl_map_help": (
        "One HTML file with Leaflet inside: opens in a browser with no internet. "
        "Gap band at {width} km.",
        "ملف HTML واحد يتضمن Leaflet: يُفتح في المتصفح دون إنترنت. نطاق الفجوة بعرض {width} كم.",
    ),
    "data_map_file_title": (
        "Gap Watch — map, gap band {width} km (illustrative)",
        "مرصد الفجوات — خريطة، نطاق الفجوة {width} كم (توضيحي)",
    ),
    "data_zones_illustrative": (
        "Zones are illustrative drawings, not surveyed positions; the gap width follows the "
        "map's slider (now {width} km).",
        "المناطق رسوم توضيحية وليست مواقع ممسوحة؛ يتبع عرض الفجوة شريط الخريطة (حاليًا {width} كم).",
    ),
    "export_note_date": (
        "Date in the article: “{words}”; interval {interval}; precision: {precision}",
        "التاريخ في المقال: «{words}»؛ الفترة {interval}؛ الدقة: {precision}",
    ),
    "export_note_inferred": ("Inferred: {reasoning}", "مستنتج: {reasoning}"),
    "export_note_no_place": (
        "No location: the article names no place for this event",
        "بلا موقع: لا يذكر المقال مكانًا لهذا الحدث",
    ),
    "export_note_area_point": (
        "{place} is an area; the coordinates are a representative point",
        "{place} منطقة؛ والإحداثيات نقطة تمثيلية",
    ),
    "export_note_place": ("Place: {note}", "المكان: {note}"),
    "export_note_status": ("Epistemic status: {status}", "الحالة المعرفية: {status}"),
    "export_note_said_by": ("Who says it: {side} — {office}", "من يقول ذلك: {side} — {office}"),
    "export_note_inference": ("Our inference: {text}", "استنتاج منا: {text}"),
    "export_note_source": ("Source: {quotes}", "المصدر: {quotes}"),
    # --- the illustrative zones (gapwatch/geometry.py): name and how each was drawn ---
    "zone_gap_name": (
        "Gap zone, {width} km wide (illustrative)",
        "منطقة الفجوة بعرض {width} كم (توضيحية)",
    ),
    "zone_gap_method": (
        "A {width} km band, {half} km either side of an assumed line: the 2019 boundary "
        "between the Kurdistan Region's three governorates and the rest of Iraq, which "
        "is not the line held since October 2017. Width from the article's 1-20 km; "
        "no survey of army or Peshmerga positions exists.",
        "نطاق بعرض {width} كم، {half} كم على كل جانب من خط مفترض: حدود عام 2019 بين "
        "محافظات إقليم كردستان الثلاث وبقية العراق، وهي ليست الخط القائم منذ تشرين "
        "الأول/أكتوبر 2017. العرض مأخوذ من المقال (1-20 كم)؛ لا يوجد مسح منشور "
        "لمواقع الجيش أو البيشمركة.",
    ),
    "zone_hamrin_name": (
        "Hamrin range (schematic, illustrative)",
        "سلسلة جبال حمرين (تخطيطية، توضيحية)",
    ),
    "zone_hamrin_method": (
        "A {width} km band around a schematic axis of Jabal Hamrin: from near al-Fatha "
        "on the Tigris, through the Wikipedia point for the range, to the Diyala gap "
        "at Hemrin Dam, with one vertex placed by hand south-west of Tuz Khurmatu. "
        "Not a surveyed crest line.",
        "نطاق بعرض {width} كم حول محور تخطيطي لجبال حمرين: من قرب الفتحة على دجلة، "
        "مروراً بنقطة ويكيبيديا للسلسلة، حتى مضيق ديالى عند سد حمرين، مع نقطة "
        "وُضعت يدوياً جنوب غرب طوزخورماتو. ليس خط قمة ممسوحاً.",
    ),
    "zone_outskirts_name": (
        "Outskirts of {place}, {inner}-{outer} km (illustrative)",
        "أطراف {place}، {inner}-{outer} كم (توضيحية)",
    ),
    "zone_outskirts_method": (
        "A ring from {inner} to {outer} km around the map point for {place}. "
        "The radii are our choice: roughly from the edge of the built-up town out to "
        "the surrounding villages and farmland. The article names no boundary.",
        "حلقة من {inner} إلى {outer} كم حول نقطة {place} على الخريطة. نصفا القطر "
        "من اختيارنا: تقريباً من حافة البلدة المبنية إلى القرى والأراضي الزراعية "
        "المحيطة. لا يحدد المقال أي حدود.",
    ),
    # --- units and the page title ---
    "unit_km_format": ("%.1f km", "%.1f كم"),
    # The page title: in Arabic the English name follows, so the app can be found by it.
    "app_title_full": ("Gap Watch", "مرصد الفجوات · Gap Watch"),
    # The browser tab: the page, then the app's name (the suffix), in the reader's language.
    "tab_title": ("{page} · Gap Watch", "{page} · مرصد الفجوات"),
    "export_geojson_note": (
        "Places are points from GeoNames/Wikipedia (see coordinate_source); zones are "
        "illustrative drawings, not surveyed positions (see each zone's method).",
        "الأماكن نقاط من GeoNames/ويكيبيديا (انظر coordinate_source)؛ والمناطق رسوم "
        "توضيحية، لا مواقع ممسوحة (انظر طريقة رسم كل منطقة).",
    ),
    "export_note_id": ("Gap Watch id: {id}", "معرّف مرصد الفجوات: {id}"),
}


# Strings that count something: one text per CLDR plural category of the language, chosen by
# Babel's plural rules for the number (English: one, other; Arabic: zero, one, two, few (3-10),
# many (11-99), other (100 and up), each with its own noun form).
PLURALS: dict[str, dict[Lang, dict[str, str]]] = {
    # by {total}
    "tl_count": {
        "en": {"one": "{count} of {total} event", "other": "{count} of {total} events"},
        "ar": {
            "zero": "{count} من {total} حدث",
            "one": "{count} من حدث واحد",
            "two": "{count} من حدثين",
            "few": "{count} من {total} أحداث",
            "many": "{count} من {total} حدثًا",
            "other": "{count} من {total} حدث",
        },
    },
    # by {total}
    "data_count_all": {
        "en": {"one": "The {total} event.", "other": "All {total} events."},
        "ar": {
            "zero": "لا أحداث ({total}).",
            "one": "الحدث الوحيد ({total}).",
            "two": "الحدثان كلاهما ({total}).",
            "few": "جميع الأحداث ({total}).",
            "many": "جميع الأحداث ({total}).",
            "other": "جميع الأحداث ({total}).",
        },
    },
    # by {total}
    "data_count_filtered": {
        "en": {
            "one": "{shown} of {total} event (filtered). {description}",
            "other": "{shown} of {total} events (filtered). {description}",
        },
        "ar": {
            "zero": "{shown} من {total} حدث (مع التصفية). {description}",
            "one": "{shown} من حدث واحد (مع التصفية). {description}",
            "two": "{shown} من حدثين (مع التصفية). {description}",
            "few": "{shown} من {total} أحداث (مع التصفية). {description}",
            "many": "{shown} من {total} حدثًا (مع التصفية). {description}",
            "other": "{shown} من {total} حدث (مع التصفية). {description}",
        },
    },
}


def plural_category(number: int, lang: Lang) -> str:
    """The CLDR plural category of `number` in `lang` (Babel's rules)."""
    return str(Locale.parse(BABEL_LOCALE[lang]).plural_form(number))


def tn(key: str, lang: Lang, number: int, **values: object) -> str:
    """The counting string `key` in the form `number` takes in `lang`, placeholders filled."""
    return PLURALS[key][lang][plural_category(number, lang)].format(**values)


def bilingual(key: str, **values: object) -> Bilingual:
    """The string `key` in both languages, as data (a zone's name and method); a `Bilingual`
    value is put in each language's text in that language."""
    texts = {}
    for lang in LANGS:
        filled = {k: v.in_lang(lang) if isinstance(v, Bilingual) else v for k, v in values.items()}
        texts[lang] = t(key, lang, **filled)
    return Bilingual(en=texts["en"], ar=texts["ar"])


# The incidents page's strings live in their own table (a long one); one lookup serves both.
_INCIDENT_STRINGS = _incident_strings()
if _INCIDENT_STRINGS.keys() & STRINGS.keys():
    raise RuntimeError(f"duplicate UI strings: {sorted(_INCIDENT_STRINGS.keys() & STRINGS.keys())}")
STRINGS |= _INCIDENT_STRINGS


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


def format_list(lang: Lang, items: Iterable[str]) -> str:
    """Items joined as the language joins a list ("a, b and c", "أ وب وج"), by Babel's CLDR
    patterns."""
    return str(babel_format_list(list(items), style="standard", locale=BABEL_LOCALE[lang]))


def format_month_interval(first: dt.date, last: dt.date, lang: Lang) -> str:
    """The months from `first` to `last` as the language writes an interval ("Oct 2018 –
    Feb 2019", "تشرين الأول 2018 – شباط 2019"), by Babel's CLDR interval formats."""
    skeleton = "yMMM" if lang == "en" else "yMMMM"
    return str(babel_format_interval(first, last, skeleton, locale=BABEL_LOCALE[lang]))
