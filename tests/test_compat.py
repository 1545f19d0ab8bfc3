"""The compatibility module: internals on the pinned versions, the public API on any other.

The map's and the chart's content are tested elsewhere on the pinned versions; here the same
builders run with the fallback switched on, as they would after an unplanned upgrade.
"""

from __future__ import annotations

import copy
import logging
import tomllib
from collections.abc import Iterator
from functools import cache

import plotly.graph_objects as go
import pytest

from components import compat
from components.map.base import build_base_map
from components.map.gap import build_gap_layer
from gapwatch.geodata import ReferenceGeo, load_reference_geo
from gapwatch.i18n import t
from tests.support import DATA_DIR, PROJECT_DIR, open_app, real_briefing

UNKNOWN = compat.Compatibility((("folium", "9.9.9", compat.KNOWN_VERSIONS["folium"]),))


@cache
def _geo() -> ReferenceGeo:
    return load_reference_geo(DATA_DIR / "geo")


@pytest.fixture
def unknown_versions(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if folium had been upgraded past the version compat.py knows."""
    monkeypatch.setattr(compat, "ACTIVE", UNKNOWN)
    yield


def _map_html() -> str:
    m = build_base_map(real_briefing(), _geo(), "en")
    build_gap_layer(_geo(), 5.0, "en").add_to(m)
    return str(copy.deepcopy(m).get_root().render())


def test_the_pinned_versions_are_the_known_ones_and_installed() -> None:
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    pins = dict(d.split("==") for d in pyproject["project"]["dependencies"] if "==" in d)
    assert pins == dict(compat.KNOWN_VERSIONS)
    assert compat.installed_versions() == dict(compat.KNOWN_VERSIONS)
    assert compat.ACTIVE.internals
    assert compat.warning_text() is None


def test_an_unknown_version_is_named_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    versions = {**compat.KNOWN_VERSIONS, "plotly": "8.0.0"}
    with caplog.at_level(logging.WARNING, logger="components.compat"):
        found = compat.check_versions(versions)
    assert not found.internals
    assert found.unknown == (("plotly", "8.0.0", "7.1.0"),)
    assert "plotly 8.0.0 (known: 7.1.0)" in caplog.text


def test_on_known_versions_the_map_uses_the_trimmed_internals() -> None:
    html = _map_html()
    assert "window.__GLOBAL_DATA__" in html  # the quiet mount
    assert "var feature_group_gw10 = L.featureGroup();" in html  # trimmed template, fixed id
    assert _map_html() == html


@pytest.mark.usefixtures("unknown_versions")
def test_on_an_unknown_version_the_map_is_built_with_the_public_api() -> None:
    html = _map_html()
    assert "window.__GLOBAL_DATA__" not in html  # no quiet mount
    assert "feature_group_gw" not in html  # folium's random ids
    assert "L.featureGroup(\n" in html  # folium's own template
    # Everything is still drawn: layers, shapes, labels, the legend, the layer control.
    for name in (t("map_layer_governorates", "en"), t("map_layer_places", "en")):
        assert name in html
    assert "gw.govs(" in html and "gw.places(" in html and "gw-legend" in html
    assert "L.control.layers(" in html


@pytest.mark.usefixtures("unknown_versions")
def test_on_an_unknown_version_plotly_validates_the_figure() -> None:
    with pytest.raises(ValueError, match="not_a_property"):
        compat.plotly_figure({"data": [], "layout": {"not_a_property": 1}})
    assert isinstance(compat.plotly_figure({"data": [], "layout": {}}), go.Figure)


def test_on_the_known_plotly_the_figure_is_not_validated() -> None:
    figure = compat.plotly_figure({"data": [], "layout": {"title": {"text": "x"}}})
    assert figure.layout.title.text == "x"


@pytest.mark.usefixtures("unknown_versions")
def test_on_an_unknown_version_the_page_says_so() -> None:
    at = open_app("map")
    warnings = [w.value for w in at.warning]
    # (Markdown-escaped, as every value in an alert: "\(known\: 0.20.0\)" reads "(known: ...")
    assert any("folium 9.9.9" in w and "0.20.0" in w for w in warnings), warnings
