"""Lateness in working days, everywhere a report's or a follow-up's timeliness is shown: a
report first submitted after its due date stays "submitted N working days late" (a revision
does not reset it), one not submitted is "overdue by N working days" to the region's today,
a follow-up done after its due date stays "done N working days late"; N counts the region's
working days to the local date. Pages, compliance and its exports, the PDF and the API."""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
import zoneinfo

import openpyxl
import pypdf
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from coordination.compliance import engine as compliance_engine
from coordination.compliance import exports as svc
from coordination.core.models import RegionalDayOff
from coordination.core.workdays import Calendar
from coordination.follow_ups.lateness import FOLLOW_UP, Clock, Lateness
from coordination.follow_ups.models import FollowUp
from coordination.follow_ups.services import transition
from coordination.follow_ups.tests.helpers import held_meeting
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import Report, ReportingPeriod

D = datetime.date
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def clock(today: D, days_off: dict | None = None) -> Clock:
    return Clock(Calendar(days_off or {}), WIB, today)


def words(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    assert response.status_code == 200
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


@pytest.fixture
def browse(db):
    def login(user) -> Client:
        client = Client()
        client.cookies["django_language"] = "en"
        client.force_login(user)
        return client

    return login


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


# --- The count ------------------------------------------------------------------------------


def test_a_report_due_on_friday_and_submitted_on_monday_is_one_working_day_late():
    friday, monday = D(2026, 7, 10), D(2026, 7, 13)
    assert clock(D(2026, 12, 1)).lateness(friday, monday) == Lateness(1, True)
    assert clock(D(2026, 12, 1)).lateness(friday, friday) is None  # on the due date: on time
    assert clock(D(2026, 12, 1)).lateness(friday, D(2026, 7, 11)) == Lateness(0, True)
    # Not submitted: overdue to today (Wednesday: Monday, Tuesday, Wednesday).
    assert clock(D(2026, 7, 15)).lateness(friday, None) == Lateness(3, False)
    assert clock(friday).lateness(friday, None) is None  # due today, not late yet


def test_holidays_cuti_bersama_and_the_regions_days_off_are_not_counted():
    # Due Wednesday 23 December 2026; 24 cuti bersama, 25 Christmas, then the weekend.
    assert clock(D(2027, 1, 4)).lateness(D(2026, 12, 23), D(2026, 12, 28)).working_days == 1
    regional = clock(D(2026, 12, 1), {D(2026, 7, 13): "Hari jadi kota"})
    assert regional.lateness(D(2026, 7, 10), D(2026, 7, 14)).working_days == 1


def test_the_words_are_composed_when_shown():
    with translation.override("en"):
        assert str(Lateness(1, True)) == "submitted 1 working day late"
        assert str(Lateness(4, True)) == "submitted 4 working days late"
        assert str(Lateness(3, False)) == "overdue by 3 working days"
        assert str(Lateness(2, True, FOLLOW_UP)) == "done 2 working days late"
        assert str(Lateness(1, False, FOLLOW_UP)) == "overdue by 1 working day"


# --- Reports --------------------------------------------------------------------------------


@pytest.fixture
def bkl(world):
    """Bengkulu's report to the Walikota (Pasal 12 angka 5) for 2026. Q2 is due Tuesday 14
    July 2026; the Dinas submits on Monday 20 July, 4 working days late."""
    side = world.bkl
    side.obligation = next(
        o
        for o in ob.sync_obligations(side.region, D(2026, 6, 1))
        if o.source.endswith("Pasal 12 angka 5")
    )
    ob.ensure_periods(side.obligation, D(2026, 1, 1), D(2026, 12, 31))
    periods = {p.label: p for p in ReportingPeriod.objects.filter(obligation=side.obligation)}
    side.q2, side.q3 = periods["Triwulan II 2026"], periods["Triwulan III 2026"]
    assert side.q2.due_date == D(2026, 7, 14)
    return side


def submit(side, period, when: datetime.datetime, unit=None, user=None) -> Report:
    """The unit's report of ``period``, submitted, its submission backdated to ``when``."""
    user = user or side.users["agency_head"]
    report = rp.start_report(side.obligation, period, unit or side.dinas, user)
    rp.save_draft(report, rp.ReportInput("Ringkasan", "Capaian", "Kendala", "Rencana"), user)
    rp.submit(report, user)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=when, submitted_at=when)
    return Report.objects.select_related("region", "period").get(pk=report.pk)


def late_report(side) -> Report:
    return submit(side, side.q2, datetime.datetime(2026, 7, 20, 9, tzinfo=WIB))


def overdue_days(side, due: D) -> int:
    return Calendar.for_region(side.region).working_days_between(due, side.region.today())


