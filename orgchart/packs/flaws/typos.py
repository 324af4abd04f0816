"""Typos: words misspelt, run together or split where the text was published ("Sekreatis
Daerah", "dinassosial", "dana tau"), each with the normal reading search uses. The stored text
is not changed; regulations/readings.py says what a typo is."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.acronyms import abbreviations
from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.readings import held_reader
from regulations.search import normalise_name
from regulations.spelling import standard_forms

TYPO = explains("misspelling", _("%(citation)s prints “%(printed)s” for “%(normal)s”."))
TWO_WAYS = explains(
    "word-spelt-two-ways",
    _(
        "%(citation)s writes “%(printed)s”, where %(other)s of the same text writes “%(normal)s”, "
        "the standard spelling: one text, one spelling."
    ),
)


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


def words_spelt_two_ways(source: Source) -> list[Flaw]:
    """An accepted variant ("kerjasama") in a text that also writes its standard form ("kerja
    sama"): one finding, where the variant is first printed."""
    first: dict[str, str] = {}  # casefolded spelling → the first place that prints it
    for citation, _unit, text in source.passages:
        folded = f" {' '.join(text.casefold().split())} "
        for variant, form in standard_forms().items():
            for spelling in (variant, form):
                if spelling not in first and re.search(rf"\b{re.escape(spelling)}\b", folded):
                    first[spelling] = citation
    return [
        Flaw.of(
            TWO_WAYS,
            FlawClass.TYPO,
            Severity.FORM,
            first[variant],
            related=[first[form]],
            reading=form,
            printed=variant,
            normal=form,
            other=first[form],
        )
        for variant, form in standard_forms().items()
        if variant in first and form in first
    ]


CHECKS = [typos, words_spelt_two_ways]
