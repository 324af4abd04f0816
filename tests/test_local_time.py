"""A 09:00 meeting in Kutai Kartanegara (WITA, Asia/Makassar) reads 09.00 WITA everywhere: in
the undangan and notulen PDFs, the .ics, the API's JSON and the pages, whatever the server's
TIME_ZONE (Asia/Jakarta by default) and whoever reads it (a user of the region, a superadmin,
a reader in another zone). Issue 10, "Local time"; DOMAIN.md rule 17."""

from __future__ import annotations

import datetime
import io
import re
import zoneinfo

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from pypdf import PdfReader
from rest_framework.test import APIClient

from coordination.follow_ups import documents as follow_ups_documents
from coordination.follow_ups.models import FollowUp
from coordination.follow_ups.services import transition
from coordination.follow_ups.tests.helpers import held_meeting, meeting_input, schedule
from coordination.meetings import documents
from coordination.meetings import invitations as inv
from coordination.meetings import scheduling as svc
from coordination.meetings.models import Invitation, Meeting
from coordination.reports import documents as report_documents
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import Report
from orgchart.templatetags.regional import local_clock

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NINE_WITA = datetime.datetime(2026, 6, 3, 9, 0, tzinfo=WITA)  # a Wednesday, a working day


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # table cells wrap: compare words, not line breaks


@pytest.fixture
def invited(world):
    """The Kutai Kartanegara meeting of Wednesday 3 June 2026, 09.00–11.00 WITA, invitations
    sent; read while the server's clock is Asia/Jakarta (WIB), as it is by default."""
    side = world.kukar
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    with TestCase.captureOnCommitCallbacks(execute=True):
        inv.send_invitations(meeting, staff)
    meeting.refresh_from_db()
    assert meeting.starts_at == NINE_WITA
    return meeting


