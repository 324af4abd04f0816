"""Units of a region's government as one django-mptt tree per region.

Writes go through orgchart.services only: ``save()``, ``delete()`` and queryset writes to the
tree columns refuse to run unless the service holds the region's lock (orgchart/locking.py).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet
from simple_history.models import HistoricalRecords

from orgchart.locking import TreeWriteOutsideService, _held, holds_region_lock
from orgchart.vocabulary import Category, LineKind, UnitKind
from regulations import citations
from regulations.models import AmbiguousCitation, ProvisionNotFound, Region, Regulation
from regulations.resolver import resolve_in
from regulations.search import normalise_name
from regulations.validity import ValidityPeriod, period_constraint, valid_with_source

TREE_FIELDS = frozenset({"lft", "rght", "tree_id", "level", "parent", "parent_id"})


class UnitQuerySet(TreeQuerySet):
    def as_of(self, day: datetime.date) -> UnitQuerySet:
        """Units that exist on ``day``: their own period and their source regulation's hold."""
        return self.filter(valid_with_source(day, "source_regulation"))

    def in_region(self, region: Region | int) -> UnitQuerySet:
        return self.filter(region=region)

    def visible_to(self, user) -> UnitQuerySet:
        return self.all()  # The structure is public data (Perwal Banjar 6/2023 Pasal 16).

    def portfolio_of(self, asisten: Unit, day: datetime.date) -> UnitQuerySet:
        """The units ``asisten`` coordinates on ``day``: its children, and units the text also
        places under it through a coordination link (a unit may sit under two Asisten)."""
        UnitLink = _link_model()
        linked = UnitLink.objects.as_of(day).filter(
            source=asisten, target=OuterRef("pk"), kind=UnitLink.Kind.KOORDINASI
        )
        return self.as_of(day).filter(Q(parent=asisten) | Exists(linked)).order_by("tree_id", "lft")

    def update(self, **kwargs):
        if TREE_FIELDS & kwargs.keys() and not _held.get():
            raise TreeWriteOutsideService(
                "Tree columns change only through orgchart.services (per-region lock)."
            )
        return super().update(**kwargs)

    def bulk_create(self, *args, **kwargs):
        raise TreeWriteOutsideService("Units are created one by one through orgchart.services.")

    def bulk_update(self, objs, fields, *args, **kwargs):
        if TREE_FIELDS & set(fields):
            raise TreeWriteOutsideService("Tree columns never change through bulk_update().")
        return super().bulk_update(objs, fields, *args, **kwargs)


class UnitManager(TreeManager.from_queryset(UnitQuerySet)):
    pass


class Unit(MPTTModel, ValidityPeriod):
    """A unit of a region's government as its regulation names it, in the region's tree."""

    Kind = UnitKind
    Line = LineKind
    Category = Category

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="units", verbose_name=_("region")
    )
    parent = TreeForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    key = models.SlugField(
        _("key"),
        max_length=80,
        blank=True,
        help_text=_(
            "Stable identifier within the region, used by region packs and the API; "
            "left empty, it is derived from the name."
        ),
    )
    name = models.CharField(_("name"), max_length=300, help_text=_("Verbatim, as published."))
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    search_name = models.CharField(
        _("name for search"), max_length=300, editable=False, db_index=True, default=""
    )
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    line = models.CharField(
        _("line to parent"), max_length=12, choices=LineKind.choices, blank=True
    )
    category = models.CharField(
        _("portfolio category"), max_length=30, choices=Category.choices, blank=True
    )
    source_regulation = models.ForeignKey(
        Regulation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("source regulation"),
    )
    source_citation = models.CharField(
        _("source provision"),
        max_length=120,
        blank=True,
        help_text=_('e.g. "Pasal 12 huruf a angka 4"'),
    )

    objects = UnitManager()
    history = HistoricalRecords(excluded_fields=["lft", "rght", "tree_id", "level"])

    class MPTTMeta:
        order_insertion_by: list[str] = []

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["region", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(parent__isnull=True),
                name="unit_one_root_per_region",
                violation_error_message=_(
                    "The region already has the head of its structure; it cannot have two."
                ),
            ),
            models.UniqueConstraint(fields=["region", "key"], name="unit_unique_key_per_region"),
            period_constraint("unit_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not holds_region_lock(self.region_id):
            raise TreeWriteOutsideService(
                "Units are written only through orgchart.services, which holds the region's lock."
            )
        if self.source_citation:
            self.source_citation = citations.canonical(self.source_citation)
        self.search_name = normalise_name(f"{self.name} {self.acronym}")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not holds_region_lock(self.region_id):
            raise TreeWriteOutsideService("Units are deleted only through orgchart.services.")
        return super().delete(*args, **kwargs)

    @property
    def owning_region_id(self) -> int:
        return self.region_id

    @property
    def source(self) -> str:
        """ "Perwal Bukittinggi 4/2017 Pasal 12 huruf a angka 4", or "" if entered by hand."""
        if not self.source_regulation_id:
            return ""
        return self.source_regulation.cite(self.source_citation)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.parent_id is None:
            if self.kind and self.kind != UnitKind.KEPALA_DAERAH:
                errors["kind"] = gettext("The root of a region's tree is its Kepala Daerah.")
            if self.line:
                errors["line"] = gettext("The Kepala Daerah has no line to a parent.")
        else:
            if self.parent.region_id != self.region_id:
                errors["parent"] = gettext("A unit's parent must be in the same region.")
            if not self.line:
                errors["line"] = gettext(
                    "Say whether the line to the parent is komando or koordinasi."
                )
            if not self.period_within(self.parent):
                errors["valid_from"] = gettext(
                    "A unit cannot exist outside the period of %(parent)s (%(start)s – %(end)s)."
                ) % {
                    "parent": self.parent,
                    "start": self.parent.valid_from or "…",
                    "end": self.parent.valid_until or "…",
                }
        errors.update(self._source_errors())
        if errors:
            raise ValidationError(errors)

    def _source_errors(self) -> dict[str, str]:
        if self.source_citation and not self.source_regulation_id:
            return {"source_regulation": gettext("Name the regulation the provision belongs to.")}
        if not self.source_regulation_id:
            return {}
        if self.source_regulation.region_id != self.region_id:
            return {"source_regulation": gettext("The source regulation is another region's.")}
        if not self.source_citation:
            return {}
        try:
            canonical = citations.canonical(self.source_citation)
            if self.source_regulation.provisions.exists():
                resolve_in(self.source_regulation, canonical)
        except (citations.CitationSyntaxError, ProvisionNotFound, AmbiguousCitation) as exc:
            return {"source_citation": str(exc)}
        return {}

    def coordinators(self, day: datetime.date) -> list[Unit]:
        """The Asisten who coordinate this unit on ``day``: the nearest Asisten above it in
        the tree, and any the text adds through a coordination link."""
        UnitLink = _link_model()
        found = list(
            self.get_ancestors(ascending=True).as_of(day).filter(kind=UnitKind.ASISTEN)[:1]
        )
        links = (
            UnitLink.objects.as_of(day)
            .filter(target=self, kind=UnitLink.Kind.KOORDINASI, source__kind=UnitKind.ASISTEN)
            .select_related("source")
        )
        found.extend(link.source for link in links if link.source not in found)
        return found


def _link_model() -> type[models.Model]:
    """UnitLink, reached through the reverse relation its ForeignKeys give Unit, because
    orgchart.models.links imports this module and must not be imported back."""
    return Unit._meta.get_field("links_in").related_model
