"""Cross-references: every "sebagaimana dimaksud … Pasal … ayat … huruf …" must reach an existing
provision of the same regulation, and that provision must be about what the referring words name.

"Konsultasi koordinatif sebagaimana dimaksud pada ayat (2)" is sound only if ayat (2) speaks of
konsultasi koordinatif. The referring noun phrase is compared, after normalisation and stemming
(topics.py), with the target's full text; each word counts by how few of the provisions in
question hold it. A reference is wrong when its target lacks the phrase (or the actor "oleh …"
names) and another provision of the same kind holds it: that one is also the provision the
drafter likely meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from orgchart.packs.flaws.topics import Subjects, holds
from regulations import citations
from regulations.models import Provision, Recital

MISSING = explains(
    "reference-to-missing-provision",
    _("%(citation)s cites %(target)s, which does not exist in %(regulation)s."),
)
WRONG = explains(
    "reference-to-wrong-provision",
    _(
        "%(citation)s refers to “%(words)s” as in %(target)s, but %(target)s is about "
        "“%(about)s”; the provision on “%(words)s” is %(meant)s."
    ),
)
ACTOR = explains(
    "reference-to-provision-without-its-actor",
    _(
        "%(citation)s refers to “%(words)s” as in %(target)s, but %(target)s does not name the "
        "%(actor)s: it is about “%(about)s”; %(meant)s is the provision on the %(actor)s."
    ),
)
UNRELATED = explains(
    "reference-to-unrelated-provision",
    _(
        "%(citation)s rests “%(words)s” on %(target)s, but %(target)s is about “%(about)s”; "
        "the provision %(citation)s builds on is %(meant)s (“%(meant_about)s”)."
    ),
)
ITSELF = explains(
    "reference-to-itself",
    _("%(citation)s refers to “%(words)s” as in %(target)s, which is %(citation)s itself."),
)

_SEGMENT = r"(?:Pasal\s+\d+|ayat\s*\(\s*\d+\s*\)|huruf\s+[a-z]\b|angka\s+\d+)"
_JOIN = r"(?:\s*,\s*|\s+(?:dan|atau|serta|sampai\s+dengan)\s+|\s+)"
_DIMAKSUD = re.compile(
    rf"\bsebagaimana\s+(?:pada\s+)?dimaksud(?:\s+(?:dalam|pada))?\s+(?P<chain>{_SEGMENT}"
    rf"(?:{_JOIN}{_SEGMENT})*)(?P<after>(?:\s+\S+){{0,4}})",
    re.IGNORECASE,
)
_BARE_PASAL = re.compile(rf"\bPasal\s+\d+(?:\s+{_SEGMENT})*(?P<after>(?:\s+\S+){{0,4}})", re.I)
_PART = re.compile(r"\b(Pasal|ayat|huruf|angka)\s*\(?\s*(\w+)\s*\)?", re.IGNORECASE)
_GROUP = re.compile(r"\s*(?:,|\bdan\b|\batau\b|\bserta\b|\bsampai\s+dengan\b)\s*", re.I)
_LAMPIRAN = re.compile(
    r"\btercantum\s+dalam\s+(?P<chain>Lampiran(?:\s+(?-i:[IVXLC]+)\b)?"
    r"(?:\s*(?:,|dan)\s*Lampiran\s+(?-i:[IVXLC]+)\b)*)",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(r"\b(Undang|Peraturan|UU|Perda|Keputusan)\b", re.IGNORECASE)
# Where the noun phrase a reference qualifies begins: a sentence break or the main clause's modal.
_CLAUSE = re.compile(
    r"[;:.]|\b(?:dapat|wajib|harus|perlu|akan|adalah|merupakan|bahwa|apabila|jika)\b", re.I
)
_AGENT = re.compile(r"\boleh\s+(?P<agent>.+)$", re.IGNORECASE)  # "dilakukan oleh Asisten …"
_DEFINITIONS = re.compile(r"\byang\s+dimaksud\s+dengan\b", re.IGNORECASE)
# A target holding less than _LOW of the phrase is not about it; a provision holding _MEANT is.
# When _VAGUE provisions or more hold it, the phrase names nothing in particular, and the target
# must instead be the provision most like the referring one's body (by _CLEARLY, to differ).
# Every sound reference of the five seeds holds its whole phrase; the wrong ones hold 0–0.4.
_LOW, _MEANT, _VAGUE, _CLEARLY = 0.75, 0.9, 3, 1.5


@dataclass(frozen=True)
class Reference:
    holder: Provision
    words: str  # the referring noun phrase as printed: "Konsultasi koordinatif"
    keys: tuple[str, ...]  # resolved targets: "pasal:23/ayat:2"
    relative: bool  # read from the holder's own Pasal or ayat ("pada ayat (1)")

    @property
    def displays(self) -> tuple[str, ...]:
        return tuple(_display(key) for key in self.keys)


def _display(key: str) -> str:
    return citations.display(tuple(citations.Segment(*p.split(":", 1)) for p in key.split("/")))


def _groups(chain: str) -> list[tuple[citations.Segment, ...]]:
    """ "ayat (1) huruf a dan huruf b" → (ayat 1, huruf a), (ayat 1, huruf b)."""
    paths: list[tuple[citations.Segment, ...]] = []
    for part in _GROUP.split(chain):
        segments = tuple(
            citations.Segment(kind.lower(), citations.normalise_number(kind.lower(), raw))
            for kind, raw in _PART.findall(part)
        )
        if segments and paths and segments[0].kind != "pasal":
            level = citations.KINDS.index(segments[0].kind)
            previous = paths[-1]  # "dan huruf b" keeps what "ayat (1) huruf a" says above huruf
            depth = next(
                (i for i, s in enumerate(previous) if citations.KINDS.index(s.kind) >= level),
                len(previous),
            )
            segments = previous[:depth] + segments
        if segments:
            paths.append(segments)
    return paths


def _resolve(source: Source, holder: Provision, path: tuple[citations.Segment, ...]) -> str:
    """The key a path names, read from ``holder``'s containers when it does not start at a Pasal."""
    own = citations.key(path)
    if path[0].kind == "pasal":
        return own
    allowed = Provision.ALLOWED_PARENTS[path[0].kind]
    containers = [c for c in (holder, *source.ancestors(holder)) if c.kind in allowed]
    for container in containers:
        if f"{container.key}/{own}" in source.by_key:
            return f"{container.key}/{own}"
    return f"{containers[0].key}/{own}" if containers else own


