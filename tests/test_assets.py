"""The map's assets come from the app itself: components/assets.py."""

from __future__ import annotations

import re
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import pytest
from playwright.sync_api import Page
from streamlit.testing.v1 import AppTest

from components import state
from components.assets import (
    LEAFLET_VERSION,
    OFFLINE_CSS,
    OFFLINE_JS,
    VENDOR_URL,
    VendorAssetsMissing,
    check_vendor_assets,
    ensure_vendor_assets,
    external_asset_urls,
    offline_map,
    standalone_map_html,
    vendor_files,
)
from components.navigation import PAGES
from gapwatch.i18n import t
from tests.browser import PageLog
from tests.support import APP_PATH

ASSET_TAG = re.compile(r"<script[^>]*\bsrc=\"([^\"]*)\"|<link[^>]*\bhref=\"([^\"]*)\"")


def _asset_urls(html: str) -> list[str]:
    return [script or link for script, link in ASSET_TAG.findall(html)]


def _sample_map() -> folium.Map:
    m = offline_map(location=[35.5, 44.4], zoom_start=7, control_scale=True)
    folium.CircleMarker([35.47, 44.39], radius=6, tooltip="Kirkuk", popup="Kirkuk").add_to(m)
    folium.LayerControl().add_to(m)
    return m


def test_ensure_vendor_assets_copies_leaflet_and_jquery(tmp_path: Path) -> None:
    vendor = ensure_vendor_assets(tmp_path / "static")

    assert vendor == tmp_path / "static" / "vendor"
    for name in ("leaflet/leaflet.js", "leaflet/leaflet.css", "jquery/jquery.min.js"):
        assert (vendor / name).stat().st_size > 1000, name
    assert (vendor / "leaflet" / "images" / "layers.png").is_file()
    leaflet = (vendor / "leaflet/leaflet.js").read_text(encoding="utf-8")
    assert f'version="{LEAFLET_VERSION}"' in leaflet
    assert "jQuery" in (vendor / "jquery/jquery.min.js").read_text(encoding="utf-8")
    assert not list(vendor.rglob("*.tmp")), "temporary files left behind"


def test_the_run_time_check_names_what_is_missing_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(VendorAssetsMissing, match=r"leaflet/leaflet\.js is missing") as missing:
        check_vendor_assets(tmp_path)
    assert "make install" in str(missing.value)
    assert list(tmp_path.iterdir()) == []  # only checked, nothing copied

    vendor = ensure_vendor_assets(tmp_path)
    assert check_vendor_assets(tmp_path) == vendor
    (vendor / "jquery/jquery.min.js").write_text("/* an older jQuery */", encoding="utf-8")
    with pytest.raises(VendorAssetsMissing, match=r"jquery\.min\.js differs"):
        check_vendor_assets(tmp_path)


def test_the_app_without_installed_assets_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "STATIC_DIR", tmp_path)
    state._checked_vendor_assets.clear()
    try:
        at = AppTest.from_file(str(APP_PATH), default_timeout=60).run()
    finally:
        state._checked_vendor_assets.clear()
    assert t("assets_error", "en") in at.error[0].value
    assert "is missing" in at.code[0].value and "make install" in at.code[0].value
    assert not at.exception
    assert list(tmp_path.iterdir()) == []


def test_ensure_vendor_assets_is_idempotent_and_repairs(tmp_path: Path) -> None:
    vendor = ensure_vendor_assets(tmp_path)
    files = sorted(p for p in vendor.rglob("*") if p.is_file())
    stamps = {p: p.stat().st_mtime_ns for p in files}

    assert ensure_vendor_assets(tmp_path) == vendor
    assert sorted(p for p in vendor.rglob("*") if p.is_file()) == files
    assert {p: p.stat().st_mtime_ns for p in files} == stamps, "unchanged files were rewritten"

    # An outdated or truncated copy is replaced with the packaged file.
    leaflet = vendor / "leaflet" / "leaflet.js"
    leaflet.write_text("// stale", encoding="utf-8")
    ensure_vendor_assets(tmp_path)
    assert leaflet.read_bytes() == vendor_files()["leaflet/leaflet.js"].read_bytes()


