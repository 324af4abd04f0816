"""Follow-ups: lifecycle with audit, the Sekda's receipt, evidence files, and escalation that
sends each reminder once (claim rows, unique per follow-up and kind)."""

import datetime
import io
import zipfile
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from coordination.follow_ups import escalation
from coordination.follow_ups.models import Evidence, FollowUp, ReminderLog
from coordination.follow_ups.services import add_evidence, receive_report, transition, update_report
from coordination.follow_ups.tests.helpers import held_meeting
from coordination.oversight.services import TakeoverInput, record_takeover

D = datetime.date


def noon(region, day):
    return datetime.datetime.combine(day, datetime.time(12), zoneinfo.ZoneInfo(region.timezone))


def test_the_unit_head_moves_own_follow_up_and_every_move_is_audited(world):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 3, 18))
    head, sekda = side.users["agency_head"], side.users["sekda"]
    for stranger in (
        side.users["agency_head_other"],
        side.users["agency_staff"],
        side.users["secretariat_staff"],
        world.bkt.users["agency_head"],
    ):
        with pytest.raises(PermissionDenied):
            transition(follow_up, "in_progress", stranger)
    with pytest.raises(ValidationError, match="cannot become done"):
        transition(follow_up, "done", head)
    transition(follow_up, "in_progress", head)
    with pytest.raises(ValidationError) as exc:
        transition(follow_up, "done", head)
    # The refusal names the route of the report: through the Sekda, Pasal 13 ayat (4).
    assert "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (4)" in " ".join(exc.value.messages)
    update_report(follow_up, head, "Vaksin disiapkan untuk 3 kecamatan.")
    transition(follow_up, "done", head)
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and follow_up.done_at
    trail = list(follow_up.transitions.values_list("from_status", "to_status", "actor__username"))
    assert trail == [("open", "in_progress", "kukar_kadis"), ("in_progress", "done", "kukar_kadis")]
    with pytest.raises(PermissionDenied):
        receive_report(follow_up, head)
    with pytest.raises(ValidationError, match="why the report is returned"):
        transition(follow_up, "in_progress", sekda)
    transition(follow_up, "in_progress", sekda, note="Lampirkan daftar penerima.")
    transition(follow_up, "done", head)
    receive_report(follow_up, sekda)
    follow_up.refresh_from_db()
    assert follow_up.sekda_received_by == sekda
    assert follow_up.transitions.count() == 4
    assert (
        follow_up.transitions.get(to_status="in_progress", actor=sekda).note
        == "Lampirkan daftar penerima."
    )
    with pytest.raises(ValidationError, match="already received"):
        receive_report(follow_up, sekda)


def test_assignment_and_report_notify_by_email(world):
    side = world.kukar
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        _meeting, (follow_up,) = held_meeting(side, day=D(2026, 3, 18))
    # E-mails go out in the portal's language, Bahasa Indonesia by default.
    assigned = [
        m
        for m in mail.outbox
        if "kukar_kadis@example.go.id" in m.to and m.subject.startswith("Tindak lanjut untuk")
    ]
    assert assigned and "Pasal 13 ayat (5)" in assigned[0].body
    assert "Batas waktu" in assigned[0].body and "2 hari kerja" in assigned[0].body
    head = side.users["agency_head"]
    transition(follow_up, "in_progress", head)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        transition(follow_up, "done", head, report="Selesai.")
    assert [m.to for m in mail.outbox] == [["kukar_sekda@example.go.id"]]


def _pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (260 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", b"<html><body>not a pdf</body></html>", "not a PDF"),
        ("kosong.pdf", b"", "empty"),
        ("data.xlsx", "zip-bomb", "unsafe size"),
        ("skrip.exe", b"MZ\x90\x00", "not accepted"),
    ],
)
def test_bad_evidence_is_refused_and_leaves_no_file(
    world, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side)
    before = _stored_files()
    data = _zip_bomb() if content == "zip-bomb" else content
    with pytest.raises(ValidationError) as exc:
        add_evidence(follow_up, SimpleUploadedFile(name, data), side.users["agency_head"])
    assert message.lower() in " ".join(exc.value.messages).lower()
    assert _stored_files() == before
    assert not Evidence.objects.exists()


