"""Gap Watch: entry point. Page config, language, navigation; each page lives in views/."""

from __future__ import annotations

import streamlit as st

from components import compat, html, navigation, runtime, state
from components.errors import error_boundary
from components.html import md
from components.layout import render_page_setup
from gapwatch.i18n import LANGS, t

st.set_page_config(page_title="Gap Watch", page_icon="📡", layout="wide")

LANG_LABELS = {"en": "English", "ar": "العربية"}


def _on_language_change() -> None:
    state.update_view(lang=st.session_state["lang_choice"])


def main() -> None:
    runtime.freeze_long_lived_objects()
    state.vendor_assets()
    _, view = state.briefing_and_view()
    lang = view.lang
    render_page_setup(lang)
    with st.sidebar:
        st.radio(
            t("language", lang),
            LANGS,
            index=LANGS.index(lang),
            format_func=LANG_LABELS.__getitem__,
            horizontal=True,
            key="lang_choice",
            on_change=_on_language_change,
        )
    pages = navigation.build_pages(lang)
    navigation.register(pages)
    page = st.navigation(list(pages.values()))
    state.sync_url(view)
    state.show_notices(lang)
    runtime.rerun_in_full_after_reconnect()
    unknown_versions = compat.warning_text()
    if unknown_versions is not None:
        html.warning(md("compat_warning", lang, packages=unknown_versions), icon=":material/build:")
    with error_boundary(lang, f"page {page.url_path or 'overview'}"):
        page.run()


main()
