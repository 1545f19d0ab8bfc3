"""The map as built, without a browser: every layer is there, in the right place, escaped,
offline, identical between builds, and in Arabic when asked."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from functools import cache

import branca.element
import folium
import pytest
import streamlit_folium

from components.assets import external_asset_urls
from components.gap_map import (
    GAP_PLACE_ID,
    BindHtml,
    Legend,
    ZoomClass,
    build_base_map,
    build_gap_layer,
    build_place_details_html,
    build_places_list_html,
    gap_zone,
    items_at,
    place_id_from_tooltip,
    place_token,
    snap_width,
)
from gapwatch.geometry import ATTRIBUTION, ReferenceGeo, load_reference_geo
from gapwatch.i18n import Lang, format_fuzzy_date, format_number, t
from gapwatch.model import IRAQ_LAT, IRAQ_LON, Bilingual, Briefing
from tests.support import DATA_DIR, real_briefing

EVIL = "<img src=x onerror=alert(1)>"
EVIL_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
TEMPLATE_BREAKOUT = "`${alert(2)}`"


@cache
def _geo() -> ReferenceGeo:
    return load_reference_geo(DATA_DIR / "geo")


@cache
def _base(lang: Lang) -> folium.Map:
    return build_base_map(real_briefing(), _geo(), lang)


@cache
def _html(lang: Lang) -> str:
    return str(copy.deepcopy(_base(lang)).get_root().render())


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _of_type(m: branca.element.Element, kind: type) -> list:
    return [e for e in _walk(m) if isinstance(e, kind)]


def _layer_names(m: folium.Map) -> list[str]:
    return [c.layer_name for c in m._children.values() if isinstance(c, folium.map.Layer)]


def _geojson_features(m: branca.element.Element) -> list[dict]:
    return [f for g in _of_type(m, folium.GeoJson) for f in g.data["features"]]


def _feature(m: branca.element.Element, feature_id: str) -> dict:
    matches = [f for f in _geojson_features(m) if f.get("id") == feature_id]
    assert len(matches) == 1, f"expected one feature {feature_id!r}, got {len(matches)}"
    return matches[0]


def _tooltip(element: branca.element.Element) -> str:
    binds = _of_type(element, BindHtml)
    assert binds, "no tooltip bound"
    return str(binds[0].tooltip)


def _text(html: str) -> str:
    """What the browser's textContent of this HTML is (st_folium returns that on a click)."""
    return re.sub(r"<[^>]+>", "", html)


def _evil_briefing() -> Briefing:
    """The real briefing with hostile text in Erbil's name and in an event title."""
    briefing = real_briefing()
    places = tuple(
        p.model_copy(update={"name": Bilingual(en=EVIL, ar=EVIL)}) if p.id == "erbil" else p
        for p in briefing.places
    )
    events = tuple(
        e.model_copy(update={"title": Bilingual(en=TEMPLATE_BREAKOUT, ar=TEMPLATE_BREAKOUT)})
        if "erbil" in e.place_ids
        else e
        for e in briefing.events
    )
    return briefing.model_copy(update={"places": places, "events": events})


# --- layers ------------------------------------------------------------------------------


def test_base_map_has_every_layer_a_reader_needs() -> None:
    m, html = _base("en"), _html("en")

    assert _layer_names(m) == [
        t("map_layer_governorates", "en"),
        t("map_layer_water", "en"),
        t("map_layer_sectors", "en"),
        t("map_layer_hamrin", "en"),
        t("map_layer_outskirts", "en"),
        t("map_layer_places", "en"),
        t("map_layer_osm", "en"),
    ]
    features = _geojson_features(m)
    ids = {f.get("id") for f in features}
    # governorates (all 18), the national outline, rivers and lakes
    assert {f"IQG{n:02d}" for n in range(1, 19)} <= ids
    assert "iraq" in ids
    assert sum(1 for i in ids if str(i).startswith("map_river-")) == len(_geo().rivers["features"])
    assert sum(1 for i in ids if str(i).startswith("map_lake-")) == len(_geo().lakes["features"])
    # the areas the article names, drawn as illustrative shapes
    assert {"hamrin-band", "outskirts-hawija"} <= ids
    # the cities as circle markers, the sector labels as text
    assert len(_of_type(m, folium.CircleMarker)) == 3
    labels = [icon.options["html"] for icon in _of_type(m, folium.DivIcon)]
    sector_labels = [label for label in labels if "gw-sector" in label]
    assert len(sector_labels) == len(_geo().sector_labels)
    for sector, label in zip(_geo().sector_labels, sector_labels, strict=True):
        assert f">{sector.name.en}<" in label
    assert len(_of_type(m, ZoomClass)) == 1
    # legend, attribution, scale bar, layer control
    assert len(_of_type(m, Legend)) == 1
    assert ATTRIBUTION.split(" · ")[0] in html
    assert '"attribution":' in html
    assert m.control_scale is True and "L.control.scale(" in html
    assert len(_of_type(m, folium.LayerControl)) == 1
    assert "L.control.layers(" in html


