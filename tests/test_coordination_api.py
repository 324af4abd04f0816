"""The coordination API end to end: meetings against the region's rules, minutes and their
follow-ups with deadlines, the follow-up lifecycle, evidence, documents, urgent decisions,
take-overs, days off, the dashboard, token authentication, list query counts and the schema."""

from __future__ import annotations

import base64
import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from coordination.core.models import RegionalDayOff
from coordination.follow_ups.models import Evidence, FollowUp
from coordination.follow_ups.services import transition
from coordination.follow_ups.tests.helpers import before, held_meeting, meeting_input, schedule
from coordination.meetings import attendance as att
from coordination.meetings import invitations as inv
from coordination.meetings.models import Meeting
from tests.factories import UserFactory

D = datetime.date
BKT = "Perwal Bukittinggi 4/2017"
KUKAR = "Perbup Kutai Kartanegara 4/2018"


def client_for(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def text_of(body) -> str:
    """Every message of an error body, as one string."""
    if isinstance(body, dict):
        return " ".join(text_of(value) for value in body.values())
    if isinstance(body, list):
        return " ".join(text_of(value) for value in body)
    return str(body)


def meeting_body(side, **overrides) -> dict:
    body = {
        "title": "Rapat koordinasi penanganan demam berdarah",
        "convener": side.setda.pk,
        "scope": "general",
        "form": "hierarki",
        "starts_at": "2026-06-03T09:00:00",
        "ends_at": "2026-06-03T11:00:00",
        "place": "Ruang rapat Sekretariat Daerah",
        "affairs": ["1.02"],
        "agenda": ["Laporan situasi", "Langkah penanganan"],
    }
    body.update(overrides)
    return body


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def stored_files(root) -> set[Path]:
    root = Path(root)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def invited(side):
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    inv.send_invitations(meeting, staff)
    return meeting


# --- Meetings ---------------------------------------------------------------------------------


def test_the_secretariat_schedules_a_meeting_and_the_sources_cite_the_provisions(world):
    side = world.bkt
    with before(D(2026, 6, 3), side.region):
        response = client_for(side.users["secretariat_staff"]).post(
            "/api/v1/meetings/", meeting_body(side), format="json"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["region"] == "13.75" and body["status"] == "draft"
    assert body["sources"]["convener"] == f"{BKT} Pasal 9 huruf c"
    assert body["starts_at"] == "2026-06-03T09:00:00+07:00"  # read in the region's zone (WIB)
    assert body["affairs"] == ["1.02"]
    assert body["agenda"] == ["Laporan situasi", "Langkah penanganan"]
    invited_units = {row["unit"]["name"]: row for row in body["invitations"]}
    assert invited_units["Dinas kesehatan"]["proposed"]
    assert f"{BKT} Pasal 9 huruf g" in invited_units["Dinas kesehatan"]["reason"]
    assert body["documents"]["invitation_pdf"].endswith(
        f"/api/v1/meetings/{body['id']}/documents/invitation.pdf/"
    )
    # A proposed agency sees nothing of a draft; once the undangan went out it sees the
    # meeting, its invitees and (later) the minutes whose follow-ups it must carry out.
    agency = client_for(side.users["agency_head"])
    assert agency.get(f"/api/v1/meetings/{body['id']}/").status_code == 404
    secretariat = client_for(side.users["secretariat_staff"])
    sent = secretariat.post(f"/api/v1/meetings/{body['id']}/send-invitations/", {}, format="json")
    assert sent.status_code == 200, sent.content
    seen = agency.get(f"/api/v1/meetings/{body['id']}/").json()
    assert seen["title"] == body["title"]
    assert {row["unit"]["name"] for row in seen["invitations"]} == set(invited_units)


def test_an_asisten_convening_general_matters_is_refused_citing_pasal_9_huruf_c(world):
    side = world.bkt
    response = client_for(side.users["secretariat_staff"]).post(
        "/api/v1/meetings/", meeting_body(side, convener=side.asisten.pk), format="json"
    )
    assert response.status_code == 400
    assert f"{BKT} Pasal 9 huruf c" in " ".join(response.json()["convener"])
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"convener": 999999}, "convener", "No unit with id 999999."),
        ({"convener": "Sekda"}, "convener", "as a number"),
        ({"affairs": ["9.99"]}, "affairs", "Unknown urusan code “9.99”."),
        ({"starts_at": "tomorrow morning"}, "starts_at", "Datetime has wrong format"),
        ({"scope": "secret"}, "scope", "is not a valid choice"),
        ({"agenda": "Laporan"}, "agenda", "Expected a list"),
        ({"region": "99.99"}, "region", "Unknown region code “99.99”."),
        ({"region": 13.75}, "region", "as text"),
        ({"agenda": []}, "agenda", "at least one agenda item"),
        ({"ends_at": "2026-06-03T08:00:00"}, "ends_at", "ends after it starts"),
    ],
)
def test_bad_meeting_input_is_a_400_that_names_the_field(world, overrides, field, message):
    side = world.bkt
    response = client_for(side.users["secretariat_staff"]).post(
        "/api/v1/meetings/", meeting_body(side, **overrides), format="json"
    )
    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()[field])


