"""The map as built, without a browser: every layer is there, in the right place, escaped,
offline, identical between builds, and in Arabic when asked."""

from __future__ import annotations

import copy
import json
import re

import folium
import pytest
import shapely
from shapely.geometry import LineString

from components.assets import external_asset_urls
from components.map.base import build_base_map
from components.map.constants import GAP_PLACE_ID
from components.map.details import build_place_details_html, build_places_list_html
from components.map.elements import (
    Labels,
    Legend,
    MapScript,
    Shapes,
    ZoomClass,
)
from components.map.gap import build_gap_layer, snap_width
from components.map.tooltips import place_id_from_tooltip, place_token
from gapwatch.briefing import Briefing
from gapwatch.encoding import decode_coords
from gapwatch.geometry import ATTRIBUTION
from gapwatch.i18n import Lang, format_fuzzy_date, format_number, t
from gapwatch.model import IRAQ_LAT, IRAQ_LON, Bilingual
from gapwatch.queries import items_at
from gapwatch.view_state import ViewState
from gapwatch.zones import gap_zone
from tests.hostile import EVIL, EVIL_ESCAPED, TEMPLATE_BREAKOUT
from tests.map_support import (
    base_map,
    governorates_of,
    js_literal,
    layer_names,
    map_html,
    map_shape,
    map_shapes,
    markers_of,
    of_type,
    sent_features,
    text_of,
)
from tests.support import real_briefing
from tests.support import real_reference_geo as geo


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
    m, html = base_map("en"), map_html("en")

    assert layer_names(m) == [
        t("map_layer_governorates", "en"),
        t("map_layer_water", "en"),
        t("map_layer_sectors", "en"),
        t("map_layer_hamrin", "en"),
        t("map_layer_outskirts", "en"),
        t("map_layer_places", "en"),
        t("map_layer_osm", "en"),
    ]
    # all 18 governorates, and the national border: the arcs that only one governorate uses
    governorates = governorates_of(m)
    assert sorted(g.pcode for g in governorates.governorates) == [
        f"IQG{n:02d}" for n in range(1, 19)
    ]
    topology = governorates.topology
    border = shapely.union_all(
        [LineString(a) for a, n in zip(topology.arcs, topology.uses, strict=True) if n == 1]
    )
    outline = geo().outline_geometry.boundary
    assert border.length == pytest.approx(outline.length, rel=0.02)
    assert border.hausdorff_distance(outline) < 0.01  # degrees: about a kilometre
    # rivers and lakes
    ids = [s.id for s in map_shapes(m)]
    assert sum(1 for i in ids if i.startswith("map_river-")) == len(geo().rivers["features"])
    assert sum(1 for i in ids if i.startswith("map_lake-")) == len(geo().lakes["features"])
    # the areas the article names, drawn as illustrative shapes
    assert {"hamrin-band", "outskirts-hawija"} <= set(ids)
    # the cities as circle markers, the sector labels as text
    assert set(markers_of(m)) == {"erbil", "baghdad", "hawija"}
    (sectors,) = [labels for labels in of_type(m, Labels) if labels.css_class == "gw-sector"]
    assert [label.html for label in sectors.labels] == [s.name.en for s in geo().sector_labels]
    assert len(of_type(m, ZoomClass)) == 1
    # legend, attribution, scale bar, layer control
    assert len(of_type(m, Legend)) == 1
    assert ATTRIBUTION.split(" · ")[0] in html
    assert governorates.attribution == ATTRIBUTION
    assert m.control_scale is True and "L.control.scale(" in html
    assert len(of_type(m, folium.LayerControl)) == 1
    assert "L.control.layers(" in html


def test_the_three_kurdistan_region_governorates_are_marked() -> None:
    m = base_map("en")
    kri = [g.name for g in governorates_of(m).governorates if g.kri]

    assert sorted(kri) == ["Al-Sulaymaniyah", "Duhok", "Erbil"]
    # the map script writes "Governorate of the Kurdistan Region" under their names
    (script,) = of_type(m, MapScript)
    assert script.kinds[1] == t("map_kri_governorate", "en")
    data = map_html("en")
    assert re.search(r"\[(['\"])Erbil\1,(['\"])[^'\"]+\2,1\]", data)
    assert re.search(r"\[(['\"])Kirkuk\1,(['\"])[^'\"]+\2,0\]", data)


