"""Reading a built folium map in tests: its elements, the shapes it draws, what it sends."""

import ast
import copy
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import branca.element
import folium

from components.map.base import build_base_map
from components.map.elements import (
    Governorates,
    PlaceMarker,
    PlaceMarkers,
    Shape,
    Shapes,
)
from gapwatch.i18n import Lang
from tests.support import real_briefing, real_reference_geo


@cache
def base_map(lang: Lang) -> folium.Map:
    return build_base_map(real_briefing(), real_reference_geo(), lang)


@cache
def map_html(lang: Lang) -> str:
    return str(copy.deepcopy(base_map(lang)).get_root().render())


def walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    yield element
    for child in element._children.values():
        yield from walk(child)


def of_type(m: branca.element.Element, kind: type) -> list:
    return [e for e in walk(m) if isinstance(e, kind)]


def layer_names(m: folium.Map) -> list[str]:
    return [c.layer_name for c in m._children.values() if isinstance(c, folium.map.Layer)]


def map_shapes(m: branca.element.Element) -> list[Shape]:
    return [shape for group in of_type(m, Shapes) for shape in group.shapes]


def map_shape(m: branca.element.Element, shape_id: str) -> Shape:
    matches = [s for s in map_shapes(m) if s.id == shape_id]
    assert len(matches) == 1, f"expected one shape {shape_id!r}, got {len(matches)}"
    return matches[0]


def governorates_of(m: branca.element.Element) -> Governorates:
    (governorates,) = of_type(m, Governorates)
    return governorates


def markers_of(m: branca.element.Element) -> dict[str, PlaceMarker]:
    return {marker.place_id: marker for p in of_type(m, PlaceMarkers) for marker in p.markers}


def sent_features(element: Shapes) -> list[list[Any]]:
    """What a Shapes element puts in the map's script, read back (a JavaScript literal)."""
    script = element._template.module.script(element)
    match = re.search(r"gw\.shapes\([a-z0-9_]+, (.*)\);\s*$", script, re.DOTALL)
    assert match, script
    features = re.search(r",f:(\[.*\])\}$", match.group(1), re.DOTALL)
    assert features
    return js_literal(features.group(1))


def js_literal(text: str) -> Any:
    """A JavaScript literal from `js_value` (quoted keys, single- or double-quoted strings)
    as Python values: Python reads these string literals the same way."""
    text = re.sub(r"([{,])([A-Za-z][A-Za-z0-9]*):", r'\1"\2":', text).replace("<\\/", "</")
    text = text.replace("true", "True").replace("false", "False").replace("null", "None")
    return ast.literal_eval(text)


def text_of(html: str) -> str:
    """What the browser's textContent of this HTML is (st_folium returns that on a click)."""
    return re.sub(r"<[^>]+>", "", html)
