"""What each Lampiran shows for a region on a day, read in a fixed number of queries.

Lampiran I: the whole structure. Lampiran II: the Kepala Daerah with the vertical agencies,
BUMD, unsur pelayanan lainnya, perguruan tinggi and the region's forum. Lampiran III: the
mechanism, from the Kepala Daerah down to each Asisten's agencies, with the reporting path
back up. The table annex is read in orgchart/lampiran/rows.py.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from orgchart.lampiran.stack import Block, Item
from orgchart.models import Unit, UnitLink
from orgchart.vocabulary import Category, LineKind, UnitKind
from regulations.answers import rules_for
from regulations.models import Region
from regulations.rule_kinds import RuleKind

EXTERNAL_GROUPS = (
    (UnitKind.INSTANSI_VERTIKAL, "INSTANSI VERTIKAL"),
    (UnitKind.BUMD, "BADAN USAHA MILIK DAERAH"),
    (UnitKind.UNSUR_PELAYANAN_LAINNYA, "UNSUR PELAYANAN LAINNYA"),
    (UnitKind.PERGURUAN_TINGGI, "PERGURUAN TINGGI"),
)
OUTSIDE = {kind for kind, _title in EXTERNAL_GROUPS}


@dataclass
class Structure:
    """The region's units on a day, as plain rows with their children."""

    rows: dict[int, dict]
    children: dict[int | None, list[int]]
    second: dict[int, list[dict]]  # asisten id -> units it also coordinates by a link
    advisers: dict[int, list[int]]  # asisten id -> Staf Ahli in charge

    @property
    def root(self) -> dict | None:
        roots = self.children.get(None, [])
        return self.rows[roots[0]] if roots else None


def read_structure(region: Region, day: datetime.date) -> Structure:
    rows = {
        row["id"]: row
        for row in Unit.objects.filter(region=region)
        .as_of(day)
        .order_by("lft")
        .values("id", "key", "parent_id", "name", "kind", "line", "category", "source_citation")
    }
    children: dict[int | None, list[int]] = defaultdict(list)
    for row in rows.values():
        children[row["parent_id"] if row["parent_id"] in rows else None].append(row["id"])
    second: dict[int, list[dict]] = defaultdict(list)
    advisers: dict[int, list[int]] = defaultdict(list)
    for link in (
        UnitLink.objects.as_of(day)
        .with_live_ends(day)
        .filter(source__region=region, kind__in=[UnitLink.Kind.KOORDINASI, UnitLink.Kind.STAF_AHLI])
        .order_by("pk")
        .values("kind", "source_id", "target_id", "citation")
    ):
        if link["kind"] == UnitLink.Kind.STAF_AHLI:
            advisers[link["target_id"]].append(link["source_id"])
        elif link["target_id"] in rows:
            second[link["source_id"]].append(link)
    return Structure(rows, children, second, advisers)


def _item(row: dict, depth: int = 0, bold: bool = False) -> Item:
    return Item(
        key=f"u{row['id']}",
        text=row["name"],
        unit_id=row["id"],
        depth=depth,
        dashed=row["line"] != LineKind.KOMANDO,
        bold=bold,
    )


def subtree(structure: Structure, unit_id: int, depth: int = 0) -> list[Item]:
    """The descendants of ``unit_id`` in order, depths relative to its children."""
    items = []
    for child in structure.children.get(unit_id, []):
        items.append(_item(structure.rows[child], depth))
        items += subtree(structure, child, depth + 1)
    return items


def portfolio_items(structure: Structure, asisten_id: int) -> list[Item]:
    """An Asisten's units with category headings (Kutai Kartanegara) and, as notes, units the
    text also places under it that stand under another Asisten in the chart."""
    items: list[Item] = []
    category = None
    for child in structure.children.get(asisten_id, []):
        row = structure.rows[child]
        if row["category"] and row["category"] != category:
            category = row["category"]
            items.append(Item(f"h{asisten_id}-{category}", str(Category(category).label), "header"))
        items.append(_item(row))
        items += subtree(structure, child, 1)
    for link in structure.second.get(asisten_id, []):
        name = structure.rows[link["target_id"]]["name"]
        items.append(
            Item(f"n{asisten_id}-{link['target_id']}", f"juga: {name} ({link['citation']})", "note")
        )
    return items


@dataclass
class ChartContent:
    head: Item | None
    deputies: list[Item] = field(default_factory=list)
    sekda: Item | None = None
    advisers: Block | None = None
    others: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    expected: set[int] = field(default_factory=set)


def _top(structure: Structure) -> tuple[dict, list[dict], dict | None, list[dict], list[dict]]:
    root = structure.root
    kids = [structure.rows[i] for i in structure.children.get(root["id"], [])]
    deputies = [row for row in kids if row["kind"] == UnitKind.WAKIL]
    sekda = next((row for row in kids if row["kind"] == UnitKind.SETDA), None)
    advisers = [row for row in kids if row["kind"] == UnitKind.STAF_AHLI]
    others = [
        row for row in kids if row not in deputies and row is not sekda and row not in advisers
    ]
    return root, deputies, sekda, advisers, others


