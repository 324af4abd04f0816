"""Coordination meetings (rapat koordinasi): who convenes, who is invited, who attended."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgchart.models import Affair, Official, Position, Unit
from regulations.models import Region


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Meetings are internal to a region: its leaders and secretariat see them all, an
        agency sees those it was sent an invitation to or convenes, nobody else sees any."""
        from coordination.permissions import follow_up_scope

        scope = follow_up_scope(user)
        if scope is None:
            return self.none()
        if scope == "all":
            return self.all()
        region_id, unit_id = scope
        rows = self.filter(region_id=region_id)
        if unit_id is None:
            return rows
        invited = Invitation.objects.filter(
            meeting=models.OuterRef("pk"),
            unit_id=unit_id,
            removed_at__isnull=True,
            sent_at__isnull=False,
        )
        return rows.filter(models.Exists(invited) | models.Q(convener_id=unit_id))


class Meeting(models.Model):
    class Scope(models.TextChoices):
        GENERAL = "general", _("general matters")
        TECHNICAL = "technical", _("technical matters of a portfolio")

    class Form(models.TextChoices):
        HIERARKI = "hierarki", _("hierarki (intersektoral)")
        FUNGSIONAL = "fungsional", _("fungsional (lintas sektoral)")
        INSTANSIONAL = "instansional", _("instansional (multisektoral)")

    class Kind(models.TextChoices):
        RAPAT = "rapat", _("rapat (meeting)")
        PERMINTAAN_DATA = "permintaan_data", _("permintaan data/informasi (data request)")
        KONSULTASI = "konsultasi", _("konsultasi (consultation)")
        FASILITASI_MEDIASI = "fasilitasi_mediasi", _("fasilitasi dan mediasi (facilitation)")

    class Mode(models.TextChoices):
        LANGSUNG = "langsung", _("langsung (in person)")
        ELEKTRONIK = "elektronik", _("elektronik (online)")

    class Periodicity(models.TextChoices):
        INSIDENTAL = "insidental", _("insidental (incidental)")
        PERIODIK = "periodik", _("periodik (periodic)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        INVITED = "invited", _("invitations sent")
        HELD = "held", _("held, minutes recorded")
        CANCELLED = "cancelled", _("cancelled")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("region")
    )
    title = models.CharField(_("title"), max_length=300)
    convener = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="convened_meetings", verbose_name=_("convener")
    )
    scope = models.CharField(_("matter"), max_length=10, choices=Scope.choices)
    form = models.CharField(_("form of coordination"), max_length=15, choices=Form.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RAPAT)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.LANGSUNG)
    periodicity = models.CharField(
        _("periodicity"), max_length=12, choices=Periodicity.choices, default=Periodicity.INSIDENTAL
    )
    recurrence = models.CharField(
        _("recurrence rule"),
        max_length=200,
        blank=True,
        help_text=_(
            "For periodic meetings, an RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=1MO;COUNT=12"
        ),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    affairs = models.ManyToManyField(
        Affair, blank=True, related_name="meetings", verbose_name=_("government affairs")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sources = models.JSONField(
        _("provisions applied"),
        default=dict,
        blank=True,
        help_text=_("The provisions the portal checked the meeting against, by rule."),
    )
    minutes = models.TextField(_("minutes (notulen)"), blank=True)
    minutes_taker = models.CharField(_("minutes taken by"), max_length=200, blank=True)
    minutes_recorded_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)
    minutes_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        indexes = [models.Index(fields=["region", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owning_region_id(self) -> int:
        return self.region_id

    @property
    def local_start(self):
        import zoneinfo

        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.region.timezone))

    @property
    def date(self):
        """The day of the meeting in the region's own time zone: day zero of deadlines."""
        return self.local_start.date()

    def occurrences(self, count: int = 6) -> list:
        """The next starts of a periodic meeting (its RRULE, in the region's own time zone),
        the first one included; an incidental meeting has only its own."""
        if not self.recurrence:
            return [self.local_start]
        from dateutil.rrule import rrulestr

        rule = rrulestr(self.recurrence, dtstart=self.local_start)
        found = []
        for start in rule:
            found.append(start)
            if len(found) >= count:
                break
        return found

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.INVITED)

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = gettext("A meeting ends after it starts.")
        if self.mode == self.Mode.ELEKTRONIK and not self.online_link:
            errors["online_link"] = gettext("An electronic meeting needs its online link.")
        if self.mode == self.Mode.LANGSUNG and not self.place:
            errors["place"] = gettext("A meeting in person needs its place.")
        if self.periodicity == self.Periodicity.PERIODIK and not self.recurrence:
            errors["recurrence"] = gettext("A periodic meeting needs its recurrence rule.")
        if self.periodicity == self.Periodicity.INSIDENTAL and self.recurrence:
            errors["recurrence"] = gettext("An incidental meeting does not recur.")
        if self.recurrence:
            from dateutil.rrule import rrulestr

            try:
                rrulestr(self.recurrence, dtstart=self.starts_at)
            except (ValueError, TypeError) as exc:
                errors["recurrence"] = gettext("Not a valid recurrence rule: %(error)s") % {
                    "error": exc
                }
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("agenda item"))

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agendaitem_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def owning_region_id(self) -> int:
        return self.meeting.region_id


class Invitation(models.Model):
    """A unit invited to a meeting: proposed by the portal (with why) or added by staff.
    A proposed unit removed by staff keeps its row, with the written reason."""

    class Response(models.TextChoices):
        """The invited unit's answer to the undangan, before the meeting."""

        ATTEND = "attend", _("the head attends")
        REPRESENTED = "represented", _("represented by an official")
        UNABLE = "unable", _("cannot attend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="invitations")
    proposed = models.BooleanField(_("proposed by the portal"), default=False)
    reason = models.CharField(_("why invited"), max_length=500, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    sent_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    response = models.CharField(
        _("answer"), max_length=12, choices=Response.choices, blank=True, db_index=True
    )
    response_official = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("representative named in the answer"),
    )
    response_note = models.CharField(_("note with the answer"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "unit__lft"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "unit"], name="invitation_unique_unit"),
            models.CheckConstraint(
                condition=models.Q(removed_at__isnull=True) | ~models.Q(removal_reason=""),
                name="invitation_removal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.unit}"

    @property
    def owning_region_id(self) -> int:
        return self.meeting.region_id

    @property
    def active(self) -> bool:
        return self.removed_at is None


class Attendance(models.Model):
    """How an invited unit was present: its head (acting heads count), a representative, or
    nobody."""

    class Status(models.TextChoices):
        PRESENT = "present", _("head present")
        REPRESENTED = "represented", _("represented")
        ABSENT = "absent", _("absent")

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices)
    official = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("attendee"),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("attendee's position"),
    )
    attendee_name = models.CharField(
        _("attendee's name"),
        max_length=200,
        blank=True,
        help_text=_("For vertical agencies and others outside the structure."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    breach = models.CharField(
        _("breach of the rules"),
        max_length=300,
        blank=True,
        help_text=_("Set when a head required to be represented was absent, with the provision."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.invitation.unit}: {self.get_status_display()}"

    @property
    def owning_region_id(self) -> int:
        return self.invitation.meeting.region_id

    @property
    def attendee(self) -> str:
        return self.official.name if self.official_id else self.attendee_name
