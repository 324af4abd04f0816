"""The worklist (Beranda) in a real browser (headless Chromium): an agency head and the Sekda
log in and land on their worklist, in Bahasa Indonesia, at 1366 px and at 390 px, without the
worklist overflowing the phone's width, and follow a count to its filtered list. Screenshots
go to docs/screenshots/ (overwritten on every run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from coordination.desk.tests import worklist_data as data
from tests.browser import WIDTHS, chromium, log_in, new_page
from tests.world import load_region, side_of

SHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
FIRST_ITEM = {"agency_head": "answer", "sekda": "follow_ups_review"}


@pytest.fixture
def bukittinggi(transactional_db):
    """The Bukittinggi pack with the test personas, committed for the live server's thread to
    see (the module-scoped five_regions fixture holds an open transaction)."""
    return side_of(load_region("13.75"), "13.75")


@pytest.fixture
def live_site(bukittinggi, request, settings):
    """pytest-django's live_server. Uploads are never served from a URL, but the live server's
    media handler needs one: it gets one that no page links to."""
    settings.MEDIA_URL = "/_uploads-are-not-served/"
    return request.getfixturevalue("live_server")


def visit(browser, base: str, user, role: str, width: int) -> None:
    page = new_page(browser, base, width=width)
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
        page.context.close()


@pytest.mark.parametrize("role", ["agency_head", "sekda"])
def test_a_person_lands_on_their_worklist_and_follows_a_count(
    bukittinggi, live_site, monkeypatch, role
):
    data.day_of_work(bukittinggi, timezone.now())
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium() as browser:
        for width in WIDTHS:
            visit(browser, live_site.url, bukittinggi.users[role], role, width)
