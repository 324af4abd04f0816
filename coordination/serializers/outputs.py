"""What the coordination API answers: meetings, follow-ups, urgent decisions, take-overs."""

from __future__ import annotations

from django.urls import reverse
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
from coordination.serializers.fields import choice_text
from coordination.serializers.times import RegionalTimes, local_iso
from coordination.services.conveners import convener_label, convening_official
from coordination.services.follow_ups import (
    Due,
    report_route_display,
)
from orgchart.models import Unit

# --- Output -----------------------------------------------------------------------------------


class UnitRef(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="The kind of unit, e.g. dinas.")

    class Meta:
        model = Unit
        fields = ["id", "name", "kind"]


def _username():
    return serializers.SlugRelatedField(slug_field="username", read_only=True)


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

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_official(self, row: Attendance) -> dict | None:
        # Name and id only: a NIP holds a birth date and never leaves the portal.
        return {"id": row.official_id, "name": row.official.name} if row.official_id else None

    @extend_schema_field(OpenApiTypes.OBJECT)
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

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_response_official(self, row: Invitation) -> dict | None:
        if not row.response_official_id:
            return None
        return {"id": row.response_official_id, "name": row.response_official.name}

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
    secretariat, who may see them) its invitations, attendance, minutes and decisions."""

    convener_label = serializers.SerializerMethodField()
    convening_official = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()
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
            "convening_official",
            "letter_number",
            "recorded_afterwards",
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

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_minutes(self, meeting: Meeting) -> dict | None:
        if not self._may("coordination.view_decision", meeting):
            return None
        return {
            "text": meeting.minutes,
            "taker": meeting.minutes_taker,
            "recorded_at": local_iso(meeting.minutes_recorded_at),
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


class TransitionRead(RegionalTimes, serializers.ModelSerializer):
    region_path = "follow_up.region"
    actor = _username()
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)

    class Meta:
        model = FollowUpTransition
        fields = ["actor", "from_status", "to_status", "at", "note"]


class StoredFileRead(RegionalTimes, serializers.ModelSerializer):
    """A stored file's label and checksum, and where to download it; its place on disk never
    leaves the portal. Subclasses name the model and the download route."""

    name = serializers.CharField(source="original_name", read_only=True)
    uploaded_by = _username()
    download = serializers.SerializerMethodField()
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
        ]

    def get_download(self, row) -> str:
        url = reverse(self.route, args=[getattr(row, self.owner), row.pk])
        return self.context["request"].build_absolute_uri(url)


class EvidenceRead(StoredFileRead):
    region_path = "follow_up.region"
    route = "followup-download-evidence"
    owner = "follow_up_id"

    class Meta(StoredFileRead.Meta):
        model = Evidence


class FollowUpRead(RegionalTimes, serializers.ModelSerializer):
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


class DayOffRead(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RegionalDayOff
        fields = ["id", "region", "date", "name", "decree"]
