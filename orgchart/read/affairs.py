"""Which Asisten coordinates an affair in each region, and through which units."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q

from orgchart.models import Affair, Unit, UnitAffair, UnitLink
from orgchart.read.held import refusals_on
from orgchart.vocabulary import UnitKind
from regulations.models import Region

# {region id: {Asisten unit id: {"id", "name", "bidang", "units"}}}, in the order found.
Found = dict[int, dict[int, dict]]


def coordinators(affair: Affair, day: datetime.date) -> dict:
    """Per region: the Asisten whose bidang names the affair (``bidang``, with the text's
    wording and citation) and the Asisten whose portfolio units carry it out (``units``);
    and each region that cannot answer for ``day`` (``not_answered``), with the refusal its
    own endpoints give."""
    codes = Q(affair__code=affair.code) | Q(affair__code__startswith=f"{affair.code}.")
    found: Found = defaultdict(dict)
    _add_bidang(found, codes, day)
    _add_portfolio_units(found, codes, day)
    regions = (
        Region.objects.filter(pk__in=found).order_by("code").values("id", "code", "name", "kind")
    )
    return {
        "affair": {"code": affair.code, "name": affair.name},
        "as_of": day,
        "regions": [
            {
                "region": region["code"],
                "name": region["name"],
                "assistants": list(found[region["id"]].values()),
            }
            for region in regions
        ],
        "not_answered": [dict(refusal.detail) for refusal in refusals_on(day)],
    }


def _entry(found: Found, region_id: int, asisten_id: int, name: str) -> dict:
    """The Asisten's entry in its region, made the first time either step finds it."""
    return found[region_id].setdefault(
        asisten_id, {"id": asisten_id, "name": name, "bidang": [], "units": []}
    )


def _add_bidang(found: Found, codes: Q, day: datetime.date) -> None:
    """An Asisten coordinates the affairs its bidang names (as Pasal 11 of Perwal Bukittinggi
    4/2017 names each Asisten's bidang), each with the text's wording and citation."""
    for row in (
        UnitAffair.objects.as_of(day)
        .filter(codes, role=UnitAffair.Role.COORDINATES, unit__kind=UnitKind.ASISTEN)
        .filter(unit__in=Unit.objects.as_of(day))
        .order_by("pk")
        .values("unit_id", "unit__name", "unit__region_id", "wording", "citation")
    ):
        _entry(found, row["unit__region_id"], row["unit_id"], row["unit__name"])["bidang"].append(
            {"wording": row["wording"], "citation": row["citation"]}
        )


def _add_portfolio_units(found: Found, codes: Q, day: datetime.date) -> None:
    """An Asisten coordinates the affairs its portfolio units carry out: the units right under
    it in the tree, and those a coordination link places under it (a unit may sit under two)."""
    carriers = list(
        Unit.objects.as_of(day)
        .filter(
            pk__in=UnitAffair.objects.as_of(day)
            .filter(codes, role=UnitAffair.Role.CARRIES_OUT)
            .values("unit_id")
        )
        .order_by("region_id", "lft")
        .values("id", "name", "region_id", "parent_id", "parent__kind", "parent__name")
    )
    linked = _linked_asisten([unit["id"] for unit in carriers], day)
    for unit in carriers:
        asisten = (
            [(unit["parent_id"], unit["parent__name"])]
            if unit["parent__kind"] == UnitKind.ASISTEN
            else []
        )
        for asisten_id, name in asisten + linked[unit["id"]]:
            _entry(found, unit["region_id"], asisten_id, name)["units"].append(
                {"id": unit["id"], "name": unit["name"]}
            )


def _linked_asisten(unit_ids: list[int], day: datetime.date) -> defaultdict[int, list]:
    """The Asisten a coordination link places over each of ``unit_ids`` on ``day``, besides
    the Asisten above it in the tree."""
    linked = defaultdict(list)
    for link in (
        UnitLink.objects.as_of(day)
        .filter(
            kind=UnitLink.Kind.KOORDINASI, source__kind=UnitKind.ASISTEN, target_id__in=unit_ids
        )
        .values("target_id", "source_id", "source__name")
    ):
        linked[link["target_id"]].append((link["source_id"], link["source__name"]))
    return linked
