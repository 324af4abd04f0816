"""Written reports over the API: obligations, periods, filing and routing, files."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

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
    param_date,
    param_id,
    param_region,
)
from coordination.core.uploads import serve
from coordination.reports import documents as report_documents
from coordination.reports import serializers as io
from coordination.reports import services as report_svc
from coordination.reports.models import (
    Report,
    ReportAttachment,
    ReportingObligation,
    ReportingPeriod,
    ReportStep,
)
from coordination.reports.obligations import ensure_periods
from orgchart.models import Unit, assignment_of, region_scope

OBLIGATION = OpenApiParameter("obligation", int, description="Reporting obligation id.")
FROM = OpenApiParameter("from", OpenApiTypes.DATE, description="Periods ending on or after.")
TO = OpenApiParameter("to", OpenApiTypes.DATE, description="Periods starting on or before.")


def region_scoped(rows, user, field: str):
    """``rows`` of the user's region (all for a superadmin, none without a role)."""
    scope = region_scope(user)
    if scope is None:
        return rows.none()
    return rows if scope == "all" else rows.filter(**{field: scope})


def obligations_of(user):
    return region_scoped(ReportingObligation.objects.select_related("region"), user, "region_id")


def periods_of(user):
    rows = ReportingPeriod.objects.select_related("obligation__region")
    return region_scoped(rows, user, "obligation__region_id")


# --- Obligations and periods ------------------------------------------------------------------


