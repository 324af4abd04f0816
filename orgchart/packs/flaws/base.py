"""What a flaw is, and the source text every check reads.

A flaw is a fact about the published text: a class, a severity, the exact provision it sits in,
the other provisions involved, and the quoted words that make the case. Its explanation is
composed when it is shown, in the reader's language, from a template registered per code, so
nothing stored is a sentence.

Every check reads one :class:`Source`, loaded in a fixed number of queries whatever the size of
the text, so the region page and the flaws API cost the same for every region.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regulations.models import AnnexEntry, Provision, Recital, Regulation


class FlawClass(models.TextChoices):
    CROSS_REFERENCE = "cross-reference", _("cross-reference")
    LIST_CONTRADICTION = "list-contradiction", _("contradiction between lists")
    NUMBERING = "numbering", _("numbering")
    DANGLING_SUBJECT = "dangling-subject", _("provision without a subject")
    NAME = "name", _("name spelt two ways")
    METADATA = "metadata", _("dates and signatures")
    TYPO = "typo", _("typo")


class Severity(models.IntegerChoices):
    """How much the flaw changes the law's meaning, most severe first when sorted descending."""

    RESPONSIBILITY = 3, _("changes who is responsible")
    MEANING = 2, _("makes the text ambiguous or incomplete")
    FORM = 1, _("a matter of form")


# code → explanation template, e.g. "%(citation)s cites %(target)s, which does not exist."
_TEMPLATES: dict[str, Promise] = {}


def explains(code: str, template: Promise) -> str:
    """Register the explanation of a flaw code (a lazy gettext template over its facts)."""
    if code in _TEMPLATES and _TEMPLATES[code] != template:
        raise ValueError(f"Flaw code {code!r} is explained twice.")
    _TEMPLATES[code] = template
    return code


@dataclass(frozen=True)
class Flaw:
    code: str  # the check that found it, e.g. "reference-to-missing-provision"
    klass: FlawClass
    severity: Severity
    citation: str  # the exact provision it sits in: "Pasal 22 ayat (1)", "Lampiran", "penutup"
    facts: tuple[tuple[str, str], ...] = ()  # the quoted words and numbers the template names
    related: tuple[str, ...] = ()  # other provisions involved, in the same regulation
    units: tuple[str, ...] = ()  # keys of the units whose name or place it puts in doubt
    reading: str = ""  # for a typo: the normal reading search uses (the text is not changed)

    @classmethod
    def of(
        cls,
        code: str,
        klass: FlawClass,
        severity: Severity,
        citation: str,
        *,
        related: Iterable[str] = (),
        units: Iterable[str] = (),
        reading: str = "",
        **facts: object,
    ) -> Flaw:
        if code not in _TEMPLATES:
            raise ValueError(f"Flaw code {code!r} has no explanation; register it with explains().")
        related = tuple(dict.fromkeys(c for c in related if c and c != citation))
        return cls(
            code,
            klass,
            severity,
            citation,
            tuple(sorted((name, str(value)) for name, value in facts.items())),
            related,
            tuple(dict.fromkeys(units)),
            reading,
        )

    @property
    def fact_dict(self) -> dict[str, str]:
        return {"citation": self.citation, **dict(self.facts)}

    def explanation(self, language: str | None = None) -> str:
        """The explanation in ``language`` (default: the active language)."""
        template = _TEMPLATES[self.code]
        if language is None:
            return str(template) % self.fact_dict
        with translation.override(language):
            return str(template) % self.fact_dict

    def explanations(self) -> dict[str, str]:
        return {language: self.explanation(language) for language in ("id", "en")}

    @property
    def message(self) -> str:
        return self.explanation()

    def sources(self, regulation: Regulation) -> tuple[str, ...]:
        return tuple(regulation.cite(c) for c in (self.citation, *self.related) if c)

    def line(self, regulation: Regulation) -> str:
        return (
            f"[{self.klass.value}/{self.code}, {self.severity.label}] {self.message} "
            f"({'; '.join(self.sources(regulation))})"
        )

    def sort_key(self) -> tuple:
        return (-self.severity, self.klass.value, self.code, self.citation, self.facts)


