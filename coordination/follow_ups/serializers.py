"""The follow-up API's shapes: the minutes and their decisions as written, follow-ups,
transitions and evidence as read, and the meeting's detail with its decisions."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apitools.params import today_in
from coordination.core.fields import (
    StoredFileRead,
    UnitField,
    UnitRef,
    _username,
    choice_text,
)
from coordination.core.times import RegionalTimes
from coordination.follow_ups.models import Decision, Evidence, FollowUp, FollowUpTransition
from coordination.follow_ups.services import DecisionInput, Due, FollowUpInput, report_route_display
from coordination.meetings.models import Meeting
from coordination.meetings.serializers import MeetingDetail


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


class TransitionRead(RegionalTimes, serializers.ModelSerializer):
    region_path = "follow_up.region"
    actor = _username()
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)

    class Meta:
        model = FollowUpTransition
        fields = ["actor", "from_status", "to_status", "at", "note"]


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


class MeetingWithDecisions(MeetingDetail):
    """The meeting's detail (coordination.meetings.serializers.MeetingDetail) with the
    decisions of its minutes and the follow-ups they assign, for those who may see the
    minutes; this is what /api/v1/meetings/{id}/ answers."""

    decisions = serializers.SerializerMethodField()

    class Meta(MeetingDetail.Meta):
        fields = [
            *MeetingDetail.Meta.fields[: MeetingDetail.Meta.fields.index("minutes") + 1],
            "decisions",
            *MeetingDetail.Meta.fields[MeetingDetail.Meta.fields.index("minutes") + 1 :],
        ]

    @extend_schema_field(DecisionRead(many=True, allow_null=True))
    def get_decisions(self, meeting: Meeting) -> list | None:
        if not self._may("coordination.view_decision", meeting):
            return None
        return DecisionRead(meeting.decisions.all(), many=True).data
