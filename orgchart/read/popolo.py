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
    units = _units_on(region, day)
    org_id = {row["id"]: f"{region.code}/{row['key']}" for row in units}
    organizations = [_government(region)]
    for row in units:
        organization = _organization(row, org_id, top=f"{region.code}")
        if row["source_regulation_id"]:
            organization["sources"] = _sources(row, citations, link)
        organizations.append(organization)
    posts = _posts(region, org_id)
    appointments = _appointments_in(org_id)
    persons = _persons(region, appointments)
    memberships = _memberships(region, appointments, org_id, persons)
    memberships += _forum_memberships(region, day, org_id)
    return {
        "region": region.code,
        "as_of": day,
        "organizations": organizations,
        "posts": posts,
        "persons": list(persons.values()),
        "memberships": memberships,
    }


def _government(region: Region) -> dict:
    """The region's government is the top organization, identified by its Kemendagri code."""
    return {
        "id": f"{region.code}",
        "name": f"Pemerintah {region.full_name}",
        "classification": "pemerintah_daerah",
        "identifiers": [{"scheme": "kemendagri", "identifier": region.code}],
    }


def _units_on(region: Region, day: datetime.date) -> list[dict]:
    """The units that exist on ``day`` (their own period and their source regulation's hold),
    in tree order."""
    return list(
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


def _organization(row: dict, org_id: dict[int, str], top: str) -> dict:
    """A unit is an organization under its parent unit (the root under the government),
    identified by its stable unit key; its acronym is another name."""
    organization = {
        "id": org_id[row["id"]],
        "name": row["name"],
        "classification": row["kind"],
        "parent_id": org_id.get(row["parent_id"], top),
        "identifiers": [{"scheme": "portal-unit-key", "identifier": row["key"]}],
    }
    if row["acronym"]:
        organization["other_names"] = [{"name": row["acronym"], "note": "acronym"}]
    return organization


def _sources(row: dict, citations: dict[int, str], link: Callable[[int, str], str]) -> list[dict]:
    """The provision that creates a unit is its organization's source, linked to the reader."""
    regulation = citations[row["source_regulation_id"]]
    return [
        {
            "url": link(row["source_regulation_id"], row["source_citation"]),
            "note": f"{regulation} {row['source_citation']}".strip(),
        }
    ]


def _posts(region: Region, org_id: dict[int, str]) -> list[dict]:
    """Every post in those units; the level-1 post is the unit's head (Kepala)."""
    return [
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


def _appointments_in(org_id: dict[int, str]) -> list[dict]:
    """Every appointment to a post in those units, whatever its dates: memberships carry
    their own start and end."""
    return list(
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


def _persons(region: Region, appointments: list[dict]) -> dict[int, dict]:
    """Persons carry a name only: an official's NIP holds a birth date and is never published."""
    return {
        row["official_id"]: {
            "id": f"{region.code}/person/{row['official_id']}",
            "name": row["official__name"],
        }
        for row in appointments
    }


def _memberships(
    region: Region, appointments: list[dict], org_id: dict[int, str], persons: dict[int, dict]
) -> list[dict]:
    """An appointment is a membership in the post's unit: Kepala for a definitive holder,
    Plt., Plh. or Pj. for an acting one."""
    return [
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


def _forum_memberships(region: Region, day: datetime.date, org_id: dict[int, str]) -> list[dict]:
    """A forum's members on ``day`` (its forum-membership links between published units) are
    memberships of organizations in the forum, as anggota."""
    return [
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
