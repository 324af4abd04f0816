"""A working day in each of the five regions, in real headless Chromium, in Bahasa Indonesia,
on the demo data of `make run`: every page on the way is held to the bar (no sideways
scrolling, no serious axe-core violation) at 1366 px and at 390 px.

- The secretariat, at the desk, schedules a meeting with one of the region's conveners, sees the
  proposed invitees with their reasons, and sends the undangan (it gets its letter number).
- The head of the health office, on the phone, answers: represented by the official one level
  below (Pasal 9 huruf f where the region's text says so).
- Once the meeting has started, the secretariat records the attendance (in Bukittinggi and
  Pasaman Barat a representative two levels below is refused beside the field, citing Pasal 9
  huruf f), then the minutes with a decision and a follow-up, attaching the attendance list
  after typing them (what was typed stays).
- The head follows up with evidence (attached after typing the report) and sends it; the Sekda
  receives it (in Kutai Kartanegara after returning it once: there the follow-up is due within
  2 working days, Pasal 13 ayat (5), and its report is the one the text asks for).
- The head files the written report of the quarter, typing it and then attaching a PDF; whoever
  the region's route names (the Asisten in charge, the Sekda) returns it with a note, the head
  revises it, and it goes on to acceptance. In Bengkulu the Bappeda also files the quarterly
  monitoring report with its program lines (Pasal 14 angka 25).
- The Sekda and the Asisten read their worklist, dashboard and compliance pages.

The clock is set (time-machine) to a plain working week in April 2027 and moved forward as the
day goes on. Screenshots of the Indonesian pages go to docs/screenshots/ (overwritten on each
run): every step of Bukittinggi's day, and each other region's own rule.
"""

from __future__ import annotations

import datetime
import io
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from coordination.reports import access as rp
from tests.browser import PASSWORD, check_page, chromium
from tests.world import load_region

SHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
DESK, PHONE = 1366, 390
# A plain working week (no national holiday, no cuti bersama) in the second quarter of 2027.
MONDAY = datetime.date(2027, 4, 19)
MEETING_DAY = MONDAY + datetime.timedelta(days=1)


@dataclass(frozen=True)
class Plan:
    """What a region's day exercises: who convenes, how, and the region's own rules."""

    code: str
    prefix: str
    regulation: str
    convener: str  # "sekda" or "asisten" (the Asisten in charge of the health office)
    mode: str = ""  # a Pasal 18 mode, where the text lists them
    bound: bool = False  # Pasal 9 huruf f binds the health office
    follow_up_days: int | None = None  # a legal follow-up deadline in working days
    follow_up_source: str = ""
    bappeda_report: str = ""  # the provision of the Bappeda's monitoring report
    written_report: bool = True
    meeting_rules: bool = True  # the text rules who convenes and how (else: portal defaults)
    shots: frozenset[str] = field(default_factory=frozenset)  # steps photographed; "*": all


PLANS = {
    "13.75": Plan(
        "13.75", "bkt", "Perwal Bukittinggi 4/2017", "sekda", bound=True, shots=frozenset("*")
    ),
    "13.12": Plan(
        "13.12",
        "pasbar",
        "Perbup Pasaman Barat 49/2017",
        "asisten",
        bound=True,
        shots=frozenset({"refused"}),
    ),
    "17.71": Plan(
        "17.71",
        "bkl",
        "Perwal Bengkulu 24/2018",
        "sekda",
        meeting_rules=False,
        bappeda_report="Perwal Bengkulu 24/2018 Pasal 14 angka 25",
        shots=frozenset({"program-lines"}),
    ),
    "64.02": Plan(
        "64.02",
        "kukar",
        "Perbup Kutai Kartanegara 4/2018",
        "asisten",
        follow_up_days=2,
        follow_up_source="Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)",
        written_report=False,
        shots=frozenset({"follow-up"}),
    ),
    "32.79": Plan(
        "32.79",
        "banjar",
        "Perwal Banjar 6/2023",
        "sekda",
        mode="elektronik",
        shots=frozenset({"meeting-form"}),
    ),
}


