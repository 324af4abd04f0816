"""A region's structure as Popolo JSON: organizations, posts, persons and memberships.

Persons carry a name only: an official's NIP holds a birth date and is never published.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from orgchart.models import Appointment, Position, Unit, UnitLink
from orgchart.read.sources import regulation_citations
from regulations.models import Region

ROLE_BY_KIND = {"definitif": "Kepala", "plt": "Plt.", "plh": "Plh.", "pj": "Pj."}


def popolo(region: Region, day: datetime.date, link: Callable[[int, str], str]) -> dict:
    """``link(regulation_id, citation)`` gives the URL of a provision in the reader."""
    citations = regulation_citations(region)
    top = f"{region.code}"
    organizations = [
        {
            "id": top,
            "name": f"Pemerintah {region.full_name}",
            "classification": "pemerintah_daerah",
            "identifiers": [{"scheme": "kemendagri", "identifier": region.code}],
        }
    ]
    units = list(
        Unit.objects.filter(region=region)
        .as_of(day)
        .order_by("lft")
        .values(
            "id",
            "key",
            "name",
            "acronym",
            "kind",
            "parent_id",
            "source_regulation_id",
            "source_citation",
        )
    )
    org_id = {row["id"]: f"{region.code}/{row['key']}" for row in units}
    for row in units:
        organization = {
            "id": org_id[row["id"]],
            "name": row["name"],
            "classification": row["kind"],
            "parent_id": org_id.get(row["parent_id"], top),
            "identifiers": [{"scheme": "portal-unit-key", "identifier": row["key"]}],
        }
        if row["acronym"]:
            organization["other_names"] = [{"name": row["acronym"], "note": "acronym"}]
        if row["source_regulation_id"]:
            regulation = citations[row["source_regulation_id"]]
            organization["sources"] = [
                {
                    "url": link(row["source_regulation_id"], row["source_citation"]),
                    "note": f"{regulation} {row['source_citation']}".strip(),
                }
            ]
        organizations.append(organization)
    posts = [
        {
            "id": f"{region.code}/post/{post['id']}",
            "label": post["title"],
            "role": "Kepala" if post["level"] == 1 else "",
            "organization_id": org_id[post["unit_id"]],
        }
        for post in Position.objects.filter(unit_id__in=org_id)
        .order_by("pk")
        .values("id", "title", "level", "unit_id")
    ]
    appointments = list(
        Appointment.objects.filter(position__unit_id__in=org_id)
        .order_by("pk")
        .values(
            "id",
            "kind",
            "start",
            "end",
            "official_id",
            "official__name",
            "position_id",
            "position__unit_id",
        )
    )
    persons = {
        row["official_id"]: {
            "id": f"{region.code}/person/{row['official_id']}",
            "name": row["official__name"],
        }
        for row in appointments
    }
    memberships = [
        {
            "id": f"{region.code}/membership/{row['id']}",
            "person_id": persons[row["official_id"]]["id"],
            "organization_id": org_id[row["position__unit_id"]],
            "post_id": f"{region.code}/post/{row['position_id']}",
            "role": ROLE_BY_KIND[row["kind"]],
            "start_date": row["start"].isoformat(),
            "end_date": row["end"].isoformat() if row["end"] else None,
        }
        for row in appointments
    ]
    memberships += [
        {
            "id": f"{region.code}/forum/{row['id']}",
            "organization_id": org_id[row["source_id"]],
            "member": {"@type": "Organization", "id": org_id[row["target_id"]]},
            "role": "anggota",
        }
        for row in UnitLink.objects.as_of(day)
        .filter(kind=UnitLink.Kind.FORUM_MEMBER, source_id__in=org_id, target_id__in=org_id)
        .order_by("pk")
        .values("id", "source_id", "target_id")
    ]
    return {
        "region": region.code,
        "as_of": day,
        "organizations": organizations,
        "posts": posts,
        "persons": list(persons.values()),
        "memberships": memberships,
    }
