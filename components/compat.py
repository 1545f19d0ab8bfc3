"""Every use of a private or undocumented part of folium, branca, streamlit-folium or plotly.

Gap Watch leans on library internals in a few places, each for a measured reason (a lean,
never-remounting map; a cheap chart). They all live here, so an upgrade has one file to check:

- **Trimmed templates** (`Group`, `Pane`, `Layers`): folium's FeatureGroup, CustomPane and
  LayerControl with one-line templates instead of twenty (the map's script is sent on every
  load). They override folium's private `_template`.
- **Script elements rendered as text** (`ScriptElement`): branca's `MacroElement.render`
  compiles each rendered script as a new Jinja template, most of st_folium's time for the
  encoded shapes; this calls the `script` macro through the template's private `module`.
- **Stable ids** (`stable_ids`, `fix_id`): folium names JavaScript variables after random
  `_id`s and keys children by them in `_children`; fixed ids keep the map's script, so
  st_folium's iframe key, identical between builds.
- **The quiet mount** (`QuietMount`): st_folium's frontend reports once after mounting, which
  reran the app on every load; the script resets its counter in `window.__GLOBAL_DATA__`.
- **Deep copies** (`map_for_st_folium`): st_folium changes the map it is given, so each run
  hands it a copy of the cached map; the immutable shape data is shared, not copied
  (`gapwatch.encoding.Shared`).
- **Plotly without validation** (`plotly_figure`): `go.Figure(spec, _validate=False)` skips
  per-property checks that cost more than the rest of the page.

`check_versions()` runs when this module is imported (at start-up). On the versions in
`KNOWN_VERSIONS` (pinned in pyproject.toml) the internals are used. On any other version each
helper falls back to the public API — the map then remounts more often and the chart costs a
few ms more, but everything works — and `warning_text()` says so on the page.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

import branca.element
import folium
import folium.map
import plotly.graph_objects as go
from jinja2 import Template

#: The versions whose internals this module was written against and tested with.
KNOWN_VERSIONS: Mapping[str, str] = {
    "folium": "0.20.0",
    "branca": "0.8.2",
    "streamlit-folium": "0.27.4",
    "plotly": "7.1.0",
}

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Compatibility:
    """Which packages are at a version other than the known one (empty: use the internals)."""

    unknown: tuple[tuple[str, str, str], ...] = ()  # (package, installed, known)

    @property
    def internals(self) -> bool:
        """Whether the private parts may be used: every package is at its known version."""
        return not self.unknown


def installed_versions() -> dict[str, str]:
    """The installed version of each package in KNOWN_VERSIONS ("missing" if none)."""
    found = {}
    for package in KNOWN_VERSIONS:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "missing"
    return found


def check_versions(installed: Mapping[str, str] | None = None) -> Compatibility:
    """Compare the installed versions with the known ones; log a warning on a mismatch."""
    installed = installed_versions() if installed is None else installed
    unknown = tuple(
        (package, installed.get(package, "missing"), known)
        for package, known in KNOWN_VERSIONS.items()
        if installed.get(package) != known
    )
    if unknown:
        _log.warning("Gap Watch: %s; using the public API instead", _describe(unknown))
    return Compatibility(unknown)


def _describe(unknown: tuple[tuple[str, str, str], ...]) -> str:
    return ", ".join(f"{p} {found} (known: {known})" for p, found, known in unknown)


#: Decided once, at start-up. Tests replace it to exercise the fallback.
ACTIVE = check_versions()


def warning_text() -> str | None:
    """What the page should say when the fallback is in use (None when all is known)."""
    return _describe(ACTIVE.unknown) if ACTIVE.unknown else None


# --- trimmed templates -------------------------------------------------------------------

_GROUP_TEMPLATE = Template(
    "{% macro script(this, kwargs) %}"
    "var {{ this.get_name() }} = L.featureGroup("
    "{% if this.options %}{{ this.options|tojson }}{% endif %});\n"
    "{% endmacro %}"
)
_PANE_TEMPLATE = Template(
    "{% macro script(this, kwargs) %}"
    "var {{ this.get_name() }} = {{ this._parent.get_name() }}.createPane("
    "{{ this.name|tojson }}); {{ this.get_name() }}.style.zIndex = {{ this.z_index|tojson }};"
    "{% if not this.pointer_events %} {{ this.get_name() }}.style.pointerEvents = 'none';"
    "{% endif %}\n"
    "{% endmacro %}"
)
_LAYERS_TEMPLATE = Template(
    "{% macro script(this, kwargs) %}"
    "let {{ this.get_name() }} = L.control.layers({ "
    "{% for key, val in this.base_layers.items() %}{{ key|tojson }}: {{ val }}, {% endfor %}"
    "}, { "
    "{% for key, val in this.overlays.items() %}{{ key|tojson }}: {{ val }}, {% endfor %}"
    "}, {{ this.options|tojson }}).addTo({{ this._parent.get_name() }});\n"
    "{% endmacro %}"
)


class _Trimmed:
    """Picks the one-line template on the known folium, folium's own on any other. A property,
    not an attribute set in `__init__`: the map is deep-copied on every run."""

    _trimmed: Template
    _public: Template

    @property
    def _template(self) -> Template:
        return self._trimmed if ACTIVE.internals else self._public

    @_template.setter
    def _template(self, template: Template) -> None:
        self._trimmed = self._public = template  # a template set explicitly wins


class Group(_Trimmed, folium.FeatureGroup):
    """A `folium.FeatureGroup` (a layer the layer control lists) written in one short line."""

    _trimmed, _public = _GROUP_TEMPLATE, folium.FeatureGroup._template


class Pane(_Trimmed, folium.map.CustomPane):
    """A `folium.map.CustomPane` (a z-level for layers) written in one short line."""

    _trimmed, _public = _PANE_TEMPLATE, folium.map.CustomPane._template


class Layers(_Trimmed, folium.LayerControl):
    """A `folium.LayerControl` (the layer switcher) written in one line instead of twenty."""

    _trimmed, _public = _LAYERS_TEMPLATE, folium.LayerControl._template


# --- script elements ---------------------------------------------------------------------


class _RawScript(branca.element.Element):
    """Script text that is already rendered: the figure prints it as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class ScriptElement(branca.element.MacroElement):
    """A MacroElement with only a `script` macro and no children. With the known branca it is
    rendered into the figure as plain text, skipping a Jinja compile of the rendered script;
    otherwise branca renders it its own way (same output, slower)."""

    def render(self, **kwargs: Any) -> str:
        if not ACTIVE.internals:
            super().render(**kwargs)
            return ""
        figure = self.get_root()
        assert isinstance(figure, branca.element.Figure), "render the map's figure"
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_RawScript(script(self, kwargs)), name=self.get_name())
        return ""