def test_the_three_kurdistan_region_governorates_are_marked() -> None:
    kri = [
        f["properties"]["tip"] for f in _geojson_features(_base("en")) if f["properties"].get("kri")
    ]

    assert len(kri) == 3
    assert {re.search(r"<b>(.*?)</b>", tip).group(1) for tip in kri} == {  # type: ignore[union-attr]
        "Duhok",
        "Erbil",
        "Al-Sulaymaniyah",
    }
    assert all(t("map_kri_governorate", "en") in tip for tip in kri)


def test_legend_says_which_shapes_are_illustrative() -> None:
    legend = _of_type(_base("en"), Legend)[0].html

    for key in ("map_lg_gap", "map_lg_hamrin", "map_lg_outskirts", "map_lg_note"):
        assert t(key, "en").replace("'", "&#x27;") in legend
    assert "not the post-2017 line" in legend
    assert "schematic axis" in legend
    assert "illustrative radius" in legend


def test_online_tiles_are_an_overlay_that_starts_off() -> None:
    m, html = _base("en"), _html("en")
    tiles = _of_type(m, folium.TileLayer)

    assert len(tiles) == 1
    osm = tiles[0]
    assert osm.layer_name == "OpenStreetMap (online)"
    assert osm.overlay is True and osm.show is False
    # Created, so the layer control can switch it on, but never added to the map at load,
    # so no tile is requested until a reader asks for it.
    name = osm.get_name()
    assert f"var {name} = L.tileLayer(" in html
    assert not re.search(rf"{name}\s*\.addTo\(", html)


def test_the_map_needs_nothing_from_another_host() -> None:
    m = copy.deepcopy(_base("en"))
    build_gap_layer(_geo(), 10, "en").add_to(m)

    assert external_asset_urls(m) == []
    assert [name for name, _ in m.default_js] == ["leaflet"]
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", m.get_root().render())


def test_gap_layer_draws_the_chosen_band_over_the_1_and_20_km_bands() -> None:
    layer = build_gap_layer(_geo(), 5, "en")
    features = _geojson_features(layer)

    assert [f["id"] for f in features] == ["gap-band-1km", "gap-band-20km", "gap-band-5km"]
    outlines = [g for g in _of_type(layer, folium.GeoJson) if g.options.get("interactive") is False]
    assert len(outlines) == 2
    tip = features[-1]["properties"]["tip"]
    area = format_number(gap_zone(_geo(), 5).area_km2, "en")
    assert "Gap zone, 5 km wide (illustrative)" in tip
    assert f"Area {area} km²" in tip
    assert "illustrative" in tip
    assert place_id_from_tooltip(_text(tip), real_briefing()) == GAP_PLACE_ID


def test_wider_band_has_larger_area() -> None:
    areas = [gap_zone(_geo(), w).area_km2 for w in (1, 5, 20)]

    assert areas == sorted(areas)
    assert 500 < areas[0] < 2_000  # ~1,000 km of line, 1 km wide
    assert 10 * areas[0] < areas[2]


# --- coordinates -------------------------------------------------------------------------


def test_circle_markers_are_lat_lon_and_geojson_is_lon_lat() -> None:
    m = _base("en")
    markers = {
        place_id_from_tooltip(_text(_tooltip(c)), real_briefing()): c.location
        for c in _of_type(m, folium.CircleMarker)
    }

    assert markers["erbil"] == pytest.approx([36.19117, 44.00943])
    assert markers["baghdad"] == pytest.approx([33.34058, 44.40088])
    ring = _feature(m, "outskirts-hawija")["geometry"]["coordinates"][0]
    lon, lat = ring[0]
    assert IRAQ_LON[0] < lon < IRAQ_LON[1] and IRAQ_LAT[0] < lat < IRAQ_LAT[1]
    # the ring is centred on Hawija (35.33 N, 43.77 E)
    lons, lats = zip(*ring, strict=True)
    assert sum(lons) / len(lons) == pytest.approx(43.77, abs=0.02)
    assert sum(lats) / len(lats) == pytest.approx(35.33, abs=0.02)
    erbil_gov = _feature(m, "IQG11")["geometry"]["coordinates"]
    first = erbil_gov[0][0] if isinstance(erbil_gov[0][0][0], float) else erbil_gov[0][0][0]
    assert 42 < first[0] < 46 and 35 < first[1] < 37.5  # [lon, lat]


# --- tooltips, escaping, language --------------------------------------------------------


def test_place_tooltip_names_both_languages_precision_and_source() -> None:
    erbil = next(
        c for c in _of_type(_base("en"), folium.CircleMarker) if place_token("erbil") in _tooltip(c)
    )
    tip = _tooltip(erbil)

    assert "<b>Erbil</b>" in tip and "أربيل" in tip
    assert "Precision 1: the point itself" in tip
    assert "GeoNames 95446" in tip
    popup = _of_type(erbil, BindHtml)[0].popup
    event = real_briefing().event("erbil-round-2019-02-04")
    assert event.title.en in popup
    assert format_fuzzy_date(event.date, "en") in popup


