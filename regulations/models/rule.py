"""Per-region rules as data, each citing the provision that sets it."""

from __future__ import annotations

import datetime

import jsonschema
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regulations import citations
from regulations.models.regions import Region, Regulation
from regulations.models.texts import AmbiguousCitation, Provision, ProvisionNotFound
from regulations.rule_kinds import SCHEMAS, RuleKind
from regulations.validity import ValidityPeriod, period_constraint, valid_at


class RuleQuerySet(models.QuerySet):
    def for_region(self, region: Region) -> RuleQuerySet:
        return self.filter(regulation__region=region)

    def as_of(self, day: datetime.date) -> RuleQuerySet:
        """Rules in force on ``day``: their own period and their regulation's both hold."""
        return (
            self.exclude(regulation__status=Regulation.Status.DRAFT)
            .filter(valid_at(day), valid_at(day, prefix="regulation__"))
            .order_by("-regulation__valid_from", "pk")
        )

    def visible_to(self, user) -> RuleQuerySet:
        return self.all()


class Rule(ValidityPeriod):
    """A rule a regulation sets for its region, e.g. follow-up within 2 working days."""

    Kind = RuleKind

    regulation = models.ForeignKey(
        Regulation, on_delete=models.CASCADE, related_name="rules", verbose_name=_("regulation")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=RuleKind.choices)
    value = models.JSONField(_("value"))
    citation = models.CharField(
        _("provision"), max_length=120, help_text=_('e.g. "Pasal 13 ayat (5)"')
    )
    summary = models.TextField(_("summary"), blank=True)

    objects = RuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["regulation", "kind"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "kind", "citation"], name="rule_unique_per_provision"
            ),
            period_constraint("rule_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.source}"

    @property
    def owning_region_id(self) -> int:
        return self.regulation.region_id

    @property
    def source(self) -> str:
        """ "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)"."""
        return self.regulation.cite(self.citation)

    def save(self, *args, **kwargs) -> None:
        self.citation = citations.canonical(self.citation)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        schema = SCHEMAS.get(self.kind)
        if schema is not None:
            try:
                jsonschema.validate(self.value, schema)
            except jsonschema.ValidationError as exc:
                path = "/".join(str(part) for part in exc.absolute_path) or gettext("value")
                errors["value"] = gettext("%(path)s: %(message)s") % {
                    "path": path,
                    "message": exc.message,
                }
        try:
            canonical = citations.canonical(self.citation)
        except citations.CitationSyntaxError as exc:
            errors["citation"] = str(exc)
        else:
            if self.regulation_id and self.regulation.provisions.exists():
                try:
                    Provision.objects.resolve(self.regulation, canonical)
                except (ProvisionNotFound, AmbiguousCitation) as exc:
                    errors["citation"] = str(exc)
        if errors:
            raise ValidationError(errors)
