"""No silent refusal: every form of the portal, sent bad data, shows the refusal where the user
sees it (not in a hidden field, a closed <details> or only the HTML source), and keeps what was
typed. One test per form; ``assert_visible`` reads the page as shown."""

from __future__ import annotations

import datetime
import io
import re

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coordination.core.workdays import region_today
from coordination.follow_ups import services as fu
from coordination.follow_ups.tests.helpers import (
    at,
    before,
    clock_at,
    during,
    held_meeting,
    meeting_input,
    schedule,
)
from coordination.meetings import invitations as inv
from coordination.meetings.models import Meeting
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import Report
from orgchart.models import Affair
from tests.visible import assert_visible

D = datetime.date
BKT = "Perwal Bukittinggi 4/2017"
SOON = datetime.date.today() + datetime.timedelta(days=7)  # within a session's life


@pytest.fixture
def browse(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    def login(user) -> Client:
        client = Client()
        client.cookies["django_language"] = "en"
        client.force_login(user)
        return client

    return login


def pdf_bytes() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def invited(side, day=SOON):
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=day), staff)
    inv.send_invitations(meeting, staff)
    return meeting


def meeting_form(side, **overrides) -> dict:
    data = {
        "title": "Rapat koordinasi demam berdarah",
        "convener": side.setda.pk,
        "scope": "general",
        "form": "hierarki",
        "kind": "rapat",
        "mode": "langsung",
        "periodicity": "insidental",
        "date": SOON.isoformat(),
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Aula Balai Kota",
        "affairs": [Affair.objects.get(code="1.02").pk],
        "agenda": "Laporan situasi",
    }
    data.update(overrides)
    return data


# --- Meetings -------------------------------------------------------------------------------


def test_scheduling_in_the_past_says_so_beside_the_date_and_keeps_the_title(browse, world):
    client = browse(world.bkt.users["secretariat_staff"])
    data = meeting_form(world.bkt, date="2026-06-03", title="Rapat yang terlambat")
    response = client.post(reverse("coordination:meeting-new"), data)
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert_visible(response.content, "A meeting cannot be scheduled in the past")
    assert 'value="Rapat yang terlambat"' in response.content.decode()


def test_a_meeting_recorded_as_held_in_the_future_is_refused_visibly(browse, world):
    client = browse(world.bkt.users["secretariat_staff"])
    response = client.post(reverse("coordination:meeting-record-held"), meeting_form(world.bkt))
    assert_visible(response.content, "is still to come")


def test_a_missing_title_is_shown_beside_the_field(browse, world):
    client = browse(world.bkt.users["secretariat_staff"])
    response = client.post(reverse("coordination:meeting-new"), meeting_form(world.bkt, title=""))
    assert_visible(response.content, "This field is required.")


