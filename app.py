"""Gap Watch: entry point. Page config, language, navigation; each page lives in views/."""

from __future__ import annotations

import streamlit as st

from components import navigation, runtime, state
from components.errors import error_boundary
from components.layout import render_page_setup
from gapwatch.i18n import LANGS, Lang, t

st.set_page_config(page_title="Gap Watch", page_icon="📡", layout="wide")

LANG_LABELS = {"en": "English", "ar": "العربية"}


def _on_language_change() -> None:
    state.update_view(lang=st.session_state["lang_choice"])


def main() -> None:
    runtime.freeze_long_lived_objects()
    state.vendor_assets()
    provisional_lang: Lang = "ar" if st.query_params.get("lang") == "ar" else "en"
    briefing = state.briefing_or_stop(provisional_lang)
    view = state.view_state(briefing)
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
    pages = {
        spec.key: st.Page(
            spec.script, title=t(spec.title_key, lang), url_path=spec.url_path, default=spec.default
        )
        for spec in navigation.PAGES
    }
    navigation.register(pages)
    page = st.navigation(list(pages.values()))
    state.sync_url(view)
    state.show_notices(lang)
    runtime.rerun_in_full_after_reconnect()
    with error_boundary(lang, f"page {page.url_path or 'overview'}"):
        page.run()


main()
