"""Importing GED and ACLED files: whole-file errors, row errors, merging, limits, fuzzing.

Why: analysts bring files from many tools. Every problem must come back as a plain message
(whole file) or a rejected row with its row number, column, value and reason, while the good
rows are kept; and nothing a file contains may crash the importer.
"""

from __future__ import annotations

import codecs
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapwatch.incidents.formats import UnknownFormatError, detect_format
from gapwatch.incidents.importer import (
    ImportLimits,
    IncidentFileError,
    limits_from_env,
    read_incidents,
)
from tests.incidents_support import (
    ACLED_COLUMNS,
    ACLED_OLD_COLUMNS,
    acled_csv,
    acled_row,
    ged_lines,
    ged_rows,
    to_csv,
)

# --- formats --------------------------------------------------------------------------------


def test_the_format_is_told_from_the_header() -> None:
    header, _rows = ged_rows(0)
    assert detect_format(header) == "ucdp_ged"
    # GED 20.1+ adds columns; they do not get in the way.
    assert detect_format([*header, "relid", "code_status", "where_description"]) == "ucdp_ged"
    assert detect_format(ACLED_COLUMNS) == "acled"
    assert detect_format(ACLED_OLD_COLUMNS) == "acled"
    assert detect_format([c.upper() for c in ACLED_COLUMNS]) == "acled"


def test_an_unknown_header_names_the_missing_columns_of_the_closest_format() -> None:
    almost_acled = [c for c in ACLED_COLUMNS if c not in {"latitude", "fatalities"}]
    with pytest.raises(UnknownFormatError) as err:
        detect_format(almost_acled)
    assert "ACLED" in str(err.value)
    assert err.value.missing == ("latitude", "fatalities")


# --- whole-file problems --------------------------------------------------------------------

_HEADER, _LINES = ged_lines(3)
_GOOD = ("\n".join([_HEADER, *_LINES]) + "\n").encode()

WHOLE_FILE_CASES = [
    ("empty", b"", {}, "empty"),
    ("only whitespace", b"  \n\n", {}, "empty"),
    ("zip renamed .csv", b"PK\x03\x04" + b"\x00" * 40, {}, "ZIP"),
    ("gzip renamed .csv", b"\x1f\x8b\x08\x00" + b"\x00" * 20, {}, "gzip"),
    ("pdf renamed .csv", b"%PDF-1.7\n...", {}, "PDF"),
    ("binary with NUL bytes", bytes(range(256)) * 4, {}, "NUL"),
    ("UTF-16 without BOM", _GOOD.decode().encode("utf-16-le"), {}, "UTF-16"),
    (
        "Windows-1256 Arabic",
        acled_csv([acled_row(1, location="الحويجة")]).decode().encode("cp1256"),
        {},
        "Windows-1256",
    ),
    ("header only", (_HEADER + "\n").encode(), {}, "no data rows"),
    ("unknown header", b"name,when,where\na,b,c\n", {}, "closest is"),
    ("repeated column", (_HEADER + ",id\n").encode() + _LINES[0].encode() + b",1\n", {}, "repeats"),
    ("over the size limit", _GOOD, {"max_bytes": 100}, "GAPWATCH_MAX_UPLOAD_MB"),
    ("over the row limit", _GOOD, {"max_rows": 2}, "GAPWATCH_MAX_ROWS"),
    ("blank first line", b"\n" + _GOOD, {}, "first line is empty"),
]


@pytest.mark.parametrize(
    ("data", "limits", "message"),
    [pytest.param(d, lim, m, id=name) for name, d, lim, m in WHOLE_FILE_CASES],
)
def test_a_file_that_cannot_be_imported_gets_one_plain_error(
    data: bytes, limits: dict[str, int], message: str
) -> None:
    with pytest.raises(IncidentFileError) as err:
        read_incidents(data, "upload.csv", ImportLimits(**limits))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda b: codecs.BOM_UTF8 + b, id="UTF-8 with BOM"),
        pytest.param(lambda b: b.decode().encode("utf-16"), id="UTF-16 with BOM"),
        pytest.param(lambda b: b.replace(b"\n", b"\r\n"), id="CRLF line ends"),
        pytest.param(lambda b: b.replace(b"\n", b"\r"), id="old Mac CR line ends"),
        pytest.param(lambda b: b.replace(b"\n", b"\n\n"), id="blank lines between rows"),
        pytest.param(lambda b: b.rstrip(b"\n"), id="no final newline"),
    ],
)
def test_common_encodings_and_line_ends_are_read(encode) -> None:
    result = read_incidents(encode(_GOOD), "ged.csv")
    assert (result.read, result.imported, result.rejected) == (3, 3, ())


# --- rows -----------------------------------------------------------------------------------

