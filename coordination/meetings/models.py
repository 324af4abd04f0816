"""Coordination meetings: the meeting with its agenda, the units invited (and why), their
attendance, and the files the secretariat attaches to the minutes."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgchart.models import Affair, Official, Position, Unit
from regulations.answers import source_text
from regulations.models import Region
from regulations.rule_kinds import RuleKind


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Meetings are internal to a region: its leaders and secretariat see them all, an
        agency sees those it was sent an invitation to or convenes, nobody else sees any."""
        from coordination.core.access import follow_up_scope

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
    recorded_afterwards = models.BooleanField(
        _("recorded after it was held"),
        default=False,
        help_text=_(
            "A meeting already held, entered afterwards: no undangan was sent by the portal."
        ),
    )
    letter_number = models.CharField(
        _("letter number (Nomor)"),
        max_length=80,
        blank=True,
        help_text=_("The invitation letter's number, from the region's sequence of the year."),
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
                violation_error_message=_("A meeting cannot end before it starts."),
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

    # The rule kind behind each provision stored in ``sources``, for its display.
    SOURCE_KINDS = {
        "convener": RuleKind.MEETING_CONVENERS,
        "form": RuleKind.COORDINATION_FORMS,
        "kind": RuleKind.MEETING_KINDS,
        "mode": RuleKind.MEETING_MODES,
        "periodicity": RuleKind.MEETING_PERIODICITY,
    }

    def provisions(self) -> dict[str, str]:
        """The provisions the meeting was checked against, by field, as printed in the reader's
        language: the citation stored, or the notice that the portal's default applies."""
        sources = self.sources or {}
        texts = {}
        for name, kind in self.SOURCE_KINDS.items():
            if name not in sources:
                continue
            if name == "convener" and sources.get("convener_basis") == "forum":
                texts[name] = sources[name] or gettext("the forum's own basis")
            else:
                texts[name] = source_text(kind, sources[name])
        return texts

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
        # Whether the rule itself reads and fits the date: services.meetings.check_recurrence.
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

    class Reason(models.TextChoices):
        """Why the unit is invited; the sentence is composed when shown, in the reader's
        language, from ``reason_data``."""

        CONCERNED = "concerned", _("carries out the meeting's affairs")
        COORDINATES = "coordinates", _("coordinates units that are invited")
        ADDED = "added", _("added by the secretariat")

    proposed = models.BooleanField(_("proposed by the portal"), default=False)
    reason_kind = models.CharField(
        _("why invited"), max_length=12, choices=Reason.choices, default=Reason.ADDED
    )
    reason_data = models.JSONField(
        _("facts behind the reason"),
        default=dict,
        blank=True,
        help_text=_(
            "concerned: the affairs (code, name) and the provision; coordinates: the units' names."
        ),
    )
    reason = models.CharField(
        _("note from the secretariat"),
        max_length=500,
        blank=True,
        help_text=_("What staff wrote when adding the unit, in their own words."),
    )
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
            # A unit the portal proposed (Pasal 9 huruf g) is removed only with a reason.
            models.CheckConstraint(
                condition=models.Q(removed_at__isnull=True)
                | ~models.Q(removal_reason="")
                | models.Q(proposed=False),
                name="invitation_proposed_removal_has_reason",
                violation_error_message=_("A proposed removal needs its reason."),
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

    @property
    def reason_display(self) -> str:
        """Why the unit is invited, composed in the reader's language from the stored facts."""
        data = self.reason_data or {}
        if self.reason_kind == self.Reason.CONCERNED:
            return gettext("carries out %(affairs)s; concerned units must attend (%(source)s)") % {
                "affairs": ", ".join(item["name"] for item in data.get("affairs", [])),
                "source": source_text(RuleKind.CONCERNED_UNITS_ATTEND, data.get("source")),
            }
        if self.reason_kind == self.Reason.COORDINATES:
            return gettext("coordinates %(units)s") % {"units": ", ".join(data.get("units", []))}
        return self.reason or gettext("added by the secretariat")

    @property
    def removal_display(self) -> str:
        """Why the unit was removed, or "" while it is invited."""
        if self.active:
            return ""
        return self.removal_reason or gettext("removed by the secretariat")


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
    attendee_post = models.CharField(
        _("attendee's post"),
        max_length=200,
        blank=True,
        help_text=_("The post of an attendee recorded by name, as they stated it."),
    )
    unverified = models.BooleanField(
        _("not verified against the records"),
        default=False,
        help_text=_(
            "Recorded by name and post because the unit has no officials on record on the day."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    breached = models.BooleanField(
        _("breach of the rules"),
        default=False,
        help_text=_("The head was absent and not represented, although the rule requires it."),
    )
    breach_source = models.CharField(_("provision breached"), max_length=300, blank=True)
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

    @property
    def breach_display(self) -> str:
        """The breach, composed in the reader's language from the provision it breaches."""
        if not self.breached:
            return ""
        return gettext(
            "absent and not represented, although %(source)s requires a representative"
        ) % {"source": self.breach_source or gettext("the region's rule")}


def meeting_document_path(instance: MeetingDocument, filename: str) -> str:
    """A generated name under the region: the user's file name is never a path on disk."""
    suffix = PurePath(filename).suffix.lower()
    return f"meetings/{instance.meeting.region_id}/{uuid.uuid4().hex}{suffix}"


class MeetingDocument(models.Model):
    """A file of the minutes (notulen): checked by coordination.core.uploads, kept outside the web
    root, served only to those who see the meeting's minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=meeting_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "uploaded_at", "pk"]
        verbose_name = _("minutes document")
        verbose_name_plural = _("minutes documents")

    def __str__(self) -> str:
        return self.original_name

    @property
    def owning_region_id(self) -> int:
        return self.meeting.region_id
