"""The coordination pages through the test client: who may open each (403 without the
permission, 404 outside one's scope), the service's refusals shown beside the field with the
provision they cite, nothing typed lost on a bad submission, and constant query counts."""

from __future__ import annotations

import datetime
import html
import io

import pytest
from django.urls import reverse

from coordination.follow_ups import services as fu
from coordination.follow_ups.models import FollowUp
from coordination.follow_ups.tests.helpers import (
    before,
    during,
    held_meeting,
    meeting_input,
    schedule,
)
from coordination.meetings import attendance as att
from coordination.meetings import invitations as inv
from coordination.meetings.models import Attendance, Invitation, Meeting
from coordination.oversight.models import Takeover, UrgentDecision
from orgchart.models import Affair
from tests.factories import UserFactory

BKT = "Perwal Bukittinggi 4/2017"
KUKAR = "Perbup Kutai Kartanegara 4/2018"
PAST = datetime.date(2025, 3, 5)  # a Wednesday, long past: its follow-ups are overdue
FUTURE = datetime.date.today() + datetime.timedelta(days=10)  # within a session's life


@pytest.fixture
def browse(client):
    """browse(user) logs the client in as ``user`` (None: stays anonymous), in English."""

    def login(user=None):
        client.cookies["django_language"] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return login


def text(response) -> str:
    return html.unescape(response.content.decode())


def htmx(client, url: str, data: dict):
    return client.post(url, data, HTTP_HX_REQUEST="true")


def invited(side, *, extra=()):
    """An upcoming meeting of ``side`` with invitations sent (and ``extra`` units invited)."""
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=FUTURE), staff)
    for unit in extra:
        inv.add_invitation(meeting, unit, staff)
    inv.send_invitations(meeting, staff)
    return meeting


def meeting_form(side, **overrides) -> dict:
    data = {
        "title": "Rapat koordinasi penanganan demam berdarah",
        "convener": side.setda.pk,
        "scope": "general",
        "form": "hierarki",
        "kind": "rapat",
        "mode": "langsung",
        "periodicity": "insidental",
        "recurrence": "",
        "date": "2026-06-03",
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Ruang rapat Sekretariat Daerah",
        "online_link": "",
        "affairs": [Affair.objects.get(code="1.02").pk],
        "agenda": "Laporan situasi\nLangkah penanganan",
    }
    data.update(overrides)
    return data


# --- Access -------------------------------------------------------------------------------

PAGES = [
    "coordination:meetings",
    "coordination:meeting-new",
    "coordination:follow-ups",
    "coordination:inbox",
    "coordination:dashboard",
    "coordination:urgent",
    "coordination:takeovers",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_asks_an_anonymous_visitor_to_log_in(browse, world, name):
    response = browse().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
def test_a_user_without_a_coordination_role_is_refused_every_page(browse, world, name):
    nobody = UserFactory(username="nobody")
    assert browse(nobody).get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    ("name", "allowed", "refused"),
    [
        ("coordination:meeting-new", ["secretariat_staff"], ["sekda", "asisten", "agency_head"]),
        (
            "coordination:dashboard",
            ["sekda", "asisten", "kepala_daerah", "secretariat_staff"],
            ["agency_head", "agency_staff"],
        ),
        ("coordination:inbox", ["sekda"], ["asisten", "secretariat_staff", "agency_head"]),
        ("coordination:takeovers", ["sekda", "wakil", "secretariat_staff"], ["agency_head"]),
        ("coordination:meetings", ["sekda", "agency_head", "agency_staff"], []),
        ("coordination:follow-ups", ["asisten", "agency_head", "agency_staff"], []),
        ("coordination:urgent", ["agency_head", "sekda"], []),
    ],
)
def test_each_page_opens_to_the_roles_it_serves_only(browse, world, name, allowed, refused):
    for role in allowed:
        client = browse(world.bkt.users[role])
        assert client.get(reverse(name)).status_code == 200, role
    for role in refused:
        client = browse(world.bkt.users[role])
        assert client.get(reverse(name)).status_code == 403, role


