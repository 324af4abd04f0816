"""How late a written report or a follow-up is, in the working days of its region
(coordination.core.workdays.Calendar), counted in one place for every page, export, PDF and API.

- A report first submitted after its period's due date stays "submitted N working days late":
  N runs from the due date to the local date of ``first_submitted_at``, which a revision keeps,
  so returning and revising a report does not reset it (a report due Friday and submitted on
  Monday is 1 working day late).
- A report not submitted by its due date is "overdue by N working days" to the region's today.
- A follow-up done after its due date stays "done N working days late" (``done_at``'s local
  date); one still pending after it is "overdue by N working days".

The facts are kept as numbers; the sentence is composed when shown, in the reader's language."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from coordination.core.models import RegionalDayOff
from coordination.core.workdays import Calendar
from coordination.follow_ups.models import FollowUp
from regulations.models import Region

REPORT, FOLLOW_UP = "report", "follow_up"


@dataclass(frozen=True)
class Lateness:
    """``working_days`` after the due date; ``finished`` once submitted (or done)."""

    working_days: int
    finished: bool
    kind: str = REPORT

    def __str__(self) -> str:
        return self.display()

    def display(self) -> str:
        """The lateness in words, in the active language."""
        days = self.working_days
        if not self.finished:
            text = ngettext(
                "overdue by %(days)d working day", "overdue by %(days)d working days", days
            )
        elif self.kind == FOLLOW_UP:
            text = ngettext(
                "done %(days)d working day late", "done %(days)d working days late", days
            )
        else:
            text = ngettext(
                "submitted %(days)d working day late", "submitted %(days)d working days late", days
            )
        return text % {"days": days}


@dataclass(frozen=True)
class Clock:
    """A region's working-day calendar, its time zone and its today: what lateness is
    measured with. Building one costs one query (the region's days off)."""

    calendar: Calendar
    zone: datetime.tzinfo
    today: datetime.date
    # (due date, end date) -> working days between: a table's cells share few pairs
    _counted: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, region: Region, today: datetime.date | None = None) -> Clock:
        return cls(Calendar.for_region(region), region.zone, today or region.today())

    def local_date(self, value: datetime.datetime | None) -> datetime.date | None:
        return value.astimezone(self.zone).date() if value is not None else None

    def lateness(
        self, due_date: datetime.date, finished_on: datetime.date | None, kind: str = REPORT
    ) -> Lateness | None:
        """How late something due on ``due_date`` is: finished on ``finished_on`` (a local
        date), or still open today. None if it was finished, or it is still, on time."""
        end = finished_on if finished_on is not None else self.today
        if end <= due_date:
            return None
        if (due_date, end) not in self._counted:
            self._counted[due_date, end] = self.calendar.working_days_between(due_date, end)
        return Lateness(self._counted[due_date, end], finished_on is not None, kind)

    def report(self, report) -> Lateness | None:
        """The lateness of a report (any version): by its period's due date and the first
        submission of the report; None for an incidental report."""
        if report.period_id is None:
            return None
        first = self.local_date(report.first_submitted_at)
        return self.lateness(report.period.due_date, first)

    def follow_up(self, follow_up) -> Lateness | None:
        """The lateness of a follow-up: done (``done_at``) or still pending."""
        done = follow_up.status == FollowUp.Status.DONE
        finished = self.local_date(follow_up.done_at) if done else None
        if done and finished is None:
            return None
        return self.lateness(follow_up.due_date, finished, FOLLOW_UP)


def clocks(regions: Iterable[Region]) -> dict[int, Clock]:
    """The clocks of several regions by id, in one query whatever their number."""
    regions = {region.pk: region for region in regions}
    days_off: dict[int, dict[datetime.date, str]] = {pk: {} for pk in regions}
    if regions:
        rows = RegionalDayOff.objects.filter(region_id__in=regions).values_list(
            "region_id", "date", "name"
        )
        for region_id, day, name in rows:
            days_off[region_id][day] = name
    return {
        pk: Clock(Calendar(days_off[pk]), region.zone, region.today())
        for pk, region in regions.items()
    }
