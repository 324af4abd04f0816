"""The worklist's clock: now, today and this week on the region's own clock, so that every
count and the list it links to read the same day; and the filter that matches nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from regulations.models import Region

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Moment:
    """Now, and the days the worklist counts from, on the region's own clock."""

    region: Region
    now: datetime.datetime

    @property
    def today(self) -> datetime.date:
        return self.region.today(self.now)

    @property
    def week(self) -> tuple[datetime.date, datetime.date]:
        """Monday and Sunday of the region's current week."""
        monday = self.today - datetime.timedelta(days=self.today.weekday())
        return monday, monday + datetime.timedelta(days=6)

    def week_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From Monday 00.00 to the next Monday 00.00, local time."""
        monday, sunday = self.week
        start = datetime.datetime.combine(monday, datetime.time.min, self.region.zone)
        end = datetime.datetime.combine(
            sunday + datetime.timedelta(days=1), datetime.time.min, self.region.zone
        )
        return start, end


def moment(region: Region, now: datetime.datetime | None = None) -> Moment:
    return Moment(region, now or timezone.now())
