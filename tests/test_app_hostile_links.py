"""Crafted links (AppTest): no text from the URL reaches the page as Markdown or HTML.

The reported bug: `/data?q=[Log in again](https://example.org)` put a live foreign link in the
app's own notice, and `?q=![x](http://host/p.png)` made the browser fetch a foreign image,
because st.info/st.warning render Markdown. Every page, in both languages, with a hostile
value in every parameter: the values may be quoted only in the app's escaped alerts.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from components.html import alert_html
from components.navigation import PAGES, PageSpec
from gapwatch.i18n import LANGS, Lang
from tests.hostile import EVIL_HOST, hostile_params
from tests.support import APP_PATH, alerts

IN_A_TAG = re.compile(r"<[^>]*" + re.escape(EVIL_HOST))
# A link to another page of the app carries the reader's view, the search text included,
# URL-encoded in its query (components.navigation.page_href): that quotes the text, it does
# not link to it. Such in-app queries are set aside before looking for the hostile host.
IN_APP_QUERY = re.compile(r'href="(?:overview|timeline|map|source|data)?\?[^"#]*')


def _without_in_app_queries(text: str) -> str:
    return IN_APP_QUERY.sub('href="', text)


def _open(spec: PageSpec, params: dict[str, list[str]]) -> AppTest:
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    for name, values in params.items():
        at.query_params[name] = values
    if not spec.default:
        at.switch_page(spec.script)
    return at.run()


def _markdown_texts(at: AppTest) -> list[str]:
    """Every text the page hands to Streamlit's Markdown renderer."""
    texts: list[str] = []
    for kind in ("info", "warning", "error", "success", "caption", "markdown", "title",
                 "header", "subheader", "exception", "toast"):  # fmt: skip
        texts += [str(getattr(element, "value", "")) for element in at.get(kind)]
    for metric in at.get("metric"):
        texts += [metric.proto.label, metric.proto.body, metric.proto.help]
    for kind in ("button", "slider", "radio", "selectbox", "multiselect", "text_input",
                 "date_input", "download_button", "checkbox"):  # fmt: skip
        for widget in at.get(kind):
            texts += [
                str(getattr(widget.proto, "label", "")),
                str(getattr(widget.proto, "help", "")),
            ]
    return texts


def test_the_reported_links_give_a_literal_notice_not_a_live_link_or_image() -> None:
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    at.query_params["q"] = f"[Log in again](https://{EVIL_HOST})"
    at.query_params["place"] = f"![x](http://{EVIL_HOST}/p.png)"
    at.switch_page("views/data.py")
    at.run()
    assert not at.exception
    assert not [text for text in _markdown_texts(at) if EVIL_HOST in text]
    shown = alerts(at)
    assert f"Ignored unknown place “![x](http://{EVIL_HOST}/p.png)”." in shown
    assert any(f"matching “[Log in again](https://{EVIL_HOST})”" in text for text in shown)


def test_an_alert_shows_markup_as_text() -> None:
    markup = f'<img src="http://{EVIL_HOST}/x.png"> [a](https://{EVIL_HOST})\n\n<script>'
    box = alert_html(markup, "warning")
    assert "<img" not in box and "<script" not in box
    assert "&lt;img" in box
    # A line break cannot end the HTML block and let the rest be read as Markdown.
    assert "\n" not in box


def test_control_and_bidi_characters_in_a_notice_are_shown_not_obeyed() -> None:
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    at.query_params["focus"] = "\u202eevil\x00"
    at.run()
    (notice,) = alerts(at, "warning")
    assert "\u202e" not in notice and "\x00" not in notice
    assert "\ufffdevil\ufffd" in notice


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", PAGES, ids=[spec.key for spec in PAGES])
def test_every_page_quotes_hostile_links_only_in_escaped_alerts(spec: PageSpec, lang: Lang) -> None:
    for params in hostile_params(lang):
        at = _open(spec, params)
        assert not at.exception, [e.value for e in at.exception]
        leaks = [
            text[:120] for text in _markdown_texts(at) if EVIL_HOST in _without_in_app_queries(text)
        ]
        assert not leaks, f"URL text reached Markdown: {leaks}"
        for element in at.get("html"):  # escaped text may quote it; no tag may name it
            tag = IN_A_TAG.search(_without_in_app_queries(element.proto.body))
            assert tag is None, f"URL text reached an HTML tag: {tag.group(0)[:200]}"
        warnings = alerts(at, "warning")
        assert warnings, "no notice said which parameters were ignored"
