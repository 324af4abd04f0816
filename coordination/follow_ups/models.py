"""Decisions of a meeting (the minutes), the follow-ups (tindak lanjut) they give each unit,
the audit trail of every change of status, the evidence, and the reminders sent about them."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.core.models import NoticeOutcome
from coordination.meetings.models import Meeting
from orgchart.models import Unit
from regulations.models import Region


class Decision(models.Model):
    """One decision in the minutes (notulen) of a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("decision"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="decision_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:80]}"

    @property
    def owning_region_id(self) -> int:
        return self.meeting.region_id


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user) -> FollowUpQuerySet:
        """The region's leaders and secretariat see the region's follow-ups; an agency sees
        its own unit's only; nobody else sees any (deny by default)."""
        from coordination.core.access import follow_up_scope

        scope = follow_up_scope(user)
        if scope is None:
            return self.none()
        if scope == "all":
            return self.all()
        region_id, unit_id = scope
        rows = self.filter(region_id=region_id)
        return rows if unit_id is None else rows.filter(unit_id=unit_id)

    def pending(self) -> FollowUpQuerySet:
        return self.exclude(status=FollowUp.Status.DONE)

    def overdue(self, day: datetime.date) -> FollowUpQuerySet:
        return self.pending().filter(due_date__lt=day)


class FollowUp(models.Model):
    """A follow-up action a decision assigns to one unit, due a number of working days after
    the meeting (e.g. Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5))."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    # Allowed moves; "done" back to "in progress" is the Sekda returning a report.
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.OPEN: frozenset({Status.IN_PROGRESS}),
        Status.IN_PROGRESS: frozenset({Status.DONE}),
        Status.DONE: frozenset({Status.IN_PROGRESS}),
    }

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("region")
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("decision")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("unit")
    )
    action = models.TextField(_("action to take"))
    due_date = models.DateField(_("due date"), db_index=True)
    due_working_days = models.PositiveSmallIntegerField(_("working days allowed"))
    due_source = models.CharField(
        _("source of the deadline"),
        max_length=300,
        blank=True,
        help_text=_("The provision that sets the period; empty for the portal's default."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    report = models.TextField(_("follow-up report"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    sekda_received_at = models.DateTimeField(_("received by the Sekda"), null=True, blank=True)
    sekda_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["region", "status", "due_date"])]
        constraints = [
            models.UniqueConstraint(fields=["decision", "unit"], name="followup_unique_unit"),
            models.CheckConstraint(
                condition=~Q(status="done") | (Q(done_at__isnull=False) & ~Q(report="")),
                name="followup_done_has_report",
                violation_error_message=_(
                    "A follow-up is done only with the report of what was done."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.action[:80]}"

    @property
    def owning_region_id(self) -> int:
        return self.region_id

    @property
    def has_legal_deadline(self) -> bool:
        return bool(self.due_source)

    def is_overdue(self, day: datetime.date) -> bool:
        return self.status != self.Status.DONE and self.due_date < day


class FollowUpTransition(models.Model):
    """Who moved a follow-up from one status to another, when, and why."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=FollowUp.Status.choices)
    to_status = models.CharField(max_length=12, choices=FollowUp.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["follow_up", "at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def owning_region_id(self) -> int:
        return self.follow_up.region_id


def evidence_path(instance: Evidence, filename: str) -> str:
    """A generated name under the region: the user's file name is never a path on disk."""
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{instance.follow_up.region_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A file that proves a follow-up (bukti dukung): checked by coordination.core.uploads, kept
    outside the web root, served only to those who may see the follow-up."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["follow_up", "uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name

    @property
    def owning_region_id(self) -> int:
        return self.follow_up.region_id


class ReminderLog(NoticeOutcome):
    """One reminder about one follow-up, at most once (unique follow_up + kind).

    The escalation scan claims a row before it sends, and marks it sent after: a second scan
    finds the row and sends nothing; a claim whose worker died (claimed long ago, never sent)
    is taken over by the next scan, so no reminder is lost. What became of it (delivered,
    to a fallback, undelivered) is recorded on the row (NoticeOutcome).
    """

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("reminder to the unit head, one working day before")
        AT_DUE = "at_due", _("notice to the coordinator at the due date")
        SEKDA = "sekda", _("escalation to the Sekda")

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    recipient_unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipients = models.TextField(_("sent to"), blank=True)
    claimed_at = models.DateTimeField()
    claim_token = models.UUIDField()
    attempts = models.PositiveSmallIntegerField(default=1)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["follow_up", "claimed_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["follow_up", "kind"], name="reminderlog_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.follow_up_id} {self.kind}"

    @property
    def owning_region_id(self) -> int:
        return self.follow_up.region_id
