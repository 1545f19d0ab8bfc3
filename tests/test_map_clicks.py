"""What a map reports back to the page: a click once, a second click on the same object again,
and never the cached map itself (st_folium changes the map it is given)."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import folium
import pytest

from components.map import render


@dataclass
class Frontend:
    """st_folium's answers, one per run, in order, and the maps it was given."""

    answers: list[dict[str, Any] | None] = field(default_factory=list)
    given: list[folium.Map] = field(default_factory=list)

    def st_folium(self, fig: folium.Map, **_kwargs: Any) -> dict[str, Any] | None:
        self.given.append(fig)
        return self.answers.pop(0)


@pytest.fixture
def frontend(monkeypatch: pytest.MonkeyPatch) -> Frontend:
    fake = Frontend()
    monkeypatch.setattr(render, "st_folium", fake.st_folium)
    monkeypatch.setattr(render, "st", SimpleNamespace(session_state={}))
    return fake


def _run(base: folium.Map) -> object:
    return render.show_folium(base, folium.FeatureGroup(), key="m_en", click_key="m_click")


def test_a_click_is_reported_once_and_a_second_click_on_the_same_object_again(
    frontend: Frontend,
) -> None:
    base = folium.Map()
    erbil = {"last_object_clicked_tooltip": "Erbil", "last_object_clicked_count": 1}
    frontend.answers.extend(
        [
            None,  # the first run: the frontend has not answered yet
            erbil,
            erbil,  # a rerun for something else: st_folium repeats its last answer
            {**erbil, "last_object_clicked_count": 2},  # Erbil clicked again
        ]
    )
    assert [_run(base) for _ in range(4)] == [None, "Erbil", None, "Erbil"]


def test_the_cached_map_is_never_handed_to_st_folium(frontend: Frontend) -> None:
    base = folium.Map()
    frontend.answers.extend([None, None])
    _run(base)
    _run(base)
    assert len(frontend.given) == 2
    assert all(fig is not base for fig in frontend.given)
    assert frontend.given[0] is not frontend.given[1]
