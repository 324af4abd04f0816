"""Find the flaws of a region's source text, each with the provision it sits in.

The packs keep the texts as published; these checks are how the portal flags what is wrong in
them: a unit under two Asisten, a list that ends in "dan" with nothing after it, a citation of a
Pasal that does not exist, Lampiran rows that repeat, names that differ between a Pasal and its
Lampiran, and units a portfolio lists that the structure lacks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from orgchart.models import Unit, UnitLink
from orgchart.vocabulary import UnitKind
from regulations import citations
from regulations.models import AnnexEntry, Provision, Regulation
from regulations.search import normalise_name


@dataclass(frozen=True)
class Flaw:
    code: str
    message: str
    sources: tuple[str, ...]  # full citations, e.g. "Perwal Bengkulu 24/2018 Pasal 22 ayat (1)"

    def line(self) -> str:
        return f"[{self.code}] {self.message} ({'; '.join(self.sources)})"


normalise = normalise_name


def find_flaws(regulation: Regulation) -> list[Flaw]:
    return [
        *units_under_two_asisten(regulation),
        *lists_missing_their_last_item(regulation),
        *citations_of_missing_provisions(regulation),
        *provisions_numbered_twice(regulation),
        *repeated_annex_rows(regulation),
        *names_differing_from_the_lampiran(regulation),
        *portfolio_units_missing_from_the_structure(regulation),
    ]


def units_under_two_asisten(regulation: Regulation) -> list[Flaw]:
    flaws = []
    links = UnitLink.objects.filter(
        regulation=regulation, kind=UnitLink.Kind.KOORDINASI, source__kind=UnitKind.ASISTEN
    ).select_related("source", "target__parent")
    for link in links:
        first = link.target.parent
        if first is None or first.kind != UnitKind.ASISTEN or first.pk == link.source_id:
            continue
        flaws.append(
            Flaw(
                "unit-under-two-asisten",
                f"“{link.target.name}” is placed under two Asisten: “{first.name}” and "
                f"“{link.source.name}”.",
                (regulation.cite(link.target.source_citation), regulation.cite(link.citation)),
            )
        )
    return flaws


_CONNECTOR = re.compile(r"(?:;|,)?\s*(?:dan|atau|dan/atau)\s*$", re.IGNORECASE)


def lists_missing_their_last_item(regulation: Regulation) -> list[Flaw]:
    """A list whose last item ends with "dan"/"atau" promised another item."""
    children = defaultdict(list)
    provisions = {p.pk: p for p in regulation.provisions.order_by("position")}
    for provision in provisions.values():
        if provision.parent_id:
            children[provision.parent_id].append(provision)
    flaws = []
    for parent_id, items in children.items():
        last = items[-1]
        if (
            last.kind in {"huruf", "angka"}
            and not children.get(last.pk)
            and _CONNECTOR.search(last.text)
        ):
            flaws.append(
                Flaw(
                    "list-missing-last-item",
                    f"The list in {provisions[parent_id].citation} ends with “{last.text}”: "
                    f"an item is missing after it.",
                    (regulation.cite(last.citation),),
                )
            )
    return flaws


_REFERENCE = re.compile(
    r"\bPasal\s+(\d+)((?:\s+ayat\s*\(\d+\))?(?:\s+huruf\s+[a-z]\b)?(?:\s+angka\s+\d+)?)"
    r"(?P<after>(?:\s+\S+){0,4})",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(r"\b(Undang|Peraturan|UU|Perda|Keputusan)\b", re.IGNORECASE)


def citations_of_missing_provisions(regulation: Regulation) -> list[Flaw]:
    """References in the text to a Pasal of this regulation that does not exist."""
    provisions = list(regulation.provisions.order_by("position"))
    keys = {provision.key for provision in provisions}
    flaws = []
    for provision in provisions:
        for match in _REFERENCE.finditer(provision.text):
            if _EXTERNAL.search(match["after"] or ""):
                continue  # "Pasal 18 ayat (6) Undang-Undang Dasar …" cites another law
            try:
                segments = citations.parse(f"Pasal {match[1]}{match[2]}")
            except citations.CitationSyntaxError:
                continue
            if citations.key(segments) not in keys:
                flaws.append(
                    Flaw(
                        "citation-of-missing-provision",
                        f"{provision.citation} cites {citations.display(segments)}, which does "
                        f"not exist in {regulation.short_citation}.",
                        (regulation.cite(provision.citation),),
                    )
                )
    return flaws


def provisions_numbered_twice(regulation: Regulation) -> list[Flaw]:
    """Two provisions with the same number in the same place make a citation ambiguous."""
    flaws = []
    seen: dict[str, Provision] = {}
    for provision in regulation.provisions.order_by("position"):
        first = seen.setdefault(provision.key, provision)
        if first.pk != provision.pk:
            flaws.append(
                Flaw(
                    "provision-numbered-twice",
                    f"Two provisions are numbered “{provision.citation}”: "
                    f"“{first.heading or first.text}” and “{provision.heading or provision.text}”; "
                    f"citing either is ambiguous.",
                    (regulation.cite(provision.citation),),
                )
            )
    return flaws


def repeated_annex_rows(regulation: Regulation) -> list[Flaw]:
    flaws = []
    entries = AnnexEntry.objects.filter(annex__regulation=regulation).select_related("annex")
    seen: dict[tuple, AnnexEntry] = {}
    for entry in entries.order_by("annex__position", "row", "position"):
        if entry.column not in {AnnexEntry.Column.STAF_AHLI, AnnexEntry.Column.ASISTEN}:
            continue
        identity = (entry.annex_id, entry.column, entry.unit_key or normalise(entry.text))
        first = seen.setdefault(identity, entry)
        if first.row != entry.row:
            flaws.append(
                Flaw(
                    "repeated-lampiran-row",
                    f"{entry.annex.citation} row {entry.row} repeats row {first.row}: "
                    f"“{entry.text}” (row {first.row}: “{first.text}”).",
                    (regulation.cite(entry.annex.citation),),
                )
            )
    return flaws


def names_differing_from_the_lampiran(regulation: Regulation) -> list[Flaw]:
    units = {unit.key: unit for unit in Unit.objects.filter(region=regulation.region)}
    flaws = []
    for entry in AnnexEntry.objects.filter(annex__regulation=regulation).select_related("annex"):
        unit = units.get(entry.unit_key)
        if unit is None or normalise(unit.name) == normalise(entry.text):
            continue
        flaws.append(
            Flaw(
                "name-differs-from-lampiran",
                f"{entry.annex.citation} row {entry.row} names “{entry.text}” what "
                f"{unit.source_citation} calls “{unit.name}”.",
                (regulation.cite(entry.annex.citation), regulation.cite(unit.source_citation)),
            )
        )
    return flaws


def portfolio_units_missing_from_the_structure(regulation: Regulation) -> list[Flaw]:
    """Items of a portfolio list (in a Pasal or in the Lampiran) that no unit stands for."""
    units = Unit.objects.filter(region=regulation.region)
    keys = set(units.values_list("key", flat=True))
    cited = set(
        units.filter(source_regulation=regulation).values_list("source_citation", flat=True)
    )
    cited |= set(UnitLink.objects.filter(regulation=regulation).values_list("citation", flat=True))
    flaws = []
    for entry in AnnexEntry.objects.filter(annex__regulation=regulation).select_related("annex"):
        if entry.column != AnnexEntry.Column.OTHER and entry.unit_key not in keys:
            flaws.append(
                Flaw(
                    "portfolio-unit-missing",
                    f"{entry.annex.citation} row {entry.row} lists “{entry.text}”, which is not in "
                    f"the structure.",
                    (regulation.cite(entry.annex.citation),),
                )
            )
    for item in _portfolio_list_items(regulation, units):
        if item.citation not in cited:
            flaws.append(
                Flaw(
                    "portfolio-unit-missing",
                    f"{item.citation} lists “{item.text}”, which is not in the structure.",
                    (regulation.cite(item.citation),),
                )
            )
    return flaws


def _portfolio_list_items(regulation: Regulation, units) -> list[Provision]:
    """The leaf items of every list that names at least one unit of an Asisten's portfolio."""
    provisions = {p.pk: p for p in regulation.provisions.all()}
    by_citation = {p.citation: p for p in provisions.values()}
    has_children = {p.parent_id for p in provisions.values() if p.parent_id}
    portfolio_citations = units.filter(
        source_regulation=regulation, parent__kind=UnitKind.ASISTEN
    ).values_list("source_citation", flat=True)
    lists = {
        by_citation[citation].parent_id
        for citation in portfolio_citations
        if citation in by_citation and by_citation[citation].parent_id
    }
    return sorted(
        (p for p in provisions.values() if p.parent_id in lists and p.pk not in has_children),
        key=lambda p: p.position,
    )
