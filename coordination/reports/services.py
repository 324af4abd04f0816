"""Filing and routing written reports.

An agency head drafts the report of a period (or an incidental one), attaches files, and
submits it; a submitted version never changes. It then travels as the region's rule says:
reviewed by the Asisten in charge where the rule routes it through the Asisten (Perwal Banjar
6/2023 Pasal 21 ayat (3)), received by the Sekda, and accepted for the Kepala Daerah; or to
the Bappeda (Perwal Bengkulu 24/2018 Pasal 14 angka 25) or the parent unit (Pasal 20 ayat
(3)). Any step may return it with notes; the unit then revises it as a new version."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coordination.core import notify
from coordination.core.uploads import DOCX, PDF, XLSX, store, validate_upload
from coordination.core.workdays import region_today
from coordination.reports.access import (
    STEP_ROLES,
    STEP_STATUS,
    actor_units,
    is_filer,
    may_act,
    next_step,
)
from coordination.reports.models import (
    Report,
    ReportAttachment,
    ReportingObligation,
    ReportingPeriod,
    ReportLine,
    ReportStep,
)
from coordination.reports.obligations import obliged_units
from orgchart.models import Unit

MAX_ATTACHMENTS = 20
ATTACHMENT_KINDS = (PDF, DOCX, XLSX)


# --- Drafting -----------------------------------------------------------------------------


@dataclass
class LineInput:
    program: str
    activity: str
    target_realisation: Decimal
    budget_absorption: Decimal


@dataclass
class ReportInput:
    summary: str = ""
    achievements: str = ""
    problems: str = ""
    plans: str = ""
    title: str = ""
    lines: list[LineInput] = field(default_factory=list)


@transaction.atomic
def start_report(
    obligation: ReportingObligation, period: ReportingPeriod | None, unit: Unit, user
) -> Report:
    """Open the draft of ``unit``'s report for ``period`` (None: an incidental report, where
    the obligation allows them). One live version per unit and period."""
    if not is_filer(user, unit):
        raise PermissionDenied(gettext("Only the head of the unit files its reports."))
    day = region_today(obligation.region)
    _check_obliged(obligation, period, unit, day)
    if period is None:
        _check_incidental(obligation)
    else:
        _check_period(obligation, period, unit, day)
    try:
        with transaction.atomic():
            return Report.objects.create(
                region_id=obligation.region_id,
                obligation=obligation,
                period=period,
                unit=unit,
                created_by=user,
            )
    except IntegrityError:  # another request opened it at the same moment
        raise ValidationError(
            {
                "period": gettext("%(unit)s already has a report for %(label)s.")
                % {"unit": unit.name, "label": period.label if period else ""}
            }
        ) from None


def _check_obliged(
    obligation: ReportingObligation,
    period: ReportingPeriod | None,
    unit: Unit,
    day: datetime.date,
) -> None:
    """The obligation's provision (e.g. Pasal 16 ayat (2)) is in force and obliges the unit:
    on the period's last day (a unit dissolved since still owes it), or today."""
    if not obligation.active:
        raise ValidationError(
            {
                "obligation": gettext("%(source)s is no longer in force.")
                % {"source": obligation.source}
            }
        )
    obliged_on = min(period.end, day) if period is not None else day
    if unit.region_id != obligation.region_id or unit.pk not in {
        u.pk for u in obliged_units(obligation, obliged_on)
    }:
        raise ValidationError(
            {
                "unit": gettext("%(source)s does not oblige %(unit)s to file this report.")
                % {"source": obligation.source, "unit": unit.name}
            }
        )


def _check_incidental(obligation: ReportingObligation) -> None:
    """A report outside the periods only where the provision allows incidental reports."""
    if not obligation.incidental:
        raise ValidationError(
            {
                "period": gettext("%(source)s sets no incidental reports; choose a period.")
                % {"source": obligation.source}
            }
        )


def _check_period(
    obligation: ReportingObligation, period: ReportingPeriod, unit: Unit, day: datetime.date
) -> None:
    """A period of this obligation that has begun, and no report of the unit for it yet (a
    returned one is revised as a new version, not started again)."""
    if period.obligation_id != obligation.pk:
        raise ValidationError({"period": gettext("This period belongs to another obligation.")})
    if period.start > day:
        raise ValidationError(
            {"period": gettext("The period %(label)s has not begun.") % {"label": period.label}}
        )
    existing = Report.objects.filter(period=period, unit=unit).order_by("-version").first()
    if existing is not None:
        raise ValidationError(
            {
                "period": gettext(
                    "%(unit)s already has a report for %(label)s (version %(version)d, %(status)s)."
                )
                % {
                    "unit": unit.name,
                    "label": period.label,
                    "version": existing.version,
                    "status": existing.get_status_display(),
                }
            }
        )


