"""Names: the same unit spelt differently in a Pasal and in a Lampiran, or in two Pasal;
Lampiran rows that repeat a unit. Acronyms are in ``acronyms.py``."""

from __future__ import annotations

import itertools
import re

from django.utils.translation import gettext_lazy as _
from rapidfuzz.distance import Levenshtein

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from orgchart.packs.flaws.topics import stem
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
    named_in = _rows_naming_their_unit(source)
    flaws = []
    for entry in source.annex_entries:
        unit = source.units_by_key.get(entry.unit_key)
        if unit is None or normalise_name(unit.name) == normalise_name(entry.text):
            continue
        facts = {"row": entry.row, "text": entry.text, "name": unit.name}
        if (entry.annex_id, unit.key) in named_in:  # the Lampiran itself names the unit
            code, related = WITHIN, []
            facts["first_row"] = named_in[entry.annex_id, unit.key]
        else:
            code, related = DIFFERS, [unit.source_citation]
            facts["unit_citation"] = unit.source_citation
        flaws.append(
            Flaw.of(
                code,
                FlawClass.NAME,
                Severity.FORM,
                entry.annex.citation,
                related=related,
                units=[unit.key],
                **facts,
            )
        )
    return flaws


def _rows_naming_their_unit(source: Source) -> dict[tuple[int, str], int]:
    """(annex, unit key) → the first row that gives the unit the name the structure holds, for
    the units a Lampiran itself names (their source is the Lampiran, not a Pasal)."""
    rows: dict[tuple[int, str], int] = {}
    for entry in source.annex_entries:
        unit = source.units_by_key.get(entry.unit_key)
        if (
            unit is not None
            and unit.source_citation == entry.annex.citation
            and normalise_name(unit.name) == normalise_name(entry.text)
        ):
            rows.setdefault((entry.annex_id, unit.key), entry.row)
    return rows


WITHIN = explains(
    "name-differs-within-lampiran",
    _("%(citation)s row %(row)s names “%(text)s” what row %(first_row)s calls “%(name)s”."),
)
MENTION = explains(
    "unit-name-differs",
    _("%(citation)s calls “%(text)s” what %(unit_citation)s names “%(name)s”."),
)
# A name of fewer words is too generic to tell a misspelling from another name ("Badan Daerah").
_MIN_WORDS = 3


def unit_names_spelt_two_ways(source: Source) -> list[Flaw]:
    """A unit named with a word left out or added: "Forum Koordinasi di Kecamatan" for the
    "Forum Koordinasi Pimpinan di Kecamatan" of another Pasal."""
    names: dict[tuple[str, ...], list] = {}
    for unit in source.units:
        names.setdefault(tuple(normalise_name(unit.name).split()), []).append(unit)
    flaws = []
    for provision in source.provisions:
        for text in (provision.heading, provision.text):
            spans = list(_TOKEN.finditer(text))
            words = tuple(span.group().casefold() for span in spans)
            for start, end, units in _misnamed(words, names):
                printed = text[spans[start].start() : spans[end - 1].end()]
                flaws += [_mention(provision.citation, printed, unit, len(units)) for unit in units]
    return flaws


# The words of a name as normalise_name() splits them: "Dinas Sosial, Pemberdayaan …".
_TOKEN = re.compile(r"[^\W_]+")


def _misnamed(words: tuple, names: dict) -> list[tuple[int, int, list]]:
    """(start, end, units): the words from start to end name those units with one word more or
    fewer than they have."""
    found: dict[tuple[int, int], list] = {}
    for start, word in enumerate(words):
        for name, units in names.items():
            if len(name) < _MIN_WORDS or word != name[0]:
                continue
            for length in (len(name) - 1, len(name) + 1):
                window = words[start : start + length]
                if (
                    len(window) == length >= _MIN_WORDS
                    and window[-1] == name[-1]
                    and window not in names
                    and Levenshtein.distance(window, name) == 1
                ):
                    found.setdefault((start, start + length), []).extend(units)
    return [(start, end, units) for (start, end), units in found.items()]


# The first word of a unit's name that says what kind of unit it is.
_KIND_WORDS = frozenset(
    [
        "asisten",
        "bagian",
        "dinas",
        "badan",
        "kantor",
        "sekretariat",
        "inspektorat",
        "satuan",
        "unit",
    ]
)


def unit_names_derived_two_ways(source: Source) -> list[Flaw]:
    """ "Bagian Protokol" for the "Bagian Keprotokolan" of another Pasal: the same unit named
    with another form of the word that says what it does (one stem, two spellings)."""
    heads: dict[tuple[str, str], dict] = {}
    for unit in source.units:
        words = normalise_name(unit.name).split()
        if len(words) >= 2 and words[0] in _KIND_WORDS:
            heads.setdefault((words[0], stem(words[1])), {}).setdefault(words[1], unit)
    flaws = []
    for provision in source.provisions:
        for text in (provision.heading, provision.text):
            for first, second in itertools.pairwise(_TOKEN.finditer(text)):
                kind, word = first.group().casefold(), second.group().casefold()
                if kind not in _KIND_WORDS:
                    continue
                forms = heads.get((kind, stem(word)))
                if forms and word not in forms:
                    printed = text[first.start() : second.end()]
                    unit = next(iter(forms.values()))
                    flaws.append(_mention(provision.citation, printed, unit, 1))
    return flaws


def _mention(citation: str, printed: str, unit, candidates: int) -> Flaw:
    # Close to two units, the words leave it open which one is meant.
    severity = Severity.RESPONSIBILITY if candidates > 1 else Severity.FORM
    return Flaw.of(
        MENTION,
        FlawClass.NAME,
        severity,
        citation,
        related=[unit.source_citation],
        units=[unit.key],
        text=printed,
        unit_citation=unit.source_citation,
        name=unit.name,
    )


CHECKS = [
    repeated_annex_rows,
    names_differing_from_the_lampiran,
    unit_names_spelt_two_ways,
    unit_names_derived_two_ways,
]
