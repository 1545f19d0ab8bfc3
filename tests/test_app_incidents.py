"""The Incidents page wired into the app (AppTest), in both languages: the bundled GED data
in and around the band, filters and split in the URL, an imported dataset, hostile names
kept out of Markdown. What the map and charts draw is tested on their builders
(test_incident_map.py, test_incident_charts.py); the upload itself in the browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.html import escape_html
from gapwatch.i18n import LANGS, Lang, format_number, t
from gapwatch.incidents.analysis import analyse
from gapwatch.incidents.store import BUNDLED_ATTRIBUTION, BUNDLED_NAME, IncidentStore
from tests.support import open_app, synthetic_acled_csv

HOSTILE = "[click](http://evil.example) **bold** <b>x</b>"


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def _params(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def _markdown_sinks(at: AppTest) -> str:
    """Every text Streamlit renders as Markdown on the page."""
    parts = [
        e.value for kind in (at.info, at.warning, at.error, at.success, at.caption) for e in kind
    ]
    parts += [e.value for e in at.markdown]
    parts += [m.label for m in at.metric] + [m.value for m in at.metric]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def imported(incident_store: Path) -> Iterator[str]:
    """A synthetic ACLED dataset with a hostile attribution, imported into the test store
    (and removed again), as a user would through the page."""
    store = IncidentStore(incident_store)
    report = store.import_bytes(
        synthetic_acled_csv(notes=HOSTILE), "acled-test.csv", name="acled-test", attribution=HOSTILE
    )
    yield report.dataset.name
    store.remove(report.dataset.name)


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_shows_the_bundled_ged_data_against_the_band(lang: Lang) -> None:
    at = open_app("incidents", lang=lang)

    assert at.header[0].value == t("page_incidents", lang)
    store = IncidentStore()
    frame = store.incidents(BUNDLED_NAME)
    expected = analyse(frame, 10.0, line=store.line("default"))
    metrics = _metrics(at)
    assert metrics[t("inc_inside", lang)] == format_number(expected.inside.total, lang)
    assert metrics[t("inc_outside", lang)] == format_number(expected.outside.total, lang)
    assert metrics[t("inc_unplaced", lang)] == format_number(expected.unplaced, lang)
    # The data end in 2018: the page says plainly why "after" is empty.
    assert any(t("inc_after_empty", lang).split("(")[0] in i.value for i in at.info)
    assert escape_html(BUNDLED_ATTRIBUTION) in _html(at)  # credited where the data are shown
    assert at.slider[0].label == t("map_width_label", lang)
    headers = [list(df.value.columns) for df in at.dataframe]
    assert [t("inc_col_figure", lang), t("inc_col_before", lang)] == headers[0][:2]
    assert t("inc_col_sector", lang) in headers[1]
    assert len(at.get("plotly_chart")) == 2


def test_a_wider_band_holds_more_events_and_the_link_follows() -> None:
    at = open_app("incidents", lang="en")
    narrow = int(_metrics(at)["Inside the band"].replace(",", ""))

    at.slider[0].set_value(20.0).run()

    assert not at.exception
    assert int(_metrics(at)["Inside the band"].replace(",", "")) > narrow
    assert _params(at)["width"] == "20"


def test_the_actor_filter_and_split_date_come_from_the_link_and_survive_a_language_switch() -> None:
    at = open_app("incidents", lang="en", iq="Turkey", split="2016-01-01")

    total = int(at.html[0].value.split("·")[1].split()[0].replace(",", ""))
    store = IncidentStore()
    frame = store.incidents(BUNDLED_NAME)
    turkey = frame["dyad"].str.contains("Turkey", na=False).sum()
    assert total == turkey
    assert not any(t("inc_after_empty", "en")[:20] in i.value for i in at.info)  # data after 2016

    at.radio(key="lang_choice").set_value("ar").run()

    assert _params(at)["iq"] == "Turkey" and _params(at)["split"] == "2016-01-01"
    assert at.text_input(key="inc_flt_text_ar").value == "Turkey"


def test_typing_an_actor_narrows_the_events_and_writes_the_link() -> None:
    at = open_app("incidents", lang="en")

    at.text_input(key="inc_flt_text_en").set_value("IS").run()

    assert _params(at)["iq"] == "IS"
    shown = int(at.html[0].value.split("·")[1].split()[0].replace(",", ""))
    assert 0 < shown < 3061


def test_a_split_date_preset_is_one_click_away() -> None:
    at = open_app("incidents", lang="en")

    at.button(key="inc_flt_preset_baghdad-meeting-2018-12-26").click().run()

    assert _params(at)["split"] == "2018-12-26"


def test_an_unknown_dataset_in_the_link_falls_back_to_the_bundled_one() -> None:
    at = open_app("incidents", lang="en", dataset="nope [x](http://evil.example)")

    assert "dataset" not in _params(at)
    assert "nope [x](http://evil.example)" in _html(at)  # named, escaped
    assert "evil.example" not in _markdown_sinks(at)
    assert at.selectbox(key="inc_flt_dataset_en").value == BUNDLED_NAME


def test_an_imported_dataset_can_be_chosen_and_its_hostile_text_stays_plain(imported: str) -> None:
    at = open_app("incidents", lang="en", dataset=imported)

    assert at.selectbox(key="inc_flt_dataset_en").value == imported
    assert _metrics(at)["Inside the band"] == "1"  # SYN1, 3.6 km from the line
    assert _metrics(at)["Unplaced"] == "1"
    # The dataset's own attribution is credited, escaped, and nowhere rendered as Markdown.
    assert "[click](http://evil.example) **bold** &lt;b&gt;x&lt;/b&gt;" in _html(at)
    assert "evil.example" not in _markdown_sinks(at)
    datasets = next(df.value for df in at.dataframe if t("inc_col_attribution", "en") in df.value)
    assert HOSTILE in datasets[t("inc_col_attribution", "en")].tolist()
    # Everything from the import is after the split except one 2018 event.
    assert not any(t("inc_after_empty", "en")[:20] in i.value for i in at.info)


def test_removing_a_dataset_takes_it_off_the_list(incident_store: Path) -> None:
    store = IncidentStore(incident_store)
    store.import_bytes(synthetic_acled_csv(), "to-remove.csv", name="to-remove")
    at = open_app("incidents", lang="en")
    at.selectbox(key="inc_remove_choice").set_value("to-remove")

    at.button(key="inc_remove_button").click().run()

    assert "to-remove" not in [d.name for d in store.datasets()]
    assert "to-remove" not in at.selectbox(key="inc_flt_dataset_en").options


def test_an_uploaded_line_moves_every_figure(incident_store: Path) -> None:
    store = IncidentStore(incident_store)
    # A straight line through Kirkuk and Tuz Khurmatu, far from most of the default line.
    geojson = b'{"type": "LineString", "coordinates": [[44.39, 35.47], [44.63, 34.88]]}'
    line = store.add_line(geojson, "kirkuk-tuz.geojson", name="Kirkuk-Tuz")
    try:
        default = open_app("incidents", lang="en")
        at = open_app("incidents", lang="en", line=line.id)

        assert not at.exception
        assert at.selectbox(key="inc_flt_line_en").value == line.id
        assert _metrics(at)["Inside the band"] != _metrics(default)["Inside the band"]
        frame = store.incidents(BUNDLED_NAME, line_id=line.id)
        expected = analyse(frame, 10.0, line=line)
        assert _metrics(at)["Inside the band"] == format_number(expected.inside.total, "en")
    finally:
        store.remove_line(line.id)


def test_colouring_by_fatalities_goes_into_the_link_and_the_downloads_are_offered() -> None:
    at = open_app("incidents", lang="ar")

    at.radio(key="inc_flt_colour_ar").set_value("fatalities").run()

    assert _params(at)["colour"] == "fatalities"
    labels = [b.proto.label for b in at.get("download_button")]
    assert [t(k, "ar") for k in ("inc_dl_csv", "inc_dl_geojson", "inc_dl_analysis")] == labels


def test_choosing_another_dataset_drops_a_type_of_violence_it_does_not_have(
    imported: str,
) -> None:
    at = open_app("incidents", lang="en", iviolence="one-sided violence")
    assert _params(at)["iviolence"] == "one-sided violence"

    at.selectbox(key="inc_flt_dataset_en").set_value(imported).run()

    assert _params(at)["dataset"] == imported
    assert "iviolence" not in _params(at)
    assert _metrics(at)["Inside the band"] == "1"


HOSTILE_FILE = "[f](http://evil.example/f) ![i](http://evil.example/i.png) <img src=x>.csv"
HOSTILE_CREDIT = "![pic](http://evil.example/p.png) [site](http://evil.example) <script>x</script>"
HOSTILE_NAME = "hostile__bold__.x"  # the store allows only [A-Za-z0-9._-]: emphasis at most


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_names_file_names_and_attributions_never_become_links_images_or_html(
    incident_store: Path, lang: Lang
) -> None:
    store = IncidentStore(incident_store)
    store.import_bytes(
        synthetic_acled_csv(notes=HOSTILE_CREDIT),
        HOSTILE_FILE,
        name=HOSTILE_NAME,
        attribution=HOSTILE_CREDIT,
    )
    try:
        at = open_app("incidents", lang=lang, dataset=HOSTILE_NAME)
        assert at.selectbox(key=f"inc_flt_dataset_{lang}").value == HOSTILE_NAME

        markdown = _markdown_sinks(at) + "\n".join(
            str(getattr(w, "label", "")) + str(getattr(w, "help", "") or "")
            for kind in ("selectbox", "button", "text_input", "date_input", "expander")
            for w in at.get(kind)
        )
        assert "evil.example" not in markdown  # no link or image reaches a Markdown sink
        assert "__bold__" not in markdown  # the name, if shown there, is escaped
        page_html = _html(at)
        assert escape_html(HOSTILE_CREDIT) in page_html  # credited, as text
        assert escape_html(HOSTILE_NAME) in page_html
        for raw in ("<script", "<img", "](http"):
            assert raw not in page_html.replace(escape_html(HOSTILE_CREDIT), "")
        # Plain-text places (the dataset list) show the text exactly as given.
        datasets = next(
            df.value for df in at.dataframe if t("inc_col_attribution", lang) in df.value
        )
        assert HOSTILE_CREDIT in datasets[t("inc_col_attribution", lang)].tolist()
    finally:
        store.remove(HOSTILE_NAME)