ROW_CASES = [
    # (id, column, bad value, reason)
    ("bad date", "date_start", "2014-13-01", "bad date"),
    ("date as text", "date_end", "last week", "bad date"),
    ("end before start", "date_end", "2013-01-01", "end date before start date"),
    ("latitude not a number", "latitude", "35,4", "not a number"),
    ("swapped coordinates", "latitude", "SWAP", "apparently swapped"),
    ("outside Iraq", "latitude", "48.85", "outside Iraq"),
    ("unknown precision code", "where_prec", "9", "unknown precision code"),
    ("unknown type of violence", "type_of_violence", "4", "unknown type of violence"),
    ("negative fatalities", "best", "-1", "fatalities"),
    ("fractional fatalities", "high", "2.5", "fatalities"),
    ("missing id", "id", "", "missing id"),
    ("10,000-character field", "source_article", "x" * 10_000, "field too long"),
]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [pytest.param(c, v, r, id=name) for name, c, v, r in ROW_CASES],
)
def test_a_bad_row_is_rejected_with_row_column_value_and_reason(
    column: str, value: str, reason: str
) -> None:
    header, rows = ged_rows(4)
    bad = list(rows[2])
    if value == "SWAP":
        lat, lon = header.index("latitude"), header.index("longitude")
        bad[lat], bad[lon] = bad[lon], bad[lat]
        value = f"{bad[lat]}, {bad[lon]}"
    else:
        bad[header.index(column)] = value
        if reason == "outside Iraq":  # a place is a pair: both values are reported
            value = f"{value}, {bad[header.index('longitude')]}"
    data = to_csv(header, [rows[0], rows[1], bad, rows[3]])
    result = read_incidents(data, "ged.csv")
    assert (result.read, result.imported, result.merged) == (4, 3, 0)
    (rejected,) = result.rejected
    assert rejected.row == 4  # header is row 1
    assert rejected.column == column
    assert reason in rejected.reason
    assert rejected.value == (value if len(value) <= 120 else value[:120] + "…")
    # The rejected CSV is the header and that row, byte for byte as in the file.
    lines = data.decode().splitlines(keepends=True)
    assert result.rejected_csv() == (lines[0] + lines[3]).encode()
    kept = set(result.frame["event_id"])
    assert kept == {rows[0][0], rows[1][0], rows[3][0]}


def test_a_row_with_the_wrong_number_of_fields_is_rejected_not_fatal() -> None:
    header, lines = ged_lines(3)
    data = "\n".join([header, lines[0], lines[1] + ",extra", lines[2], "1,2,3"]) + "\n"
    result = read_incidents(data.encode(), "ged.csv")
    assert result.imported == 2
    assert [(r.row, r.reason) for r in result.rejected] == [
        (3, "wrong number of fields"),
        (5, "wrong number of fields"),
    ]
    assert result.rejected[0].value == "46 fields, header has 45"
    assert result.rejected_csv().decode().splitlines() == [header, lines[1] + ",extra", "1,2,3"]


def test_an_unclosed_quote_loses_only_the_rows_it_swallows() -> None:
    header, lines = ged_lines(3)
    data = "\n".join([header, lines[0], lines[1], '999,"never closed,' + lines[2]]) + "\n"
    result = read_incidents(data.encode(), "ged.csv")
    assert result.imported == 2
    (rejected,) = result.rejected
    assert rejected.row == 4 and rejected.reason == "wrong number of fields"


def test_a_quote_bomb_is_a_rejected_row() -> None:
    header, lines = ged_lines(2)
    bomb = '"' + '""' * 200_000 + '"'
    data = "\n".join([header, lines[0], bomb + "," + lines[1]]) + "\n"
    result = read_incidents(data.encode(), "ged.csv")
    assert result.imported == 1 and len(result.rejected) == 1


def test_identical_duplicates_merge_and_different_ones_are_rejected() -> None:
    header, rows = ged_rows(3)
    changed = list(rows[1])
    changed[header.index("best")] = "999"
    data = to_csv(header, [rows[0], rows[1], rows[0], changed, rows[2]])
    result = read_incidents(data, "ged.csv")
    assert (result.read, result.imported, result.merged) == (5, 3, 1)
    (rejected,) = result.rejected
    assert rejected.row == 5 and rejected.column == "id" and rejected.value == rows[1][0]
    assert rejected.reason == "duplicate id with different content (first seen on row 3)"
    assert result.read == result.imported + result.merged + len(result.rejected)


def test_a_formula_cell_is_kept_as_data() -> None:
    header, rows = ged_rows(1)
    rows[0][header.index("side_b")] = '=HYPERLINK("http://x","y")'
    result = read_incidents(to_csv(header, rows), "ged.csv")
    assert result.frame["side_b"].iloc[0] == '=HYPERLINK("http://x","y")'


