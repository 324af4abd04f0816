"""A quarterly written report end to end in a real browser (headless Chromium), on the Bengkulu
pack (Perwal Bengkulu 24/2018 Pasal 12 angka 5: Dinas Daerah report to the Walikota through the
Sekda, coordinated by the Asisten in charge): the head of Dinas Kesehatan starts, fills,
attaches and submits it; the Asisten returns it with notes; the head revises it as version 2
and submits again; the Asisten reviews it; the Sekda receives and accepts it.

Screenshots of each step go to docs/screenshots/20-… to 26-… (overwritten on every run).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
BKL = "Perwal Bengkulu 24/2018"
SOURCE = f"{BKL} Pasal 12 angka 5"
PASSWORD = "rahasia-demo-123"
ASISTEN = "Asisten Pemerintahan dan Kesejahteraan Sosial"
RETURN_NOTE = "Lengkapi capaian imunisasi per kelurahan dan realisasi anggaran."


@pytest.fixture
def bengkulu(transactional_db):
    """The Bengkulu pack, committed for the live server's thread to see, with the head of Dinas
    Kesehatan, the Asisten in charge and the Sekda, and the report obligations and periods that
    Celery beat would have created (the quarter holding today, by the region's own date)."""
    from coordination.services import obligations as ob
    from coordination.workdays import region_today
    from orgchart.models import Unit
    from orgchart.packs.loader import bundled_packs, load_pack, read_pack
    from tests.factories import user_with_role

    (path,) = [path for path in bundled_packs() if path.name.startswith("17.71-")]
    region, _regulation, _report = load_pack(read_pack(path))
    units = {unit.name: unit for unit in Unit.objects.filter(region=region)}
    users = {
        "head": user_with_role("bkl_kadinkes", "agency_head", units["Dinas Kesehatan"]),
        "asisten": user_with_role("bkl_asisten1", "asisten", units[ASISTEN]),
        "sekda": user_with_role(
            "bkl_sekda", "sekda", Unit.objects.get(region=region, kind="setda")
        ),
    }
    for name, user in users.items():
        user.first_name, user.last_name = {
            "head": ("Rina", "Kadinkes"),
            "asisten": ("Budi", "Asisten"),
            "sekda": ("Sari", "Sekda"),
        }[name]
        user.save()
    today = region_today(region)
    (obligation,) = [o for o in ob.sync_obligations(region, today) if o.source == SOURCE]
    assert obligation.cadence == "quarterly" and obligation.cadence_source == ""  # default
    start, _end = ob.period_bounds(obligation.cadence, today)
    ob.ensure_periods(obligation, start - datetime.timedelta(days=1), today)
    period = ob.current_period(obligation, today)
    assert period is not None and period.start <= today
    return SimpleNamespace(region=region, users=users, obligation=obligation, period=period)


@pytest.fixture
def live_site(bengkulu, request, settings, tmp_path):
    """pytest-django's live_server, with uploads kept under tmp_path. MEDIA_URL is None (uploads
    are never served from a URL) but the live server's media handler needs a string: it gets
    one no page links to, before the (session-wide) server starts."""
    settings.MEDIA_URL = "/_uploads-are-not-served/"
    settings.MEDIA_ROOT = tmp_path / "media"
    return request.getfixturevalue("live_server")


def _chromium():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser test needs Debian's Chromium "
            "(apt-get install chromium); it never downloads a browser."
        )
    from playwright.sync_api import sync_playwright

    return sync_playwright()


