"""Names: the same unit spelt differently in a Pasal and in a Lampiran, or in two Pasal;
abbreviations written two ways; Lampiran rows that repeat a unit."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.models import AnnexEntry
from regulations.search import normalise_name

REPEATED_ROW = explains(
    "repeated-lampiran-row",
    _(
        "%(citation)s row %(row)s repeats row %(first_row)s: “%(text)s” (row %(first_row)s: "
        "“%(first_text)s”)."
    ),
)
DIFFERS = explains(
    "name-differs-from-lampiran",
    _("%(citation)s row %(row)s names “%(text)s” what %(unit_citation)s calls “%(name)s”."),
)


def repeated_annex_rows(source: Source) -> list[Flaw]:
    flaws = []
    seen: dict[tuple, AnnexEntry] = {}
    for entry in source.annex_entries:
        if entry.column not in {AnnexEntry.Column.STAF_AHLI, AnnexEntry.Column.ASISTEN}:
            continue
        identity = (entry.annex_id, entry.column, entry.unit_key or normalise_name(entry.text))
        first = seen.setdefault(identity, entry)
        if first.row != entry.row:
            flaws.append(
                Flaw.of(
                    REPEATED_ROW,
                    FlawClass.LIST_CONTRADICTION,
                    Severity.MEANING,
                    entry.annex.citation,
                    units=[entry.unit_key],
                    row=entry.row,
                    first_row=first.row,
                    text=entry.text,
                    first_text=first.text,
                )
            )
    return flaws


def names_differing_from_the_lampiran(source: Source) -> list[Flaw]:
    flaws = []
    for entry in source.annex_entries:
        unit = source.units_by_key.get(entry.unit_key)
        if unit is None or normalise_name(unit.name) == normalise_name(entry.text):
            continue
        flaws.append(
            Flaw.of(
                DIFFERS,
                FlawClass.NAME,
                Severity.FORM,
                entry.annex.citation,
                related=[unit.source_citation],
                units=[unit.key],
                row=entry.row,
                text=entry.text,
                unit_citation=unit.source_citation,
                name=unit.name,
            )
        )
    return flaws


CHECKS = [repeated_annex_rows, names_differing_from_the_lampiran]
