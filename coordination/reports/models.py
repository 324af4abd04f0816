"""Periodic written reports to the Kepala Daerah (e.g. Pasal 16 ayat (2) of Perwal Bukittinggi
4/2017): the obligations the region's rules set, their periods, the reports agencies file
(versioned, immutable once submitted), their attachments, and every step of their routing."""

from __future__ import annotations

import datetime
import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.core.models import NoticeOutcome
from coordination.reports.access import reports_visible_to
from coordination.reports.choices import ObligationRecipient, ReportStatus
from orgchart.labels import kinds_label, role_label
from orgchart.models import Unit
from orgchart.vocabulary import PERANGKAT_DAERAH
from regulations.models import Region, Rule


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    SEMESTER = "semester", _("per semester")
    ANNUAL = "annual", _("annual")


class ObligationQuerySet(models.QuerySet):
    def active(self) -> ObligationQuerySet:
        return self.filter(active=True)


class ReportingObligation(models.Model):
    """Who reports what, to whom, through whom, how often, and by when, as one of the region's
    rules (``rule``) says. Derived by coordination.reports.obligations; the cadence and the
    due offset fall back to the portal's defaults where the text is silent, and say so."""

    Recipient = ObligationRecipient

    class Form(models.TextChoices):
        STANDARD = "standard", _("written report")
        BAPPEDA = "bappeda", _("monitoring of programs and activities")

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("region")
    )
    rule = models.ForeignKey(
        Rule, on_delete=models.PROTECT, related_name="obligations", verbose_name=_("rule")
    )
    source = models.CharField(_("provision"), max_length=300)
    name = models.CharField(_("name"), max_length=300)
    reporter_kinds = models.JSONField(_("kinds of unit that report"), default=list)
    recipient = models.CharField(_("reports to"), max_length=20, choices=Recipient.choices)
    through = models.JSONField(_("through"), default=list, blank=True)
    cadence = models.CharField(_("cadence"), max_length=10, choices=Cadence.choices)
    cadence_source = models.CharField(
        _("source of the cadence"),
        max_length=300,
        blank=True,
        help_text=_(
            "Empty when the text says only 'periodically' and the portal's default applies."
        ),
    )
    incidental = models.BooleanField(_("incidental reports too"), default=False)
    due_working_days = models.PositiveSmallIntegerField(_("working days after the period ends"))
    due_source = models.CharField(_("source of the deadline"), max_length=300, blank=True)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, default=Form.STANDARD)
    active = models.BooleanField(_("active"), default=True)

    objects = ObligationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "pk"]
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        constraints = [
            models.UniqueConstraint(fields=["rule"], name="obligation_one_per_rule"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owning_region_id(self) -> int:
        return self.region_id

    @property
    def display_name(self) -> str:
        """ "Written report of Perangkat Daerah to Walikota", in the reader's language (the
        ``name`` column keeps it in Bahasa Indonesia for the admin and exports' history)."""
        kinds = set(self.reporter_kinds)
        reporters = sorted(kinds - PERANGKAT_DAERAH)
        if kinds >= PERANGKAT_DAERAH:
            reporters = ["Perangkat Daerah", *reporters]
        return gettext("Written report of %(reporters)s to %(recipient)s") % {
            "reporters": kinds_label(reporters or sorted(kinds)),
            "recipient": role_label(self.region, self.recipient),
        }


class ReportingPeriod(models.Model):
    """One period of an obligation (e.g. the third quarter of 2026), with its due date in
    working days after it ends. Created ahead by Celery beat; unique, so creating is
    idempotent."""

    obligation = models.ForeignKey(
        ReportingObligation, on_delete=models.CASCADE, related_name="periods"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    due_date = models.DateField(_("due date"), db_index=True)
    label = models.CharField(_("period"), max_length=60)

    class Meta:
        ordering = ["obligation", "start"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["obligation", "start"], name="period_unique_start"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="period_order",
                violation_error_message=_("A reporting period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} — {self.label}"

    @property
    def owning_region_id(self) -> int:
        return self.obligation.region_id

    @property
    def display_label(self) -> str:
        """The period in the reader's language ("Quarter III 2026", "Triwulan III 2026"); the
        ``label`` column keeps the Indonesian one as the period's key."""
        return label_name(self.label)


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportQuerySet:
        """Agencies see their own unit's reports, an Asisten those of the portfolio, the Sekda,
        the leaders and the secretariat the region's, nobody another region's."""
        return reports_visible_to(self, user)

    def current(self) -> ReportQuerySet:
        return self.filter(superseded_by__isnull=True)


class Report(models.Model):
    """One version of a unit's written report for a period (or an incidental one). A draft is
    editable; once submitted it never changes: a revision is a new version, and the old one
    stays, linked by ``previous``."""

    Status = ReportStatus

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="reports", verbose_name=_("region")
    )
    obligation = models.ForeignKey(
        ReportingObligation, on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("unit")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    problems = models.TextField(_("problems (kendala)"), blank=True)
    plans = models.TextField(_("plans"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(
        _("first submitted at"),
        null=True,
        blank=True,
        help_text=_("When the first version was submitted: what compliance counts."),
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("written report")
        verbose_name_plural = _("written reports")
        indexes = [models.Index(fields=["region", "period", "unit"])]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "version"],
                condition=Q(period__isnull=False),
                name="report_unique_version",
                violation_error_message=_(
                    "The unit already has a report with this version for this period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="report_submitted_has_time",
                violation_error_message=_("A submitted report needs the time it was submitted."),
            ),
        ]

    def __str__(self) -> str:
        what = self.period.label if self.period_id else (self.title or "insidental")
        return f"{self.unit} — {what} (v{self.version})"

    @property
    def owning_region_id(self) -> int:
        return self.region_id

    @property
    def incidental(self) -> bool:
        return self.period_id is None

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT


class ReportLine(models.Model):
    """For reports to Bappeda: target realisation and budget absorption per program or
    activity (e.g. Perwal Bengkulu 24/2018 Pasal 14 angka 24)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    program = models.CharField(_("program"), max_length=300)
    activity = models.CharField(_("activity"), max_length=300, blank=True)
    target_realisation = models.DecimalField(
        _("physical target realised (%)"), max_digits=5, decimal_places=2
    )
    budget_absorption = models.DecimalField(
        _("budget absorbed (%)"), max_digits=5, decimal_places=2
    )

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="reportline_position"),
            models.CheckConstraint(
                condition=Q(target_realisation__gte=0, target_realisation__lte=100)
                & Q(budget_absorption__gte=0, budget_absorption__lte=100),
                name="reportline_percentages",
                violation_error_message=_(
                    "Target realisation and budget absorption are percentages from 0 to 100."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.program


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"reports/{instance.report.region_id}/{uuid.uuid4().hex}{suffix}"


class ReportAttachment(models.Model):
    """A PDF, DOCX or XLSX attached to a report: checked from its content, stored outside the
    web root under a generated name, served only through a view that checks permission."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    @property
    def owning_region_id(self) -> int:
        return self.report.region_id


class ReportStep(models.Model):
    """Who moved a report, from which status to which, when, and with what note."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=10, choices=Report.Status.choices)
    to_status = models.CharField(max_length=10, choices=Report.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ReportReminder(NoticeOutcome):
    """One reminder about one unit's report for one period, at most once: the same claim rows
    as follow-up reminders (coordination.follow_ups.escalation)."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("reminder before the due date")
        LATE = "late", _("late: to the Asisten or the Sekda")

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    recipients = models.TextField(blank=True)
    claimed_at = models.DateTimeField()
    claim_token = models.UUIDField()
    attempts = models.PositiveSmallIntegerField(default=1)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "unit", "claimed_at"]
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "kind"], name="reportreminder_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.unit_id} {self.kind}"

    @property
    def owning_region_id(self) -> int:
        return self.unit.region_id


_MONTHS_ID = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember",
]  # fmt: skip
_STORED = re.compile(r"^(Triwulan|Semester|Tahun) (?:([IV]+) )?(\d{4})$")


def label_name(label: str) -> str:
    """A stored (Indonesian) period label in the reader's language."""
    found = _STORED.match(label)
    if not found:
        month, _space, year = label.partition(" ")
        if month in _MONTHS_ID and year.isdigit():
            return f"{MONTHS[_MONTHS_ID.index(month) + 1]} {year}"
        return label
    kind, number, year = found.groups()
    words = {"number": number or "", "year": int(year)}
    if kind == "Triwulan":
        return gettext("Quarter %(number)s %(year)d") % words
    if kind == "Semester":
        return gettext("Semester %(number)s %(year)d") % words
    return gettext("Year %(year)d") % words


def period_label(cadence: str, start: datetime.date) -> str:
    """ "Triwulan III 2026", "Semester I 2026", "Maret 2026", "Tahun 2026"."""
    roman = ["I", "II", "III", "IV"]
    if cadence == Cadence.QUARTERLY:
        return f"Triwulan {roman[(start.month - 1) // 3]} {start.year}"
    if cadence == Cadence.SEMESTER:
        return f"Semester {roman[(start.month - 1) // 6]} {start.year}"
    if cadence == Cadence.MONTHLY:
        months = [
            "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember",
        ]  # fmt: skip
        return f"{months[start.month - 1]} {start.year}"
    return f"Tahun {start.year}"
