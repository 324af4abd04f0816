"""Dangling subjects: an ayat, huruf or angka that says what is to be done and names no one to
do it, with nothing earlier in its sentence (the Pasal's chapeau, the lead-in ending in ":")
that would give it a subject.

A verb at the start of a list item is the drafting norm under a lead-in that names the actor
("Walikota mempunyai tugas: a. memimpin …"). Under a lead-in that names none ("Pola Hubungan
Kerja antara Walikota dengan DPRD sebagai berikut:") the list itself shows it: some of its
items name their own subject, so the ones that do not have none.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.models import Provision

NO_SUBJECT = explains(
    "provision-without-subject",
    _(
        "%(citation)s begins “%(text)s”: it says what is to be done but names no one to do it, "
        "and nothing before it in %(container)s gives it a subject."
    ),
)
LIST_ITEM = explains(
    "list-item-without-subject",
    _(
        "%(citation)s begins “%(text)s” and names no one to do it: the lead-in of %(list)s "
        "(“%(lead)s”) gives no subject, and other items name their own (%(example)s: "
        "“%(example_text)s”)."
    ),
)

_ITEMS = {Provision.Kind.AYAT, Provision.Kind.HURUF, Provision.Kind.ANGKA}
# Active verbs (me-, ber-, ter-) and the modals that open a predicate.
_VERB = re.compile(r"(?:me(?:m|n|ng|ny)?|ber|ter)[a-z]{3,}")
_MODALS = frozenset({"wajib", "dapat", "harus", "berkewajiban"})
# Words of those shapes that are nouns, prepositions or adjectives.
_NOT_VERBS = frozenset(
    {
        "mekanisme",
        "menteri",
        "media",
        "melalui",
        "mengenai",
        "menurut",
        "menuju",
        "berdasarkan",
        "bersama",
        "beserta",
        "berikut",
        "terhadap",
        "tertentu",
        "termasuk",
        "terkait",
        "tertib",
        "terpadu",
    }
)
# Words that open an adverbial put before the subject ("Dalam …, Sekretariat Daerah …").
_FRONTED = frozenset({"dalam", "berdasarkan", "guna", "untuk", "apabila", "dengan", "selain"})
_WORD = re.compile(r"[^\W\d_]+(?:[-/][^\W\d_]+)*")
_QUOTED_WORDS = 8


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_predicate(word: str) -> bool:
    word = word.lower()
    return word in _MODALS or (word not in _NOT_VERBS and bool(_VERB.fullmatch(word)))


def begins_with_a_predicate(text: str) -> bool:
    words = _words(text)
    return bool(words) and is_predicate(words[0])


def named_subject(text: str) -> str:
    """The opening of a clause that names its own subject, up to its verb ("Walikota atas
    persetujuan DPRD menetapkan"), or "" if the text does not open that way."""
    words = _words(text)
    if words and words[0].lower() in _FRONTED and "," in text:
        text = text.split(",", 1)[1].strip()
        words = _words(text)
    if not words or not text[:1].isupper() or is_predicate(words[0]):
        return ""
    for index, word in enumerate(words):
        if word.lower() == "yang":
            return ""
        if is_predicate(word):
            return " ".join(words[: index + 1])
    return ""


def _quote(text: str) -> str:
    words = text.split()
    return " ".join(words) if len(words) <= _QUOTED_WORDS else f"{' '.join(words[:8])} …"


def _lead_in(container: Provision) -> str:
    """The start of the sentence an item completes: its container's text, unless that is a
    whole sentence of its own."""
    text = container.text.strip()
    return "" if not text or text.endswith(".") else text


def provisions_without_a_subject(source: Source) -> list[Flaw]:
    flaws = []
    for provision in source.provisions:
        container = source.parent(provision)
        if (
            provision.kind in _ITEMS
            and container is not None
            and begins_with_a_predicate(provision.text)
            and not _lead_in(container)
        ):
            flaws.append(
                Flaw.of(
                    NO_SUBJECT,
                    FlawClass.DANGLING_SUBJECT,
                    Severity.RESPONSIBILITY,
                    provision.citation,
                    related=[container.citation],
                    text=_quote(provision.text),
                    container=container.citation,
                )
            )
    return flaws


def list_items_without_a_subject(source: Source) -> list[Flaw]:
    flaws = []
    for parent_id, items in source.children.items():
        container = source.by_pk.get(parent_id)
        items = [item for item in items if item.kind in _ITEMS]
        if container is None or not _lead_in(container):
            continue
        subjects = [(item, named_subject(item.text)) for item in items]
        example = next(((item, words) for item, words in subjects if words), None)
        if example is None:
            continue
        for item in items:
            if begins_with_a_predicate(item.text):
                flaws.append(_list_item(item, container, example))
    return flaws


def _list_item(item: Provision, container: Provision, example: tuple) -> Flaw:
    other, words = example
    return Flaw.of(
        LIST_ITEM,
        FlawClass.DANGLING_SUBJECT,
        Severity.RESPONSIBILITY,
        item.citation,
        related=[container.citation, other.citation],
        text=_quote(item.text),
        list=container.citation,
        lead=container.text.strip(),
        example=other.citation,
        example_text=f"{words} …",
    )


CHECKS = [provisions_without_a_subject, list_items_without_a_subject]
