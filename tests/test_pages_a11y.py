"""Every page of the portal, in Indonesian, at 1366 and at 390 px: no sideways scrolling and no
serious or critical axe-core violation (WCAG 2.1 A/AA), in real headless Chromium.

The world is the real Bukittinggi and Kutai Kartanegara packs (committed, for the live
server's thread), and Bengkulu's for the Bappeda report's program lines, with one of each
object made through the services: a meeting held with invitations, attendance and minutes,
one still to come, follow-ups (one reported to the Sekda), a report draft with a file and a
submitted report, an urgent decision, and a take-over in Kutai Kartanegara. Each persona gets
one browser context; each page is visited once per width.
With A11Y_SHOTS=<folder>, a screenshot of each page at each width goes there (to look at).

The colour pairs of static/css/portal.css are checked for WCAG AA contrast here as well.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from coordination.reports import obligations as ob
from coordination.reports import services as rp
from tests.browser import check_page, chromium, log_in, new_page, page_problems
from tests.world import load_region, side_of

D = datetime.date


def _sides() -> SimpleNamespace:
    bkt, kukar, bkl = (side_of(load_region(code), code) for code in ("13.75", "64.02", "17.71"))
    return SimpleNamespace(bkt=bkt, kukar=kukar, bkl=bkl)


def _meetings(side) -> SimpleNamespace:
    """A meeting held (attendance, minutes, two follow-ups, one reported) and one to come."""
    from coordination.follow_ups import services as fu
    from coordination.follow_ups.tests.helpers import held_meeting, meeting_input, schedule
    from coordination.meetings import invitations as inv

    held, follow_ups = held_meeting(side, units=[side.dinas, side.other_dinas])
    mine, reported = follow_ups
    other_head = side.users["agency_head_other"]
    fu.transition(reported, "in_progress", other_head)
    fu.transition(reported, "done", other_head, report="Jalur angkutan sekolah sudah diatur.")
    staff = side.users["secretariat_staff"]
    day = datetime.date.today() + datetime.timedelta(days=21)
    upcoming = schedule(meeting_input(side, day=day, title="Rapat persiapan"), staff)
    inv.send_invitations(upcoming, staff)
    return SimpleNamespace(held=held, upcoming=upcoming, follow_up=mine)


def _period(side, citation: str):
    pass
    from coordination.core.workdays import region_today

    today = region_today(side.region)
    (obligation,) = [
        o for o in ob.sync_obligations(side.region, today) if o.source.endswith(citation)
    ]
    ob.ensure_periods(obligation, today - datetime.timedelta(days=400), today)
    return obligation, ob.current_period(obligation, today)


def _filled(**lines):
    pass

    return rp.ReportInput(
        summary="Pelayanan kesehatan berjalan",
        achievements="Imunisasi 95%",
        problems="Tenaga kesehatan kurang",
        plans="Rekrutmen tenaga kontrak",
        **lines,
    )


def _pdf() -> bytes:
    import io

    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _reports(side) -> SimpleNamespace:
    """The Dinas's draft (with a file attached) and the other Dinas's submitted report."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    pass

    obligation, period = _period(side, "Pasal 16 ayat (2)")
    filled = _filled()
    head, other_head = side.users["agency_head"], side.users["agency_head_other"]
    draft = rp.start_report(obligation, period, side.dinas, head)
    rp.save_draft(draft, filled, head)
    rp.add_attachment(draft, SimpleUploadedFile("capaian-triwulan.pdf", _pdf()), head)
    submitted = rp.start_report(obligation, period, side.other_dinas, other_head)
    rp.save_draft(submitted, filled, other_head)
    rp.submit(submitted, other_head)
    return SimpleNamespace(draft=draft, submitted=submitted)


def _bappeda_draft(side):
    """Bengkulu's quarterly monitoring report to the Bappeda (Pasal 14 angka 25): program lines."""
    pass

    obligation, period = _period(side, "Pasal 14 angka 25")
    head = side.users["agency_head"]
    report = rp.start_report(obligation, period, side.dinas, head)
    lines = [rp.LineInput("Program pemenuhan upaya kesehatan perorangan", "Imunisasi", 95, 80)]
    return rp.save_draft(report, _filled(lines=lines), head)


