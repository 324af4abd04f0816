"""Numbering: a Pasal, ayat, huruf, angka, Bagian or Paragraf numbered twice or skipped."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains

TWICE = explains(
    "numbered-twice",
    _(
        "Two provisions are numbered “%(citation)s”: “%(first)s” and “%(second)s”; citing either "
        "is ambiguous."
    ),
)


def provisions_numbered_twice(source: Source) -> list[Flaw]:
    """Two provisions with the same number in the same place make a citation ambiguous."""
    flaws = []
    for provisions in source.by_key.values():
        first = provisions[0]
        for provision in provisions[1:]:
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


CHECKS = [provisions_numbered_twice]
