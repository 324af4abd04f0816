"""Working days (hari kerja) of a region: Monday to Friday, less Indonesia's public holidays and
cuti bersama (the ``holidays`` package, categories "public" and "government"), less the
region's own days off (RegionalDayOff, kept by its admins).

Deadlines in the regulations count working days "sejak pelaksanaan koordinasi": the day of
the meeting itself is day zero, so 2 working days after a Wednesday meeting is the Friday."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.utils.translation import get_language

from regulations.models import Region

# Cuti bersama is the "government" category of the holidays package.
CATEGORIES = ("public", "government")
_LANGUAGES = {"id": "id", "en": "en_US"}
MAX_SPAN = 3 * 366  # working days; a deadline further out than this is a data error


@lru_cache(maxsize=64)
def _national(year: int, language: str) -> dict[datetime.date, str]:
    calendar = holidays.country_holidays("ID", years=year, categories=CATEGORIES, language=language)
    return dict(calendar.items())


def national_days_off(year: int) -> dict[datetime.date, str]:
    """Indonesia's public holidays and cuti bersama in ``year``, named in the active language."""
    language = _LANGUAGES.get((get_language() or "id")[:2], "id")
    return _national(year, language)


@dataclass(frozen=True)
class Calendar:
    """The days off of one region over a span of years, loaded once (one query)."""

    region_days_off: dict[datetime.date, str]

    @classmethod
    def for_region(cls, region: Region | int | None) -> Calendar:
        from coordination.core.models import RegionalDayOff

        if region is None:
            return cls({})
        rows = RegionalDayOff.objects.filter(region=region).values_list("date", "name")
        return cls(dict(rows))

    def day_off(self, day: datetime.date) -> str | None:
        """Why ``day`` is not a working day, or None if it is one."""
        if day.weekday() >= 5:
            return "weekend"
        national = national_days_off(day.year).get(day)
        if national:
            return national
        return self.region_days_off.get(day)

    def is_working_day(self, day: datetime.date) -> bool:
        return self.day_off(day) is None

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The ``days``-th working day after ``start`` (``start`` itself is day zero).
        Zero days gives ``start`` itself, or the next working day if ``start`` is a day off."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        if days == 0:
            while not self.is_working_day(day):
                day += datetime.timedelta(days=1)
            return day
        counted = 0
        for _step in range(MAX_SPAN * 2):
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
                if counted == days:
                    return day
        raise ValueError("deadline too far ahead")

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        day -= datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day


def region_today(region: Region, now: datetime.datetime | None = None) -> datetime.date:
    """Today in the region's own time zone (WIB, WITA or WIT), not the server's."""
    import zoneinfo

    from django.utils import timezone

    return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(region.timezone)).date()


def add_working_days(region: Region | int | None, start: datetime.date, days: int):
    return Calendar.for_region(region).add_working_days(start, days)
