"""Typos: words misspelt, run together or split where the text was published ("Sekreatis
Daerah", "dinassosial", "dana tau"), each with the normal reading search uses. The stored text
is not changed; regulations/readings.py says what a typo is."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.acronyms import abbreviations
from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.readings import held_reader
from regulations.search import normalise_name

TYPO = explains("misspelling", _("%(citation)s prints “%(printed)s” for “%(normal)s”."))


def typos(source: Source) -> list[Flaw]:
    """One finding per typo and place, with the units whose name the typo is part of."""
    reader = held_reader()
    abbreviated = abbreviations(source)  # misspelt abbreviations are names (names.py)
    flaws = []
    for citation, unit_key, text in source.passages:
        for typo in reader.typos(text):
            if typo.reading.casefold() in abbreviated:
                continue
            flaws.append(
                Flaw.of(
                    TYPO,
                    FlawClass.TYPO,
                    Severity.FORM,
                    citation,
                    units=_units_named(source, citation, unit_key, typo.printed),
                    reading=typo.reading,
                    printed=typo.printed,
                    normal=typo.reading,
                )
            )
    return flaws


def _units_named(source: Source, citation: str, unit_key: str, printed: str) -> list[str]:
    """The units named by the words the typo sits in: the unit of a Lampiran cell, or the units
    whose name the provision gives."""
    words = f" {normalise_name(printed)} "
    if unit_key:
        return [unit_key] if unit_key in source.units_by_key else []
    return [
        unit.key
        for unit in source.units
        if unit.source_regulation_id == source.regulation.pk
        and unit.source_citation == citation
        and words in f" {normalise_name(unit.name)} "
    ]


CHECKS = [typos]
