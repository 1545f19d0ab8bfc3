"""Small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import csv
import html
import io
import re
from functools import cache
from pathlib import Path

from streamlit.testing.v1 import AppTest

from gapwatch.briefing import Briefing
from gapwatch.geodata import ReferenceGeo, load_reference_geo
from gapwatch.load import load_briefing

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"


@cache
def real_briefing() -> Briefing:
    """The shipped data, loaded once per test run (the models are frozen, so sharing is safe)."""
    return load_briefing(DATA_DIR)


@cache
def real_reference_geo() -> ReferenceGeo:
    """The shipped reference geodata (data/geo), loaded once per test run."""
    return load_reference_geo(DATA_DIR / "geo")


def csv_rows(text: str) -> list[dict[str, str]]:
    """A CSV export read back as a spreadsheet program would: one dict per row."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


APP_PATH = PROJECT_DIR / "app.py"


def open_app(page: str | None = None, **params: str) -> AppTest:
    """The app as a pasted link opens it: with these query parameters, straight on `page`
    (a file under views/, whose name is its url path), on the session's first run."""
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    if page:
        at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


_ALERT = re.compile(r'<div class="gw-alert gw-alert-(\w+)"[^>]*>(.*?)</div>', re.DOTALL)


def alerts(at: AppTest, kind: str | None = None) -> list[str]:
    """The text of the app's own alert boxes (`components.html.alert`), as a reader
    reads it (entities decoded), optionally only those of one kind (info, warning, error)."""
    found: list[str] = []
    for element in at.get("html"):
        for alert_kind, body in _ALERT.findall(element.proto.body):
            if kind is None or alert_kind == kind:
                found.append(html.unescape(body))
    return found


ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,"
    "admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities"
)


def synthetic_acled_csv(notes: str = "SYNTHETIC test row") -> bytes:
    """A small ACLED-shaped export, made up for the tests (ACLED's terms forbid shipping real
    rows): five good events in 2018-2019 — one exact 3.6 km from the assumed line, one
    approximate 7.9 km from it, two farther, one located only to its district (unplaced) —
    then one row with a bad date and one with latitude and longitude swapped."""
    rows = [
        "SYN1,2019-03-02,2019,1,Battles,Armed clash,Islamic State (Iraq),Military Forces of Iraq,"
        f'Erbil,Makhmour,near Makhmour,35.85,43.9,1,SYNTHETIC,"{notes}",3',
        "SYN2,05 March 2019,2019,1,Explosions/Remote violence,Remote explosive,Islamic State "
        f'(Iraq),Civilians (Iraq),Kirkuk,Dibis,near Dibis,35.7,44.1,2,SYNTHETIC,"{notes}",1',
        "SYN3,2019-04-10,2019,1,Battles,Armed clash,Islamic State (Iraq),Peshmerga,Kirkuk,"
        f'Kirkuk,Kirkuk,35.47,44.39,1,SYNTHETIC,"{notes}",0',
        "SYN4,2019-05-01,2019,1,Battles,Armed clash,Islamic State (Iraq),Peshmerga,Kirkuk,"
        f'Hawija,Hawija district,35.32,43.77,3,SYNTHETIC,"{notes}",2',
        "SYN5,2018-11-20,2018,1,Battles,Armed clash,Islamic State (Iraq),Military Forces of Iraq,"
        f'Ninewa,Mosul,Mosul,36.34,43.13,1,SYNTHETIC,"{notes}",5',
        "SYN6,2019-02-31,2019,1,Battles,Armed clash,Islamic State (Iraq),Peshmerga,Kirkuk,"
        f'Kirkuk,Kirkuk,35.47,44.39,1,SYNTHETIC,"{notes}",0',
        "SYN7,2019-06-01,2019,1,Battles,Armed clash,Islamic State (Iraq),Peshmerga,Kirkuk,"
        f'Kirkuk,Kirkuk,44.39,35.47,1,SYNTHETIC,"{notes}",0',
    ]
    return ("\n".join([ACLED_HEADER, *rows]) + "\n").encode("utf-8")
