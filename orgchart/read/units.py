"""Units as a filtered flat list, and one unit in detail."""

from __future__ import annotations

import datetime

from django.db.models import F, Q

from orgchart.models import Appointment, Unit, UnitAffair, UnitLink
from orgchart.read.sources import regulation_citations
from regulations.models import Region
from regulations.resolver import resolve_in
from regulations.search import normalise_name

LIST_FIELDS = (
    "id",
    "key",
    "name",
    "acronym",
    "kind",
    "line",
    "category",
    "parent_id",
    "source_regulation_id",
    "source_citation",
)


def unit_list(
    region: Region,
    day: datetime.date,
    *,
    kind: str | None = None,
    coordinator: Unit | None = None,
    affair: str | None = None,
    q: str | None = None,
) -> list[dict]:
    """The region's units on ``day``, each with its parent; filters combine with AND."""
    units = Unit.objects.filter(region=region).as_of(day)
    if kind:
        units = units.filter(kind=kind)
    if coordinator is not None:
        units = units.filter(pk__in=Unit.objects.portfolio_of(coordinator, day).values("pk"))
    if affair:
        carriers = UnitAffair.objects.as_of(day).filter(
            Q(affair__code=affair) | Q(affair__code__startswith=f"{affair}.")
        )
        units = units.filter(pk__in=carriers.values("unit_id"))
    for word in normalise_name(q or "").split():
        units = units.filter(search_name__contains=word)
    citations = regulation_citations(region)
    return [
        {
            "id": row["id"],
            "key": row["key"],
            "name": row["name"],
            "acronym": row["acronym"] or None,
            "kind": row["kind"],
            "line": row["line"] or None,
            "category": row["category"] or None,
            "parent": row["parent_id"],
            "source": _source(
                citations.get(row["source_regulation_id"], ""), row["source_citation"]
            ),
        }
        for row in units.order_by("lft").values(*LIST_FIELDS)
    ]


def _source(regulation: str, citation: str) -> str:
    return f"{regulation} {citation}".strip()


def unit_detail(unit: Unit, day: datetime.date) -> dict:
    """Ancestors, coordinators, the head who acts on ``day``, affairs, links and source."""
    ancestors = list(unit.get_ancestors().as_of(day).values("id", "key", "name", "kind"))
    above = {ancestor["id"] for ancestor in ancestors}
    coordinators = [
        {"id": c.pk, "key": c.key, "name": c.name, "via": "tree" if c.pk in above else "link"}
        for c in unit.coordinators(day)
    ]
    head = Appointment.objects.heads_of(unit, day).select_related("official", "position").first()
    return {
        "id": unit.pk,
        "key": unit.key,
        "name": unit.name,
        "acronym": unit.acronym or None,
        "kind": unit.kind,
        "line": unit.line or None,
        "category": unit.category or None,
        "region": unit.region.code,
        "as_of": day,
        "parent": ancestors[-1] if ancestors else None,
        "ancestors": ancestors,
        "children": list(unit.get_children().as_of(day).values("id", "key", "name", "kind")),
        "coordinators": coordinators,
        "head": _head(head),
        "affairs": list(
            UnitAffair.objects.as_of(day)
            .filter(unit=unit)
            .order_by("pk")
            .values("role", "wording", "citation", code=F("affair__code"), name=F("affair__name"))
        ),
        "links": _links(unit, day),
        "source": _provision_source(unit),
    }


def _head(appointment: Appointment | None) -> dict | None:
    """Name and title only: an official's NIP holds a birth date and is never published."""
    if appointment is None:
        return None
    prefix = {"plt": "Plt. ", "plh": "Plh. ", "pj": "Pj. "}.get(appointment.kind, "")
    return {
        "name": appointment.official.name,
        "position": appointment.position.title,
        "title": f"{prefix}{appointment.position.title}",
        "kind": appointment.kind,
        "acting": appointment.is_acting,
        "start": appointment.start,
        "end": appointment.end,
    }


def _links(unit: Unit, day: datetime.date) -> list[dict]:
    rows = (
        UnitLink.objects.as_of(day)
        .with_live_ends(day)
        .filter(Q(source=unit) | Q(target=unit))
        .order_by("pk")
        .values("kind", "citation", "source_id", "source__name", "target_id", "target__name")
    )
    return [
        {
            "kind": row["kind"],
            "direction": "out" if row["source_id"] == unit.pk else "in",
            "unit": {
                "id": row["target_id"] if row["source_id"] == unit.pk else row["source_id"],
                "name": row["target__name"] if row["source_id"] == unit.pk else row["source__name"],
            },
            "citation": row["citation"],
        }
        for row in rows
    ]


def _provision_source(unit: Unit) -> dict | None:
    regulation = unit.source_regulation
    if regulation is None:
        return None
    text = ""
    if unit.source_citation:
        try:
            found = resolve_in(regulation, unit.source_citation)
            text = getattr(found, "text", "") or getattr(found, "title", "")
        except LookupError:
            text = ""
    return {
        "regulation": {
            "id": regulation.pk,
            "citation": regulation.short_citation,
            "title": regulation.title,
        },
        "citation": unit.source_citation,
        "full_citation": unit.source,
        "text": text,
    }