def _oversight(sides) -> None:
    """An urgent decision in Bukittinggi (Pasal 10), a take-over in Kutai Kartanegara (Pasal 14)."""
    from coordination.oversight import services as ov

    bkt, kukar = sides.bkt, sides.kukar
    today = bkt.region.today()
    ov.record_urgent_decision(
        ov.UrgentDecisionInput(
            unit=bkt.dinas,
            decided_on=today,
            subject="Wabah diare di sekolah",
            decision="Menutup kantin sekolah selama tiga hari",
            urgency="Puluhan siswa dirawat pada hari yang sama",
            not_a_matter_of_principle=True,
            report_now=False,
        ),
        bkt.users["agency_head"],
    )
    start = kukar.region.today()
    ov.record_takeover(
        ov.TakeoverInput(
            kukar.dinas, kukar.setda, start, start + datetime.timedelta(days=30), "KLB campak"
        ),
        kukar.users["sekda"],
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def portal(transactional_db, media):
    sides = _sides()
    bkt = sides.bkt
    bkt.meetings = _meetings(bkt)
    bkt.reports = _reports(bkt)
    _oversight(sides)
    sides.bkl.bappeda_draft = _bappeda_draft(sides.bkl)
    return sides


@pytest.fixture
def live_site(portal, request, settings):
    """pytest-django's live_server; its media handler needs a MEDIA_URL string (uploads are
    never served from a URL), set before the session-wide server starts."""
    settings.MEDIA_URL = "/_uploads-are-not-served/"
    return request.getfixturevalue("live_server")


def _pages(sides) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """(persona's username or None for a visitor, [(name, path)]), every page once."""
    bkt, kukar = sides.bkt, sides.kukar
    meetings, reports = bkt.meetings, bkt.reports
    code = bkt.region.code
    return [
        (
            None,
            [
                ("login", "/accounts/login/"),
                ("regions", "/daerah/"),
                ("region", f"/regions/{code}/"),
                ("unit", f"/units/{bkt.dinas.pk}/"),
                ("reader", f"/regulations/{bkt.regulation.pk}/"),
                ("search", "/search/?q=koordinasi"),
            ],
        ),
        (
            bkt.users["secretariat_staff"].username,
            [
                ("home", "/"),
                ("meetings", "/koordinasi/rapat/"),
                ("meeting-new", "/koordinasi/rapat/baru/"),
                ("meeting-held", f"/koordinasi/rapat/{meetings.held.pk}/"),
                ("meeting-upcoming", f"/koordinasi/rapat/{meetings.upcoming.pk}/"),
                ("meeting-edit", f"/koordinasi/rapat/{meetings.upcoming.pk}/ubah/"),
                ("follow-ups", "/koordinasi/tindak-lanjut/"),
                ("compliance", "/koordinasi/kepatuhan/"),
            ],
        ),
        (
            bkt.users["agency_head"].username,
            [
                ("home-agency", "/"),
                ("follow-up", f"/koordinasi/tindak-lanjut/{meetings.follow_up.pk}/"),
                ("reports", "/koordinasi/laporan/"),
                ("report-draft", f"/koordinasi/laporan/{reports.draft.pk}/"),
                ("urgent-agency", "/koordinasi/keputusan-mendesak/"),
                ("api-tokens", "/accounts/tokens/"),
            ],
        ),
        (
            bkt.users["sekda"].username,
            [
                ("sekda-inbox", "/koordinasi/kotak-masuk-sekda/"),
                ("report-inbox", "/koordinasi/laporan/kotak-masuk/"),
                ("report-submitted", f"/koordinasi/laporan/{reports.submitted.pk}/"),
                ("dashboard", "/koordinasi/dasbor/"),
                ("urgent", "/koordinasi/keputusan-mendesak/"),
            ],
        ),
        (kukar.users["sekda"].username, [("takeovers", "/koordinasi/pengambilalihan/")]),
        (
            sides.bkl.users["agency_head"].username,
            [("report-lines", f"/koordinasi/laporan/{sides.bkl.bappeda_draft.pk}/")],
        ),
    ]


def test_every_page_fits_a_phone_and_passes_axe(portal, live_site, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_site.url
    problems, visited = [], 0
    shots = Path(os.environ["A11Y_SHOTS"]) if os.environ.get("A11Y_SHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        for username, pages in _pages(portal):
            page = new_page(browser, base)
            if username:
                log_in(page, base, username)
            for name, path in pages:
                response = page.goto(base + path)
                assert response.status == 200, f"{name}: {path} answered {response.status}"
                page.wait_for_load_state("networkidle")  # htmx fragments (Lampiran) included
                assert page.locator("html").get_attribute("lang") == "id"
                problems += page_problems(page, name, shots=shots)
                if name == "report-draft":
                    _assert_remove_reads_red_on_white(page)
                visited += 1
            page.context.close()
    assert visited == 27
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def _assert_remove_reads_red_on_white(page) -> None:
    """The link-style "remove attachment" button: red text, no red background under it."""
    remove = page.locator("#attachments button.link.danger")
    assert remove.count() == 1
    colour, background = remove.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )
    assert colour == "rgb(164, 38, 44)"  # --danger, 7.3:1 on white
    assert background == "rgba(0, 0, 0, 0)"  # transparent: the page shows through


def test_the_phone_menu_folds_opens_and_its_entries_are_big_enough(portal, live_site, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_site.url
    with chromium() as browser:
        page = new_page(browser, base, width=390)
        log_in(page, base, portal.bkt.users["sekda"].username)
        page.goto(f"{base}/koordinasi/rapat/")
        menu = page.locator("details.menu")
        assert menu.get_attribute("open") is None  # folded on a phone
        assert not page.get_by_role("link", name="Dasbor").is_visible()
        summary = page.locator("details.menu > summary")
        assert summary.bounding_box()["height"] >= 44
        summary.click()
        assert page.get_by_role("link", name="Dasbor").is_visible()
        current = page.locator('nav[aria-label] a[aria-current="page"]')
        assert current.inner_text() == "Rapat"
        heights = page.eval_on_selector_all(
            "details.menu a, details.menu button, details.menu select",
            "els => els.map(el => el.getBoundingClientRect().height)",
        )
        assert heights and min(heights) >= 44, heights
        shots = Path(os.environ["A11Y_SHOTS"]) if os.environ.get("A11Y_SHOTS") else None
        check_page(page, "menu-open", widths=(390,), shots=shots)
        page.keyboard.press("Escape")
        assert menu.get_attribute("open") is None
        # Wide again, the whole menu is back without a click.
        page.set_viewport_size({"width": 1366, "height": 900})
        # A selector, not wait_for_function: its predicate is eval'd, which the CSP forbids.
        page.locator("details.menu[open]").wait_for()
        assert page.get_by_role("link", name="Dasbor").is_visible()


# --- Colour contrast of portal.css (WCAG 2.1 AA: 4.5:1 for text) ---------------------------

CSS = Path(settings.BASE_DIR) / "static" / "css" / "portal.css"
# (text, background, where): every text-on-background pair the stylesheet sets for buttons,
# links, status chips and notices. Colours are hex or the stylesheet's own variables.
PAIRS = [
    ("--ink", "--bg", "body text on the page"),
    ("--ink", "#fff", "text in tables, boxes and the top bar"),
    ("--muted", "#fff", "muted text, table headers, menu group names"),
    ("--muted", "--bg", "muted text and footer on the page"),
    ("--accent", "#fff", "links and link-style buttons (log out) on white"),
    ("--accent", "--bg", "links on the page"),
    ("#fff", "--accent", "buttons and button links"),
    ("--accent", "#fff", "secondary buttons"),
    ("#fff", "--danger", "danger buttons (cancel the meeting, remove an invitee)"),
    ("--danger", "#fff", "link-style danger buttons (remove an attachment), errors"),
    ("--danger", "--bg", "link-style danger buttons on the page"),
    ("--danger", "#fff1f0", "the overdue flag in an overdue row"),
    ("--muted", "#fff1f0", "muted text in an overdue row"),
    ("--accent", "#fff1f0", "a link in an overdue row"),
    ("--ink", "#e8ecf3", "status chip"),
    ("--ink", "#dbeafe", "status chip: invited, in progress, submitted"),
    ("--ink", "#dcfce7", "status chip: held, done, accepted"),
    ("--ink", "#fde2e2", "status chip: cancelled"),
    ("--ink", "#ffedd5", "status chip: returned"),
    ("--ink", "#f1f3f5", "status chip: draft"),
    ("--ink", "#fff3bf", "a targeted provision"),
    ("--ink", "#eef4ff", "a notice"),
    ("--accent", "#eef4ff", "a link in a notice"),
    ("--ink", "#fff8e6", "a returned report's note"),
    ("--ok", "#fff", "the tick of a step done"),
    ("--focus", "#fff", "the focus ring on white"),
    ("--focus", "--bg", "the focus ring on the page"),
]


def _luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _variables() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;", root))


def test_the_contrast_ratio_formula_matches_wcag():
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#777", "#fff"), 2) == 4.48  # the classic just-failing grey


@pytest.mark.parametrize(("text", "background", "where"), PAIRS)
def test_every_colour_pair_of_the_stylesheet_meets_wcag_aa(text, background, where):
    variables = _variables()
    ratio = contrast(variables.get(text, text), variables.get(background, background))
    assert ratio >= 4.5, f"{where}: {text} on {background} is {ratio:.2f}:1"


def test_every_colour_the_pairs_name_is_in_the_stylesheet():
    css, variables = CSS.read_text(), _variables()
    for text, background, _where in PAIRS:
        for colour in (text, background):
            assert colour in variables or colour.lower() in css.lower(), colour
