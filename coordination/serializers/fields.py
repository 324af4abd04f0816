"""Serializer fields that name rows by id or code, checked against the caller's region."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgchart.models import Affair, Official, Unit
from regulations.models import Region

# --- Fields that name rows by id or code ------------------------------------------------------


class RegionField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": _("Unknown region code “{value}”."),
        "invalid": _("Give the region's code as text, e.g. 13.75."),
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(slug_field="code", queryset=Region.objects.all(), **kwargs)


class AffairField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": _("Unknown urusan code “{value}”."),
        "invalid": _("Give the urusan's code as text, e.g. 1.02."),
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(slug_field="code", queryset=Affair.objects.all(), **kwargs)


class UnitField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("No unit with id {pk_value}."),
        "incorrect_type": _("Give the unit's id as a number, not {data_type}."),
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=Unit.objects.select_related("region"), **kwargs)


class OfficialField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("No official with id {pk_value}."),
        "incorrect_type": _("Give the official's id as a number, not {data_type}."),
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=Official.objects.all(), **kwargs)


class LocalDateTimeField(serializers.DateTimeField):
    """Keeps a time without offset naive, so that it is read in the region's own time zone."""

    def enforce_timezone(self, value):
        return value


def choice_text(choices) -> serializers.CharField:
    """A read-only choice, its values named in the schema's description: meetings, follow-ups
    and attendance each have a ``status`` with values of their own, which one named enum per
    field name would confuse."""
    return serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(str(value) for value in choices.values)
    )


def _in_region(region: Region, value):
    """A time the client sent without an offset, read on the region's own clocks."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, region.zone)
    return value


def unit_outside(unit: Unit, region: Region) -> str:
    return _("%(unit)s is a unit of %(other)s, not of %(region)s.") % {
        "unit": unit.name,
        "other": unit.region.name,
        "region": region.name,
    }
