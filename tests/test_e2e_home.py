"""The worklist (Beranda) in a real browser (headless Chromium): an agency head and the Sekda
log in and land on their worklist, in Bahasa Indonesia, at 1366 px and at 390 px, without the
worklist overflowing the phone's width, and follow a count to its filtered list. Screenshots
go to docs/screenshots/ (overwritten on every run)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coordination.tests import worklist_data as data
from tests import test_e2e_meetings as e2e
from tests.test_e2e_meetings import CHROMIUM, PASSWORD, SHOTS, _chromium

# The Bukittinggi pack committed for the live server, as the meetings walk-through uses it.
bukittinggi = e2e.bukittinggi
live_site = e2e.live_site

WIDTHS = (1366, 390)
FIRST_ITEM = {"agency_head": "answer", "sekda": "follow_ups_review"}


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def visit(browser, base: str, user, role: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "id", "url": base}])
    page = context.new_page()
    try:
        log_in(page, base, user.username)
        assert page.url.rstrip("/") == base.rstrip("/")  # LOGIN_REDIRECT_URL: the worklist
        groups = page.locator(".worklist-groups")
        assert groups.evaluate("node => node.scrollWidth <= node.clientWidth")
        assert groups.evaluate("node => node.getBoundingClientRect().right") <= width
        page.screenshot(path=str(SHOTS / f"30-beranda-{role}-{width}.png"), full_page=True)
        item = page.locator(f'li[data-item="{FIRST_ITEM[role]}"]')
        count = int(item.get_attribute("data-count"))
        item.locator("a").click()
        page.wait_for_load_state()
        assert page.locator(".active-filter").count() == 1
        assert page.locator('table.data a[href^="/koordinasi/"]').count() == count
    finally:
        context.close()


@pytest.mark.parametrize("role", ["agency_head", "sekda"])
def test_a_person_lands_on_their_worklist_and_follows_a_count(
    bukittinggi, live_site, monkeypatch, role
):
    data.day_of_work(bukittinggi, timezone.now())
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with _chromium() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            for width in WIDTHS:
                visit(browser, live_site.url, bukittinggi.users[role], role, width)
        finally:
            browser.close()
