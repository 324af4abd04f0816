"""Written reports: obligations from the rules, periods, filing, versions, routing, reminders."""

import datetime
import zoneinfo
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from coordination.follow_ups.tests.test_follow_ups import _pdf_bytes, _zip_bomb
from coordination.reports import access as reports_access
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import Report, ReportAttachment, ReportingPeriod, ReportReminder
from coordination.reports.reminders import scan_reports

D = datetime.date
BKL = "Perwal Bengkulu 24/2018"


def obligation_of(side, citation):
    return next(
        o for o in ob.sync_obligations(side.region, D(2026, 6, 1)) if o.source.endswith(citation)
    )


def test_obligations_come_from_the_rules_with_their_provisions(world):
    bkt = ob.sync_obligations(world.bkt.region, D(2026, 6, 1))
    (written,) = bkt
    assert written.source == "Perwal Bukittinggi 4/2017 Pasal 16 ayat (2)"
    assert written.recipient == "kepala_daerah" and written.through == ["sekda"]
    assert written.cadence == "quarterly" and written.cadence_source == ""  # "berkala" only
    assert written.incidental
    assert "instansi_vertikal" in written.reporter_kinds and "dinas" in written.reporter_kinds
    assert "portal default" in ob.cadence_display(written)
    assert ob.sync_obligations(world.kukar.region, D(2026, 6, 1)) == []  # no such rule there
    bkl = {o.source: o for o in ob.sync_obligations(world.bkl.region, D(2026, 6, 1))}
    assert set(bkl) == {
        f"{BKL} Pasal {p}" for p in ("12 angka 5", "13 angka 4", "14 angka 25", "20 ayat (3)")
    }
    bappeda = bkl[f"{BKL} Pasal 14 angka 25"]
    assert bappeda.cadence == "quarterly" and bappeda.cadence_source == bappeda.source
    assert bappeda.form == "bappeda" and bappeda.recipient == "bappeda"
    assert reports_access.bappeda_of(world.bkl.region, D(2026, 6, 1)) == world.bkl.bappeda
    # Idempotent: syncing again changes nothing.
    again = ob.sync_obligations(world.bkl.region, D(2026, 6, 1))
    assert sorted(o.pk for o in again) == sorted(o.pk for o in bkl.values())


def test_periods_cross_the_year_boundary_and_creating_them_twice_creates_nothing(world):
    obligation = obligation_of(world.bkt, "Pasal 16 ayat (2)")
    created = ob.ensure_periods(obligation, D(2026, 11, 1), D(2027, 2, 1))
    assert [(p.start, p.end, p.label) for p in created] == [
        (D(2026, 10, 1), D(2026, 12, 31), "Triwulan IV 2026"),
        (D(2027, 1, 1), D(2027, 3, 31), "Triwulan I 2027"),
    ]
    # Due 10 working days after 31 Dec 2026: 1 Jan (New Year) and 5 Jan 2027 (Isra Mi'raj) are
    # holidays, so the tenth working day is Monday 18 January.
    assert created[0].due_date == D(2027, 1, 18)
    assert ob.ensure_periods(obligation, D(2026, 11, 1), D(2027, 2, 1)) == []
    assert ob.period_bounds("semester", D(2026, 8, 9)) == (D(2026, 7, 1), D(2026, 12, 31))
    assert ob.period_bounds("monthly", D(2026, 12, 9)) == (D(2026, 12, 1), D(2026, 12, 31))
    assert ob.period_bounds("annual", D(2026, 12, 9)) == (D(2026, 1, 1), D(2026, 12, 31))


SECOND_QUARTER = D(2026, 4, 1)


def _period(obligation, day=SECOND_QUARTER):
    ob.ensure_periods(obligation, day, day)
    return ReportingPeriod.objects.get(obligation=obligation, start__lte=day, end__gte=day)


def _filled(report, user, **extra):
    return rp.save_draft(
        report,
        rp.ReportInput(
            summary="Ringkasan",
            achievements="Capaian",
            problems="Kendala",
            plans="Rencana",
            **extra,
        ),
        user,
    )


