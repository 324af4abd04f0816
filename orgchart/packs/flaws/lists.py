"""Contradictions between lists: a unit in two portfolios, a list that ends in "dan" with
nothing after it or goes on past its "dan", a portfolio item no unit stands for (the bidang
against the portfolios are affairs.py's)."""

from __future__ import annotations

import itertools
import re

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from orgchart.packs.flaws.topics import stem
from orgchart.vocabulary import UnitKind
from regulations.models import AnnexEntry, Provision
from regulations.search import normalise_name

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
REPEATED_ITEM = explains(
    "list-item-repeated",
    _("%(citation)s repeats %(other)s of the same list: “%(text)s”."),
)
MISSING_UNIT = explains(
    "portfolio-unit-missing",
    _("%(citation)s lists “%(text)s”, which is not in the structure."),
)
MISSING_ANNEX_UNIT = explains(
    "lampiran-unit-missing",
    _("%(citation)s row %(row)s lists “%(text)s”, which is not in the structure."),
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
    return [*_annex_rows_missing(source), *_list_items_missing(source)]


def _annex_rows_missing(source: Source) -> list[Flaw]:
    """Rows of a Lampiran's portfolio table whose unit is not in the structure."""
    keys = set(source.units_by_key)
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
    return flaws


def _list_items_missing(source: Source) -> list[Flaw]:
    """Items of a portfolio list in a Pasal that neither a unit nor a link is drawn from."""
    cited = {
        u.source_citation for u in source.units if u.source_regulation_id == source.regulation.pk
    }
    cited |= {link.citation for link in source.links}
    flaws = []
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


# Words that only place a body in the region ("Perangkat Daerah Kota"): they tell no duty from
# another. Items shorter than this name things rather than say what is done.
_QUALIFIERS = frozenset({"kota", "kabupaten", "daerah", "dan", "atau", "yang"})
_MIN_ITEM_WORDS = 6


def list_items_repeated(source: Source) -> list[Flaw]:
    """Two items of one list that say the same thing: the same words, in any form, but for
    the words that place a body in the region."""
    flaws = []
    for parent_id, items in source.children.items():
        if parent_id is None:
            continue
        said = [(item, _said(item)) for item in items]
        for (first, words), (second, other) in itertools.combinations(said, 2):
            if words and other and not (words ^ other) - _QUALIFIERS:
                flaws.append(
                    Flaw.of(
                        REPEATED_ITEM,
                        FlawClass.LIST_CONTRADICTION,
                        Severity.FORM,
                        second.citation,
                        related=[first.citation],
                        other=first.citation,
                        text=second.text.rstrip(" .;"),
                    )
                )
    return flaws


def _said(provision: Provision) -> frozenset[str]:
    if provision.kind not in {Provision.Kind.AYAT, Provision.Kind.HURUF, Provision.Kind.ANGKA}:
        return frozenset()
    words = normalise_name(provision.text).split()
    return frozenset(map(stem, words)) if len(words) >= _MIN_ITEM_WORDS else frozenset()


CHECKS = [
    units_under_two_asisten,
    lists_missing_their_last_item,
    lists_that_go_on_past_their_end,
    list_items_repeated,
    portfolio_units_missing_from_the_structure,
]