def test_oversized_evidence_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_MAX_UPLOAD_MB = 1
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side)
    big = _pdf_bytes() + b"%" * (1024 * 1024 + 10)
    with pytest.raises(ValidationError, match="1 MB"):
        add_evidence(follow_up, SimpleUploadedFile("besar.pdf", big), side.users["agency_head"])
    assert _stored_files() == set()


def test_good_evidence_is_stored_under_a_generated_name_outside_the_web_root(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side)
    with pytest.raises(PermissionDenied):
        add_evidence(
            follow_up, SimpleUploadedFile("a.pdf", _pdf_bytes()), side.users["agency_head_other"]
        )
    evidence = add_evidence(
        follow_up, SimpleUploadedFile("../../bukti.pdf", _pdf_bytes()), side.users["agency_head"]
    )
    assert evidence.content_type == "application/pdf" and len(evidence.sha256) == 64
    stored = Path(evidence.file.path)
    assert stored.is_file() and stored.is_relative_to(tmp_path / "media")
    assert "bukti" not in stored.name and stored.suffix == ".pdf"
    assert settings.MEDIA_URL is None


# --- Escalation ---------------------------------------------------------------------------


def test_reminders_fire_once_at_their_working_day_even_when_the_scan_runs_twice(world):
    side = world.kukar
    region = side.region
    # Meeting Wed 3 June 2026; 2 working days → due Fri 5 June; escalation 2 working days after
    # the due date → Tue 9 June.
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    assert follow_up.due_date == D(2026, 6, 5)
    mail.outbox.clear()
    assert escalation.scan(noon(region, D(2026, 6, 3)), [region.pk]) == []
    sent = escalation.scan(noon(region, D(2026, 6, 4)), [region.pk])
    assert [(s.follow_up_id, s.kind) for s in sent] == [(follow_up.pk, "before_due")]
    assert escalation.scan(noon(region, D(2026, 6, 4)), [region.pk]) == []
    assert mail.outbox[-1].to == ["kukar_kadis@example.go.id"]
    sent = escalation.scan(noon(region, D(2026, 6, 5)), [region.pk])
    assert [s.kind for s in sent] == ["at_due"]
    assert mail.outbox[-1].to == ["kukar_asisten@example.go.id"]  # the Asisten of the portfolio
    assert escalation.scan(noon(region, D(2026, 6, 8)), [region.pk]) == []
    sent = escalation.scan(noon(region, D(2026, 6, 9)), [region.pk])
    assert [s.kind for s in sent] == ["sekda"]
    assert mail.outbox[-1].to == ["kukar_sekda@example.go.id"]
    assert escalation.scan(noon(region, D(2026, 6, 10)), [region.pk]) == []
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.filter(follow_up=follow_up, sent_at__isnull=False).count() == 3


