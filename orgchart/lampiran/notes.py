"""The flaw notes of a Lampiran: the flaw checker's findings that touch a name it shows,
numbered in reading order, and the superscript mark each touched text carries.

A finding touches a text when it names the text's unit (``Flaw.units``). A finding about a
row of the published table itself (it cites the annex and quotes the row and the text) touches
that very entry only, so that a repeated row is marked where it repeats, not where it first
stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from orgchart.lampiran.content import ChartContent
from orgchart.lampiran.rows import Entry, TableRow
from orgchart.lampiran.stack import Block, Item
from orgchart.packs.flaws import Flaw, find_flaws
from regulations.models import Regulation

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
THIN_SPACE = "\u2009"  # between two marks; the wrapping never breaks there


@dataclass(frozen=True)
class Spot:
    """A text the Lampiran shows that stands for a unit: in a published table, with its row
    and its verbatim text."""

    unit_key: str
    row: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Note:
    number: int
    flaw: Flaw

    @property
    def message(self) -> str:
        """The explanation in the active language, composed from the flaw's facts."""
        return self.flaw.message

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(c for c in (self.flaw.citation, *self.flaw.related) if c)


@dataclass(frozen=True)
class Notes:
    notes: tuple[Note, ...] = ()
    marks: dict[Spot, tuple[int, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.notes)

    def of(self, spot: Spot) -> tuple[int, ...]:
        return self.marks.get(spot, ())


def superscript(numbers: Iterable[int]) -> str:
    """Note numbers as a superscript, runs of three or more as a range: ¹ ³⁻⁷."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}-{run[-1]}" if len(run) > 2 else " ".join(map(str, run)) for run in runs]
    return THIN_SPACE.join(" ".join(parts).split(" ")).translate(SUPERSCRIPT)


def _touches(flaw: Flaw, spot: Spot, annex_citation: str | None) -> bool:
    facts = dict(flaw.facts)
    if annex_citation and flaw.citation == annex_citation and {"row", "text"} <= set(facts):
        return spot.row is not None and (str(spot.row), spot.text) == (facts["row"], facts["text"])
    return bool(spot.unit_key) and spot.unit_key in flaw.units


def number_notes(
    regulation: Regulation,
    spots: Iterable[Spot],
    annex_citation: str | None = None,
    flaws: list[Flaw] | None = None,
) -> Notes:
    """Number the findings that touch ``spots`` (in reading order) as they first occur; the
    findings about the annex that touch no text follow, unmarked."""
    flaws = find_flaws(regulation) if flaws is None else flaws
    numbers: dict[Flaw, int] = {}
    marks: dict[Spot, tuple[int, ...]] = {}
    for spot in spots:
        if spot in marks:
            continue
        touching = [flaw for flaw in flaws if _touches(flaw, spot, annex_citation)]
        for flaw in touching:
            numbers.setdefault(flaw, len(numbers) + 1)
        if touching:
            marks[spot] = tuple(sorted(numbers[flaw] for flaw in touching))
    for flaw in flaws:
        if annex_citation and flaw.citation == annex_citation:
            numbers.setdefault(flaw, len(numbers) + 1)
    notes = tuple(Note(number, flaw) for flaw, number in numbers.items())
    return Notes(tuple(sorted(notes, key=lambda note: note.number)), marks)


def spot_of(row: TableRow, entry: Entry) -> Spot:
    return Spot(entry.unit_key, row.number, entry.text) if row.published else Spot(entry.unit_key)


def table_spots(rows: list[TableRow]) -> list[Spot]:
    return [spot_of(row, entry) for row in rows for entry in row.entries()]


def mark_rows(rows: list[TableRow], notes: Notes) -> list[TableRow]:
    return [row.with_marks(lambda r, e: notes.of(spot_of(r, e))) for row in rows]


def _items(content: ChartContent) -> list[Item]:
    """Every item of a chart in reading order: the top, then each block."""
    items = [content.head, *content.deputies, content.sekda]
    for block in (content.advisers, content.others, *content.blocks):
        if block is not None:
            items += [block.lead, *block.items]
    return [item for item in items if item is not None]


def chart_spots(content: ChartContent, keys: dict[int, str]) -> list[Spot]:
    return [Spot(keys[i.unit_id]) for i in _items(content) if i.unit_id in keys]


def mark_chart(content: ChartContent, notes: Notes, keys: dict[int, str]) -> ChartContent:
    """The chart with each touched unit's name followed by its marks."""

    def marked(item: Item | None) -> Item | None:
        numbers = notes.of(Spot(keys.get(item.unit_id, ""))) if item else ()
        return replace(item, text=item.text + superscript(numbers)) if numbers else item

    def block(b: Block | None) -> Block | None:
        return replace(b, lead=marked(b.lead), items=tuple(map(marked, b.items))) if b else None

    return replace(
        content,
        head=marked(content.head),
        deputies=[marked(d) for d in content.deputies],
        sekda=marked(content.sekda),
        advisers=block(content.advisers),
        others=block(content.others),
        blocks=[block(b) for b in content.blocks],
    )