def t(message: str, **values) -> str:
    """The Indonesian text of a catalogue message, as the pages show it."""
    with translation.override("id"):
        text = gettext(message)
    return text % values if values else text


@dataclass
class Day:
    plan: Plan
    region: object
    zone: zoneinfo.ZoneInfo
    health: object  # the health office (Unit)
    head: object  # its head (Official)
    below: object  # the official one level below
    two_below: object | None  # an official two levels below, if the roster has one
    convener: object  # Unit
    users: dict

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), self.zone)


@pytest.fixture
def day(request, transactional_db, settings, tmp_path, monkeypatch):
    """The region's pack (the test class's ``code``), demo roster and users, committed for the
    live server's thread, on the Monday morning of the week, with the clock running from
    there."""
    plan = PLANS[request.cls.code]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Uploads are never served from a URL, but the live server's media handler needs one.
    settings.MEDIA_URL = "/_uploads-are-not-served/"
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # 07.30 WIB on the Monday: before office hours in every Indonesian zone.
    start = datetime.datetime.combine(
        MONDAY, datetime.time(7, 30), zoneinfo.ZoneInfo("Asia/Jakarta")
    )
    with time_machine.travel(start) as clock:
        region = _load(plan)
        yield _day(plan, region), clock, request.getfixturevalue("live_server").url


def _load(plan: Plan):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from coordination.core.workdays import Calendar

    region = load_region(plan.code).region
    call_command("seed_demo_users", region=plan.code, stdout=io.StringIO())
    call_command("ensure_report_periods", stdout=io.StringIO())
    for user in get_user_model().objects.filter(username__startswith=f"{plan.prefix}."):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    calendar = Calendar.for_region(region)
    for offset in range(5):  # the week is a plain working week in this region
        assert calendar.is_working_day(MONDAY + datetime.timedelta(days=offset))
    return region


def _day(plan: Plan, region) -> Day:
    from django.contrib.auth import get_user_model

    from orgchart.demo.roster import demo_holders
    from orgchart.models import Appointment, Unit

    users = {
        user.username.split(".", 1)[1]: user
        for user in get_user_model()
        .objects.filter(username__startswith=f"{plan.prefix}.")
        .select_related("role_assignment__unit")
    }
    health = users["kadinkes"].role_assignment.unit
    holders = demo_holders(region, MONDAY)[health.pk]
    two_below = (
        Appointment.objects.as_of(MEETING_DAY)
        .filter(position__unit=health, position__level=3)
        .select_related("official")
        .first()
    )
    if plan.convener == "sekda":
        convener = users["sekda"].role_assignment.unit
    else:
        convener = Unit.objects.get(pk=health.parent_id)
    return Day(
        plan=plan,
        region=region,
        zone=zoneinfo.ZoneInfo(region.timezone),
        health=health,
        head=holders.head,
        below=holders.below,
        two_below=two_below.official if two_below else None,
        convener=convener,
        users=users,
    )


# --- The walk --------------------------------------------------------------------------------


class WorkingDay:
    """One region's working day; each region is a class of its own, so that pytest-xdist
    (``--dist loadscope``) walks the five regions on different workers."""

    code = ""

    def test_a_working_day_in_the_region(self, day):
        day, clock, base = day
        SHOTS.mkdir(parents=True, exist_ok=True)
        with chromium() as browser:
            walk = Walk(browser, base, day)
            try:
                meeting = walk.secretariat_schedules_and_invites()
                walk.head_answers_on_the_phone(meeting)
                clock.move_to(day.at(MEETING_DAY, 11, 30))
                follow_up = walk.secretariat_records_the_meeting(meeting)
                clock.move_to(day.at(MEETING_DAY, 14, 0))
                walk.head_follows_up(follow_up)
                walk.sekda_receives_the_follow_up(follow_up)
                if day.plan.written_report:
                    clock.move_to(day.at(MEETING_DAY + datetime.timedelta(days=1), 9, 0))
                    walk.head_files_the_written_report()
                if day.plan.bappeda_report:
                    walk.bappeda_files_the_monitoring_report()
                walk.leaders_read_their_boards()
            except Exception:
                walk.failure_shot()
                raise
        walk.check_the_records(meeting, follow_up)


