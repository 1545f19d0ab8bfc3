"""The error boundary (AppTest): a page that raises shows a short message with an error id in
the reader's language, the traceback goes to the log under the same id, and the rest of the
app (navigation, language switch, the other pages) keeps working."""

from __future__ import annotations

import logging
import re

import pytest
from streamlit.testing.v1 import AppTest

import components.key_points
import components.timeline.render
from gapwatch.i18n import LANGS, Lang, t
from tests.support import APP_PATH, alerts

SECRET = "internal detail /srv/secret.json"
ERROR_ID = re.compile(r"\b([0-9a-f]{8})\b")


def _boom(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError(SECRET)


def _error_id(message: str) -> str:
    found = ERROR_ID.search(message)
    assert found, f"no error id in {message!r}"
    return found.group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_that_raises_shows_an_error_id_and_logs_the_traceback(
    lang: Lang, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(components.key_points, "render_key_figures", _boom)
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    at.query_params["lang"] = lang
    with caplog.at_level(logging.ERROR, logger="gapwatch.errors"):
        at.run()

    assert not at.exception  # no traceback for the reader
    (message,) = alerts(at, "error")
    error_id = _error_id(message)
    assert message == t("error_boundary_message", lang, error_id=error_id)
    assert SECRET not in message
    # What ran before the failure is still on the page: the key-point cards.
    assert "gw-card" in "".join(element.proto.body for element in at.get("markdown"))

    (record,) = [r for r in caplog.records if r.name == "gapwatch.errors"]
    assert error_id in record.getMessage()
    assert record.exc_info is not None and SECRET in str(record.exc_info[1])

    # The rest of the app still works: the sidebar, and another page.
    assert at.sidebar.radio(key="lang_choice").value == lang
    at.switch_page("views/source.py").run()
    assert not at.exception and not alerts(at, "error")
    assert at.title


def test_a_failing_fragment_keeps_the_page_around_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(components.timeline.render, "render_event_table", _boom)
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    at.query_params["lang"] = "en"
    at.switch_page("views/timeline.py")
    with caplog.at_level(logging.ERROR, logger="gapwatch.errors"):
        at.run()

    assert not at.exception
    (message,) = alerts(at, "error")  # shown once, by the fragment's own boundary
    assert _error_id(message) in caplog.text
    assert at.header[0].value == t("tl_heading", "en")  # the page around the fragment
