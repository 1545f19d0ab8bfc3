"""Gap Watch tests (pytest; browser tests drive Chromium through Playwright)."""
