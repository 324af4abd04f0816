"""Acronyms: one written two ways ("Forkompimda" for the "Forkopimda" the text gives), and one
whose letters the words it stands for do not spell ("Balai Konservasi Hutan (BPKH)")."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from rapidfuzz.distance import OSA

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.spelling import WORD, known

UNFIT = explains(
    "acronym-does-not-fit",
    _(
        "%(citation)s writes “%(acronym)s” for “%(name)s”, whose words it does not abbreviate: "
        "the text leaves open which body is meant."
    ),
)
ABBREVIATION = explains(
    "abbreviation-differs",
    _("%(citation)s writes “%(printed)s” for “%(abbreviation)s” (%(defined)s)."),
)

# An abbreviation shorter than this differs from another by a letter ("BPK", "BPKP", "BPKH").
_MIN_ABBREVIATION = 6
# "Forum Koordinasi Pimpinan di Daerah yang selanjutnya disebut Forkopimda"
_ALIAS = re.compile(
    r"\byang\s+selanjutnya\s+(?:disebut|disingkat)(?:\s+dengan)?\s+(?P<short>.+?)\s+adalah\b",
    re.IGNORECASE,
)


def abbreviations(source: Source) -> dict[str, tuple[str, str, str]]:
    """casefolded abbreviation → (as written where it is given, that place, the unit's key or
    ""): the acronyms of the units and the short names that the text introduces ("yang
    selanjutnya disebut DPRD")."""
    found = {}
    for unit in source.units:
        if unit.acronym:
            entry = (unit.acronym, unit.source_citation, unit.key)
            found.setdefault(unit.acronym.casefold(), entry)
    for provision in source.provisions:
        for match in _ALIAS.finditer(provision.text):
            short = match["short"]
            if WORD.fullmatch(short):  # one word; "Sekretariat DPRD" is a name, not an acronym
                found.setdefault(short.casefold(), (short, provision.citation, ""))
    return found


def abbreviations_written_two_ways(source: Source) -> list[Flaw]:
    """ "Forkompimda" where the text gives "Forkopimda"; "Dprd" where it gives "DPRD"."""
    given = abbreviations(source)
    flaws = []
    for citation, unit_key, text in source.passages:
        shouting = text.isupper()  # an all-capitals heading writes every word so
        for printed in WORD.findall(text):
            for abbreviation, defined, unit in _written_for(printed, given, shouting):
                flaws.append(
                    Flaw.of(
                        ABBREVIATION,
                        FlawClass.NAME,
                        Severity.FORM,
                        citation,
                        related=[defined],
                        units=[key for key in (unit, unit_key) if key],
                        printed=printed,
                        abbreviation=abbreviation,
                        defined=defined,
                    )
                )
    return flaws


def _written_for(printed: str, given: dict, shouting: bool) -> list[tuple[str, str, str]]:
    folded = printed.casefold()
    if folded in given:
        return [] if printed == given[folded][0] or shouting else [given[folded]]
    if len(folded) < _MIN_ABBREVIATION or known(folded):
        return []
    return [
        entry
        for short, entry in given.items()
        if len(short) >= _MIN_ABBREVIATION and OSA.distance(folded, short) == 1
    ]


# "Balai Konservasi Hutan (BPKH)": the words before an acronym in brackets, back to the last
# punctuation or list label.
_BRACKETED = re.compile(r"(?P<name>[^,;:.()]+?)\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\)")
_MAX_NAME_WORDS = 8
_NAME_WORD = re.compile(r"[^\W_]+")


def acronyms_that_do_not_fit(source: Source) -> list[Flaw]:
    """An acronym in brackets whose letters no run of the words before it spells in order,
    starting with its first word's initial: "Perusahaan Daerah (BUMD)". Acronyms built from
    syllables fit ("Sistem Administrasi Manunggal Satu Atap (Samsat)")."""
    named_at = {unit.source_citation: unit.key for unit in source.units}
    flaws = []
    for citation, unit_key, text in source.passages:
        unit_key = unit_key or named_at.get(citation, "")
        for match in _BRACKETED.finditer(text):
            acronym = match["acronym"]
            words = _NAME_WORD.findall(match["name"])[-_MAX_NAME_WORDS:]
            if sum(c.isupper() for c in acronym) < 2 or not words or _fits(acronym, words):
                continue
            flaws.append(
                Flaw.of(
                    UNFIT,
                    FlawClass.NAME,
                    Severity.MEANING,
                    citation,
                    units=[unit_key] if unit_key else [],
                    acronym=acronym,
                    name=" ".join(words),
                )
            )
    return flaws


def _fits(acronym: str, words: list[str]) -> bool:
    letters = acronym.casefold()
    for start in range(len(words)):
        run = words[start:]
        if run[0][0].casefold() != letters[0]:
            continue
        spelt = iter("".join(run).casefold())
        if all(letter in spelt for letter in letters):  # a subsequence, in order
            return True
    return False


CHECKS = [abbreviations_written_two_ways, acronyms_that_do_not_fit]
