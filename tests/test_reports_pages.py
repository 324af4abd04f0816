"""The written-report pages through the test client: who opens each (403 without a role, 404
outside one's scope), the reports due and starting them, the draft with the service's refusals
beside the field citing the provision, attachments, routing with return and revision, the
inbox, the PDF on the unit's letterhead, and constant query counts."""

from __future__ import annotations

import datetime
import html
import io
import re
from pathlib import Path

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.core.workdays import region_today
from coordination.reports import access as reports_access
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import Report, ReportAttachment, ReportingPeriod, ReportLine
from tests.factories import UserFactory

D = datetime.date
BKL = "Perwal Bengkulu 24/2018"
BKT = "Perwal Bukittinggi 4/2017"


@pytest.fixture
def browse(db):
    """browse(user): a new client logged in as ``user`` (None: anonymous), in English."""

    def login(user=None) -> Client:
        client = Client()
        client.cookies["django_language"] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def text(response) -> str:
    return html.unescape(response.content.decode())


def words(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def obligation_of(side, citation: str):
    return next(
        o for o in ob.sync_obligations(side.region, D(2026, 6, 1)) if o.source.endswith(citation)
    )


def current(obligation) -> ReportingPeriod:
    """The obligation's period holding today (in the region), created if missing."""
    today = region_today(obligation.region)
    ob.ensure_periods(obligation, today, today)
    return ob.current_period(obligation, today)


def pdf_bytes() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


FILLED = {
    "summary": "Pelayanan kesehatan berjalan",
    "achievements": "Imunisasi 95%",
    "problems": "Tenaga kesehatan kurang",
    "plans": "Rekrutmen tenaga kontrak",
}


def draft(side, citation="Pasal 12 angka 5", *, filled=True, unit=None, user=None) -> Report:
    obligation = obligation_of(side, citation)
    user = user or side.users["agency_head"]
    report = rp.start_report(obligation, current(obligation), unit or side.dinas, user)
    if filled:
        rp.save_draft(report, rp.ReportInput(**FILLED), user)
    return report


def submitted(side, citation="Pasal 12 angka 5", **kwargs) -> Report:
    report = draft(side, citation, **kwargs)
    return rp.submit(report, kwargs.get("user") or side.users["agency_head"])


def url(name: str, report=None) -> str:
    return reverse(f"coordination:{name}", args=[report.pk] if report is not None else [])


# --- Access -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["reports", "report-inbox"])
def test_report_pages_ask_an_anonymous_visitor_to_log_in(browse, world, name):
    response = browse().get(url(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["reports", "report-inbox"])
def test_a_user_without_a_coordination_role_is_refused_the_report_pages(browse, world, name):
    assert browse(UserFactory(username="nobody")).get(url(name)).status_code == 403


def test_a_report_is_seen_by_its_unit_its_asisten_and_the_region_only(browse, world):
    side = world.bkl
    report = submitted(side)
    page = url("report", report)
    for role in ("agency_head", "agency_staff", "asisten", "sekda", "secretariat_staff"):
        assert browse(side.users[role]).get(page).status_code == 200, role
    for user in (
        side.users["agency_head_other"],
        side.users["asisten_other"],
        world.bkt.users["sekda"],
    ):
        assert browse(user).get(page).status_code == 404, user.username
        assert browse(user).get(url("report-pdf", report)).status_code == 404
    assert browse(UserFactory(username="nobody")).get(page).status_code == 403


def test_the_menu_links_reports_to_coordination_roles_and_the_inbox_to_those_who_act(browse, world):
    users = world.bkl.users
    head = text(browse(users["agency_head"]).get(reverse("home")))
    assert "Reports" in head and "Report inbox" in head
    asisten = text(browse(users["asisten"]).get(reverse("home")))
    assert "Report inbox" in asisten
    staff = text(browse(users["secretariat_staff"]).get(reverse("home")))
    assert "Reports" in staff and "Report inbox" not in staff
    nobody = text(browse(UserFactory(username="nobody")).get(reverse("home")))
    assert "Reports" not in nobody


def test_a_draft_stays_with_its_unit_and_only_the_head_may_post_to_it(browse, world):
    side = world.bkl
    report = draft(side, filled=False)
    staff = browse(side.users["agency_staff"])
    assert staff.post(url("report", report), {**FILLED}).status_code == 403
    assert staff.post(url("report-revise", report)).status_code == 403
    for role in ("sekda", "asisten", "secretariat_staff"):
        client = browse(side.users[role])
        assert client.get(url("report", report)).status_code == 404, role
        assert client.post(url("report", report), {**FILLED}).status_code == 404, role
    report.refresh_from_db()
    assert report.summary == ""
    staff = text(browse(side.users["agency_staff"]).get(url("report", report)))
    assert 'id="report-form"' not in staff and "Save draft" not in staff


def test_the_pages_open_in_bahasa_indonesia_by_default(world):
    side = world.bkl
    report = submitted(side)
    client = Client()
    client.force_login(side.users["asisten"])
    for address in (url("reports"), url("report-inbox"), url("report", report)):
        response = client.get(address)
        assert response.status_code == 200 and '<html lang="id">' in text(response), address


# --- The list and the reports due ---------------------------------------------------------


def test_an_agency_head_sees_the_reports_due_and_starts_one(browse, world):
    side = world.bkl
    obligation_of(side, "Pasal 12 angka 5")  # syncs the region's obligations
    client = browse(side.users["agency_head"])
    response = client.get(url("reports"))
    body = text(response)
    assert "Reports due" in body
    due = [group.obligation.source for group in response.context["due"]]
    assert due == [f"{BKL} Pasal 12 angka 5", f"{BKL} Pasal 14 angka 25"]  # not 13 angka 4
    assert "portal default" in body  # the cadence and the deadline say where they come from
    today = region_today(side.region)
    start, _end = ob.period_bounds("quarterly", today)
    period = ReportingPeriod.objects.get(obligation__source=f"{BKL} Pasal 12 angka 5", start=start)
    assert period.label in body
    for group in response.context["due"]:
        last, now = group.rows  # the last period (often the one due) and the current one
        assert now.period.start == start and last.period.end == start - datetime.timedelta(days=1)
        assert last.overdue == (last.period.due_date < today) and not now.overdue
    response = client.post(
        url("report-start"), {"obligation": period.obligation_id, "period": period.pk}
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == url("report", report)
    assert (report.unit, report.period, report.status) == (side.dinas, period, "draft")
    # Starting twice is refused in the row, naming the version that exists.
    again = client.post(
        url("report-start"), {"obligation": period.obligation_id, "period": period.pk}
    )
    assert again.status_code == 200
    assert "already has a report for " + period.label in text(again)
    assert Report.objects.count() == 1
    # Staff of the unit see the unit's reports but nothing to start.
    staff = text(browse(side.users["agency_staff"]).get(url("reports")))
    assert "Reports due" not in staff and period.label in staff


def test_a_period_that_has_not_begun_and_a_foreign_obligation_are_refused(browse, world):
    side = world.bkl
    obligation = obligation_of(side, "Pasal 12 angka 5")
    today = region_today(side.region)
    _start, end = ob.period_bounds(obligation.cadence, today)
    (future,) = ob.ensure_periods(
        obligation, end + datetime.timedelta(days=1), end + datetime.timedelta(days=1)
    )
    client = browse(side.users["agency_head"])
    response = client.post(url("report-start"), {"obligation": obligation.pk, "period": future.pk})
    assert f"The period {future.label} has not begun." in text(response)
    foreign = obligation_of(world.bkt, "Pasal 16 ayat (2)")
    assert client.post(url("report-start"), {"obligation": foreign.pk}).status_code == 404
    # Incidental reports: only where the text allows them (Bengkulu's does not).
    response = client.post(url("report-start"), {"obligation": obligation.pk})
    assert f"{BKL} Pasal 12 angka 5 sets no incidental reports" in text(response)
    assert not Report.objects.exists()


def test_an_incidental_report_needs_a_title_shown_beside_the_field(browse, world):
    side = world.bkt
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    client = browse(side.users["agency_head"])
    assert "Incidental report" in text(client.get(url("reports")))
    response = client.post(url("report-start"), {"obligation": obligation.pk})
    report = Report.objects.get()
    assert response["Location"] == url("report", report) and report.incidental
    response = client.post(url("report", report), {**FILLED, "title": " ", "action": "save"})
    assert response.context["draft"].errors["title"] == ["An incidental report needs a title."]
    assert "Imunisasi 95%" in text(response)  # nothing typed is lost
    client.post(url("report", report), {**FILLED, "title": "KLB DBD", "action": "submit"})
    report.refresh_from_db()
    assert (report.status, report.title) == ("submitted", "KLB DBD")
    # Bukittinggi routes through the Sekda only: it waits for the Sekda's receipt.
    inbox = text(browse(side.users["sekda"]).get(url("report-inbox")))
    assert "KLB DBD" in inbox and "receipt" in inbox


def test_the_list_filters_by_obligation_period_and_status(browse, world):
    side = world.bkl
    head, other_head = side.users["agency_head"], side.users["agency_head_other"]
    first = submitted(side)
    bappeda = draft(side, "Pasal 14 angka 25")
    lines = [rp.LineInput("Program", "", 50, 50)]
    rp.save_draft(bappeda, rp.ReportInput(**FILLED, lines=lines), head)
    rp.submit(bappeda, head)
    other = submitted(side, unit=side.other_dinas, user=other_head)
    rp.advance(other, side.users["asisten_other"])
    hidden = draft(side, "Pasal 14 angka 25", unit=side.other_dinas, user=other_head)
    client = browse(side.users["sekda"])

    def units(**query) -> list[int]:
        return sorted(row.pk for row in client.get(url("reports"), query).context["page"])

    assert units() == sorted([first.pk, bappeda.pk, other.pk])  # not the draft
    assert units(obligation=bappeda.obligation_id) == [bappeda.pk]
    assert units(status="submitted") == sorted([first.pk, bappeda.pk])
    assert units(status="reviewed") == [other.pk]
    assert len(units(period=bappeda.period.label)) == 3
    assert units(period="incidental") == []
    mine = browse(other_head).get(url("reports")).context["page"]
    assert hidden.pk in [row.pk for row in mine]
    # An Asisten sees the portfolio's reports only.
    asisten = browse(side.users["asisten_other"]).get(url("reports")).context["page"]
    assert other.pk in [row.pk for row in asisten] and bappeda.pk not in [r.pk for r in asisten]


def test_the_list_and_the_inbox_take_a_constant_number_of_queries(browse, world):
    from orgchart.models import RoleAssignment

    side = world.bkl
    submitted(side)
    pages = [
        (browse(side.users["agency_head"]), url("reports")),
        (browse(side.users["sekda"]), url("reports")),
        (browse(side.users["asisten"]), url("reports")),
        (browse(side.users["asisten"]), url("report-inbox")),
        (browse(side.users["sekda"]), url("report-inbox")),
    ]
    pages[0][0].get(url("reports"))  # creates the periods due, once

    def counts() -> list[int]:
        found = []
        for client, address in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(address).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    for name in ("Dinas Sosial", "Dinas Pendidikan"):
        head = UserFactory(username=f"kadis-{name}")
        RoleAssignment.objects.create(
            user=head, role="agency_head", region=side.region, unit=side.units[name]
        )
        submitted(side, unit=side.units[name], user=head)
    assert len(pages[3][0].get(url("report-inbox")).context["rows"]) == 3
    assert counts() == before
    assert max(before) <= 16, before


# --- The draft ----------------------------------------------------------------------------


def test_submitting_an_incomplete_draft_cites_the_provision_beside_each_empty_part(browse, world):
    side = world.bkl
    report = draft(side, filled=False)
    client = browse(side.users["agency_head"])
    response = client.post(
        url("report", report),
        {"summary": "Ringkasan triwulan", "achievements": "", "action": "submit"},
    )
    form = response.context["draft"]
    assert f"{BKL} Pasal 12 angka 5: fill in" in " ".join(form.non_field_errors())
    for name in ("achievements", "problems", "plans"):
        assert form.errors[name] == [f"Required before submitting ({BKL} Pasal 12 angka 5)."]
    assert "summary" not in form.errors
    assert "Ringkasan triwulan" in text(response)
    report.refresh_from_db()
    assert report.status == "draft" and report.summary == "Ringkasan triwulan"  # saved


def test_a_draft_is_saved_and_submitted_then_no_longer_editable(browse, world):
    side = world.bkl
    report = draft(side, filled=False)
    client = browse(side.users["agency_head"])
    response = client.post(url("report", report), {**FILLED, "action": "save"})
    assert response.status_code == 302
    assert "The draft is saved." in text(client.get(url("report", report)))
    client.post(url("report", report), {**FILLED, "action": "submit"})
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_at is not None
    body = text(client.get(url("report", report)))
    assert 'id="report-form"' not in body and "Tenaga kesehatan kurang" in body
    shown = words(client.get(url("report", report)))
    assert "Next step: review — Asisten Pemerintahan dan Kesejahteraan Sosial" in shown
    # Program lines on a report that has none are refused where the user sees it.
    lines = {"line-1-program": "Program", "line-1-target": "5", "line-1-budget": "5"}
    draft_two = draft(side, unit=side.other_dinas, user=side.users["agency_head_other"])
    other = browse(side.users["agency_head_other"])
    response = other.post(url("report", draft_two), {**FILLED, **lines, "action": "save"})
    assert "Program lines belong to reports to the Bappeda." in text(response)
    response = client.post(
        url("report", report), {**FILLED, "summary": "x", "action": "save"}, follow=True
    )
    assert "A submitted report does not change" in text(response)
    report.refresh_from_db()
    assert report.summary == FILLED["summary"]


def test_the_route_names_each_step_and_who_takes_it(browse, world):
    side = world.bkl
    report = submitted(side)
    shown = words(browse(side.users["agency_head"]).get(url("report", report)))
    assert "submission : Dinas Kesehatan" in shown
    assert "review : Asisten Pemerintahan dan Kesejahteraan Sosial" in shown
    assert "receipt : Sekretaris Daerah" in shown
    assert "acceptance : Walikota, Sekretaris Daerah" in shown


def test_the_draft_forms_file_input_does_not_stop_saving_or_submitting(browse, world):
    """The browser refuses to send a form with an empty required input: the file input of the
    draft form (and of the follow-up report) must not be one, or Save and Submit do nothing."""
    side = world.bkl
    report = draft(side)
    body = text(browse(side.users["agency_head"]).get(url("report", report)))
    (file_input,) = re.findall(r"<input[^>]*type=\"file\"[^>]*>", body)
    assert " required" not in file_input


def test_bappeda_lines_add_rows_keep_input_and_check_percentages(browse, world):
    side = world.bkl
    report = draft(side, "Pasal 14 angka 25", filled=False)
    client = browse(side.users["agency_head"])
    body = text(client.get(url("report", report)))
    assert 'name="line-1-program"' in body and 'name="line-2-program"' not in body
    line = {"line-1-program": "Pencegahan DBD", "line-1-activity": "Fogging"}
    response = client.post(
        url("report", report),
        {**FILLED, **line, "line-1-target": "75", "line-1-budget": "60", "action": "add-line"},
    )
    body = text(response)
    assert 'name="line-2-program"' in body and 'value="Pencegahan DBD"' in body
    response = client.post(
        url("report", report),
        {**FILLED, **line, "line-1-target": "120", "line-1-budget": "60", "action": "save"},
    )
    assert response.context["draft"].line_errors == ["Line 1: percentages run from 0 to 100."]
    response = client.post(
        url("report", report),
        {**FILLED, **line, "line-1-target": "banyak", "line-1-budget": "60", "action": "save"},
    )
    assert "Enter both percentages as numbers from 0 to 100." in text(response)
    assert not ReportLine.objects.exists()
    # Submitting without any line cites the provision that asks for them.
    response = client.post(url("report", report), {**FILLED, "action": "submit"})
    assert f"{BKL} Pasal 14 angka 25: fill in" in text(response)
    assert f"Required before submitting ({BKL} Pasal 14 angka 25)." in text(response)
    blank = {"line-2-program": "", "line-2-activity": "", "line-2-target": "", "line-2-budget": ""}
    data = {**FILLED, **line, **blank, "line-1-target": "75,5", "line-1-budget": "60"}
    client.post(url("report", report), {**data, "action": "submit"})
    report.refresh_from_db()
    assert report.status == "submitted"
    (saved,) = report.lines.all()
    assert (saved.program, str(saved.target_realisation)) == ("Pencegahan DBD", "75.50")
    # It goes to the Bappeda, whose head accepts it.
    inbox = browse(side.users["bappeda_head"]).get(url("report-inbox"))
    assert [row.pk for row in inbox.context["rows"]] == [report.pk]
    assert browse(side.users["sekda"]).get(url("report-inbox")).context["rows"] == []


# --- Attachments --------------------------------------------------------------------------


def test_an_attachment_is_checked_listed_and_served_only_within_scope(browse, world, media):
    side = world.bkl
    report = draft(side)
    client = browse(side.users["agency_head"])
    fake = SimpleUploadedFile("capaian.pdf", b"<html>bukan pdf</html>")
    response = client.post(url("report-attach", report), {"file": fake})
    assert response.status_code == 200
    assert "not a PDF" in " ".join(response.context["attachment_form"].errors["file"])
    assert not ReportAttachment.objects.exists()
    good = SimpleUploadedFile("capaian triwulan.pdf", pdf_bytes())
    assert client.post(url("report-attach", report), {"file": good}).status_code == 302
    attachment = ReportAttachment.objects.get()
    body = text(client.get(url("report", report)))
    assert "capaian triwulan.pdf" in body and attachment.file.name not in body
    assert Path(attachment.file.path).is_relative_to(media)
    download = client.get(url("report-attachment", attachment))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "capaian triwulan.pdf" in download["Content-Disposition"]
    asisten = browse(side.users["asisten"])
    assert asisten.get(url("report-attachment", attachment)).status_code == 404  # a draft's
    # Nobody but the head attaches; once submitted, nothing is attached any more.
    staff = browse(side.users["agency_staff"])
    assert staff.get(url("report-attachment", attachment)).status_code == 200
    extra = SimpleUploadedFile("lagi.pdf", pdf_bytes())
    assert staff.post(url("report-attach", report), {"file": extra}).status_code == 403
    rp.submit(report, side.users["agency_head"])
    assert asisten.get(url("report-attachment", attachment)).status_code == 200
    for user in (side.users["agency_head_other"], world.bkt.users["sekda"]):
        assert browse(user).get(url("report-attachment", attachment)).status_code == 404
    extra = SimpleUploadedFile("lagi.pdf", pdf_bytes())
    response = client.post(url("report-attach", report), {"file": extra}, follow=True)
    assert "A submitted report does not change" in text(response)
    assert ReportAttachment.objects.count() == 1


def test_the_report_page_takes_a_constant_number_of_queries(browse, world, media):
    side = world.bkl
    head = side.users["agency_head"]
    report = draft(side)
    rp.add_attachment(report, SimpleUploadedFile("satu.pdf", pdf_bytes()), head)
    rp.submit(report, head)
    asisten = browse(side.users["asisten"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert asisten.get(url("report", report)).status_code == 200
        return len(queries)

    before = count()
    rp.return_report(report, side.users["asisten"], "Perbaiki")
    report = rp.revise(report, head)
    for name in ("dua.pdf", "tiga.pdf"):
        rp.add_attachment(report, SimpleUploadedFile(name, pdf_bytes()), head)
    rp.submit(report, head)
    assert count() == before


# --- Routing ------------------------------------------------------------------------------


def test_a_report_is_returned_revised_and_accepted_through_the_asisten_and_the_sekda(browse, world):
    side = world.bkl
    users = side.users
    report = submitted(side)
    # Not the Sekda's turn yet.
    sekda = browse(users["sekda"])
    assert sekda.get(url("report-inbox")).context["rows"] == []
    assert "Return for revision" not in text(sekda.get(url("report", report)))
    assert sekda.post(url("report-act", report)).status_code == 403
    asisten = browse(users["asisten"])
    inbox = asisten.get(url("report-inbox"))
    assert [row.pk for row in inbox.context["rows"]] == [report.pk]
    body = text(asisten.get(url("report", report)))
    assert "Return for revision" in body and ">Review</button>" in body
    response = asisten.post(url("report-return", report), {"note": "  "})
    assert response.context["return_form"].errors["note"] == ["Write what the unit must revise."]
    asisten.post(url("report-return", report), {"note": "Lengkapi data imunisasi per kelurahan."})
    report.refresh_from_db()
    assert report.status == "returned"
    head = browse(users["agency_head"])
    body = text(head.get(url("report", report)))
    assert "Lengkapi data imunisasi per kelurahan." in body and "Revise (new version)" in body
    response = head.post(url("report-revise", report))
    revised = Report.objects.get(previous=report)
    assert response["Location"] == url("report", revised) and revised.version == 2
    body = text(head.get(url("report", revised)))
    assert "Version 1 was returned for revision" in body
    assert "Lengkapi data imunisasi per kelurahan." in body
    old = text(head.get(url("report", report)))
    assert "This version was revised" in old and "Revise (new version)" not in old
    head.post(
        url("report", revised), {**FILLED, "achievements": "Per kelurahan", "action": "submit"}
    )
    asisten.post(url("report-act", revised), {"note": "Sudah lengkap"})
    assert [row.pk for row in sekda.get(url("report-inbox")).context["rows"]] == [revised.pk]
    body = text(sekda.get(url("report", revised)))
    assert ">Receive</button>" in body
    sekda.post(url("report-act", revised))
    assert ">Accept</button>" in text(sekda.get(url("report", revised)))
    sekda.post(url("report-act", revised))
    revised.refresh_from_db()
    assert revised.status == "accepted"
    body = text(head.get(url("report", revised)))
    for change in ("submitted → returned for revision", "received by the Sekda → accepted"):
        assert change in body
    assert "Sudah lengkap" in body
    assert sekda.post(url("report-act", revised)).status_code == 403
    assert sekda.get(url("report-inbox")).context["rows"] == []


def test_the_inbox_agrees_with_the_service_on_who_acts(world):
    side = world.bkl
    first = submitted(side)
    bappeda = draft(side, "Pasal 14 angka 25")
    rp.save_draft(
        bappeda,
        rp.ReportInput(**FILLED, lines=[rp.LineInput("Program", "", 50, 50)]),
        side.users["agency_head"],
    )
    rp.submit(bappeda, side.users["agency_head"])
    reviewed = submitted(side, unit=side.other_dinas, user=side.users["agency_head_other"])
    rp.advance(reviewed, side.users["asisten_other"])
    rows = list(
        Report.objects.select_related("region", "obligation", "period", "unit").order_by("pk")
    )
    assert first in rows
    day = region_today(side.region)
    users = [*side.users.values(), world.superadmin, *world.bkt.users.values()]
    for user in users:
        expected = [row.pk for row in rows if reports_access.may_act(user, row)]
        assert [row.pk for row in reports_access.waiting_for(user, rows, day)] == expected, (
            user.username
        )


# --- The PDF ------------------------------------------------------------------------------


def test_the_pdf_has_the_units_letterhead_the_content_the_lines_and_the_route(browse, world, media):
    side = world.bkl
    head = side.users["agency_head"]
    report = draft(side, "Pasal 14 angka 25")
    rp.save_draft(
        report,
        rp.ReportInput(**FILLED, lines=[rp.LineInput("Pencegahan DBD", "Fogging", 75.5, 60)]),
        head,
    )
    rp.add_attachment(report, SimpleUploadedFile("capaian.pdf", pdf_bytes()), head)
    rp.submit(report, head)
    response = browse(side.users["sekda"]).get(url("report-pdf", report))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    content = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "PEMERINTAH KOTA BENGKULU" in content
    assert "Dinas Kesehatan" in content and "Kepala Dinas Kesehatan" in content
    for expected in (
        f"{BKL} Pasal 14 angka 25",
        report.period.label,
        "Imunisasi 95%",
        "Tenaga kesehatan kurang",
        "Pencegahan DBD",
        "capaian.pdf",
    ):
        assert expected in content, expected
    assert browse(side.users["agency_head_other"]).get(url("report-pdf", report)).status_code == 404


def test_the_head_removes_a_wrong_file_from_the_draft(browse, world, media):
    side = world.bkl
    head = side.users["agency_head"]
    report = draft(side)
    attachment = rp.add_attachment(report, SimpleUploadedFile("salah.pdf", pdf_bytes()), head)
    remove = reverse("coordination:report-attachment-remove", args=[attachment.pk])
    # The page removes it from within the draft form, so that nothing typed is lost.
    assert f'name="action" value="remove-{attachment.pk}"' in text(
        browse(head).get(url("report", report))
    )
    assert browse(side.users["agency_head_other"]).post(remove).status_code == 404
    assert browse(side.users["agency_staff"]).post(remove).status_code == 403
    typed = {**FILLED, "summary": "Diketik sebelum menghapus", "action": f"remove-{attachment.pk}"}
    response = browse(head).post(url("report", report), typed)
    assert response.status_code == 200 and not report.attachments.exists()
    assert "Diketik sebelum menghapus" in text(response)