def _check(report: Report, data: ReportInput) -> None:
    errors: dict[str, list[str]] = {}
    if report.incidental and not data.title.strip():
        errors["title"] = [gettext("An incidental report needs a title.")]
    for index, line in enumerate(data.lines, start=1):
        if not line.program.strip():
            errors.setdefault("lines", []).append(
                gettext("Line %(number)d: name the program.") % {"number": index}
            )
        for value in (line.target_realisation, line.budget_absorption):
            if value is None or not Decimal(0) <= Decimal(value) <= Decimal(100):
                errors.setdefault("lines", []).append(
                    gettext("Line %(number)d: percentages run from 0 to 100.") % {"number": index}
                )
                break
    if data.lines and report.obligation.form != ReportingObligation.Form.BAPPEDA:
        errors.setdefault("lines", []).append(
            gettext("Program lines belong to reports to the Bappeda.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_draft(report: Report, data: ReportInput, user) -> Report:
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("obligation")
        .get(pk=report.pk)
    )
    if not is_filer(user, report):
        raise PermissionDenied(gettext("Only the head of the unit files its reports."))
    if not report.editable:
        raise ValidationError(
            gettext("A submitted report does not change; revise it as a new version.")
        )
    _check(report, data)
    report.title = data.title.strip()[:300]
    report.summary = data.summary.strip()
    report.achievements = data.achievements.strip()
    report.problems = data.problems.strip()
    report.plans = data.plans.strip()
    report.save()
    report.lines.all().delete()
    ReportLine.objects.bulk_create(
        ReportLine(
            report=report,
            position=index,
            program=line.program.strip()[:300],
            activity=line.activity.strip()[:300],
            target_realisation=Decimal(line.target_realisation),
            budget_absorption=Decimal(line.budget_absorption),
        )
        for index, line in enumerate(data.lines, start=1)
    )
    return report


def missing_fields(report: Report) -> list[str]:
    missing = [
        label
        for name, label in (
            ("summary", gettext("summary")),
            ("achievements", gettext("achievements")),
            ("problems", gettext("problems (kendala)")),
            ("plans", gettext("plans")),
        )
        if not getattr(report, name).strip()
    ]
    if report.obligation.form == ReportingObligation.Form.BAPPEDA and not report.lines.exists():
        missing.append(gettext("target realisation and budget absorption per program"))
    return missing


@transaction.atomic
def submit(report: Report, user) -> Report:
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("obligation", "period")
        .get(pk=report.pk)
    )
    if not is_filer(user, report):
        raise PermissionDenied(gettext("Only the head of the unit files its reports."))
    if not report.editable:
        raise ValidationError(gettext("This version was already submitted."))
    missing = missing_fields(report)
    if missing:
        raise ValidationError(
            gettext("%(source)s: fill in %(fields)s before submitting.")
            % {"source": report.obligation.source, "fields": ", ".join(missing)}
        )
    now = timezone.now()
    report.status = Report.Status.SUBMITTED
    report.submitted_at = now
    first = report
    while first.previous_id:
        first = first.previous
    report.first_submitted_at = first.first_submitted_at or now
    report.save()
    _step(report, Report.Status.DRAFT, Report.Status.SUBMITTED, user, "")
    _notify_next(report)
    return report


@transaction.atomic
def advance(report: Report, user, note: str = "") -> Report:
    """Take the step the report waits for: review, receive or accept."""
    report = _locked(report)
    step = next_step(report)
    if step is None or not may_act(user, report):
        raise PermissionDenied(gettext("This report does not wait for you."))
    previous = report.status
    report.status = STEP_STATUS[step]
    report.save(update_fields=["status"])
    _step(report, previous, report.status, user, note.strip())
    _notify_next(report)
    _notify_filer(report, "report_advanced", note)
    return report


