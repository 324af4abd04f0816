"""Who coordinates a unit on a given day: its Asisten (the nearest Asisten above it, and any
other the text adds with a coordination line), or whoever took its coordination over
(Perbup Kutai Kartanegara 4/2018 Pasal 14). Invitations, escalations and inboxes ask here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext

from orgchart.models import Unit, UnitLink
from orgchart.vocabulary import UnitKind
from regulations.models import Region


@dataclass(frozen=True)
class Route:
    coordinator_id: int
    coordinator_name: str
    coordinator_kind: str
    takeover_id: int | None = None
    source: str = ""

    @property
    def via_takeover(self) -> bool:
        return self.takeover_id is not None

    def explain(self) -> str:
        if self.via_takeover:
            return gettext("coordination taken over by %(name)s (%(source)s)") % {
                "name": self.coordinator_name,
                "source": self.source,
            }
        return gettext("coordinated by %(name)s") % {"name": self.coordinator_name}


class Routes:
    """The coordinators of every unit of a region on one day, in four queries."""

    def __init__(self, region: Region | int, day: datetime.date) -> None:
        from coordination.oversight.models import Takeover

        self.day = day
        rows = list(
            Unit.objects.filter(region=region).as_of(day).values("id", "parent_id", "kind", "name")
        )
        self.units = {row["id"]: row for row in rows}
        self._links: dict[int, list[int]] = {}
        for link in (
            UnitLink.objects.as_of(day)
            .with_live_ends(day)
            .filter(
                kind=UnitLink.Kind.KOORDINASI,
                source__region=region,
                source__kind=UnitKind.ASISTEN,
            )
            .order_by("pk")
            .values("source_id", "target_id")
        ):
            self._links.setdefault(link["target_id"], []).append(link["source_id"])
        self._takeovers = {
            takeover.unit_id: takeover
            for takeover in Takeover.objects.filter(region=region)
            .active_on(day)
            .select_related("taken_by")
            .order_by("start", "pk")
        }

    def _ancestors(self, unit_id: int):
        current = self.units.get(unit_id)
        while current is not None and current["parent_id"] is not None:
            current = self.units.get(current["parent_id"])
            if current is not None:
                yield current

    def _takeover_for(self, unit_id: int):
        """A take-over of the unit, or of the agency above it (its UPT follow their agency),
        up to the Asisten."""
        if unit_id in self._takeovers:
            return self._takeovers[unit_id]
        for ancestor in self._ancestors(unit_id):
            if ancestor["kind"] == UnitKind.ASISTEN:
                return None
            if ancestor["id"] in self._takeovers:
                return self._takeovers[ancestor["id"]]
        return None

    def asisten_of(self, unit_id: int) -> list[int]:
        """The Asisten whose portfolio holds the unit, ignoring take-overs."""
        found: list[int] = []
        for ancestor in self._ancestors(unit_id):
            if ancestor["kind"] == UnitKind.ASISTEN:
                found.append(ancestor["id"])
                break
        for asisten_id in self._links.get(unit_id, []):
            if asisten_id not in found and asisten_id in self.units:
                found.append(asisten_id)
        return found

    def of(self, unit_id: int) -> list[Route]:
        takeover = self._takeover_for(unit_id)
        if takeover is not None:
            taker = takeover.taken_by
            return [
                Route(
                    taker.pk,
                    taker.name,
                    taker.kind,
                    takeover_id=takeover.pk,
                    source=takeover.source,
                )
            ]
        return [
            Route(asisten_id, self.units[asisten_id]["name"], UnitKind.ASISTEN)
            for asisten_id in self.asisten_of(unit_id)
        ]

    def portfolio_key(self, unit_id: int) -> int | None:
        """The unit id under which dashboards group a unit's items: its first coordinator."""
        routes = self.of(unit_id)
        return routes[0].coordinator_id if routes else None

    def coordinated_by(self, coordinator_id: int) -> set[int]:
        """Every unit whose items route to ``coordinator_id`` on this day."""
        return {
            unit_id
            for unit_id in self.units
            if any(route.coordinator_id == coordinator_id for route in self.of(unit_id))
        }


def routes_of(unit: Unit, day: datetime.date) -> list[Route]:
    return Routes(unit.region_id, day).of(unit.pk)