def test_the_menu_shows_each_role_its_coordination_pages(browse, world):
    users = world.bkt.users
    staff = text(browse(users["secretariat_staff"]).get(reverse("home")))
    assert "Meetings" in staff and "Dashboard" in staff and "Sekda inbox" not in staff
    sekda = text(browse(users["sekda"]).get(reverse("home")))
    assert "Sekda inbox" in sekda and "Dashboard" in sekda
    head = text(browse(users["agency_head"]).get(reverse("home")))
    assert "Follow-ups" in head and "Dashboard" not in head


# --- Meetings -----------------------------------------------------------------------------


def test_the_meeting_list_shows_only_the_users_scope_and_filters(browse, world):
    bkt = invited(world.bkt)
    kukar = invited(world.kukar)
    held, _follow_ups = held_meeting(world.bkt, day=PAST)
    body = text(browse(world.bkt.users["sekda"]).get(reverse("coordination:meetings")))
    assert reverse("coordination:meeting", args=[bkt.pk]) in body
    assert reverse("coordination:meeting", args=[kukar.pk]) not in body
    body = text(
        browse(world.bkt.users["sekda"]).get(reverse("coordination:meetings") + "?when=past")
    )
    assert reverse("coordination:meeting", args=[held.pk]) in body
    assert reverse("coordination:meeting", args=[bkt.pk]) not in body
    body = text(
        browse(world.bkt.users["sekda"]).get(reverse("coordination:meetings") + "?status=held")
    )
    assert reverse("coordination:meeting", args=[bkt.pk]) not in body
    # An agency sees the meetings it is invited to only.
    other = text(browse(world.bkt.users["agency_head_other"]).get(reverse("coordination:meetings")))
    assert reverse("coordination:meeting", args=[bkt.pk]) not in other


def test_the_meeting_list_takes_a_constant_number_of_queries(
    browse, world, django_assert_max_num_queries
):
    client = browse(world.bkt.users["secretariat_staff"])
    invited(world.bkt)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("coordination:meetings")).status_code == 200
    for _ in range(3):
        invited(world.bkt)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("coordination:meetings")).status_code == 200


def test_the_schedule_form_offers_only_the_choices_the_text_names_with_their_provision(
    browse, world
):
    body = text(
        browse(world.bkt.users["secretariat_staff"]).get(reverse("coordination:meeting-new"))
    )
    assert f"{BKT} Pasal 6" in body and f"{BKT} Pasal 9" in body
    assert f"{BKT} Pasal 9 huruf c" in body and f"{BKT} Pasal 9 huruf e" in body
    assert 'value="permintaan_data"' in body and 'value="konsultasi"' not in body
    assert "Asisten pemerintahan dan kesejahteraan rakyat" in body  # convener choices
    assert ">Dinas kesehatan<" not in body  # a Dinas convenes nothing
    body = text(
        browse(world.kukar.users["secretariat_staff"]).get(reverse("coordination:meeting-new"))
    )
    assert f"{KUKAR} Pasal 13 ayat (2)" in body and 'value="konsultasi"' in body
    assert "WITA" in body


def test_scheduling_creates_the_meeting_in_the_regions_time_zone(browse, world):
    client = browse(world.kukar.users["secretariat_staff"])
    with before(datetime.date(2026, 6, 3), world.kukar.region):
        response = client.post(reverse("coordination:meeting-new"), meeting_form(world.kukar))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("coordination:meeting", args=[meeting.pk])
    assert meeting.region == world.kukar.region
    assert meeting.starts_at == datetime.datetime(2026, 6, 3, 1, tzinfo=datetime.UTC)  # 09 WITA
    assert [item.text for item in meeting.agenda.all()] == ["Laporan situasi", "Langkah penanganan"]
    assert meeting.invitations.filter(unit=world.kukar.dinas, proposed=True).exists()


def test_a_refused_convener_shows_the_citation_beside_the_field_and_keeps_the_input(browse, world):
    client = browse(world.bkt.users["secretariat_staff"])
    data = meeting_form(world.bkt, convener=world.bkt.asisten.pk, title="Rapat yang ditolak")
    response = client.post(reverse("coordination:meeting-new"), data)
    assert response.status_code == 200
    body = text(response)
    form = response.context["form"]
    assert f"{BKT} Pasal 9 huruf c" in " ".join(form.errors["convener"])
    assert f"{BKT} Pasal 9 huruf c" in body
    assert 'value="Rapat yang ditolak"' in body
    assert "Laporan situasi\nLangkah penanganan" in body
    assert not Meeting.objects.exists()


