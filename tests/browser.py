"""The browser tests' toolbox: Debian's Chromium under Playwright, logging in, and
``check_page``, which holds a page to the portal's bar at 1366 and at 390 px wide: no
horizontal scrolling, no serious or critical axe-core violation of WCAG 2.1 A/AA, and no
Content-Security-Policy violation (Chromium reports each on the console) since the last check.

    with chromium() as browser:
        page = new_page(browser, live_server.url)
        log_in(page, live_server.url, "bkt_setda")
        page.goto(f"{live_server.url}/koordinasi/rapat/")
        check_page(page, "meetings")

axe-core comes bundled with axe-playwright-python (no CDN); the browser is never downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "rahasia-demo-123"
WIDTHS = (1366, 390)
HEIGHT = 900
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = frozenset({"serious", "critical"})

# The elements wider than the window, for a readable failure (at most five).
_OVERFLOWING = """() => {
  const width = window.innerWidth, found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && el.checkVisibility()) {
      const inner = [...el.children].some(c => c.getBoundingClientRect().right > width + 1);
      if (!inner) {
        const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
          + (el.classList.length ? "." + [...el.classList].join(".") : "");
        found.push(name + " (right edge " + Math.round(box.right) + " px)");
      }
    }
    if (found.length >= 5) break;
  }
  return found;
}"""


@contextmanager
def chromium() -> Iterator[object]:
    """One headless Debian Chromium for the whole test; fails (never skips) without it."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get install chromium); they never download a browser."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        _watch_csp(browser)
        try:
            yield browser
        finally:
            browser.close()


def _watch_csp(browser) -> None:
    """Every context the browser opens (new_page's, or a test's own) collects the console's
    CSP violations in ``context.csp_violations``, for ``page_problems`` to report."""
    open_context = browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)
        context.csp_violations = []

        def on_console(message) -> None:
            if message.type == "error" and "Content Security Policy" in message.text:
                where = message.location or {}
                source = f"{where.get('url', '?')}:{where.get('lineNumber', '?')}"
                context.csp_violations.append(f"{message.text} (at {source})")

        context.on("console", on_console)
        return context

    browser.new_context = new_context


def _csp_violations(page) -> list[str]:
    found = getattr(page.context, "csp_violations", [])
    lines = [f"CSP violation: {text}" for text in dict.fromkeys(found)]
    found.clear()
    return lines


def new_page(browser, base: str, *, language: str = "id", width: int = WIDTHS[0]):
    """A page in a fresh context (its own cookies: one per persona) reading ``language``."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    return context.new_page()


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if page.locator("#id_username").count():
        raise AssertionError(f"{username} could not log in: {page.inner_text('main')}")


def _violations(page, width: int) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options).response
    problems = []
    for violation in results["violations"]:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            snippet = " ".join(node.get("html", "").split())[:200]
            problems.append(
                f"{width} px: {violation['id']} ({violation['impact']}): {target}\n"
                f"      {snippet}\n      {violation['help']}"
            )
    return problems


def _overflow(page, width: int) -> list[str]:
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width <= inner_width:
        return []
    culprits = ", ".join(page.evaluate(_OVERFLOWING)) or "?"
    return [f"{width} px: scrolls sideways ({scroll_width} > {inner_width} px): {culprits}"]


def page_problems(
    page, name: str, widths: tuple[int, ...] = WIDTHS, shots: Path | None = None
) -> list[str]:
    """What keeps the current page from the bar, at each width, each line naming ``name``.
    With ``shots`` (a folder), a full-page screenshot per width goes there as well."""
    problems = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        # Let the resize reach the page's media queries and scripts (the menu folds).
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
        if shots is not None:
            page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
        problems += _overflow(page, width)
        problems += _violations(page, width)
    problems += _csp_violations(page)
    page.set_viewport_size({"width": widths[0], "height": HEIGHT})
    return [f"{name} ({page.url}) at {line}" for line in problems]


def check_page(
    page, name: str, widths: tuple[int, ...] = WIDTHS, shots: Path | None = None
) -> None:
    """Fail with a readable list (rule, target, snippet) unless the page meets the bar."""
    problems = page_problems(page, name, widths, shots)
    if problems:
        raise AssertionError(f"{len(problems)} problem(s):\n" + "\n".join(problems))
