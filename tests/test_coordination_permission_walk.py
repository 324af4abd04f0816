"""Every coordination endpoint, called by every role, on objects of the caller's own region and
of another: the status each call answers must be the one the table below expects.

Deny by default: a door the table does not open answers 401 (anonymous), 403 (no right) or
404 (not in the caller's scope, so nothing leaks); an open door answers 2xx, or 400 where the
region's rules refuse the input. A new endpoint without a row fails
``test_every_coordination_endpoint_has_a_row``. Callers are Bukittinggi's; "other" objects are
Kutai Kartanegara's, except written reports, which are Bengkulu's (Kutai Kartanegara's text sets
no reporting obligation).
"""

from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from config.api import router
from coordination.api import ROUTES
from coordination.core.models import RegionalDayOff
from coordination.follow_ups.services import add_evidence, transition
from coordination.follow_ups.tests.helpers import held_meeting, meeting_input, schedule
from coordination.meetings import attendance as att
from coordination.meetings import invitations as inv
from coordination.oversight.models import Takeover, UrgentDecision
from coordination.reports.obligations import ensure_periods, sync_obligations
from coordination.reports.services import (
    ReportInput,
    add_attachment,
    return_report,
    save_draft,
    start_report,
    submit,
)
from tests.factories import UserFactory

D = datetime.date
UPCOMING = datetime.date.today() + datetime.timedelta(days=30)
ROLES = (
    "anonymous",
    "norole",
    "superadmin",
    "kepala_daerah",
    "wakil",
    "sekda",
    "asisten",
    "secretariat_staff",
    "agency_head",
    "agency_staff",
    "agency_head_other",
)