def test_times_and_mode_errors_land_on_their_own_fields(browse, world):
    client = browse(world.bkt.users["secretariat_staff"])
    data = meeting_form(world.bkt, end_time="08:00", mode="elektronik", place="")
    form = client.post(reverse("coordination:meeting-new"), data).context["form"]
    assert "ends after it starts" in " ".join(form.errors["end_time"])
    assert "online link" in " ".join(form.errors["online_link"])


def test_another_regions_staff_cannot_schedule_for_this_region(browse, world):
    client = browse(world.kukar.users["secretariat_staff"])
    data = meeting_form(world.bkt)  # a Bukittinggi convener: not a choice in Kutai Kartanegara
    response = client.post(reverse("coordination:meeting-new"), data)
    assert response.status_code == 200 and "convener" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_the_meeting_page_shows_rules_invitees_and_forms_to_the_secretariat(browse, world):
    meeting = invited(world.bkt)
    with during(meeting):
        body = text(
            browse(world.bkt.users["secretariat_staff"]).get(
                reverse("coordination:meeting", args=[meeting.pk])
            )
        )
    assert f'Sekretaris Daerah <span class="cite">({BKT} Pasal 9 huruf c)</span>' in body
    assert "1.02 Kesehatan" in body and "Laporan situasi" in body
    assert f"{BKT} Pasal 9 huruf g" in body
    assert 'data-unit="Dinas kesehatan"' in body and 'data-unit="Rumah sakit"' in body
    assert world.bkt.officials["level2"].name in body  # the Dinas' officials to choose from
    assert "Record the minutes" in body and 'hx-post="' in body


def test_an_invited_agency_sees_the_meeting_and_its_invitees_but_not_the_secretariats_forms(
    browse, world
):
    meeting = invited(world.bkt)
    url = reverse("coordination:meeting", args=[meeting.pk])
    body = text(browse(world.bkt.users["agency_head"]).get(url))
    assert meeting.title in body and 'data-unit="Dinas kesehatan"' in body
    assert "Record the minutes" not in body and 'class="attendance"' not in body
    assert "Remove…" not in body
    assert browse(world.bkt.users["agency_head_other"]).get(url).status_code == 404
    assert browse(world.kukar.users["sekda"]).get(url).status_code == 404
    assert browse(UserFactory(username="nobody")).get(url).status_code == 403


QUERIES = 18  # session, user and role, the meeting, invitations, officials, rules, forms…


def test_the_meeting_page_takes_a_constant_number_of_queries(
    browse, world, django_assert_max_num_queries
):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    url = reverse("coordination:meeting", args=[meeting.pk])
    with during(meeting), django_assert_max_num_queries(QUERIES):
        assert client.get(url).status_code == 200
    staff = side.users["secretariat_staff"]
    for unit in (side.vertical, side.acting_dinas, side.other_dinas, side.bagian):
        inv.add_invitation(meeting, unit, staff)
    with during(meeting):
        for invitation in meeting.invitations.all():
            att.record_attendance(invitation, att.AttendanceInput("absent"), staff)
        with django_assert_max_num_queries(QUERIES):
            assert client.get(url).status_code == 200


def test_a_representative_two_levels_below_is_refused_in_the_row_with_the_citation(browse, world):
    side = world.bkt
    meeting = invited(side)
    invitation = meeting.invitations.get(unit=side.dinas)
    url = reverse("coordination:attendance", args=[invitation.pk])
    prefix = f"att-{invitation.pk}"
    client = browse(side.users["secretariat_staff"])
    data = {f"{prefix}-status": "represented", f"{prefix}-official": side.officials["level3"].pk}
    clock = during(meeting)
    clock.__enter__()
    response = htmx(client, url, data)
    assert response.status_code == 200
    row = text(response)
    assert row.lstrip().startswith("<tr") and f"{BKT} Pasal 9 huruf f" in row
    assert "level 3" in row
    # Only the officials one level below are offered; the status chosen is kept.
    assert f'<option value="{side.officials["level3"].pk}"' not in row
    assert '<option value="represented" selected>' in row
    assert not Attendance.objects.exists()
    # Without htmx the whole page comes back, with the same message in the same row.
    page = text(client.post(url, data))
    assert "<html" in page and f"{BKT} Pasal 9 huruf f" in page
    data[f"{prefix}-official"] = side.officials["level2"].pk
    row = text(htmx(client, url, data))
    clock.__exit__(None, None, None)
    assert "represented" in row and side.officials["level2"].name in row
    assert Attendance.objects.get().position.level == 2


