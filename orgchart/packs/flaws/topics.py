"""What a provision is about, for comparing it with the words that refer to it: the content
words of a text (normalised, stop words left out, stemmed with PySastrawi), the noun phrase of
referring words, and how well each provision holds such a phrase or is like another."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from orgchart.packs.flaws.base import Source
from regulations.models import Provision
from regulations.search import normalise_name

_STOP_WORDS = frozenset(
    re.findall(
        r"\S+",
        "a adalah akan antar antara apabila atas atau bagi bahwa baik berdasarkan bersangkutan "
        "dalam dan dapat dengan di diatas dimaksud ini itu juga ke kepada lain lainnya maupun "
        "melalui merupakan nya oleh pada para sebagai sebagaimana secara sesuai serta setiap "
        "telah terhadap tersebut untuk yang",
    )
)
_VERB = re.compile(r"^(?:me|di|ter|ber)")  # a verb's prefix: "melaksanakan", "dilakukan"
_ALIAS = re.compile(
    r"^(?P<long>[^,;:.]+?)\s+yang\s+selanjutnya\s+(?:disebut|disingkat)(?:\s+dengan)?\s+"
    r"(?P<short>[\w-]+)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _stemmer():
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The PySastrawi stem of one lowercase word: "keprotokolan" → "protokol"."""
    return _stemmer().stem(word) or word


def _stems(text: str, nouns: bool = False) -> list[str]:
    """Stems of the content words; with ``nouns``, without the verbs ("dilakukan oleh Asisten"
    names the Asisten, the verb is what the referring provision says of it)."""
    stems = []
    for word in normalise_name(text).split():
        if word in _STOP_WORDS:
            continue
        root = stem(word)
        if not (nouns and root != word and _VERB.match(word) and not _VERB.match(root)):
            stems.append(root)
    return stems


class Subjects:
    """The content words of each provision, and how well provisions hold a phrase."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._words: dict[int, frozenset[str]] = {}
        self.aliases = {  # "Forkopimda" also reads "Forum Koordinasi Pimpinan di Daerah"
            stem(normalise_name(match["short"])): _stems(match["long"])
            for provision in source.provisions
            if (match := _ALIAS.match(provision.text))
        }
        self.actors = {stem(normalise_name(u.name).split()[0]) for u in source.units if u.name}

    def of(self, provision: Provision) -> frozenset[str]:
        """Stems of a provision's full text, plus each two adjacent words run together
        ("ditindak lanjuti" also reads "ditindaklanjuti")."""
        if provision.pk not in self._words:
            raw = normalise_name(self.source.full_text(provision)).split()
            stems = [stem(w) for w in raw]
            words = {*stems, *(a + b for a, b in itertools.pairwise(raw))}
            words.update(a + b for a, b in itertools.pairwise(stems))
            words.update(*(self.aliases[w] for w in words & self.aliases.keys()))
            self._words[provision.pk] = frozenset(words)
        return self._words[provision.pk]

    def phrase(self, words: str) -> list[str]:
        """The stems of referring words' nouns, each alias read as its long form."""
        found: list[str] = []
        for word in _stems(words, nouns=True):
            found.extend(s for s in self.aliases.get(word, [word]) if s not in found)
        return found

    def shares(
        self, words: list[str], targets: frozenset[str], pool: list[Provision]
    ) -> tuple[float, list[tuple[float, Provision]]]:
        """The share of the phrase the targets hold, and each candidate's, best first. A word
        weighs by how few of these provisions hold it; one that none holds tells nothing."""
        documents = [targets, *(self.of(p) for p in pool)]
        held = {w: sum(holds(d, w) for d in documents) for w in words}
        weight = {w: math.log((len(documents) + 1) / n) for w, n in held.items() if n}
        total = sum(weight.values()) or 1.0

        def share(vocabulary: frozenset[str]) -> float:
            return sum(v for w, v in weight.items() if holds(vocabulary, w)) / total

        def exact(provision: Provision) -> float:  # of two that hold it all, the one saying less
            own = set(_stems(self.source.full_text(provision)))
            return len(own & weight.keys()) / (len(own) or 1)

        ranked = [(share(self.of(p)), p) for p in pool]
        ranked.sort(key=lambda item: (-item[0], -exact(item[1])))
        return (share(targets) if weight else 1.0), ranked

    def likeness(self, provision: Provision, pool: list[Provision]) -> list[tuple[float, int]]:
        """Cosine likeness (tf-idf of stems) of what ``provision`` builds, its body past the
        referring sentence (or all of it when it has none), to each of ``pool``."""
        body = [self.source.full_text(c) for c in self.source.children.get(provision.pk, [])]
        texts = [" ".join(body) or self.source.full_text(provision)]
        bags = [Counter(_stems(text)) for text in (*texts, *map(self.source.full_text, pool))]
        df = Counter(word for bag in bags for word in bag)
        vectors = [{w: n * math.log(len(bags) / df[w]) for w, n in bag.items()} for bag in bags]
        norms = [math.sqrt(sum(v * v for v in vector.values())) or 1.0 for vector in vectors]
        own = vectors[0]
        return [
            (sum(v * own.get(w, 0.0) for w, v in vector.items()) / norms[0] / norm, p.pk)
            for vector, norm, p in zip(vectors[1:], norms[1:], pool, strict=True)
        ]


def holds(vocabulary: frozenset[str], word: str) -> bool:
    """Whether ``vocabulary`` holds ``word``, or, for a word of five letters or more, a word
    that contains it or that it contains (of five letters or more too)."""
    if word in vocabulary:
        return True
    if len(word) < 5:
        return False
    return any(word in other or (len(other) >= 5 and other in word) for other in vocabulary)
