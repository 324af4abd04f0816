"""Write a region pack back from the database, in the canonical form the bundled packs keep."""

from __future__ import annotations

from collections import defaultdict

import yaml
from django.core.management.base import CommandError

from orgchart.demo.roster import DEMO_BASIS
from orgchart.models import Appointment, KindRelation, Unit, UnitAffair, UnitLink
from orgchart.packs.schema import PACK_FORMAT
from orgchart.packs.text import REGION_FIELDS, REGULATION_FIELDS
from regulations.models import AnnexEntry, Region, Regulation


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def dump(data: dict) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def _sorted(value):
    """JSON values with their keys in one order whatever the database (jsonb reorders them)."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


def main_regulation(region: Region) -> Regulation | None:
    """The regulation whose structure the region holds: the newest one with a text."""
    return (
        region.regulations.filter(provisions__isnull=False)
        .distinct()
        .order_by("-valid_from", "-year")
        .first()
    )


def region_and_regulation(code: str) -> tuple[Region, Regulation]:
    """The region with ``code`` and its main regulation, or a CommandError saying what's missing."""

    region = Region.objects.filter(code=code).first()
    if region is None:
        raise CommandError(f"No region with code {code}.")
    regulation = main_regulation(region)
    if regulation is None:
        raise CommandError(f"{region} has no regulation with a text.")
    return region, regulation


def export_pack(regulation: Regulation) -> str:
    region = regulation.region
    return dump(
        {
            "pack_format": PACK_FORMAT,
            "region": {"code": region.code}
            | {name: getattr(region, name) for name in REGION_FIELDS},
            "regulation": _regulation(regulation),
            "structure": _structure(regulation),
            "links": [
                {
                    "from": link.source.key,
                    "to": link.target.key,
                    "kind": link.kind,
                    "citation": link.citation,
                }
                for link in UnitLink.objects.filter(regulation=regulation)
                .select_related("source", "target")
                .order_by("pk")
            ],
            "portfolio_affairs": [
                {
                    "unit": row.unit.key,
                    "affair": row.affair.code,
                    "wording": row.wording,
                    "citation": row.citation,
                }
                for row in UnitAffair.objects.filter(
                    regulation=regulation, role=UnitAffair.Role.COORDINATES
                )
                .select_related("unit", "affair")
                .order_by("pk")
            ],
            "kind_relations": _kind_relations(regulation),
            "officials": _officials(regulation),
        }
    )


def _regulation(regulation: Regulation) -> dict:
    data = {"kind": regulation.kind, "number": regulation.number, "year": regulation.year}
    data |= {name: getattr(regulation, name) for name in REGULATION_FIELDS}
    data["certifiers"] = [
        {
            "citation": c.citation,
            "wording": c.wording.split("\n") if c.wording else [],
            "title": c.title,
            "name": c.name,
            "nip": c.nip_printed or c.nip,
        }
        for c in regulation.certifiers.order_by("position")
    ]
    data["revokes"] = [
        _revoked(r) for r in regulation.revocations.select_related("revoked").order_by("pk")
    ]
    for kind in ("menimbang", "mengingat"):
        data[kind] = [
            {"label": recital.label, "text": recital.text}
            for recital in regulation.recitals.filter(kind=kind).order_by("position")
        ]
    data["provisions"] = _provisions(regulation)
    data["annexes"] = [_annex(annex) for annex in regulation.annexes.order_by("position")]
    data["rules"] = [
        {
            "kind": rule.kind,
            "citation": rule.citations if rule.also_cites else rule.citation,
            "value": _sorted(rule.value),
            "summary": rule.summary,
        }
        for rule in regulation.rules.order_by("pk")
    ]
    return data


