"""Lines a tree cannot hold: a second coordinator, a command line that skips levels, forum
membership, and the relationship matrix between kinds of unit (Perwal Banjar 6/2023 Pasal 15).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgchart.models.units import Unit
from orgchart.vocabulary import UnitKind
from regulations import citations
from regulations.models import Regulation
from regulations.validity import ValidityPeriod, period_constraint, valid_with_source


class UnitLinkQuerySet(models.QuerySet):
    def as_of(self, day: datetime.date) -> UnitLinkQuerySet:
        return self.filter(valid_with_source(day, "regulation"))

    def with_live_ends(self, day: datetime.date) -> UnitLinkQuerySet:
        """Links whose both ends exist on ``day`` as well (see UnitQuerySet.as_of)."""
        return self.filter(
            valid_with_source(day, "source_regulation", prefix="source__"),
            valid_with_source(day, "source_regulation", prefix="target__"),
        )

    def visible_to(self, user) -> UnitLinkQuerySet:
        return self.all()


class UnitLink(ValidityPeriod):
    """A line from ``source`` to ``target`` besides the tree's parent line."""

    class Kind(models.TextChoices):
        KOORDINASI = "koordinasi", _("coordinates (garis koordinasi)")
        KOMANDO = "komando", _("commands (garis komando)")
        STAF_AHLI = "staf_ahli", _("Staf Ahli in charge of")
        FORUM_MEMBER = "forum_member", _("forum has as member")

    source = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("to")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    regulation = models.ForeignKey(
        Regulation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unit_links",
        verbose_name=_("source regulation"),
    )
    citation = models.CharField(_("source provision"), max_length=120, blank=True)

    objects = UnitLinkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit link")
        verbose_name_plural = _("unit links")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unitlink_unique"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="unitlink_not_self",
                violation_error_message=_("A unit cannot be linked to itself."),
            ),
            period_constraint("unitlink_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"

    @property
    def owning_region_id(self) -> int:
        return self.source.region_id

    @property
    def source_display(self) -> str:
        return self.regulation.cite(self.citation) if self.regulation_id else ""

    def save(self, *args, **kwargs) -> None:
        if self.citation:
            self.citation = citations.canonical(self.citation)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.source_id and self.target_id:
            if self.source.region_id != self.target.region_id:
                errors["target"] = gettext("Both ends of a link must be in the same region.")
            if self.kind == self.Kind.KOORDINASI and self.source.kind not in {
                UnitKind.ASISTEN,
                UnitKind.SETDA,
                UnitKind.WAKIL,
                UnitKind.KEPALA_DAERAH,
            }:
                errors["source"] = gettext(
                    "Only the Kepala Daerah, the Wakil, the Sekda or an Asisten coordinate units."
                )
            if self.kind == self.Kind.STAF_AHLI and self.source.kind != UnitKind.STAF_AHLI:
                errors["source"] = gettext("This kind of link starts at a Staf Ahli.")
            if self.kind == self.Kind.FORUM_MEMBER and self.source.kind != UnitKind.FORUM:
                errors["source"] = gettext("Forum membership starts at the forum.")
        if self.citation:
            try:
                citations.canonical(self.citation)
            except citations.CitationSyntaxError as exc:
                errors["citation"] = str(exc)
        if errors:
            raise ValidationError(errors)


class KindRelation(models.Model):
    """The nature of the work relationship between two kinds of unit, as a regulation sets it:
    e.g. Sekretariat Daerah with Kecamatan is konsultatif, kolegial, … (Banjar Pasal 15)."""

    class Nature(models.TextChoices):
        KONSULTATIF = "konsultatif", _("konsultatif")
        KOLEGIAL = "kolegial", _("kolegial")
        FUNGSIONAL = "fungsional", _("fungsional")
        STRUKTURAL = "struktural", _("struktural")
        KOORDINATIF = "koordinatif", _("koordinatif")
        TEKNIS_FUNGSIONAL = "teknis_fungsional", _("koordinasi teknis fungsional")
        TEKNIS_OPERASIONAL = "teknis_operasional", _("koordinasi teknis operasional")

    regulation = models.ForeignKey(
        Regulation,
        on_delete=models.CASCADE,
        related_name="kind_relations",
        verbose_name=_("regulation"),
    )
    from_kind = models.CharField(_("from kind"), max_length=30, choices=UnitKind.choices)
    to_kind = models.CharField(_("to kind"), max_length=30, choices=UnitKind.choices)
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    citation = models.CharField(_("source provision"), max_length=120)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relationship between kinds of unit")
        verbose_name_plural = _("relationships between kinds of unit")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "from_kind", "to_kind", "nature"],
                name="kindrelation_unique",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_from_kind_display()} – {self.get_to_kind_display()}: "
            f"{self.get_nature_display()}"
        )

    def save(self, *args, **kwargs) -> None:
        self.citation = citations.canonical(self.citation)
        super().save(*args, **kwargs)

    @property
    def owning_region_id(self) -> int:
        return self.regulation.region_id

    def clean(self) -> None:
        try:
            citations.canonical(self.citation)
        except citations.CitationSyntaxError as exc:
            raise ValidationError({"citation": str(exc)}) from exc
