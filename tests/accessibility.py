"""axe-core in the browser tests: inject it into a page (and each of its frames) and run it.

axe.min.js comes from the `axe-playwright-python` package (test extras), which ships
axe-core 4.x: installed with the other test dependencies, nothing fetched at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from playwright.sync_api import Page

#: Impacts that fail a page; "moderate" and "minor" are reported, not failed.
BLOCKING = frozenset({"serious", "critical"})


@cache
def axe_source() -> str:
    """The axe-core script, read once per test run."""
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    """One failed axe rule in one frame, with the first few elements it failed on."""

    frame: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"[{self.impact}] {self.rule} in {self.frame}: {self.help} -> {list(self.targets)}"


_RUN = """async () => {
  const result = await axe.run(document, {
    resultTypes: ['violations'],
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
    iframes: false,
  });
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact || 'minor', help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}"""


def axe_violations(page: Page) -> list[Violation]:
    """Every axe violation on the page and in each of its frames (the map), WCAG 2.1 A/AA and
    best practices."""
    found: list[Violation] = []
    for frame in page.frames:
        if frame.url in {"", "about:blank"} and frame is not page.main_frame:
            continue
        frame.add_script_tag(content=axe_source())
        name = "page" if frame is page.main_frame else f"frame {frame.name or frame.url[:60]}"
        for v in frame.evaluate(_RUN):
            found.append(Violation(name, v["rule"], v["impact"], v["help"], tuple(v["targets"])))
    return found
