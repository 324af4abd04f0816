"""What the coordination API accepts: each write's body, parsed and checked."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from coordination.models import (
    Attendance,
    FollowUp,
    Invitation,
    Meeting,
    RegionalDayOff,
)
from coordination.serializers.fields import (
    AffairField,
    LocalDateTimeField,
    OfficialField,
    RegionField,
    UnitField,
    _in_region,
    unit_outside,
)
from coordination.services.attendance import AttendanceInput
from coordination.services.follow_ups import (
    DecisionInput,
    FollowUpInput,
)
from coordination.services.invitations import AnswerInput
from coordination.services.meetings import MeetingInput
from coordination.services.oversight import TakeoverInput, UrgentDecisionInput

# --- Input ------------------------------------------------------------------------------------


class MeetingWrite(serializers.Serializer):
    """A meeting to schedule or change. ``region`` defaults to the caller's own; times without
    an offset are in the region's time zone."""

    region = RegionField(required=False, help_text="Region code; default the caller's own.")
    title = serializers.CharField(max_length=300)
    convener = UnitField(help_text="Id of the convening unit (Kepala Daerah, Wakil, Setda, …).")
    scope = serializers.ChoiceField(choices=Meeting.Scope.choices)
    form = serializers.ChoiceField(choices=Meeting.Form.choices)
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices, default=Meeting.Kind.RAPAT)
    mode = serializers.ChoiceField(choices=Meeting.Mode.choices, default=Meeting.Mode.LANGSUNG)
    periodicity = serializers.ChoiceField(
        choices=Meeting.Periodicity.choices, default=Meeting.Periodicity.INSIDENTAL
    )
    recurrence = serializers.CharField(max_length=200, allow_blank=True, default="")
    starts_at = LocalDateTimeField()
    ends_at = LocalDateTimeField()
    place = serializers.CharField(max_length=300, allow_blank=True, default="")
    online_link = serializers.CharField(max_length=200, allow_blank=True, default="")
    affairs = AffairField(many=True, required=False, help_text='Urusan codes, e.g. ["1.02"].')
    agenda = serializers.ListField(
        child=serializers.CharField(max_length=2000, allow_blank=True), allow_empty=True
    )
    recorded_afterwards = serializers.BooleanField(
        default=False,
        help_text="True to enter a meeting already held (its start in the past; no undangan).",
    )

    def validate(self, attrs: dict) -> dict:
        region = attrs.get("region") or self.context.get("region")
        if region is None:
            raise serializers.ValidationError({"region": _("Name the region by its code.")})
        fixed = self.context.get("meeting")
        if fixed is not None and region.pk != fixed.region_id:
            raise serializers.ValidationError({"region": _("A meeting stays in its region.")})
        attrs["region"] = region
        if attrs["convener"].region_id != region.pk:
            raise serializers.ValidationError({"convener": unit_outside(attrs["convener"], region)})
        attrs["starts_at"] = _in_region(region, attrs["starts_at"])
        attrs["ends_at"] = _in_region(region, attrs["ends_at"])
        return attrs

    def to_input(self) -> MeetingInput:
        data = dict(self.validated_data)
        data["affairs"] = list(data.get("affairs", []))
        return MeetingInput(**data)


class InvitationWrite(serializers.Serializer):
    unit = UnitField()
    reason = serializers.CharField(max_length=500, allow_blank=True, default="")


class ReasonWrite(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


class AttendanceWrite(serializers.Serializer):
    invitation = serializers.PrimaryKeyRelatedField(
        queryset=Invitation.objects.none(),
        error_messages={
            "does_not_exist": _("This meeting has no invitation with id {pk_value}."),
            "incorrect_type": _("Give the invitation's id as a number, not {data_type}."),
        },
    )
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
    official = OfficialField(required=False, allow_null=True, default=None)
    attendee_name = serializers.CharField(max_length=200, allow_blank=True, default="")
    attendee_post = serializers.CharField(max_length=200, allow_blank=True, default="")
    note = serializers.CharField(max_length=300, allow_blank=True, default="")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.context.get("meeting")
        if meeting is not None:
            self.fields["invitation"].queryset = meeting.invitations.select_related("unit")

    def to_input(self) -> AttendanceInput:
        data = self.validated_data
        return AttendanceInput(
            status=data["status"],
            official=data["official"],
            attendee_name=data["attendee_name"],
            attendee_post=data["attendee_post"],
            note=data["note"],
        )


class AnswerWrite(serializers.Serializer):
    """The invited unit's answer to the undangan."""

    response = serializers.ChoiceField(choices=Invitation.Response.choices)
    official = OfficialField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The representative, for the answer 'represented'.",
    )
    note = serializers.CharField(max_length=300, allow_blank=True, default="")

    def to_input(self) -> AnswerInput:
        data = self.validated_data
        return AnswerInput(data["response"], data["official"], data["note"])


class FollowUpWrite(serializers.Serializer):
    unit = UnitField()
    action = serializers.CharField(allow_blank=True)


class DecisionWrite(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    follow_ups = FollowUpWrite(many=True)


class MinutesWrite(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True)
    minutes_taker = serializers.CharField(max_length=200, allow_blank=True, default="")
    decisions = DecisionWrite(many=True, required=False)

    def decisions_input(self) -> list[DecisionInput]:
        return [
            DecisionInput(
                text=decision["text"],
                follow_ups=[
                    FollowUpInput(unit=item["unit"], action=item["action"])
                    for item in decision["follow_ups"]
                ],
            )
            for decision in self.validated_data.get("decisions", [])
        ]


class TransitionWrite(serializers.Serializer):
    to = serializers.ChoiceField(choices=FollowUp.Status.choices)
    note = serializers.CharField(allow_blank=True, default="")
    report = serializers.CharField(allow_blank=True, required=False, allow_null=True)


class ReportWrite(serializers.Serializer):
    report = serializers.CharField(allow_blank=True)


class EvidenceWrite(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, PNG, JPEG, DOCX or XLSX.")


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