@transaction.atomic
def return_report(report: Report, user, note: str) -> Report:
    """Send the report back to the unit with notes, from any step."""
    report = _locked(report)
    if next_step(report) is None or not may_act(user, report):
        raise PermissionDenied(gettext("This report does not wait for you."))
    if not note.strip():
        raise ValidationError({"note": gettext("Write what the unit must revise.")})
    previous = report.status
    report.status = Report.Status.RETURNED
    report.save(update_fields=["status"])
    _step(report, previous, Report.Status.RETURNED, user, note.strip())
    _notify_filer(report, "report_returned", note)
    return report


@transaction.atomic
def revise(report: Report, user) -> Report:
    """A new draft version of a returned report, with its content and lines; the returned
    version stays as it was."""
    report = _locked(report)
    if not is_filer(user, report):
        raise PermissionDenied(gettext("Only the head of the unit files its reports."))
    if report.status != Report.Status.RETURNED:
        raise ValidationError(gettext("Only a returned report is revised."))
    if hasattr(report, "superseded_by"):
        raise ValidationError(gettext("This version was already revised."))
    draft = Report.objects.create(
        region_id=report.region_id,
        obligation=report.obligation,
        period=report.period,
        unit=report.unit,
        version=report.version + 1,
        previous=report,
        title=report.title,
        summary=report.summary,
        achievements=report.achievements,
        problems=report.problems,
        plans=report.plans,
        created_by=user,
        first_submitted_at=report.first_submitted_at,
    )
    ReportLine.objects.bulk_create(
        ReportLine(
            report=draft,
            position=line.position,
            program=line.program,
            activity=line.activity,
            target_realisation=line.target_realisation,
            budget_absorption=line.budget_absorption,
        )
        for line in report.lines.all()
    )
    ReportAttachment.objects.bulk_create(
        ReportAttachment(
            report=draft,
            file=attachment.file.name,
            original_name=attachment.original_name,
            content_type=attachment.content_type,
            size=attachment.size,
            sha256=attachment.sha256,
            uploaded_by=attachment.uploaded_by,
        )
        for attachment in report.attachments.all()
    )
    return draft


def add_attachment(report: Report, upload, user) -> ReportAttachment:
    """Check the file from its content (PDF, DOCX or XLSX only) before anything is written."""
    if not is_filer(user, report):
        raise PermissionDenied(gettext("Only the head of the unit files its reports."))
    checked = validate_upload(upload, ATTACHMENT_KINDS)
    with transaction.atomic():
        report = _locked(report)
        if not report.editable:
            raise ValidationError(
                gettext("A submitted report does not change; revise it as a new version.")
            )
        if report.attachments.count() >= MAX_ATTACHMENTS:
            raise ValidationError(
                gettext("A report holds at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
            )
        attachment = ReportAttachment(report=report, uploaded_by=user)
        store(attachment, upload, checked)
    return attachment


@transaction.atomic
def remove_attachment(attachment: ReportAttachment, user) -> None:
    """Take a file off a draft. The stored file goes too, unless an earlier version (whose
    files a revision shares) still holds it."""
    report = _locked(attachment.report)
    if not is_filer(user, report):
        raise PermissionDenied(gettext("Only the head of the unit files its reports."))
    if not report.editable:
        raise ValidationError(
            gettext("A submitted report does not change; revise it as a new version.")
        )
    name = attachment.file.name
    attachment.delete()
    if not ReportAttachment.objects.filter(file=name).exists():
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(name))


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("obligation", "period", "unit", "region")
        .get(pk=report.pk)
    )


def _step(report: Report, from_status: str, to_status: str, user, note: str) -> None:
    ReportStep.objects.create(
        report=report, from_status=from_status, to_status=to_status, actor=user, note=note
    )


def _notify_next(report: Report) -> None:
    step = next_step(report)
    if step is None:
        return
    units = actor_units(report, step, region_today(report.region))
    roles = sorted(STEP_ROLES[step])
    pk = report.pk
    transaction.on_commit(
        lambda: notify.send(
            notify.users_of_units(units, roles),
            "report_waiting",
            {"report": Report.objects.select_related("unit", "period", "obligation").get(pk=pk)},
        )
    )


def _notify_filer(report: Report, template: str, note: str) -> None:
    pk, unit_id = report.pk, report.unit_id
    transaction.on_commit(
        lambda: notify.send(
            notify.unit_heads(unit_id),
            template,
            {
                "report": Report.objects.select_related("unit", "period", "obligation").get(pk=pk),
                "note": note,
            },
        )
    )
