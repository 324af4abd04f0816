"""Serializer fields that name rows by id or code, checked against the caller's region."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coordination.core.times import RegionalTimes
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
        "incorrect_type": _("Give the unit's id as a number."),
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=Unit.objects.select_related("region"), **kwargs)


class OfficialField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("No official with id {pk_value}."),
        "incorrect_type": _("Give the official's id as a number."),
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


# --- Output -----------------------------------------------------------------------------------


class UnitRef(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="The kind of unit, e.g. dinas.")

    class Meta:
        model = Unit
        fields = ["id", "name", "kind"]


def _username():
    # null once the user is deleted, or before the step is taken (received_by, reported_by)
    return serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)


class StoredFileRead(RegionalTimes, serializers.ModelSerializer):
    """A stored file's label and checksum, and where to download it; its place on disk never
    leaves the portal. Subclasses name the model and the download route."""

    name = serializers.CharField(source="original_name", read_only=True)
    uploaded_by = _username()
    download = serializers.SerializerMethodField()
    notice = serializers.SerializerMethodField()
    route = ""  # the API route name of the download, with (owner id, file id)
    owner = ""  # the attribute holding the owner's id: the follow-up's, the report's

    class Meta:
        fields = [
            "id",
            "name",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download",
            "notice",
        ]

    def get_download(self, row) -> str:
        url = reverse(self.route, args=[getattr(row, self.owner), row.pk])
        return self.context["request"].build_absolute_uri(url)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_notice(self, row) -> str | None:
        """What the portal removed from the file when storing it (active content of a PDF);
        given in the answer to the upload, null elsewhere."""
        return getattr(row, "upload_notice", None)
