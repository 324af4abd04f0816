"""The shared core's API shapes: the region's days off as they are written and read."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from coordination.core.fields import (
    RegionField,
)
from coordination.core.models import RegionalDayOff


class DayOffWrite(serializers.Serializer):
    region = RegionField(required=False, help_text="Region code; default the caller's own.")
    date = serializers.DateField()
    name = serializers.CharField(max_length=200)
    decree = serializers.CharField(max_length=200, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        region = attrs.get("region") or self.context.get("region")
        if region is None:
            raise serializers.ValidationError({"region": _("Name the region by its code.")})
        attrs["region"] = region
        clash = RegionalDayOff.objects.filter(region=region, date=attrs["date"]).first()
        if clash is not None:
            raise serializers.ValidationError(
                {
                    "date": _("%(region)s already has a day off on %(date)s: %(name)s.")
                    % {"region": region.name, "date": clash.date, "name": clash.name}
                }
            )
        return attrs


class DayOffRead(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RegionalDayOff
        fields = ["id", "region", "date", "name", "decree"]
