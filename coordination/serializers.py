"""The coordination API's shapes: the input clients send, checked field by field (every 400
says which field and why), and the rows they get back. Nothing here writes: the views hand
the checked input to coordination.services, which check the region's rules and write."""

from __future__ import annotations

import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api_params import today_in
from coordination.models import (
    Attendance,
    Decision,
    Evidence,
    FollowUp,
    FollowUpTransition,
    Invitation,
    Meeting,
    RegionalDayOff,
    Takeover,
    UrgentDecision,
)
from coordination.services.follow_ups import (
    DecisionInput,
    Due,
    FollowUpInput,
    report_route_display,
)
from coordination.services.meetings import AttendanceInput, MeetingInput, convener_label
from coordination.services.oversight import TakeoverInput, UrgentDecisionInput
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
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, zoneinfo.ZoneInfo(region.timezone))
    return value


def unit_outside(unit: Unit, region: Region) -> str:
    return _("%(unit)s is a unit of %(other)s, not of %(region)s.") % {
        "unit": unit.name,
        "other": unit.region.name,
        "region": region.name,
    }


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
            note=data["note"],
        )


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


# --- Output -----------------------------------------------------------------------------------


class UnitRef(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="The kind of unit, e.g. dinas.")

    class Meta:
        model = Unit
        fields = ["id", "name", "kind"]


def _username():
    return serializers.SlugRelatedField(slug_field="username", read_only=True)


class AttendanceRead(serializers.ModelSerializer):
    status = choice_text(Attendance.Status)
    official = serializers.SerializerMethodField()
    position = serializers.SerializerMethodField()
    recorded_by = _username()

    class Meta:
        model = Attendance
        fields = [
            "status",
            "official",
            "position",
            "attendee_name",
            "attendee",
            "note",
            "breach",
            "recorded_by",
            "recorded_at",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_official(self, row: Attendance) -> dict | None:
        # Name and id only: a NIP holds a birth date and never leaves the portal.
        return {"id": row.official_id, "name": row.official.name} if row.official_id else None

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_position(self, row: Attendance) -> dict | None:
        if not row.position_id:
            return None
        return {"title": row.position.title, "level": row.position.level}


class InvitationRead(serializers.ModelSerializer):
    unit = UnitRef()
    attendance = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "unit",
            "proposed",
            "reason",
            "active",
            "removed_at",
            "removal_reason",
            "sent_at",
            "attendance",
        ]

    @extend_schema_field(AttendanceRead(allow_null=True))
    def get_attendance(self, row: Invitation) -> dict | None:
        attendance = getattr(row, "attendance", None)
        return AttendanceRead(attendance).data if attendance is not None else None


class FollowUpBrief(serializers.ModelSerializer):
    unit = UnitRef()
    status = choice_text(FollowUp.Status)

    class Meta:
        model = FollowUp
        fields = ["id", "unit", "action", "status", "due_date", "due_source"]


class DecisionRead(serializers.ModelSerializer):
    follow_ups = FollowUpBrief(many=True)

    class Meta:
        model = Decision
        fields = ["id", "position", "text", "follow_ups"]


class MeetingRead(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    convener = UnitRef()
    affairs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    kind = choice_text(Meeting.Kind)
    status = choice_text(Meeting.Status)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "region",
            "title",
            "convener",
            "scope",
            "form",
            "kind",
            "mode",
            "periodicity",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "affairs",
            "status",
        ]


