"""What counts as a word of Indonesian here: the hunspell-id dictionary (Debian's package, read
by spylls), a small reviewed list of spellings the texts use rightly (fixtures/reference/
spelling.yaml), and how often each word occurs in the texts the portal holds.

The dictionary knows inflected forms through its affix rules ("mengoordinasikan", "dibahas");
it does not know the texts' terms of art ("musrenbang", "telaahan") or place names, so a word
it does not know is only a typo when the texts themselves, or the dictionary, hold a word a
slip away from it (regulations/readings.py)."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# A word: letters, possibly joined by hyphens ("tugas-tugas", "Undang-Undang").
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# LibreOffice's Indonesian dictionary (LGPL-3), shipped with the portal: see its README.
DEFAULT_DICTIONARY = str(
    Path(__file__).resolve().parent.parent / "fixtures" / "reference" / "hunspell-id" / "id_ID"
)
# An acronym: a short word never written with a lowercase letter ("RPJMD", "BPKH", "KUA").
ACRONYM_LENGTH = 6


@cache
def _dictionary():
    from spylls.hunspell import Dictionary

    path = getattr(settings, "PORTAL_HUNSPELL_DICTIONARY", DEFAULT_DICTIONARY)
    if not Path(f"{path}.dic").exists():
        raise ImproperlyConfigured(
            f"The Indonesian dictionary {path}.dic is missing (see fixtures/reference/hunspell-id)."
        )
    return Dictionary.from_files(path)


@lru_cache(maxsize=50_000)
def in_dictionary(word: str) -> bool:
    """ "sekretaris", "mengoordinasikan": True; "sekreatis", "musrenbang": False."""
    return bool(_dictionary().lookup(word.casefold()))


@cache
def _reviewed() -> dict:
    path = Path(settings.BASE_DIR) / "fixtures" / "reference" / "spelling.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def accepted() -> frozenset[str]:
    """Spellings the dictionary lacks that are right where the texts use them (reviewed)."""
    return frozenset(word.casefold() for word in _reviewed()["accepted"])


def standard_forms() -> dict[str, str]:
    """Accepted variant → its standard spelling: "kerjasama" → "kerja sama"."""
    return {variant.casefold(): form for variant, form in _reviewed().get("standard", {}).items()}


def known(word: str) -> bool:
    folded = word.casefold()
    return folded in accepted() or in_dictionary(folded)


@dataclass
class Corpus:
    """Word and word-pair counts of a body of text, casefolded, with the forms each word takes."""

    counts: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    forms: dict = field(default_factory=lambda: defaultdict(Counter))

    @classmethod
    def of(cls, texts: Iterable[str]) -> Corpus:
        corpus = cls()
        for text in texts:
            words = WORD.findall(text)
            for word in words:
                corpus.counts[word.casefold()] += 1
                corpus.forms[word.casefold()][word] += 1
            for first, second in itertools.pairwise(words):
                corpus.pairs[first.casefold(), second.casefold()] += 1
        return corpus

    def count(self, word: str) -> int:
        return self.counts[word.casefold()]

    def is_acronym(self, word: str) -> bool:
        forms = self.forms.get(word.casefold()) or {word: 1}
        return len(word) <= ACRONYM_LENGTH and all(form.isupper() for form in forms)

    def attested(self, word: str) -> bool:
        """A word the dictionary or the reviewed list knows, or that the texts use often."""
        return known(word) or self.count(word) >= 3

    def usual_form(self, word: str) -> str:
        """How the texts write ``word`` in running text: "Indonesia" (never in lowercase, and
        often), "pembidangan" (capitalised only at the head of a few sentences)."""
        lower = word.casefold()
        forms = self.forms.get(lower)
        if not forms or lower in forms or self.counts[lower] < 3:
            return lower
        return forms.most_common(1)[0][0]