class TestBukittinggi(WorkingDay):
    code = "13.75"


class TestPasamanBarat(WorkingDay):
    code = "13.12"


class TestBengkulu(WorkingDay):
    code = "17.71"


class TestKutaiKartanegara(WorkingDay):
    code = "64.02"


class TestBanjar(WorkingDay):
    code = "32.79"


class Walk:
    """One region's day; each method is one person at work, in a context of their own."""

    def __init__(self, browser, base: str, day: Day) -> None:
        self.browser, self.base, self.day, self.plan = browser, base, day, day.plan
        self.pages: list = []
        self.shot_number = 0

    # --- the browser ---

    def as_user(self, key: str, width: int = DESK):
        context = self.browser.new_context(
            viewport={"width": width, "height": 900}, accept_downloads=True, locale="id-ID"
        )
        page = context.new_page()  # no language cookie: the browser asks for Indonesian
        self.pages.append(page)
        page.goto(f"{self.base}/accounts/login/")
        page.fill("#id_username", self.day.users[key].username)
        page.fill("#id_password", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.url.rstrip("/") == self.base.rstrip("/"), page.inner_text("main")
        assert page.locator("html").get_attribute("lang") == "id"
        return page

    def done(self, page) -> None:
        page.context.close()
        self.pages.remove(page)

    def check(self, page, step: str, width: int = DESK) -> None:
        """The page at both widths, and its screenshot at the width the person uses."""
        check_page(page, f"{self.plan.prefix} {step}")
        page.set_viewport_size({"width": width, "height": 900})
        if "*" in self.plan.shots or step in self.plan.shots:
            self.shot_number += 1
            name = f"{self.plan.prefix}-{self.shot_number:02d}-{step}.png"
            page.screenshot(path=str(SHOTS / name), full_page=True)

    def failure_shot(self) -> None:
        for number, page in enumerate(self.pages):
            page.screenshot(path=str(SHOTS / f"failure-{self.plan.prefix}-{number}.png"))

    def menu(self, page, label: str) -> None:
        """Follow a navigation entry, opening the phone's menu first where it is folded."""
        link = page.locator("nav").get_by_role("link", name=label, exact=True).first
        fold = page.locator("header details.menu > summary")
        if fold.is_visible() and not link.is_visible():
            fold.click()
        link.click()  # waits for the link to show (the menu unfolds as the window widens)
        page.wait_for_load_state()

    def messages(self, page):
        return page.locator(".messages")

    def from_worklist(self, page, item: str, href: str) -> None:
        """Follow the worklist's counter ``item`` (one thing waiting) to its filtered list, and
        open the row that links to ``href``."""
        from playwright.sync_api import expect

        counter = page.locator(f'li[data-item="{item}"]')
        expect(counter).to_have_attribute("data-count", "1")
        counter.locator("a").click()
        page.wait_for_load_state()
        page.locator(f'table.data a[href$="{href}"]').first.click()
        page.wait_for_load_state()

    # --- the secretariat ---

    def secretariat_schedules_and_invites(self) -> int:
        from playwright.sync_api import expect

        day, plan = self.day, self.plan
        page = self.as_user("setda")
        self.check(page, "worklist")
        self.menu(page, t("Meetings"))
        page.get_by_role("link", name=t("Schedule a meeting")).first.click()
        form = page.locator("main form.wide")
        cited = f"{plan.regulation} Pasal" if plan.meeting_rules else "ketentuan bawaan portal"
        expect(form).to_contain_text(cited)  # the rules cited at the fields, or the defaults
        page.fill("#id_title", "Rapat koordinasi penanganan demam berdarah")
        page.select_option("#id_convener", str(day.convener.pk))
        page.select_option("#id_scope", "general" if plan.convener == "sekda" else "technical")
        page.select_option("#id_kind", index=0)
        if plan.mode:
            expect(form).to_contain_text(f"{plan.regulation} Pasal 18 ayat (3)")
            page.select_option("#id_mode", label=plan.mode)
            page.fill("#id_online_link", "https://vicon.banjarkota.go.id/rakor-dbd")
        page.fill("#id_date", MEETING_DAY.isoformat())
        page.fill("#id_start_time", "09:00")
        page.fill("#id_end_time", "11:00")
        page.fill("#id_place", "Ruang rapat Sekretariat Daerah")
        page.select_option("#id_affairs", label="1.02 Kesehatan")
        page.fill("#id_agenda", "Laporan situasi\nLangkah penanganan")
        expect(form).to_contain_text(f"({day.region.zone_abbr}, {day.region.timezone})")
        self.check(page, "meeting-form")
        page.locator("main form.wide button[type=submit]").click()
        page.wait_for_load_state()
        expect(self.messages(page)).to_be_visible()
        facts = page.locator("dl.facts")
        expect(facts).to_contain_text(cited)  # the convener's provision, or the default
        expect(facts).to_contain_text("Selasa, 20 April 2027, 09.00")
        expect(facts).to_contain_text(day.region.zone_abbr)
        if plan.mode:
            expect(facts).to_contain_text(f"{plan.mode} ({plan.regulation} Pasal 18 ayat (3))")
        invitees = page.locator("#invitations")
        expect(invitees.locator(f'tr[data-unit="{day.health.name}"]')).to_be_visible()
        expect(invitees.locator(f'tr[data-unit="{day.health.name}"]')).to_contain_text(
            t("proposed")
        )
        self.check(page, "invitees")
        page.get_by_role("button", name=t("Send invitations")).click()
        page.wait_for_load_state()
        number = page.locator("dl.facts dd").first
        expect(number).to_have_text(re.compile(r"^\d{3}/\d{3}/.+/2027$"))
        meeting = int(page.url.rstrip("/").rsplit("/", 1)[1])
        self.done(page)
        return meeting

    def secretariat_records_the_meeting(self, meeting: int) -> int:
        from playwright.sync_api import expect

        day, plan = self.day, self.plan
        page = self.as_user("setda")
        self.from_worklist(page, "attendance", f"/rapat/{meeting}/")
        health = page.locator(f'tr[data-unit="{day.health.name}"]')
        official = health.locator("select[name$='-official']")
        health.locator("select[name$='-status']").select_option("represented")
        if plan.bound and day.two_below is not None:
            # The list offers only the officials one level below; a page left open while the
            # roster changed could still post someone else: refused beside the list, cited.
            official.evaluate(
                "(select, [value, label]) => select.add(new Option(label, value))",
                [str(day.two_below.pk), day.two_below.name],
            )
            official.select_option(str(day.two_below.pk))
            health.locator("form.attendance button[type=submit]").click()
            error = health.locator(".error")
            expect(error).to_contain_text(f"{plan.regulation} Pasal 9 huruf f")
            expect(health.locator("select[name$='-status']")).to_have_value("represented")
            self.check(page, "refused")
            official = health.locator("select[name$='-official']")
        official.select_option(str(day.below.pk))
        health.locator("form.attendance button[type=submit]").click()
        expect(health.locator(".attended")).to_contain_text(day.below.name)
        expect(health.locator(".error")).to_have_count(0)
        for row in page.locator("#invitations tbody tr:not(.removed)").all():
            if row.locator(".attended").count():
                continue
            self._present(row)
        self.check(page, "attendance")

        minutes = page.locator("#minutes-form")
        minutes.locator("#id_minutes").fill("Rapat membahas langkah penanganan demam berdarah.")
        minutes.locator("#id_minutes_taker").fill("Staf Bagian Pemerintahan")
        minutes.locator("#decision-1-text").fill("Fogging di kelurahan rawan")
        page.select_option("#decision-1-unit-1", label=day.health.name)
        page.fill("#decision-1-action-1", "Laksanakan fogging di tiga kelurahan")
        page.set_input_files("#minutes-form input[type=file]", _pdf("daftar-hadir.pdf"))
        minutes.locator("button[value=file]").click()
        minutes = page.locator("#minutes-form")
        expect(minutes.locator(".success")).to_contain_text("daftar-hadir.pdf")
        expect(page.locator("#decision-1-action-1")).to_have_value(
            "Laksanakan fogging di tiga kelurahan"
        )
        expect(page.locator("#id_minutes")).to_have_value(
            "Rapat membahas langkah penanganan demam berdarah."
        )
        self.check(page, "minutes-form")
        minutes.get_by_role("button", name=t("Record the minutes")).click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("held, minutes recorded"))
        item = page.locator("ol.decisions li li", has_text="Laksanakan fogging")
        expect(item).to_contain_text(day.health.name)
        if plan.follow_up_days:
            expect(item).to_contain_text("22 April 2027")
        self.check(page, "minutes")
        href = item.get_by_role("link").get_attribute("href")
        self.done(page)
        return int(href.rstrip("/").rsplit("/", 1)[1])

    def _present(self, row) -> None:
        from playwright.sync_api import expect

        row.locator("select[name$='-status']").select_option("present")
        official = row.locator("select[name$='-official']")
        if official.count() and official.locator("option").count() > 1:
            official.select_option(index=1)
        else:
            row.locator("input[name$='-attendee_name']").fill("Ir. Hadi Susanto")
            row.locator("input[name$='-attendee_post']").fill("Kepala Kantor")
        row.locator("form.attendance button[type=submit]").click()
        expect(row.locator(".attended")).to_be_visible()

    # --- the head of the health office ---

    def head_answers_on_the_phone(self, meeting: int) -> None:
        from playwright.sync_api import expect

        day, plan = self.day, self.plan
        page = self.as_user("kadinkes", PHONE)
        self.check(page, "worklist-head", PHONE)
        self.from_worklist(page, "answer", f"/rapat/{meeting}/")
        form = page.locator("#answer form")
        if plan.bound:
            expect(page.locator("#answer")).to_contain_text(f"{plan.regulation} Pasal 9 huruf f")
        form.locator("input[value=represented]").check()
        form.locator("select[name$=official]").select_option(str(day.below.pk))
        form.locator("input[name$=note]").fill("Kepala Dinas mengikuti rapat kerja di provinsi.")
        self.check(page, "answer", PHONE)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("#answer")).to_contain_text(day.below.name)
        self.done(page)

    def head_follows_up(self, follow_up: int) -> None:
        from playwright.sync_api import expect

        plan = self.plan
        page = self.as_user("kadinkes", PHONE)
        self.from_worklist(page, "follow_ups_pending", f"/tindak-lanjut/{follow_up}/")
        facts = page.locator("dl.facts")
        if plan.follow_up_days:
            expect(facts).to_contain_text("Kamis, 22 April 2027")
            expect(facts).to_contain_text(plan.follow_up_source)
        else:  # no legal deadline: the portal's default of 5 working days, said as such
            expect(facts).to_contain_text("Selasa, 27 April 2027 (5 hari kerja setelah rapat)")
            expect(facts).to_contain_text("ketentuan bawaan portal")
        page.get_by_role("button", name=t("Start: set in progress")).click()
        page.wait_for_load_state()
        typed = "Fogging dilaksanakan di tiga kelurahan rawan; 1.200 rumah diperiksa."
        page.fill("#id_report", typed)
        page.set_input_files("#id_file", _pdf("foto-fogging.pdf"))
        page.locator("fieldset.attach button[value=attach]").click()
        page.wait_for_load_state()
        expect(self.messages(page)).to_contain_text(t("The draft is saved and the file is added."))
        expect(page.locator("#id_report")).to_have_value(typed)
        expect(page.locator("fieldset.attach")).to_contain_text("foto-fogging.pdf")
        self.check(page, "follow-up", PHONE)
        page.get_by_role("button", name=t("Mark done and send the report")).click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("done"))
        self.done(page)
        if plan.follow_up_days:
            self._returned_once(follow_up, typed)

    def _returned_once(self, follow_up: int, typed: str) -> None:
        """Kutai Kartanegara: the Sekda returns the follow-up report once, with a note."""
        from playwright.sync_api import expect

        note = "Lampirkan daftar kelurahan dan jumlah rumah yang diperiksa."
        page = self.as_user("sekda")
        page.goto(f"{self.base}/koordinasi/tindak-lanjut/{follow_up}/")
        page.locator("section.sekda textarea[name=note]").fill(note)
        page.get_by_role("button", name=t("Return the report")).click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("in progress"))
        self.done(page)
        page = self.as_user("kadinkes", PHONE)
        page.goto(f"{self.base}/koordinasi/tindak-lanjut/{follow_up}/")
        expect(page.locator("main")).to_contain_text(note)
        page.fill("#id_report", typed + " Kelurahan: Loa Ipuh, Timbau, Melayu.")
        page.get_by_role("button", name=t("Mark done and send the report")).click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("done"))
        self.done(page)

    def head_files_the_written_report(self) -> None:
        from playwright.sync_api import expect

        page = self.as_user("kadinkes", PHONE)
        self.menu(page, t("Reports"))
        due = page.locator("section.reports-due tr[data-obligation]").first
        source = due.get_attribute("data-obligation")
        due.get_by_role("button", name=t("Start report")).click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("draft"))
        typed = {
            "#id_summary": "Pelayanan kesehatan dasar berjalan di semua puskesmas.",
            "#id_achievements": "Cakupan imunisasi dasar lengkap 92,5%.",
            "#id_problems": "Kekurangan tenaga bidan di dua puskesmas.",
            "#id_plans": "Pengusulan formasi bidan pada tahun berikutnya.",
        }
        for selector, value in typed.items():
            page.fill(selector, value)
        page.set_input_files("#report-form input[type=file]", _pdf("capaian-triwulan.pdf"))
        page.locator("#report-form button[value=attach]").click()
        page.wait_for_load_state()
        for selector, value in typed.items():
            expect(page.locator(selector)).to_have_value(value)
        expect(page.locator("#attachments")).to_contain_text("capaian-triwulan.pdf")
        self.check(page, "report-form", PHONE)
        page.locator("#report-form button[value=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("submitted"))
        with page.expect_download() as download:
            page.get_by_role("link", name=t("Download PDF")).click()
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
        report = int(page.url.rstrip("/").rsplit("/", 1)[1])
        self.done(page)
        self._route(report, source, revise_note="Lengkapi capaian imunisasi per kelurahan.")

    def _route(self, report: int, source: str, revise_note: str) -> None:
        """The report goes along its route: the first step returns it with a note, the head
        revises it, and each step then passes it on to acceptance."""
        from playwright.sync_api import expect

        from coordination.reports.models import Report

        returned = False
        while True:
            current = Report.objects.filter(pk=report).first()
            current = Report.objects.filter(previous_id=report).first() or current
            report = current.pk
            step = _next_step(current)
            if step is None:
                break
            key = self._actor(current, step)
            page = self.as_user(key)
            self.menu(page, t("Report inbox"))
            row = page.locator("main tbody tr", has_text=self.day.health.name).first
            expect(row).to_be_visible()
            row.get_by_role("link").first.click()
            page.wait_for_load_state()
            expect(page.locator("main")).to_contain_text(source)
            if not returned:
                page.fill("#return_note", revise_note)
                page.locator(".return-form button[type=submit]").click()
                page.wait_for_load_state()
                expect(page.locator("h1 .status")).to_have_text(t("returned for revision"))
                self.check(page, "report-returned")
                self.done(page)
                self._revise(report, revise_note)
                returned = True
                continue
            page.locator(".act-form button[type=submit]").click()
            page.wait_for_load_state()
            expect(self.messages(page)).to_be_visible()
            self.check(page, f"report-{step}")
            self.done(page)
        assert Report.objects.get(pk=report).status == "accepted"

    def _actor(self, report, step: str) -> str:
        pass

        units = set(rp.actor_units(report, step, self.day.region.today()))
        for key, user in self.day.users.items():
            if user.role_assignment.unit_id in units and key != "setda":
                return key
        raise AssertionError(f"no demo user acts on step {step} (units {units})")

    def _revise(self, report: int, note: str) -> None:
        from playwright.sync_api import expect

        page = self.as_user("kadinkes", PHONE)
        page.goto(f"{self.base}/koordinasi/laporan/{report}/")
        expect(page.locator(".returned-note")).to_contain_text(note)
        page.get_by_role("button", name=t("Revise (new version)")).click()
        page.wait_for_load_state()
        expect(page.locator("#attachments")).to_contain_text("capaian-triwulan.pdf")
        page.fill("#id_achievements", "Cakupan imunisasi 92,5%: Kelurahan A 95%, Kelurahan B 89%.")
        page.locator("#report-form button[value=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("submitted"))
        self.done(page)

    # --- the Bappeda (Bengkulu) ---

    def bappeda_files_the_monitoring_report(self) -> None:
        from playwright.sync_api import expect

        source = self.plan.bappeda_report
        page = self.as_user("kadinkes", PHONE)
        self.menu(page, t("Reports"))
        due = page.locator(f'section.reports-due tr[data-obligation="{source}"]').first
        due.get_by_role("button", name=t("Start report")).click()
        page.wait_for_load_state()
        page.fill("#line-1-program", "Program pemenuhan upaya kesehatan")
        page.fill("#line-1-activity", "Imunisasi dasar lengkap")
        page.fill("#line-1-target", "92.5")
        page.fill("#line-1-budget", "71")
        for selector in ("#id_summary", "#id_achievements", "#id_problems", "#id_plans"):
            if page.locator(selector).count():
                page.fill(selector, "Sesuai rencana kerja triwulan.")
        self.check(page, "program-lines", PHONE)
        page.locator("#report-form button[value=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("h1 .status")).to_have_text(t("submitted"))
        self.done(page)
        page = self.as_user("bappeda")
        self.menu(page, t("Report inbox"))
        row = page.locator("main tbody tr", has_text=self.day.health.name).first
        row.get_by_role("link").first.click()
        page.wait_for_load_state()
        expect(page.locator("main")).to_contain_text("Imunisasi dasar lengkap")
        expect(page.locator("main")).to_contain_text(source)
        self.check(page, "program-lines-received")
        self.done(page)

    # --- the Sekda and the Asisten ---

    def sekda_receives_the_follow_up(self, follow_up: int) -> None:
        from playwright.sync_api import expect

        page = self.as_user("sekda")
        review = page.locator('li[data-item="follow_ups_review"]')
        expect(review).to_have_attribute("data-count", "1")
        self.menu(page, t("Sekda inbox"))
        row = page.locator("main tbody tr", has_text="Laksanakan fogging")
        expect(row).to_contain_text("Fogging dilaksanakan")
        self.check(page, "sekda-inbox")
        row.get_by_role("button", name=t("Receive")).click()
        page.wait_for_load_state()
        expect(self.messages(page)).to_contain_text(t("The report is received."))
        self.done(page)

    def leaders_read_their_boards(self) -> None:
        from playwright.sync_api import expect

        page = self.as_user("sekda")
        self.check(page, "worklist-sekda")
        self.menu(page, t("Dashboard"))
        expect(page.locator("figure.chart svg").first).to_be_visible()
        board = page.locator("main table").first
        expect(board.locator("tfoot th.num").last).to_have_text("1")  # the follow-up, done
        self.check(page, "dashboard")
        self.menu(page, t("Report compliance"))
        self.check(page, "compliance")
        self.done(page)
        page = self.as_user("asisten1")
        self.check(page, "worklist-asisten")
        self.done(page)

    # --- what the database holds at the end ---

    def check_the_records(self, meeting: int, follow_up: int) -> None:
        from coordination.follow_ups.models import FollowUp
        from coordination.meetings.models import Meeting

        record = Meeting.objects.get(pk=meeting)
        assert record.status == "held" and record.letter_number.endswith("/2027")
        assert record.documents.get().original_name == "daftar-hadir.pdf"
        attendance = record.invitations.get(unit=self.day.health).attendance
        assert (attendance.status, attendance.official_id) == ("represented", self.day.below.pk)
        assert not attendance.breached
        item = FollowUp.objects.get(pk=follow_up)
        assert item.status == "done" and item.sekda_received_at is not None
        assert item.evidence.get().original_name == "foto-fogging.pdf"
        if self.plan.follow_up_days:
            assert item.due_date == datetime.date(2027, 4, 22)


def _next_step(report):
    pass

    return rp.next_step(report)


def _pdf(name: str) -> dict:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return {"name": name, "mimeType": "application/pdf", "buffer": buffer.getvalue()}
