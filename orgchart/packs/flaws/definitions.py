"""Definitions: two terms of one list of definitions ("Ketentuan Umum") given the same meaning.

"7. Perangkat Daerah adalah Wali Kota sebagai unsur penyelenggaraan pemerintahan daerah yang
memimpin …" repeats, nearly word for word, what angka 5 says of the Pemerintah Daerah Kota:
two terms cannot mean one thing, so one of the definitions is wrong, and every provision that
uses the term then names another actor than the drafter meant.
"""

from __future__ import annotations

import itertools
import re

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from orgchart.packs.flaws.topics import stem
from regulations.models import Provision
from regulations.search import normalise_name

ALIKE = explains(
    "terms-defined-alike",
    _(
        "%(citation)s defines “%(term)s” in the words %(other)s gives “%(other_term)s”: "
        "“%(meaning)s”. Two terms cannot mean one thing: one of the definitions is wrong."
    ),
)

# "Dewan Perwakilan Rakyat Daerah yang selanjutnya disebut DPRD adalah lembaga …"
_DEFINITION = re.compile(
    r"^(?P<term>[^,;:]{2,120}?)\s+(?:yang\s+selanjutnya\s+(?:disebut|disingkat)\s+.+?\s+)?"
    r"adalah\s+(?P<meaning>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# A meaning this short only names the local body ("Sekretariat Daerah Kota Banjar").
_MIN_WORDS = 8


def terms_defined_alike(source: Source) -> list[Flaw]:
    flaws = []
    for items in source.children.values():
        definitions = [d for d in map(_definition, items) if d is not None]
        for (first, term, meaning), (second, other_term, other) in itertools.combinations(
            definitions, 2
        ):
            if meaning == other:
                flaws.append(
                    Flaw.of(
                        ALIKE,
                        FlawClass.LIST_CONTRADICTION,
                        Severity.RESPONSIBILITY,
                        second.citation,
                        related=[first.citation],
                        term=other_term,
                        other=first.citation,
                        other_term=term,
                        meaning=_DEFINITION.match(second.text)["meaning"].rstrip(" .;"),
                    )
                )
    return flaws


def _definition(provision: Provision) -> tuple[Provision, str, frozenset] | None:
    """(provision, term, the stems of its meaning) of a definition that says more than a name.
    Stems, because the same words in another form ("penyelenggara", "penyelenggaraan") are the
    same meaning; one word that differs ("pelaksana" for a Dinas, "penunjang" for a Badan) is
    another."""
    if provision.kind not in {Provision.Kind.ANGKA, Provision.Kind.HURUF}:
        return None
    match = _DEFINITION.match(provision.text.strip())
    if match is None:
        return None
    term = match["term"].strip()
    words = normalise_name(match["meaning"]).split()
    if len(words) < _MIN_WORDS:
        return None
    return provision, term, frozenset(map(stem, words))


CHECKS = [terms_defined_alike]