def test_the_raw_column_gives_back_every_original_field() -> None:
    header, rows = ged_rows(5)
    rows[0][header.index("source_article")] = 'quote " backslash \\ newline \n tab \t end'
    result = read_incidents(to_csv(header, rows), "ged.csv")
    for raw, row in zip(result.frame["raw"], rows, strict=True):
        assert json.loads(raw) == dict(zip(header, row, strict=True))


# --- ACLED ----------------------------------------------------------------------------------


def test_acled_rows_in_every_documented_date_format() -> None:
    rows = [
        acled_row(1, event_date="2019-03-05"),
        acled_row(2, event_date="05 March 2019"),
        acled_row(3, event_date="05-March-2019"),
        acled_row(4, event_date="March 5th"),
    ]
    result = read_incidents(acled_csv(rows), "acled.csv")
    assert result.format == "acled"
    assert result.imported == 3
    assert set(result.frame["date_start"].dt.strftime("%Y-%m-%d")) == {"2019-03-05"}
    (rejected,) = result.rejected
    assert rejected.column == "event_date" and rejected.value == "March 5th"


def test_an_old_acled_export_is_read_and_normalised() -> None:
    rows = [
        acled_row(1, geo_precision="1", fatalities="3"),
        acled_row(2, geo_precision="2", actor2=""),
        acled_row(3, geo_precision="3"),
    ]
    result = read_incidents(acled_csv(rows, ACLED_OLD_COLUMNS), "old.csv")
    frame = result.frame.set_index("event_id")
    assert list(frame["precision"]) == ["exact", "approximate", "unplaced"]
    assert list(frame.loc["IRQ1", ["fatalities_best", "fatalities_low", "fatalities_high"]]) == [
        3,
        3,
        3,
    ]
    assert frame.loc["IRQ1", "dyad"] == "Islamic State (Iraq) - Military Forces of Iraq (2018-2022)"
    assert frame.loc["IRQ2", "dyad"] == "Islamic State (Iraq)"
    assert frame.loc["IRQ1", "sub_type"] == ""  # the old export has no sub_event_type
    assert "SYNTHETIC" in str(frame.loc["IRQ1", "source_text"])
    assert frame["distance_km"].isna().tolist() == [False, False, True]


def test_acled_precision_codes_beyond_3_are_rejected() -> None:
    result = read_incidents(acled_csv([acled_row(1, geo_precision="4")]), "a.csv")
    assert result.imported == 0 and "unknown precision code" in result.rejected[0].reason


# --- limits ---------------------------------------------------------------------------------


def test_limits_come_from_the_environment() -> None:
    limits = limits_from_env(
        {"GAPWATCH_MAX_UPLOAD_MB": "5", "GAPWATCH_MAX_ROWS": "10", "GAPWATCH_MAX_FIELD_CHARS": "50"}
    )
    assert limits == ImportLimits(max_bytes=5 * 1024 * 1024, max_rows=10, max_field_chars=50)
    assert limits_from_env({}) == ImportLimits()
    with pytest.raises(ValueError, match="GAPWATCH_MAX_ROWS"):
        limits_from_env({"GAPWATCH_MAX_ROWS": "lots"})


def test_the_field_limit_is_configurable() -> None:
    header, rows = ged_rows(2)
    result = read_incidents(to_csv(header, rows), "g.csv", ImportLimits(max_field_chars=60))
    assert result.imported == 0
    assert all("field too long" in r.reason for r in result.rejected)


# --- never an unexpected exception ----------------------------------------------------------

_HEADER_BYTES = (_HEADER + "\n").encode()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=2000).map(lambda b: _HEADER_BYTES + b),
        st.text(max_size=1500).map(lambda t: _HEADER_BYTES + t.encode("utf-8", "replace")),
        st.lists(
            st.lists(
                st.one_of(
                    st.sampled_from(["", "1", "2", "7", "35.1", "44.2", "2016-05-01", "-3"]),
                    st.text(max_size=12),
                ),
                min_size=40,
                max_size=48,
            ),
            max_size=6,
        ).map(lambda rows: to_csv(ged_rows(0)[0], rows)),
        st.lists(st.sampled_from([*_LINES, '"', '""', ",", "\r", "\n", "\x00"]), max_size=8).map(
            lambda parts: _HEADER_BYTES + "".join(parts).encode()
        ),
    )
)
def test_any_bytes_give_a_result_or_a_file_error(data: bytes) -> None:
    try:
        result = read_incidents(data, "fuzz.csv")
    except IncidentFileError as exc:
        assert str(exc)
        return
    assert result.read == result.imported + result.merged + len(result.rejected)
    assert len(result.frame) == result.imported
    assert result.frame["precision"].isin(["exact", "approximate", "unplaced"]).all()