def test_the_local_date_of_the_first_submission_counts(world, bkl):
    on_time = submit(bkl, bkl.q2, datetime.datetime(2026, 7, 14, 23, 30, tzinfo=WIB))
    # 00:30 WIB on Wednesday is still Tuesday 14 July in UTC: only the region's clock says late.
    late_at = datetime.datetime(2026, 7, 15, 0, 30, tzinfo=WIB)
    assert late_at.astimezone(datetime.UTC).date() == bkl.q2.due_date
    late = submit(bkl, bkl.q2, late_at, unit=bkl.other_dinas, user=bkl.users["agency_head_other"])
    region_clock = Clock.of(bkl.region)
    assert region_clock.report(on_time) is None
    assert region_clock.report(late) == Lateness(1, True)


def test_a_report_submitted_late_stays_marked_late_on_every_page_after_revision(browse, bkl):
    report = late_report(bkl)
    asisten, sekda = browse(bkl.users["asisten"]), browse(bkl.users["sekda"])
    detail = reverse("coordination:report", args=[report.pk])
    late = "submitted 4 working days late"
    assert late in words(asisten.get(detail))
    assert late in words(sekda.get(reverse("coordination:reports")))
    assert late in words(asisten.get(reverse("coordination:report-inbox")))
    assert "Tuesday, 14 July 2026" in words(asisten.get(detail))  # the due day, region-aware
    rp.return_report(report, bkl.users["asisten"], "Lengkapi capaian.")
    head = bkl.users["agency_head"]
    revision = rp.revise(report, head)
    revised = reverse("coordination:report", args=[revision.pk])
    assert late in words(browse(head).get(revised))  # the draft of version 2
    rp.submit(revision, head)
    assert late in words(asisten.get(revised))
    assert late in words(sekda.get(reverse("coordination:reports")))
    assert late in words(asisten.get(reverse("coordination:report-inbox")))
    for pk in (report.pk, revision.pk):
        assert (
            api(bkl.users["sekda"]).get(f"/api/v1/reports/{pk}/").json()["late_working_days"] == 4
        )
    listed = api(bkl.users["sekda"]).get("/api/v1/reports/").json()["results"]
    assert {row["id"]: row["late_working_days"] for row in listed}[revision.pk] == 4


def test_a_report_not_submitted_is_overdue_by_working_days_to_the_regions_today(browse, bkl):
    head = bkl.users["agency_head"]
    client = browse(head)
    expected = overdue_days(bkl, bkl.q3.due_date)
    overdue = f"overdue by {expected} working days"
    page = words(client.get(reverse("coordination:reports")))
    assert "Reports due" in page and overdue in page  # the last period, not started yet
    draft = rp.start_report(bkl.obligation, bkl.q3, bkl.dinas, head)
    assert overdue in words(client.get(reverse("coordination:report", args=[draft.pk])))
    assert api(head).get(f"/api/v1/reports/{draft.pk}/").json()["late_working_days"] == expected
    on_time = submit(bkl, bkl.q2, datetime.datetime(2026, 7, 14, 9, tzinfo=WIB))
    assert api(head).get(f"/api/v1/reports/{on_time.pk}/").json()["late_working_days"] is None
    text = words(client.get(reverse("coordination:report", args=[on_time.pk])))
    assert "working days late" not in text and "overdue by" not in text


def test_compliance_cells_and_exports_say_how_late(browse, bkl):
    late_report(bkl)
    today = D(2026, 11, 23)
    table = compliance_engine.compliance(
        bkl.users["sekda"], bkl.region, today=today, obligation=bkl.obligation
    )
    missing = Calendar.for_region(bkl.region).working_days_between(bkl.q2.due_date, today)
    assert table.late[(bkl.dinas.pk, bkl.q2.pk)] == Lateness(4, True)
    assert table.late[(bkl.other_dinas.pk, bkl.q2.pk)] == Lateness(missing, False)
    assert table.not_reported(bkl.q2.pk)[0]["late"] == Lateness(missing, False)
    rows = list(csv.reader(io.StringIO(svc.export_csv(table).decode("utf-8-sig"))))
    assert rows[0][-2:] == ["Working days late", "Timeliness"]
    by_unit = {(row[2], row[5]): row for row in rows[1:]}
    dinas = by_unit[(bkl.dinas.name, "Triwulan II 2026")]
    assert dinas[9] == "late" and dinas[-2:] == ["4", "submitted 4 working days late"]
    other = by_unit[(bkl.other_dinas.name, "Triwulan II 2026")]
    assert other[-2:] == [str(missing), f"overdue by {missing} working days"]
    sheet = openpyxl.load_workbook(io.BytesIO(svc.export_xlsx(table)))["Compliance"]
    cells = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=3)}
    column = 2 + [p["label"] for p in table.periods].index("Triwulan II 2026")
    assert cells[bkl.dinas.name][column] == "submitted 4 working days late"
    page = words(
        browse(bkl.users["sekda"]).get(
            reverse("coordination:compliance"), {"obligation": bkl.obligation.pk}
        )
    )
    assert "submitted 4 working days late" in page
    assert f"overdue by {overdue_days(bkl, bkl.q2.due_date)} working days" in page
    body = api(bkl.users["sekda"]).get(f"/api/v1/compliance/?obligation={bkl.obligation.pk}")
    found = {(c["unit"], c["period"]): c["late_working_days"] for c in body.json()["cells"]}
    assert found[(bkl.dinas.pk, bkl.q2.pk)] == 4
    gaps = api(bkl.users["sekda"]).get("/api/v1/compliance/gaps/").json()["units"]
    assert all(
        unit["late_working_days"] is not None for unit in gaps if unit["status"] == "missing"
    )