def test_a_late_first_scan_sends_every_reminder_due_so_far_once(world):
    side = world.kukar
    _meeting, (_follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    mail.outbox.clear()
    sent = escalation.scan(noon(side.region, D(2026, 6, 12)), [side.region.pk])
    assert sorted(s.kind for s in sent) == ["at_due", "sekda"]
    assert escalation.scan(noon(side.region, D(2026, 6, 12)), [side.region.pk]) == []


def test_done_follow_ups_are_not_escalated(world):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    head = side.users["agency_head"]
    transition(follow_up, "in_progress", head)
    transition(follow_up, "done", head, report="Selesai.")
    assert escalation.scan(noon(side.region, D(2026, 6, 12)), [side.region.pk]) == []


def test_a_claim_whose_worker_died_is_taken_over_and_a_live_one_is_not(world):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    now = noon(side.region, D(2026, 6, 5))
    # A worker claimed the at-due notice and died before sending.
    ReminderLog.objects.create(
        follow_up=follow_up,
        kind="at_due",
        claimed_at=now - datetime.timedelta(minutes=1),
        claim_token="00000000-0000-0000-0000-000000000001",
    )
    assert escalation.scan(now, [side.region.pk]) == []  # the claim is still live
    later = now + escalation.CLAIM_LEASE + datetime.timedelta(minutes=1)
    sent = escalation.scan(later, [side.region.pk])
    assert [s.kind for s in sent] == ["at_due"]
    log = ReminderLog.objects.get(follow_up=follow_up, kind="at_due")
    assert log.attempts == 2 and log.sent_at and "kukar_asisten" in log.recipients


def test_a_failed_send_is_not_marked_sent_and_is_retried(world, monkeypatch):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    now = noon(side.region, D(2026, 6, 5))

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr(escalation.notify, "send", broken)
    with pytest.raises(ConnectionError):
        escalation.scan(now, [side.region.pk])
    assert ReminderLog.objects.get(follow_up=follow_up, kind="at_due").sent_at is None
    monkeypatch.undo()
    sent = escalation.scan(now + escalation.CLAIM_LEASE * 2, [side.region.pk])
    assert [s.kind for s in sent] == ["at_due"]


def test_during_a_takeover_escalation_goes_to_who_took_over(world):
    side = world.kukar
    _meeting, (_follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    record_takeover(
        TakeoverInput(
            unit=side.dinas,
            taken_by=side.setda,
            start=D(2026, 6, 1),
            end=D(2026, 6, 30),
            reason="Kejadian luar biasa",
        ),
        side.users["sekda"],
    )
    mail.outbox.clear()
    sent = escalation.scan(noon(side.region, D(2026, 6, 5)), [side.region.pk])
    assert [s.kind for s in sent] == ["at_due"]
    assert mail.outbox[-1].to == ["kukar_sekda@example.go.id"]
    assert "Pasal 14 ayat (1)" in mail.outbox[-1].body
    assert ReminderLog.objects.get(kind="at_due").recipient_unit_id == side.setda.pk


def test_overdue_query(world):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    assert list(FollowUp.objects.overdue(D(2026, 6, 8))) == [follow_up]
    assert not FollowUp.objects.overdue(D(2026, 6, 5)).exists()


def test_the_sekda_returns_with_a_note_but_does_not_rewrite_the_report(world):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    head, sekda = side.users["agency_head"], side.users["sekda"]
    transition(follow_up, "in_progress", head)
    transition(follow_up, "done", head, report="Laporan unit.")
    with pytest.raises(ValidationError, match="the unit rewrites it"):
        transition(follow_up, "in_progress", sekda, note="Kurang data", report="Teks Sekda")
    follow_up.refresh_from_db()
    assert follow_up.report == "Laporan unit." and follow_up.status == "done"


def test_someone_who_may_not_act_learns_nothing_of_the_status(world):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    with pytest.raises(PermissionDenied):
        transition(follow_up, "done", side.users["agency_head_other"])


def test_the_unit_sees_its_own_evidence_and_no_one_elses(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side)
    evidence = add_evidence(
        follow_up, SimpleUploadedFile("a.pdf", _pdf_bytes()), side.users["agency_head"]
    )
    assert side.users["agency_staff"].has_perm("coordination.view_evidence", evidence)
    assert side.users["sekda"].has_perm("coordination.view_evidence", evidence)
    assert not side.users["agency_head_other"].has_perm("coordination.view_evidence", evidence)
    assert not world.kukar.users["sekda"].has_perm("coordination.view_evidence", evidence)


def test_a_file_the_storage_lost_is_a_clear_404_not_a_crash(world, settings, tmp_path):
    from django.http import Http404

    from coordination.core.uploads import serve

    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    _meeting, (follow_up,) = held_meeting(side)
    evidence = add_evidence(
        follow_up, SimpleUploadedFile("a.pdf", _pdf_bytes()), side.users["agency_head"]
    )
    response = serve(evidence)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    Path(evidence.file.path).unlink()
    with pytest.raises(Http404, match="missing from the portal's storage"):
        serve(Evidence.objects.get(pk=evidence.pk))
