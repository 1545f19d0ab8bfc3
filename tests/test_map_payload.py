"""What the map sends to the browser: lean, and still the same shapes (encoded coordinates,
shared borders once, JS literals that read back); and no iframe remount or extra rerun when
the band width changes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import folium
import pytest
import shapely
import streamlit_folium
from shapely.geometry import LineString, Polygon, shape

from components.compat import QuietMount
from components.map.base import build_base_map
from components.map.constants import BORDER_TOLERANCE_M
from components.map.elements import (
    RUNTIME_JS,
    js_value,
)
from components.map.gap import build_gap_layer, gap_shape, zone_tolerance_m
from gapwatch.encoding import ALPHABET, decode_coords, encode_coords, polygon_arcs
from gapwatch.i18n import Lang
from tests.map_support import (
    base_map,
    governorates_of,
    js_literal,
    map_html,
    of_type,
)
from tests.support import real_briefing
from tests.support import real_reference_geo as geo

# --- what is sent: lean, and still the same shapes ---------------------------------------


def _st_folium_args(lang: Lang) -> dict[str, Any]:
    """What st_folium sends the browser for the map page (its component arguments)."""
    sent: dict[str, Any] = {}
    original = streamlit_folium._component_func
    streamlit_folium._component_func = lambda **kwargs: sent.update(kwargs)
    try:
        streamlit_folium.st_folium(
            copy.deepcopy(build_base_map(real_briefing(), geo(), lang, layer_control=False)),
            key="gap_map",
            returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
            feature_group_to_add=build_gap_layer(geo(), 10, lang),
            layer_control=folium.LayerControl(collapsed=True),
            render=False,
        )
    finally:
        streamlit_folium._component_func = original
    return sent


@pytest.mark.parametrize(("lang", "budget_kb"), [("en", 41.5), ("ar", 56)])
def test_the_map_sent_to_the_browser_stays_lean(lang: Lang, budget_kb: float) -> None:
    # The benchmark's target: map HTML/JS plus Leaflet (~157 KB) at most 0.3x the naive
    # build's (~665 KB), which leaves ~42 KB for the map (it takes ~41 KB since every popup
    # line says who says it and which identifications are ours). Streamlit sends the
    # arguments as ASCII JSON (Arabic costs 6 bytes a letter), so the Arabic map has a
    # larger budget.
    args = _st_folium_args(lang)
    sent = len(json.dumps({k: v for k, v in args.items() if k != "on_change"}).encode())

    assert sent < budget_kb * 1024
    assert "d3" not in " ".join(args["js_links"]) and len(args["js_links"]) == 1  # Leaflet only


def test_coordinates_survive_the_encoding() -> None:
    points = [(44.00943, 36.19117), (43.77, 35.33), (48.5, 29.9), (38.8, 33.4), (44.0, 36.19)]

    assert decode_coords(encode_coords(points, 5), 5) == points
    assert decode_coords(encode_coords(points, 3), 3) == [
        (round(x, 3), round(y, 3)) for x, y in points
    ]
    # safe unescaped in JSON, JavaScript strings and HTML; no `_` for st_folium to rename
    assert len(set(ALPHABET)) == 64
    assert not set(ALPHABET) & set("_\\\"'<>&{}$`")
    assert "_" not in RUNTIME_JS


def test_shared_borders_are_sent_once_and_rebuild_every_governorate() -> None:
    governorates = [shape(f["geometry"]) for f in geo().governorates["features"]]
    topology = polygon_arcs(governorates)

    assert set(topology.uses) == {1, 2}  # a border belongs to one or two governorates
    sent = sum(len(arc) for arc in topology.arcs)
    assert sent < 0.7 * sum(shapely.get_num_coordinates(g) for g in governorates)
    for geom, parts in zip(governorates, topology.polygons, strict=True):
        rebuilt = shapely.union_all(
            [
                Polygon(topology.ring(rings[0]), [topology.ring(r) for r in rings[1:]])
                for rings in parts
            ]
        )
        assert rebuilt.symmetric_difference(geom).area < 1e-9


def test_the_drawn_map_stays_close_to_the_data() -> None:
    m = base_map("en")
    topology = governorates_of(m).topology
    # drawn arcs: thinned, but no farther from the border than the tolerance (+ rounding)
    exact = shapely.union_all(
        [g.boundary for g in map(shape, (f["geometry"] for f in geo().governorates["features"]))]
    )
    drawn = shapely.union_all([LineString(a) for a in topology.arcs])
    degrees = (BORDER_TOLERANCE_M + 80) / 90_000  # metres as degrees of longitude at 35 N
    assert drawn.hausdorff_distance(exact) < degrees
    # the gap band: within its width-scaled tolerance
    for width in (1.0, 10.0):
        band = gap_shape(geo(), width)
        limit = (zone_tolerance_m(width) + (8 if band.decimals == 4 else 80)) / 90_000
        assert band.display.hausdorff_distance(band.zone.geometry) < limit
        assert shapely.get_num_coordinates(band.display) < shapely.get_num_coordinates(
            band.zone.geometry
        )


def test_js_literals_read_back_as_the_values() -> None:
    value = {
        "k": 3,
        "s": [{"color": "#fff", "fill": False, "dash-array": None}],
        "f": ['<div class="gw-tip" dir="ltr">a</div>', "it&#x27;s", 'back\\slash "q"', "</script>"],
    }
    text = js_value(value)

    assert "</" not in text and '\\"' not in text.replace('\\\\"', "")
    assert js_literal(text) == value


# --- no iframe remount, no rerun ---------------------------------------------------------


def test_base_map_renders_identically_every_time() -> None:
    again = build_base_map(real_briefing(), geo(), "en").get_root().render()

    assert again == map_html("en")


def _st_folium_key(base: folium.Map, width: float) -> str:
    """The iframe key st_folium derives for this map (its own private functions)."""
    m = copy.deepcopy(base)
    m.get_root().render()
    key: str = streamlit_folium.generate_js_hash(streamlit_folium._get_map_string(m), "k")
    streamlit_folium._get_feature_group_string(build_gap_layer(geo(), width, "en"), m)
    return key


def test_changing_the_band_width_does_not_remount_the_map() -> None:
    base = build_base_map(real_briefing(), geo(), "en", layer_control=False)

    assert _st_folium_key(base, 10) == _st_folium_key(base, 3.5) == _st_folium_key(base, 20)


def test_loading_the_map_costs_no_extra_rerun() -> None:
    # QuietMount leans on st_folium's frontend: its state object and click counter, which
    # starts at 0 while the Python default is None. If an update changes any of that, this
    # fails: then see whether the map still reruns the app once on every load.
    bundle = next(
        (Path(streamlit_folium.__file__).parent / "frontend" / "build" / "static" / "js").glob(
            "main.*.js"
        )
    ).read_text(encoding="utf-8")
    assert "window.__GLOBAL_DATA__={" in bundle
    assert "last_object_clicked_count:0," in bundle
    assert "last_object_clicked_count+=1" in bundle.replace(" ", "")
    assert "previous_data:_default" in bundle
    assert _st_folium_args("en")["default"] == {
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
    }
    script = _st_folium_args("en")["script"]
    assert "g.last_object_clicked_count = null" in script
    assert len(of_type(base_map("en"), QuietMount)) == 1
