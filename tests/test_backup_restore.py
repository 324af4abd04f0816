"""Backup and restore round trip: a populated portal (regions, a meeting with its minutes'
file, a follow-up with evidence, a written report with an attachment) is backed up, the
database flushed and the files deleted, and the restore brings back every row, every field,
every file's bytes and sound unit trees; damaged archives and non-empty targets are refused."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from pypdf import PdfWriter

from coordination.follow_ups.models import Evidence, FollowUp
from coordination.follow_ups.services import add_evidence
from coordination.follow_ups.tests.helpers import held_meeting
from coordination.management.snapshot import backed_up_models, row_counts
from coordination.meetings.files import add_minutes_document
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import Report, ReportAttachment, ReportingPeriod
from orgchart.integrity import tree_errors
from orgchart.models import Unit
from regulations.models import Region


def pdf_bytes(width: int = 200) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=width, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def populate(world) -> None:
    """A meeting whose minutes hold a file, its follow-up with evidence, a report with an
    attachment: every kind of private file the portal keeps."""
    side = world.bkt
    meeting, (follow_up,) = held_meeting(side)
    add_minutes_document(
        meeting,
        SimpleUploadedFile("daftar-hadir.pdf", pdf_bytes(210)),
        side.users["secretariat_staff"],
    )
    add_evidence(
        follow_up, SimpleUploadedFile("bukti.pdf", pdf_bytes(220)), side.users["agency_head"]
    )
    head = side.users["agency_head"]
    obligation = ob.sync_obligations(side.region, meeting.starts_at.date())[0]
    ob.ensure_periods(obligation, meeting.starts_at.date(), meeting.starts_at.date())
    period = ReportingPeriod.objects.filter(obligation=obligation).first()
    report = rp.start_report(obligation, period, side.dinas, head)
    rp.save_draft(
        report,
        rp.ReportInput(summary="Ringkasan", achievements="Capaian", problems="-", plans="-"),
        head,
    )
    rp.add_attachment(report, SimpleUploadedFile("capaian.pdf", pdf_bytes(230)), head)


def every_row() -> dict[str, list[dict]]:
    """Every backed-up row's fields, by model; references to content types and permissions
    (whose ids each installation chooses) by their natural keys."""
    rows = {}
    for model in backed_up_models():
        fields = []
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in (ContentType, Permission):
                continue
            if model._meta.auto_created and field.primary_key:
                continue  # a many-to-many link's own id: nothing refers to it
            fields.append(field.attname)
        order = fields if model._meta.auto_created else ["pk"]
        rows[model._meta.label] = list(model._base_manager.order_by(*order).values(*fields))
        for row in rows[model._meta.label]:
            row.pop("structure_version", None)  # bumped by loading: caches of it go stale
    return rows


def stored_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def empty_installation(media: Path) -> None:
    """What a new server holds after ``migrate``: content types and permissions (under new
    ids), no rows, no files."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the test's own writes, checked before TRUNCATE
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)


def test_a_populated_portal_survives_backup_flush_and_restore(world, media, tmp_path):
    populate(world)
    counts, rows, files = row_counts(), every_row(), stored_files(media)
    assert counts["coordination.Evidence"] == counts["coordination.ReportAttachment"] == 1
    assert counts["coordination.MeetingDocument"] == 1 and len(files) == 3
    assert counts["orgchart.HistoricalUnit"] > 0
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), verbosity=0)

    empty_installation(media)
    assert not Unit.objects.exists() and not media.exists()
    out = io.StringIO()
    call_command("restore_portal", str(archive), stdout=out)

    assert f"Restored {sum(counts.values())} rows and 3 files" in out.getvalue()
    assert row_counts() == counts
    assert every_row() == rows
    assert stored_files(media) == files
    evidence = Evidence.objects.get()
    assert evidence.file.read() == pdf_bytes(220) and evidence.original_name == "bukti.pdf"
    assert FollowUp.objects.get().unit.name == world.bkt.dinas.name
    assert ReportAttachment.objects.get().report.summary == "Ringkasan"
    assert all(tree_errors(region.pk) == [] for region in Region.objects.all())
    call_command("check_trees", stdout=io.StringIO())  # raises CommandError on any error
    sekda = world.bkt.users["sekda"]
    assert type(sekda).objects.get(pk=sekda.pk).password == sekda.password
    # The id sequences follow the restored rows: the next upload gets a fresh id.
    later = add_evidence(
        FollowUp.objects.get(),
        SimpleUploadedFile("lagi.pdf", pdf_bytes(240)),
        type(sekda).objects.get(pk=world.bkt.users["agency_head"].pk),
    )
    assert later.pk > evidence.pk


def test_the_manifest_names_the_format_vendor_counts_and_every_files_checksum(
    world, media, tmp_path
):
    populate(world)
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), verbosity=0)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["format"] == "portal-backup" and manifest["format_version"] == 1
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["portal_version"] and manifest["created_at"]
    assert manifest["counts"]["coordination.Report"] == Report.objects.count() == 1
    assert "contenttypes.ContentType" not in manifest["counts"]
    assert "coordination.0001_initial" in manifest["migrations"]
    evidence = Evidence.objects.get()
    assert manifest["files"][evidence.file.name]["sha256"] == evidence.sha256
    assert f"media/{evidence.file.name}" in names and "data.jsonl" in names
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_portal", str(archive), verbosity=0)


def test_a_database_with_rows_is_refused_unless_forced(world, media, tmp_path):
    populate(world)
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), verbosity=0)
    counts, rows = row_counts(), every_row()
    with pytest.raises(CommandError, match="already holds rows"):
        call_command("restore_portal", str(archive), verbosity=0)
    Evidence.objects.all().delete()
    Session.objects.create(session_key="x" * 40, session_data="", expire_date=timezone.now())
    call_command("restore_portal", str(archive), "--force", stdout=io.StringIO())
    assert row_counts() == counts and every_row() == rows
    assert not Session.objects.exists()  # nobody stays logged in as someone else's id


def test_a_damaged_archive_is_refused_before_anything_changes(world, media, tmp_path):
    populate(world)
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), verbosity=0)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/") and member.name.endswith(".pdf"):
                data = data.replace(b"%%EOF", b"%%EOX")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    empty_installation(media)
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore_portal", str(damaged), verbosity=0)
    assert not Unit.objects.exists() and not media.exists()
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"<html>not an archive</html>")
    with pytest.raises(CommandError, match="not a readable portal backup"):
        call_command("restore_portal", str(garbage), verbosity=0)