@pytest.fixture
def server_in_jakarta(settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    with timezone.override(WIB):
        yield


def test_the_clock_filter_gives_the_time_alone_for_a_span():
    with translation.override("id"):
        assert local_clock(NINE_WITA, "Asia/Makassar") == "09.00"
        assert local_clock(NINE_WITA, "Asia/Jakarta") == "08.00"
    with translation.override("en"):
        assert local_clock(NINE_WITA, "Asia/Makassar") == "09:00"


# --- PDFs -------------------------------------------------------------------------------------


def test_the_undangan_reads_09_00_wita_in_indonesian_for_any_reader(invited, server_in_jakarta):
    with translation.override("en"):  # the reader's language: the undangan stays Indonesian
        text = pdf_text(documents.invitation_pdf(invited))
    assert "Rabu, 3 Juni 2026" in text
    assert "09.00 – 11.00 WITA" in text
    assert "08.00" not in text and "WIB" not in text


def test_the_notulen_reads_the_meeting_time_in_wita(world, server_in_jakarta):
    meeting, _follow_ups = held_meeting(world.kukar)  # attendance and minutes via the services
    text = pdf_text(follow_ups_documents.minutes_pdf(meeting))
    assert "Rabu, 3 Juni 2026, pukul 09.00 – 11.00 WITA" in text
    assert "08.00" not in text.replace(_printed_stamp(text), "") and "WIB" not in text
    # The printed-at stamp is on the region's clock too.
    assert re.search(r"Dicetak \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA\.", text), text


def _printed_stamp(text: str) -> str:
    found = re.search(r"Dicetak [^.]*\.\d{2} WI\w*\.", text)
    return found.group(0) if found else ""


def test_the_report_pdf_shows_its_times_on_the_regions_clock(world, settings):
    """Bengkulu (WIB) read on a server whose TIME_ZONE is UTC: still 09.00 WIB."""
    settings.TIME_ZONE = "UTC"
    side = world.bkl
    head = side.users["agency_head"]
    obligation = next(
        o
        for o in ob.sync_obligations(side.region, datetime.date(2026, 6, 1))
        if o.source.endswith("Pasal 12 angka 5")
    )
    ob.ensure_periods(obligation, datetime.date(2026, 4, 1), datetime.date(2026, 4, 1))
    period = obligation.periods.get(start=datetime.date(2026, 4, 1))
    report = rp.start_report(obligation, period, side.dinas, head)
    content = rp.ReportInput(summary="R", achievements="C", problems="K", plans="P")
    rp.save_draft(report, content, head)
    rp.submit(report, head)
    nine = datetime.datetime(2026, 7, 6, 9, 0, tzinfo=WIB)
    Report.objects.filter(pk=report.pk).update(submitted_at=nine)
    report.steps.update(at=nine)
    report.refresh_from_db()
    with timezone.override(datetime.UTC):
        text = pdf_text(report_documents.report_pdf(report))
    assert "disampaikan 6 Juli 2026 09.00 WIB" in text
    assert "6 Juli 2026 09.00 WIB" in text.split("Alur laporan", 1)[1]  # the routing step
    assert "02.00" not in text


# --- The .ics ---------------------------------------------------------------------------------


def _event(meeting: Meeting):
    calendar = Calendar.from_ical(documents.invitation_ics(meeting))
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_the_ics_holds_the_wita_time_the_people_and_the_status(invited, world, server_in_jakarta):
    side = world.kukar
    calendar, event = _event(invited)
    assert str(calendar["method"]) == "REQUEST"
    assert event["dtstart"].params["TZID"] == "Asia/Makassar"
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, start.tzinfo.key) == (9, 0, "Asia/Makassar")
    assert event.decoded("dtend").hour == 11
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Asia/Makassar"
    assert vtimezone.walk("STANDARD")[0]["tzname"] == "WITA"
    assert str(event["status"]) == "CONFIRMED"
    organizer = event["organizer"]
    assert str(organizer) == "mailto:kukar_sekda@example.go.id"
    assert organizer.params["CN"] == "Sekretaris Daerah Kabupaten Kutai Kartanegara"
    attendees = {a.params["CN"]: a for a in _attendees(event)}
    active = invited.invitations.filter(removed_at__isnull=True)
    assert set(attendees) == {row.unit.name for row in active}
    dinas = attendees[side.dinas.name]
    assert str(dinas) == "mailto:kukar_kadis@example.go.id"
    assert dinas.params["ROLE"] == "REQ-PARTICIPANT"
    assert {a.params["PARTSTAT"] for a in attendees.values()} == {"NEEDS-ACTION"}
    description = str(event["description"])
    assert "Rabu, 3 Juni 2026" in description and "09.00 – 11.00 WITA" in description


def _attendees(event) -> list:
    found = event.get("attendee", [])
    return found if isinstance(found, list) else [found]


def test_the_ics_follows_the_answers_and_the_cancellation(invited, world, server_in_jakarta):
    side = world.kukar
    Invitation.objects.filter(meeting=invited, unit=side.dinas).update(response="unable")
    Invitation.objects.filter(meeting=invited, unit=side.asisten).update(response="represented")
    _calendar, event = _event(invited)
    partstat = {a.params["CN"]: a.params["PARTSTAT"] for a in _attendees(event)}
    assert partstat[side.dinas.name] == "DECLINED"
    assert partstat[side.asisten.name] == "ACCEPTED"
    sequence = int(event["sequence"])
    cancelled = svc.cancel_meeting(invited, side.users["secretariat_staff"], "Bupati berhalangan")
    calendar, event = _event(cancelled)
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) > sequence
    assert str(event["uid"]) == f"meeting-{invited.pk}@portal.local"


def test_a_draft_is_tentative(world):
    side = world.kukar
    draft = schedule(meeting_input(side), side.users["secretariat_staff"])
    assert str(_event(draft)[1]["status"]) == "TENTATIVE"


