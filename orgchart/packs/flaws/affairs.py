"""Contradictions between the bidang lists and the portfolios: an affair in one Asisten's bidang
while the unit that carries it out sits in another's portfolio, an affair in two bidang, an
affair of a bidang that no unit carries out."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from orgchart.vocabulary import UnitKind

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
            flaws.append(_carried_elsewhere(row, asisten, carrier, unit, other))
    return flaws


def _carried_elsewhere(row, asisten, carrier, unit, other) -> Flaw:
    """``row`` puts an affair in ``asisten``'s bidang; ``unit``, which carries it out
    (``carrier``), is in the portfolio of ``other``."""
    return Flaw.of(
        AFFAIR_ELSEWHERE,
        FlawClass.LIST_CONTRADICTION,
        Severity.RESPONSIBILITY,
        row.citation,
        related=[unit.source_citation],
        units=[unit.key],  # the unit whose place in the portfolios the bidang contradicts
        wording=row.wording,
        asisten=asisten.name,
        unit=unit.name,
        affair=carrier.affair.name,
        other=other.name,
        unit_citation=unit.source_citation,
    )


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
    affairs_carried_out_under_another_asisten,
    bidang_affairs_without_a_unit,
    affairs_in_two_bidang,
]
