"""What an invited agency sees of a meeting, over the API and on the page (docs/api.md, Scope).

It must follow up the results of the coordination (Perwal Bukittinggi 4/2017 Pasal 16 ayat
(1); Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (3): alone or with other agencies), and the
undangan and notulen it receives already name every invitee, their attendance and every
decision. So once its undangan is sent it sees the whole meeting: invitees (removed ones with
the reason), answers, attendance, minutes, every decision and follow-up, the minutes' files and
the notulen PDF. It opens only its own follow-ups, answers only its own undangan, and runs
nothing; an agency not invited, or whose invitation was removed, does not see the meeting.
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from coordination.meetings import attendance as att
from coordination.meetings import invitations as inv
from coordination.meetings import scheduling as svc
from orgchart.models import Affair, assignment_of
from tests.factories import user_with_role

DAY = datetime.date(2026, 6, 3)
REMOVAL = "Tidak terkait dengan penanganan demam berdarah"


def _at(region, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(DAY, datetime.time(hour), zoneinfo.ZoneInfo(region.timezone))


def _scheduled(side):
    """A general meeting on health (urusan 1.02) scheduled a week ahead, its undangan sent."""
    staff = side.users["secretariat_staff"]
    data = svc.MeetingInput(
        region=side.region,
        title="Rapat koordinasi penanganan demam berdarah",
        convener=side.setda,
        scope="general",
        form="hierarki",
        starts_at=_at(side.region, 9),
        ends_at=_at(side.region, 11),
        place="Ruang rapat Sekretariat Daerah",
        affairs=list(Affair.objects.filter(code__in=["1.02"])),
        agenda=["Laporan situasi", "Langkah penanganan"],
    )
    with time_machine.travel(data.starts_at - datetime.timedelta(days=7), tick=False):
        meeting = svc.schedule_meeting(data, staff)
        inv.send_invitations(meeting, staff)
    return meeting


@pytest.fixture
def held(world):
    """Bukittinggi: the undangan sent, one proposed invitee then removed with a reason, every
    other invitee present, and minutes whose one decision assigns a follow-up to the Dinas
    kesehatan (the agency of ``agency_head``) and one to another invitee."""
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = _scheduled(side)
    rows = list(meeting.invitations.select_related("unit").order_by("unit__tree_id", "unit__lft"))
    others = [row for row in rows if row.unit_id != side.dinas.pk and row.proposed]
    removed, partner = others[-1], others[0]
    with time_machine.travel(meeting.starts_at - datetime.timedelta(days=6), tick=False):
        inv.remove_invitation(removed, staff, REMOVAL)
    with time_machine.travel(meeting.starts_at + datetime.timedelta(hours=1), tick=False):
        for row in rows:
            if row.pk == removed.pk:
                continue
            data = (
                att.AttendanceInput(status="present")
                if row.unit_id == side.dinas.pk
                else att.AttendanceInput(
                    status="present", attendee_name="Pejabat (uji)", attendee_post="Pejabat"
                )
            )
            att.record_attendance(row, data, staff)
        response = _api(staff).post(
            f"/api/v1/meetings/{meeting.pk}/minutes/",
            {
                "minutes": "Rapat membahas langkah penanganan.",
                "minutes_taker": "Notulis (uji)",
                "decisions": [
                    {
                        "text": "Fogging di kelurahan rawan",
                        "follow_ups": [
                            {"unit": side.dinas.pk, "action": "Laksanakan fogging"},
                            {"unit": partner.unit_id, "action": "Dukung fogging"},
                        ],
                    }
                ],
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    ids = {row["unit"]["id"]: row["id"] for row in response.json()}
    meeting.refresh_from_db()
    return {
        "side": side,
        "meeting": meeting,
        "rows": rows,
        "removed": removed,
        "partner": partner,
        "own_follow_up": ids[side.dinas.pk],
        "other_follow_up": ids[partner.unit_id],
    }


def _api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_the_api_gives_an_invited_agency_the_whole_meeting_and_its_minutes(held):
    side, meeting = held["side"], held["meeting"]
    body = _api(side.users["agency_head"]).get(f"/api/v1/meetings/{meeting.pk}/").json()
    invited = {
        row["unit"]["name"]: (row["active"], row["removal_reason"], row["attendance"] is None)
        for row in body["invitations"]
    }
    assert invited == {
        row.unit.name: (False, REMOVAL, True) if row.pk == held["removed"].pk else (True, "", False)
        for row in held["rows"]
    }
    assert (body["minutes"]["text"], body["minutes"]["taker"]) == (
        "Rapat membahas langkah penanganan.",
        "Notulis (uji)",
    )
    (decision,) = body["decisions"]
    assert decision["text"] == "Fogging di kelurahan rawan"
    assert {item["unit"]["id"]: item["action"] for item in decision["follow_ups"]} == {
        side.dinas.pk: "Laksanakan fogging",
        held["partner"].unit_id: "Dukung fogging",
    }
    assert set(body["documents"]) == {"invitation_pdf", "invitation_ics", "minutes_pdf"}


def test_an_invited_agency_gets_the_notulen_pdf_over_the_api_and_the_page(held, client):
    meeting, user = held["meeting"], held["side"].users["agency_head"]
    response = _api(user).get(f"/api/v1/meetings/{meeting.pk}/documents/minutes.pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(user)
    response = client.get(reverse("coordination:minutes-pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_an_invited_agency_opens_only_its_own_follow_up_and_runs_nothing(held):
    side, meeting = held["side"], held["meeting"]
    api = _api(side.users["agency_staff"])
    assert api.get(f"/api/v1/follow-ups/{held['own_follow_up']}/").status_code == 200
    assert api.get(f"/api/v1/follow-ups/{held['other_follow_up']}/").status_code == 404
    base = f"/api/v1/meetings/{meeting.pk}"
    writes = {
        "invitations/": {"unit": side.dinas.pk},
        "attendance/": {"invitation": held["partner"].pk, "status": "absent"},
        "minutes/": {"minutes": "-", "decisions": []},
        "cancel/": {"reason": "-"},
    }
    for path, body in writes.items():
        response = _api(side.users["agency_head"]).post(f"{base}/{path}", body, format="json")
        assert response.status_code == 403, path


def test_the_meeting_page_shows_an_invited_agency_the_record_but_no_secretariat_controls(
    held, client
):
    side, meeting = held["side"], held["meeting"]
    client.cookies["django_language"] = "en"
    client.force_login(side.users["agency_head"])
    page = client.get(reverse("coordination:meeting", args=[meeting.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    for row in held["rows"]:
        assert f'data-unit="{row.unit.name}"' in body, row.unit.name
    assert REMOVAL in body and "Rapat membahas langkah penanganan." in body
    assert reverse("coordination:minutes-pdf", args=[meeting.pk]) in body
    own = reverse("coordination:follow-up", args=[held["own_follow_up"]])
    other = reverse("coordination:follow-up", args=[held["other_follow_up"]])
    assert f'href="{own}"' in body and f'href="{other}"' not in body
    assert f"{held['partner'].unit.name}</a>" not in body  # named, not linked
    for control in ("coordination:invitation-add", "coordination:invitations-send"):
        assert reverse(control, args=[meeting.pk]) not in body
    assert reverse("coordination:attendance", args=[held["partner"].pk]) not in body
    client.force_login(side.users["sekda"])
    body = client.get(reverse("coordination:meeting", args=[meeting.pk])).content.decode()
    assert f'href="{own}"' in body and f'href="{other}"' in body


def test_an_agency_not_invited_or_removed_does_not_see_the_meeting(held, client):
    side, meeting = held["side"], held["meeting"]
    invited = {row.unit_id for row in held["rows"]} - {held["removed"].unit_id}
    assert assignment_of(side.users["agency_head_other"]).unit_id not in invited
    removed = user_with_role("bkt_removed_head", "agency_head", held["removed"].unit)
    for user in (side.users["agency_head_other"], removed):
        outsider = _api(user)
        for path in ("", "documents/minutes.pdf/", "documents/invitation.pdf/"):
            response = outsider.get(f"/api/v1/meetings/{meeting.pk}/{path}")
            assert response.status_code == 404, (user.username, path)
        client.force_login(user)
        for name in ("coordination:meeting", "coordination:minutes-pdf"):
            response = client.get(reverse(name, args=[meeting.pk]))
            assert response.status_code == 404, (user.username, name)


def test_before_the_meeting_is_held_an_invited_agency_has_no_notulen_yet(world):
    side = world.bkt
    meeting = _scheduled(side)
    api = _api(side.users["agency_head"])
    body = api.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert body["decisions"] == [] and body["minutes"]["text"] == ""
    assert set(body["documents"]) == {"invitation_pdf", "invitation_ics"}
    response = api.get(f"/api/v1/meetings/{meeting.pk}/documents/minutes.pdf/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("The minutes exist once the meeting is held;")
    assert api.get(f"/api/v1/meetings/{meeting.pk}/").json()["minutes"] == {
        "text": "",
        "taker": "",
        "recorded_at": None,
    }