def test_a_unit_of_another_region_is_a_400_and_another_region_a_403(world):
    side = world.bkt
    client = client_for(side.users["secretariat_staff"])
    response = client.post(
        "/api/v1/meetings/", meeting_body(side, convener=world.kukar.setda.pk), format="json"
    )
    assert response.status_code == 400
    assert "is a unit of Kutai Kartanegara, not of Bukittinggi" in response.json()["convener"][0]
    response = client.post(
        "/api/v1/meetings/",
        meeting_body(world.kukar, region="64.02"),
        format="json",
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_patch_changes_only_what_is_sent_and_put_keeps_the_region(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    client = client_for(staff)
    response = client.patch(
        f"/api/v1/meetings/{meeting.pk}/", {"title": "Rapat (diubah)"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Rapat (diubah)"
    assert response.json()["agenda"] == ["Laporan situasi", "Langkah penanganan"]
    response = client.put(
        f"/api/v1/meetings/{meeting.pk}/", meeting_body(side, region="64.02"), format="json"
    )
    assert response.status_code == 400
    assert "stays in its region" in text_of(response.json())
    response = client.patch(f"/api/v1/meetings/{meeting.pk}/", ["title"], format="json")
    assert response.status_code == 400


def test_invitations_are_added_removed_with_reasons_and_sent(world):
    side = world.bkt
    meeting = schedule(meeting_input(side), side.users["secretariat_staff"])
    client = client_for(side.users["secretariat_staff"])
    url = f"/api/v1/meetings/{meeting.pk}"
    response = client.post(f"{url}/invitations/", {"unit": world.kukar.dinas.pk}, format="json")
    assert response.status_code == 400
    assert "Only units of the meeting's region" in response.json()["unit"][0]
    response = client.post(
        f"{url}/invitations/", {"unit": side.vertical.pk, "reason": "Keamanan"}, format="json"
    )
    assert response.status_code == 201 and response.json()["reason"] == "Keamanan"
    added = response.json()["id"]
    response = client.post(f"{url}/invitations/{added}/remove/", {}, format="json")
    assert response.status_code == 204  # added by staff, never sent: simply withdrawn
    hospital = meeting.invitations.get(unit__name="Rumah sakit")
    response = client.post(f"{url}/invitations/{hospital.pk}/remove/", {}, format="json")
    assert response.status_code == 400
    assert f"{BKT} Pasal 9 huruf g" in response.json()["reason"][0]
    other = invited(world.kukar).invitations.first()
    response = client.post(f"{url}/invitations/{other.pk}/remove/", {"reason": "x"}, format="json")
    assert response.status_code == 404
    response = client.post(
        f"{url}/invitations/{hospital.pk}/remove/", {"reason": "Rapat teknis"}, format="json"
    )
    assert response.status_code == 200 and response.json()["active"] is False
    response = client.post(f"{url}/send-invitations/", format="json")
    assert response.status_code == 200 and response.json()["sent"] == 3
    assert response.json()["meeting"]["status"] == "invited"


def test_a_cancelled_meeting_refuses_changes_with_a_non_field_error(world):
    side = world.bkt
    meeting = schedule(meeting_input(side), side.users["secretariat_staff"])
    client = client_for(side.users["secretariat_staff"])
    response = client.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {}, format="json")
    assert response.status_code == 400 and "Say why" in response.json()["reason"][0]
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "Banjir"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    response = client.post(f"/api/v1/meetings/{meeting.pk}/send-invitations/", format="json")
    assert response.status_code == 400
    assert "cancelled sends no invitations" in response.json()["non_field_errors"][0]


def test_a_wrong_representative_is_refused_citing_pasal_9_huruf_f(world):
    side = world.bkt
    meeting = invited(side)
    invitation = meeting.invitations.get(unit=side.dinas)
    client = client_for(side.users["secretariat_staff"])
    url = f"/api/v1/meetings/{meeting.pk}/attendance/"
    response = client.post(
        url,
        {
            "invitation": invitation.pk,
            "status": "represented",
            "official": side.officials["level3"].pk,
        },
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["official"][0]
    assert f"{BKT} Pasal 9 huruf f" in message and "level 3" in message
    foreign = world.kukar.officials["level2"].pk
    response = client.post(
        url,
        {"invitation": invitation.pk, "status": "represented", "official": foreign},
        format="json",
    )
    assert response.status_code == 400
    assert "of the meeting's region" in response.json()["official"][0]
    other_invitation = invited(world.kukar).invitations.first()
    response = client.post(
        url, {"invitation": other_invitation.pk, "status": "present"}, format="json"
    )
    assert response.status_code == 400
    assert "has no invitation with id" in response.json()["invitation"][0]
    response = client.post(
        url,
        {
            "invitation": invitation.pk,
            "status": "represented",
            "official": side.officials["level2"].pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    attendance = response.json()["attendance"]
    assert attendance["status"] == "represented" and attendance["position"]["level"] == 2
    assert "nip" not in str(attendance).lower()


def test_minutes_give_follow_ups_due_in_two_working_days_in_kutai_kartanegara(world):
    side = world.kukar
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=D(2026, 3, 18)), staff)
    inv.send_invitations(meeting, staff)
    client = client_for(staff)
    body = {
        "minutes": "Rapat membahas vaksinasi.",
        "minutes_taker": "Kasubbag Rapat",
        "decisions": [
            {
                "text": "Percepat vaksinasi",
                "follow_ups": [{"unit": side.dinas.pk, "action": "Siapkan vaksin"}],
            }
        ],
    }
    response = client.post(f"/api/v1/meetings/{meeting.pk}/minutes/", body, format="json")
    assert response.status_code == 400
    assert "attendance of every invited unit" in response.json()["non_field_errors"][0]
    for invitation in meeting.invitations.all():
        name = "" if invitation.unit_id == side.dinas.pk else "Pejabat (uji)"
        att.record_attendance(
            invitation,
            att.AttendanceInput(status="present", attendee_name=name, attendee_post="Pejabat"),
            staff,
        )
    response = client.post(f"/api/v1/meetings/{meeting.pk}/minutes/", body, format="json")
    assert response.status_code == 201, response.content
    (item,) = response.json()
    assert item["due_date"] == "2026-03-26"  # Nyepi and its cuti bersama are not working days
    assert item["due_working_days"] == 2
    assert item["due_source"] == f"{KUKAR} Pasal 13 ayat (5)"
    assert item["due_display"] == f"{KUKAR} Pasal 13 ayat (5)"
    assert item["status"] == "open" and item["unit"]["id"] == side.dinas.pk
    detail = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert detail["status"] == "held" and detail["minutes"]["taker"] == "Kasubbag Rapat"
    assert detail["decisions"][0]["follow_ups"][0]["action"] == "Siapkan vaksin"
    bad = {"minutes": "x", "decisions": [{"text": "y", "follow_ups": [{"unit": 999999}]}]}
    response = client.post(f"/api/v1/meetings/{meeting.pk}/minutes/", bad, format="json")
    assert response.status_code == 400
    errors = response.json()["decisions"]["0"]["follow_ups"]["0"]  # by position
    assert "No unit with id 999999." in errors["unit"] and "required" in errors["action"][0]


def test_a_region_without_a_deadline_says_so(world):
    side = world.bkt
    _meeting, (item,) = held_meeting(side)
    body = client_for(side.users["sekda"]).get(f"/api/v1/follow-ups/{item.pk}/").json()
    assert body["due_source"] == ""
    assert body["due_display"].startswith("no legal deadline")
    assert "Sekretaris Daerah → Walikota" in body["report_route"]
    assert f"{BKT} Pasal 16 ayat (2)" in body["report_route"]


# --- Follow-ups -------------------------------------------------------------------------------


def test_the_agency_head_moves_the_follow_up_and_the_sekda_receives_it(world):
    side = world.kukar
    _meeting, (item,) = held_meeting(side, day=D(2026, 3, 18))
    url = f"/api/v1/follow-ups/{item.pk}"
    head = client_for(side.users["agency_head"])
    response = head.post(f"{url}/transition/", {"to": "in_progress"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    response = head.post(f"{url}/transition/", {"to": "done"}, format="json")
    assert response.status_code == 400
    assert f"{KUKAR} Pasal 13 ayat (4)" in response.json()["report"][0]
    response = head.post(f"{url}/transition/", {"to": "finished"}, format="json")
    assert response.status_code == 400 and "to" in response.json()
    assert client_for(side.users["agency_head_other"]).get(f"{url}/").status_code == 404
    response = client_for(side.users["agency_head_other"]).post(
        f"{url}/transition/", {"to": "done", "report": "x"}, format="json"
    )
    assert response.status_code == 404
    response = client_for(side.users["agency_staff"]).post(
        f"{url}/transition/", {"to": "done", "report": "x"}, format="json"
    )
    assert response.status_code == 403
    assert head.post(f"{url}/report/", {"report": "Draf laporan"}, format="json").status_code == 200
    response = head.post(
        f"{url}/transition/", {"to": "done", "report": "Vaksin disiapkan."}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "done" and body["report"] == "Vaksin disiapkan."
    assert [(t["actor"], t["from_status"], t["to_status"]) for t in body["transitions"]] == [
        ("kukar_kadis", "open", "in_progress"),
        ("kukar_kadis", "in_progress", "done"),
    ]
    assert all(t["at"] for t in body["transitions"])
    assert head.post(f"{url}/receive/", format="json").status_code == 403
    sekda = client_for(side.users["sekda"])
    response = sekda.post(f"{url}/receive/", format="json")
    assert response.status_code == 200
    assert response.json()["sekda_received_by"] == "kukar_sekda"
    response = sekda.post(f"{url}/receive/", format="json")
    assert response.status_code == 400 and "already received" in text_of(response.json())
    response = sekda.post(f"{url}/transition/", {"to": "in_progress"}, format="json")
    assert (
        response.status_code == 400 and "why the report is returned" in response.json()["note"][0]
    )
    response = sekda.post(
        f"{url}/transition/",
        {"to": "in_progress", "note": "Ubah", "report": "Versi Sekda"},
        format="json",
    )
    assert response.status_code == 403  # the report stays the unit's own words
    response = sekda.post(
        f"{url}/transition/", {"to": "in_progress", "note": "Lampirkan data"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["transitions"][-1]["note"] == "Lampirkan data"


def test_follow_up_filters_are_checked(world):
    side = world.bkt
    held_meeting(side, day=D(2025, 6, 4))
    client = client_for(side.users["sekda"])
    rows = client.get("/api/v1/follow-ups/?overdue=true").json()["results"]
    assert len(rows) == 1 and rows[0]["overdue"] is True  # due in June 2025, long past
    assert client.get("/api/v1/follow-ups/?overdue=false").json()["results"] == []
    assert client.get("/api/v1/follow-ups/?status=done").json()["results"] == []
    assert client.get(f"/api/v1/follow-ups/?unit={side.other_dinas.pk}").json()["results"] == []
    for query, message in (
        ("status=late", "status must be one of open, in_progress, done"),
        ("overdue=maybe", "overdue must be true or false"),
        ("unit=dinas", "unit must be a numeric id"),
        ("unit=999999", "No unit with id 999999 among those you may see."),
        ("region=99.99", "Unknown region code"),
    ):
        response = client.get(f"/api/v1/follow-ups/?{query}")
        assert response.status_code == 400 and message in response.json()["detail"], query
    # Another region's meeting answers as one that does not exist: nothing leaks.
    theirs = schedule(meeting_input(world.kukar), world.kukar.users["secretariat_staff"])
    for meeting_id in (theirs.pk, 999999):
        response = client.get(f"/api/v1/follow-ups/?meeting={meeting_id}")
        assert response.json() == {
            "detail": f"No meeting with id {meeting_id} among those you may see."
        }
    response = client.get("/api/v1/meetings/?from=2026-13-01")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.json()["detail"]
    response = client.get("/api/v1/meetings/?from=2025-06-05&to=2025-06-01")
    assert response.status_code == 400
    assert len(client.get("/api/v1/meetings/?from=2025-06-04&to=2025-06-04").json()["results"])
    assert client.get("/api/v1/meetings/?from=2025-06-05").json()["results"] == []


# --- Evidence and documents -------------------------------------------------------------------


def test_a_disguised_file_is_refused_and_nothing_is_stored(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (item,) = held_meeting(side)
    head = client_for(side.users["agency_head"])
    html = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>")
    response = head.post(f"/api/v1/follow-ups/{item.pk}/evidence/", {"file": html})
    assert response.status_code == 400
    assert "not a PDF" in response.json()["file"][0]
    assert stored_files(settings.MEDIA_ROOT) == set()
    assert not Evidence.objects.exists()
    response = head.post(f"/api/v1/follow-ups/{item.pk}/evidence/", {}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()


def test_good_evidence_is_stored_and_served_only_to_those_who_see_the_follow_up(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (item,) = held_meeting(side)
    content = pdf_bytes()
    response = client_for(side.users["agency_head"]).post(
        f"/api/v1/follow-ups/{item.pk}/evidence/",
        {"file": SimpleUploadedFile("Bukti fogging.pdf", content)},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    stored = Evidence.objects.get().file.name
    assert body["name"] == "Bukti fogging.pdf" and body["size"] == len(content)
    assert stored not in response.content.decode() and "file" not in body
    assert body["download"].endswith(f"/evidence/{body['id']}/download/")
    for role in ("sekda", "asisten", "agency_staff", "secretariat_staff"):
        response = client_for(side.users[role]).get(body["download"])
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert "Bukti fogging.pdf" in response["Content-Disposition"]
    for user in (side.users["agency_head_other"], world.kukar.users["sekda"]):
        assert client_for(user).get(body["download"]).status_code == 404
    assert client_for().get(body["download"]).status_code == 401
    listed = client_for(side.users["sekda"]).get(f"/api/v1/follow-ups/{item.pk}/evidence/")
    assert [row["id"] for row in listed.json()] == [body["id"]]
    url = f"/api/v1/follow-ups/{item.pk}/evidence/999999/download/"
    assert client_for(side.users["sekda"]).get(url).status_code == 404


def test_meeting_documents_have_their_content_types_and_file_names(world):
    side = world.bkt
    meeting, _items = held_meeting(side)
    client = client_for(side.users["sekda"])
    base = f"/api/v1/meetings/{meeting.pk}/documents"
    pdf = client.get(f"{base}/invitation.pdf/", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f'filename="undangan-rapat-{meeting.pk}.pdf"' in pdf["Content-Disposition"]
    ics = client.get(f"{base}/invitation.ics/")
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content
    assert f'filename="undangan-rapat-{meeting.pk}.ics"' in ics["Content-Disposition"]
    minutes = client.get(f"{base}/minutes.pdf/")
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF")
    assert f"notulen-rapat-{meeting.pk}.pdf" in minutes["Content-Disposition"]
    draft = schedule(meeting_input(side), side.users["secretariat_staff"])
    response = client.get(f"/api/v1/meetings/{draft.pk}/documents/minutes.pdf/")
    assert response.status_code == 404 and "once the meeting is held" in response.json()["detail"]
    # The invited agency gets the minutes; an agency not invited does not see the meeting.
    response = client_for(side.users["agency_head"]).get(f"{base}/minutes.pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = client_for(side.users["agency_head_other"]).get(f"{base}/minutes.pdf/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


# --- Urgent decisions, take-overs, days off, dashboard ----------------------------------------


def urgent_body(**overrides) -> dict:
    body = {
        "decided_on": "2025-06-02",
        "subject": "Wabah diare di sekolah",
        "decision": "Menutup kantin sekolah selama tiga hari",
        "urgency": "Puluhan siswa dirawat pada hari yang sama",
        "not_a_matter_of_principle": True,
        "report_now": False,
    }
    body.update(overrides)
    return body


def test_an_urgent_decision_is_recorded_reported_and_received(world):
    side = world.bkt
    head = client_for(side.users["agency_head"])
    response = head.post(
        "/api/v1/urgent-decisions/", urgent_body(not_a_matter_of_principle=False), format="json"
    )
    assert response.status_code == 400
    assert f"{BKT} Pasal 10" in response.json()["not_a_matter_of_principle"][0]
    response = head.post(
        "/api/v1/urgent-decisions/", urgent_body(not_a_matter_of_principle="maybe"), format="json"
    )
    assert response.status_code == 400
    response = head.post("/api/v1/urgent-decisions/", urgent_body(), format="json")
    assert response.status_code == 201, response.content
    row = response.json()
    assert row["unit"]["id"] == side.dinas.pk and row["source"] == f"{BKT} Pasal 10"
    assert row["reported_at"] is None
    url = f"/api/v1/urgent-decisions/{row['id']}"
    sekda = client_for(side.users["sekda"])
    response = sekda.post(f"{url}/receive/", format="json")
    assert response.status_code == 400 and "not reported" in text_of(response.json())
    assert head.post(f"{url}/report/", format="json").status_code == 200
    response = sekda.post(f"{url}/receive/", format="json")
    assert response.status_code == 200 and response.json()["received_by"] == "bkt_sekda"
    response = client_for(world.kukar.users["agency_head"]).post(
        "/api/v1/urgent-decisions/", urgent_body(), format="json"
    )
    assert response.status_code == 400
    assert "does not let a unit head take decisions directly" in response.json()["unit"][0]


def test_a_take_over_where_the_text_provides_for_it(world):
    side = world.kukar
    start = timezone.localdate() + datetime.timedelta(days=1)
    body = {
        "unit": side.dinas.pk,
        "taken_by": side.setda.pk,
        "start": str(start),
        "end": str(start + datetime.timedelta(days=30)),
        "reason": "Penanganan wabah lintas sektor",
    }
    response = client_for(side.users["sekda"]).post("/api/v1/takeovers/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["source"] == f"{KUKAR} Pasal 14 ayat (1)"
    row = response.json()
    response = client_for(side.users["sekda"]).post(
        "/api/v1/takeovers/", {**body, "taken_by": side.asisten.pk}, format="json"
    )
    assert response.status_code == 400 and "taken_by" in response.json()
    response = client_for(side.users["kepala_daerah"]).post(
        f"/api/v1/takeovers/{row['id']}/end/", format="json"
    )
    assert response.status_code == 200 and response.json()["active"] is False
    bkt = world.bkt
    response = client_for(bkt.users["sekda"]).post(
        "/api/v1/takeovers/",
        {**body, "unit": bkt.dinas.pk, "taken_by": bkt.setda.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "does not provide for taking over" in response.json()["unit"][0]
    response = client_for(bkt.users["sekda"]).post(
        "/api/v1/takeovers/", {**body, "unit": bkt.dinas.pk}, format="json"
    )
    assert response.status_code == 400
    assert "is a unit of Kutai Kartanegara, not of Bukittinggi" in response.json()["taken_by"][0]


def test_days_off_are_kept_by_the_regions_secretariat(world):
    side = world.bkt
    staff = client_for(side.users["secretariat_staff"])
    body = {"date": "2026-12-22", "name": "Hari Jadi Kota Bukittinggi", "decree": "SK 1/2026"}
    response = staff.post("/api/v1/days-off/", body, format="json")
    assert response.status_code == 201 and response.json()["region"] == "13.75"
    response = staff.post("/api/v1/days-off/", body, format="json")
    assert response.status_code == 400 and "already has a day off" in response.json()["date"][0]
    rows = client_for(side.users["agency_staff"]).get("/api/v1/days-off/?year=2026").json()
    assert [row["name"] for row in rows["results"]] == ["Hari Jadi Kota Bukittinggi"]
    assert client_for(world.kukar.users["sekda"]).get("/api/v1/days-off/").json()["results"] == []
    row_id = response_id = RegionalDayOff.objects.get().pk
    url = f"/api/v1/days-off/{row_id}/"
    assert client_for(side.users["agency_head"]).delete(url).status_code == 403
    assert client_for(world.kukar.users["secretariat_staff"]).delete(url).status_code == 404
    assert staff.delete(url).status_code == 204
    assert not RegionalDayOff.objects.filter(pk=response_id).exists()


def test_the_dashboard_counts_overdue_follow_ups_by_portfolio(world):
    side = world.bkt
    _meeting, (item,) = held_meeting(side, day=D(2025, 6, 4))
    response = client_for(side.users["sekda"]).get("/api/v1/coordination/dashboard/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["region"] == "13.75" and body["overdue"] == 1
    (row,) = [row for row in body["rows"] if row["overdue"]]
    assert row["coordinator_name"] == side.asisten.name
    assert row["items"][0]["id"] == item.pk
    other = client_for(side.users["sekda"]).get("/api/v1/coordination/dashboard/?region=64.02")
    assert other.status_code == 403
    assert (
        client_for(side.users["agency_head"]).get("/api/v1/coordination/dashboard/").status_code
        == 403
    )
    response = client_for(world.superadmin).get("/api/v1/coordination/dashboard/")
    assert response.status_code == 400 and "region" in response.json()["detail"]
    head = side.users["agency_head"]
    transition(item, "in_progress", head)
    transition(item, "done", head, report="Selesai")
    body = client_for(side.users["sekda"]).get("/api/v1/coordination/dashboard/").json()
    assert [entry["id"] for entry in body["inbox"]] == [item.pk]


# --- Authentication, deny by default ----------------------------------------------------------


def test_token_authentication_works_and_a_bad_token_is_a_401(world):
    side = world.bkt
    held_meeting(side)
    token = Token.objects.create(user=side.users["sekda"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/follow-ups/")
    assert response.status_code == 200 and len(response.json()["results"]) == 1
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/follow-ups/").status_code == 401
    response = APIClient().get("/api/v1/follow-ups/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    basic = APIClient()
    credentials = base64.b64encode(b"bkt_sekda:rahasia-demo-123").decode()
    basic.credentials(HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert basic.get("/api/v1/follow-ups/").status_code == 200


def test_a_user_without_a_role_sees_nothing(world):
    client = client_for(UserFactory(username="tamu"))
    for url in (
        "/api/v1/meetings/",
        "/api/v1/follow-ups/",
        "/api/v1/urgent-decisions/",
        "/api/v1/takeovers/",
        "/api/v1/days-off/",
        "/api/v1/coordination/dashboard/?region=13.75",
    ):
        assert client.get(url).status_code == 403, url


# --- Query counts and the schema --------------------------------------------------------------


LISTS = (
    "/api/v1/meetings/",
    "/api/v1/follow-ups/",
    "/api/v1/urgent-decisions/",
    "/api/v1/takeovers/",
    "/api/v1/days-off/",
)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _more_rows(side, day: datetime.date) -> None:
    from coordination.oversight.models import Takeover, UrgentDecision

    held_meeting(side, day=day)
    head = side.users["agency_head"]
    UrgentDecision.objects.create(
        region=side.region,
        unit=side.dinas,
        decided_on=day,
        subject="Mendesak",
        decision="Diputuskan",
        urgency="Tidak bisa menunggu",
        not_a_matter_of_principle=True,
        source="Pasal 10",
        recorded_by=head,
    )
    Takeover.objects.create(
        region=side.region,
        unit=side.dinas,
        taken_by=side.setda,
        start=day,
        end=day,
        reason="Perlu",
        source="Pasal 14",
        recorded_by=side.users["sekda"],
    )
    RegionalDayOff.objects.create(region=side.region, date=day, name=f"Libur {day}")


def test_list_query_counts_do_not_grow_with_the_rows(world):
    """Two or three queries a list (count, rows, prefetch), for one row as for four, for the
    region-wide Sekda as for an agency scoped by an Exists() subquery."""
    side = world.bkt
    sekda, head = client_for(side.users["sekda"]), client_for(side.users["agency_head"])
    agency_lists = LISTS[:3]
    _more_rows(side, D(2026, 6, 3))
    before = {url: _queries(sekda, url) for url in LISTS}
    before_agency = {url: _queries(head, url) for url in agency_lists}
    for day in (D(2026, 6, 10), D(2026, 6, 17), D(2026, 6, 24)):
        _more_rows(side, day)
    assert {url: _queries(sekda, url) for url in LISTS} == before
    assert {url: _queries(head, url) for url in agency_lists} == before_agency
    assert FollowUp.objects.count() == 4 and Meeting.objects.count() == 4
    assert all(count <= 3 for count in [*before.values(), *before_agency.values()]), before
    assert len(head.get("/api/v1/meetings/").json()["results"]) == 4


def test_the_schema_documents_the_coordination_api_without_warnings(db, tmp_path, client):
    """drf-spectacular's own check: any warning (an unguessable serializer, a clashing enum)
    fails the generation."""
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "s.yml"))
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/meetings/{id}/attendance/" in paths
    assert "/api/v1/follow-ups/{id}/evidence/{evidence_id}/download/" in paths
    assert "/api/v1/coordination/dashboard/" in paths
    assert {"tokenAuth", "basicAuth", "cookieAuth"} <= set(
        response.json()["components"]["securitySchemes"]
    )
