"""Times in the API as the region's clocks show them: every datetime of a row is written with
the UTC offset of the row's own region (``2026-06-03T09:00:00+08:00`` for a Kutai Kartanegara
meeting), whatever the server's TIME_ZONE or the caller's region. A superadmin listing several
regions gets each row in its own region's offset.

A serializer that inherits :class:`RegionalTimes` renders its row inside
``timezone.override(region.zone)``, which DRF's DateTimeField reads when it writes a value.
The rows nested in it (declared fields, or serializers built in a method field) follow the
outermost row's region: they are rendered inside the same override and look nothing up."""

from __future__ import annotations

import contextvars
import datetime

from django.utils import timezone
from rest_framework import serializers

from regulations.models import Region

# Set while a region-aware serializer renders its row: nested rows keep its zone.
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("regional_times", default=False)


def _follow(row, path: str):
    for name in path.split("."):
        if row is None:
            return None
        row = row.get(name) if isinstance(row, dict) else getattr(row, name, None)
    return row


class RegionalTimes:
    """Mixin for a serializer: its row's datetimes (and its nested rows') in the row's region.

    ``region_path`` names the attribute path from the row to its Region (``"meeting.region"``
    for an invitation); where it finds none, the serializer's context ``region`` applies, and
    without either the current time zone stays."""

    region_path = "region"

    def region_of(self, instance) -> Region | None:
        region = _follow(instance, self.region_path)
        if not isinstance(region, Region):
            region = self.context.get("region")
        return region if isinstance(region, Region) else None

    def to_representation(self, instance):
        if _pinned.get():
            return super().to_representation(instance)
        region = self.region_of(instance)
        if region is None:
            return super().to_representation(instance)
        token = _pinned.set(True)
        try:
            with timezone.override(region.zone):
                return super().to_representation(instance)
        finally:
            _pinned.reset(token)


def local_iso(value: datetime.datetime | None) -> str | None:
    """A datetime a method field returns, written as DRF writes its DateTimeFields: in the
    zone of the row being rendered (see RegionalTimes)."""
    return None if value is None else serializers.DateTimeField().to_representation(value)