def _pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Capaian triwulan Dinas Kesehatan"})
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_quarterly_report_is_returned_revised_and_accepted(
    bengkulu, live_site, monkeypatch, tmp_path
):
    from coordination.models import Report

    attachment = _pdf(tmp_path / "capaian-triwulan.pdf")
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API runs an event loop in this thread; the ORM calls after the browser
    # started are safe because the live server works in its own thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with _chromium() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_site.url}])
        page = context.new_page()
        try:
            run_flow(page, live_site.url, bengkulu, attachment)
        except Exception:
            page.screenshot(path=str(SHOTS / "failure-reports.png"), full_page=True)
            raise
        finally:
            browser.close()
    (SHOTS / "failure-reports.png").unlink(missing_ok=True)
    first, second = Report.objects.order_by("version")
    assert (first.status, second.status, second.previous_id) == ("returned", "accepted", first.pk)
    assert second.attachments.get().original_name == "capaian-triwulan.pdf"


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page, base: str, user) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert f"Log out ({user.username})" in page.inner_text("header")


def log_out(page) -> None:
    page.locator("header form button", has_text="Log out").click()
    page.wait_for_load_state()
    assert "Log in" in page.inner_text("header")


def run_flow(page, base: str, world, attachment: Path) -> None:
    users, period = world.users, world.period
    start_and_submit(page, base, users["head"], period, attachment)
    return_with_notes(page, base, users["asisten"])
    revise_and_resubmit(page, base, users["head"])
    review(page, base, users["asisten"])
    receive_and_accept(page, base, users["sekda"])


