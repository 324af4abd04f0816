"""Contradictions between lists: a unit in two portfolios, an affair in one Asisten's bidang
while the unit that carries it out sits in another's portfolio, an affair in two bidang or in
none of the units, a list that ends in "dan" with nothing after it or goes on past its "dan",
a portfolio item no unit stands for."""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from orgchart.vocabulary import UnitKind
from regulations.models import AnnexEntry, Provision

TWO_ASISTEN = explains(
    "unit-under-two-asisten",
    _(
        "“%(unit)s” is placed under two Asisten: “%(first)s” (%(citation)s) and “%(second)s” "
        "(%(other)s)."
    ),
)
LAST_ITEM = explains(
    "list-missing-last-item",
    _("The list in %(list)s ends with “%(text)s”: an item is missing after it."),
)
PAST_ITS_END = explains(
    "list-goes-on-past-its-end",
    _(
        "In the list in %(list)s, “%(closing)s” (%(closing_citation)s) announces the last "
        "item, yet the list goes on to %(citation)s."
    ),
)
MISSING_UNIT = explains(
    "portfolio-unit-missing",
    _("%(citation)s lists “%(text)s”, which is not in the structure."),
)
MISSING_ANNEX_UNIT = explains(
    "lampiran-unit-missing",
    _("%(citation)s row %(row)s lists “%(text)s”, which is not in the structure."),
)
AFFAIR_ELSEWHERE = explains(
    "affair-unit-under-other-asisten",
    _(
        "%(citation)s puts “%(wording)s” in the bidang of “%(asisten)s”, but “%(unit)s”, which "
        "carries out %(affair)s, is in the portfolio of “%(other)s” (%(unit_citation)s)."
    ),
)
AFFAIR_WITHOUT_UNIT = explains(
    "bidang-affair-without-unit",
    _(
        "%(citation)s puts “%(wording)s” in the bidang of “%(asisten)s”, but no unit the text "
        "names carries out %(affair)s."
    ),
)
AFFAIR_TWICE = explains(
    "affair-in-two-bidang",
    _(
        "%(affair)s is in the bidang of two Asisten: “%(first)s” (%(citation)s: “%(wording)s”) "
        "and “%(second)s” (%(other)s: “%(other_wording)s”)."
    ),
)


def units_under_two_asisten(source: Source) -> list[Flaw]:
    flaws = []
    for link in source.links:
        asisten = source.units_by_pk.get(link.source_id)
        target = source.units_by_pk.get(link.target_id)
        if link.kind != "koordinasi" or asisten is None or target is None:
            continue
        if asisten.kind != UnitKind.ASISTEN:
            continue
        first = source.units_by_pk.get(target.parent_id)
        if first is None or first.kind != UnitKind.ASISTEN or first.pk == asisten.pk:
            continue
        flaws.append(
            Flaw.of(
                TWO_ASISTEN,
                FlawClass.LIST_CONTRADICTION,
                Severity.RESPONSIBILITY,
                target.source_citation,
                related=[link.citation],
                units=[target.key],
                unit=target.name,
                first=first.name,
                second=asisten.name,
                other=link.citation,
            )
        )
    return flaws


_CONNECTOR = re.compile(r"(?:;|,)?\s*(?:dan|atau|dan/atau|serta)\s*$", re.IGNORECASE)


def _lists(source: Source) -> list[tuple[Provision, list[Provision]]]:
    """Each list of huruf or angka, with its container, in document order."""
    found = []
    for parent_id, items in source.children.items():
        items = [p for p in items if p.kind in {Provision.Kind.HURUF, Provision.Kind.ANGKA}]
        if parent_id is not None and items:
            found.append((source.by_pk[parent_id], items))
    return found


def lists_missing_their_last_item(source: Source) -> list[Flaw]:
    """A list whose last item ends with "dan"/"atau" promised another item."""
    flaws = []
    for container, items in _lists(source):
        last = items[-1]
        if not source.children.get(last.pk) and _CONNECTOR.search(last.text):
            flaws.append(
                Flaw.of(
                    LAST_ITEM,
                    FlawClass.LIST_CONTRADICTION,
                    Severity.MEANING,
                    last.citation,
                    list=container.citation,
                    text=last.text,
                )
            )
    return flaws


