"""What the user sees of the upload checks: the API answers an upload with what was removed
from the PDF (and refuses embedded files and decompression bombs with a 400 on ``file``), and
the follow-up page says so in a notice. The checks themselves are tested in
coordination/core/tests/test_upload_sanitising.py, whose PDF builders these tests share."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from coordination.core.tests.test_upload_sanitising import (
    active_content,
    pdf_with,
    png_claiming,
    upload,
    with_embedded_file,
    with_javascript,
    with_open_action,
)
from coordination.follow_ups.models import Evidence
from coordination.follow_ups.tests.helpers import during, held_meeting
from coordination.meetings.models import MeetingDocument
from coordination.reports.models import ReportAttachment
from tests.test_form_refusals import invited
from tests.test_reports_pages import draft
from tests.visible import assert_visible


def api_client(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_the_api_stores_the_cleaned_pdf_and_says_what_was_removed(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (item,) = held_meeting(side)
    head = api_client(side.users["agency_head"])
    response = head.post(
        f"/api/v1/follow-ups/{item.pk}/evidence/",
        {"file": upload("bukti.pdf", pdf_with(with_open_action))},
    )
    assert response.status_code == 201, response.content
    assert "an action run on opening" in response.json()["notice"]
    stored = b"".join(head.get(response.json()["download"]).streaming_content)
    assert (
        active_content(stored) == [] and Evidence.objects.get().sha256 == response.json()["sha256"]
    )
    listed = head.get(f"/api/v1/follow-ups/{item.pk}/evidence/").json()
    assert listed[0]["notice"] is None  # the notice answers the upload only


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bukti.pdf", pdf_with(with_embedded_file), "embedded files"),
        ("foto.png", png_claiming(20_000, 20_000), "too large in pixels"),
    ],
)
def test_the_api_refuses_embedded_files_and_bombs_with_a_400(
    world, settings, tmp_path, name, data, message
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (item,) = held_meeting(side)
    response = api_client(side.users["agency_head"]).post(
        f"/api/v1/follow-ups/{item.pk}/evidence/", {"file": upload(name, data)}
    )
    assert response.status_code == 400 and message in response.json()["file"][0]
    assert not Evidence.objects.exists()


def test_the_follow_up_page_tells_what_was_removed_from_the_pdf(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (item,) = held_meeting(side)
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(side.users["agency_head"])
    url = reverse("coordination:follow-up-report", args=[item.pk])
    response = client.post(
        url,
        {"action": "attach", "file": upload("bukti.pdf", pdf_with(with_javascript))},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "JavaScript and automatic actions were removed from this PDF" in page
    assert active_content(Evidence.objects.get().file.read()) == []


def test_the_report_page_tells_what_was_removed_and_the_api_answers_it_too(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkl
    report = draft(side)
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(side.users["agency_head"])
    response = client.post(
        reverse("coordination:report-attach", args=[report.pk]),
        {"file": upload("capaian.pdf", pdf_with(with_javascript))},
        follow=True,
    )
    assert response.status_code == 200
    assert "JavaScript and automatic actions were removed" in response.content.decode()
    response = api_client(side.users["agency_head"]).post(
        f"/api/v1/reports/{report.pk}/attachments/",
        {"file": upload("lagi.pdf", pdf_with(with_open_action))},
    )
    assert response.status_code == 201 and "run on opening" in response.json()["notice"]
    assert all(active_content(row.file.read()) == [] for row in ReportAttachment.objects.all())


def test_the_minutes_form_tells_what_was_removed_and_keeps_what_was_typed(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    meeting = invited(side)
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(side.users["secretariat_staff"])
    with during(meeting):
        response = client.post(
            reverse("coordination:minutes", args=[meeting.pk]),
            {
                "minutes": "Rapat membahas fogging.",
                "add": "file",
                "file": upload("daftar-hadir.pdf", pdf_with(with_open_action)),
            },
        )
    assert_visible(response.content, "were removed from this PDF")
    assert_visible(response.content, "Rapat membahas fogging.")
    assert active_content(MeetingDocument.objects.get().file.read()) == []
