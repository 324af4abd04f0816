"""Load the regulation half of a pack: the region, the regulation, its text, Lampiran, rules,
certifiers and revocations. Each collection is compared with what is stored and rewritten only
if it differs, so loading a pack twice changes nothing."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import models

from orgchart.packs.report import Report, replace_if_changed
from orgchart.packs.schema import PackError, located, rule_citations, walk_provisions
from regulations import citations
from regulations.models import (
    Annex,
    AnnexEntry,
    Certifier,
    Provision,
    Recital,
    Region,
    Regulation,
    Revocation,
    Rule,
)
from regulations.services import record_revocation

REGION_FIELDS = ("name", "kind", "province", "head_title", "seat", "timezone")
REGULATION_FIELDS = (
    "title",
    "enacting_formula",
    "enacted_line",
    "enacted_place",
    "enacted_on",
    "promulgated_line",
    "promulgated_place",
    "promulgated_on",
    "gazette_year",
    "gazette_number",
    "signer_acting",
    "signer_title",
    "signer_name",
    "promulgator_title",
    "promulgator_name",
    "valid_from",
    "valid_until",
    "status",
    "closing",
)
DATE_FIELDS = {"enacted_on", "promulgated_on", "valid_from", "valid_until", "start", "end"}


def as_date(value: Any) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def upsert(model: type[models.Model], lookup: dict, fields: dict, report: Report, label: str):
    """Create the row, or change only the fields that differ; say which in ``report``."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **fields)
        with located(label):
            obj.full_clean()
        obj.save()
        report.created(label)
        return obj
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, fields[name])
        with located(label):
            obj.full_clean()
        obj.save()
        report.changed(label)
    return obj


def load_region(data: dict, report: Report) -> Region:
    fields = {name: data[name] for name in REGION_FIELDS}
    return upsert(Region, {"code": data["code"]}, fields, report, "region")


def load_regulation(region: Region, data: dict, report: Report) -> Regulation:
    defaults = {"gazette_year": None, "signer_acting": "", "status": "in_force"}
    fields = {
        name: as_date(data[name]) if name in DATE_FIELDS else data[name]
        for name in REGULATION_FIELDS
        if name in data
    }
    fields = {**{name: defaults.get(name, "") for name in REGULATION_FIELDS}, **fields}
    for name in DATE_FIELDS & set(REGULATION_FIELDS):
        fields.setdefault(name, None)
        if fields[name] == "":
            fields[name] = None
    lookup = {
        "region": region,
        "kind": data["kind"],
        "number": data["number"],
        "year": data["year"],
    }
    regulation = upsert(Regulation, lookup, fields, report, "regulation")
    sync_recitals(regulation, data, report)
    sync_provisions(regulation, data["provisions"], report)
    sync_annexes(regulation, data.get("annexes", []), report)
    sync_certifiers(regulation, data.get("certifiers", []), report)
    sync_rules(regulation, data.get("rules", []), report)
    sync_revocations(regulation, data.get("revokes", []), report)
    return regulation


def sync_recitals(regulation: Regulation, data: dict, report: Report) -> None:
    wanted = [
        (kind, position, item["label"], item["text"])
        for kind in ("menimbang", "mengingat")
        for position, item in enumerate(data.get(kind, []), start=1)
    ]
    current = list(
        regulation.recitals.order_by("kind", "position").values_list(
            "kind", "position", "label", "text"
        )
    )
    current.sort(key=lambda row: ("menimbang", "mengingat").index(row[0]))

    def create(kind: str, position: int, label: str, text: str) -> None:
        Recital.objects.create(
            regulation=regulation, kind=kind, position=position, label=label, text=text
        )

    replace_if_changed(current, wanted, regulation.recitals.all(), create, report, "recitals")


