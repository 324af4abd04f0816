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
from regulations.models.texts import AmbiguousCitation, Annex, Provision, ProvisionNotFound
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
        _("provision"),
        max_length=120,
        help_text=_('The main provision that sets the rule, e.g. "Pasal 21 ayat (1)".'),
    )
    # A rule may rest on several provisions (Perwal Banjar 6/2023: reports periodically in
    # Pasal 21 ayat (1), through the Sekda in (2), through the Asisten in (3)). The main one
    # stays in ``citation`` so that the unique constraint still means one rule per provision.
    also_cites = models.JSONField(
        _("further provisions"),
        default=list,
        blank=True,
        help_text=_('The other provisions it rests on, e.g. ["Pasal 21 ayat (2)"].'),
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
    def citations(self) -> list[str]:
        """Every provision the rule rests on, the main one first."""
        return [self.citation, *self.also_cites]

    @property
    def cited(self) -> str:
        """ "Pasal 21 ayat (1), (2) dan (3)": all of them, as a drafter joins them."""
        return citations.display_many(self.citations)

    @property
    def source(self) -> str:
        """ "Perwal Banjar 6/2023 Pasal 21 ayat (1), (2) dan (3)"."""
        return self.regulation.cite(self.cited)

    def save(self, *args, **kwargs) -> None:
        self.citation = citations.canonical(self.citation)
        self.also_cites = [citations.canonical(text) for text in self.also_cites]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {**self._value_errors(), **self._citation_errors()}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = gettext("The end of validity cannot precede its start.")
        if errors:
            raise ValidationError(errors)

    def _value_errors(self) -> dict[str, str]:
        schema = SCHEMAS.get(self.kind)
        if schema is None:
            return {}
        try:
            jsonschema.validate(self.value, schema)
        except jsonschema.ValidationError as exc:
            path = "/".join(str(part) for part in exc.absolute_path) or gettext("value")
            return {
                "value": gettext("%(path)s: %(message)s") % {"path": path, "message": exc.message}
            }
        return {}

    def _citation_errors(self) -> dict[str, str]:
        """Each citation resolves in the regulation, and none is given twice."""
        further = self.also_cites if isinstance(self.also_cites, list) else [self.also_cites]
        errors: dict[str, str] = {}
        for field, texts in (("citation", [self.citation]), ("also_cites", further)):
            problems = [problem for text in texts if (problem := self._citation_problem(text))]
            if problems:
                errors[field] = " ".join(problems)
        if errors:
            return errors
        cited = [citations.canonical(text) for text in [self.citation, *further]]
        if len(set(cited)) < len(cited):
            return {
                "also_cites": gettext("Each provision is cited once: %(cited)s.")
                % {"cited": ", ".join(cited)}
            }
        return {}

    def _citation_problem(self, text: object) -> str:
        """Why ``text`` cannot be cited here, or "": it must be a citation of a provision or
        Lampiran that the regulation has (once its text is loaded)."""
        if not isinstance(text, str):
            return gettext("“%(value)s” is not a citation.") % {"value": text}
        try:
            canonical = citations.canonical(text)
        except citations.CitationSyntaxError as exc:
            return str(exc)
        if not self.regulation_id or not self.regulation.provisions.exists():
            return ""
        manager = Annex.objects if canonical.startswith("Lampiran") else Provision.objects
        try:
            manager.resolve(self.regulation, canonical)
        except (citations.CitationSyntaxError, ProvisionNotFound, AmbiguousCitation) as exc:
            return str(exc)
        return ""
