"""Gap Watch: entry point. Page config, language, navigation; each page lives in views/."""

from __future__ import annotations

import streamlit as st

from components import compat, html, navigation, runtime, state
from components.errors import error_boundary
from components.html import md
from components.layout import render_page_setup
from gapwatch.i18n import LANGS, t

# The tab title is set again once the language and the page are known (`main`): the installed
# Streamlit (see pyproject.toml) lets st.set_page_config be called more than once, anywhere in
# a run, each call overriding only what it names. Until then (or if the data cannot be read)
# the tab shows the app's name in the reader's language.
st.set_page_config(page_title=t("app_title_full", state.page_lang()), page_icon="📡", layout="wide")

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
    st.set_page_config(page_title=t("tab_title", lang, page=page.title))
    state.sync_url(view)
    state.show_notices(lang)
    runtime.rerun_in_full_after_reconnect()
    unknown_versions = compat.warning_text()
    if unknown_versions is not None:
        html.alert(
            md("compat_warning", lang, packages=unknown_versions),
            "warning",
            icon=":material/build:",
        )
    with error_boundary(lang, f"page {page.url_path or 'overview'}"):
        page.run()


main()