def sync_provisions(regulation: Regulation, nodes: list[dict], report: Report) -> None:
    flat = []
    index_of = {}
    for position, (node, _segments) in enumerate(walk_provisions(nodes), start=1):
        index_of[id(node)] = position
        flat.append(node)
    parents = {}
    for node in flat:
        for child in node.get("children", []):
            parents[id(child)] = index_of[id(node)]
    wanted = [
        (
            index_of[id(node)],
            node["kind"],
            node["label"],
            node.get("heading", ""),
            node.get("text", ""),
            parents.get(id(node)),
        )
        for node in flat
    ]
    current = list(
        regulation.provisions.order_by("position").values_list(
            "position", "kind", "label", "heading", "text", "parent__position"
        )
    )

    by_position: dict[int, Provision] = {}

    def create(position: int, kind: str, label: str, heading: str, text: str, parent) -> None:
        provision = Provision(
            regulation=regulation,
            kind=kind,
            label=label,
            heading=heading,
            text=text,
            position=position,
            parent=by_position.get(parent),
        )
        with located(f"regulation/provisions: {kind} {label}"):
            provision.full_clean(validate_unique=False, validate_constraints=False)
        provision.save()
        by_position[position] = provision

    replace_if_changed(current, wanted, regulation.provisions.all(), create, report, "provisions")


def sync_annexes(regulation: Regulation, annexes: list[dict], report: Report) -> None:
    wanted = []
    for position, annex in enumerate(annexes, start=1):
        entries = [
            (row["number"], column, cell_position, cell["text"], cell["unit"])
            for row in annex.get("rows", [])
            for column in AnnexEntry.Column.values
            for cell_position, cell in enumerate(row.get(column, []), start=1)
        ]
        wanted.append(
            (
                position,
                annex["number"],
                annex["title"],
                annex["kind"],
                citations.canonical(annex["attached_by"]) if annex.get("attached_by") else "",
                annex.get("legend", ""),
                sorted(entries),
            )
        )
    current = [
        (
            annex.position,
            annex.number,
            annex.title,
            annex.kind,
            annex.attached_by,
            annex.legend,
            sorted(annex.entries.values_list("row", "column", "position", "text", "unit_key")),
        )
        for annex in regulation.annexes.order_by("position")
    ]

    def create(position, number, title, kind, attached_by, legend, entries) -> None:
        annex = Annex.objects.create(
            regulation=regulation,
            position=position,
            number=number,
            title=title,
            kind=kind,
            attached_by=attached_by,
            legend=legend,
        )
        for row, column, cell_position, text, unit_key in entries:
            AnnexEntry.objects.create(
                annex=annex,
                row=row,
                column=column,
                position=cell_position,
                text=text,
                unit_key=unit_key,
            )

    replace_if_changed(current, wanted, regulation.annexes.all(), create, report, "annexes")


def sync_certifiers(regulation: Regulation, certifiers: list[dict], report: Report) -> None:
    """Each certification as printed: where, its lines above the name, and the NIP spaced as
    printed (Certifier.save keeps its digits in ``nip``)."""
    wanted = [
        (
            position,
            item.get("citation", Certifier.CLOSING),
            "\n".join(item.get("wording", [])),
            item["title"],
            item["name"],
            item["nip"],
        )
        for position, item in enumerate(certifiers, start=1)
    ]
    current = list(
        regulation.certifiers.order_by("position").values_list(
            "position", "citation", "wording", "title", "name", "nip_printed"
        )
    )

    def create(position: int, citation: str, wording: str, title: str, name: str, nip: str) -> None:
        certifier = Certifier(
            regulation=regulation,
            position=position,
            citation=citation,
            wording=wording,
            title=title,
            name=name,
            nip_printed=nip,
        )
        with located(f"regulation/certifiers/{position - 1}"):
            certifier.full_clean()
        certifier.save()

    replace_if_changed(current, wanted, regulation.certifiers.all(), create, report, "certifiers")


