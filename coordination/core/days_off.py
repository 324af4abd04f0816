"""The region's own days off (RegionalDayOff): added and removed by its secretariat.

Due dates already set are kept: a deadline, once announced, does not move under the unit's
feet; only follow-ups created afterwards count the new day off."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from coordination.core.access import require
from coordination.core.models import RegionalDayOff
from regulations.models import Region


@transaction.atomic
def add_day_off(
    region: Region, date: datetime.date, name: str, user, decree: str = ""
) -> RegionalDayOff:
    row = RegionalDayOff(region=region, date=date, name=name.strip(), decree=decree.strip())
    require(user, "coordination.add_regionaldayoff", row)
    if RegionalDayOff.objects.filter(region=region, date=date).exists():
        raise ValidationError(
            {
                "date": gettext("%(date)s is already a day off in %(region)s.")
                % {"date": date, "region": region.full_name}
            }
        )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def remove_day_off(row: RegionalDayOff, user) -> None:
    require(user, "coordination.delete_regionaldayoff", row)
    row.delete()
