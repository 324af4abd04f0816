"""The government-affairs taxonomy (urusan pemerintahan) and which units carry or coordinate
each affair."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgchart.models.units import Unit
from orgchart.vocabulary import UnitKind
from regulations import citations
from regulations.models import Regulation
from regulations.validity import ValidityPeriod, period_constraint, valid_with_source


class Affair(models.Model):
    """An urusan of UU 23/2014 (with Permendagri 90/2019 codes), a sub-urusan, or a supporting
    function; reference data loaded from fixtures/reference/affairs.yaml."""

    class Group(models.TextChoices):
        WAJIB_DASAR = "wajib_dasar", _("mandatory, basic services")
        WAJIB_NON_DASAR = "wajib_non_dasar", _("mandatory, not basic services")
        PILIHAN = "pilihan", _("optional")
        PEMERINTAHAN_UMUM = "pemerintahan_umum", _("general government")
        PENUNJANG = "penunjang", _("supporting functions")
        PENGAWASAN = "pengawasan", _("supervision")
        KEWILAYAHAN = "kewilayahan", _("territorial (kecamatan)")
        SEKRETARIAT = "sekretariat", _("secretariat")
        LAINNYA = "lainnya", _("other functions named in regulations")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("sub-affair of"),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("government affair (urusan)")
        verbose_name_plural = _("government affairs (urusan)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class UnitAffairQuerySet(models.QuerySet):
    def as_of(self, day: datetime.date) -> UnitAffairQuerySet:
        return self.filter(valid_with_source(day, "regulation"))

    def visible_to(self, user) -> UnitAffairQuerySet:
        return self.all()


class UnitAffair(ValidityPeriod):
    """A unit carries out an affair (a Dinas), or coordinates it (an Asisten's bidang, as in
    Pasal 11 of Perwal Bukittinggi 4/2017)."""

    class Role(models.TextChoices):
        CARRIES_OUT = "carries_out", _("carries out")
        COORDINATES = "coordinates", _("coordinates")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="affairs", verbose_name=_("unit")
    )
    affair = models.ForeignKey(
        Affair, on_delete=models.PROTECT, related_name="units", verbose_name=_("affair")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    regulation = models.ForeignKey(
        Regulation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unit_affairs",
        verbose_name=_("source regulation"),
    )
    citation = models.CharField(_("source provision"), max_length=120, blank=True)
    wording = models.CharField(
        _("wording in the source"), max_length=300, blank=True, help_text=_("Verbatim.")
    )

    objects = UnitAffairQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit affair")
        verbose_name_plural = _("unit affairs")
        constraints = [
            models.UniqueConstraint(fields=["unit", "affair", "role"], name="unitaffair_unique"),
            period_constraint("unitaffair_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_role_display()} {self.affair}"

    @property
    def owning_region_id(self) -> int:
        return self.unit.region_id

    def save(self, *args, **kwargs) -> None:
        if self.citation:
            self.citation = citations.canonical(self.citation)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if (
            self.role == self.Role.COORDINATES
            and self.unit_id
            and self.unit.kind
            not in {
                UnitKind.ASISTEN,
                UnitKind.SETDA,
                UnitKind.STAF_AHLI,
            }
        ):
            raise ValidationError(
                {
                    "role": gettext(
                        "Only an Asisten, the Sekda or a Staf Ahli coordinates an affair."
                    )
                }
            )
        if self.citation:
            try:
                citations.canonical(self.citation)
            except citations.CitationSyntaxError as exc:
                raise ValidationError({"citation": str(exc)}) from exc
