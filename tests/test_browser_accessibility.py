"""Accessibility in a real browser: axe-core on every page in both languages (0 serious or
critical violations), keyboard-only use of the filters, the width slider, the timeline and the
downloads with a visible focus, and the map's text alternative reachable without a mouse."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from components.navigation import PAGES, PageSpec
from gapwatch.i18n import LANGS, Lang
from tests.accessibility import BLOCKING, axe_violations
from tests.browser import PageLog, wait_for_app, wait_for_maps


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", PAGES, ids=[spec.key for spec in PAGES])
def test_axe_finds_no_serious_or_critical_violation(
    page: Page, page_log: PageLog, app_server: str, spec: PageSpec, lang: Lang
) -> None:
    page.goto(f"{app_server}/{spec.link_path}?lang={lang}")
    wait_for_app(page)
    wait_for_maps(page)
    violations = axe_violations(page)
    blocking = [v for v in violations if v.impact in BLOCKING]
    # For the report: every page's count, blocking or not.
    print(f"axe: {spec.key}/{lang}: {len(blocking)} serious/critical, {len(violations)} in all")  # noqa: T201
    for v in violations:
        print(f"  {v}")  # noqa: T201
    assert not blocking, "\n".join(str(v) for v in blocking)
    page_log.assert_clean()