def start_and_submit(page, base: str, head, period, attachment: Path) -> None:
    from playwright.sync_api import expect

    log_in(page, base, head)
    page.get_by_role("link", name="Reports", exact=True).click()
    due = page.locator("section.reports-due")
    expect(due).to_contain_text("Reports due")
    expect(due).to_contain_text("portal default")  # cadence: the text says only "periodically"
    row = due.locator(f'tr[data-obligation="{SOURCE}"][data-period="{period.label}"]')
    row.get_by_role("button", name="Start report").click()
    expect(page.locator(".messages")).to_contain_text("The draft is open")
    expect(page.locator("h1")).to_contain_text(f"Dinas Kesehatan — {period.label}")
    expect(page.locator("h1 .status")).to_have_text("draft")
    page.fill("#id_summary", "Pelayanan kesehatan dasar berjalan di 20 puskesmas.")
    page.fill("#id_achievements", "Cakupan imunisasi dasar lengkap 92%.")
    page.fill("#id_problems", "Kekurangan tenaga bidan di dua puskesmas.")
    page.fill("#id_plans", "Pengusulan formasi bidan pada tahun berikutnya.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("The draft is saved.")
    page.set_input_files("#id_file", str(attachment))
    page.get_by_role("button", name="Attach", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The file is attached.")
    expect(page.locator("#attachments")).to_contain_text("capaian-triwulan.pdf")
    expect(page.locator("#attachments")).not_to_contain_text("reports/")  # no storage path
    expect(page.locator("#id_achievements")).to_have_value("Cakupan imunisasi dasar lengkap 92%.")
    shot(page, "20-report-form")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The report is submitted.")
    expect(page.locator("h1 .status")).to_have_text("submitted")
    expect(page.locator(".next-step")).to_contain_text(f"review — {ASISTEN}")
    expect(page.locator("#history")).to_contain_text("draft → submitted")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    shot(page, "21-submitted")
    log_out(page)


def return_with_notes(page, base: str, asisten) -> None:
    from playwright.sync_api import expect

    log_in(page, base, asisten)
    page.get_by_role("link", name="Report inbox").click()
    row = page.locator("main tbody tr", has_text="Dinas Kesehatan")
    expect(row).to_contain_text("submitted")
    expect(row).to_contain_text("review")
    expect(row).to_contain_text(SOURCE)
    shot(page, "22-inbox")
    row.get_by_role("link").first.click()
    expect(page.locator(".report-content")).to_contain_text("Cakupan imunisasi dasar lengkap 92%.")
    # The note is required: an empty return is refused beside the field.
    page.get_by_role("button", name="Return for revision").click()
    expect(page.locator(".return-form .errorlist")).to_contain_text(
        "Write what the unit must revise."
    )
    page.fill("#return_note", RETURN_NOTE)
    page.get_by_role("button", name="Return for revision").click()
    expect(page.locator(".messages")).to_contain_text("returned to the unit for revision")
    expect(page.locator("h1 .status")).to_have_text("returned for revision")
    page.get_by_role("link", name="Report inbox").click()
    expect(page.locator("main")).to_contain_text("Nothing waits for you.")
    log_out(page)


def revise_and_resubmit(page, base: str, head) -> None:
    from playwright.sync_api import expect

    log_in(page, base, head)
    page.get_by_role("link", name="Reports", exact=True).click()
    page.locator("table.reports tbody tr", has_text="Dinas Kesehatan").get_by_role("link").click()
    expect(page.locator("h1 .status")).to_have_text("returned for revision")
    expect(page.locator(".returned-note")).to_contain_text(RETURN_NOTE)
    expect(page.locator(".returned-note")).to_contain_text("Budi Asisten")
    shot(page, "23-returned")
    page.get_by_role("button", name="Revise (new version)").click()
    expect(page.locator(".messages")).to_contain_text("Version 2 is open as a draft")
    expect(page.locator("h1 .version")).to_have_text("version 2")
    expect(page.locator(".returned-note")).to_contain_text(RETURN_NOTE)
    expect(page.locator("#attachments")).to_contain_text("capaian-triwulan.pdf")  # carried
    page.fill(
        "#id_achievements",
        "Cakupan imunisasi dasar lengkap 92%: Kelurahan Sawah Lebar 95%, Kelurahan Pasar "
        "Melintang 89%. Realisasi anggaran 71%.",
    )
    expect(page.locator("#versions")).to_contain_text("version 1")
    shot(page, "24-revision")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The report is submitted.")
    expect(page.locator("h1 .status")).to_have_text("submitted")
    # The returned version stays readable, as it was.
    page.locator("#versions").get_by_role("link", name="version 1").click()
    expect(page.locator(".notice")).to_contain_text("This version was revised")
    expect(page.locator(".report-content")).not_to_contain_text("Sawah Lebar")
    log_out(page)


def review(page, base: str, asisten) -> None:
    from playwright.sync_api import expect

    log_in(page, base, asisten)
    page.get_by_role("link", name="Report inbox").click()
    row = page.locator("main tbody tr", has_text="Dinas Kesehatan")
    expect(row).to_contain_text("version 2")
    row.get_by_role("link").first.click()
    expect(page.locator(".report-content")).to_contain_text("Sawah Lebar 95%")
    page.fill("#act_note", "Sudah lengkap; diteruskan kepada Sekretaris Daerah.")
    page.get_by_role("button", name="Review", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The report is reviewed")
    expect(page.locator("h1 .status")).to_have_text("reviewed by the Asisten")
    expect(page.locator(".next-step")).to_contain_text("receipt")
    expect(page.locator("#history")).to_contain_text("Sudah lengkap")
    shot(page, "25-reviewed")
    log_out(page)


def receive_and_accept(page, base: str, sekda) -> None:
    from playwright.sync_api import expect

    log_in(page, base, sekda)
    page.get_by_role("link", name="Report inbox").click()
    row = page.locator("main tbody tr", has_text="Dinas Kesehatan")
    expect(row).to_contain_text("receipt")
    row.get_by_role("link").first.click()
    page.get_by_role("button", name="Receive", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The report is received.")
    expect(page.locator("h1 .status")).to_have_text("received by the Sekda")
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The report is accepted.")
    expect(page.locator("h1 .status")).to_have_text("accepted")
    history = page.locator("#history")
    for change in (
        "submitted → returned for revision",
        "submitted → reviewed by the Asisten",
        "reviewed by the Asisten → received by the Sekda",
        "received by the Sekda → accepted",
    ):
        expect(history).to_contain_text(change)
    expect(page.locator(".routing")).not_to_contain_text("Return for revision")
    shot(page, "26-accepted")
    page.get_by_role("link", name="Report inbox").click()
    expect(page.locator("main")).to_contain_text("Nothing waits for you.")
