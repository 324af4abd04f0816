"""The oversight API's shapes: urgent decisions and take-overs, as written and as read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apitools.params import today_in
from coordination.core.fields import (
    UnitField,
    UnitRef,
    _username,
    unit_outside,
)
from coordination.core.times import RegionalTimes
from coordination.oversight.models import Takeover, UrgentDecision
from coordination.oversight.services import TakeoverInput, UrgentDecisionInput


class UrgentDecisionWrite(serializers.Serializer):
    unit = UnitField(required=False, help_text="Default: the caller's own unit.")
    decided_on = serializers.DateField()
    subject = serializers.CharField(max_length=300, allow_blank=True)
    decision = serializers.CharField(allow_blank=True)
    urgency = serializers.CharField(allow_blank=True)
    not_a_matter_of_principle = serializers.BooleanField(default=False)
    report_now = serializers.BooleanField(default=True)

    def validate(self, attrs: dict) -> dict:
        unit = attrs.get("unit") or self.context.get("unit")
        if unit is None:
            raise serializers.ValidationError({"unit": _("Name the unit by its id.")})
        attrs["unit"] = unit
        return attrs

    def to_input(self) -> UrgentDecisionInput:
        return UrgentDecisionInput(**self.validated_data)


class TakeoverWrite(serializers.Serializer):
    unit = UnitField(help_text="The unit whose coordination is taken over.")
    taken_by = UnitField(help_text="The Kepala Daerah's, Wakil's or Setda's unit.")
    start = serializers.DateField()
    end = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        if attrs["taken_by"].region_id != attrs["unit"].region_id:
            raise serializers.ValidationError(
                {"taken_by": unit_outside(attrs["taken_by"], attrs["unit"].region)}
            )
        return attrs

    def to_input(self) -> TakeoverInput:
        return TakeoverInput(**self.validated_data)


class UrgentDecisionRead(RegionalTimes, serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = UnitRef()
    recorded_by = _username()
    reported_by = _username()
    received_by = _username()

    class Meta:
        model = UrgentDecision
        fields = [
            "id",
            "region",
            "unit",
            "decided_on",
            "subject",
            "decision",
            "urgency",
            "not_a_matter_of_principle",
            "source",
            "recorded_by",
            "recorded_at",
            "reported_by",
            "reported_at",
            "received_by",
            "received_at",
        ]


class TakeoverRead(RegionalTimes, serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = UnitRef()
    taken_by = UnitRef()
    recorded_by = _username()
    active = serializers.SerializerMethodField()

    class Meta:
        model = Takeover
        fields = [
            "id",
            "region",
            "unit",
            "taken_by",
            "start",
            "end",
            "reason",
            "source",
            "recorded_by",
            "recorded_at",
            "cancelled_at",
            "active",
        ]

    def get_active(self, row: Takeover) -> bool:
        today = today_in(row.region)
        return row.cancelled_at is None and row.start <= today <= row.end