class QuietMount(ScriptElement):
    """Spare the app the rerun st_folium's frontend asks for as soon as the map has mounted.

    The frontend reports the returned objects once the map is up, and the report reruns the
    app when it differs from the default `st_folium` gave it. The click counter starts at 0 in
    the browser but at None in that default, so with the counter among the returned objects
    every page load cost one rerun that changed nothing. This sets the browser's counter to
    null before that first report; a first click still makes it 1 (null + 1).

    It relies on st_folium's frontend internals (`window.__GLOBAL_DATA__`, the counter's name
    and start value): `tests/test_gap_map.py` checks them in the installed frontend bundle, and
    the browser test checks that loading the page sends nothing. Without st_folium (the
    standalone map file) it does nothing; on an unknown version it is not added at all.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (g) { if (g && g.last_object_clicked_count === 0) "
        "{ g.last_object_clicked_count = null; } })(window.__GLOBAL_DATA__);\n"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "QuietMount"


def add_quiet_mount(m: folium.Map) -> None:
    """Add `QuietMount` to the map, on the known st_folium only."""
    if ACTIVE.internals:
        QuietMount().add_to(m)


# --- stable ids --------------------------------------------------------------------------


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    yield element
    # A Figure's sections and a Popup's content hang off attributes, not `_children`.
    for section in ("header", "html", "script"):
        part = getattr(element, section, None)
        if isinstance(part, branca.element.Element):
            yield from _walk(part)
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def stable_ids(root: branca.element.Element, prefix: str) -> None:
    """Give every element a fixed id so that the same map renders to the same HTML.

    folium names its JavaScript variables after random ids; fixed ones make the base map's
    script byte-identical between builds (no iframe remount, testable, cache-friendly). On an
    unknown folium the ids stay random: the cached map is still the same object on each run.
    """
    if not ACTIVE.internals:
        return
    elements = list(_walk(root))
    old_names = {id(e): e.get_name() for e in elements}
    for n, element in enumerate(elements):
        element._id = f"{prefix}{n}"
    # Some templates name a variable after the key a child was added under (a Popup's
    # content), so keys that were the old name follow the new one.
    for element in elements:
        children = getattr(element, "_children", None)
        if children:
            element._children = type(children)(
                (child.get_name() if key == old_names[id(child)] else key, child)
                for key, child in children.items()
            )


E = TypeVar("E", bound=branca.element.Element)


def fix_id(element: E, element_id: str) -> E:
    """One element's id fixed (a file that must come out the same each time)."""
    if ACTIVE.internals:
        element._id = element_id
    return element


# --- copies and figures ------------------------------------------------------------------


def map_for_st_folium(base_map: folium.Map) -> folium.Map:
    """A private copy of a cached map for one `st_folium` call.

    st_folium adds the gap layer and the layer control to the map it is given and renames its
    elements: given the shared cached map twice, its script (so the iframe's key) would change.
    Each run therefore draws a deep copy (under a millisecond: the shapes are immutable
    strings and values that the copy shares, see `gapwatch.encoding.Shared`).
    """
    return copy.deepcopy(base_map)


def plotly_figure(spec: dict[str, Any]) -> go.Figure:
    """A Figure from a complete spec in one step; on the known plotly without its
    per-property validation.

    Plotly checks every property as it is set, which costs more than everything else on the
    page (~10 ms a run); the spec is fixed by the code, and the tests build each kind of figure
    through plotly's validating constructor, so a wrong property still fails there.
    """
    if ACTIVE.internals:
        return go.Figure(spec, _validate=False)
    return go.Figure(spec)