def test_the_report_pdf_says_how_late_in_the_regions_time(browse, bkl):
    report = late_report(bkl)
    response = browse(bkl.users["sekda"]).get(reverse("coordination:report-pdf", args=[report.pk]))
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    content = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    with translation.override(settings.LANGUAGE_CODE):
        expected = str(Lateness(4, True))
    assert expected in content
    assert "20 Juli 2026 09.00 WIB" in content


def test_the_report_pages_keep_a_constant_number_of_queries_with_late_reports(browse, bkl):
    sekda = browse(bkl.users["sekda"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert sekda.get(reverse("coordination:reports")).status_code == 200
        return len(queries)

    late_report(bkl)
    before = count()
    submit(
        bkl,
        bkl.q2,
        datetime.datetime(2026, 8, 3, 9, tzinfo=WIB),
        unit=bkl.other_dinas,
        user=bkl.users["agency_head_other"],
    )
    RegionalDayOff.objects.create(region=bkl.region, date=D(2026, 7, 16), name="Libur daerah")
    assert count() == before
    assert "submitted 3 working days late" in words(sekda.get(reverse("coordination:reports")))


# --- Follow-ups -----------------------------------------------------------------------------


@pytest.fixture
def kukar(world):
    """A meeting on Wednesday 3 June 2026 in Kutai Kartanegara: follow-ups due Friday 5 June
    (Perbup 4/2018 Pasal 13 ayat (5)). The Dinas Kesehatan is done on Monday 8 June at 00:30
    WITA (Sunday in UTC), the Dinas Perhubungan on the Friday; the Dinas Sosial not yet."""
    side = world.kukar
    sosial = side.units["Dinas Sosial"]
    _meeting, follow_ups = held_meeting(
        side, day=D(2026, 6, 3), units=[side.dinas, side.other_dinas, sosial]
    )
    side.late, side.on_time, side.pending = follow_ups
    assert side.late.due_date == D(2026, 6, 5)
    for follow_up, user, when in (
        (side.late, side.users["agency_head"], datetime.datetime(2026, 6, 8, 0, 30, tzinfo=WITA)),
        (
            side.on_time,
            side.users["agency_head_other"],
            datetime.datetime(2026, 6, 5, 16, tzinfo=WITA),
        ),
    ):
        transition(follow_up, "in_progress", user)
        transition(follow_up, "done", user, report="Fogging selesai.")
        FollowUp.objects.filter(pk=follow_up.pk).update(done_at=when)
    return side


def test_a_follow_up_done_after_its_due_date_stays_done_late(browse, kukar):
    sekda = browse(kukar.users["sekda"])
    listed = words(sekda.get(reverse("coordination:follow-ups")))
    assert listed.count("done 1 working day late") == 1
    pending = f"overdue by {overdue_days(kukar, D(2026, 6, 5))} working days"
    assert pending in listed
    detail = words(sekda.get(reverse("coordination:follow-up", args=[kukar.late.pk])))
    assert "done 1 working day late" in detail and "Friday, 5 June 2026" in detail
    on_time = words(sekda.get(reverse("coordination:follow-up", args=[kukar.on_time.pk])))
    assert "working day late" not in on_time and "overdue by" not in on_time
    waiting = words(sekda.get(reverse("coordination:follow-up", args=[kukar.pending.pk])))
    assert pending in waiting
    board = words(sekda.get(reverse("coordination:dashboard")))
    assert pending in board


def test_the_follow_up_list_reads_every_regions_calendar_in_one_query(world, browse, kukar):
    client = browse(world.superadmin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("coordination:follow-ups")).status_code == 200
        return len(queries)

    one_region = count()
    held_meeting(world.bkt, day=D(2026, 6, 3), units=[world.bkt.dinas, world.bkt.other_dinas])
    assert count() == one_region