# (url name, method): (expected on the own region's object, on the other region's), one status
# per role in the order of ROLES:
#                         anon  norole super kd   wakil sekda asist setda head staff other
TABLE = {
    ("meeting-list", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 200 200 200 200 200 200 200 200",
    ),
    ("meeting-list", "post"): (
        "401 403 201 403 403 403 403 201 403 403 403",
        "401 403 201 403 403 403 403 403 403 403 403",
    ),
    ("meeting-detail", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-detail", "put"): (
        "401 403 200 403 403 403 403 200 404 404 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-detail", "patch"): (
        "401 403 200 403 403 403 403 200 404 404 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-cancel", "post"): (
        "401 403 200 403 403 403 403 200 404 404 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-send-invitations", "post"): (
        "401 403 200 403 403 403 403 200 404 404 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-invitations", "post"): (
        "401 403 201 403 403 403 403 201 404 404 404",
        "401 403 201 404 404 404 404 404 404 404 404",
    ),
    ("meeting-remove-invitation", "post"): (
        "401 403 200 403 403 403 403 200 404 404 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-attendance", "post"): (
        "401 403 200 403 403 403 403 200 403 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-answer-invitation", "post"): (
        "401 403 200 403 403 403 403 403 200 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-minutes", "post"): (
        "401 403 201 403 403 403 403 201 403 403 404",
        "401 403 201 404 404 404 404 404 404 404 404",
    ),
    ("meeting-invitation-pdf", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-invitation-ics", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("meeting-minutes-pdf", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("followup-list", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 200 200 200 200 200 200 200 200",
    ),
    ("followup-detail", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("followup-transition", "post"): (
        "401 403 200 403 403 403 403 403 200 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("followup-report", "post"): (
        "401 403 200 403 403 403 403 403 200 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("followup-receive", "post"): (
        "401 403 200 403 403 200 403 403 403 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("followup-evidence", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("followup-evidence", "post"): (
        "401 403 201 403 403 403 403 403 201 403 404",
        "401 403 201 404 404 404 404 404 404 404 404",
    ),
    ("followup-download-evidence", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("urgentdecision-list", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 200 200 200 200 200 200 200 200",
    ),
    # Kutai Kartanegara's text gives unit heads no power to decide directly: 400 for the
    # superadmin, who may ask.
    ("urgentdecision-list", "post"): (
        "401 403 201 403 403 403 403 403 201 403 403",
        "401 403 400 403 403 403 403 403 403 403 403",
    ),
    ("urgentdecision-detail", "get"): (
        "401 403 200 200 200 200 200 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("urgentdecision-report", "post"): (
        "401 403 200 403 403 403 403 403 200 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("urgentdecision-receive", "post"): (
        "401 403 200 403 403 200 403 403 403 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("takeover-list", "get"): (
        "401 403 200 200 200 200 200 200 403 403 403",
        "401 403 200 200 200 200 200 200 403 403 403",
    ),
    # Bukittinggi's text provides for no take-over: 400 for those who may ask.
    ("takeover-list", "post"): (
        "401 403 400 400 400 400 403 403 403 403 403",
        "401 403 201 403 403 403 403 403 403 403 403",
    ),
    ("takeover-detail", "get"): (
        "401 403 200 200 200 200 200 200 403 403 403",
        "401 403 200 404 404 404 404 404 403 403 403",
    ),
    ("takeover-end", "post"): (
        "401 403 200 200 200 200 403 403 403 403 403",
        "401 403 200 404 404 404 404 404 403 403 403",
    ),
    ("dayoff-list", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 200 200 200 200 200 200 200 200",
    ),
    ("dayoff-list", "post"): (
        "401 403 201 403 403 403 403 201 403 403 403",
        "401 403 201 403 403 403 403 403 403 403 403",
    ),
    ("dayoff-detail", "delete"): (
        "401 403 204 403 403 403 403 204 403 403 403",
        "401 403 204 404 404 404 404 404 404 404 404",
    ),
    ("coordination-dashboard-list", "get"): (
        "401 403 200 200 200 200 200 200 403 403 403",
        "401 403 200 403 403 403 403 403 403 403 403",
    ),
    # Written reports. The other region's are Bengkulu's (Kutai Kartanegara's text sets no
    # reporting obligation): a Dinas reports through the Asisten and the Sekda there, through
    # the Sekda only in Bukittinggi, so the own report waits for the Sekda. The Asisten sees
    # the reports of the units routed to them today: the take-over staged above moved Dinas
    # kesehatan's coordination to the Setda, so its reports are out of the Asisten's sight.
    ("reportingobligation-list", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 200 200 200 200 200 200 200 200",
    ),
    ("reportingobligation-detail", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("reportingperiod-list", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 200 200 200 200 200 200 200 200",
    ),
    ("reportingperiod-list", "post"): (
        "401 403 201 403 403 403 403 201 403 403 403",
        "401 403 201 403 403 403 403 403 403 403 403",
    ),
    ("report-list", "get"): (
        "401 403 200 200 200 200 200 200 200 200 200",
        "401 403 200 200 200 200 200 200 200 200 200",
    ),
    ("report-list", "post"): (
        "401 403 201 403 403 403 403 403 201 403 403",
        "401 403 201 403 403 403 403 403 403 403 403",
    ),
    ("report-detail", "get"): (
        "401 403 200 200 200 200 404 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("report-detail", "put"): (
        "401 403 200 404 404 404 404 404 200 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("report-detail", "patch"): (
        "401 403 200 404 404 404 404 404 200 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("report-submit", "post"): (
        "401 403 200 404 404 404 404 404 200 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("report-advance", "post"): (
        "401 403 200 403 403 200 404 403 403 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("report-return", "post"): (
        "401 403 200 403 403 200 404 403 403 403 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("report-revise", "post"): (
        "401 403 201 403 403 403 404 403 201 403 404",
        "401 403 201 404 404 404 404 404 404 404 404",
    ),
    ("report-attachments", "post"): (
        "401 403 201 404 404 404 404 404 201 403 404",
        "401 403 201 404 404 404 404 404 404 404 404",
    ),
    ("report-download-attachment", "get"): (
        "401 403 200 200 200 200 404 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("report-pdf", "get"): (
        "401 403 200 200 200 200 404 200 200 200 404",
        "401 403 200 404 404 404 404 404 404 404 404",
    ),
    ("compliance-list", "get"): (
        "401 403 200 200 200 200 200 200 403 403 403",
        "401 403 200 403 403 403 403 403 403 403 403",
    ),
    ("compliance-gaps", "get"): (
        "401 403 200 200 200 200 200 200 403 403 403",
        "401 403 200 403 403 403 403 403 403 403 403",
    ),
}


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def invited_meeting(side, day: datetime.date):
    """Invitations sent and every invitee's attendance recorded: ready for its minutes."""
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=day), staff)
    inv.send_invitations(meeting, staff)
    for invitation in meeting.invitations.filter(removed_at__isnull=True):
        name = "" if invitation.unit_id == side.dinas.pk else "Pejabat (uji)"
        att.record_attendance(
            invitation,
            att.AttendanceInput(status="present", attendee_name=name, attendee_post="Pejabat"),
            staff,
        )
    return meeting


def stage(side) -> SimpleNamespace:
    """One object of each kind in the state each action needs."""
    head, sekda = side.users["agency_head"], side.users["sekda"]
    draft = schedule(meeting_input(side, day=D(2026, 6, 3)), side.users["secretariat_staff"])
    invited = invited_meeting(side, D(2026, 6, 4))
    held, (open_item,) = held_meeting(side, day=D(2026, 6, 5))
    # A meeting still to come, its undangan out: the invited units answer it.
    upcoming = schedule(meeting_input(side, day=UPCOMING), side.users["secretariat_staff"])
    inv.send_invitations(upcoming, side.users["secretariat_staff"])
    _held, (done_item,) = held_meeting(side, day=D(2026, 6, 8))
    transition(done_item, "in_progress", head)
    transition(done_item, "done", head, report="Fogging selesai di 12 kelurahan.")
    evidence = add_evidence(open_item, SimpleUploadedFile("bukti.pdf", pdf_bytes()), head)
    today = timezone.localdate()
    urgent = {
        "region": side.region,
        "unit": side.dinas,
        "decided_on": D(2026, 6, 2),
        "subject": "Wabah diare",
        "decision": "Menutup kantin sekolah",
        "urgency": "Puluhan siswa dirawat",
        "not_a_matter_of_principle": True,
        "source": "Pasal 10",
        "recorded_by": head,
    }
    return SimpleNamespace(
        side=side,
        draft=draft,
        removable=draft.invitations.exclude(unit=side.dinas).first(),
        invited=invited,
        upcoming=upcoming,
        held=held,
        open_item=open_item,
        done_item=done_item,
        evidence=evidence,
        unreported=UrgentDecision.objects.create(**urgent),
        reported=UrgentDecision.objects.create(
            **urgent, reported_at=timezone.now(), reported_by=head
        ),
        takeover=Takeover.objects.create(
            region=side.region,
            unit=side.dinas,
            taken_by=side.setda,
            start=today,
            end=today + datetime.timedelta(days=30),
            reason="Lintas sektor",
            source="Pasal 14 ayat (1)",
            recorded_by=sekda,
        ),
        day_off=RegionalDayOff.objects.create(
            region=side.region, date=D(2026, 8, 20), name="Hari Jadi"
        ),
    )


def stage_reports(side, citation: str, superadmin) -> SimpleNamespace:
    """A Dinas's reports under ``citation``: a draft (Triwulan II 2026), one waiting for its
    next step with a file (Triwulan I), one returned (Triwulan IV 2025), and a period with no
    report yet (Triwulan III)."""
    head = side.users["agency_head"]
    obligation = next(
        o for o in sync_obligations(side.region, D(2026, 6, 1)) if o.source.endswith(citation)
    )
    ensure_periods(obligation, D(2025, 10, 1), D(2026, 9, 30))
    periods = {period.start: period for period in obligation.periods.all()}

    def filled(start: datetime.date):
        report = start_report(obligation, periods[start], side.dinas, head)
        content = ReportInput(summary="Ringkasan", achievements="Capaian", problems="-", plans="-")
        return save_draft(report, content, head)

    waiting = filled(D(2026, 1, 1))
    attachment = add_attachment(waiting, SimpleUploadedFile("capaian.pdf", pdf_bytes()), head)
    returned = submit(filled(D(2025, 10, 1)), head)
    return SimpleNamespace(
        side=side,
        obligation=obligation,
        draft=filled(D(2026, 4, 1)),
        waiting=submit(waiting, head),
        attachment=attachment,
        returned=return_report(returned, superadmin, "Lengkapi capaian"),
        open_period=periods[D(2026, 7, 1)],
    )


def report_requests(r: SimpleNamespace, own: bool) -> dict:
    """(url name, method) -> (url, body, format) for the written reports ``r``."""
    code = r.side.region.code
    query = "" if own else f"?region={code}"
    rep = "/api/v1/reports"
    upload = {"file": SimpleUploadedFile("lampiran.pdf", pdf_bytes(), "application/pdf")}
    draft = {"summary": "Ringkasan", "achievements": "Capaian", "problems": "-", "plans": "-"}
    return {
        ("reportingobligation-list", "get"): (f"/api/v1/report-obligations/{query}", None, None),
        ("reportingobligation-detail", "get"): (
            f"/api/v1/report-obligations/{r.obligation.pk}/",
            None,
            None,
        ),
        ("reportingperiod-list", "get"): (f"/api/v1/report-periods/{query}", None, None),
        ("reportingperiod-list", "post"): (
            "/api/v1/report-periods/",
            {"obligation": r.obligation.pk, "from": "2027-01-01", "to": "2027-12-31"},
            "json",
        ),
        ("report-list", "get"): (f"{rep}/{query}", None, None),
        ("report-list", "post"): (
            f"{rep}/",
            {"obligation": r.obligation.pk, "period": r.open_period.pk, "unit": r.side.dinas.pk},
            "json",
        ),
        ("report-detail", "get"): (f"{rep}/{r.waiting.pk}/", None, None),
        ("report-detail", "put"): (f"{rep}/{r.draft.pk}/", draft, "json"),
        ("report-detail", "patch"): (f"{rep}/{r.draft.pk}/", {"plans": "Rencana"}, "json"),
        ("report-submit", "post"): (f"{rep}/{r.draft.pk}/submit/", {}, "json"),
        ("report-advance", "post"): (f"{rep}/{r.waiting.pk}/advance/", {"note": "Ok"}, "json"),
        ("report-return", "post"): (f"{rep}/{r.waiting.pk}/return/", {"note": "Ulang"}, "json"),
        ("report-revise", "post"): (f"{rep}/{r.returned.pk}/revise/", {}, "json"),
        ("report-attachments", "post"): (f"{rep}/{r.draft.pk}/attachments/", upload, "multipart"),
        ("report-download-attachment", "get"): (
            f"{rep}/{r.waiting.pk}/attachments/{r.attachment.pk}/download/",
            None,
            None,
        ),
        ("report-pdf", "get"): (f"{rep}/{r.waiting.pk}/pdf/", None, None),
        ("compliance-list", "get"): (f"/api/v1/compliance/?region={code}", None, None),
        ("compliance-gaps", "get"): (f"/api/v1/compliance/gaps/?region={code}", None, None),
    }


def meeting_body(side) -> dict:
    """A meeting to come (the portal schedules none in the past)."""
    return {
        "region": side.region.code,
        "title": "Rapat koordinasi",
        "convener": side.setda.pk,
        "scope": "general",
        "form": "hierarki",
        "starts_at": f"{UPCOMING.isoformat()}T13:00:00",
        "ends_at": f"{UPCOMING.isoformat()}T15:00:00",
        "place": "Ruang rapat",
        "affairs": ["1.02"],
        "agenda": ["Laporan situasi"],
    }


def requests(o: SimpleNamespace, own: bool) -> dict:
    """(url name, method) -> (url, body, format) against the objects ``o``."""
    side = o.side
    m, f = "/api/v1/meetings", "/api/v1/follow-ups"
    u, t = "/api/v1/urgent-decisions", "/api/v1/takeovers"
    query = "" if own else f"?region={side.region.code}"
    later = timezone.localdate() + datetime.timedelta(days=60)
    upload = {"file": SimpleUploadedFile("bukti.pdf", pdf_bytes(), "application/pdf")}
    return {
        ("meeting-list", "get"): (f"{m}/{query}", None, None),
        ("meeting-list", "post"): (f"{m}/", meeting_body(side), "json"),
        ("meeting-detail", "get"): (f"{m}/{o.held.pk}/", None, None),
        ("meeting-detail", "put"): (f"{m}/{o.draft.pk}/", meeting_body(side), "json"),
        ("meeting-detail", "patch"): (f"{m}/{o.draft.pk}/", {"title": "Rapat (ubah)"}, "json"),
        ("meeting-cancel", "post"): (f"{m}/{o.draft.pk}/cancel/", {"reason": "Banjir"}, "json"),
        ("meeting-send-invitations", "post"): (f"{m}/{o.draft.pk}/send-invitations/", {}, "json"),
        ("meeting-invitations", "post"): (
            f"{m}/{o.draft.pk}/invitations/",
            {"unit": side.vertical.pk, "reason": "Keamanan"},
            "json",
        ),
        ("meeting-remove-invitation", "post"): (
            f"{m}/{o.draft.pk}/invitations/{o.removable.pk}/remove/",
            {"reason": "Dibahas tersendiri"},
            "json",
        ),
        ("meeting-attendance", "post"): (
            f"{m}/{o.invited.pk}/attendance/",
            {"invitation": o.invited.invitations.get(unit=side.dinas).pk, "status": "present"},
            "json",
        ),
        ("meeting-answer-invitation", "post"): (
            f"{m}/{o.upcoming.pk}/invitations/"
            f"{o.upcoming.invitations.get(unit=side.dinas).pk}/answer/",
            {"response": "attend"},
            "json",
        ),
        ("meeting-minutes", "post"): (
            f"{m}/{o.invited.pk}/minutes/",
            {
                "minutes": "Notulen",
                "decisions": [
                    {
                        "text": "Fogging",
                        "follow_ups": [{"unit": side.dinas.pk, "action": "Laksanakan"}],
                    }
                ],
            },
            "json",
        ),
        ("meeting-invitation-pdf", "get"): (
            f"{m}/{o.held.pk}/documents/invitation.pdf/",
            None,
            None,
        ),
        ("meeting-invitation-ics", "get"): (
            f"{m}/{o.held.pk}/documents/invitation.ics/",
            None,
            None,
        ),
        ("meeting-minutes-pdf", "get"): (f"{m}/{o.held.pk}/documents/minutes.pdf/", None, None),
        ("followup-list", "get"): (f"{f}/{query}", None, None),
        ("followup-detail", "get"): (f"{f}/{o.open_item.pk}/", None, None),
        ("followup-transition", "post"): (
            f"{f}/{o.open_item.pk}/transition/",
            {"to": "in_progress"},
            "json",
        ),
        ("followup-report", "post"): (f"{f}/{o.open_item.pk}/report/", {"report": "Draf"}, "json"),
        ("followup-receive", "post"): (f"{f}/{o.done_item.pk}/receive/", {}, "json"),
        ("followup-evidence", "get"): (f"{f}/{o.open_item.pk}/evidence/", None, None),
        ("followup-evidence", "post"): (f"{f}/{o.open_item.pk}/evidence/", upload, "multipart"),
        ("followup-download-evidence", "get"): (
            f"{f}/{o.open_item.pk}/evidence/{o.evidence.pk}/download/",
            None,
            None,
        ),
        ("urgentdecision-list", "get"): (f"{u}/{query}", None, None),
        ("urgentdecision-list", "post"): (
            f"{u}/",
            {
                "unit": side.dinas.pk,
                "decided_on": "2026-06-02",
                "subject": "Wabah diare",
                "decision": "Menutup kantin",
                "urgency": "Siswa dirawat",
                "not_a_matter_of_principle": True,
            },
            "json",
        ),
        ("urgentdecision-detail", "get"): (f"{u}/{o.unreported.pk}/", None, None),
        ("urgentdecision-report", "post"): (f"{u}/{o.unreported.pk}/report/", {}, "json"),
        ("urgentdecision-receive", "post"): (f"{u}/{o.reported.pk}/receive/", {}, "json"),
        ("takeover-list", "get"): (f"{t}/{query}", None, None),
        ("takeover-list", "post"): (
            f"{t}/",
            {
                "unit": side.dinas.pk,
                "taken_by": side.setda.pk,
                "start": str(later),
                "end": str(later + datetime.timedelta(days=10)),
                "reason": "Lintas sektor",
            },
            "json",
        ),
        ("takeover-detail", "get"): (f"{t}/{o.takeover.pk}/", None, None),
        ("takeover-end", "post"): (f"{t}/{o.takeover.pk}/end/", {}, "json"),
        ("dayoff-list", "get"): (f"/api/v1/days-off/{query}", None, None),
        ("dayoff-list", "post"): (
            "/api/v1/days-off/",
            {"region": side.region.code, "date": "2026-09-01", "name": "Hari Jadi Kota"},
            "json",
        ),
        ("dayoff-detail", "delete"): (f"/api/v1/days-off/{o.day_off.pk}/", None, None),
        ("coordination-dashboard-list", "get"): (
            f"/api/v1/coordination/dashboard/?region={side.region.code}",
            None,
            None,
        ),
        **report_requests(o.reports, own),
    }


def coordination_endpoints() -> set[tuple[str, str]]:
    """(url name, method) of every route the router serves from a coordination viewset or
    under a coordination prefix, however it was registered."""
    prefixes = tuple(f"^{prefix}/" for prefix, _viewset, _basename in ROUTES)
    found = set()
    for pattern in router.urls:
        actions = getattr(pattern.callback, "actions", None)
        viewset = getattr(pattern.callback, "cls", None)
        if actions is None or viewset is None:
            continue
        if not (
            viewset.__module__.startswith("coordination")
            or str(pattern.pattern).startswith(prefixes)
        ):
            continue
        found |= {(pattern.name, method) for method in actions if method not in {"head", "options"}}
    return found


def test_every_coordination_endpoint_has_a_row():
    """A new endpoint (or method) without a row in TABLE fails here, before anyone opens it."""
    endpoints = coordination_endpoints()
    assert endpoints, "no coordination routes found on the router"
    assert endpoints - set(TABLE) == set(), "endpoints missing from the permission table"
    assert set(TABLE) - endpoints == set(), "rows for endpoints that do not exist"


@pytest.fixture
def walk_world(world, settings, tmp_path, monkeypatch):
    """Both regions staged; PDFs stubbed (the walk is about doors, test_documents about PDFs).
    The other region's written reports are Bengkulu's: Kutai Kartanegara's text sets none."""
    from coordination.follow_ups import documents as minutes_documents
    from coordination.meetings import documents
    from coordination.reports import documents as report_documents

    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(documents, "invitation_pdf", lambda meeting: b"%PDF-1.7 stub")
    monkeypatch.setattr(minutes_documents, "minutes_pdf", lambda meeting: b"%PDF-1.7 stub")
    monkeypatch.setattr(report_documents, "report_pdf", lambda report: b"%PDF-1.7 stub")
    users = dict(
        world.bkt.users, superadmin=world.superadmin, norole=UserFactory(username="nobody")
    )
    own, other = stage(world.bkt), stage(world.kukar)
    own.reports = stage_reports(world.bkt, "Pasal 16 ayat (2)", world.superadmin)
    other.reports = stage_reports(world.bkl, "Pasal 12 angka 5", world.superadmin)
    return SimpleNamespace(users=users, own=own, other=other, world=world)


def rows_of(response) -> list[dict] | None:
    if response.status_code != 200 or "json" not in response.get("Content-Type", ""):
        return None
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else None


def test_every_role_gets_exactly_the_doors_the_table_opens(walk_world):
    """Each endpoint × role × (own, other region) answers the status in TABLE; list answers
    never hold another region's rows, and filtering by another region gives none."""
    own_code = walk_world.own.side.region.code
    wrong, leaks = [], []
    for index, role in enumerate(ROLES):
        client = APIClient()
        if role != "anonymous":
            client.force_authenticate(walk_world.users[role])
        for which, staged in (("own", walk_world.own), ("other", walk_world.other)):
            calls = requests(staged, which == "own")
            for key, expected_rows in TABLE.items():
                expected = int(expected_rows[0 if which == "own" else 1].split()[index])
                url, body, fmt = calls[key]
                with transaction.atomic():
                    kwargs = {"format": fmt} if fmt else {}
                    response = getattr(client, key[1])(
                        url, body, HTTP_ACCEPT_LANGUAGE="en", **kwargs
                    )
                    transaction.set_rollback(True)
                if response.status_code != expected:
                    detail = response.content[:160] if response.status_code != 200 else b""
                    wrong.append(
                        f"{key[1].upper()} {key[0]} ({which}) as {role}: expected {expected}, "
                        f"got {response.status_code} {detail!r}"
                    )
                rows = rows_of(response)
                if rows is None or role == "superadmin":
                    continue
                regions = {row["region"] for row in rows}
                if (which == "own" and regions - {own_code}) or (which == "other" and rows):
                    leaks.append(f"{key[0]} ({which}) as {role}: rows of {sorted(regions)}")
    assert not wrong, "\n".join(wrong)
    assert not leaks, "\n".join(leaks)


def test_agencies_list_only_their_own_units_business(walk_world):
    """An agency head lists only its own unit's follow-ups and urgent decisions; another
    agency's head, none of them."""
    bkt = walk_world.world.bkt
    for role, expected in (("agency_head", {bkt.dinas.pk}), ("agency_head_other", set())):
        client = APIClient()
        client.force_authenticate(walk_world.users[role])
        for url in ("/api/v1/follow-ups/", "/api/v1/urgent-decisions/"):
            rows = client.get(url).json()["results"]
            assert {row["unit"]["id"] for row in rows} == expected, (role, url)