def _phrase(text: str) -> str:
    """The words a reference qualifies: back from "sebagaimana" to the clause's start."""
    starts = [match.end() for match in _CLAUSE.finditer(text)]
    return " ".join(text[starts[-1] if starts else 0 :].split())


def _references(source: Source) -> Iterator[Reference]:
    for provision in source.provisions:
        text, done, spans = provision.text, 0, []
        for match in _DIMAKSUD.finditer(text):
            words, done = _phrase(text[done : match.start()]), match.end("chain")
            spans.append(match.span("chain"))
            if not _EXTERNAL.search(match["after"]):
                paths = _groups(match["chain"])
                keys = tuple(_resolve(source, provision, path) for path in paths)
                yield Reference(provision, words, keys, paths[0][0].kind != "pasal")
        for match in _BARE_PASAL.finditer(text):
            inside = any(start <= match.start() < end for start, end in spans)
            if not inside and not _EXTERNAL.search(match["after"]):
                # "Pasal 18 ayat (6) Undang-Undang Dasar …" cites another law, and is skipped
                path = _groups(text[match.start() : match.start("after")])[0]
                yield Reference(provision, "", (citations.key(path),), False)


def _candidates(source: Source, reference: Reference) -> list[Provision]:
    """Where the drafter may have meant to point: the target's siblings for a reference read
    from the holder's own Pasal ("pada ayat (2)"), any provision of the target's kind
    otherwise but the definitions; never the holder, what contains it or what it contains."""
    holder, first = reference.holder, source.by_key[reference.keys[0]][0]
    if reference.relative:
        pool = source.children.get(first.parent_id, [])
    else:
        pool = [p for p in source.provisions if p.kind == first.kind]
    around = {holder.pk, *(a.pk for a in source.ancestors(holder))}
    return [
        p
        for p in pool
        if p.pk not in around
        and holder.pk not in {a.pk for a in source.ancestors(p)}
        and not _DEFINITIONS.search(p.text)
    ]


def _about(source: Source, provision: Provision, words: int = 12) -> str:
    text = source.full_text(provision).split()
    return " ".join(text[:words]) + (" …" if len(text) > words else "")


def _judge(source: Source, subjects: Subjects, reference: Reference) -> Flaw | None:
    targets = [source.by_key[key][0] for key in reference.keys]
    vocabulary = frozenset().union(*(subjects.of(t) for t in targets))
    pool = _candidates(source, reference)
    words = subjects.phrase(reference.words)
    facts = {
        "words": reference.words,
        "target": " dan ".join(reference.displays),
        "about": " / ".join(_about(source, t) for t in targets),
    }
    agent = _AGENT.search(reference.words)
    actor = subjects.phrase(agent["agent"]) if agent else []
    if actor and not all(holds(vocabulary, w) for w in actor):
        named = [p for p in pool if all(holds(subjects.of(p), w) for w in actor)]
        ranked = subjects.shares(words, vocabulary, named)[1]
        if ranked and ranked[0][0] >= _MEANT:
            facts["actor"] = agent["agent"]
            return _found(ACTOR, Severity.RESPONSIBILITY, reference, ranked[0][1], **facts)
    held, ranked = subjects.shares(words, vocabulary, pool)
    if held >= _LOW or not ranked or ranked[0][0] < _MEANT:
        return None
    if sum(share >= _MEANT for share, _p in ranked) >= _VAGUE:
        return _unrelated(source, subjects, reference, targets, pool, facts)
    meant = ranked[0][1]
    lacking = {w for w in words if not holds(vocabulary, w) and holds(subjects.of(meant), w)}
    severity = Severity.RESPONSIBILITY if lacking & subjects.actors else Severity.MEANING
    return _found(WRONG, severity, reference, meant, **facts)


