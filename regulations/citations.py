"""Reads and writes citations of provisions ("Pasal 13 ayat (5)", "Pasal 9 huruf f").

A citation is a path of segments from the outermost container down. Pasal numbers are unique
within a regulation, so a path below BAB level starts at the Pasal; BAB, Bagian and Paragraf
are only needed to cite the containers themselves.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Outermost first. The order is also the order in which a citation may name them.
KINDS = ("lampiran", "bab", "bagian", "paragraf", "pasal", "ayat", "huruf", "angka")

# Which kind of segment may directly follow which in a citation (None: at the start).
_MAY_FOLLOW = {
    None: {"lampiran", "bab", "pasal"},
    "bab": {"bagian", "paragraf"},
    "bagian": {"paragraf"},
    "paragraf": set(),
    "lampiran": set(),
    "pasal": {"ayat", "huruf", "angka"},
    "ayat": {"huruf", "angka"},
    "huruf": {"angka"},
    "angka": set(),
}

_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)
ORDINALS = (
    "kesatu",
    "kedua",
    "ketiga",
    "keempat",
    "kelima",
    "keenam",
    "ketujuh",
    "kedelapan",
    "kesembilan",
    "kesepuluh",
)


class CitationSyntaxError(ValueError):
    """The text is not a citation the portal can read."""


@dataclass(frozen=True)
class Segment:
    kind: str
    number: str

    def display(self) -> str:
        if self.kind == "ayat":
            return f"ayat ({self.number})"
        if self.kind in {"bab", "lampiran"}:
            label = "BAB" if self.kind == "bab" else "Lampiran"
            return f"{label} {self.number}".strip()
        if self.kind in {"huruf", "angka"}:
            return f"{self.kind} {self.number}"
        return f"{self.kind.capitalize()} {self.number.capitalize()}"

    def key(self) -> str:
        return f"{self.kind}:{self.number}"


def normalise_number(kind: str, raw: str) -> str:
    """The canonical number of a segment from its label as printed ("(1)", "a.", "1)", "III")."""
    value = raw.strip().strip(".").strip()
    value = value.strip("()").strip(")").strip()
    if not value:
        if kind == "lampiran":
            return ""
        raise CitationSyntaxError(_("%(kind)s has no number.") % {"kind": kind})
    if kind in {"bab", "lampiran"}:
        if not _ROMAN.match(value) and not value.isdigit():
            raise CitationSyntaxError(
                _("%(kind)s must be numbered in Roman numerals, not “%(value)s”.")
                % {"kind": kind.upper(), "value": raw}
            )
        return value.upper()
    if kind == "bagian":
        lowered = value.lower()
        if lowered not in ORDINALS:
            raise CitationSyntaxError(
                _("Bagian is numbered with an ordinal word (Kesatu, Kedua, …), not “%(value)s”.")
                % {"value": raw}
            )
        return lowered
    if kind == "huruf":
        if not re.fullmatch(r"[a-z]", value, re.IGNORECASE):
            raise CitationSyntaxError(
                _("huruf takes one letter, not “%(value)s”.") % {"value": raw}
            )
        return value.lower()
    if not value.isdigit():
        raise CitationSyntaxError(
            _("%(kind)s takes a number, not “%(value)s”.") % {"kind": kind, "value": raw}
        )
    return str(int(value))


_TOKEN = re.compile(r"\(\s*[^()\s]+\s*\)|[^\s()]+")


def parse(text: str) -> tuple[Segment, ...]:
    """Parse "Pasal 13 ayat (5)", "Pasal 13(5)", "pasal 9 f" or "BAB III Bagian Kedua"."""
    tokens = _TOKEN.findall(text.replace(",", " "))
    if not tokens:
        raise CitationSyntaxError(_("The citation is empty."))
    segments: list[Segment] = []
    index = 0
    while index < len(tokens):
        word = tokens[index].lower()
        if word in KINDS:
            kind = word
            raw = tokens[index + 1] if index + 1 < len(tokens) else ""
            if raw.lower() in KINDS:
                raw = ""
            index += 2 if raw else 1
        else:
            kind, raw = _implied_kind(segments, tokens[index], text), tokens[index]
            index += 1
        _check_order(segments, kind, text)
        segments.append(Segment(kind, normalise_number(kind, raw)))
    return tuple(segments)


def _implied_kind(segments: list[Segment], token: str, text: str) -> str:
    """The kind of a bare number: "(5)" after a Pasal is an ayat, a letter is a huruf."""
    previous = segments[-1].kind if segments else None
    bare = token.strip("()").strip(".")
    if token.startswith("(") and previous == "pasal":
        return "ayat"
    if re.fullmatch(r"[a-z]", bare, re.IGNORECASE) and previous in {"pasal", "ayat"}:
        return "huruf"
    if bare.isdigit() and previous in {"pasal", "ayat", "huruf"}:
        return "angka"
    raise CitationSyntaxError(
        _("“%(token)s” in “%(text)s” is not part of a citation.") % {"token": token, "text": text}
    )


def _check_order(segments: list[Segment], kind: str, text: str) -> None:
    previous = segments[-1].kind if segments else None
    if kind not in _MAY_FOLLOW[previous]:
        where = _("at the start") if previous is None else _("after %(kind)s") % {"kind": previous}
        raise CitationSyntaxError(
            _("“%(text)s”: %(kind)s cannot come %(where)s.")
            % {"text": text, "kind": kind, "where": where}
        )


def display(segments: tuple[Segment, ...]) -> str:
    """The canonical printed form: "Pasal 13 ayat (5)"."""
    return " ".join(segment.display() for segment in segments)


def key(segments: tuple[Segment, ...]) -> str:
    """The lookup key stored on each provision: "pasal:13/ayat:5"."""
    return "/".join(segment.key() for segment in segments)


def canonical(text: str) -> str:
    """Normalise a citation to its canonical printed form."""
    return display(parse(text))


def _order(segment: Segment) -> tuple:
    """Document order inside one Pasal: ayat (2) before (10), huruf a before b."""
    number = segment.number
    return (KINDS.index(segment.kind), int(number) if number.isdigit() else 0, number)


def _short(segment: Segment) -> str:
    """A further number of the same kind, as drafters write it after the first: "(2)", "b"."""
    return f"({segment.number})" if segment.kind == "ayat" else segment.number


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} dan {parts[-1]}"


def _group(paths: list[tuple[Segment, ...]]) -> str:
    """Provisions of one Pasal: "Pasal 21 ayat (1), (2) dan (3)", "Pasal 9 huruf a dan b"."""
    paths = sorted(paths, key=lambda path: [_order(segment) for segment in path])
    parts = [display(paths[0])]
    for previous, path in itertools.pairwise(paths):
        common = 0
        while common < min(len(previous), len(path)) and previous[common] == path[common]:
            common += 1
        rest = path[common:]
        same_kind = len(rest) == 1 and len(previous) == common + 1
        if same_kind and rest[0].kind == previous[common].kind:
            parts.append(_short(rest[0]))
        else:
            parts.append(display(rest))
    return _and(parts)


def display_many(texts: list[str] | tuple[str, ...]) -> str:
    """Several citations as Indonesian drafting joins them: "Pasal 21 ayat (1), (2) dan (3)".
    Provisions of one Pasal are written once and in document order; the Pasal of the first
    citation (the main one) comes first; "serta" joins Pasal that each cite several."""
    groups: dict[Segment, list[tuple[Segment, ...]]] = {}
    for text in texts:
        path = parse(text)
        found = groups.setdefault(path[0], [])
        if path not in found:
            found.append(path)
    parts = [_group(paths) for paths in groups.values()]
    if len(parts) > 1 and any(len(paths) > 1 for paths in groups.values()):
        return f"{', '.join(parts[:-1])}, serta {parts[-1]}"
    return _and(parts)