def test_legend_says_which_shapes_are_illustrative() -> None:
    legend = of_type(base_map("en"), Legend)[0].html

    for key in ("map_lg_gap", "map_lg_hamrin", "map_lg_outskirts", "map_lg_note"):
        assert t(key, "en").replace("'", "&#x27;") in legend
    assert "not the post-2017 line" in legend
    assert "schematic axis" in legend
    assert "illustrative radius" in legend


def test_online_tiles_are_an_overlay_that_starts_off() -> None:
    m, html = base_map("en"), map_html("en")
    tiles = of_type(m, folium.TileLayer)

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
    m = copy.deepcopy(base_map("en"))
    build_gap_layer(geo(), 10, "en").add_to(m)

    assert external_asset_urls(m) == []
    assert [name for name, _ in m.default_js] == ["leaflet"]
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", m.get_root().render())


def test_gap_layer_draws_the_chosen_band_over_the_1_and_20_km_bands() -> None:
    layer = build_gap_layer(geo(), 5, "en")
    shapes = map_shapes(layer)

    assert [s.id for s in shapes] == ["gap-band-1km", "gap-band-20km", "gap-band-5km"]
    outlines = [g for g in of_type(layer, Shapes) if g.styles[0].get("interactive") is False]
    assert len(outlines) == 2 and all(g.styles[0]["fill"] is False for g in outlines)
    tip = shapes[-1].tooltip
    assert isinstance(tip, str)
    area = format_number(gap_zone(geo(), 5).area_km2, "en")
    assert "Gap zone, 5 km wide (illustrative)" in tip
    assert f"Area {area} km²" in tip
    assert "illustrative" in tip
    assert place_id_from_tooltip(text_of(tip), real_briefing()) == GAP_PLACE_ID


def test_wider_band_has_larger_area() -> None:
    areas = [gap_zone(geo(), w).area_km2 for w in (1, 5, 20)]

    assert areas == sorted(areas)
    assert 500 < areas[0] < 2_000  # ~1,000 km of line, 1 km wide
    assert 10 * areas[0] < areas[2]


# --- coordinates -------------------------------------------------------------------------


def test_circle_markers_are_lat_lon_and_geojson_is_lon_lat() -> None:
    m = base_map("en")
    markers = markers_of(m)

    assert [markers["erbil"].lat, markers["erbil"].lon] == pytest.approx([36.19117, 44.00943])
    assert [markers["baghdad"].lat, markers["baghdad"].lon] == pytest.approx([33.34058, 44.40088])
    # the outskirts ring as sent: [lon, lat] pairs around Hawija (35.33 N, 43.77 E)
    (rings,) = [s for s in of_type(m, Shapes) if s.shapes[0].id == "outskirts-hawija"]
    sent = sent_features(rings)[0][0]  # [[outer ring, hole]] of the first feature
    ring = decode_coords(sent[0][0], rings.decimals)
    lon, lat = ring[0]
    assert IRAQ_LON[0] < lon < IRAQ_LON[1] and IRAQ_LAT[0] < lat < IRAQ_LAT[1]
    lons, lats = zip(*ring, strict=True)
    assert sum(lons) / len(lons) == pytest.approx(43.77, abs=0.02)
    assert sum(lats) / len(lats) == pytest.approx(35.33, abs=0.02)
    governorates = governorates_of(m)
    erbil = [g.pcode for g in governorates.governorates].index("IQG11")
    first = governorates.topology.ring(governorates.topology.polygons[erbil][0][0])[0]
    assert 42 < first[0] < 46 and 35 < first[1] < 37.5  # [lon, lat]


# --- tooltips, escaping, language --------------------------------------------------------


def test_place_tooltip_names_both_languages_precision_and_source() -> None:
    erbil = markers_of(base_map("en"))["erbil"]
    tip = erbil.tooltip

    assert "<b>Erbil</b>" in tip and "أربيل" in tip and place_token("erbil") in tip
    assert "Precision 1: the point itself" in tip
    assert "GeoNames 95446" in tip
    event = real_briefing().event("erbil-round-2019-02-04")
    assert event.title.en in erbil.popup
    assert format_fuzzy_date(event.date, "en") in erbil.popup


