"""The legal basis (Mengingat) as cited: where a law was promulgated, and under which numbers.

A Peraturan Wali Kota or Bupati is promulgated in the Berita Daerah, a Peraturan Daerah in the
Lembaran Daerah (UU 12/2011 Pasal 86–87 as the regions apply it); and one national law carries
one Lembaran Negara and one Tambahan Lembaran Negara number, whichever text cites it. The
second check reads the Mengingat of every regulation the portal holds, in one query: a number
most of them agree on is the number.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.models import Recital

WRONG_GAZETTE = explains(
    "legal-basis-wrong-gazette",
    _(
        "%(citation)s cites “%(law)s” as published in the “%(printed)s”; a regulation of its "
        "kind is published in the %(expected)s."
    ),
)
NUMBER_DIFFERS = explains(
    "legal-basis-number-differs",
    _(
        "%(citation)s gives %(law)s %(what)s Nomor %(printed)s, where %(others)s of the texts "
        "the portal holds give Nomor %(usual)s."
    ),
)

# "Peraturan Wali Kota Bengkulu Nomor 21 Tahun 2016 tentang … (Lembaran Daerah Kota …"
_LOCAL = re.compile(
    r"(?P<law>Peraturan\s+(?P<kind>Wali\s*kota|Bupati|Gubernur|Daerah)\b[^()]*?)"
    r"\(\s*(?P<gazette>Berita\s+Daerah|Lembaran\s+Daerah)",
    re.IGNORECASE,
)
# "Undang-Undang Nomor 5 Tahun 2014 tentang … (Lembaran Negara … Tahun 2014 Nomor 6,
# Tambahan Lembaran Negara Republik Indonesia Nomor 5494)"
_NATIONAL = re.compile(
    r"(?P<kind>Undang-Undang|Peraturan\s+Pemerintah|Peraturan\s+Presiden)"
    r"(?:\s+Republik\s+Indonesia)?\s+Nomor\s+(?P<number>\d+)\s+Tahun\s+(?P<year>\d{4})\b"
    r"[^()]*?\((?P<gazette>Lembaran\s+Negara[^)]*)\)",
    re.IGNORECASE,
)
_LN = re.compile(r"^Lembaran\s+Negara[^,;]*?Nomor\s+(\d+)", re.IGNORECASE)
_TLN = re.compile(r"Tambahan\s+Lembaran\s+Negara[^,;]*?Nomor\s+(\d+)", re.IGNORECASE)


def local_laws_in_the_wrong_gazette(source: Source) -> list[Flaw]:
    flaws = []
    for recital in source.recitals:
        if recital.kind != Recital.Kind.MENGINGAT:
            continue
        for match in _LOCAL.finditer(recital.text):
            local_head = match["kind"].casefold() != "daerah"
            in_berita = match["gazette"].casefold().startswith("berita")
            if local_head == in_berita:
                continue
            flaws.append(
                Flaw.of(
                    WRONG_GAZETTE,
                    FlawClass.METADATA,
                    Severity.FORM,
                    recital.citation,
                    law=" ".join(
                        re.split(r"\s+tentang\s+", match["law"], flags=re.IGNORECASE)[0].split()
                    ),
                    printed=" ".join(match["gazette"].split()),
                    expected="Berita Daerah" if local_head else "Lembaran Daerah",
                )
            )
    return flaws


def national_laws_numbered_otherwise(source: Source) -> list[Flaw]:
    """A national law cited with a Lembaran Negara or Tambahan number that most of the held
    texts citing it do not give."""
    held = _national_citations(source.every_mengingat)
    flaws = []
    for recital in source.recitals:
        if recital.kind != Recital.Kind.MENGINGAT:
            continue
        for law, what, number in _numbers(recital.text):
            others = held[law, what]
            usual, count = others.most_common(1)[0]
            if number == usual or count < 2 or others[number] >= count:
                continue
            flaws.append(
                Flaw.of(
                    NUMBER_DIFFERS,
                    FlawClass.METADATA,
                    Severity.FORM,
                    recital.citation,
                    law=law,
                    what=what,
                    printed=number,
                    usual=usual,
                    others=count,
                )
            )
    return flaws


def _national_citations(texts: list[str]) -> dict[tuple[str, str], Counter]:
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for text in texts:
        for law, what, number in set(_numbers(text)):
            counts[law, what][number] += 1
    return counts


def _numbers(text: str) -> list[tuple[str, str, str]]:
    """(law, "Lembaran Negara" or "Tambahan Lembaran Negara", number) for each national law
    the text cites with its gazette."""
    found = []
    for match in _NATIONAL.finditer(text):
        law = f"{' '.join(match['kind'].split()).title()} {match['number']}/{match['year']}"
        gazette = match["gazette"]
        if ln := _LN.search(gazette):
            found.append((law, "Lembaran Negara", ln[1]))
        if tln := _TLN.search(gazette):
            found.append((law, "Tambahan Lembaran Negara", tln[1]))
    return found


CHECKS = [local_laws_in_the_wrong_gazette, national_laws_numbered_otherwise]
