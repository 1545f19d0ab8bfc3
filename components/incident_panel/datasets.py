"""The incidents page's import panel: upload a GED or ACLED CSV, see what was read, imported,
merged and rejected; list and remove datasets; upload and remove assumed lines."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import html, incident_tables, state
from components.html import Md, markup, md, show_html
from components.incident_panel.data import store, update_view
from gapwatch.i18n import Lang, t
from gapwatch.incident_view import clean_text
from gapwatch.incidents import lines

# --- import panel --------------------------------------------------------------------------

_REPORT_KEY = "inc_last_import"


def _import(lang: Lang) -> None:
    upload = st.session_state.get("inc_upload")
    if upload is None:
        return
    name = clean_text(str(st.session_state.get("inc_upload_name") or ""), 120) or None
    attribution = clean_text(str(st.session_state.get("inc_upload_attribution") or ""), 1000)
    try:
        report = store().import_bytes(
            upload.getvalue(), upload.name, name=name, attribution=attribution
        )
    except ValueError as error:  # IncidentFileError and bad names are ValueErrors
        st.session_state[_REPORT_KEY] = ("error", str(error), upload.name)
        return
    st.session_state[_REPORT_KEY] = ("ok", report, upload.name)
    update_view(dataset=report.dataset.name)


def _add_line(lang: Lang) -> None:
    upload = st.session_state.get("inc_line_upload")
    if upload is None:
        return
    name = clean_text(str(st.session_state.get("inc_line_name") or ""), 120)
    try:
        line = store().add_line(upload.getvalue(), upload.name, name=name)
    except ValueError as error:
        st.session_state["inc_line_report"] = ("error", str(error))
        return
    st.session_state["inc_line_report"] = ("ok", line.name)
    update_view(line=line.id)


def _remove_dataset(name: str) -> None:
    store().remove(name)
    briefing = state.briefing_or_stop("en")
    if state.view_state(briefing).incidents.dataset == name:
        update_view(dataset=None)


def _remove_line(line_id: str) -> None:
    store().remove_line(line_id)
    briefing = state.briefing_or_stop("en")
    if state.view_state(briefing).incidents.line == line_id:
        update_view(line=None)


def _remove_control(
    label: Md, options: dict[str, str], key: str, on_remove: Callable[[str], None], lang: Lang
) -> None:
    """A select box of what can be removed (id -> plain-text name) and a Remove button."""
    cols = st.columns([3, 1], vertical_alignment="bottom")
    chosen = cols[0].selectbox(
        label, list(options), format_func=options.__getitem__, key=f"{key}_choice"
    )
    cols[1].button(
        md("inc_remove", lang),
        key=f"{key}_button",
        on_click=on_remove,
        args=(chosen,),
        icon=":material/delete:",
        width="stretch",
    )


def render_import_panel(lang: Lang) -> None:
    """Upload a GED or ACLED CSV (name, attribution), see what was read, imported, merged and
    rejected; list and remove datasets; upload an assumed line."""
    st.subheader(md("inc_import_heading", lang))
    html.caption(md("inc_import_intro", lang))
    with st.form("inc_import_form", clear_on_submit=False, border=True):
        st.file_uploader(md("inc_upload", lang), type=["csv"], key="inc_upload")
        st.text_input(md("inc_upload_name", lang), key="inc_upload_name", max_chars=120)
        st.text_area(
            md("inc_upload_attribution", lang),
            key="inc_upload_attribution",
            max_chars=1000,
            help=md("inc_upload_attribution_help", lang),
        )
        st.form_submit_button(
            md("inc_import_button", lang), on_click=_import, args=(lang,), icon=":material/upload:"
        )
    report = st.session_state.get(_REPORT_KEY)
    if report is not None:
        incident_tables.render_import_report(report, lang)

    st.subheader(md("inc_datasets_heading", lang))
    datasets = store().datasets()
    st.dataframe(
        incident_tables.build_datasets_table(datasets, lang), hide_index=True, width="stretch"
    )
    removable = [d.name for d in datasets if not d.bundled]
    if removable:
        options = {name: name for name in removable}
        _remove_control(md("inc_remove_choose", lang), options, "inc_remove", _remove_dataset, lang)

    st.subheader(md("inc_lines_heading", lang))
    html.caption(md("inc_lines_intro", lang))
    with st.form("inc_line_form", border=True):
        st.file_uploader(
            md("inc_line_upload", lang), type=["geojson", "json"], key="inc_line_upload"
        )
        st.text_input(md("inc_line_name", lang), key="inc_line_name", max_chars=120)
        st.form_submit_button(
            md("inc_line_button", lang), on_click=_add_line, args=(lang,), icon=":material/upload:"
        )
    line_report = st.session_state.get("inc_line_report")
    if line_report is not None:
        kind, text = line_report
        key = "inc_line_added" if kind == "ok" else "inc_line_failed"
        show_html(markup('<p class="gw-import-{}">{} {}</p>', kind, t(key, lang), text))
    user_lines = [line for line in store().lines() if line.id != lines.DEFAULT_LINE_ID]
    if user_lines:
        names = {line.id: line.name for line in user_lines}
        label = md("inc_line_remove_choose", lang)
        _remove_control(label, names, "inc_line_remove", _remove_line, lang)
