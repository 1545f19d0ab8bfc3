"""Regenerate the README's screenshots (docs/screenshots/) from a locally started server.

    .venv/bin/python -m scripts.screenshots               # the three README images
    .venv/bin/python -m scripts.screenshots --review DIR  # every page in both languages,
                                                          # full length, for a careful read

Uses Playwright with the Chromium the browser tests use (`tests.browser.chromium_path`:
$GAPWATCH_CHROMIUM, Debian's /usr/bin/chromium, or Playwright's own) and the same server
helper (`tests.browser.streamlit_server`). Arabic needs a font with Arabic glyphs (Debian:
fonts-noto-core). Look at every image before committing it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, sync_playwright

from tests.browser import (
    CHROMIUM_ARGS,
    MAP_IFRAME,
    chromium_path,
    streamlit_server,
    wait_for_app,
    wait_for_maps,
)

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}

#: The README's images: file name, page path with its query, and whether to show the map.
README_SHOTS = (
    ("map-en.png", "map?lang=en", True),
    ("timeline-en.png", "timeline?lang=en", False),
    ("overview-ar.png", "?lang=ar", False),
)
#: On the map image, the Hamrin range's popup is open: its statement, status and who says it.
SHOWN_POPUP = "hamrin-range"
OPEN_POPUP = """(id) => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let found = null;
    map.eachLayer(l => {
        const tip = l.getTooltip && l.getTooltip();
        if (!found && tip && l.getPopup && l.getPopup()
            && String(tip.getContent()).includes("[[place:" + id + "]]")) found = l;
    });
    found.openPopup();
}"""
REVIEW_PAGES = ("", "timeline", "map", "source", "data")


def open_page(page: Page, base_url: str, path: str) -> None:
    """Open a page and wait until the script has run and every map has drawn."""
    page.goto(f"{base_url}/{path}")
    wait_for_app(page)
    wait_for_maps(page)


def shoot_readme(page: Page, base_url: str, out: Path) -> list[Path]:
    """The three README images at 1280 x 900, the map scrolled into view."""
    written = []
    for name, path, shows_map in README_SHOTS:
        open_page(page, base_url, path)
        if shows_map:
            page.locator(MAP_IFRAME).first.scroll_into_view_if_needed()
            handle = page.locator(MAP_IFRAME).first.element_handle()
            frame = handle.content_frame() if handle is not None else None
            if frame is None:
                raise RuntimeError("the map's frame is not there")
            frame.evaluate(OPEN_POPUP, SHOWN_POPUP)
            # Leaflet fades a popup in: wait until it is fully drawn.
            frame.wait_for_function(
                "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
            )
        target = out / name
        page.screenshot(path=str(target))
        written.append(target)
    return written


def shoot_review(page: Page, base_url: str, out: Path) -> list[Path]:
    """Every page in both languages, full length (Streamlit scrolls inside its main area,
    so the viewport is made as tall as the content first)."""
    written = []
    for lang in ("en", "ar"):
        for path in REVIEW_PAGES:
            open_page(page, base_url, f"{path}?lang={lang}")
            height = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
            )
            page.set_viewport_size({"width": VIEWPORT["width"], "height": min(height, 16000)})
            open_page(page, base_url, f"{path}?lang={lang}")
            target = out / f"{path or 'overview'}-{lang}.png"
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
            page.set_viewport_size(VIEWPORT)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--review", type=Path, help="write full-length review shots here")
    args = parser.parse_args()
    with streamlit_server(ROOT / "app.py", cwd=ROOT) as (base_url, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT, locale="en-US")
        if args.review is not None:
            args.review.mkdir(parents=True, exist_ok=True)
            written = shoot_review(page, base_url, args.review)
        else:
            written = shoot_readme(page, base_url, args.out)
        browser.close()
    for path in written:
        sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
