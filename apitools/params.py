"""Parsing of the API's shared parameters (a region's code, ``?as_of=``, the structure's
ETag); every bad value is a 400 that says why. Used by every app's API and pages; it imports
none of them: the region and regulation models are looked up in the app registry."""

from __future__ import annotations

import datetime
import hashlib
import zoneinfo

from django.apps import apps
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError


def _model(name: str) -> type[Model]:
    return apps.get_model("regulations", name)


def region_or_400(code: str) -> Model:
    """The region with this code (regulations.Region), or a 400 that lists the known codes."""
    Region = _model("Region")
    region = Region.objects.filter(code=code).first()
    if region is None:
        known = ", ".join(Region.objects.order_by("code").values_list("code", flat=True))
        raise ParseError(
            _("Unknown region code “%(code)s”. Known codes: %(known)s.")
            % {"code": code, "known": known}
        )
    return region


def today_in(region: Model) -> datetime.date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(region.timezone)).date()


def as_of_or_400(request, region: Model | None) -> datetime.date:
    """``?as_of=YYYY-MM-DD``, by default today (in the region's own time zone)."""
    return parse_as_of(request.GET.get("as_of"), region)


def parse_as_of(raw: str | None, region: Model | None) -> datetime.date:
    if not raw:
        return today_in(region) if region else timezone.localdate()
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ParseError(
            _("as_of must be a date written YYYY-MM-DD, e.g. 2024-06-03; got “%(value)s”.")
            % {"value": raw}
        ) from None


def require_regulation_on(region: Model, day: datetime.date) -> Model:
    """The regulation in force on ``day``, or a 400 saying when the first one starts."""
    Regulation = _model("Regulation")
    regulation = region.regulation_in_force(day)
    if regulation is not None:
        return regulation
    first = (
        region.regulations.exclude(status=Regulation.Status.DRAFT)
        .exclude(valid_from__isnull=True)
        .order_by("valid_from")
        .first()
    )
    if first is not None and day < first.valid_from:
        raise ParseError(
            _(
                "%(day)s is before the first regulation the portal holds for %(region)s: "
                "%(regulation)s takes effect on %(start)s."
            )
            % {"day": day, "region": region, "regulation": first, "start": first.valid_from}
        )
    raise ParseError(
        _("No regulation of %(region)s was in force on %(day)s.") % {"region": region, "day": day}
    )


def structure_etag(region: Model | None, request, *parts: object) -> str | None:
    """An ETag from the region's structure version and what the request asks for."""
    if region is None:
        return None
    key = "|".join(
        str(part)
        for part in (region.code, region.structure_version, request.get_full_path(), *parts)
    )
    return '"' + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:24] + '"'
