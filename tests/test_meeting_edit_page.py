"""Secretariat staff change a scheduled meeting: same checks and citations as scheduling, and
the invitees get the changed undangan."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core import mail
from django.urls import reverse

from coordination.follow_ups.tests.helpers import meeting_input, schedule
from coordination.meetings import invitations as inv
from coordination.meetings import scheduling as svc
from coordination.meetings.models import Meeting

FUTURE = datetime.date(2030, 6, 5)


@pytest.fixture
def browse(client):
    def login(user):
        client.cookies["django_language"] = "en"
        client.force_login(user)
        return client

    return login


def test_the_form_opens_with_the_meeting_and_saves_a_new_time(
    browse, world, django_capture_on_commit_callbacks
):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=FUTURE), staff)
    inv.send_invitations(meeting, staff)
    url = reverse("coordination:meeting-edit", args=[meeting.pk])
    client = browse(staff)
    page = html.unescape(client.get(url).content.decode())
    assert meeting.title in page and 'value="2030-06-05"' in page and "Laporan situasi" in page
    data = {
        "title": meeting.title,
        "convener": side.setda.pk,
        "scope": "general",
        "form": "hierarki",
        "kind": "rapat",
        "mode": "langsung",
        "periodicity": "insidental",
        "recurrence": "",
        "date": "2030-06-06",
        "start_time": "13:00",
        "end_time": "15:00",
        "place": "Aula Balaikota",
        "online_link": "",
        "affairs": [a.pk for a in meeting.affairs.all()],
        "agenda": "Laporan situasi\nLangkah penanganan\nPenutup",
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (
        meeting.local_start.date() == datetime.date(2030, 6, 6) and meeting.local_start.hour == 13
    )
    assert meeting.place == "Aula Balaikota" and meeting.agenda.count() == 3
    assert mail.outbox and "bkt_kadis@example.go.id" in mail.outbox[0].to
    # An Asisten convening general matters is refused, citing the provision, input kept.
    refused = client.post(url, {**data, "convener": side.asisten.pk, "title": "Judul baru"})
    body = html.unescape(refused.content.decode())
    assert refused.status_code == 200 and "Perwal Bukittinggi 4/2017 Pasal 9 huruf c" in body
    assert 'value="Judul baru"' in body
    meeting.refresh_from_db()
    assert meeting.title != "Judul baru"


def test_only_the_secretariat_changes_and_only_before_it_is_held(browse, world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=FUTURE), staff)
    url = reverse("coordination:meeting-edit", args=[meeting.pk])
    assert browse(side.users["sekda"]).get(url).status_code == 403
    assert browse(world.kukar.users["secretariat_staff"]).get(url).status_code == 404
    svc.cancel_meeting(meeting, staff, "Ditunda")
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"
    assert browse(staff).get(url).status_code == 403