def test_only_the_secretariat_of_the_region_records_attendance(browse, world):
    meeting = invited(world.bkt)
    invitation = meeting.invitations.get(unit=world.bkt.dinas)
    url = reverse("coordination:attendance", args=[invitation.pk])
    data = {f"att-{invitation.pk}-status": "absent"}
    assert browse(world.bkt.users["sekda"]).post(url, data).status_code == 403
    assert browse(world.kukar.users["secretariat_staff"]).post(url, data).status_code == 404
    assert not Attendance.objects.exists()


def test_removing_a_proposed_invitee_needs_a_reason_shown_in_its_row(browse, world):
    side = world.bkt
    meeting = schedule(meeting_input(side), side.users["secretariat_staff"])
    hospital = meeting.invitations.get(unit__name="Rumah sakit")
    url = reverse("coordination:invitation-remove", args=[hospital.pk])
    client = browse(side.users["secretariat_staff"])
    row = text(htmx(client, url, {f"rm-{hospital.pk}-reason": " "}))
    assert f"{BKT} Pasal 9 huruf g" in row and "<details open" in row
    row = text(htmx(client, url, {f"rm-{hospital.pk}-reason": "Rapat teknis tersendiri"}))
    assert "Removed on" in row and "Rapat teknis tersendiri" in row
    hospital.refresh_from_db()
    assert hospital.removal_reason == "Rapat teknis tersendiri"


