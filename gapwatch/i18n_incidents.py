"""The incidents page's UI strings, English and Arabic. Merged into `gapwatch.i18n.STRINGS`
(one lookup, `t()`), kept apart only because the page has many; the same completeness test
covers them. Keys start with `inc_` (plus `page_incidents`)."""

from __future__ import annotations

_STRINGS: dict[str, tuple[str, str]] = {
    "page_incidents": ("Incidents", "الحوادث"),
    "inc_intro": (
        "Real conflict events against the gap band: is violence concentrated in the gap? "
        "Bundled: UCDP GED 19.1, Iraq 2014–2018. Import your own UCDP GED or ACLED export below. "
        "The line and the band are assumptions, not surveyed positions.",
        "أحداث نزاع حقيقية مقارنة بنطاق الفجوة: هل يتركز العنف في الفجوة؟ البيانات المرفقة: "
        "UCDP GED 19.1، العراق 2014–2018. استورد ملفك من UCDP GED أو ACLED أدناه. "
        "الخط والنطاق افتراضان، لا مواقع مسحية.",
    ),
    # filters
    "inc_flt_heading": ("Incident filters", "مرشحات الحوادث"),
    "inc_flt_dataset": ("Dataset", "مجموعة البيانات"),
    "inc_flt_line": ("Assumed line", "الخط المفترض"),
    "inc_line_default": (
        "2019 KRI governorate boundary (default)",
        "حدود محافظات إقليم كردستان 2019 (الافتراضي)",
    ),
    "inc_flt_dates": ("Event dates", "تواريخ الأحداث"),
    "inc_flt_text": ("Actor, side or dyad", "الفاعل أو الطرف أو الثنائية"),
    "inc_flt_text_placeholder": ("e.g. IS", "مثلًا IS"),
    "inc_flt_text_help": (
        "Keeps events whose side A, side B or dyad contains this text (any case).",
        "يبقي الأحداث التي يحتوي طرفها الأول أو الثاني أو ثنائيتها على هذا النص.",
    ),
    "inc_flt_violence": ("Type of violence / event type", "نوع العنف / نوع الحدث"),
    "inc_split_heading": ("Before and after", "قبل وبعد"),
    "inc_split_date": ("Split date", "تاريخ الفصل"),
    "inc_split_help": (
        "Every figure is also given before and after this day (default: 4 February 2019, "
        "the Erbil round).",
        "تُعطى كل الأرقام أيضًا قبل هذا اليوم وبعده (الافتراضي: 4 شباط 2019، جولة أربيل).",
    ),
    "inc_split_preset": ("Split at {date}", "الفصل عند {date}"),
    "inc_split_label": ("split: {date}", "الفصل: {date}"),
    "inc_colour_by": ("Colour hexagons by", "تلوين الخلايا حسب"),
    "inc_colour_count": ("Events", "الأحداث"),
    "inc_colour_fatalities": ("Fatalities", "القتلى"),
    "inc_bundled": ("bundled", "مرفقة"),
    "inc_imported": ("imported", "مستوردة"),
    # summary
    "inc_summary": ("{events} events match the filters.", "{events} حدثًا تطابق المرشحات."),
    "inc_inside": ("Inside the band", "داخل النطاق"),
    "inc_outside": ("Outside the band", "خارج النطاق"),
    "inc_unplaced": ("Unplaced", "غير محددة الموقع"),
    "inc_events": ("Events", "الأحداث"),
    "inc_precision_exact": ("exact", "دقيق"),
    "inc_precision_approximate": ("approximate", "تقريبي"),
    "inc_precision_unplaced": ("unplaced", "غير محدد الموقع"),
    "inc_rate_ratio": ("Band rate ÷ comparison rate", "معدل النطاق ÷ معدل المقارنة"),
    "inc_rate_ratio_help": (
        "Placed events per 1,000 km² inside the band, divided by the same rate in the "
        "comparison zone. Above 1: denser in the band than around it.",
        "الأحداث المحددة الموقع لكل 1000 كم² داخل النطاق مقسومة على المعدل نفسه في منطقة "
        "المقارنة. أكثر من 1: أكثف في النطاق مما حوله.",
    ),
    "inc_after_empty": (
        "Nothing after the split date ({split}): this dataset ends on {last}, so the “after” "
        "column is empty. The bundled GED 19.1 extract ends in December 2018, "
        "before the Erbil round; import a later GED or ACLED export to compare.",
        "لا شيء بعد تاريخ الفصل ({split}): تنتهي مجموعة البيانات هذه في {last}، لذا عمود «بعد» "
        "فارغ. تنتهي بيانات GED 19.1 المرفقة في كانون الأول 2018، قبل جولة أربيل؛ استورد ملف "
        "GED أحدث أو ACLED للمقارنة.",
    ),
    "inc_after_none": (
        "No event after the split date ({split}) matches the filters (the dataset runs to "
        "{last}), so the “after” column is empty.",
        "لا يطابق المرشحات أي حدث بعد تاريخ الفصل ({split}) (تمتد البيانات حتى {last})، لذا "
        "عمود «بعد» فارغ.",
    ),
    "inc_attribution": ("Data:", "البيانات:"),
    "inc_no_attribution": (
        "no attribution was given when this dataset was imported.",
        "لم يُذكر إسناد عند استيراد مجموعة البيانات هذه.",
    ),
    # map
    "inc_map_layer": ("Incidents", "الحوادث"),
    "inc_map_caption": (
        "Hexagons hold the events of the filters; click one to list its events. When at most "
        "{limit} placed events are selected, zoom in to see each event and its source text.",
        "تضم الخلايا السداسية أحداث المرشحات؛ انقر خلية لعرض أحداثها. إذا كانت الأحداث "
        "المحددة الموقع {limit} أو أقل، كبّر لرؤية كل حدث ونص مصدره.",
    ),
    "inc_map_cell_events": ("{count} events", "{count} حدثًا"),
    "inc_map_cell_precision": (
        "{exact} exact · {approximate} approximate",
        "{exact} دقيق · {approximate} تقريبي",
    ),
    "inc_map_cell_deaths": (
        "Fatalities (best estimate): {deaths}",
        "القتلى (أفضل تقدير): {deaths}",
    ),
    "inc_map_cell_click": ("Click to list these events", "انقر لعرض هذه الأحداث"),
    "inc_map_event_deaths": (
        "Fatalities: {best} (low {low}, high {high})",
        "القتلى: {best} (الأدنى {low}، الأعلى {high})",
    ),
    "inc_map_event_where": (
        "Location {precision}, {distance} km from the line ({band})",
        "الموقع {precision}، على بعد {distance} كم من الخط ({band})",
    ),
    "inc_map_lg_count": ("Events per hexagon", "الأحداث في كل خلية"),
    "inc_map_lg_fatalities": ("Fatalities per hexagon", "القتلى في كل خلية"),
    "inc_map_lg_inside": ("Event inside the band", "حدث داخل النطاق"),
    "inc_map_lg_outside": ("Event outside the band", "حدث خارج النطاق"),
    "inc_map_lg_approx": ("Ring: approximate location", "حلقة: موقع تقريبي"),
    "inc_cell_heading": (
        "Events in the clicked hexagon: {count}",
        "أحداث الخلية المختارة: {count}",
    ),
    # charts
    "inc_hist_title": (
        "Events by distance to the line (0–{max} km; {beyond} farther not shown)",
        "الأحداث حسب البعد عن الخط (0–{max} كم؛ {beyond} أبعد غير معروضة)",
    ),
    "inc_hist_x": ("Distance to the assumed line (km)", "البعد عن الخط المفترض (كم)"),
    "inc_hist_hover": (
        "%{customdata[0]:.0f}–%{customdata[1]:.0f} km: %{y}",
        "%{customdata[0]:.0f}–%{customdata[1]:.0f} كم: %{y}",
    ),
    "inc_hist_band": ("band: ≤ {half} km", "النطاق: ≤ {half} كم"),
    "inc_monthly_title": (
        "Events per month, inside and outside the band, with the article's meetings",
        "الأحداث شهريًا داخل النطاق وخارجه، مع لقاءات المقال",
    ),
    "inc_inside_axis": ("Inside the band", "داخل النطاق"),
    "inc_outside_axis": ("Outside / unplaced", "خارجه / غير محددة"),
    "inc_charts_caption": (
        "Left: each 1 km bar is a strip along the whole line, so bars compare like with like; "
        "the shaded strip is the band. Right: green lines and spans are the meetings the "
        "article reports; the black line is the split date.",
        "يمينًا: كل عمود بعرض 1 كم شريط على طول الخط كله، فالأعمدة قابلة للمقارنة؛ والشريط "
        "المظلل هو النطاق. يسارًا: الخطوط والمساحات الخضراء هي اللقاءات التي يذكرها المقال؛ "
        "والخط الأسود تاريخ الفصل.",
    ),
    # tables
    "inc_analysis_heading": ("The band in figures", "النطاق بالأرقام"),
    "inc_col_figure": ("Figure", "الرقم"),
    "inc_col_before": ("Before the split", "قبل الفصل"),
    "inc_col_after": ("After the split", "بعد الفصل"),
    "inc_col_all": ("All", "الكل"),
    "inc_row_events": ("Events (all precisions)", "الأحداث (كل الدقات)"),
    "inc_row_inside_exact": ("Inside the band, exact", "داخل النطاق، دقيق"),
    "inc_row_inside_approx": ("Inside the band, approximate", "داخل النطاق، تقريبي"),
    "inc_row_outside_exact": ("Outside the band, exact", "خارج النطاق، دقيق"),
    "inc_row_outside_approx": ("Outside the band, approximate", "خارج النطاق، تقريبي"),
    "inc_row_unplaced": (
        "Unplaced (district or coarser: not counted in or out)",
        "غير محددة الموقع (قضاء أو أوسع: لا تُعد داخل ولا خارج)",
    ),
    "inc_row_deaths_inside": ("Fatalities inside (best)", "القتلى داخل النطاق (أفضل تقدير)"),
    "inc_row_deaths_inside_range": (
        "Fatalities inside (low–high)",
        "القتلى داخل النطاق (الأدنى–الأعلى)",
    ),
    "inc_row_deaths_outside": ("Fatalities outside (best)", "القتلى خارج النطاق (أفضل تقدير)"),
    "inc_row_deaths_outside_range": (
        "Fatalities outside (low–high)",
        "القتلى خارج النطاق (الأدنى–الأعلى)",
    ),
    "inc_row_area_band": ("Area of the band in Iraq (km²)", "مساحة النطاق داخل العراق (كم²)"),
    "inc_row_area_comparison": ("Area of the comparison zone (km²)", "مساحة منطقة المقارنة (كم²)"),
    "inc_row_rate_band": (
        "Placed events per 1,000 km², band",
        "الأحداث المحددة لكل 1000 كم²، النطاق",
    ),
    "inc_row_rate_comparison": (
        "Placed events per 1,000 km², comparison zone",
        "الأحداث المحددة لكل 1000 كم²، منطقة المقارنة",
    ),
    "inc_rate_explained": (
        "Comparison zone: the rest of the four governorates the line runs through (Nineveh, "
        "Kirkuk, Salah al-Din, Diyala), outside the band. A rate per area keeps a wide band "
        "from looking dangerous just because it is large.",
        "منطقة المقارنة: بقية المحافظات الأربع التي يمر بها الخط (نينوى، كركوك، صلاح الدين، "
        "ديالى) خارج النطاق. المعدل لكل مساحة يمنع نطاقًا عريضًا من أن يبدو خطرًا لمجرد سعته.",
    ),
    "inc_sector_heading": ("By sector of the line", "حسب قطاع الخط"),
    "inc_col_sector": ("Sector", "القطاع"),
    "inc_col_inside": ("Inside the band", "داخل النطاق"),
    "inc_col_outside": ("Outside the band", "خارج النطاق"),
    "inc_col_deaths_inside": ("Fatalities inside", "القتلى داخله"),
    "inc_col_deaths_outside": ("Fatalities outside", "القتلى خارجه"),
    "inc_unplaced_heading": ("Unplaced events: {count}", "الأحداث غير محددة الموقع: {count}"),
    "inc_unplaced_explained": (
        "Located only to a district, governorate, a line between places or the country: they "
        "cannot be placed against a 1–20 km band, so they are listed here, never counted as "
        "inside or outside.",
        "محددة فقط على مستوى قضاء أو محافظة أو خط بين أماكن أو البلد: لا يمكن وضعها مقابل نطاق "
        "بعرض 1–20 كم، لذا تُعرض هنا ولا تُعد داخل النطاق ولا خارجه.",
    ),
    "inc_table_first": (
        "The first {shown} are listed; the CSV download has them all.",
        "تُعرض أول {shown}؛ وتنزيل CSV يضمها كلها.",
    ),
    "inc_col_date": ("Date", "التاريخ"),
    "inc_col_dyad": ("Dyad", "الثنائية"),
    "inc_col_violence": ("Type", "النوع"),
    "inc_col_deaths": ("Fatalities (best)", "القتلى (أفضل تقدير)"),
    "inc_col_precision": ("Location precision", "دقة الموقع"),
    "inc_col_distance": ("Distance to the line (km)", "البعد عن الخط (كم)"),
    "inc_col_band": ("Band", "النطاق"),
    "inc_col_place": ("Place", "المكان"),
    "inc_col_source": ("Source text", "نص المصدر"),
    "inc_col_id": ("Event id", "معرّف الحدث"),
    # downloads
    "inc_downloads": ("Downloads", "التنزيلات"),
    "inc_dl_csv": ("Filtered incidents (CSV)", "الحوادث المرشحة (CSV)"),
    "inc_dl_geojson": ("Filtered incidents (GeoJSON)", "الحوادث المرشحة (GeoJSON)"),
    "inc_dl_analysis": ("Analysis table (CSV)", "جدول التحليل (CSV)"),
    "inc_dl_rejected": ("Rejected rows, as read (CSV)", "الصفوف المرفوضة كما قُرئت (CSV)"),
    # import
    "inc_import_heading": ("Import a dataset", "استيراد مجموعة بيانات"),
    "inc_import_intro": (
        "A UCDP GED (19.1 or later) or ACLED CSV export; the format is recognised from the "
        "header. Bad rows are set aside with their reason; the good ones are kept.",
        "ملف CSV من UCDP GED (19.1 أو أحدث) أو ACLED؛ يُعرف النوع من الترويسة. تُعزل الصفوف "
        "المعيبة مع سببها وتُحفظ الصالحة.",
    ),
    "inc_upload": ("CSV file", "ملف CSV"),
    "inc_upload_name": ("Name (optional)", "الاسم (اختياري)"),
    "inc_upload_attribution": ("Attribution", "الإسناد"),
    "inc_upload_attribution_help": (
        "Shown with the data on this page and in every download, e.g. the licence and citation "
        "the provider requires.",
        "يظهر مع البيانات في هذه الصفحة وفي كل تنزيل، مثل الترخيص والاقتباس الذي يطلبه المزود.",
    ),
    "inc_import_button": ("Import", "استيراد"),
    "inc_import_done": ("Imported:", "تم الاستيراد:"),
    "inc_import_failed": ("Not imported:", "لم يُستورد:"),
    "inc_count_read": ("Rows read", "الصفوف المقروءة"),
    "inc_count_imported": ("Imported", "المستوردة"),
    "inc_count_merged": ("Merged duplicates", "المكررات المدمجة"),
    "inc_count_rejected": ("Rejected", "المرفوضة"),
    "inc_col_row": ("Row", "الصف"),
    "inc_col_column": ("Column", "العمود"),
    "inc_col_value": ("Value", "القيمة"),
    "inc_col_reason": ("Reason", "السبب"),
    "inc_datasets_heading": ("Datasets", "مجموعات البيانات"),
    "inc_col_name": ("Name", "الاسم"),
    "inc_col_kind": ("Kind", "النوع"),
    "inc_col_file": ("Source file", "الملف المصدر"),
    "inc_col_format": ("Format", "الصيغة"),
    "inc_col_read": ("Read", "مقروءة"),
    "inc_col_imported": ("Imported", "مستوردة"),
    "inc_col_merged": ("Merged", "مدمجة"),
    "inc_col_rejected": ("Rejected", "مرفوضة"),
    "inc_col_when": ("Imported at", "وقت الاستيراد"),
    "inc_col_sha": ("SHA-256", "بصمة SHA-256"),
    "inc_col_attribution": ("Attribution", "الإسناد"),
    "inc_remove_choose": ("Dataset to remove", "مجموعة البيانات المراد حذفها"),
    "inc_remove": ("Remove", "حذف"),
    "inc_lines_heading": ("Assumed lines", "الخطوط المفترضة"),
    "inc_lines_intro": (
        "Upload a line of your own (GeoJSON LineString or MultiLineString, WGS84, inside Iraq); "
        "choose it in the filters and every figure follows it.",
        "ارفع خطًا خاصًا بك (GeoJSON من نوع LineString أو MultiLineString، WGS84، داخل "
        "العراق)؛ اختره في المرشحات فتتبعه كل الأرقام.",
    ),
    "inc_line_upload": ("GeoJSON line", "خط GeoJSON"),
    "inc_line_name": ("Line name", "اسم الخط"),
    "inc_line_button": ("Add line", "إضافة الخط"),
    "inc_line_added": ("Line added:", "أضيف الخط:"),
    "inc_line_failed": ("Line not added:", "لم يُضف الخط:"),
    "inc_line_remove_choose": ("Line to remove", "الخط المراد حذفه"),
}


def strings() -> dict[str, tuple[str, str]]:
    """The incidents page's strings (a copy)."""
    return dict(_STRINGS)
