"""Each Asisten's portfolio: its units (a unit the text places under two Asisten appears under
both), its affairs, and the Staf Ahli in charge."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q

from orgchart.models import Unit, UnitAffair, UnitLink
from orgchart.read.sources import regulation_citations
from orgchart.vocabulary import UnitKind
from regulations import citations
from regulations.models import Provision, Region

UNIT_FIELDS = ("id", "key", "name", "kind", "category", "source_regulation_id", "source_citation")


def _unit(row: dict, citations: dict[int, str], link_citation: str | None = None) -> dict:
    regulation = citations.get(row["source_regulation_id"], "")
    citation = link_citation or row["source_citation"]
    return {
        "id": row["id"],
        "key": row["key"],
        "name": row["name"],
        "kind": row["kind"],
        "category": row["category"] or None,
        "vertical": row["kind"] == UnitKind.INSTANSI_VERTIKAL,
        "source": f"{regulation} {citation}".strip() if citation else regulation,
        "citation": citation,
    }


def portfolios(region: Region, day: datetime.date) -> dict:
    """Five queries, whatever the size of the region."""
    citations = regulation_citations(region)
    assistants = list(
        Unit.objects.filter(region=region, kind=UnitKind.ASISTEN)
        .as_of(day)
        .order_by("lft")
        .values(*UNIT_FIELDS)
    )
    ids = [row["id"] for row in assistants]
    members: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Unit.objects.filter(parent_id__in=ids)
        .as_of(day)
        .order_by("lft")
        .values("parent_id", *UNIT_FIELDS)
    ):
        members[row["parent_id"]].append(_unit(row, citations))
    staf_ahli: dict[int, list[str]] = defaultdict(list)
    links = (
        UnitLink.objects.as_of(day)
        .with_live_ends(day)
        .filter(
            Q(source_id__in=ids, kind=UnitLink.Kind.KOORDINASI)
            | Q(target_id__in=ids, kind=UnitLink.Kind.STAF_AHLI)
        )
        .order_by("pk")
        .values(
            "kind",
            "source_id",
            "target_id",
            "source__name",
            "citation",
            *(f"target__{field}" for field in UNIT_FIELDS),
        )
    )
    for link in links:
        if link["kind"] == UnitLink.Kind.STAF_AHLI:
            staf_ahli[link["target_id"]].append(link["source__name"])
        else:
            target = {field: link[f"target__{field}"] for field in UNIT_FIELDS}
            members[link["source_id"]].append(_unit(target, citations, link["citation"]))
    order = _document_order(region)
    for units in members.values():
        units.sort(key=lambda unit: order.get(unit["citation"], len(order)))
    affairs = _affairs(ids, members, day)
    return {
        "assistants": [
            {
                **_unit(row, citations),
                "affairs": affairs[row["id"]]["codes"],
                "affairs_source": affairs[row["id"]]["source"],
                "affair_wordings": affairs[row["id"]]["wordings"],
                "staf_ahli": staf_ahli[row["id"]],
                "units": members[row["id"]],
            }
            for row in assistants
        ]
    }


def _document_order(region: Region) -> dict[str, int]:
    """{citation: position in the text} for the region's provisions, so that a unit listed a
    second time (through a link) takes its own place in the list, as the text prints it."""
    order = {}
    for key, position in Provision.objects.filter(regulation__region=region).values_list(
        "key", "position"
    ):
        segments = tuple(citations.Segment(*part.split(":", 1)) for part in key.split("/"))
        order[citations.display(segments)] = position
    return order


def _affairs(ids: list[int], members: dict[int, list[dict]], day: datetime.date) -> dict:
    """The bidang the text gives an Asisten (Pasal 11), or else the affairs its units carry out."""
    unit_ids = set(ids) | {unit["id"] for units in members.values() for unit in units}
    coordinated: dict[int, list[dict]] = defaultdict(list)
    carried: dict[int, list[str]] = defaultdict(list)
    for row in (
        UnitAffair.objects.as_of(day)
        .filter(unit_id__in=unit_ids)
        .order_by("pk")
        .values("unit_id", "role", "affair__code", "wording", "citation")
    ):
        if row["role"] == UnitAffair.Role.COORDINATES:
            coordinated[row["unit_id"]].append(row)
        else:
            carried[row["unit_id"]].append(row["affair__code"])
    result = {}
    for asisten_id in ids:
        if coordinated[asisten_id]:
            rows = coordinated[asisten_id]
            result[asisten_id] = {
                "codes": list(dict.fromkeys(row["affair__code"] for row in rows)),
                "source": "portfolio",
                "wordings": [
                    {"code": r["affair__code"], "wording": r["wording"], "citation": r["citation"]}
                    for r in rows
                ],
            }
        else:
            codes = [code for unit in members[asisten_id] for code in carried[unit["id"]]]
            result[asisten_id] = {
                "codes": sorted(set(codes)),
                "source": "units",
                "wordings": [],
            }
    return result
