"""The one way text reaches the screen: escaping, HTML templates, stylesheets and every sink.

Text we did not write (data files, URL parameters, uploads, file names) is never shown as
HTML or Markdown. So that a new page cannot get it wrong, every way onto the page goes
through one function here, one per kind of sink:

- **HTML** (`st.html`, and `st.markdown(..., unsafe_allow_html=True)` for the few blocks that
  must sit in the page's own DOM): `show_html` / `show_markdown_html` take `Markup`, which
  only `render` and `fragment` (Jinja2 templates with autoescaping), `markup` (an
  autoescaping `format`) and `stylesheet` produce; plain `str` is escaped. `escape_html` is
  for text that goes into HTML a builder puts together itself (folium elements).
- **Alerts** (info, warning, error): `alert`, the only one. Our own text (`Md`) goes to
  Streamlit's boxes; any other text is quoted literally in the app's own escaped box.
- **Markdown** (`caption` / `metric`, and widget labels and `help=` tooltips, all of which
  render Markdown): they take `Md`, which only `md` (a string-table text whose inserted
  values are Markdown-escaped) and `escape_markdown` produce, so mypy refuses a plain `str`.
- **The map** (folium inserts tooltip and popup text as HTML and evaluates `${...}` in some
  templates): `escape_for_map`. **Plotly** labels and hover text: `escape_for_plotly`.
"""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Literal

import streamlit as st
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from gapwatch.i18n import Lang, direction, t, tn

__all__ = [
    "AlertKind",
    "Markup",
    "Md",
    "alert",
    "alert_html",
    "caption",
    "escape_for_map",
    "escape_for_plotly",
    "escape_html",
    "escape_markdown",
    "fragment",
    "inline_text",
    "markup",
    "md",
    "md_count",
    "metric",
    "render",
    "render_for_map",
    "show_html",
    "show_markdown_html",
    "stylesheet",
]

# --- escaping ----------------------------------------------------------------------------

_MAP_EXTRA = str.maketrans(
    {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
)
# Every character str.splitlines() breaks on.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# The characters that start Markdown (CommonMark, GFM) or Streamlit's own syntax: links and
# images, emphasis, code, HTML, LaTeX, tables, headings, quotes, lists, colours and icons
# (`:red[...]`, `:material/...:`), and the ":" of "http://" autolinks. CommonMark shows a
# backslash-escaped punctuation character literally. Digits, ".", "," and "-" inside a
# number or a sentence start nothing, so "9,460" and "7.5 km" read as they are.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:=^])")
_LIST_MARKER = re.compile(r"^(\s*)(-|\d+)([.)]?)(?=\s|$)")
_WWW = re.compile(r"(?i)\b(www)\.")


def escape_html(text: object) -> str:
    """Text safe inside HTML element content or a quoted attribute: the same escaping the
    templates apply (markupsafe), so a builder and a template write the same bytes."""
    return str(escape(str(text)))


def inline_text(text: object) -> str:
    """Escaped text for HTML given to st.markdown: line breaks become spaces.

    st.markdown reads an HTML block only up to the first blank line; a line break in data text
    must not end the block and let the rest be read as Markdown.
    """
    return _LINE_BREAKS.sub(" ", escape_html(text))


def escape_for_map(text: object) -> str:
    """Text safe inside folium tooltips, popups and GeoJSON properties shown as HTML."""
    return escape_html(text).translate(_MAP_EXTRA)


def escape_for_plotly(text: object) -> str:
    """Text safe in plotly labels and hover text, which plotly reads as a small HTML subset.

    Plotly decodes numeric entities and only a few named ones (not `&quot;`); markupsafe
    writes quotes as numeric entities (`&#34;`, `&#39;`), which plotly shows as quotes.
    """
    return escape_html(text)


class Md(str):
    """Text ready for a sink that renders Markdown: ours, or escaped.

    A class, not a NewType, so that `alert` can tell it from text it must quote literally.
    """

    __slots__ = ()


def escape_markdown(text: object) -> Md:
    """Text shown literally where Streamlit renders Markdown: links, images, emphasis, code,
    LaTeX (`$`), colours and icons (`:red[...]`, `:material/...:`) all lose their meaning,
    and line breaks become spaces (a blank line would start a new block)."""
    text = _MARKDOWN_ACTIVE.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))
    text = _LIST_MARKER.sub(_escape_list_marker, text)
    return Md(_WWW.sub(r"\1\\.", text))  # no "www." autolink


def _escape_list_marker(match: re.Match[str]) -> str:
    """'- x' and '1. x' at the start would be a list: escape the '-' or the '.'."""
    space, mark, dot = match.groups()
    if mark == "-":
        return f"{space}\\-{dot}"
    return f"{space}{mark}\\{dot}" if dot else match.group(0)


def md(key: str, lang: Lang, **values: object) -> Md:
    """A string-table text for a Markdown sink; every value put into it is escaped (our own
    strings use no Markdown, see tests/test_strings.py)."""
    return Md(t(key, lang, **{name: escape_markdown(v) for name, v in values.items()}))


