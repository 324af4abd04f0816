"""Follow-ups over the API: lists, detail, transitions, reports, evidence, receipt; the
dashboard; and the meetings' minutes (recorded, shown in the detail, as PDF)."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ParseError, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apitools.params import today_in
from coordination.core.api import (
    DENIED,
    ERROR,
    FILE,
    PDF,
    REGION,
    UNIT,
    WRITE_ERRORS,
    CoordinationAPI,
    FirstRenderer,
    param_bool,
    param_choice,
    param_id,
    param_region,
)
from coordination.core.uploads import serve
from coordination.follow_ups import documents as minutes_documents
from coordination.follow_ups import serializers as io
from coordination.follow_ups import services as follow_up_svc
from coordination.follow_ups.dashboard import dashboard, sekda_inbox
from coordination.follow_ups.models import Evidence, FollowUp, FollowUpTransition
from coordination.meetings import api as meetings_api
from coordination.meetings.models import Meeting
from orgchart.models import Unit, region_scope
from regulations.models import Region

# --- Follow-ups -------------------------------------------------------------------------------


def _follow_up_rows(rows):
    return rows.select_related("region", "unit", "decision__meeting__region")


def _follow_up_detail_rows(rows):
    return (
        _follow_up_rows(rows)
        .select_related("sekda_received_by", "created_by")
        .prefetch_related(
            Prefetch("transitions", FollowUpTransition.objects.select_related("actor")),
            Prefetch("evidence", Evidence.objects.select_related("uploaded_by")),
        )
    )


@extend_schema(tags=["coordination: follow-ups"])
class FollowUpViewSet(CoordinationAPI):
    """Follow-ups (tindak lanjut) of decisions: the region's, or an agency's own unit's."""

    view_permission = "coordination.view_followup"
    noun = gettext_lazy("follow-up")
    serializer_class = io.FollowUpDetail

    def get_queryset(self):
        rows = FollowUp.objects.visible_to(self.request.user)
        return _follow_up_detail_rows(rows) if self.action == "retrieve" else _follow_up_rows(rows)

    def detail_of(self, follow_up: FollowUp) -> Response:
        fresh = _follow_up_detail_rows(FollowUp.objects.filter(pk=follow_up.pk)).get()
        return self.out(io.FollowUpDetail, fresh)

    @extend_schema(
        parameters=[
            REGION,
            UNIT,
            OpenApiParameter("status", str, enum=FollowUp.Status.values),
            OpenApiParameter("overdue", bool, description="Only those past their due date."),
            OpenApiParameter("meeting", int, description="Meeting id."),
        ],
        responses={200: io.FollowUpRead(many=True), **DENIED, 400: ERROR},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        unit = param_id(request, "unit", Unit.objects, gettext_lazy("unit"))
        if unit:
            rows = rows.filter(unit=unit)
        meeting = param_id(
            request, "meeting", Meeting.objects.visible_to(request.user), gettext_lazy("meeting")
        )
        if meeting:
            rows = rows.filter(decision__meeting=meeting)
        state = param_choice(request, "status", FollowUp.Status)
        if state:
            rows = rows.filter(status=state)
        overdue = param_bool(request, "overdue")
        if overdue is not None:
            # Each region's own today: Kutai Kartanegara is an hour ahead of Bukittinggi.
            late = Q()
            for each in [region] if region else Region.objects.all():
                late |= Q(region=each, due_date__lt=today_in(each))
            late &= ~Q(status=FollowUp.Status.DONE)
            rows = rows.filter(late) if overdue else rows.exclude(late)
        return self.page(rows, io.FollowUpRead)

    @extend_schema(responses={200: io.FollowUpDetail, **DENIED})
    def retrieve(self, request, pk=None):
        return self.out(io.FollowUpDetail, self.get_object())

    @extend_schema(request=io.TransitionWrite, responses={200: io.FollowUpDetail, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        follow_up = self.get_object()
        user = request.user
        if not (
            user.has_perm("coordination.change_followup", follow_up)
            or user.has_perm("coordination.return_followup", follow_up)
        ):
            raise PermissionDenied(_("You may not do this."))
        data = self.checked(io.TransitionWrite).validated_data
        if data.get("report") is not None and not user.has_perm(
            "coordination.change_followup", follow_up
        ):
            # The Sekda returns a report with a note; the report itself stays the unit's words.
            raise PermissionDenied(_("Only the head of the unit writes its report."))
        follow_up_svc.transition(
            follow_up, data["to"], user, note=data["note"], report=data.get("report")
        )
        return self.detail_of(follow_up)

    @extend_schema(request=io.ReportWrite, responses={200: io.FollowUpDetail, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        follow_up = self.get_object()
        self.require("coordination.change_followup", follow_up)
        report = self.checked(io.ReportWrite).validated_data["report"]
        follow_up_svc.update_report(follow_up, request.user, report)
        return self.detail_of(follow_up)

    @extend_schema(request=None, responses={200: io.FollowUpDetail, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        follow_up = self.get_object()
        self.require("coordination.receive_followup", follow_up)
        follow_up_svc.receive_report(follow_up, request.user)
        return self.detail_of(follow_up)

    @extend_schema(responses={200: io.EvidenceRead(many=True), **DENIED})
    @action(detail=True, parser_classes=[MultiPartParser, FormParser])
    def evidence(self, request, pk=None):
        follow_up = self.get_object()
        self.require("coordination.view_evidence", follow_up)
        rows = follow_up.evidence.select_related("uploaded_by")
        return Response(io.EvidenceRead(rows, many=True, context={"request": request}).data)

    @extend_schema(
        request={"multipart/form-data": io.EvidenceWrite},
        responses={201: io.EvidenceRead, **WRITE_ERRORS},
    )
    @evidence.mapping.post
    def add_evidence(self, request, pk=None):
        follow_up = self.get_object()
        self.require("coordination.add_evidence", follow_up)
        upload = self.checked(io.EvidenceWrite).validated_data["file"]
        row = follow_up_svc.add_evidence(follow_up, upload, request.user)
        return self.out(io.EvidenceRead, row, 201)

    @extend_schema(
        parameters=[OpenApiParameter("evidence_id", int, OpenApiParameter.PATH)],
        responses=FILE,
    )
    @action(
        detail=True,
        url_path=r"evidence/(?P<evidence_id>[0-9]+)/download",
        url_name="download-evidence",
        content_negotiation_class=FirstRenderer,
    )
    def download_evidence(self, request, pk=None, evidence_id=None):
        follow_up = self.get_object()
        self.require("coordination.view_evidence", follow_up)
        row = follow_up.evidence.filter(pk=evidence_id).first()
        if row is None:
            raise NotFound(_("This follow-up has no file with id %(id)s.") % {"id": evidence_id})
        return serve(row)


# --- Dashboard --------------------------------------------------------------------------------


class DashboardRow(serializers.Serializer):
    coordinator_id = serializers.IntegerField(allow_null=True)
    coordinator_name = serializers.CharField()
    via_takeover = serializers.BooleanField()
    overdue = serializers.IntegerField()
    due_today = serializers.IntegerField()
    due_soon = serializers.IntegerField(help_text="Due within the next working day.")
    pending = serializers.IntegerField()
    done = serializers.IntegerField()
    items = serializers.ListField(child=serializers.DictField(), help_text="The overdue ones.")


@extend_schema_serializer(many=False, component_name="CoordinationDashboard")
class DashboardRead(serializers.Serializer):
    """Documents the dashboard (one object, not a list) for OpenAPI."""

    region = serializers.CharField()
    today = serializers.DateField()
    overdue = serializers.IntegerField()
    pending = serializers.IntegerField()
    unreported_urgent_decisions = serializers.IntegerField()
    inbox = io.FollowUpBrief(many=True)
    rows = DashboardRow(many=True)


DASHBOARD = DashboardRead


@extend_schema(tags=["coordination: dashboard"])
class DashboardViewSet(CoordinationAPI):
    """What is late and whose it is, by coordinating portfolio; for the region's leaders."""

    view_permission = "coordination.view_dashboard"
    pagination_class = None

    @extend_schema(
        parameters=[REGION],
        responses={200: DASHBOARD, 400: ERROR, **DENIED},
        operation_id="coordination_dashboard",
    )
    def list(self, request):
        region = param_region(request) or self.own_region()
        if region is None:
            raise ParseError(_("Name the region: ?region=<code>."))
        scope = region_scope(request.user)
        if scope != "all" and scope != region.pk:
            raise PermissionDenied(_("You may see only your own region's dashboard."))
        board = dashboard(request.user, region, today_in(region))
        inbox = sekda_inbox(request.user, region)[:100]
        return Response(
            {
                "region": region.code,
                "today": board.today,
                "overdue": board.overdue,
                "pending": board.pending,
                "unreported_urgent_decisions": board.unreported_urgent,
                "inbox": io.FollowUpBrief(inbox, many=True).data,
                "rows": DashboardRow(board.rows, many=True).data,
            }
        )


# --- Meetings with their minutes ------------------------------------------------------------

MEETING = io.MeetingWithDecisions


@extend_schema_view(
    retrieve=extend_schema(responses={200: MEETING, **DENIED}),
    create=extend_schema(responses={201: MEETING, **WRITE_ERRORS}),
    update=extend_schema(responses={200: MEETING, **WRITE_ERRORS}),
    partial_update=extend_schema(responses={200: MEETING, **WRITE_ERRORS}),
    cancel=extend_schema(responses={200: MEETING, **WRITE_ERRORS}),
    send_invitations=extend_schema(
        responses={
            200: inline_serializer(
                "InvitationsSent", {"sent": serializers.IntegerField(), "meeting": MEETING()}
            ),
            **WRITE_ERRORS,
        },
    ),
)
class MeetingViewSet(meetings_api.MeetingViewSet):
    """Coordination meetings (coordination.meetings.api) with their minutes: the decisions
    and the follow-ups they assign, recorded here and shown in each meeting's detail."""

    serializer_class = MEETING
    detail_serializer = MEETING

    def detail_rows(self, rows):
        return meetings_api.meeting_detail_rows(rows).prefetch_related(
            Prefetch("decisions__follow_ups", FollowUp.objects.select_related("unit"))
        )

    @extend_schema(
        request=io.MinutesWrite, responses={201: io.FollowUpRead(many=True), **WRITE_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.add_decision", meeting)
        serializer = self.checked(io.MinutesWrite)
        created = follow_up_svc.record_minutes(
            meeting,
            request.user,
            minutes=serializer.validated_data["minutes"],
            minutes_taker=serializer.validated_data["minutes_taker"],
            decisions=serializer.decisions_input(),
        )
        rows = _follow_up_rows(FollowUp.objects.filter(pk__in=[row.pk for row in created]))
        data = io.FollowUpRead(rows, many=True, context={"request": request}).data
        return Response(data, status.HTTP_201_CREATED)

    @extend_schema(responses=PDF)
    @action(
        detail=True,
        url_path=r"documents/minutes\.pdf",
        url_name="minutes-pdf",
        content_negotiation_class=FirstRenderer,
    )
    def minutes_pdf(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.view_decision", meeting)
        if meeting.status != Meeting.Status.HELD:
            raise NotFound(
                _("The minutes exist once the meeting is held; its status is “%(status)s”.")
                % {"status": meeting.get_status_display()}
            )
        body = minutes_documents.minutes_pdf(meeting)
        return self._file(body, "application/pdf", f"notulen-rapat-{meeting.pk}.pdf")