class MeetingDetail(MeetingRead):
    """A meeting with its agenda, the provisions applied, and (for the region's leaders and
    secretariat, who may see them) its invitations, attendance, minutes and decisions."""

    convener_label = serializers.SerializerMethodField()
    agenda = serializers.SlugRelatedField(slug_field="text", many=True, read_only=True)
    invitations = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    created_by = _username()

    class Meta(MeetingRead.Meta):
        fields = [
            *MeetingRead.Meta.fields,
            "convener_label",
            "recurrence",
            "agenda",
            "sources",
            "invitations",
            "minutes",
            "decisions",
            "documents",
            "created_by",
            "created_at",
        ]

    def _may(self, perm: str, meeting: Meeting) -> bool:
        return self.context["request"].user.has_perm(perm, meeting)

    def get_convener_label(self, meeting: Meeting) -> str:
        return convener_label(meeting)

    @extend_schema_field(InvitationRead(many=True, allow_null=True))
    def get_invitations(self, meeting: Meeting) -> list | None:
        if not self._may("coordination.view_invitation", meeting):
            return None
        return InvitationRead(meeting.invitations.all(), many=True).data

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_minutes(self, meeting: Meeting) -> dict | None:
        if not self._may("coordination.view_decision", meeting):
            return None
        return {
            "text": meeting.minutes,
            "taker": meeting.minutes_taker,
            "recorded_at": meeting.minutes_recorded_at,
        }

    @extend_schema_field(DecisionRead(many=True, allow_null=True))
    def get_decisions(self, meeting: Meeting) -> list | None:
        if not self._may("coordination.view_decision", meeting):
            return None
        return DecisionRead(meeting.decisions.all(), many=True).data

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_documents(self, meeting: Meeting) -> dict:
        request = self.context["request"]
        names = {"invitation_pdf": "invitation-pdf", "invitation_ics": "invitation-ics"}
        if meeting.status == Meeting.Status.HELD and self._may(
            "coordination.view_decision", meeting
        ):
            names["minutes_pdf"] = "minutes-pdf"
        return {
            key: request.build_absolute_uri(reverse(f"meeting-{name}", args=[meeting.pk]))
            for key, name in names.items()
        }


class TransitionRead(serializers.ModelSerializer):
    actor = _username()
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)

    class Meta:
        model = FollowUpTransition
        fields = ["actor", "from_status", "to_status", "at", "note"]


class EvidenceRead(serializers.ModelSerializer):
    """The file's label and checksum; its place on disk never leaves the portal."""

    name = serializers.CharField(source="original_name", read_only=True)
    uploaded_by = _username()
    download = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "name",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download",
        ]

    def get_download(self, row: Evidence) -> str:
        url = reverse("followup-download-evidence", args=[row.follow_up_id, row.pk])
        return self.context["request"].build_absolute_uri(url)


class FollowUpRead(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = UnitRef()
    status = choice_text(FollowUp.Status)
    meeting = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    due_display = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "region",
            "meeting",
            "decision",
            "unit",
            "action",
            "status",
            "due_date",
            "due_working_days",
            "due_source",
            "due_display",
            "overdue",
            "done_at",
            "sekda_received_at",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_meeting(self, row: FollowUp) -> dict:
        meeting = row.decision.meeting
        return {"id": meeting.pk, "title": meeting.title}

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_decision(self, row: FollowUp) -> dict:
        return {"id": row.decision_id, "position": row.decision.position, "text": row.decision.text}

    def get_due_display(self, row: FollowUp) -> str:
        return Due(row.due_date, row.due_working_days, row.due_source).display()

    def get_overdue(self, row: FollowUp) -> bool:
        return row.is_overdue(today_in(row.region))


class FollowUpDetail(FollowUpRead):
    report_route = serializers.SerializerMethodField()
    transitions = TransitionRead(many=True, read_only=True)
    evidence = EvidenceRead(many=True, read_only=True)
    sekda_received_by = _username()
    created_by = _username()

    class Meta(FollowUpRead.Meta):
        fields = [
            *FollowUpRead.Meta.fields,
            "report",
            "report_route",
            "sekda_received_by",
            "transitions",
            "evidence",
            "created_by",
            "created_at",
        ]

    def get_report_route(self, row: FollowUp) -> str:
        return report_route_display(row.region, row.decision.meeting.date)


class UrgentDecisionRead(serializers.ModelSerializer):
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


class TakeoverRead(serializers.ModelSerializer):
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


class DayOffRead(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RegionalDayOff
        fields = ["id", "region", "date", "name", "decree"]