def test_changing_a_meeting_without_agenda_is_refused_visibly(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    url = reverse("coordination:meeting-edit", args=[meeting.pk])
    response = client.post(url, meeting_form(side, agenda=" "))
    assert_visible(response.content, "A meeting needs at least one agenda item.")


def test_inviting_a_unit_twice_is_refused_visibly(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    url = reverse("coordination:invitation-add", args=[meeting.pk])
    response = client.post(url, {"unit": side.dinas.pk})
    assert_visible(response.content, "Dinas kesehatan is already invited.")


def test_removing_a_proposed_unit_without_a_reason_opens_the_form_with_the_provision(browse, world):
    side = world.bkt
    meeting = invited(side)
    hospital = meeting.invitations.get(unit__name="Rumah sakit")
    client = browse(side.users["secretariat_staff"])
    url = reverse("coordination:invitation-remove", args=[hospital.pk])
    response = client.post(url, {f"rm-{hospital.pk}-reason": ""}, HTTP_HX_REQUEST="true")
    assert_visible(response.content, f"{BKT} Pasal 9 huruf g")


def test_sending_with_nobody_invited_says_why(browse, world):
    side = world.bkt
    meeting = schedule(meeting_input(side, day=SOON, affairs=()), side.users["secretariat_staff"])
    client = browse(side.users["secretariat_staff"])
    response = client.post(reverse("coordination:invitations-send", args=[meeting.pk]), follow=True)
    assert_visible(response.content, "Invite at least one unit first.")


def test_a_representative_two_levels_below_is_refused_in_the_row(browse, world):
    side = world.bkt
    meeting = invited(side)
    invitation = meeting.invitations.get(unit=side.dinas)
    prefix = f"att-{invitation.pk}"
    data = {f"{prefix}-status": "represented", f"{prefix}-official": side.officials["level3"].pk}
    client = browse(side.users["secretariat_staff"])
    with during(meeting):
        response = client.post(
            reverse("coordination:attendance", args=[invitation.pk]), data, HTTP_HX_REQUEST="true"
        )
    assert_visible(response.content, f"{BKT} Pasal 9 huruf f")
    assert_visible(response.content, "level 3")


def test_the_attendance_form_offers_the_officials_one_level_below_by_name_and_post(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    with during(meeting):
        page = client.get(reverse("coordination:meeting", args=[meeting.pk])).content.decode()
    level2, level3 = side.officials["level2"], side.officials["level3"]
    invitation = meeting.invitations.get(unit=side.dinas)
    select = re.search(rf'<select name="att-{invitation.pk}-official".*?</select>', page, re.S)
    assert f"{level2.name} — Sekretaris Dinas kesehatan" in select.group(0)
    assert f'value="{level3.pk}"' not in select.group(0)  # two levels below: not offered
    assert_visible(page, f"represented by the official one level below ({BKT} Pasal 9 huruf f)")


def test_a_unit_with_nobody_on_record_says_so_and_asks_for_name_and_post(browse, world):
    side = world.bkt
    library = side.units["Dinas perpustakaan dan kearsipan"]
    meeting = invited(side)
    inv.add_invitation(meeting, library, side.users["secretariat_staff"])
    invitation = meeting.invitations.get(unit=library)
    client = browse(side.users["secretariat_staff"])
    prefix = f"att-{invitation.pk}"
    with during(meeting):
        page = client.get(reverse("coordination:meeting", args=[meeting.pk])).content.decode()
        assert_visible(page, "No officials of Dinas perpustakaan dan kearsipan are on record")
        data = {f"{prefix}-status": "represented", f"{prefix}-attendee_name": "Yusra"}
        row = client.post(
            reverse("coordination:attendance", args=[invitation.pk]), data, HTTP_HX_REQUEST="true"
        )
        assert_visible(row.content, "Write the post of Yusra.")
        assert 'value="Yusra"' in row.content.decode()
        data[f"{prefix}-attendee_post"] = "Sekretaris Dinas"
        row = client.post(
            reverse("coordination:attendance", args=[invitation.pk]), data, HTTP_HX_REQUEST="true"
        )
    assert_visible(row.content, "not verified")


def test_recording_attendance_before_the_meeting_starts_is_refused_visibly(browse, world):
    side = world.bkt
    meeting = invited(side)
    invitation = meeting.invitations.get(unit=side.dinas)
    client = browse(side.users["secretariat_staff"])
    page = client.get(reverse("coordination:meeting", args=[meeting.pk])).content.decode()
    assert_visible(page, "Attendance and minutes are recorded once the meeting has started")
    response = client.post(
        reverse("coordination:attendance", args=[invitation.pk]),
        {f"att-{invitation.pk}-status": "present"},
    )
    assert_visible(response.content, "recorded once the meeting has started")


def test_the_heads_answer_that_breaks_pasal_9_huruf_f_is_refused_visibly(browse, world):
    side = world.bkt
    meeting = invited(side)
    invitation = meeting.invitations.get(unit=side.dinas)
    client = browse(side.users["agency_head"])
    url = reverse("coordination:invitation-answer", args=[invitation.pk])
    response = client.post(url, {"answer-response": "unable", "answer-note": "Dinas luar"})
    assert_visible(response.content, f"{BKT} Pasal 9 huruf f")
    assert 'value="Dinas luar"' in response.content.decode()


def _minutes(side, **extra) -> dict:
    return {
        "minutes": "Rapat membahas fogging.",
        "minutes_taker": "Staf",
        "decision-1-text": "Fogging di kelurahan rawan",
        "decision-1-unit-1": side.dinas.pk,
        "decision-1-action-1": "Laksanakan fogging",
        **extra,
    }


def test_minutes_before_every_attendance_are_refused_visibly_and_keep_the_text(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    with during(meeting):
        response = client.post(
            reverse("coordination:minutes", args=[meeting.pk]),
            _minutes(side),
            HTTP_HX_REQUEST="true",
        )
    assert_visible(response.content, "Record the attendance of every invited unit first")
    assert_visible(response.content, "Rapat membahas fogging.")


def test_attaching_a_file_to_the_minutes_keeps_what_was_typed(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    url = reverse("coordination:minutes", args=[meeting.pk])
    with during(meeting):
        bad = SimpleUploadedFile("daftar-hadir.pdf", b"<html>bukan pdf</html>")
        response = client.post(url, {**_minutes(side), "add": "file", "file": bad})
        assert_visible(response.content, "not a PDF")
        assert_visible(response.content, "Rapat membahas fogging.")
        assert 'value="Laksanakan fogging"' in response.content.decode()
        good = SimpleUploadedFile("daftar-hadir.pdf", pdf_bytes())
        response = client.post(
            url, {**_minutes(side), "add": "file", "file": good}, HTTP_HX_REQUEST="true"
        )
    assert_visible(response.content, "daftar-hadir.pdf is attached")
    assert_visible(response.content, "Fogging di kelurahan rawan")
    assert meeting.documents.count() == 1 and not meeting.decisions.exists()


def test_cancelling_without_a_reason_opens_the_form_with_the_message(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    response = client.post(reverse("coordination:meeting-cancel", args=[meeting.pk]), {})
    assert_visible(response.content, "Say why the meeting is cancelled.")


# --- Follow-ups -------------------------------------------------------------------------------


def test_marking_done_without_a_report_is_refused_visibly(browse, world):
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side, day=D(2025, 3, 5))
    fu.transition(follow_up, "in_progress", side.users["agency_head"])
    client = browse(side.users["agency_head"])
    url = reverse("coordination:follow-up-report", args=[follow_up.pk])
    response = client.post(url, {"report": "  ", "action": "done"})
    assert_visible(response.content, "Write the follow-up report before marking it done")


def test_returning_a_report_without_a_note_is_refused_visibly(browse, world):
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side, day=D(2025, 3, 5))
    head = side.users["agency_head"]
    fu.transition(follow_up, "in_progress", head)
    fu.transition(follow_up, "done", head, report="Selesai")
    client = browse(side.users["sekda"])
    url = reverse("coordination:follow-up-status", args=[follow_up.pk])
    response = client.post(url, {"to": "in_progress", "note": ""})
    assert_visible(response.content, "Say why the report is returned.")


def test_a_bad_evidence_file_is_refused_visibly(browse, world):
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side, day=D(2025, 3, 5))
    client = browse(side.users["agency_head"])
    url = reverse("coordination:follow-up-report", args=[follow_up.pk])
    upload = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00")
    response = client.post(url, {"action": "attach", "file": upload})
    assert response.status_code == 200
    assert_visible(response.content, "not a PDF")


def test_attaching_evidence_to_a_follow_up_report_keeps_what_was_typed(browse, world):
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side, day=D(2025, 3, 5))
    client = browse(side.users["agency_head"])
    url = reverse("coordination:follow-up-report", args=[follow_up.pk])
    # An empty required input would stop the browser from sending Save draft or Mark done.
    page = client.get(reverse("coordination:follow-up", args=[follow_up.pk])).content.decode()
    (file_input,) = re.findall(r"<input[^>]*type=\"file\"[^>]*>", page)
    assert " required" not in file_input
    typed = "Fogging dilaksanakan di tiga kelurahan."
    bad = SimpleUploadedFile("bukti.pdf", b"<html>bukan pdf</html>")
    response = client.post(url, {"report": typed, "action": "attach", "file": bad})
    assert_visible(response.content, "not a PDF")
    assert_visible(response.content, typed)
    good = SimpleUploadedFile("bukti.pdf", pdf_bytes())
    response = client.post(url, {"report": typed, "action": "attach", "file": good}, follow=True)
    assert_visible(response.content, "The draft is saved and the file is added.")
    assert_visible(response.content, typed)
    assert_visible(response.content, "bukti.pdf")
    follow_up.refresh_from_db()
    assert follow_up.report == typed and follow_up.evidence.count() == 1


# --- Oversight --------------------------------------------------------------------------------


def test_an_urgent_decision_without_the_statement_is_refused_visibly(browse, world):
    side = world.bkt
    client = browse(side.users["agency_head"])
    data = {
        "decided_on": region_today(side.region).isoformat(),
        "subject": "Wabah diare",
        "decision": "Menutup kantin sekolah",
        "urgency": "",
    }
    response = client.post(reverse("coordination:urgent"), data)
    assert_visible(response.content, "Write why it could not wait.")
    assert_visible(response.content, "Menutup kantin sekolah")


def test_a_takeover_that_ends_before_it_starts_is_refused_visibly(browse, world):
    side = world.kukar
    client = browse(side.users["sekda"])
    today = region_today(side.region)
    data = {
        "unit": side.dinas.pk,
        "taken_by": side.setda.pk,
        "start": today.isoformat(),
        "end": (today - datetime.timedelta(days=3)).isoformat(),
        "reason": "Kejadian luar biasa",
    }
    response = client.post(reverse("coordination:takeovers"), data)
    assert_visible(response.content, "The period ends after it starts.")


# --- Written reports ----------------------------------------------------------------------------


def _bengkulu_draft(side) -> Report:
    obligation = next(
        o
        for o in ob.sync_obligations(side.region, D(2026, 6, 1))
        if o.source.endswith("Pasal 12 angka 5")
    )
    today = region_today(side.region)
    ob.ensure_periods(obligation, today, today)
    period = ob.current_period(obligation, today)
    return rp.start_report(obligation, period, side.dinas, side.users["agency_head"])


def test_submitting_an_empty_report_names_what_is_missing(browse, world):
    side = world.bkl
    report = _bengkulu_draft(side)
    client = browse(side.users["agency_head"])
    url = reverse("coordination:report", args=[report.pk])
    response = client.post(url, {"summary": "Ringkasan saja", "action": "submit"})
    assert_visible(response.content, "Ringkasan saja")
    assert "errorlist" in response.content.decode()


def test_attaching_a_file_to_a_report_keeps_what_was_typed(browse, world):
    side = world.bkl
    report = _bengkulu_draft(side)
    client = browse(side.users["agency_head"])
    url = reverse("coordination:report", args=[report.pk])
    typed = {"summary": "Capaian imunisasi 95 persen", "problems": "Vaksin terlambat"}
    bad = SimpleUploadedFile("capaian.pdf", b"<html>bukan pdf</html>")
    response = client.post(url, {**typed, "action": "attach", "file": bad})
    assert_visible(response.content, "not a PDF")
    assert_visible(response.content, "Capaian imunisasi 95 persen")
    good = SimpleUploadedFile("capaian.pdf", pdf_bytes())
    response = client.post(url, {**typed, "action": "attach", "file": good})
    assert_visible(response.content, "capaian.pdf is attached")
    assert_visible(response.content, "Vaksin terlambat")
    report.refresh_from_db()
    assert report.summary == "Capaian imunisasi 95 persen"  # saved as the draft too
    assert report.attachments.count() == 1


def test_returning_a_written_report_without_a_note_is_refused_visibly(browse, world):
    side = world.bkl
    report = _bengkulu_draft(side)
    head = side.users["agency_head"]
    rp.save_draft(
        report, rp.ReportInput(summary="S", achievements="A", problems="P", plans="R"), head
    )
    rp.submit(report, head)
    client = browse(side.users["asisten"])
    response = client.post(reverse("coordination:report-return", args=[report.pk]), {"note": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_a_bad_password_is_said_on_the_login_page(db):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("login"), {"username": "nobody", "password": "salah"})
    assert_visible(response.content, "Please enter a correct username and password.")


# Kept here so that an unused import does not hide a missing helper.
_ = (at, before, clock_at)