def lists_that_go_on_past_their_end(source: Source) -> list[Flaw]:
    """ "dan" at the end of an item announces that the next item is the last; items after that
    one stand outside the list as punctuated (a matter of form: their numbers keep them in)."""
    flaws = []
    for container, items in _lists(source):
        for index, item in enumerate(items[:-2]):
            if source.children.get(item.pk) or not _CONNECTOR.search(item.text):
                continue
            flaws.append(
                Flaw.of(
                    PAST_ITS_END,
                    FlawClass.LIST_CONTRADICTION,
                    Severity.FORM,
                    items[index + 2].citation,
                    related=[item.citation],
                    list=container.citation,
                    closing=item.text,
                    closing_citation=item.citation,
                )
            )
    return flaws


def portfolio_units_missing_from_the_structure(source: Source) -> list[Flaw]:
    """Items of a portfolio list (in a Pasal or in the Lampiran) that no unit stands for."""
    keys = set(source.units_by_key)
    cited = {
        u.source_citation for u in source.units if u.source_regulation_id == source.regulation.pk
    }
    cited |= {link.citation for link in source.links}
    flaws = []
    for entry in source.annex_entries:
        if entry.column != AnnexEntry.Column.OTHER and entry.unit_key not in keys:
            flaws.append(
                Flaw.of(
                    MISSING_ANNEX_UNIT,
                    FlawClass.LIST_CONTRADICTION,
                    Severity.RESPONSIBILITY,
                    entry.annex.citation,
                    row=entry.row,
                    text=entry.text,
                )
            )
    for item in _portfolio_list_items(source):
        if item.citation not in cited:
            flaws.append(
                Flaw.of(
                    MISSING_UNIT,
                    FlawClass.LIST_CONTRADICTION,
                    Severity.RESPONSIBILITY,
                    item.citation,
                    text=item.text,
                )
            )
    return flaws


def _portfolio_list_items(source: Source) -> list[Provision]:
    """The leaf items of every list that names at least one unit of an Asisten's portfolio."""
    by_citation = {p.citation: p for p in source.provisions}
    asisten = {u.pk for u in source.units if u.kind == UnitKind.ASISTEN}
    lists = {
        by_citation[unit.source_citation].parent_id
        for unit in source.units
        if unit.source_regulation_id == source.regulation.pk
        and unit.parent_id in asisten
        and unit.source_citation in by_citation
        and by_citation[unit.source_citation].parent_id
    }
    return [p for p in source.provisions if p.parent_id in lists and not source.children.get(p.pk)]


def _portfolios(source: Source) -> dict[int, set[int]]:
    """unit → the Asisten whose portfolio holds it: the nearest Asisten above it in the tree,
    and any Asisten the text also places it under (a coordination link)."""
    holders: dict[int, set[int]] = defaultdict(set)
    for unit in source.units:
        above = source.units_by_pk.get(unit.parent_id)
        while above is not None and above.kind != UnitKind.ASISTEN:
            above = source.units_by_pk.get(above.parent_id)
        if above is not None:
            holders[unit.pk].add(above.pk)
    for link in source.links:
        asisten = source.units_by_pk.get(link.source_id)
        if link.kind == "koordinasi" and asisten is not None and asisten.kind == UnitKind.ASISTEN:
            holders[link.target_id].add(asisten.pk)
    return holders


def _lineages(source: Source) -> dict[int, set[int]]:
    """Each affair with the affairs above it ("Kebakaran" is part of "Ketenteraman …")."""
    lineages = {}
    for pk in source.affairs_by_pk:
        lineage, affair = set(), source.affairs_by_pk.get(pk)
        while affair is not None and affair.pk not in lineage:
            lineage.add(affair.pk)
            affair = source.affairs_by_pk.get(affair.parent_id)
        lineages[pk] = lineage
    return lineages


