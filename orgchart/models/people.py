"""Positions inside units, the officials who hold them, and their appointments."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgchart.models.roles import region_scope
from orgchart.models.units import Unit
from regulations.models import Region
from regulations.nip import format_nip, normalise_nip, validate_nip


class Position(models.Model):
    """A post inside a unit. ``level`` counts down from the head (1), so that "the official one
    level below" (Pasal 9 huruf f) is the holder of a level-2 post in the same unit."""

    class Echelon(models.TextChoices):
        NONE = "", _("non-echelon")
        I_B = "I.b", "I.b"
        II_A = "II.a", "II.a (JPT Pratama)"
        II_B = "II.b", "II.b (JPT Pratama)"
        III_A = "III.a", "III.a (Administrator)"
        III_B = "III.b", "III.b (Administrator)"
        IV_A = "IV.a", "IV.a (Pengawas)"
        IV_B = "IV.b", "IV.b (Pengawas)"

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit")
    )
    title = models.CharField(_("name of the position"), max_length=300)
    level = models.PositiveSmallIntegerField(
        _("level in the unit"), help_text=_("1 for the head, 2 for one level below, …")
    )
    echelon = models.CharField(
        _("echelon"), max_length=5, choices=Echelon.choices, blank=True, default=""
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "level", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(level=1),
                name="position_one_head_per_unit",
                violation_error_message=_("The unit already has a head (a post at level 1)."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1),
                name="position_level_positive",
                violation_error_message=_("Levels count from 1, the head of the unit."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owning_region_id(self) -> int:
        return self.unit.region_id

    @property
    def is_head(self) -> bool:
        return self.level == 1

    def is_levels_below(self, other: Position, levels: int = 1) -> bool:
        """True if this post is exactly ``levels`` below ``other`` in the same unit."""
        return self.unit_id == other.unit_id and self.level == other.level + levels


class OfficialQuerySet(models.QuerySet):
    def visible_to(self, user) -> OfficialQuerySet:
        """NIPs are personal data: officials of the user's own region only."""
        scope = region_scope(user)
        if scope is None:
            return self.none()
        if scope == "all":
            return self.all()
        return self.filter(region_id=scope)


class Official(models.Model):
    """A person who holds positions: a civil servant (with NIP) or an external officer."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="officials", verbose_name=_("region")
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("With academic titles, as written.")
    )
    nip = models.CharField(
        _("NIP"),
        max_length=24,
        blank=True,
        validators=[validate_nip],
        help_text=_("18 digits, e.g. 19780605 200212 1 002. Empty for non-civil-servants."),
    )

    objects = OfficialQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="official_unique_nip",
                violation_error_message=_("Another official already has this NIP."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.nip = normalise_nip(self.nip)
        super().save(*args, **kwargs)

    @property
    def owning_region_id(self) -> int:
        return self.region_id

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip) if self.nip else ""


class AppointmentQuerySet(models.QuerySet):
    def as_of(self, day: datetime.date) -> AppointmentQuerySet:
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))

    def acting_first(self) -> AppointmentQuerySet:
        """Order so that whoever actually acts comes first: a Plh stands in for a definitive
        head who is away, a Plt fills a vacancy, a Pj is an appointed interim head."""
        order = [When(kind=kind, then=Value(rank)) for rank, kind in enumerate(ACTING_PRIORITY)]
        return self.annotate(acting_rank=Case(*order, output_field=IntegerField())).order_by(
            "acting_rank", "-start"
        )

    def heads_of(self, unit: Unit, day: datetime.date) -> AppointmentQuerySet:
        return self.as_of(day).filter(position__unit=unit, position__level=1).acting_first()

    def visible_to(self, user) -> AppointmentQuerySet:
        return self.all()  # Who holds which office is public.


class Appointment(models.Model):
    """An official holding a position from ``start`` to ``end`` (inclusive)."""

    class Kind(models.TextChoices):
        DEFINITIF = "definitif", _("definitive")
        PLT = "plt", _("Plt. (pelaksana tugas)")
        PLH = "plh", _("Plh. (pelaksana harian)")
        PJ = "pj", _("Pj. (penjabat)")

    official = models.ForeignKey(
        Official, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("official")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("position")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DEFINITIF)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    decree = models.CharField(_("decree (SK) number"), max_length=120, blank=True)
    basis = models.TextField(
        _("basis"), blank=True, help_text=_("What proves the appointment, if not a decree.")
    )

    objects = AppointmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "-start"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="appointment_period_ordered",
                violation_error_message=_("An appointment cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        prefix = {"plt": "Plt. ", "plh": "Plh. ", "pj": "Pj. "}.get(self.kind, "")
        return f"{prefix}{self.position} — {self.official}"

    @property
    def owning_region_id(self) -> int:
        return self.position.unit.region_id

    @property
    def is_acting(self) -> bool:
        return self.kind != self.Kind.DEFINITIF

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": gettext("An appointment cannot end before it starts.")})
        if not (self.position_id and self.start):
            return
        overlapping = (
            Appointment.objects.filter(position_id=self.position_id, kind=self.kind)
            .exclude(pk=self.pk)
            .filter(Q(end__isnull=True) | Q(end__gte=self.start))
        )
        if self.end:
            overlapping = overlapping.filter(start__lte=self.end)
        clash = overlapping.select_related("official").first()
        if clash:
            raise ValidationError(
                gettext(
                    "%(official)s already holds this position as %(kind)s from %(start)s; "
                    "end that appointment first."
                )
                % {
                    "official": clash.official,
                    "kind": clash.get_kind_display(),
                    "start": clash.start,
                }
            )


ACTING_PRIORITY = (
    Appointment.Kind.PLH,
    Appointment.Kind.PLT,
    Appointment.Kind.PJ,
    Appointment.Kind.DEFINITIF,
)