def lampiran_one(structure: Structure) -> ChartContent:
    """Every unit of the structure, once."""
    root, deputies, sekda, advisers, others = _top(structure)
    content = ChartContent(head=_item(root, bold=True), expected=set(structure.rows))
    content.deputies = [_item(row, bold=True) for row in deputies]
    side = [row for row in deputies if structure.children.get(row["id"])]  # a deputy's own units
    content.sekda = _item(sekda, bold=True) if sekda else None
    content.advisers = Block(None, tuple(_flat(structure, advisers)))
    content.others = Block(None, tuple(_flat(structure, others) + _children_only(structure, side)))
    if sekda:
        for child in structure.children.get(sekda["id"], []):
            row = structure.rows[child]
            items = (
                portfolio_items(structure, child)
                if row["kind"] == UnitKind.ASISTEN
                else subtree(structure, child)
            )
            content.blocks.append(Block(_item(row, bold=True), tuple(items)))
    return content


def _flat(structure: Structure, rows: list[dict]) -> list[Item]:
    items = []
    for row in rows:
        items.append(_item(row))
        items += subtree(structure, row["id"], 1)
    return items


def _children_only(structure: Structure, rows: list[dict]) -> list[Item]:
    return [item for row in rows for item in subtree(structure, row["id"])]


def lampiran_two(structure: Structure) -> ChartContent:
    """The Kepala Daerah and what it coordinates outside the government: all dashed."""
    root, _deputies, _sekda, _advisers, others = _top(structure)
    content = ChartContent(head=_item(root, bold=True))
    claimed: set[int] = set()
    for forum in (row for row in others if row["kind"] == UnitKind.FORUM):
        members = [
            Item(i.key, i.text, i.kind, i.unit_id, i.depth, True)
            for i in subtree(structure, forum["id"])
        ]
        content.blocks.append(Block(_item(forum, bold=True), tuple(members)))
        claimed |= {forum["id"]} | {item.unit_id for item in members}
    for kind, title in EXTERNAL_GROUPS:
        rows = [
            row
            for row in structure.rows.values()
            if row["kind"] == kind and row["id"] not in claimed
        ]
        if rows:
            items = tuple(Item(f"u{row['id']}", row["name"], unit_id=row["id"]) for row in rows)
            content.blocks.append(
                Block(Item(f"g-{kind}", title, "unit", bold=True), items, "group")
            )
            claimed |= {row["id"] for row in rows}
    content.expected = claimed | {root["id"]}
    return content


def lampiran_three(structure: Structure, region: Region, day: datetime.date) -> ChartContent:
    """Kepala Daerah → Wakil → Sekda → Asisten → their agencies, and the reports back up."""
    root, deputies, sekda, _advisers, _others = _top(structure)
    content = ChartContent(head=_item(root, bold=True))
    content.deputies = [_item(row, bold=True) for row in deputies[:1]]
    content.sekda = _item(sekda, bold=True) if sekda else None
    for child in structure.children.get(sekda["id"], []) if sekda else []:
        row = structure.rows[child]
        if row["kind"] != UnitKind.ASISTEN:
            continue
        members = [structure.rows[i] for i in structure.children.get(child, [])]
        groups = (
            ("Perangkat Daerah", [m for m in members if m["kind"] not in OUTSIDE]),
            ("Instansi Vertikal", [m for m in members if m["kind"] == UnitKind.INSTANSI_VERTIKAL]),
            (
                "Lainnya",
                [m for m in members if m["kind"] in OUTSIDE - {UnitKind.INSTANSI_VERTIKAL}],
            ),
        )
        items: list[Item] = []
        for title, rows in groups:
            if rows:
                items.append(Item(f"h{child}-{title}", title, "header"))
                items += [_item(m) for m in rows]
        content.blocks.append(Block(_item(row, bold=True), tuple(items)))
        content.expected |= {m["id"] for m in members}
    content.expected |= {root["id"]} | {d.unit_id for d in content.deputies}
    content.expected |= {sekda["id"]} if sekda else set()
    content.expected |= {block.lead.unit_id for block in content.blocks}
    content.reporting = [
        answer.source
        for kind in (RuleKind.FOLLOW_UP_REPORT, RuleKind.REPORTING_CADENCE)
        for answer in rules_for(region, kind, day)
        if answer.value.get("to") == "kepala_daerah"
    ]
    return content


def asisten_of(structure: Structure) -> list[dict]:
    """The Asisten under the Sekda, in the order of the structure."""
    sekda = _top(structure)[2] if structure.root else None
    return [
        structure.rows[i]
        for i in (structure.children.get(sekda["id"], []) if sekda else [])
        if structure.rows[i]["kind"] == UnitKind.ASISTEN
    ]