# --- The API ----------------------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("server_zone", ["Asia/Jakarta", "UTC"])
@pytest.mark.parametrize("who", ["sekda", "superadmin"])
def test_the_api_writes_the_regions_own_offset(world, settings, server_zone, who):
    settings.TIME_ZONE = server_zone
    side = world.kukar
    meeting, (follow_up,) = held_meeting(side)
    sent = datetime.datetime(2026, 5, 27, 14, 5, tzinfo=WITA)
    meeting.invitations.update(sent_at=sent)
    transition(follow_up, "in_progress", side.users["agency_head"])
    transition(follow_up, "done", side.users["agency_head"], report="Fogging selesai.")
    done = datetime.datetime(2026, 6, 4, 9, 30, tzinfo=WITA)
    FollowUp.objects.filter(pk=follow_up.pk).update(done_at=done)
    follow_up.transitions.update(at=done)
    client = api(world.superadmin if who == "superadmin" else side.users["sekda"])
    body = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert body["starts_at"] == "2026-06-03T09:00:00+08:00"
    assert body["ends_at"] == "2026-06-03T11:00:00+08:00"
    assert {row["sent_at"] for row in body["invitations"]} == {"2026-05-27T14:05:00+08:00"}
    assert all(row["attendance"]["recorded_at"].endswith("+08:00") for row in body["invitations"])
    assert body["minutes"]["recorded_at"].endswith("+08:00")
    assert body["created_at"].endswith("+08:00")
    detail = client.get(f"/api/v1/follow-ups/{follow_up.pk}/").json()
    assert detail["done_at"] == "2026-06-04T09:30:00+08:00"
    assert {row["at"] for row in detail["transitions"]} == {"2026-06-04T09:30:00+08:00"}
    (row,) = client.get(f"/api/v1/follow-ups/?meeting={meeting.pk}").json()["results"]
    assert row["done_at"] == "2026-06-04T09:30:00+08:00"


def test_a_superadmins_list_gives_each_region_its_own_offset_and_calendar(world, settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    schedule(meeting_input(world.bkt), world.bkt.users["secretariat_staff"])
    early = datetime.datetime(2026, 6, 3, 0, 30, tzinfo=WITA)  # 2 June 23.30 in WIB
    schedule(
        meeting_input(world.kukar, starts_at=early, ends_at=early + datetime.timedelta(hours=1)),
        world.kukar.users["secretariat_staff"],
    )
    client = api(world.superadmin)
    rows = client.get("/api/v1/meetings/").json()["results"]
    starts = {row["region"]: row["starts_at"] for row in rows}
    assert starts == {"13.75": "2026-06-03T09:00:00+07:00", "64.02": "2026-06-03T00:30:00+08:00"}
    # "from"/"to" are days of each meeting's own region: 3 June in Tenggarong, too.
    rows = client.get("/api/v1/meetings/?from=2026-06-03&to=2026-06-03").json()["results"]
    assert {row["region"] for row in rows} == {"13.75", "64.02"}
    rows = client.get("/api/v1/meetings/?to=2026-06-02").json()["results"]
    assert rows == []


# --- Pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["sekda", "superadmin"])
def test_the_meeting_page_reads_09_00_wita_in_indonesian(client, invited, world, who):
    client.force_login(world.superadmin if who == "superadmin" else world.kukar.users["sekda"])
    client.cookies["django_language"] = "id"
    page = client.get(reverse("coordination:meeting", args=[invited.pk])).content.decode()
    assert "Rabu, 3 Juni 2026, 09.00 – 11.00 WITA" in page
    # When the undangan went out, on the same clock.
    row = page.split(f'id="invitation-{invited.invitations.first().pk}"', 1)[1].split("</tr>")[0]
    assert re.search(r"\d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA", row), row
    listing = client.get(reverse("coordination:meetings")).content.decode()
    assert "3 Juni 2026 09.00 WITA" in listing