def _unrelated(
    source: Source,
    subjects: Subjects,
    reference: Reference,
    targets: list[Provision],
    pool: list[Provision],
    facts: dict[str, str],
) -> Flaw | None:
    """The phrase names nothing in particular ("kedekatan tugas dan fungsinya"): the target
    must then be, or be as like the referring provision as, the provision most like it."""
    likeness = {pk: score for score, pk in subjects.likeness(reference.holder, pool)}
    best = max(pool, key=lambda p: likeness[p.pk])
    own = max(likeness.get(t.pk, 0.0) for t in targets)
    if best in targets or likeness[best.pk] < _CLEARLY * own:
        return None
    meant_about = _about(source, best)
    return _found(UNRELATED, Severity.MEANING, reference, best, meant_about=meant_about, **facts)


def _found(code: str, severity: Severity, reference: Reference, meant: Provision, **facts) -> Flaw:
    return Flaw.of(
        code,
        FlawClass.CROSS_REFERENCE,
        severity,
        reference.holder.citation,
        related=[*reference.displays, meant.citation],
        meant=meant.citation,
        **facts,
    )


def cross_references(source: Source) -> list[Flaw]:
    """References to a provision that does not exist, that is the referring one itself, or
    that is about something else than the referring words; and the same within the Menimbang
    and Mengingat lists."""
    subjects = Subjects(source)
    flaws = []
    for reference in _references(source):
        exist = True
        for key, display in zip(reference.keys, reference.displays, strict=True):
            exist = exist and key in source.by_key
            if key not in source.by_key:
                flaws.append(_cited(source, MISSING, reference.holder.citation, display))
            elif key == reference.holder.key:
                words = reference.words or display
                flaws.append(_cited(source, ITSELF, reference.holder.citation, display, words))
        if exist and reference.words and (flaw := _judge(source, subjects, reference)):
            flaws.append(flaw)
    return [*flaws, *_recital_flaws(source), *_annex_flaws(source)]


def _cited(source: Source, code: str, citation: str, target: str, words: str = "") -> Flaw:
    """A reference to nothing (MISSING) or to the referring provision itself (ITSELF)."""
    if code == MISSING:
        facts = {"regulation": source.regulation.short_citation}
    else:
        facts = {"words": words}
    return Flaw.of(
        code, FlawClass.CROSS_REFERENCE, Severity.MEANING, citation, target=target, **facts
    )


def _recital_flaws(source: Source) -> list[Flaw]:
    """ "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a" names an item of
    the recital's own list, which must exist and be another one."""
    labels = {(r.kind, _label(r)) for r in source.recitals}
    flaws = []
    for recital in source.recitals:
        kind = recital.get_kind_display()
        citation = recital.citation
        for match in _DIMAKSUD.finditer(recital.text):
            if _EXTERNAL.search(match["after"]):
                continue
            words = _phrase(recital.text[: match.start()])
            for segment_kind, number in _PART.findall(match["chain"]):
                target = f"{kind} {segment_kind.lower()} {number.lower()}"
                if (recital.kind, number.lower()) not in labels:
                    flaws.append(_cited(source, MISSING, citation, target))
                elif number.lower() == _label(recital):
                    flaws.append(_cited(source, ITSELF, citation, target, words))
    return flaws


def _annex_flaws(source: Source) -> list[Flaw]:
    """ "sebagaimana tercantum dalam Lampiran II" names an annex, which must exist."""
    numbers = {annex.number.upper() for annex in source.annexes}
    flaws = []
    for provision in source.provisions:
        for match in _LAMPIRAN.finditer(provision.text):
            for number in re.findall(r"Lampiran(?:\s+((?-i:[IVXLC]+))\b)?", match[0], re.I):
                if (number not in numbers) if number else not numbers:
                    target = f"Lampiran {number}".strip()
                    flaws.append(_cited(source, MISSING, provision.citation, target))
    return flaws


def _label(recital: Recital) -> str:
    return recital.label.strip().strip(".").strip("()").lower()


CHECKS = [cross_references]