def _overlap(lineages: dict[int, set[int]], first: int, second: int) -> bool:
    """One affair is the other or part of it: a unit for a sub-urusan carries part of it."""
    return first in lineages.get(second, ()) or second in lineages.get(first, ())


def _bidang(source: Source) -> list:
    """What each Asisten coordinates by the text: the bidang lists (portfolio affairs)."""
    return [
        row
        for row in source.unit_affairs
        if row.role == "coordinates"
        and source.units_by_pk.get(row.unit_id) is not None
        and source.units_by_pk[row.unit_id].kind == UnitKind.ASISTEN
    ]


def affairs_carried_out_under_another_asisten(source: Source) -> list[Flaw]:
    """The bidang gives an affair to one Asisten; a unit that carries it out sits only in the
    portfolio of another, so the two lists disagree on who coordinates that affair."""
    holders, lineages = _portfolios(source), _lineages(source)
    carried = [row for row in source.unit_affairs if row.role == "carries_out"]
    bidang = _bidang(source)
    flaws = []
    for row in bidang:
        asisten = source.units_by_pk[row.unit_id]
        for carrier in carried:
            unit = source.units_by_pk.get(carrier.unit_id)
            if unit is None or not _overlap(lineages, carrier.affair_id, row.affair_id):
                continue
            others = holders.get(unit.pk, set()) - {asisten.pk}
            if not others or asisten.pk in holders[unit.pk]:
                continue
            # An affair in two bidang is its own flaw (affairs_in_two_bidang).
            if any(o.affair_id == row.affair_id and o.unit_id in others for o in bidang):
                continue
            other = source.units_by_pk[min(others)]
            flaws.append(
                Flaw.of(
                    AFFAIR_ELSEWHERE,
                    FlawClass.LIST_CONTRADICTION,
                    Severity.RESPONSIBILITY,
                    row.citation,
                    related=[unit.source_citation],
                    units=[unit.key, asisten.key, other.key],
                    wording=row.wording,
                    asisten=asisten.name,
                    unit=unit.name,
                    affair=carrier.affair.name,
                    other=other.name,
                    unit_citation=unit.source_citation,
                )
            )
    return flaws


def bidang_affairs_without_a_unit(source: Source) -> list[Flaw]:
    """An affair of a bidang that no unit of the structure carries out: the text says who
    coordinates it but not who does it."""
    carried = [row.affair_id for row in source.unit_affairs if row.role == "carries_out"]
    lineages = _lineages(source)
    flaws = []
    for row in _bidang(source):
        if any(_overlap(lineages, affair_id, row.affair_id) for affair_id in carried):
            continue
        asisten = source.units_by_pk[row.unit_id]
        flaws.append(
            Flaw.of(
                AFFAIR_WITHOUT_UNIT,
                FlawClass.LIST_CONTRADICTION,
                Severity.MEANING,
                row.citation,
                units=[asisten.key],
                wording=row.wording,
                asisten=asisten.name,
                affair=row.affair.name,
            )
        )
    return flaws


def affairs_in_two_bidang(source: Source) -> list[Flaw]:
    """The same affair in the bidang of two Asisten."""
    first_by_affair: dict[int, object] = {}
    flaws = []
    for row in _bidang(source):
        first = first_by_affair.setdefault(row.affair_id, row)
        if first.unit_id == row.unit_id:
            continue
        one, two = source.units_by_pk[first.unit_id], source.units_by_pk[row.unit_id]
        flaws.append(
            Flaw.of(
                AFFAIR_TWICE,
                FlawClass.LIST_CONTRADICTION,
                Severity.RESPONSIBILITY,
                first.citation,
                related=[row.citation],
                units=[one.key, two.key],
                affair=row.affair.name,
                first=one.name,
                wording=first.wording,
                second=two.name,
                other=row.citation,
                other_wording=row.wording,
            )
        )
    return flaws


CHECKS = [
    units_under_two_asisten,
    lists_missing_their_last_item,
    lists_that_go_on_past_their_end,
    portfolio_units_missing_from_the_structure,
    affairs_carried_out_under_another_asisten,
    bidang_affairs_without_a_unit,
    affairs_in_two_bidang,
]
