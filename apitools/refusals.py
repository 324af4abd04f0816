"""The one refusal of a date the portal cannot answer for a region (DateNotAnswered): before
the earliest regulation it holds, between two, or under a regulation whose structure it does not
hold; its body, documented for OpenAPI (AsOfErrorSerializer), and the reasons none of a region's
regulations answers for a day. Used by every app's API and pages; it imports none of them: the
regulation model is looked up in the app registry."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db.models import Model
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError


class Refusal(dict):
    """The body of a refused date: a dict for the API's JSON, its message alone as a string
    (``str(exc.detail)``) for the pages and the logs."""

    def __str__(self) -> str:
        return self["detail"]


class DateNotAnswered(ParseError):
    """A 400 for a date the portal cannot answer for a region: before the earliest regulation
    it holds, between two regulations, or under a regulation whose structure it does not hold.
    Every endpoint that takes ``as_of`` gives this one answer; ``regulation`` is the one
    concerned (the one in force, or the earliest held), or None."""

    BEFORE_FIRST = "before_first_regulation"
    NO_REGULATION = "no_regulation_in_force"
    STRUCTURE_NOT_HELD = "structure_not_held"

    def __init__(
        self, message: str, *, code: str, region: Model, day: datetime.date, regulation=None
    ) -> None:
        super().__init__(message, code)
        self.code = code
        self.regulation = regulation
        self.detail = Refusal(
            detail=str(message),
            code=code,
            region=region.code,
            as_of=day.isoformat(),
            regulation=_regulation_named(regulation),
        )

    @property
    def message(self) -> str:
        return self.detail["detail"]

    @classmethod
    def structure_not_held(
        cls, region: Model, day: datetime.date, regulation: Model
    ) -> DateNotAnswered:
        return cls(
            _(
                "%(regulation)s was in force in %(region)s on %(day)s; the portal holds no "
                "structure from it for that date."
            )
            % {"regulation": regulation.short_citation, "region": region, "day": day},
            code=cls.STRUCTURE_NOT_HELD,
            region=region,
            day=day,
            regulation=regulation,
        )


class RefusedRegulationSerializer(serializers.Serializer):
    """Documents the regulation a refused date names, for OpenAPI."""

    id = serializers.IntegerField()
    citation = serializers.CharField(help_text="e.g. Perwal Bukittinggi 65/2014")
    title = serializers.CharField()
    number = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["in_force", "revoked"])
    valid_from = serializers.DateField(allow_null=True, help_text="null: unknown.")
    valid_until = serializers.DateField(allow_null=True)
    text_held = serializers.BooleanField(help_text="Whether the portal holds its text.")


class AsOfErrorSerializer(serializers.Serializer):
    """Documents the 400 of an endpoint that takes ``as_of``: ``detail`` always; a date the
    portal cannot answer for also its ``code``, the region, the date and the regulation."""

    detail = serializers.CharField()
    code = serializers.ChoiceField(
        choices=[
            DateNotAnswered.BEFORE_FIRST,
            DateNotAnswered.NO_REGULATION,
            DateNotAnswered.STRUCTURE_NOT_HELD,
        ],
        required=False,
    )
    region = serializers.CharField(required=False)
    as_of = serializers.DateField(required=False)
    regulation = RefusedRegulationSerializer(
        allow_null=True,
        required=False,
        help_text="The regulation in force that day, or the earliest held; null if none.",
    )


def _regulation_named(regulation: Model | None) -> dict | None:
    """The regulation a refusal names, and whether the portal holds its text (a link to the
    reader is then worth following)."""
    if regulation is None:
        return None
    text_held = getattr(regulation, "text_held", None)
    if text_held is None:
        text_held = regulation.provisions.exists()
    return {
        "id": regulation.pk,
        "citation": regulation.short_citation,
        "title": regulation.title,
        "number": regulation.number,
        "year": regulation.year,
        "status": regulation.status,
        "valid_from": regulation.valid_from.isoformat() if regulation.valid_from else None,
        "valid_until": regulation.valid_until.isoformat() if regulation.valid_until else None,
        "text_held": text_held,
    }


def require_regulation_on(region: Model, day: datetime.date) -> Model:
    """The regulation in force on ``day``, or the 400 that says why none is."""
    regulation = region.regulation_in_force(day)
    if regulation is not None:
        return regulation
    Regulation = apps.get_model("regulations", "Regulation")
    raise no_regulation_on(
        region, day, list(region.regulations.exclude(status=Regulation.Status.DRAFT))
    )


def first_day_of(regulation: Model) -> datetime.date:
    """The first day the portal counts ``regulation`` in force: its start of validity, or, where
    no text held gives it, the first day of its year (a regulation numbered "Tahun 2014" was
    made in 2014), as ``RegulationQuerySet.in_force`` counts it."""
    return regulation.valid_from or datetime.date(regulation.year, 1, 1)


def no_regulation_on(region: Model, day: datetime.date, regulations: list) -> DateNotAnswered:
    """Why none of the region's ``regulations`` (drafts left out) answers for ``day``: the day
    is before the earliest of them (named, with its start or the year it was made), or falls
    between two."""
    first = min(regulations, key=first_day_of, default=None)
    if first is None or day >= first_day_of(first):
        return DateNotAnswered(
            _("No regulation of %(region)s was in force on %(day)s.")
            % {"region": region, "day": day},
            code=DateNotAnswered.NO_REGULATION,
            region=region,
            day=day,
        )
    return DateNotAnswered(
        _before_the_first(region, day, first),
        code=DateNotAnswered.BEFORE_FIRST,
        region=region,
        day=day,
        regulation=first,
    )


def _before_the_first(region: Model, day: datetime.date, first: Model) -> str:
    """Why ``day``, before ``first``, is not answered: its start, or the year it was made."""
    if first.valid_from is not None:
        return _(
            "%(day)s is before the first regulation the portal holds for %(region)s: "
            "%(regulation)s takes effect on %(start)s."
        ) % {
            "day": day,
            "region": region,
            "regulation": first.short_citation,
            "start": first.valid_from,
        }
    return _(
        "%(day)s is before the first regulation the portal holds for %(region)s: "
        "%(regulation)s, made in %(year)d; the day it took effect is unknown."
    ) % {"day": day, "region": region, "regulation": first.short_citation, "year": first.year}