def test_a_dinas_report_goes_through_the_asisten_and_the_sekda_and_comes_back(world):
    side = world.bkl
    head = side.users["agency_head"]
    obligation = obligation_of(side, "Pasal 12 angka 5")
    period = _period(obligation)
    with pytest.raises(PermissionDenied):
        rp.start_report(obligation, period, side.dinas, side.users["agency_head_other"])
    with pytest.raises(ValidationError, match="does not oblige"):
        rp.start_report(obligation, period, side.bappeda, side.users["bappeda_head"])
    report = rp.start_report(obligation, period, side.dinas, head)
    with pytest.raises(ValidationError, match="fill in"):
        rp.submit(report, head)
    _filled(report, head)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        rp.submit(report, head)
    assert [m.to for m in mail.outbox] == [["bkl_asisten@example.go.id"]]
    with pytest.raises(ValidationError, match="does not change"):
        _filled(report, head)
    # Not the Sekda's turn yet, nor the other Asisten's.
    for user in (side.users["sekda"], side.users["asisten_other"], world.bkt.users["asisten"]):
        with pytest.raises(PermissionDenied):
            rp.advance(report, user)
    with pytest.raises(ValidationError, match="revise"):
        rp.return_report(report, side.users["asisten"], " ")
    rp.return_report(report, side.users["asisten"], "Lengkapi data capaian triwulan.")
    report.refresh_from_db()
    assert report.status == "returned"
    revised = rp.revise(report, head)
    assert (revised.version, revised.previous_id, revised.summary) == (2, report.pk, "Ringkasan")
    with pytest.raises(ValidationError, match="already revised"):
        rp.revise(report, head)
    rp.submit(revised, head)
    rp.advance(revised, side.users["asisten"], "Sudah lengkap")
    rp.advance(revised, side.users["sekda"])
    rp.advance(revised, side.users["sekda"])
    revised.refresh_from_db()
    assert revised.status == "accepted"
    assert revised.first_submitted_at == Report.objects.get(pk=report.pk).first_submitted_at
    steps = list(revised.steps.values_list("from_status", "to_status", "actor__username"))
    assert steps == [
        ("draft", "submitted", "bkl_kadis"),
        ("submitted", "reviewed", "bkl_asisten"),
        ("reviewed", "received", "bkl_sekda"),
        ("received", "accepted", "bkl_sekda"),
    ]
    old = Report.objects.get(pk=report.pk)
    assert old.status == "returned" and old.steps.count() == 2


def test_a_bukittinggi_report_skips_the_asisten_and_incidental_reports_need_a_title(world):
    side = world.bkt
    head = side.users["agency_head"]
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    report = _filled(rp.start_report(obligation, _period(obligation), side.dinas, head), head)
    report = rp.submit(report, head)
    assert reports_access.next_step(report) == reports_access.RECEIVE
    with pytest.raises(PermissionDenied):
        rp.advance(report, side.users["asisten"])
    incidental = rp.start_report(obligation, None, side.dinas, head)
    with pytest.raises(ValidationError, match="title"):
        _filled(incidental, head)
    _filled(incidental, head, title="Kejadian luar biasa DBD")
    incidental = rp.submit(incidental, head)
    assert incidental.incidental and incidental.status == "submitted"


def test_bappeda_reports_carry_program_lines_and_go_to_the_bappeda(world):
    side = world.bkl
    head = side.users["agency_head"]
    obligation = obligation_of(side, "Pasal 14 angka 25")
    report = rp.start_report(obligation, _period(obligation), side.dinas, head)
    _filled(report, head)
    with pytest.raises(ValidationError, match="target realisation"):
        rp.submit(report, head)
    with pytest.raises(ValidationError, match="0 to 100"):
        _filled(report, head, lines=[rp.LineInput("Program A", "", Decimal("120"), Decimal("5"))])
    _filled(
        report,
        head,
        lines=[rp.LineInput("Program pencegahan DBD", "Fogging", Decimal("75.5"), Decimal("60"))],
    )
    rp.submit(report, head)
    with pytest.raises(PermissionDenied):
        rp.advance(report, side.users["sekda"])
    rp.advance(report, side.users["bappeda_head"])
    report.refresh_from_db()
    assert report.status == "accepted" and report.lines.get().budget_absorption == Decimal("60")