def test_every_offline_url_is_a_vendored_file(tmp_path: Path) -> None:
    vendor = ensure_vendor_assets(tmp_path)
    for _, url in (*OFFLINE_JS, *OFFLINE_CSS):
        assert url.startswith(f"{VENDOR_URL}/")
        assert (vendor / url.removeprefix(f"{VENDOR_URL}/")).is_file(), url


def test_plain_folium_map_needs_cdns_but_offline_map_does_not() -> None:
    assert external_asset_urls(folium.Map()), "folium changed: its Map no longer uses CDNs?"
    assert external_asset_urls(_sample_map()) == []


def test_offline_map_leaves_other_maps_alone() -> None:
    before = list(folium.Map.default_js)
    offline_map().add_js_link("extra", "/app/static/vendor/extra.js")
    assert folium.Map.default_js == before
    assert ("extra", "/app/static/vendor/extra.js") not in offline_map().default_js


def test_external_asset_urls_sees_plugins_and_colormaps() -> None:
    m = _sample_map()
    branca.colormap.LinearColormap(["white", "navy"], vmin=0, vmax=1).add_to(m)
    found = external_asset_urls(m)
    assert any("d3" in url for url in found), found

    m = _sample_map()
    folium.plugins.Fullscreen().add_to(m)
    assert external_asset_urls(m), "a CDN plugin went unnoticed"


def test_offline_map_html_loads_only_local_assets() -> None:
    html = _sample_map().get_root().render()
    urls = _asset_urls(html)

    assert sorted(urls) == sorted(url for _, url in (*OFFLINE_JS, *OFFLINE_CSS))
    assert not [u for u in urls if u.startswith(("http://", "https://", "//"))]
    assert "bootstrap" not in html.lower()
    assert "font-awesome" not in html.lower() and "fontawesome" not in html.lower()
    assert "tile.openstreetmap" not in html  # tiles=None by default


def test_standalone_map_html_inlines_everything() -> None:
    html = standalone_map_html(_sample_map())

    assert _asset_urls(html) == []
    assert "<script src=" not in html
    assert 'rel="stylesheet"' not in html
    assert f'version="{LEAFLET_VERSION}"' in html  # Leaflet's code
    assert "jQuery" in html
    assert ".leaflet-container" in html  # Leaflet's CSS
    assert "url(data:image/png;base64," in html  # the layer-control icon
    assert "sourceMappingURL" not in html


def test_standalone_map_html_refuses_a_map_that_needs_cdns() -> None:
    with pytest.raises(ValueError, match="off-site"):
        standalone_map_html(folium.Map())


@pytest.mark.browser
def test_standalone_map_opens_offline_in_chromium(
    tmp_path: Path, page: Page, page_log: PageLog
) -> None:
    m = _sample_map()
    for feature in m._children.values():
        if isinstance(feature, folium.CircleMarker):
            feature.options["fill"] = True  # a filled circle can be clicked in its centre
    target = tmp_path / "map.html"
    target.write_text(standalone_map_html(m), encoding="utf-8")

    page.goto(target.as_uri())
    page.locator(".leaflet-interactive").first.click()

    assert page.locator(".leaflet-popup-content").inner_text() == "Kirkuk"
    assert page.evaluate("() => L.version") == LEAFLET_VERSION
    assert page.locator(".leaflet-control-layers-toggle").is_visible()
    page_log.assert_clean()


_NOT_SOURCE = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
               "test-artifacts", "results", ".hypothesis"}  # fmt: skip


def _source_tree() -> dict[str, tuple[int, int]]:
    root = APP_PATH.parent
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in root.rglob("*")
        if path.is_file() and not _NOT_SOURCE.intersection(path.relative_to(root).parts)
    }


def test_running_every_page_writes_nothing_into_the_source_tree() -> None:
    before = _source_tree()
    for spec in PAGES:
        at = AppTest.from_file(str(APP_PATH), default_timeout=60)
        if not spec.default:
            at.switch_page(spec.script)
        at.run()
        assert not at.exception
    assert _source_tree() == before
