"""Load the structure half of a pack: units (through orgchart.services, under the region's lock),
links, affairs, relationships between kinds of unit, and officials."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from orgchart import services
from orgchart.models import (
    Affair,
    Appointment,
    KindRelation,
    Official,
    Position,
    Unit,
    UnitAffair,
    UnitLink,
)
from orgchart.packs.report import Report, replace_if_changed
from orgchart.packs.schema import PackError, located, walk_units
from orgchart.packs.text import as_date, upsert
from regulations import citations
from regulations.models import Region, Regulation


def _unit_fields(node: dict, regulation: Regulation) -> dict:
    return {
        "name": node["name"],
        "kind": node["kind"],
        "line": node.get("line", ""),
        "category": node.get("category", ""),
        "acronym": node.get("acronym", ""),
        "source_regulation": regulation,
        "source_citation": citations.canonical(node["citation"]),
        "valid_from": None,
        "valid_until": None,
    }


def sync_structure(region: Region, regulation: Regulation, root: dict, report: Report) -> dict:
    """Create, update, reorder and remove units so the tree matches the pack, in pack order."""
    nodes = list(walk_units(root))
    with services.tree_write(region):
        existing = {unit.key: unit for unit in Unit.objects.filter(region=region)}
        placed: dict[str, Unit] = {}
        last_child: dict[str, Unit] = {}
        for node, parent in nodes:
            fields = _unit_fields(node, regulation)
            unit = existing.get(node["key"])
            if parent is None:
                unit = _place_root(region, node, unit, fields, report)
            else:
                previous = last_child.get(parent["key"])
                target = previous or placed[parent["key"]]
                position = "right" if previous else "first-child"
                if unit is None:
                    with located(f"structure/{node['key']}"):
                        unit = services.create_unit(
                            region=region,
                            target=target,
                            position=position,
                            key=node["key"],
                            **fields,
                        )
                    report.created("units")
                else:
                    with located(f"structure/{node['key']}"):
                        unit = _update(unit, fields, report)
                    if not _in_place(unit, placed[parent["key"]], previous):
                        unit = services.move_unit(unit=unit, target=target, position=position)
                        report.changed("unit places")
                last_child[parent["key"]] = unit
            placed[node["key"]] = unit
        _remove_stale(region, regulation, set(placed), report)
    return placed


def _place_root(region, node, unit, fields, report) -> Unit:
    current_root = Unit.objects.filter(region=region, parent__isnull=True).first()
    if unit is None:
        if current_root is not None:
            raise PackError(
                f"structure: {region} already has a root ({current_root.key}); "
                f"the pack's root is {node['key']}."
            )
        report.created("units")
        with located(f"structure/{node['key']}"):
            return services.create_unit(region=region, key=node["key"], **fields)
    if unit.parent_id is not None:
        raise PackError(f"structure: {node['key']} is not the root of {region}'s tree.")
    return _update(unit, fields, report)


def _update(unit: Unit, fields: dict, report: Report) -> Unit:
    changed = {name: value for name, value in fields.items() if getattr(unit, name) != value}
    if not changed:
        return unit
    report.changed("units")
    return services.update_unit(unit=unit, **changed)


def _in_place(unit: Unit, parent: Unit, previous: Unit | None) -> bool:
    fresh = Unit.objects.get(pk=unit.pk)
    if fresh.parent_id != parent.pk:
        return False
    sibling = fresh.get_previous_sibling()
    return (sibling.pk if sibling else None) == (previous.pk if previous else None)


def _remove_stale(region, regulation, keep: set[str], report: Report) -> None:
    stale = (
        Unit.objects.filter(region=region, source_regulation=regulation)
        .exclude(key__in=keep)
        .order_by("-level")
    )
    for unit in stale:
        if not Unit.objects.filter(pk=unit.pk).exists():
            continue  # went with an ancestor
        try:
            services.delete_unit(unit=unit)
        except ValidationError as exc:
            raise PackError(
                f"structure: {unit.key} is gone from the pack but {exc.messages[0]}"
            ) from exc
        report.deleted("units")


def sync_links(regulation: Regulation, links: list[dict], units: dict, report: Report) -> None:
    wanted = [
        (link["from"], link["to"], link["kind"], citations.canonical(link["citation"]))
        for link in links
    ]
    queryset = UnitLink.objects.filter(regulation=regulation)
    current = list(
        queryset.order_by("pk").values_list("source__key", "target__key", "kind", "citation")
    )

    def create(source: str, target: str, kind: str, citation: str) -> None:
        link = UnitLink(
            source=units[source],
            target=units[target],
            kind=kind,
            regulation=regulation,
            citation=citation,
        )
        with located(f"links/{source}->{target}"):
            link.full_clean()
        link.save()

    replace_if_changed(current, wanted, queryset, create, report, "links")


def sync_unit_affairs(regulation: Regulation, data: dict, units: dict, report: Report) -> None:
    wanted = [
        (node["key"], code, UnitAffair.Role.CARRIES_OUT, citations.canonical(node["citation"]), "")
        for node, _parent in walk_units(data["structure"])
        for code in node.get("affairs", [])
    ] + [
        (
            entry["unit"],
            entry["affair"],
            UnitAffair.Role.COORDINATES,
            citations.canonical(entry["citation"]),
            entry.get("wording", ""),
        )
        for entry in data.get("portfolio_affairs", [])
    ]
    seen = set()
    for unit_key, code, role, _citation, _wording in wanted:
        if (unit_key, code, role) in seen:
            raise PackError(f"affairs: {unit_key} {role} {code} twice; merge the wordings.")
        seen.add((unit_key, code, role))
    affairs = {affair.code: affair for affair in Affair.objects.all()}
    unknown = sorted({row[1] for row in wanted} - affairs.keys())
    if unknown:
        raise PackError(f"affairs: unknown urusan codes {', '.join(unknown)}.")
    queryset = UnitAffair.objects.filter(regulation=regulation)
    current = list(
        queryset.order_by("pk").values_list(
            "unit__key", "affair__code", "role", "citation", "wording"
        )
    )

    def create(unit_key: str, code: str, role: str, citation: str, wording: str) -> None:
        row = UnitAffair(
            unit=units[unit_key],
            affair=affairs[code],
            role=role,
            regulation=regulation,
            citation=citation,
            wording=wording,
        )
        with located(f"affairs/{unit_key}/{code}"):
            row.full_clean()
        row.save()

    replace_if_changed(current, wanted, queryset, create, report, "unit affairs")


def sync_kind_relations(regulation: Regulation, relations: list[dict], report: Report) -> None:
    wanted = [
        (item["from"], item["to"], nature, citations.canonical(item["citation"]))
        for item in relations
        for nature in item["natures"]
    ]
    queryset = KindRelation.objects.filter(regulation=regulation)
    current = list(
        queryset.order_by("pk").values_list("from_kind", "to_kind", "nature", "citation")
    )

    def create(from_kind: str, to_kind: str, nature: str, citation: str) -> None:
        KindRelation.objects.create(
            regulation=regulation,
            from_kind=from_kind,
            to_kind=to_kind,
            nature=nature,
            citation=citation,
        )

    replace_if_changed(current, wanted, queryset, create, report, "kind relations")


def sync_officials(region: Region, entries: list[dict], units: dict, report: Report) -> None:
    """Create or update the officials the text evidences; never delete (staff add more)."""
    for index, entry in enumerate(entries):
        with located(f"officials/{index}"):
            _sync_official(region, entry, units, report)


def _sync_official(region: Region, entry: dict, units: dict, report: Report) -> None:
    official = upsert(
        Official,
        {"region": region, "name": entry["name"], "nip": entry.get("nip", "").replace(" ", "")},
        {},
        report,
        "officials",
    )
    unit = units[entry["unit"]]
    lookup = {"unit": unit, "level": entry["level"]}
    if entry["level"] != 1:
        lookup["title"] = entry["position"]
    position = upsert(Position, lookup, {"title": entry["position"]}, report, "positions")
    upsert(
        Appointment,
        {
            "official": official,
            "position": position,
            "kind": entry["kind"],
            "start": as_date(entry["start"]),
        },
        {"end": as_date(entry.get("end")), "basis": entry.get("basis", "")},
        report,
        "appointments",
    )