def md_count(key: str, lang: Lang, number: int, **values: object) -> Md:
    """`md` for a counting string, in the plural form `number` takes (`gapwatch.i18n.tn`)."""
    return Md(tn(key, lang, number, **{name: escape_markdown(v) for name, v in values.items()}))


# --- templates and stylesheets -----------------------------------------------------------

_TEMPLATES = Environment(
    loader=PackageLoader("components", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_TEMPLATES.globals.update(t=t, direction=direction)


def render(template: str, **context: object) -> Markup:
    """`components/templates/<template>` rendered with every value HTML-escaped (values that
    are already `Markup` go in as they are). `t` and `direction` are available inside."""
    return Markup(_TEMPLATES.get_template(template).render(**context).strip())


def _map_value(value: object) -> object:
    """Every value a map template prints, escaped for the map (`escape_for_map`); values that
    are already `Markup` (a macro's output, a block we built) get only the map's extras."""
    if isinstance(value, Markup):
        return Markup(str(value).translate(_MAP_EXTRA))
    return Markup(escape_for_map(value))


# The map's templates: the same files and globals, but every printed value is escaped for the
# map (no `${…}`, backticks or backslashes reach folium's or the script's string handling).
_MAP_TEMPLATES = _TEMPLATES.overlay(finalize=_map_value)


def render_for_map(template: str, **context: object) -> Markup:
    """`components/templates/<template>` for a map tooltip, popup or legend: like `render`,
    with every value escaped by `escape_for_map`."""
    return Markup(_MAP_TEMPLATES.get_template(template).render(**context).strip())


def _one_line(value: object) -> object:
    """Every value a one-line template prints: line breaks in text become spaces (Markup,
    already escaped by one of these functions, passes as it is)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _LINE_BREAKS.sub(" ", value)
    return value


# For HTML given to st.markdown, which reads an HTML block only up to the first blank line.
_ONE_LINE = _TEMPLATES.overlay(finalize=_one_line)


def fragment(template: str, name: str, **context: object) -> Markup:
    """The macro `name` of `components/templates/<template>`, as one line of HTML for
    `show_markdown_html`: every value HTML-escaped with its line breaks made spaces (as
    `inline_text` does), and the template's own line breaks dropped, so that a template can
    be laid out for reading and its output still never ends st.markdown's HTML block."""
    macro = getattr(_ONE_LINE.get_template(template).module, name)
    return Markup(str(macro(**context)).replace("\n", ""))


def markup(template: str, *values: object, **named: object) -> Markup:
    """A short HTML snippet: `template` is ours, the values are escaped (`Markup.format`)."""
    return Markup(template).format(*values, **named)


def stylesheet(name: str) -> Markup:
    """`components/styles/<name>` as a <style> element (a file we ship: no data in it)."""
    css = files("components").joinpath("styles", name).read_text(encoding="utf-8")
    return Markup(f"<style>{css}</style>")


# --- sinks -------------------------------------------------------------------------------


def _markup(content: Markup | str) -> Markup:
    return content if isinstance(content, Markup) else Markup(escape_html(content))


def show_html(content: Markup | str) -> None:
    """HTML through `st.html` (sanitised by Streamlit; a plain str is escaped first)."""
    st.html(str(_markup(content)))


def show_markdown_html(content: Markup | str) -> None:
    """HTML through `st.markdown` in the page's own DOM, where its CSS and anchors apply (a
    plain str is escaped first; line breaks in data were made spaces by `inline_text`)."""
    st.markdown(str(_markup(content)), unsafe_allow_html=True)


AlertKind = Literal["info", "warning", "error"]


def alert_html(text: str, kind: AlertKind = "info") -> Markup:
    """The app's alert box with `text` shown literally, never read as Markdown or HTML; an
    error is announced at once (role=alert), a notice politely (role=status). Its colours are
    in styles/app.css (contrast tested in tests/test_palette.py)."""
    return fragment("alerts.html", "alert", text=text, kind=kind)


def alert(text: Md | str, kind: AlertKind = "info", icon: str | None = None) -> None:
    """The one way to show an info, warning or error box.

    `Md` (a string-table text, its values Markdown-escaped: see `md`) goes to Streamlit's own
    st.info / st.warning / st.error with its `icon`. Any other text is quoted literally in the
    app's alert box (`alert_html`): st.info and the like render Markdown, so a value from a
    link (`[Log in](https://…)`, `![x](http://…)`) would become a live link or a foreign
    image there.
    """
    if not isinstance(text, Md):
        show_html(alert_html(text, kind))
        return
    {"info": st.info, "warning": st.warning, "error": st.error}[kind](text, icon=icon)


def caption(text: Md) -> None:
    """`st.caption` for a Markdown-safe text."""
    st.caption(text)


def metric(label: Md, value: Md, help: Md | None = None) -> None:
    """`st.metric`: label, value and tooltip all render Markdown."""
    st.metric(label, value, help=help)
