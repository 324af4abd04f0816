"""Numbering: a Pasal, ayat, huruf, angka, Bagian or Paragraf numbered twice or skipped.

Numbers restart per container as Indonesian drafting has them: Pasal and BAB run through the
whole text, Bagian through a BAB, Paragraf through a Bagian (or a BAB), ayat through a Pasal,
huruf and angka through the provision that holds them.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations import citations
from regulations.models import Provision

TWICE = explains(
    "numbered-twice",
    _(
        "Two provisions are numbered “%(citation)s”: “%(first)s” and “%(second)s”; citing either "
        "is ambiguous."
    ),
)
SKIPPED = explains(
    "numbering-skipped",
    _("%(citation)s comes after %(previous)s: %(missing)s is missing from the numbering."),
)
STARTS_LATE = explains(
    "numbering-starts-late",
    _("%(citation)s opens its run of numbers: %(missing)s is missing from the numbering."),
)
BACKWARDS = explains(
    "numbering-out-of-order",
    _("%(citation)s comes after %(previous)s: the numbering runs backwards."),
)

_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90))
_ROMAN += (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
_RUNS_THROUGH_THE_TEXT = {Provision.Kind.PASAL, Provision.Kind.BAB}


def _from_roman(text: str) -> int:
    value, rest = 0, text.upper()
    for numeral, worth in _ROMAN:
        while rest.startswith(numeral):
            value, rest = value + worth, rest[len(numeral) :]
    return value


def _to_roman(value: int) -> str:
    text = ""
    for numeral, worth in _ROMAN:
        count, value = divmod(value, worth)
        text += numeral * count
    return text


def value_of(kind: str, number: str) -> int:
    """The position a normalised number stands for: "III" → 3, "ketiga" → 3, "c" → 3."""
    if kind == Provision.Kind.BAB:
        return int(number) if number.isdigit() else _from_roman(number)
    if kind == Provision.Kind.BAGIAN:
        return citations.ORDINALS.index(number) + 1
    if kind == Provision.Kind.HURUF:
        return ord(number) - ord("a") + 1
    return int(number)


def number_of(kind: str, value: int) -> str:
    """The inverse of :func:`value_of`, in the form a citation prints."""
    if kind == Provision.Kind.BAB:
        return _to_roman(value)
    if kind == Provision.Kind.BAGIAN:
        return citations.ORDINALS[value - 1] if value <= len(citations.ORDINALS) else str(value)
    if kind == Provision.Kind.HURUF:
        return chr(ord("a") + value - 1)
    return str(value)


def sequences(source: Source) -> list[list[Provision]]:
    """The provisions numbered as one run, each in document order."""
    runs: dict[tuple, list[Provision]] = defaultdict(list)
    for provision in source.provisions:
        if provision.kind in _RUNS_THROUGH_THE_TEXT:
            runs[(None, provision.kind)].append(provision)
        else:
            runs[(provision.parent_id, provision.kind)].append(provision)
    return list(runs.values())


def provisions_numbered_twice(source: Source) -> list[Flaw]:
    """Two provisions with the same number in the same run make a citation ambiguous (the
    provisions inside a twice-numbered Pasal are not counted again)."""
    flaws = []
    for provisions in source.by_key.values():
        first = provisions[0]
        for provision in provisions[1:]:
            if (
                provision.kind not in _RUNS_THROUGH_THE_TEXT
                and provision.parent_id != first.parent_id
            ):
                continue
            flaws.append(
                Flaw.of(
                    TWICE,
                    FlawClass.NUMBERING,
                    Severity.MEANING,
                    provision.citation,
                    first=first.heading or first.text,
                    second=provision.heading or provision.text,
                )
            )
    return flaws


def numbers_skipped_or_backwards(source: Source) -> list[Flaw]:
    """Each run counts 1, 2, 3 … (a, b, c …; I, II …; Kesatu, Kedua …). A number the run never
    prints is skipped, reported once, where the gap opens; a number lower than the one before
    it runs backwards (one misprinted number is one finding). A number printed twice is
    provisions_numbered_twice's finding."""
    flaws = []
    for run in sequences(source):
        values = [value_of(p.kind, p.number) for p in run]
        printed, seen, reported = set(values), set(), set()
        last, previous = 0, None
        for provision, value in zip(run, values, strict=True):
            if value in seen:
                continue
            missing = [n for n in range(last + 1, value) if n not in printed | reported]
            if missing:
                flaws.append(_skipped(provision, previous, missing))
                reported.update(missing)
            elif value < last:
                flaws.append(_backwards(provision, previous))
            seen.add(value)
            last, previous = value, provision
    return flaws


def _skipped(provision: Provision, previous: Provision | None, numbers: list[int]) -> Flaw:
    missing = [
        citations.Segment(provision.kind, number_of(provision.kind, n)).display() for n in numbers
    ]
    if previous is None:
        return Flaw.of(
            STARTS_LATE,
            FlawClass.NUMBERING,
            Severity.MEANING,
            provision.citation,
            missing=", ".join(missing),
        )
    return Flaw.of(
        SKIPPED,
        FlawClass.NUMBERING,
        Severity.MEANING,
        provision.citation,
        related=[previous.citation],
        previous=previous.citation,
        missing=", ".join(missing),
    )


def _backwards(provision: Provision, previous: Provision) -> Flaw:
    return Flaw.of(
        BACKWARDS,
        FlawClass.NUMBERING,
        Severity.MEANING,
        provision.citation,
        related=[previous.citation],
        previous=previous.citation,
    )


CHECKS = [provisions_numbered_twice, numbers_skipped_or_backwards]