def _files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", b"<!DOCTYPE html><html><body>bukan pdf</body></html>", "not a PDF"),
        ("besar.pdf", "big", "larger than 1 MB"),
        ("kosong.docx", b"", "empty"),
        ("anggaran.xlsx", "bomb", "unsafe size"),
        ("foto.png", b"\x89PNG\r\n\x1a\n", "not accepted"),
    ],
)
def test_rejected_attachments_leave_no_stored_file(
    world, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_MAX_UPLOAD_MB = 1
    side = world.bkt
    head = side.users["agency_head"]
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    report = rp.start_report(obligation, _period(obligation), side.dinas, head)
    data = {"big": _pdf_bytes() + b"%" * (1024 * 1024 + 1), "bomb": _zip_bomb()}.get(
        content, content
    )
    with pytest.raises(ValidationError) as exc:
        rp.add_attachment(report, SimpleUploadedFile(name, data), head)
    assert message.lower() in " ".join(exc.value.messages).lower()
    assert _files() == set() and not ReportAttachment.objects.exists()


def test_a_good_attachment_is_stored_privately_and_travels_with_a_revision(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkl
    head = side.users["agency_head"]
    obligation = obligation_of(side, "Pasal 12 angka 5")
    report = _filled(rp.start_report(obligation, _period(obligation), side.dinas, head), head)
    attachment = rp.add_attachment(report, SimpleUploadedFile("capaian.pdf", _pdf_bytes()), head)
    assert Path(attachment.file.path).is_relative_to(tmp_path / "media")
    rp.submit(report, head)
    with pytest.raises(ValidationError, match="does not change"):
        rp.add_attachment(report, SimpleUploadedFile("lagi.pdf", _pdf_bytes()), head)
    rp.return_report(report, side.users["asisten"], "Perbaiki")
    revised = rp.revise(report, head)
    assert revised.attachments.get().file.name == attachment.file.name


def test_report_reminders_fire_once(world):
    side = world.bkt
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    ob.ensure_periods(obligation, D(2026, 4, 1), D(2026, 4, 1))
    period = ReportingPeriod.objects.get(obligation=obligation, start=D(2026, 4, 1))
    assert period.due_date == D(2026, 7, 14)  # 10 working days after 30 June 2026
    zone = zoneinfo.ZoneInfo(side.region.timezone)
    head = side.users["agency_head"]
    report = _filled(
        rp.start_report(obligation, period, side.other_dinas, side.users["agency_head_other"]),
        side.users["agency_head_other"],
    )
    rp.submit(report, side.users["agency_head_other"])
    mail.outbox.clear()
    before = datetime.datetime(2026, 7, 13, 9, tzinfo=zone)
    sent = scan_reports(before, [side.region.pk])
    units = {s.unit_id for s in sent}
    assert side.dinas.pk in units and side.other_dinas.pk not in units
    assert all(s.kind == "before_due" for s in sent)
    assert scan_reports(before, [side.region.pk]) == []
    late = scan_reports(datetime.datetime(2026, 7, 15, 9, tzinfo=zone), [side.region.pk])
    mine = [s for s in late if s.unit_id == side.dinas.pk]
    assert [s.kind for s in mine] == ["late"] and "bkt_sekda" in mine[0].recipients
    assert "bkt_asisten" in mine[0].recipients
    assert scan_reports(datetime.datetime(2026, 7, 16, 9, tzinfo=zone), [side.region.pk]) == []
    assert ReportReminder.objects.filter(unit=side.dinas).count() == 2
    assert head.email in {address for m in mail.outbox for address in m.to}


def test_drafts_stay_with_their_unit_and_inactive_obligations_take_no_reports(world):
    side = world.bkl
    head = side.users["agency_head"]
    obligation = obligation_of(side, "Pasal 12 angka 5")
    report = rp.start_report(obligation, _period(obligation), side.dinas, head)
    assert list(Report.objects.visible_to(side.users["agency_staff"])) == [report]
    for role in ("sekda", "asisten", "secretariat_staff", "kepala_daerah"):
        assert not Report.objects.visible_to(side.users[role]).exists(), role
    rp.submit(_filled(report, head), head)
    assert Report.objects.visible_to(side.users["sekda"]).get() == report
    obligation.active = False
    obligation.save()
    with pytest.raises(ValidationError, match="no longer in force"):
        rp.start_report(obligation, None, side.dinas, head)


def test_the_bappeda_does_not_report_to_itself(world):
    side = world.bkl
    obligation = obligation_of(side, "Pasal 14 angka 25")
    units = {unit.pk for unit in ob.obliged_units(obligation, D(2026, 6, 1))}
    assert side.dinas.pk in units and side.bappeda.pk not in units
    assert obligation.name.startswith("Laporan")  # stored in the portal's language


def test_a_file_comes_off_a_draft_but_not_off_a_submitted_version(world, settings, tmp_path):
    from django.test import TestCase

    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkl
    head = side.users["agency_head"]
    obligation = obligation_of(side, "Pasal 12 angka 5")
    report = _filled(rp.start_report(obligation, _period(obligation), side.dinas, head), head)
    kept = rp.add_attachment(report, SimpleUploadedFile("kept.pdf", _pdf_bytes()), head)
    wrong = rp.add_attachment(report, SimpleUploadedFile("wrong.pdf", _pdf_bytes()), head)
    with pytest.raises(PermissionDenied):
        rp.remove_attachment(wrong, side.users["agency_head_other"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        rp.remove_attachment(wrong, head)
    assert _files() == {Path(kept.file.path)}
    rp.submit(report, head)
    with pytest.raises(ValidationError, match="does not change"):
        rp.remove_attachment(kept, head)
    rp.return_report(report, side.users["asisten"], "Perbaiki")
    revised = rp.revise(report, head)
    shared = revised.attachments.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        rp.remove_attachment(shared, head)
    # Version 1 still holds the file: it stays on disk.
    assert _files() == {Path(kept.file.path)} and report.attachments.count() == 1