def test_hostile_text_is_escaped_everywhere_it_reaches_html() -> None:
    briefing = _evil_briefing()
    html = build_base_map(briefing, _geo(), "en").get_root().render()
    details = build_place_details_html(briefing, "erbil", "en")
    listing = build_places_list_html(briefing, "en")

    for text in (html, details, listing):
        assert EVIL_ESCAPED in text
        assert EVIL not in text
    # folium writes some HTML into JavaScript template literals: no `${` may reach them
    assert "${alert(2)}" not in html
    assert "&#36;&#123;alert(2)&#125;" in html
    assert "&#96;" in html


def test_arabic_map_speaks_arabic() -> None:
    m, html = _base("ar"), _html("ar")
    erbil = next(c for c in _of_type(m, folium.CircleMarker) if place_token("erbil") in _tooltip(c))
    tip = _tooltip(erbil)

    assert tip.startswith('<div class="gw-tip" dir="rtl" lang="ar">')
    assert "<b>أربيل</b>" in tip  # the Arabic name first
    assert t("map_precision", "ar", code=1, meaning=t("map_precision_1", "ar")) in tip
    assert _layer_names(m)[0] == "المحافظات والحدود"
    assert json.dumps("المحافظات والحدود") in html  # the layer control, as folium writes it
    assert 'dir="rtl"' in _of_type(m, Legend)[0].html
    assert "مفتاح الخريطة" in _of_type(m, Legend)[0].html
    labels = " ".join(icon.options["html"] for icon in _of_type(m, folium.DivIcon))
    assert all(sector.name.ar in labels for sector in _geo().sector_labels)
    gap_tip = _geojson_features(build_gap_layer(_geo(), 10, "ar"))[-1]["properties"]["tip"]
    assert 'dir="rtl"' in gap_tip and "توضيحي" in gap_tip


# --- no iframe remount -------------------------------------------------------------------


def test_base_map_renders_identically_every_time() -> None:
    again = build_base_map(real_briefing(), _geo(), "en").get_root().render()

    assert again == _html("en")


def _st_folium_key(base: folium.Map, width: float) -> str:
    """The iframe key st_folium derives for this map (its own private functions)."""
    m = copy.deepcopy(base)
    m.get_root().render()
    key: str = streamlit_folium.generate_js_hash(streamlit_folium._get_map_string(m), "k")
    streamlit_folium._get_feature_group_string(build_gap_layer(_geo(), width, "en"), m)
    return key


def test_changing_the_band_width_does_not_remount_the_map() -> None:
    base = build_base_map(real_briefing(), _geo(), "en", layer_control=False)

    assert _st_folium_key(base, 10) == _st_folium_key(base, 3.5) == _st_folium_key(base, 20)


# --- places and clicks -------------------------------------------------------------------


def test_a_clicked_tooltip_leads_back_to_its_place() -> None:
    briefing = real_briefing()
    ring_tip = _feature(_base("en"), "outskirts-hawija")["properties"]["tip"]

    assert place_id_from_tooltip(_text(ring_tip), briefing) == "hawija-outskirts"
    assert place_id_from_tooltip("Erbil " + place_token("erbil"), briefing) == "erbil"
    assert place_id_from_tooltip(place_token("atlantis"), briefing) is None
    assert place_id_from_tooltip("Kirkuk · Governorate", briefing) is None
    assert place_id_from_tooltip(None, briefing) is None


def test_items_at_a_place() -> None:
    briefing = real_briefing()

    assert [e.id for e in items_at(briefing, "erbil").events] == ["erbil-round-2019-02-04"]
    outskirts = items_at(briefing, "hawija-outskirts")
    assert [s.id for s in outskirts.statements] == ["rasool-isis-hawija-hamrin"]
    assert [p.id for p in items_at(briefing, "hawija").same_point] == ["hawija-outskirts"]
    assert len(items_at(briefing, GAP_PLACE_ID).statements) >= 4


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_place_details_give_date_status_and_source_sentence(lang: Lang) -> None:
    briefing = real_briefing()
    html = build_place_details_html(briefing, "baghdad", lang)

    for event in items_at(briefing, "baghdad").events:
        assert format_fuzzy_date(event.date, lang) in html
        assert t(event.status, lang) in html
        assert event.spans[0].text_ar in html
    assert '<blockquote class="gwm-src" dir="rtl" lang="ar">' in html
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html


def test_hawija_details_show_the_claim_about_its_outskirts() -> None:
    html = build_place_details_html(real_briefing(), "hawija", "en")

    assert t("map_no_events_here", "en") in html
    assert "Also at this point: Outskirts of Hawija" in html
    assert "يختبئون في أطراف الحويجة" in html


def test_places_list_quotes_what_places_isis_remnants_there() -> None:
    html = build_places_list_html(real_briefing(), "en")

    for place in real_briefing().places:
        assert place.name.en in html
    assert html.count("Precision ") == len(real_briefing().places)
    assert "ISIS elements are still hiding on the outskirts of Hawija" in html


def test_widths_snap_to_the_slider() -> None:
    assert snap_width(5.3) == 5.5
    assert snap_width(0.2) == 1.0
    assert snap_width(25) == 20.0
    assert snap_width(12.0) == 12.0