def test_hostile_text_is_escaped_everywhere_it_reaches_html() -> None:
    briefing = _evil_briefing()
    html = build_base_map(briefing, geo(), "en").get_root().render()
    details = build_place_details_html(briefing, "erbil", ViewState(lang="en"))
    listing = build_places_list_html(briefing, ViewState(lang="en"))

    for text in (html, details, listing):
        assert EVIL_ESCAPED in text
        assert EVIL not in text
    # folium writes some HTML into JavaScript template literals: no `${` may reach them
    assert "${alert(2)}" not in html
    assert "&#36;&#123;alert(2)&#125;" in html
    assert "&#96;" in html


def test_arabic_map_speaks_arabic() -> None:
    m, html = base_map("ar"), map_html("ar")
    tip = markers_of(m)["erbil"].tooltip

    assert tip.startswith('<div class="gw-tip" dir="rtl" lang="ar">')
    assert "<b>أربيل</b>" in tip  # the Arabic name first
    assert t("map_precision", "ar", code=1, meaning=t("map_precision_1", "ar")) in tip
    assert layer_names(m)[0] == "المحافظات والحدود"
    assert json.dumps("المحافظات والحدود") in html  # the layer control, as folium writes it
    assert 'dir="rtl"' in of_type(m, Legend)[0].html
    assert "مفتاح الخريطة" in of_type(m, Legend)[0].html
    (script,) = of_type(m, MapScript)
    assert js_literal(script.setup_js)["dir"] == "rtl"
    assert script.kinds == [
        t(k, "ar") for k in ("map_governorate", "map_kri_governorate", "map_river", "map_lake")
    ]
    labels = " ".join(label.html for group in of_type(m, Labels) for label in group.labels)
    assert all(sector.name.ar in labels for sector in geo().sector_labels)
    gap_tip = map_shapes(build_gap_layer(geo(), 10, "ar"))[-1].tooltip
    assert isinstance(gap_tip, str) and 'dir="rtl"' in gap_tip and "توضيحي" in gap_tip


# --- places and clicks -------------------------------------------------------------------


def test_a_clicked_tooltip_leads_back_to_its_place() -> None:
    briefing = real_briefing()
    ring_tip = map_shape(base_map("en"), "outskirts-hawija").tooltip
    assert isinstance(ring_tip, str)

    assert place_id_from_tooltip(text_of(ring_tip), briefing) == "hawija-outskirts"
    assert place_id_from_tooltip("Erbil " + place_token("erbil"), briefing) == "erbil"
    assert place_id_from_tooltip(place_token("atlantis"), briefing) is None
    assert place_id_from_tooltip("Kirkuk · Governorate", briefing) is None
    assert place_id_from_tooltip(None, briefing) is None


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_place_details_give_date_status_and_source_sentence(lang: Lang) -> None:
    briefing = real_briefing()
    html = build_place_details_html(briefing, "baghdad", ViewState(lang=lang))

    for event in items_at(briefing, "baghdad").events:
        assert format_fuzzy_date(event.date, lang) in html
        assert t(event.status, lang) in html
        assert event.spans[0].text_ar in html
    assert '<blockquote class="gwm-src" dir="rtl" lang="ar">' in html
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html


def test_hawija_details_show_the_claim_about_its_outskirts() -> None:
    html = build_place_details_html(real_briefing(), "hawija", ViewState(lang="en"))

    assert t("map_no_events_here", "en") in html
    assert "Also at this point: Outskirts of Hawija" in html
    assert "يختبئون في أطراف الحويجة" in html


def test_places_list_quotes_what_places_isis_remnants_there() -> None:
    html = build_places_list_html(real_briefing(), ViewState(lang="en"))

    for place in real_briefing().places:
        assert place.name.en in html
    assert html.count("Precision ") == len(real_briefing().places)
    assert "ISIS elements are still hiding on the outskirts of Hawija" in html


def test_widths_snap_to_the_slider() -> None:
    assert snap_width(5.3) == 5.5
    assert snap_width(0.2) == 1.0
    assert snap_width(25) == 20.0
    assert snap_width(12.0) == 12.0