def test_adding_and_sending_invitations(browse, world):
    side = world.bkt
    meeting = schedule(meeting_input(side), side.users["secretariat_staff"])
    client = browse(side.users["secretariat_staff"])
    add = reverse("coordination:invitation-add", args=[meeting.pk])
    assert client.post(add, {"unit": side.vertical.pk}).status_code == 302
    response = client.post(add, {"unit": side.vertical.pk, "reason": "lagi"})
    assert "is already invited" in " ".join(response.context["add_form"].errors["unit"])
    response = client.post(add, {"unit": world.kukar.dinas.pk})
    assert response.status_code == 200 and not Invitation.objects.filter(unit=world.kukar.dinas)
    response = client.post(reverse("coordination:invitations-send", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED
    assert "5 invitations sent." in text(client.get(response["Location"]))


def _minutes_data(side, **extra) -> dict:
    return {
        "minutes": "Rapat membahas langkah penanganan.",
        "minutes_taker": "Staf",
        "decision-1-text": "Fogging di kelurahan rawan",
        "decision-1-unit-1": side.dinas.pk,
        "decision-1-action-1": "Laksanakan fogging",
        "decision-1-unit-2": "",
        "decision-1-action-2": "",
        **extra,
    }


def test_the_minutes_form_adds_rows_on_demand_without_losing_input(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    url = reverse("coordination:minutes", args=[meeting.pk])
    body = text(htmx(client, url, _minutes_data(side, add="decision")))
    assert 'name="decision-2-text"' in body and 'name="decision-2-unit-2"' in body
    assert "Fogging di kelurahan rawan" in body and 'value="Laksanakan fogging"' in body
    body = text(htmx(client, url, _minutes_data(side, add="row-1")))
    assert 'name="decision-1-unit-3"' in body
    assert not meeting.decisions.exists()


def test_the_minutes_wait_for_every_attendance_and_then_assign_follow_ups(browse, world):
    side = world.bkt
    meeting = invited(side)
    client = browse(side.users["secretariat_staff"])
    url = reverse("coordination:minutes", args=[meeting.pk])
    body = text(htmx(client, url, _minutes_data(side)))
    assert "recorded once the meeting has started" in body  # not before it begins
    clock = during(meeting)
    clock.__enter__()
    body = text(htmx(client, url, _minutes_data(side)))
    assert "Record the attendance of every invited unit first" in body
    assert "Rapat membahas langkah penanganan." in body
    staff = side.users["secretariat_staff"]
    for invitation in meeting.invitations.all():
        att.record_attendance(invitation, att.AttendanceInput("absent"), staff)
    body = text(htmx(client, url, _minutes_data(side, **{"decision-1-action-2": "Tanpa unit"})))
    assert "Choose the unit that must act." in body and not FollowUp.objects.exists()
    response = htmx(client, url, _minutes_data(side))
    assert response["HX-Redirect"] == reverse("coordination:meeting", args=[meeting.pk])
    clock.__exit__(None, None, None)
    follow_up = FollowUp.objects.get()
    assert follow_up.unit == side.dinas and follow_up.action == "Laksanakan fogging"


def test_documents_are_served_to_those_who_see_the_meeting(browse, world):
    side = world.bkt
    meeting, _follow_ups = held_meeting(side, day=PAST)
    client = browse(side.users["agency_head"])
    ics = client.get(reverse("coordination:invitation-ics", args=[meeting.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    pdf = client.get(reverse("coordination:invitation-pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    sekda = browse(side.users["sekda"])
    notulen = sekda.get(reverse("coordination:minutes-pdf", args=[meeting.pk]))
    assert notulen["Content-Type"] == "application/pdf" and notulen.content.startswith(b"%PDF")
    other = browse(side.users["agency_head_other"])
    assert other.get(reverse("coordination:invitation-pdf", args=[meeting.pk])).status_code == 404


# --- Follow-ups ---------------------------------------------------------------------------


def test_an_agency_sees_its_own_follow_ups_with_due_date_source_and_overdue_flag(browse, world):
    side = world.bkt
    held_meeting(side, day=PAST, units=[side.dinas, side.other_dinas])
    body = text(browse(side.users["agency_head"]).get(reverse("coordination:follow-ups")))
    assert body.count('class="overdue"') == 1 and side.dinas.name in body
    assert "no legal deadline: portal default" in body
    assert side.other_dinas.name not in body
    held_meeting(world.kukar, day=PAST)
    body = text(browse(world.kukar.users["agency_head"]).get(reverse("coordination:follow-ups")))
    assert f"{KUKAR} Pasal 13 ayat (5)" in body


def test_the_follow_up_list_takes_a_constant_number_of_queries(
    browse, world, django_assert_max_num_queries
):
    side = world.bkt
    client = browse(side.users["sekda"])
    held_meeting(side, day=PAST)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("coordination:follow-ups")).status_code == 200
    held_meeting(side, day=PAST, units=[side.dinas, side.other_dinas, side.bagian])
    with django_assert_max_num_queries(8):
        assert client.get(reverse("coordination:follow-ups")).status_code == 200


def test_follow_up_pages_stay_within_the_users_scope(browse, world):
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side, day=PAST)
    url = reverse("coordination:follow-up", args=[follow_up.pk])
    body = text(browse(side.users["agency_head"]).get(url))
    assert "no legal deadline: portal default" in body
    assert f"Sekretaris Daerah → Walikota ({BKT} Pasal 16 ayat (2))" in body
    assert "Start: set in progress" in body
    staff = text(browse(side.users["agency_staff"]).get(url))
    assert "Start: set in progress" not in staff  # only the head moves the follow-up
    assert browse(side.users["agency_head_other"]).get(url).status_code == 404
    assert browse(world.kukar.users["sekda"]).get(url).status_code == 404


def test_the_head_starts_reports_and_closes_a_follow_up_with_an_audit_trail(browse, world):
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side, day=PAST)
    client = browse(side.users["agency_head"])
    status = reverse("coordination:follow-up-status", args=[follow_up.pk])
    report = reverse("coordination:follow-up-report", args=[follow_up.pk])
    assert client.post(status, {"to": "in_progress"}).status_code == 302
    response = client.post(report, {"report": "  ", "action": "done"})
    assert response.status_code == 200
    assert f"({BKT} Pasal 16 ayat (2))" in " ".join(
        response.context["report_form"].errors["report"]
    )
    assert client.post(report, {"report": "Draf laporan", "action": "save"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.report == "Draf laporan" and follow_up.status == "in_progress"
    assert client.post(report, {"report": "Selesai", "action": "done"}).status_code == 302
    body = text(client.get(reverse("coordination:follow-up", args=[follow_up.pk])))
    assert "open → in progress" in body and "in progress → done" in body
    # The secretariat may not move a unit's follow-up.
    staff = browse(side.users["secretariat_staff"])
    assert staff.post(status, {"to": "in_progress", "note": "x"}).status_code == 403


def test_evidence_is_checked_listed_and_served_within_scope(browse, world, settings, tmp_path):
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side, day=PAST)
    client = browse(side.users["agency_head"])
    url = reverse("coordination:follow-up-report", args=[follow_up.pk])
    fake = io.BytesIO(b"not a pdf at all")
    fake.name = "laporan.pdf"
    response = client.post(url, {"action": "attach", "file": fake})
    assert response.status_code == 200
    assert response.context["evidence_form"].errors["file"]
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, "PNG")
    png.seek(0)
    png.name = "foto-fogging.png"
    assert client.post(url, {"action": "attach", "file": png}).status_code == 302
    evidence = follow_up.evidence.get()
    assert "foto-fogging.png" in text(
        client.get(reverse("coordination:follow-up", args=[follow_up.pk]))
    )
    download = reverse("coordination:evidence", args=[evidence.pk])
    response = browse(side.users["sekda"]).get(download)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert browse(side.users["agency_head_other"]).get(download).status_code == 404


def test_the_sekda_receives_or_returns_reports_from_the_inbox(browse, world):
    side = world.bkt
    _meeting, follow_ups = held_meeting(side, day=PAST, units=[side.dinas, side.other_dinas])
    for item, user in zip(follow_ups, ("agency_head", "agency_head_other"), strict=True):
        fu.transition(item, "in_progress", side.users[user])
        fu.transition(item, "done", side.users[user], report="Sudah dilaksanakan")
    client = browse(side.users["sekda"])
    inbox = reverse("coordination:inbox")
    body = text(client.get(inbox))
    assert side.dinas.name in body and side.other_dinas.name in body
    receive = reverse("coordination:follow-up-receive", args=[follow_ups[0].pk])
    assert client.post(receive, {"next": inbox})["Location"] == inbox
    status = reverse("coordination:follow-up-status", args=[follow_ups[1].pk])
    response = client.post(status, {"to": "in_progress", "note": " "})
    assert "Say why the report is returned." in text(response)
    client.post(status, {"to": "in_progress", "note": "Lampirkan foto", "next": inbox})
    body = text(client.get(inbox))
    assert "Nothing waits for you." in body
    assert FollowUp.objects.get(pk=follow_ups[1].pk).status == "in_progress"
    assert FollowUp.objects.get(pk=follow_ups[0].pk).sekda_received_at is not None


# --- Dashboard, urgent decisions, take-overs ----------------------------------------------


def test_the_dashboard_counts_by_portfolio_charts_and_lists_what_is_late(
    browse, world, django_assert_max_num_queries
):
    side = world.bkt
    held_meeting(side, day=PAST, units=[side.dinas, side.other_dinas])
    client = browse(side.users["sekda"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("coordination:dashboard"))
    body = text(response)
    assert "<svg" in body and side.asisten.name in body and side.asisten_other.name in body
    assert "overdue by" in body and "working days" in body
    assert "Every urgent decision is reported." in body
    held_meeting(side, day=PAST, units=[side.dinas, side.other_dinas, side.bagian])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("coordination:dashboard")).status_code == 200


def test_an_urgent_decision_needs_the_statement_and_cites_pasal_10(browse, world):
    side = world.bkt
    client = browse(side.users["agency_head"])
    url = reverse("coordination:urgent")
    data = {
        "decided_on": "2026-06-01",
        "subject": "Wabah DBD",
        "decision": "Fogging darurat",
        "urgency": "Kasus meningkat",
        "report_now": "",
    }
    response = client.post(url, data)
    errors = " ".join(response.context["form"].errors["not_a_matter_of_principle"])
    assert f"{BKT} Pasal 10" in errors and 'value="Wabah DBD"' in text(response)
    assert client.post(url, {**data, "not_a_matter_of_principle": "on"}).status_code == 302
    row = UrgentDecision.objects.get()
    assert row.reported_at is None
    sekda = text(browse(side.users["sekda"]).get(reverse("coordination:dashboard")))
    assert "1 urgent decision not reported yet" in sekda
    browse(side.users["agency_head"]).post(reverse("coordination:urgent-report", args=[row.pk]))
    browse(side.users["sekda"]).post(reverse("coordination:urgent-receive", args=[row.pk]))
    row.refresh_from_db()
    assert row.reported_at and row.received_at
    # Only the head of a unit records its own: an Asisten may read, not write.
    asisten = browse(side.users["asisten"])
    assert "Record an urgent decision" not in text(asisten.get(url))
    assert asisten.post(url, data).status_code == 403


def test_take_overs_are_offered_where_the_text_provides_for_them(browse, world):
    side = world.kukar
    client = browse(side.users["sekda"])
    url = reverse("coordination:takeovers")
    body = text(client.get(url))
    assert f"{KUKAR} Pasal 14" in body and "Take over the coordination of a unit" in body
    data = {
        "unit": side.dinas.pk,
        "taken_by": side.setda.pk,
        "start": "2026-06-01",
        "end": "2026-06-30",
        "reason": "",
    }
    response = client.post(url, data)
    assert f"{KUKAR} Pasal 14" in " ".join(response.context["form"].errors["reason"])
    data["reason"] = "Asisten cuti panjang"
    assert client.post(url, data).status_code == 302
    row = Takeover.objects.get()
    assert row.taken_by == side.setda
    bkt = text(browse(world.bkt.users["sekda"]).get(url))
    assert "does not provide for taking over" in bkt and "Take over the coordination" not in bkt
    assert (
        browse(world.bkt.users["sekda"])
        .post(reverse("coordination:takeover-end", args=[row.pk]))
        .status_code
        == 404
    )


def test_the_superadmin_picks_the_region_to_schedule_in(browse, world):
    client = browse(world.superadmin)
    url = reverse("coordination:meeting-new") + "?region=64.02"
    body = text(client.get(url))
    assert "Kutai Kartanegara" in body and f"{KUKAR} Pasal 13 ayat (2)" in body
    with before(datetime.date(2026, 6, 3), world.kukar.region):
        response = client.post(url, meeting_form(world.kukar, kind="konsultasi"))
    assert response.status_code == 302
    assert Meeting.objects.get().region == world.kukar.region


def test_cancelling_a_meeting_needs_a_reason(browse, world):
    meeting = invited(world.bkt)
    client = browse(world.bkt.users["secretariat_staff"])
    url = reverse("coordination:meeting-cancel", args=[meeting.pk])
    response = client.post(url, {"reason": " "})
    assert "Say why the meeting is cancelled." in text(response)
    assert client.post(url, {"reason": "Walikota berhalangan"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


def test_where_the_text_grants_no_urgent_power_the_refusal_says_so(browse, world):
    client = browse(world.kukar.users["agency_head"])
    url = reverse("coordination:urgent")
    assert "does not let a unit head take decisions directly" in text(client.get(url))
    data = {
        "decided_on": "2026-06-01",
        "subject": "Banjir",
        "decision": "Evakuasi",
        "urgency": "Air naik",
        "not_a_matter_of_principle": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "take the matter to a coordination meeting" in text(response)
    assert not UrgentDecision.objects.exists()


def test_the_pages_render_in_bahasa_indonesia_by_default(client, world):
    side = world.bkt
    meeting, (follow_up,) = held_meeting(side, day=PAST)
    client.force_login(side.users["sekda"])
    for url in (
        reverse("coordination:meeting", args=[meeting.pk]),
        reverse("coordination:follow-up", args=[follow_up.pk]),
        reverse("coordination:dashboard"),
        reverse("coordination:inbox"),
    ):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
        assert response.status_code == 200, url
        assert 'lang="id"' in response.content.decode()
