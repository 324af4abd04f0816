"""Times, dates and counts as the region reads them: "Rabu, 3 Juni 2026 09.00 WITA".

Every filter takes the region whose clock applies (a Region, or a zone name); without one it
uses the zone the request is read in (the signed-in user's region, see orgchart.middleware).
Formats come from the active language (config/formats): 09.00 in Indonesian, 09:00 in English.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django import template
from django.utils import dateformat, formats, timezone

register = template.Library()


def _zone(region) -> datetime.tzinfo:
    if region is None or region == "":
        return timezone.get_current_timezone()
    if isinstance(region, str):
        return zoneinfo.ZoneInfo(region)
    return region.zone


def in_zone(value: datetime.datetime, region=None) -> datetime.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, _zone(region))
    return value.astimezone(_zone(region))


def _format(value, fmt: str) -> str:
    return dateformat.format(value, formats.get_format(fmt))


@register.filter
def local(value, region=None) -> str:
    """Date and time with the zone: "3 Juni 2026 09.00 WITA"."""
    if not isinstance(value, datetime.datetime):
        return ""
    value = in_zone(value, region)
    return f"{_format(value, 'DATETIME_FORMAT')} {value.tzname()}"


@register.filter
def local_time(value, region=None) -> str:
    """The clock time with the zone: "09.00 WITA"."""
    if not isinstance(value, datetime.datetime):
        return ""
    value = in_zone(value, region)
    return f"{_format(value, 'TIME_FORMAT')} {value.tzname()}"


@register.filter
def local_clock(value, region=None) -> str:
    """The clock time alone, for the start of a span: "09.00" in "09.00 – 11.00 WITA"."""
    if not isinstance(value, datetime.datetime):
        return ""
    return _format(in_zone(value, region), "TIME_FORMAT")


@register.filter
def local_date(value, region=None) -> str:
    """The day, as the region's calendar has it: "3 Juni 2026"."""
    if isinstance(value, datetime.datetime):
        value = in_zone(value, region)
    if not isinstance(value, datetime.date):
        return ""
    return _format(value, "DATE_FORMAT")


@register.filter
def local_day(value, region=None) -> str:
    """The day with its weekday: "Rabu, 3 Juni 2026"."""
    if isinstance(value, datetime.datetime):
        value = in_zone(value, region)
    if not isinstance(value, datetime.date):
        return ""
    return _format(value, "LONG_DATE_FORMAT")


@register.filter
def num(value) -> str:
    """A count with the language's grouping: 1.234 in Indonesian, 1,234 in English."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, force_grouping=True)
