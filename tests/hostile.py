"""Hostile values for links: what a crafted `?q=...` may carry, for AppTest and the browser.

Each value tries one way out: a Markdown link or image (a foreign link in the app's own
notice, a request to another host), HTML and script, a value too long to show, bidi controls
that would reorder the notice, NUL, and invalid UTF-8. `hostile_queries()` spreads them over
every query parameter the app reads, so each link carries every value and each parameter a
hostile one.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

from gapwatch.view_state import PARAM_LANG, URL_PARAMS

#: Hostile text for names and titles in the briefing: HTML, and a way out of a JS template.
EVIL = "<img src=x onerror=alert(1)>"
EVIL_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
TEMPLATE_BREAKOUT = "`${alert(2)}`"

#: The host every hostile value points at; nothing on a page may link to or load from it.
EVIL_HOST = "example.org"

#: (name, value as text). Each names EVIL_HOST if it can, so a leak is easy to spot.
HOSTILE_VALUES: tuple[tuple[str, str], ...] = (
    ("markdown-link", f"[Log in again](https://{EVIL_HOST}/login)"),
    ("markdown-image", f"![x](http://{EVIL_HOST}/p.png)"),
    (
        "html-script",
        f"<script>alert(1)</script><img src=http://{EVIL_HOST}/i.png onerror=alert(2)>",
    ),
    ("iframe-srcdoc", f"<iframe srcdoc='<script>parent.alert(3)</script>' src=//{EVIL_HOST}>"),
    ("autolink", f"<https://{EVIL_HOST}/a> www.{EVIL_HOST} https://{EVIL_HOST}/b"),
    ("streamlit-markdown", f":red[alert] $x^2$ :material/warning: [a]: https://{EVIL_HOST}"),
    ("long", "A" * 3000 + f"[more](https://{EVIL_HOST}/long)"),
    ("bidi", f"\u202egpj.exe\u2066[x](https://{EVIL_HOST}/rtl)\u2069\u200f"),
    ("nul", f"a\x00b\x01c[x](https://{EVIL_HOST}/nul)"),
    ("template", "${alert(4)}`{{7*7}}`\\u003cscript\\u003e"),
)

#: Percent-escapes that are not UTF-8 (sent as they are, not quoted again).
RAW_ESCAPES: tuple[tuple[str, str], ...] = (
    ("invalid-utf8", "%FF%FE%C3%28%ED%A0%80"),
    ("nul-escape", "%00%00"),
)


def _encoded_values() -> list[str]:
    return [quote(value, safe="") for _, value in HOSTILE_VALUES] + [raw for _, raw in RAW_ESCAPES]


def hostile_queries(lang: str | None, count: int = 2) -> list[str]:
    """`count` query strings (no leading '?') that fill every parameter with a hostile value.

    Query k gives parameter i the value (i + k·step) in turn; with more values than
    parameters the rest are added as repeats of `q`, so every query carries every value. With
    `lang` set, `lang` comes last and wins (the app reads a parameter's last value), so the
    page shows that language while its `lang` also had a hostile value first.
    """
    values = _encoded_values()
    step = max(1, len(values) // count)
    queries = []
    for k in range(count):
        pairs = [(name, values[(i + k * step) % len(values)]) for i, name in enumerate(URL_PARAMS)]
        pairs += [("q", v) for v in values if v not in {value for _, value in pairs}]
        if lang is not None:
            pairs.append((PARAM_LANG, lang))
        queries.append("&".join(f"{name}={value}" for name, value in pairs))
    return queries


def hostile_params(lang: str) -> list[dict[str, list[str]]]:
    """The same spread, decoded as a server reads it (for AppTest, which takes decoded values):
    one dict per query, parameter -> its values in order."""
    result = []
    for query in hostile_queries(lang):
        params: dict[str, list[str]] = {}
        for name, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
            params.setdefault(name, []).append(value)
        result.append(params)
    return result
