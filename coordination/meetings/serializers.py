"""The meeting API's shapes: meetings, invitations, answers and attendance as written and read."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coordination.core.fields import (
    AffairField,
    LocalDateTimeField,
    OfficialField,
    RegionField,
    UnitField,
    UnitRef,
    _in_region,
    _username,
    choice_text,
    unit_outside,
)
from coordination.core.times import RegionalTimes, local_iso
from coordination.meetings.attendance import AttendanceInput
from coordination.meetings.conveners import convener_label, convening_official
from coordination.meetings.invitations import AnswerInput
from coordination.meetings.models import Attendance, Invitation, Meeting
from coordination.meetings.scheduling import MeetingInput

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
            "incorrect_type": _("Give the invitation's id as a number."),
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


class AttendanceRead(RegionalTimes, serializers.ModelSerializer):
    region_path = "invitation.meeting.region"
    status = choice_text(Attendance.Status)
    official = serializers.SerializerMethodField()
    position = serializers.SerializerMethodField()
    recorded_by = _username()

    breach = serializers.CharField(
        source="breach_display", read_only=True, help_text="The breach, in the caller's language."
    )

    class Meta:
        model = Attendance
        fields = [
            "status",
            "official",
            "position",
            "attendee_name",
            "attendee_post",
            "attendee",
            "unverified",
            "note",
            "breached",
            "breach_source",
            "breach",
            "recorded_by",
            "recorded_at",
        ]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_official(self, row: Attendance) -> dict | None:
        # Name and id only: a NIP holds a birth date and never leaves the portal.
        return {"id": row.official_id, "name": row.official.name} if row.official_id else None

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_position(self, row: Attendance) -> dict | None:
        if not row.position_id:
            return None
        return {"title": row.position.title, "level": row.position.level}


class InvitationRead(RegionalTimes, serializers.ModelSerializer):
    region_path = "meeting.region"
    unit = UnitRef()
    attendance = serializers.SerializerMethodField()
    reason = serializers.CharField(
        source="reason_display", read_only=True, help_text="Why invited, in the caller's language."
    )
    reason_kind = choice_text(Invitation.Reason)
    note = serializers.CharField(source="reason", read_only=True, help_text="Staff's own words.")
    removal_reason = serializers.CharField(source="removal_display", read_only=True)
    response = choice_text(Invitation.Response)
    response_official = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "unit",
            "proposed",
            "reason_kind",
            "reason_data",
            "reason",
            "note",
            "active",
            "removed_at",
            "removal_reason",
            "sent_at",
            "response",
            "response_official",
            "response_note",
            "responded_at",
            "attendance",
        ]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_response_official(self, row: Invitation) -> dict | None:
        if not row.response_official_id:
            return None
        return {"id": row.response_official_id, "name": row.response_official.name}

    @extend_schema_field(AttendanceRead(allow_null=True))
    def get_attendance(self, row: Invitation) -> dict | None:
        attendance = getattr(row, "attendance", None)
        return AttendanceRead(attendance).data if attendance is not None else None


class MeetingRead(RegionalTimes, serializers.ModelSerializer):
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
    secretariat, who may see them) its invitations, attendance and minutes (the decisions
    are added by coordination.follow_ups.serializers.MeetingWithDecisions)."""

    convener_label = serializers.SerializerMethodField()
    convening_official = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()
    agenda = serializers.SlugRelatedField(slug_field="text", many=True, read_only=True)
    invitations = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    created_by = _username()

    class Meta(MeetingRead.Meta):
        fields = [
            *MeetingRead.Meta.fields,
            "convener_label",
            "convening_official",
            "letter_number",
            "recorded_afterwards",
            "recurrence",
            "agenda",
            "sources",
            "invitations",
            "minutes",
            "documents",
            "created_by",
            "created_at",
        ]

    def _may(self, perm: str, meeting: Meeting) -> bool:
        return self.context["request"].user.has_perm(perm, meeting)

    def get_convener_label(self, meeting: Meeting) -> str:
        return convener_label(meeting)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_convening_official(self, meeting: Meeting) -> dict:
        """Who convenes on the meeting day: the post, the name where on record, Plt./Plh."""
        official = convening_official(meeting)
        return {"post": official.post, "name": official.name, "acting": official.acting.strip()}

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_sources(self, meeting: Meeting) -> dict:
        """The provision each choice was checked against, in the caller's language."""
        return meeting.provisions()

    @extend_schema_field(InvitationRead(many=True, allow_null=True))
    def get_invitations(self, meeting: Meeting) -> list | None:
        if not self._may("coordination.view_invitation", meeting):
            return None
        return InvitationRead(meeting.invitations.all(), many=True).data

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_minutes(self, meeting: Meeting) -> dict | None:
        if not self._may("coordination.view_decision", meeting):
            return None
        return {
            "text": meeting.minutes,
            "taker": meeting.minutes_taker,
            "recorded_at": local_iso(meeting.minutes_recorded_at),
        }

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
