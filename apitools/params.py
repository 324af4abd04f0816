"""Parsing of the API's and the pages' parameters, one function per kind (free text, a code,
a region's code, a date, a year, an id, ``?as_of=``, the structure's ETag); every bad value is
a 400 that says why, before it reaches the database (PostgreSQL refuses a NUL byte in a string,
a date past 9999 overflows). The refusal of a date the portal cannot answer for is refusals.py's.
Used by every app's API and pages; it imports none of them: the region and regulation models
are looked up in the app registry."""

from __future__ import annotations

import datetime
import hashlib
import re
import zoneinfo

from django.apps import apps
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError

# Dates the portal answers for: regulations and meetings of the Republic, with room on both
# sides; outside this range a date is a typo (and 9999-12-31 plus a day does not exist).
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)
MAX_TEXT = 200
MAX_CODE = 20
# An id the database's bigint holds.
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _model(name: str) -> type[Model]:
    return apps.get_model("regulations", name)


def text_or_400(raw: str | None, name: str, *, max_length: int = MAX_TEXT) -> str | None:
    """Free text (a search, a citation, a key), or None if empty; a 400 for a control character
    (NUL above all, which PostgreSQL refuses) or for text longer than ``max_length``."""
    if not raw:
        return None
    if _CONTROL.search(raw):
        raise ParseError(
            _("%(name)s contains a control character (such as NUL); send plain text.")
            % {"name": name}
        )
    if len(raw) > max_length:
        raise ParseError(
            _("%(name)s is too long: at most %(max)d characters, got %(length)d.")
            % {"name": name, "max": max_length, "length": len(raw)}
        )
    return raw


def code_or_400(raw: str | None, name: str = "code") -> str | None:
    """A code (a region's, an urusan's, a kind), checked as short plain text."""
    return text_or_400(raw, name, max_length=MAX_CODE)


def find_region(code: str | None) -> Model | None:
    """The region with this code, or None, whatever the code holds (for ETags and pages)."""
    try:
        code = code_or_400(code)
    except ParseError:
        return None
    return _model("Region").objects.filter(code=code).first() if code else None


def region_or_400(code: str | None) -> Model:
    """The region with this code (regulations.Region), or a 400 that lists the known codes."""
    Region = _model("Region")
    code = code_or_400(code, "region") or ""
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
    day = date_or_400(raw, "as_of")
    if day is None:
        return today_in(region) if region else timezone.localdate()
    return day


def date_or_400(raw: str | None, name: str) -> datetime.date | None:
    """A date written YYYY-MM-DD from FIRST_DAY to LAST_DAY, or None if empty."""
    if not raw:
        return None
    try:
        day = datetime.date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ParseError(
            _("%(name)s must be a date written YYYY-MM-DD, e.g. 2024-06-03; got “%(value)s”.")
            % {"name": name, "value": _shown(raw)}
        )
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ParseError(
            _("%(name)s must be a date from %(first)s to %(last)s; got %(value)s.")
            % {"name": name, "first": FIRST_DAY, "last": LAST_DAY, "value": day}
        )
    return day


def year_or_400(raw: str | None, name: str = "year") -> int | None:
    """A year from FIRST_DAY's to LAST_DAY's, written in digits, or None if empty."""
    if not raw:
        return None
    if not _DIGITS.fullmatch(raw) or not FIRST_DAY.year <= int(raw) <= LAST_DAY.year:
        raise ParseError(
            _("%(name)s must be a year from %(first)d to %(last)d; got “%(value)s”.")
            % {"name": name, "first": FIRST_DAY.year, "last": LAST_DAY.year, "value": _shown(raw)}
        )
    return int(raw)


def id_or_400(raw: str | None, name: str) -> int | None:
    """A numeric id (ASCII digits, within the database's bigint), or None if empty."""
    if not raw:
        return None
    if not _DIGITS.fullmatch(raw) or int(raw) > MAX_ID:
        raise ParseError(
            _("%(name)s must be a numeric id; got “%(value)s”.")
            % {"name": name, "value": _shown(raw)}
        )
    return int(raw)


def _shown(raw: str) -> str:
    """A bad value as a message may quote it: no control characters, not a page long."""
    clean = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", raw)
    return clean if len(clean) <= 40 else clean[:39] + "…"


def structure_etag(region: Model | None, request, *parts: object) -> str | None:
    """An ETag from the region's structure version and what the request asks for."""
    if region is None:
        return None
    key = "|".join(
        str(part)
        for part in (region.code, region.structure_version, request.get_full_path(), *parts)
    )
    return '"' + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:24] + '"'
