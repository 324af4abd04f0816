"""Whether the portal can answer for a region on a day: a regulation in force and a structure
from it. Every endpoint and page that takes ``as_of`` asks here first, so that all of them give
the same refusal (apitools.refusals.DateNotAnswered) for the same date."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch

from apitools.refusals import DateNotAnswered, first_day_of, no_regulation_on
from orgchart.models import Unit
from regulations.models import Provision, Region, Regulation


def _with_holdings(regulations, day: datetime.date):
    """Each regulation annotated with whether the portal holds its text, and a structure of
    its region on ``day``."""
    return regulations.select_related("region").annotate(
        text_held=Exists(Provision.objects.filter(regulation=OuterRef("pk"))),
        structure_held=Exists(Unit.objects.filter(region=OuterRef("region")).as_of(day)),
    )


def require_structure_on(region: Region, day: datetime.date) -> Regulation:
    """The regulation in force on ``day`` when the portal holds a structure for that day; else
    the 400 that names the regulation in force (or the earliest held). One query when it
    answers."""
    regulation = _with_holdings(Regulation.objects.filter(region=region).in_force(day), day).first()
    if regulation is None:
        raise no_regulation_on(
            region,
            day,
            list(_with_holdings(region.regulations.exclude(status=Regulation.Status.DRAFT), day)),
        )
    if not regulation.structure_held:
        raise DateNotAnswered.structure_not_held(region, day, regulation)
    return regulation


def refusals_on(day: datetime.date) -> list[DateNotAnswered]:
    """The refusal each region without a structure on ``day`` gives, by region code, for the
    answers that span regions. Two queries, whatever the number of regions."""
    answered = Unit.objects.as_of(day).values("region_id")
    regulations = _with_holdings(Regulation.objects.exclude(status=Regulation.Status.DRAFT), day)
    regions = (
        Region.objects.exclude(pk__in=answered)
        .order_by("code")
        .prefetch_related(Prefetch("regulations", queryset=regulations))
    )
    refusals = []
    for region in regions:
        held = list(region.regulations.all())
        in_force = [regulation for regulation in held if regulation.in_force_on(day)]
        in_force.sort(key=lambda regulation: (first_day_of(regulation), regulation.year))
        refusals.append(
            DateNotAnswered.structure_not_held(region, day, in_force[-1])
            if in_force
            else no_regulation_on(region, day, held)
        )
    return refusals