def _provisions(regulation: Regulation) -> list[dict]:
    rows = regulation.provisions.order_by("position").values(
        "id", "parent_id", "kind", "label", "heading", "text"
    )
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for row in rows:
        node = {"kind": row["kind"], "label": row["label"]}
        if row["heading"]:
            node["heading"] = row["heading"]
        if row["text"]:
            node["text"] = row["text"]
        nodes[row["id"]] = node
        siblings = (
            roots
            if row["parent_id"] is None
            else nodes[row["parent_id"]].setdefault("children", [])
        )
        siblings.append(node)
    return roots


def _annex(annex) -> dict:
    data = {
        "number": annex.number,
        "title": annex.title,
        "kind": annex.kind,
        "attached_by": annex.attached_by,
        "legend": annex.legend,
    }
    rows: dict[int, dict] = {}
    for entry in annex.entries.order_by("row", "position", "pk"):
        row = rows.setdefault(
            entry.row, {"number": entry.row} | {column: [] for column in AnnexEntry.Column.values}
        )
        row[entry.column].append({"text": entry.text, "unit": entry.unit_key})
    if rows:
        data["rows"] = [rows[number] for number in sorted(rows)]
    return data


def _structure(regulation: Regulation) -> dict:
    units = list(
        Unit.objects.filter(region=regulation.region)
        .filter(source_regulation=regulation)
        .order_by("lft")
        .values(
            "id",
            "parent_id",
            "key",
            "name",
            "kind",
            "line",
            "category",
            "acronym",
            "source_citation",
        )
    )
    affairs: dict[int, list[str]] = defaultdict(list)
    for unit_id, code in (
        UnitAffair.objects.filter(regulation=regulation, role=UnitAffair.Role.CARRIES_OUT)
        .order_by("pk")
        .values_list("unit_id", "affair__code")
    ):
        affairs[unit_id].append(code)
    nodes: dict[int, dict] = {}
    root: dict = {}
    for unit in units:
        node = {"key": unit["key"], "name": unit["name"], "kind": unit["kind"]}
        for name in ("line", "category", "acronym"):
            if unit[name]:
                node[name] = unit[name]
        node["citation"] = unit["source_citation"]
        if affairs[unit["id"]]:
            node["affairs"] = affairs[unit["id"]]
        nodes[unit["id"]] = node
        parent = nodes.get(unit["parent_id"])
        if parent is None:
            root = node
        else:
            parent.setdefault("children", []).append(node)
    return root


def _kind_relations(regulation: Regulation) -> list[dict]:
    grouped: list[dict] = []
    for row in KindRelation.objects.filter(regulation=regulation).order_by("pk"):
        last = grouped[-1] if grouped else None
        if last and (last["from"], last["to"], last["citation"]) == (
            row.from_kind,
            row.to_kind,
            row.citation,
        ):
            last["natures"].append(row.nature)
        else:
            grouped.append(
                {
                    "from": row.from_kind,
                    "to": row.to_kind,
                    "natures": [row.nature],
                    "citation": row.citation,
                }
            )
    return grouped


def _officials(regulation: Regulation) -> list[dict]:
    appointments = (
        Appointment.objects.filter(position__unit__source_regulation=regulation)
        .exclude(basis=DEMO_BASIS)  # the demo roster of `make run` is never part of a pack
        .select_related("official", "position__unit")
        .order_by("pk")
    )
    return [
        {
            "name": a.official.name,
            "nip": a.official.nip,
            "unit": a.position.unit.key,
            "position": a.position.title,
            "level": a.position.level,
            "kind": a.kind,
            "start": a.start,
            "end": a.end,
            "basis": a.basis,
        }
        for a in appointments
    ]


def _revoked(revocation) -> dict:
    """What the revoking text says of the regulation it revokes; its dates only where the
    portal knows that regulation from this text alone (no signature block of its own)."""
    revoked = revocation.revoked
    item = {
        "kind": revoked.kind,
        "number": revoked.number,
        "year": revoked.year,
        "title": revoked.title,
        "citation": revocation.citation,
    }
    if not revoked.signer_name:
        for name in ("enacted_on", "promulgated_on"):
            if getattr(revoked, name) is not None:
                item[name] = getattr(revoked, name)
    return item
