"""Follow-ups over the API: lists, detail, transitions, reports, evidence, receipt."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from config.api_params import today_in
from coordination import serializers as io
from coordination.api._base import (
    DENIED,
    ERROR,
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
from coordination.models import (
    Evidence,
    FollowUp,
    FollowUpTransition,
    Meeting,
)
from coordination.services import follow_ups as follow_up_svc
from coordination.uploads import serve
from orgchart.models import Unit
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
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **DENIED},
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