@dataclass
class Source:
    """Everything the checks read of one regulation, each collection loaded once."""

    regulation: Regulation

    @cached_property
    def provisions(self) -> list[Provision]:
        """Every provision in document order."""
        return list(self.regulation.provisions.order_by("position"))

    @cached_property
    def by_pk(self) -> dict[int, Provision]:
        return {p.pk: p for p in self.provisions}

    @cached_property
    def by_key(self) -> dict[str, list[Provision]]:
        keyed: dict[str, list[Provision]] = defaultdict(list)
        for provision in self.provisions:
            keyed[provision.key].append(provision)
        return keyed

    @cached_property
    def children(self) -> dict[int | None, list[Provision]]:
        """Provisions by container (None: the top of the text), in document order."""
        contained: dict[int | None, list[Provision]] = defaultdict(list)
        for provision in self.provisions:
            contained[provision.parent_id].append(provision)
        return contained

    def parent(self, provision: Provision) -> Provision | None:
        return self.by_pk.get(provision.parent_id) if provision.parent_id else None

    def ancestors(self, provision: Provision) -> list[Provision]:
        """Containers of ``provision``, nearest first."""
        chain = []
        current = self.parent(provision)
        while current is not None:
            chain.append(current)
            current = self.parent(current)
        return chain

    def pasal_of(self, provision: Provision) -> Provision | None:
        for candidate in (provision, *self.ancestors(provision)):
            if candidate.kind == Provision.Kind.PASAL:
                return candidate
        return None

    def full_text(self, provision: Provision) -> str:
        """A provision's own text followed by all it contains, in document order."""
        parts = [provision.heading, provision.text]
        for child in self.children.get(provision.pk, []):
            parts.append(self.full_text(child))
        return " ".join(part for part in parts if part)

    @cached_property
    def units(self) -> list:
        from orgchart.models import Unit

        return list(Unit.objects.filter(region=self.regulation.region).order_by("tree_id", "lft"))

    @cached_property
    def units_by_key(self) -> dict:
        return {unit.key: unit for unit in self.units}

    @cached_property
    def units_by_pk(self) -> dict:
        return {unit.pk: unit for unit in self.units}

    @cached_property
    def links(self) -> list:
        from orgchart.models import UnitLink

        return list(UnitLink.objects.filter(regulation=self.regulation).order_by("pk"))

    @cached_property
    def unit_affairs(self) -> list:
        from orgchart.models import UnitAffair

        return list(
            UnitAffair.objects.filter(regulation=self.regulation)
            .select_related("affair")
            .order_by("pk")
        )

    @cached_property
    def annex_entries(self) -> list[AnnexEntry]:
        return list(
            AnnexEntry.objects.filter(annex__regulation=self.regulation)
            .select_related("annex")
            .order_by("annex__position", "row", "column", "position")
        )

    @cached_property
    def annexes(self) -> list:
        return list(self.regulation.annexes.order_by("position"))

    @cached_property
    def recitals(self) -> list:
        return list(self.regulation.recitals.order_by("kind", "position"))

    @cached_property
    def certifiers(self) -> list:
        return list(self.regulation.certifiers.order_by("position"))

    @cached_property
    def every_mengingat(self) -> list[str]:
        """The Mengingat items of every regulation the portal holds: how the other texts cite
        the same national laws (one query)."""
        return list(
            Recital.objects.filter(kind=Recital.Kind.MENGINGAT).values_list("text", flat=True)
        )

    @cached_property
    def rules(self) -> list:
        return list(self.regulation.rules.order_by("pk"))

    @cached_property
    def affairs_by_pk(self) -> dict:
        """The whole affairs taxonomy (reference data, a few dozen rows), for its hierarchy."""
        from orgchart.models import Affair

        return Affair.objects.in_bulk()

    @cached_property
    def passages(self) -> list[tuple[str, str, str]]:
        """(citation, unit key or "", text) of every verbatim text of the regulation, in
        document order: the title ("judul"), Menimbang and Mengingat, the enacting formula
        ("Menetapkan"), each provision's heading and text, the closing formula, the enactment
        and promulgation lines as printed and the signature titles ("penutup"), the
        certifications where they are printed (their wording; the officials' own names are not
        text to check), and the Lampiran with their cells."""
        regulation = self.regulation
        found = [("judul", "", regulation.title)]
        found += [(recital.citation, "", recital.text) for recital in self.recitals]
        found.append(("Menetapkan", "", regulation.enacting_formula))
        for provision in self.provisions:
            for text in (provision.heading, provision.text):
                found.append((provision.citation, "", text))
        closing = [regulation.closing, regulation.enacted_line, regulation.signer_title]
        closing += [regulation.promulgated_line, regulation.promulgator_title]
        found += [("penutup", "", text) for text in closing]
        certified = [(c.citation, line) for c in self.certifiers for line in _wording(c)]
        found += [(citation, "", line) for citation, line in certified if citation == "penutup"]
        for annex in self.annexes:
            found += [(annex.citation, "", annex.title), (annex.citation, "", annex.legend)]
        found += [(e.annex.citation, e.unit_key, e.text) for e in self.annex_entries]
        found += [(citation, "", line) for citation, line in certified if citation != "penutup"]
        return [(citation, unit, text) for citation, unit, text in found if text]


def _wording(certifier) -> list[str]:
    """The lines of a certification above the name, or its title where they are not held."""
    return certifier.wording.splitlines() if certifier.wording else [certifier.title]


Check = Callable[[Source], Iterable[Flaw]]
