"""Where a notice stands against its due date on the region's own day, so that its title says
its moment: due tomorrow, due on a day, due today, or overdue by N working days (counted on
the region's working-day calendar, coordination.core.workdays)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from coordination.core.workdays import Calendar


@dataclass(frozen=True)
class Moment:
    due: datetime.date
    today: datetime.date
    late_days: int = 0  # working days after the due date, up to today

    @property
    def state(self) -> str:
        """ "ahead", "today" or "overdue"."""
        if self.today < self.due:
            return "ahead"
        return "today" if self.today == self.due else "overdue"

    @property
    def ahead(self) -> bool:
        return self.state == "ahead"

    @property
    def due_today(self) -> bool:
        return self.state == "today"

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def tomorrow(self) -> bool:
        return self.due == self.today + datetime.timedelta(days=1)


def moment_of(due: datetime.date, today: datetime.date, calendar: Calendar) -> Moment:
    late = calendar.working_days_between(due, today) if today > due else 0
    return Moment(due=due, today=today, late_days=late)