def sync_rules(regulation: Regulation, rules: list[dict], report: Report) -> None:
    """Bring the rules in line with the pack, each stored rule kept where the pack still has a
    rule of its kind: the reporting obligations derived from a rule refer to it, so a corrected
    citation or value updates the rule in place instead of replacing it."""
    wanted = []
    for rule in rules:
        main, *further = [citations.canonical(text) for text in rule_citations(rule)]
        wanted.append((rule["kind"], main, further, rule["value"], rule.get("summary", "")))
    current = list(regulation.rules.order_by("pk"))
    if sorted(map(_rule_key, map(_rule_row, current))) == sorted(map(_rule_key, wanted)):
        return
    pairs, unmatched = _pair_rules(current, wanted)
    for rule in unmatched:
        try:
            rule.delete()
        except models.ProtectedError:
            raise PackError(
                f"regulation/rules: {rule.kind} {rule.citation} is no longer in the pack, but "
                "the portal's records (e.g. reporting obligations) rest on it; keep it, or give "
                "the pack another rule of its kind to take its place."
            ) from None
    for rule, (kind, citation, also_cites, value, summary) in pairs:
        rule = rule or Rule(regulation=regulation)
        rule.kind, rule.citation, rule.also_cites = kind, citation, also_cites
        rule.value, rule.summary = value, summary
        with located(f"regulation/rules: {kind} {citation}"):
            rule.full_clean()
        rule.save()
    report.replaced("rules", len(wanted))


def _rule_row(rule: Rule) -> tuple:
    return (rule.kind, rule.citation, rule.also_cites, rule.value, rule.summary)


def _rule_key(row: tuple) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _pair_rules(current: list[Rule], wanted: list[tuple]) -> tuple[list, list[Rule]]:
    """(stored rule or None, wanted row) for every wanted row, and the stored rules left over.
    A stored rule pairs first with the row of its kind and citation, then with the first row
    of its kind that is left."""
    left = list(current)
    matched: dict[int, Rule] = {}
    for index, row in enumerate(wanted):
        same = next((r for r in left if (r.kind, r.citation) == row[:2]), None)
        if same is not None:
            left.remove(same)
            matched[index] = same
    for index, row in enumerate(wanted):
        if index not in matched:
            kin = next((r for r in left if r.kind == row[0]), None)
            if kin is not None:
                left.remove(kin)
                matched[index] = kin
    return [(matched.get(index), row) for index, row in enumerate(wanted)], left


def sync_revocations(regulation: Regulation, revokes: list[dict], report: Report) -> None:
    for item in revokes:
        revoked = sync_revoked(regulation, item, report)
        citation = citations.canonical(item["citation"])
        existing = Revocation.objects.filter(revoking=regulation, revoked=revoked).first()
        if existing is None:
            record_revocation(revoking=regulation, revoked=revoked, citation=citation)
            report.created("revocation")
        elif existing.citation != citation:
            existing.citation = citation
            existing.save(update_fields=["citation"])
            report.changed("revocation")


def sync_revoked(regulation: Regulation, item: dict, report: Report) -> Regulation:
    """The revoked regulation, with what the revoking text says of it: its title, and its dates
    where that text gives them. A date the entry leaves out stays unknown, or as the revoked
    regulation's own pack gives it: the revoking text never clears it."""
    lookup = {
        "region": regulation.region,
        "kind": item["kind"],
        "number": item["number"],
        "year": item["year"],
    }
    fields = {"title": item["title"]} | {
        name: as_date(item[name])
        for name in ("enacted_on", "promulgated_on")
        if item.get(name) is not None
    }
    revoked = Regulation.objects.filter(**lookup).first()
    if revoked is None:
        revoked = Regulation(**lookup, **fields, status=Regulation.Status.IN_FORCE)
        with located("regulation/revokes"):
            revoked.full_clean()
        revoked.save()
        report.created("revoked regulation")
        return revoked
    changed = [name for name, value in fields.items() if getattr(revoked, name) != value]
    if changed:
        for name in changed:
            setattr(revoked, name, fields[name])
        with located("regulation/revokes"):
            revoked.full_clean()
        revoked.save(update_fields=changed)
        report.changed("revoked regulation")
    return revoked