@extend_schema(tags=["coordination: written reports"])
class ReportObligationViewSet(CoordinationAPI):
    """Who reports what to whom, through whom, how often and by when, as the region's rules
    say; each names its provision, and where the text is silent the portal's default."""

    view_permission = "coordination.view_reportingobligation"
    noun = gettext_lazy("reporting obligation")
    serializer_class = io.ReportingObligationRead

    def get_queryset(self):
        return obligations_of(self.request.user)

    @extend_schema(
        parameters=[REGION, OpenApiParameter("active", bool)],
        responses={200: io.ReportingObligationRead(many=True), 400: ERROR, **DENIED},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        active = param_bool(request, "active")
        if active is not None:
            rows = rows.filter(active=active)
        return self.page(rows, io.ReportingObligationRead)

    @extend_schema(responses={200: io.ReportingObligationRead, **DENIED})
    def retrieve(self, request, pk=None):
        return self.out(io.ReportingObligationRead, self.get_object())


PERIODS_MADE = inline_serializer(
    "ReportingPeriodsMade",
    {
        "created": io.ReportingPeriodRead(many=True),
        "existing": io.ReportingPeriodRead(many=True),
    },
)


@extend_schema(tags=["coordination: written reports"])
class ReportPeriodViewSet(CoordinationAPI):
    """The periods of each obligation, with their due dates in working days after the end."""

    view_permission = "coordination.view_reportingperiod"
    noun = gettext_lazy("reporting period")
    serializer_class = io.ReportingPeriodRead

    def get_queryset(self):
        return periods_of(self.request.user)

    @extend_schema(
        parameters=[OBLIGATION, REGION, FROM, TO],
        responses={200: io.ReportingPeriodRead(many=True), 400: ERROR, **DENIED},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(obligation__region=region)
        noun = gettext_lazy("reporting obligation")
        obligation = param_id(request, "obligation", obligations_of(request.user), noun)
        if obligation:
            rows = rows.filter(obligation=obligation)
        start, end = param_date(request, "from"), param_date(request, "to")
        if start and end and end < start:
            raise ParseError(_("“to” is before “from”."))
        if start:
            rows = rows.filter(end__gte=start)
        if end:
            rows = rows.filter(start__lte=end)
        return self.page(rows.order_by("obligation_id", "start"), io.ReportingPeriodRead)

    @extend_schema(
        request=io.ReportingPeriodsWrite,
        responses={201: PERIODS_MADE, 200: PERIODS_MADE, **WRITE_ERRORS},
    )
    def create(self, request):
        """Create the obligation's missing periods that touch [from, to]. Idempotent: 201 with
        those created (and those that existed), 200 if all existed."""
        self.require("coordination.add_reportingperiod")
        data = self.checked(io.ReportingPeriodsWrite).validated_data
        obligation = data["obligation"]
        self.require("coordination.add_reportingperiod", ReportingPeriod(obligation=obligation))
        made = [period.pk for period in ensure_periods(obligation, data["from"], data["to"])]
        rows = periods_of(request.user).filter(obligation=obligation).order_by("start")
        existing = rows.filter(start__lte=data["to"], end__gte=data["from"]).exclude(pk__in=made)
        context = {"request": request}
        return Response(
            {
                "created": io.ReportingPeriodRead(
                    rows.filter(pk__in=made), many=True, context=context
                ).data,
                "existing": io.ReportingPeriodRead(existing, many=True, context=context).data,
            },
            status.HTTP_201_CREATED if made else status.HTTP_200_OK,
        )


# --- Reports ----------------------------------------------------------------------------------


def report_rows(rows):
    newer = Report.objects.filter(previous=OuterRef("pk")).values("pk")[:1]
    return rows.select_related(
        "region", "obligation__region", "period", "unit", "created_by"
    ).annotate(newer_id=Subquery(newer))


def report_detail_rows(rows):
    return report_rows(rows).prefetch_related(
        "lines",
        Prefetch("attachments", ReportAttachment.objects.select_related("uploaded_by")),
        Prefetch("steps", ReportStep.objects.select_related("actor")),
    )


def versions_of(report: Report) -> list[Report]:
    """Every version of the report, first to last."""
    if report.period_id is not None:  # one chain per unit and period
        rows = Report.objects.filter(period_id=report.period_id, unit_id=report.unit_id)
        return list(rows.order_by("version").only("pk", "version", "status"))
    chain = [report]
    while chain[0].previous_id:
        chain.insert(
            0,
            Report.objects.only("pk", "version", "status", "previous").get(pk=chain[0].previous_id),
        )
    newer = Report.objects.filter(previous_id=report.pk).only("pk", "version", "status").first()
    while newer is not None:
        chain.append(newer)
        newer = Report.objects.filter(previous_id=newer.pk).only("pk", "version", "status").first()
    return chain


@extend_schema(tags=["coordination: written reports"])
class ReportViewSet(CoordinationAPI):
    """Written reports: an agency's own unit's, an Asisten's portfolio's, the region's for the
    Sekda, the leaders and the secretariat."""

    view_permission = "coordination.view_report"
    noun = gettext_lazy("report")
    serializer_class = io.WrittenReportDetail

    def get_queryset(self):
        rows = Report.objects.visible_to(self.request.user)
        return report_detail_rows(rows) if self.action == "retrieve" else report_rows(rows)

    def detail_of(self, report: Report, code: int = status.HTTP_200_OK) -> Response:
        fresh = report_detail_rows(Report.objects.filter(pk=report.pk)).get()
        context = {"request": self.request, "versions": versions_of(fresh)}
        return Response(io.WrittenReportDetail(fresh, context=context).data, code)

    @extend_schema(
        parameters=[
            REGION,
            UNIT,
            OpenApiParameter("period", int, description="Reporting period id."),
            OBLIGATION,
            OpenApiParameter("status", str, enum=Report.Status.values),
            OpenApiParameter("current", bool, description="Only versions not yet revised."),
        ],
        responses={200: io.WrittenReportRead(many=True), 400: ERROR, **DENIED},
    )
    def list(self, request):
        rows = self.get_queryset()
        user = request.user
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        for name, choices, noun in (
            ("unit", Unit.objects, gettext_lazy("unit")),
            ("period", periods_of(user), gettext_lazy("reporting period")),
            ("obligation", obligations_of(user), gettext_lazy("reporting obligation")),
        ):
            row = param_id(request, name, choices, noun)
            if row:
                rows = rows.filter(**{name: row})
        state = param_choice(request, "status", Report.Status)
        if state:
            rows = rows.filter(status=state)
        current = param_bool(request, "current")
        if current is not None:
            rows = rows.filter(superseded_by__isnull=current)
        return self.page(rows, io.WrittenReportRead)

    @extend_schema(responses={200: io.WrittenReportDetail, **DENIED})
    def retrieve(self, request, pk=None):
        return self.detail_of(self.get_object())

    @extend_schema(
        request=io.WrittenReportStart, responses={201: io.WrittenReportDetail, **WRITE_ERRORS}
    )
    def create(self, request):
        """Open the draft of a unit's report for a period (or an incidental one)."""
        assignment = assignment_of(request.user)
        own = assignment.unit if assignment and assignment.unit_id else None
        self.require("coordination.file_report", own)
        data = self.checked(io.WrittenReportStart, unit=own).validated_data
        report = report_svc.start_report(
            data["obligation"], data["period"], data["unit"], request.user
        )
        return self.detail_of(report, status.HTTP_201_CREATED)

    @extend_schema(
        request=io.WrittenReportDraft, responses={200: io.WrittenReportDetail, **WRITE_ERRORS}
    )
    def update(self, request, pk=None):
        """Save the draft: every field (``lines`` replace the draft's)."""
        return self._save(partial=False)

    @extend_schema(
        request=io.WrittenReportDraft, responses={200: io.WrittenReportDetail, **WRITE_ERRORS}
    )
    def partial_update(self, request, pk=None):
        """Save the draft: only the fields sent."""
        return self._save(partial=True)

    def _save(self, *, partial: bool) -> Response:
        report = self.get_object()
        self.require("coordination.file_report", report)
        if not isinstance(self.request.data, dict):
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [_("Send a JSON object.")]})
        data = {**_current(report), **self.request.data} if partial else self.request.data
        draft = self.checked(io.WrittenReportDraft, data=data).to_input()
        report_svc.save_draft(report, draft, self.request.user)
        return self.detail_of(report)

    @extend_schema(request=None, responses={200: io.WrittenReportDetail, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        self.require("coordination.file_report", report)
        return self.detail_of(report_svc.submit(report, request.user))

    @extend_schema(
        request=io.ReportNoteWrite, responses={200: io.WrittenReportDetail, **WRITE_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Take the step the report waits for (``next_step``: review, receive or accept)."""
        report = self.get_object()
        self.require("coordination.act_report", report)
        note = self.checked(io.ReportNoteWrite).validated_data["note"]
        return self.detail_of(report_svc.advance(report, request.user, note))

    @extend_schema(
        request=io.ReportNoteWrite, responses={200: io.WrittenReportDetail, **WRITE_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_report(self, request, pk=None):
        """Return the report to the unit with a note saying what to revise."""
        report = self.get_object()
        self.require("coordination.act_report", report)
        note = self.checked(io.ReportNoteWrite).validated_data["note"]
        return self.detail_of(report_svc.return_report(report, request.user, note))

    @extend_schema(request=None, responses={201: io.WrittenReportDetail, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        """A new draft version of a returned report; the returned one stays as it was."""
        report = self.get_object()
        self.require("coordination.file_report", report)
        draft = report_svc.revise(report, request.user)
        return self.detail_of(draft, status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": io.ReportAttachmentWrite},
        responses={201: io.ReportAttachmentRead, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        report = self.get_object()
        self.require("coordination.file_report", report)
        upload = self.checked(io.ReportAttachmentWrite).validated_data["file"]
        row = report_svc.add_attachment(report, upload, request.user)
        return self.out(io.ReportAttachmentRead, row, status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses=FILE,
    )
    @action(
        detail=True,
        url_path=r"attachments/(?P<attachment_id>[0-9]+)/download",
        url_name="download-attachment",
        content_negotiation_class=FirstRenderer,
    )
    def download_attachment(self, request, pk=None, attachment_id=None):
        report = self.get_object()
        row = report.attachments.filter(pk=attachment_id).first()
        if row is None:
            raise NotFound(_("This report has no file with id %(id)s.") % {"id": attachment_id})
        return serve(row)

    @extend_schema(responses=PDF)
    @action(detail=True, content_negotiation_class=FirstRenderer)
    def pdf(self, request, pk=None):
        """The report as a PDF on the unit's letterhead, with its routing so far."""
        report = self.get_object()
        response = HttpResponse(report_documents.report_pdf(report), content_type="application/pdf")
        name = f"laporan-{report.pk}-v{report.version}.pdf"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


def _current(report: Report) -> dict:
    """A draft as WrittenReportDraft input, for PATCH to change only what the caller sends."""
    return {
        "title": report.title,
        "summary": report.summary,
        "achievements": report.achievements,
        "problems": report.problems,
        "plans": report.plans,
        "lines": [
            {
                "program": line.program,
                "activity": line.activity,
                "target_realisation": line.target_realisation,
                "budget_absorption": line.budget_absorption,
            }
            for line in report.lines.all()
        ],
    }
