"""The text of a regulation: provisions (BAB … angka), Menimbang/Mengingat, and Lampiran."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regulations import citations
from regulations.models.regions import Regulation


class ProvisionNotFound(LookupError):
    """The citation is well formed but the regulation has no such provision."""


class AmbiguousCitation(LookupError):
    """The source itself numbers two provisions the same way (a flaw in the text)."""


class ProvisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProvisionQuerySet:
        return self.all()  # Published law is public.

    def resolve(self, regulation: Regulation, citation: str) -> Provision:
        """The provision of ``regulation`` that ``citation`` names ("Pasal 9 huruf f")."""
        segments = citations.parse(citation)
        if segments[0].kind == "lampiran":
            raise citations.CitationSyntaxError(
                gettext(
                    "%(citation)s is an annex (Lampiran) of the regulation, not a provision of "
                    "its text: cite a Pasal, ayat, huruf or angka."
                )
                % {"citation": citations.display(segments)}
            )
        matches = list(self.filter(regulation=regulation, key=citations.key(segments))[:2])
        if not matches:
            raise ProvisionNotFound(
                gettext("%(citation)s does not exist in %(regulation)s.")
                % {"citation": citations.display(segments), "regulation": regulation}
            )
        if len(matches) > 1:
            raise AmbiguousCitation(
                gettext("%(regulation)s numbers more than one provision “%(citation)s”.")
                % {"citation": citations.display(segments), "regulation": regulation}
            )
        return matches[0]


class Provision(models.Model):
    """One unit of a regulation's text, kept verbatim: a BAB, Bagian, Paragraf, Pasal, ayat,
    huruf or angka. Document order is ``position``; ``key`` is the citation path used to look
    it up ("pasal:13/ayat:5")."""

    class Kind(models.TextChoices):
        BAB = "bab", "BAB"
        BAGIAN = "bagian", "Bagian"
        PARAGRAF = "paragraf", "Paragraf"
        PASAL = "pasal", "Pasal"
        AYAT = "ayat", "ayat"
        HURUF = "huruf", "huruf"
        ANGKA = "angka", "angka"

    # Which kinds may contain which (None: the top of the text).
    ALLOWED_PARENTS = {
        "bab": {None},
        "bagian": {"bab"},
        "paragraf": {"bab", "bagian"},
        "pasal": {None, "bab", "bagian", "paragraf"},
        "ayat": {"pasal"},
        "huruf": {"pasal", "ayat"},
        "angka": {"pasal", "ayat", "huruf"},
    }

    regulation = models.ForeignKey(
        Regulation,
        on_delete=models.CASCADE,
        related_name="provisions",
        verbose_name=_("regulation"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("contained in"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(
        _("label as printed"), max_length=30, help_text=_('e.g. "(1)", "a.", "1)", "III"')
    )
    number = models.CharField(_("number"), max_length=20, editable=False)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("Verbatim, typos included."))
    position = models.PositiveIntegerField(_("position in the document"))
    key = models.CharField(_("citation key"), max_length=200, db_index=True, editable=False)

    objects = ProvisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["regulation", "position"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "position"], name="provision_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regulation.short_citation} {self.citation}"

    def save(self, *args, **kwargs) -> None:
        self.number = citations.normalise_number(self.kind, self.label)
        self.key = self.compute_key()
        super().save(*args, **kwargs)

    @property
    def owning_region_id(self) -> int:
        return self.regulation.region_id

    @property
    def segment(self) -> citations.Segment:
        return citations.Segment(self.kind, citations.normalise_number(self.kind, self.label))

    def compute_key(self) -> str:
        """A Pasal restarts the path: Pasal numbers are unique across the whole regulation."""
        own = self.segment.key()
        if self.kind in {"pasal", "bab"} or self.parent is None:
            return own
        return f"{self.parent.key}/{own}"

    @property
    def citation(self) -> str:
        segments = tuple(
            citations.Segment(*part.split(":", 1)) for part in self.key.split("/") if part
        )
        return citations.display(segments)

    def full_citation(self) -> str:
        return self.regulation.cite(self.citation)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            citations.normalise_number(self.kind, self.label)
        except citations.CitationSyntaxError as exc:
            errors["label"] = str(exc)
        parent_kind = self.parent.kind if self.parent_id else None
        if self.kind and parent_kind not in self.ALLOWED_PARENTS.get(self.kind, set()):
            errors["parent"] = gettext("A %(kind)s cannot sit inside %(parent)s.") % {
                "kind": self.get_kind_display(),
                "parent": self.parent.get_kind_display() if self.parent_id else gettext("the top"),
            }
        if self.parent_id and self.parent.regulation_id != self.regulation_id:
            errors["parent"] = gettext("A provision and its container belong to one regulation.")
        if errors:
            raise ValidationError(errors)


class Recital(models.Model):
    """One item of the Menimbang (considerations) or Mengingat (legal basis) lists."""

    class Kind(models.TextChoices):
        MENIMBANG = "menimbang", "Menimbang"
        MENGINGAT = "mengingat", "Mengingat"

    regulation = models.ForeignKey(
        Regulation, on_delete=models.CASCADE, related_name="recitals", verbose_name=_("regulation")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label as printed"), max_length=10)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("order"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["regulation", "kind", "position"]
        verbose_name = _("recital")
        verbose_name_plural = _("recitals")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "kind", "position"], name="recital_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}"

    @property
    def citation(self) -> str:
        """ "Menimbang huruf b", "Mengingat angka 2": how a drafter cites the item."""
        label = self.label.strip().strip(".()").lower()
        segment = "huruf" if self.kind == self.Kind.MENIMBANG else "angka"
        return f"{self.get_kind_display()} {segment} {label}"

    @property
    def anchor(self) -> str:
        """The id the reader page gives it: "menimbang-huruf-b"."""
        return re.sub(r"[^a-z0-9]+", "-", self.citation.lower()).strip("-")

    @property
    def owning_region_id(self) -> int:
        return self.regulation.region_id


class AnnexQuerySet(models.QuerySet):
    def visible_to(self, user) -> AnnexQuerySet:
        return self.all()

    def resolve(self, regulation: Regulation, citation: str) -> Annex:
        segments = citations.parse(citation)
        if len(segments) != 1 or segments[0].kind != "lampiran":
            raise citations.CitationSyntaxError(
                gettext("“%(citation)s” does not cite a Lampiran.") % {"citation": citation}
            )
        try:
            return self.get(regulation=regulation, number=segments[0].number)
        except Annex.DoesNotExist:
            raise ProvisionNotFound(
                gettext("%(citation)s does not exist in %(regulation)s.")
                % {"citation": citations.display(segments), "regulation": regulation}
            ) from None


class Annex(models.Model):
    """A Lampiran of a regulation: an org chart or a table, generated from the structure."""

    class Kind(models.TextChoices):
        CHART = "chart", _("chart (bagan)")
        TABLE = "table", _("table")

    regulation = models.ForeignKey(
        Regulation, on_delete=models.CASCADE, related_name="annexes", verbose_name=_("regulation")
    )
    number = models.CharField(
        _("number"),
        max_length=10,
        blank=True,
        help_text=_('Roman numeral; empty for a sole "LAMPIRAN".'),
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("Verbatim, as published."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    attached_by = models.CharField(
        _("attached by"), max_length=120, blank=True, help_text=_("The provision that attaches it.")
    )
    legend = models.TextField(_("legend"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AnnexQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["regulation", "position"]
        verbose_name = _("annex (Lampiran)")
        verbose_name_plural = _("annexes (Lampiran)")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "number"], name="annex_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.regulation.short_citation} {self.citation}"

    @property
    def citation(self) -> str:
        return f"Lampiran {self.number}".strip()

    @property
    def owning_region_id(self) -> int:
        return self.regulation.region_id


class AnnexEntry(models.Model):
    """One cell item of a table Lampiran, verbatim (Perwal Bengkulu 24/2018's table), with the
    key of the structure unit it names, or "" where the structure has no such unit."""

    class Column(models.TextChoices):
        STAF_AHLI = "staf_ahli", _("Staf Ahli")
        ASISTEN = "asisten", _("Asisten")
        UNITS = "units", _("agencies")
        BAGIAN = "bagian", _("Bagian")
        OTHER = "other", _("other affairs")

    annex = models.ForeignKey(
        Annex, on_delete=models.CASCADE, related_name="entries", verbose_name=_("annex")
    )
    row = models.PositiveSmallIntegerField(_("row number"))
    column = models.CharField(_("column"), max_length=10, choices=Column.choices)
    position = models.PositiveSmallIntegerField(_("order in the cell"))
    text = models.TextField(_("text"), help_text=_("Verbatim."))
    unit_key = models.CharField(
        _("unit key"), max_length=80, blank=True, help_text=_("The structure unit it names.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["annex", "row", "column", "position"]
        verbose_name = _("annex entry")
        verbose_name_plural = _("annex entries")
        constraints = [
            models.UniqueConstraint(
                fields=["annex", "row", "column", "position"], name="annexentry_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.annex.citation} {self.row}/{self.get_column_display()}: {self.text}"

    @property
    def citation(self) -> str:
        return self.annex.citation

    @property
    def owning_region_id(self) -> int:
        return self.annex.regulation.region_id
