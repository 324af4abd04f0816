"""Resolve a citation within a region: "Pasal 9 huruf f" in the regulation in force on a day,
or a fully qualified "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)"."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext

from regulations.models import Annex, Provision, ProvisionNotFound, Region, Regulation

_QUALIFIED = re.compile(
    r"^(?P<abbr>Perwal|Perbup|Perda|Kepwal|Kepbup)\s+(?P<name>.+?)\s+"
    r"(?P<number>[\w.-]+)/(?P<year>\d{4})\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


def resolve(region: Region, citation: str, day: datetime.date | None = None) -> Provision | Annex:
    """The provision (or Lampiran) ``citation`` names for ``region``.

    A bare citation is read in the regulation in force on ``day`` (default: today); a
    qualified one names its regulation, which may be revoked (it still has its text).
    """
    regulation, rest = _regulation_for(region, citation.strip(), day or timezone.localdate())
    return resolve_in(regulation, rest)


def resolve_in(regulation: Regulation, citation: str) -> Provision | Annex:
    """The provision or Lampiran of ``regulation`` that ``citation`` names."""
    if citation.strip().lower().startswith("lampiran"):
        return Annex.objects.resolve(regulation, citation)
    return Provision.objects.resolve(regulation, citation)


def _regulation_for(region: Region, citation: str, day: datetime.date) -> tuple[Regulation, str]:
    match = _QUALIFIED.match(citation)
    if match is None:
        regulation = region.regulation_in_force(day)
        if regulation is None:
            raise ProvisionNotFound(
                gettext("%(region)s has no regulation in force on %(day)s.")
                % {"region": region, "day": day.isoformat()}
            )
        return regulation, citation
    candidates = Regulation.objects.filter(
        region=region, number=match["number"], year=int(match["year"])
    ).select_related("region")
    for regulation in candidates:
        if regulation.short_citation.lower() == (
            f"{match['abbr']} {match['name']} {match['number']}/{match['year']}".lower()
        ):
            return regulation, match["rest"]
    raise ProvisionNotFound(
        gettext("%(region)s has no regulation %(abbr)s %(number)s/%(year)s.")
        % {
            "region": region,
            "abbr": match["abbr"],
            "number": match["number"],
            "year": match["year"],
        }
    )
