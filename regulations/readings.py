"""Typos in the texts as published, each with its normal reading: "Sekreatis" reads
"Sekretaris", "dana tau" reads "dan atau", "Dinas- Dinas" reads "Dinas-Dinas". The texts are
kept verbatim; search and the flaw checker use the readings.

A word is a typo when neither the dictionary nor the reviewed list knows it and a better attested
word is one slip away from it (a letter doubled, dropped, swapped or mistyped); when it is two
known words run together ("dinassosial"); or when two printed words are one word split
("ditanda tangani") or two words with the space in the wrong place ("dana tau"). The evidence is
every provision the portal holds, so one region's text vouches for a spelling another region gets
wrong ("Horozontal" against "horizontal")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from regulations.spelling import WORD, Corpus, in_dictionary, known

# Endings written joined to their word on purpose ("koordinasinya"), never a second word.
_CLITICS = frozenset(["nya", "lah", "kah", "pun", "kan", "ku", "mu"])
# What a word gains from inflection: "kepemerintahan" is a form of "pemerintahan", not a slip.
_AFFIXES = frozenset(
    ["an", "kan", "i", "nya", "lah", "kah", "pun", "ku", "mu", "ke", "se", "di", "ter", "ber"]
).union(["me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "per"])
_HYPHEN_GAP = re.compile(r"-\s+$")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Typo:
    printed: str  # as printed: "Sekreatis", "dana tau", "Dinas- Dinas"
    reading: str  # the normal reading: "Sekretaris", "dan atau", "Dinas-Dinas"
    start: int  # where it is in the text
    end: int


class Reader:
    """Finds the typos of a text against the evidence of a corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._targets = [
            word
            for word in corpus.counts
            if len(word) >= 3 and corpus.attested(word) and not corpus.is_acronym(word)
        ]
        self._readings: dict[str, str | None] = {}

    def typos(self, text: str) -> list[Typo]:
        words = list(WORD.finditer(text))
        found = list(self._pair_typos(text, words))
        taken = {index for typo in found for index in range(typo.start, typo.end)}
        for match in words:
            if match.start() in taken:
                continue
            reading = self.reading(match.group())
            if reading:
                found.append(Typo(match.group(), reading, match.start(), match.end()))
        return sorted(found, key=lambda typo: typo.start)

    def reading(self, word: str) -> str | None:
        """The normal reading of one printed word, or None if it is not a typo."""
        if word not in self._readings:
            self._readings[word] = self._read(word)
        return self._readings[word]

    def _read(self, word: str) -> str | None:
        folded = word.casefold()
        if len(folded) < 4 or self.corpus.is_acronym(word):
            return None
        parts = word.split("-")
        if len(parts) > 2 and len({part.casefold() for part in parts}) == 1:
            return "-".join(parts[:2])  # "tugas-tugas-tugas": one repetition too many
        if (separated := _preposition(word)) is not None:
            return separated
        if known(folded):
            return None
        return self._doubled(word) or self._slipped(word) or self._joined(word)

    def _doubled(self, word: str) -> str | None:
        """A doubled word without its hyphen: "keteranganketerangan" → "keterangan-…"."""
        half = len(word) // 2
        if len(word) % 2 or word[:half].casefold() != word[half:].casefold():
            return None
        return f"{word[:half]}-{word[half:]}" if self.corpus.attested(word[:half]) else None

    def _slipped(self, word: str) -> str | None:
        """The better attested word one slip away: "Sekreatis" → "Sekretaris"."""
        folded = word.casefold()
        limit = 1 if len(folded) <= 7 else 2
        matches = process.extract(
            folded, self._targets, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        candidates = [
            (distance, -self.corpus.count(target), target)
            for target, distance, _index in matches
            if target != folded
            and _slip(folded, target, distance)
            and (known(target) or self.corpus.count(target) > self.corpus.count(folded))
        ]
        if not candidates:
            return None
        return _cased(word, self.corpus.usual_form(min(candidates)[2]))

    def _joined(self, word: str) -> str | None:
        """Two known words run together: "dinassosial" → "dinas sosial"."""
        splits = []
        for cut in range(3, len(word) - 2):
            first, second = word[:cut], word[cut:]
            if second.casefold() in _CLITICS or "-" in (first[-1], second[0]):
                continue
            # Both words of the texts themselves: "Pasaman" is no "pas" and "aman".
            if (
                known(first)
                and known(second)
                and self.corpus.count(first)
                and self.corpus.count(second)
            ):
                weight = min(self.corpus.count(first), self.corpus.count(second))
                splits.append((weight, first, second))
        if not splits:
            return None
        _weight, first, second = max(splits)
        return f"{first} {second}"

    def _pair_typos(self, text: str, words: list[re.Match]) -> Iterator[Typo]:
        index = 0
        while index < len(words) - 1:
            first, second = words[index], words[index + 1]
            gap = text[first.end() : second.start()]
            reading = self._pair_reading(first.group(), gap, second.group())
            if reading:
                yield Typo(text[first.start() : second.end()], reading, first.start(), second.end())
                index += 2
            else:
                index += 1

    def _pair_reading(self, first: str, gap: str, second: str) -> str | None:
        if _HYPHEN_GAP.fullmatch(gap):
            joined = f"{first}-{second}"
            if first.casefold() == second.casefold() or self.corpus.count(joined):
                return joined
            return None
        if not gap.isspace():
            return None
        joined = first + second
        if not (known(first) and known(second)):
            if in_dictionary(joined) or self.corpus.count(joined):
                return joined
            return None
        return self._respaced(first, second)

    def _respaced(self, first: str, second: str) -> str | None:
        """Two known words whose space sits one letter off a common pair: "dana tau"."""
        if self.corpus.pairs[first.casefold(), second.casefold()] > 1:
            return None
        joined = first + second
        for cut in range(1, len(joined)):
            left, right = joined[:cut], joined[cut:]
            if abs(cut - len(first)) != 1:
                continue
            if self.corpus.pairs[left.casefold(), right.casefold()] >= 3:
                return f"{left} {right}"
        return None


# PUEBI (Pedoman Umum Ejaan Bahasa Indonesia): "di" and "ke" as prepositions are written apart
# from the place word that follows ("di bawah", "ke dalam"), unlike the prefix of a verb
# ("dilaksanakan"). Only words that say where: "keluar" (to go out) is a verb of its own.
_WHERE = frozenset(
    {"atas", "bawah", "dalam", "luar", "depan", "belakang", "samping", "antara", "sekitar"}
    | {"tengah", "sisi", "bidang", "lingkungan", "sini", "situ", "sana", "mana"}
)
_PLACES = {"di": _WHERE, "ke": _WHERE - {"luar", "antara", "sekitar", "sisi", "bidang"}}


def _preposition(word: str) -> str | None:
    """ "dibawahnya" → "di bawahnya"; "kedalam" → "ke dalam"; None for any other word."""
    prefix, rest = word[:2], word[2:]
    place = rest.casefold().removesuffix("nya")
    if place in _PLACES.get(prefix.casefold(), ()):
        return f"{prefix} {rest}"
    return None


def _slip(word: str, target: str, distance: int) -> bool:
    """A keyboard slip rather than another form of the word: "dann" for "dan" is, "dana" for
    "dan" or "kepemerintahan" for "pemerintahan" is not (an affix, a different word)."""
    shorter, longer = sorted((word, target), key=len)
    if longer.startswith(shorter) or longer.endswith(shorter):
        at_end = longer.startswith(shorter)
        extra = longer[len(shorter) :] if at_end else longer[: -len(shorter)]
        if len(extra) == 1:  # "dann": a letter typed twice; "jawa", "praja": other words
            return extra == (shorter[-1] if at_end else shorter[0])
        return extra not in _AFFIXES  # "kartanega": cut short; "kepemerintahan": a form
    if distance < 2:
        return True
    # Two slips, of which at most one a letter replaced by another: two replaced letters make
    # another word more often than a slip does.
    replaced = [tag for tag, *_ in Levenshtein.editops(word, target) if tag == "replace"]
    return len(replaced) <= 1 or Levenshtein.distance(word, target) > distance


def _cased(printed: str, reading: str) -> str:
    if printed.isupper():
        return reading.upper()
    if printed[:1].isupper():
        return reading[:1].upper() + reading[1:]
    return reading


def reading_of(text: str, typos: Iterable[Typo]) -> str:
    """``text`` with each typo replaced by its normal reading."""
    parts, position = [], 0
    for typo in typos:
        parts += [text[position : typo.start], typo.reading]
        position = typo.end
    return "".join([*parts, text[position:]])


def variants(typos: Iterable[Typo]) -> dict[str, set[str]]:
    """For each word of a normal reading, the printed forms that stand for it: "sekretaris" →
    {"sekreatis"}; "atau" → {"dana tau"}."""
    found: dict[str, set[str]] = defaultdict(set)
    for typo in typos:
        for word in _PLAIN_WORD.findall(typo.reading):  # as search splits a query
            found[word.casefold()].add(typo.printed.casefold())
    return found


def _held_provisions() -> list[tuple[str, str]]:
    """Every provision the portal holds (heading, text): the evidence of what the texts usually
    write. One query, whatever is cached: the cost of a check is the same for every region."""
    from regulations.models import Provision

    return list(Provision.objects.order_by("pk").values_list("heading", "text"))


@dataclass
class _Held:
    key: int
    reader: Reader
    texts: list[tuple[str, str]]
    variants: dict[str, set[str]] | None = None


_held: list[_Held] = []


def _current() -> _Held:
    texts = _held_provisions()
    key = hash(tuple(texts))
    if not _held or _held[0].key != key:
        corpus = Corpus.of(part for pair in texts for part in pair)
        _held[:] = [_Held(key, Reader(corpus), texts)]
    return _held[0]


def held_reader() -> Reader:
    """The reader over every provision the portal holds, rebuilt when they change."""
    return _current().reader


def held_variants() -> dict[str, set[str]]:
    """For each word of a normal reading, the printed forms of the held provisions that stand
    for it: search finds "Sekreatis Daerah" by "Sekretaris"."""
    held = _current()
    if held.variants is None:
        typos = [typo for pair in held.texts for part in pair for typo in held.reader.typos(part)]
        held.variants = variants(typos)
    return held.variants
