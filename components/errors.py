"""The error boundary of every page: an unexpected exception becomes a short message with an
error id, in the reader's language, and its traceback goes to the server log under that id.

Why: a reader should never see a traceback (it can quote data or paths), yet a maintainer must
be able to find the one behind a reader's report; and one broken part must not take the
navigation, the language switch or the other pages down with it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.errors import FragmentHandledException

from components import html
from gapwatch.i18n import Lang, t

LOGGER = logging.getLogger("gapwatch.errors")


def new_error_id() -> str:
    """A short id a reader can read out and a maintainer can grep the log for."""
    return secrets.token_hex(4)


def log_error(error: BaseException, where: str) -> str:
    """Log `error` with its traceback under a new id; return the id."""
    error_id = new_error_id()
    LOGGER.error("error id %s in %s: %r", error_id, where, error, exc_info=error)
    return error_id


@contextmanager
def error_boundary(lang: Lang, where: str) -> Iterator[None]:
    """Run the block; on an unexpected exception show `error_boundary_message` with an id.

    Streamlit's own control flow (st.stop, st.rerun, st.switch_page) derives from
    BaseException and passes through; an error a fragment's own boundary already showed
    (FragmentHandledException) is not shown twice.
    """
    try:
        yield
    except FragmentHandledException:
        raise
    except Exception as error:
        error_id = log_error(error, where)
        html.alert(t("error_boundary_message", lang, error_id=error_id), "error")
