"""A coordination meeting end to end in a real browser (headless Chromium, htmx included):
scheduled by the secretariat, attendance checked against Pasal 9 huruf f, minutes with a
follow-up, which the agency head carries out and reports, and the Sekda receives.

Screenshots of each step go to docs/screenshots/ (overwritten on every run).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from tests.world import _side

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
BKT = "Perwal Bukittinggi 4/2017"
PASSWORD = "rahasia-demo-123"


@pytest.fixture
def bukittinggi(transactional_db):
    """The Bukittinggi pack, committed for the live server's thread to see (the module-scoped
    five_regions fixture holds an open transaction, so it cannot serve here)."""
    from orgchart.packs.loader import bundled_packs, load_pack, read_pack

    (path,) = [path for path in bundled_packs() if path.name.startswith("13.75-")]
    region, regulation, _report = load_pack(read_pack(path))
    return _side(
        SimpleNamespace(region=region, regulation=regulation),
        "bkt",
        asisten="Asisten pemerintahan dan kesejahteraan rakyat",
        other_asisten="Asisten ekonomi dan pembangunan",
        dinas="Dinas kesehatan",
        other_dinas="Dinas perhubungan",
        bagian="Bagian pemerintahan",
        vertical="Polres",
        acting_dinas="Dinas sosial",
    )


@pytest.fixture
def live_site(bukittinggi, request, settings):
    """pytest-django's live_server. Uploads are never served from a URL (MEDIA_URL is None),
    but Django's live server wraps every request in a media handler that needs a URL string:
    it gets one that no page links to, before the (session-wide) server starts."""
    settings.MEDIA_URL = "/_uploads-are-not-served/"
    return request.getfixturevalue("live_server")


def meeting_day() -> datetime.date:
    """A Wednesday four to five weeks ahead: a working day, and the follow-up not yet late."""
    day = datetime.date.today() + datetime.timedelta(days=28)
    return day + datetime.timedelta(days=(2 - day.weekday()) % 7)


def _chromium():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser test needs Debian's Chromium "
            "(apt-get install chromium); it never downloads a browser."
        )
    from playwright.sync_api import sync_playwright

    return sync_playwright()


def test_a_meeting_from_scheduling_to_the_sekda_receiving_the_report(
    bukittinggi, live_site, monkeypatch
):
    side, live_server = bukittinggi, live_site
    level2, level3 = side.officials["level2"], side.officials["level3"]
    day = meeting_day()
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API runs an event loop in this thread; the ORM calls below, after the
    # browser has started, are safe because the live server works in its own thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with _chromium() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        page = context.new_page()
        try:
            run_flow(page, live_server.url, side, day, level2=level2, level3=level3)
        except Exception:
            page.screenshot(path=str(SHOTS / "failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    (SHOTS / "failure.png").unlink(missing_ok=True)


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert f"Log out ({username})" in page.inner_text("header")


def log_out(page) -> None:
    page.locator("header form button", has_text="Log out").click()
    page.wait_for_load_state()
    assert "Log in" in page.inner_text("header")


def run_flow(page, base: str, side, day: datetime.date, *, level2, level3) -> None:
    from playwright.sync_api import expect

    # The secretariat schedules a general meeting convened by the Sekda on health (1.02).
    log_in(page, base, side.users["secretariat_staff"].username)
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="Schedule a meeting").click()
    assert f"{BKT} Pasal 6" in page.inner_text("main form")  # forms of coordination, cited
    page.fill("#id_title", "Rapat koordinasi penanganan demam berdarah")
    page.select_option("#id_convener", label="Sekretaris Daerah")
    page.select_option("#id_scope", "general")
    page.select_option("#id_form", "hierarki")
    page.select_option("#id_kind", "rapat")
    page.fill("#id_date", day.isoformat())
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_time", "11:00")
    page.fill("#id_place", "Ruang rapat Sekretariat Daerah")
    page.select_option("#id_affairs", label="1.02 Kesehatan")
    page.fill("#id_agenda", "Laporan situasi\nLangkah penanganan")
    shot(page, "01-schedule")
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_load_state()

    # The portal proposes the units that carry out 1.02, and their Asisten.
    body = page.inner_text("main")
    assert "The meeting is scheduled" in body
    assert f"Sekretaris Daerah ({BKT} Pasal 9 huruf c)" in body
    invitees = page.locator("#invitations")
    for unit in ("Dinas kesehatan", "Rumah sakit", side.asisten.name, side.asisten_other.name):
        expect(invitees.locator(f'tr[data-unit="{unit}"]')).to_be_visible()
    expect(invitees.locator('tr[data-unit="Dinas kesehatan"]')).to_contain_text(
        f"{BKT} Pasal 9 huruf g"
    )
    shot(page, "02-invitees")
    page.get_by_role("button", name="Send invitations").click()
    page.wait_for_load_state()
    assert "4 invitations sent." in page.inner_text("main")
    expect(page.locator("h1 .status")).to_have_text("invitations sent")

    # A representative two levels below the head is refused, citing Pasal 9 huruf f.
    dinas = page.locator('tr[data-unit="Dinas kesehatan"]')
    dinas.locator("select[name$='-status']").select_option("represented")
    dinas.locator("select[name$='-official']").select_option(str(level3.pk))
    dinas.get_by_role("button", name="Record").click()
    expect(dinas.locator(".error")).to_contain_text(f"{BKT} Pasal 9 huruf f")
    expect(dinas.locator(".error")).to_contain_text(level3.name)
    # Nothing typed is lost: the row keeps the choices, ready to correct.
    expect(dinas.locator("select[name$='-status']")).to_have_value("represented")
    shot(page, "03-refused")
    dinas.locator("select[name$='-official']").select_option(str(level2.pk))
    dinas.get_by_role("button", name="Record").click()
    expect(dinas.locator(".attended")).to_contain_text(f"represented: {level2.name}")
    expect(dinas.locator(".error")).to_have_count(0)

    hospital = page.locator('tr[data-unit="Rumah sakit"]')
    hospital.locator("select[name$='-status']").select_option("represented")
    hospital.locator("input[name$='-attendee_name']").fill("dr. Rina, Wakil Direktur")
    hospital.get_by_role("button", name="Record").click()
    expect(hospital.locator(".attended")).to_contain_text("dr. Rina")
    for number, unit in enumerate((side.asisten.name, side.asisten_other.name), start=1):
        row = page.locator(f'tr[data-unit="{unit}"]')
        row.locator("select[name$='-status']").select_option("present")
        row.locator("input[name$='-attendee_name']").fill(f"Asisten {number}")
        row.get_by_role("button", name="Record").click()
        expect(row.locator(".attended")).to_contain_text(f"Asisten {number}")
    shot(page, "04-attendance")

    # The minutes: one decision with a follow-up for Dinas kesehatan (a third row on demand).
    minutes = page.locator("#minutes-form")
    minutes.locator("#id_minutes").fill("Rapat membahas langkah penanganan demam berdarah.")
    minutes.locator("#id_minutes_taker").fill("Staf Bagian pemerintahan")
    minutes.locator("#decision-1-text").fill("Fogging di kelurahan rawan")
    minutes.get_by_role("button", name="Add a follow-up row").click()
    expect(page.locator("#decision-1-unit-3")).to_be_visible()
    expect(page.locator("#decision-1-text")).to_have_value("Fogging di kelurahan rawan")
    page.select_option("#decision-1-unit-1", label="Dinas kesehatan")
    page.fill("#decision-1-action-1", "Laksanakan fogging di tiga kelurahan")
    page.get_by_role("button", name="Record the minutes").click()
    expect(page.locator(".messages")).to_contain_text("recorded with 1 follow-up")
    expect(page.locator("h1 .status")).to_have_text("held, minutes recorded")
    expect(page.locator("ol.decisions")).to_contain_text("Laksanakan fogging di tiga kelurahan")
    shot(page, "05-minutes")
    log_out(page)

    # The head of Dinas kesehatan carries it out and reports.
    log_in(page, base, side.users["agency_head"].username)
    page.get_by_role("link", name="Follow-ups", exact=True).click()
    expect(page.locator("main table")).to_contain_text("no legal deadline: portal default")
    page.get_by_role("link", name="Laksanakan fogging di tiga kelurahan").click()
    expect(page.locator("h1 .status")).to_have_text("open")
    assert f"Sekretaris Daerah → Walikota ({BKT} Pasal 16 ayat (2))" in page.inner_text("main")
    page.get_by_role("button", name="Start: set in progress").click()
    expect(page.locator("h1 .status")).to_have_text("in progress")
    page.fill("#id_report", "Fogging dilaksanakan di Kelurahan Aur Kuning, Birugo dan Tarok.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("The draft is saved.")
    shot(page, "06-follow-up")
    page.get_by_role("button", name="Mark done and send the report").click()
    expect(page.locator(".messages")).to_contain_text("The report is sent to the Sekda.")
    expect(page.locator("h1 .status")).to_have_text("done")
    history = page.locator("section", has=page.get_by_role("heading", name="History"))
    expect(history).to_contain_text("open → in progress")
    expect(history).to_contain_text("in progress → done")
    shot(page, "07-done")
    log_out(page)

    # The Sekda receives the report in the inbox, on its way to the Walikota.
    log_in(page, base, side.users["sekda"].username)
    page.get_by_role("link", name="Sekda inbox").click()
    row = page.locator("main tbody tr", has_text="Laksanakan fogging")
    expect(row).to_contain_text("Fogging dilaksanakan")
    shot(page, "08-inbox")
    row.get_by_role("button", name="Receive").click()
    expect(page.locator(".messages")).to_contain_text("The report is received.")
    expect(page.locator("main")).to_contain_text("Nothing waits for you.")

    # The Sekda's dashboard counts it as done in its Asisten's portfolio.
    page.get_by_role("link", name="Dashboard").click()
    portfolio = page.locator("main table tbody tr", has_text=side.asisten.name)
    expect(portfolio.locator("td.num").last).to_have_text("1")
    expect(page.locator("figure.chart svg")).to_be_visible()
    shot(page, "09-dashboard")
