"""Leaflet and jQuery for the map, served by the app itself: never from a CDN.

folium's ``Map`` asks the browser to load Leaflet, jQuery, Bootstrap, Font Awesome and
awesome-markers from CDNs (``folium.Map.default_js`` / ``default_css``). ``st_folium``
collects those URLs from every element of the map and loads them inside its iframe, and the
iframe stops at the first asset that fails: with no internet the map never appears. So:

- :func:`ensure_vendor_assets` copies Leaflet (JS, CSS, images) and jQuery out of the
  ``xstatic-leaflet`` / ``xstatic-jquery`` packages into ``static/vendor/``, which Streamlit
  serves at ``/app/static/vendor/...`` (``server.enableStaticServing = true``). It runs at
  install time (``make install``, ``python -m components.assets``), never in the app: the
  app does not write into its own source tree.
- :func:`check_vendor_assets` is what the app runs: it only reads, and raises
  :class:`VendorAssetsMissing` naming each missing or outdated file and the command to fix it.
- :func:`offline_map` builds a ``folium.Map`` whose assets point only there. Bootstrap,
  Font Awesome and awesome-markers are left out: the app draws with ``CircleMarker``,
  ``DivIcon``, ``GeoJson`` and tooltips, which need none of them.
- :func:`external_asset_urls` lists every off-site asset a map would make the browser load
  (tests assert it is empty).
- :func:`standalone_map_html` renders a map to one HTML file with Leaflet and jQuery inlined,
  so a downloaded map opens with no network.

Pure apart from the filesystem: no Streamlit import here.
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import branca.colormap
import branca.element
import folium
import folium.elements
import xstatic.pkg.jquery as xstatic_jquery
import xstatic.pkg.leaflet as xstatic_leaflet

__all__ = [
    "JQUERY_VERSION",
    "LEAFLET_VERSION",
    "OFFLINE_CSS",
    "OFFLINE_JS",
    "VENDOR_URL",
    "OfflineMap",
    "VendorAssetsMissing",
    "check_vendor_assets",
    "ensure_vendor_assets",
    "external_asset_urls",
    "offline_map",
    "standalone_map_html",
    "vendor_files",
]

LEAFLET_VERSION: str = xstatic_leaflet.VERSION
JQUERY_VERSION: str = xstatic_jquery.VERSION

_LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
_JQUERY_DIR = Path(xstatic_jquery.BASE_DIR)

#: Where Streamlit serves ``static/vendor/`` (``server.enableStaticServing``).
VENDOR_URL = "/app/static/vendor"

_LEAFLET_JS = "leaflet/leaflet.js"
_LEAFLET_CSS = "leaflet/leaflet.css"
_JQUERY_JS = "jquery/jquery.min.js"

#: The only JS and CSS an offline map loads (name, URL), in folium's ``default_js`` format.
OFFLINE_JS: tuple[tuple[str, str], ...] = (
    ("leaflet", f"{VENDOR_URL}/{_LEAFLET_JS}"),
    # folium's popups use `$`.
    ("jquery", f"{VENDOR_URL}/{_JQUERY_JS}"),
)
OFFLINE_CSS: tuple[tuple[str, str], ...] = (("leaflet_css", f"{VENDOR_URL}/{_LEAFLET_CSS}"),)

# Images that leaflet.css points at and that standalone_map_html inlines as data URIs (the
# layer-control icon). The default marker icon is left as it is: we do not use it.
_INLINED_CSS_IMAGES = ("images/layers.png", "images/layers-2x.png")

# st_folium inserts d3 from two CDNs into any map holding a branca colormap; we report it by
# name rather than repeat its URLs here.
_COLORMAP_JS = "d3.js from a CDN (st_folium adds it for a branca colormap)"

_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def vendor_files() -> dict[str, Path]:
    """Map each file under ``static/vendor/`` (relative POSIX path) to its packaged source."""
    files = {
        _LEAFLET_JS: _LEAFLET_DIR / "leaflet.js",
        _LEAFLET_CSS: _LEAFLET_DIR / "leaflet.css",
        _JQUERY_JS: _JQUERY_DIR / "jquery.min.js",
    }
    for image in sorted((_LEAFLET_DIR / "images").glob("*.png")):
        files[f"leaflet/images/{image.name}"] = image
    return files


def _write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so no reader ever sees a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def ensure_vendor_assets(static_dir: Path) -> Path:
    """Copy Leaflet and jQuery into ``static_dir/vendor`` if missing or outdated.

    Idempotent, and safe when several processes do it at once (each file is written to a
    temporary file in the same folder, then moved into place with ``os.replace``).
    Returns the ``vendor`` folder.
    """
    vendor = Path(static_dir) / "vendor"
    for relative, source in vendor_files().items():
        target = vendor / relative
        data = source.read_bytes()
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        _write_atomically(target, data)
    return vendor


class VendorAssetsMissing(RuntimeError):
    """Leaflet or jQuery is missing or outdated under ``static/vendor``: the install step
    (``make install``, or ``python -m components.assets``) has not run since the last upgrade."""

    def __init__(self, vendor: Path, problems: list[str]) -> None:
        self.vendor = vendor
        self.problems = problems
        super().__init__(
            f"the map's Leaflet/jQuery files under {vendor} are not installed: "
            + "; ".join(problems)
            + ". Run `make install` (or `python -m components.assets`) to copy them."
        )


def check_vendor_assets(static_dir: Path) -> Path:
    """Check, without writing anything, that ``static_dir/vendor`` holds the packaged files.

    Returns the ``vendor`` folder; raises :class:`VendorAssetsMissing` listing every file that
    is missing or differs from its package (an upgrade without a new install step).
    """
    vendor = Path(static_dir) / "vendor"
    problems: list[str] = []
    for relative, source in vendor_files().items():
        target = vendor / relative
        if not target.is_file():
            problems.append(f"{relative} is missing")
        elif target.read_bytes() != source.read_bytes():
            problems.append(f"{relative} differs from the installed package")
    if problems:
        raise VendorAssetsMissing(vendor, problems)
    return vendor


class OfflineMap(folium.Map):
    """A ``folium.Map`` that loads Leaflet and jQuery from the app, and nothing else.

    ``folium.Map.default_js`` / ``default_css`` are class attributes listing CDN URLs; here
    each instance gets its own lists (folium's ``add_js_link`` mutates them in place), so
    other maps, plain ``folium.Map`` included, are unaffected.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.default_js = list(OFFLINE_JS)
        self.default_css = list(OFFLINE_CSS)


def offline_map(**kwargs: Any) -> folium.Map:
    """Build a map that needs no internet: like ``folium.Map(**kwargs)``, ``tiles=None``."""
    kwargs.setdefault("tiles", None)
    return OfflineMap(**kwargs)


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def _is_external(url: str) -> bool:
    return bool(_EXTERNAL.match(url.strip()))


def external_asset_urls(m: folium.Map) -> list[str]:
    """Every off-site script or stylesheet the map would make a browser load, in order.

    Walks the map's whole figure: each element's ``default_js`` / ``default_css`` (what
    ``st_folium`` loads), links added by hand (``JavascriptLink`` / ``CssLink``), and the d3
    that ``st_folium`` adds for a branca colormap. Empty for an offline map.
    """
    root = m.get_root()
    found: list[str] = []
    for element in _walk(root):
        urls: list[str] = []
        if isinstance(element, branca.colormap.ColorMap):
            found.append(_COLORMAP_JS)
        if isinstance(element, folium.elements.JSCSSMixin):
            urls.extend(url for _, url in element.default_js)
            urls.extend(url for _, url in element.default_css)
        if isinstance(element, branca.element.Link):
            urls.append(str(element.url))
        found.extend(url for url in urls if _is_external(url))
    return list(dict.fromkeys(found))


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_js(path: Path) -> str:
    code = path.read_text(encoding="utf-8")
    code = re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
    # `</script` inside the code would close the tag early; `<\/` means the same in JS.
    return code.replace("</script", "<\\/script")


def _inline_leaflet_css() -> str:
    css = (_LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    for image in _INLINED_CSS_IMAGES:
        css = css.replace(f"url({image})", f"url({_data_uri(_LEAFLET_DIR / image, 'image/png')})")
    return css.replace("</style", "<\\/style")


def standalone_map_html(m: folium.Map) -> str:
    """Render ``m`` as one self-contained HTML page, Leaflet and jQuery inlined.

    Only maps built with :func:`offline_map` (or with no other off-site asset) are accepted:
    a map that still needs a CDN would not open offline, so it raises ``ValueError``.
    """
    external = external_asset_urls(m)
    if external:
        raise ValueError(f"map needs off-site assets, cannot inline them: {external}")
    html: str = m.get_root().render()
    inline_js = {
        f"{VENDOR_URL}/{_LEAFLET_JS}": _inline_js(_LEAFLET_DIR / "leaflet.js"),
        f"{VENDOR_URL}/{_JQUERY_JS}": _inline_js(_JQUERY_DIR / "jquery.min.js"),
    }
    inline_css = {f"{VENDOR_URL}/{_LEAFLET_CSS}": _inline_leaflet_css()}

    def script(match: re.Match[str]) -> str:
        url = match.group(1)
        if url not in inline_js:
            raise ValueError(f"no inline copy for script {url!r}")
        return f"<script>{inline_js[url]}</script>"

    def stylesheet(match: re.Match[str]) -> str:
        url = match.group(1)
        if url not in inline_css:
            raise ValueError(f"no inline copy for stylesheet {url!r}")
        return f"<style>{inline_css[url]}</style>"

    # Callables, not replacement strings: the inlined code contains backslashes.
    html = re.sub(r'<script\s+src="([^"]*)"\s*>\s*</script>', script, html)
    html = re.sub(r'<link\s+rel="stylesheet"\s+href="([^"]*)"\s*/?>', stylesheet, html)
    return html


if __name__ == "__main__":  # the install step: python -m components.assets [STATIC_DIR]
    import sys

    _target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "static"
    print(f"vendor assets: {ensure_vendor_assets(_target)}")  # noqa: T201
