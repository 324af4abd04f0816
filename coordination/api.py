"""The coordination workflows' REST API under /api/v1/ (login, Basic or Token authentication).

Deny by default: a caller needs the kind's view permission (403), sees only rows in its scope
(``visible_to``; anything else is a 404, so that nothing leaks), needs the action's permission
(403), and then sends input the serializers check (400). Every write is one call to
coordination.services, whose refusals cite the region's provisions: a Django ValidationError
becomes a 400 (``{"field": [messages]}`` or ``{"non_field_errors": [...]}``), a
PermissionDenied a 403.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.authentication import (
    BasicAuthentication,
    SessionAuthentication,
    TokenAuthentication,
)
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ParseError, PermissionDenied, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from config.api_params import region_or_400, today_in
from coordination import documents
from coordination import serializers as io
from coordination.models import (
    Evidence,
    FollowUp,
    FollowUpTransition,
    Invitation,
    Meeting,
    RegionalDayOff,
    Takeover,
    UrgentDecision,
)
from coordination.services import calendar, oversight
from coordination.services import follow_ups as follow_up_svc
from coordination.services import meetings as meeting_svc
from coordination.services.dashboard import dashboard, sekda_inbox
from orgchart.models import Unit, assignment_of, region_scope
from regulations.models import Region

ERROR = inline_serializer("CoordinationError", {"detail": serializers.CharField()})
FIELD_ERRORS = inline_serializer(
    "CoordinationFieldErrors",
    {
        "field": serializers.ListField(child=serializers.CharField()),
        "non_field_errors": serializers.ListField(child=serializers.CharField()),
    },
)
DENIED = {401: ERROR, 403: ERROR, 404: ERROR}
WRITE_ERRORS = {400: FIELD_ERRORS, **DENIED}
PDF = {(200, "application/pdf"): OpenApiTypes.BINARY, **DENIED}


def api_error(exc: Exception) -> Exception:
    """The services' Django exceptions as DRF's, keeping their messages (and citations)."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            key = api_settings.NON_FIELD_ERRORS_KEY
            return ValidationError(
                {
                    (key if name == NON_FIELD_ERRORS else name): v
                    for name, v in exc.message_dict.items()
                }
            )
        return ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return PermissionDenied(str(exc) or None)
    return exc


class MayViewKind(BasePermission):
    """The kind's view permission, asked without an object: nobody without a coordination
    role passes (deny by default)."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.view_permission)


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class FirstRenderer(BaseContentNegotiation):
    """For file downloads: the file answers whatever the client accepts, errors in JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class CoordinationAPI(viewsets.GenericViewSet):
    # Token first: an anonymous caller gets 401 with "WWW-Authenticate: Token".
    authentication_classes = [TokenAuthentication, BasicAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated, MayViewKind]
    parser_classes = [JSONParser]
    filter_backends: list = []
    pagination_class = Pages
    lookup_value_regex = "[0-9]+"
    view_permission = ""
    noun = gettext_lazy("object")

    def handle_exception(self, exc):
        return super().handle_exception(api_error(exc))

    def get_object(self):
        row = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if row is None:
            raise NotFound(
                _("No %(noun)s with id %(id)s among those you may see.")
                % {"noun": self.noun, "id": self.kwargs["pk"]}
            )
        return row

    def require(self, perm: str, obj=None) -> None:
        if not self.request.user.has_perm(perm, obj):
            raise PermissionDenied(_("You may not do this."))

    def checked(self, serializer_class, data=None, **context):
        serializer = serializer_class(
            data=self.request.data if data is None else data,
            context={"request": self.request, **context},
        )
        serializer.is_valid(raise_exception=True)
        return serializer

    def out(self, serializer_class, row, code: int = status.HTTP_200_OK) -> Response:
        return Response(serializer_class(row, context={"request": self.request}).data, code)

    def page(self, rows, serializer_class) -> Response:
        page = self.paginate_queryset(rows)
        data = serializer_class(page, many=True, context={"request": self.request}).data
        return self.get_paginated_response(data)

    def own_region(self) -> Region | None:
        assignment = assignment_of(self.request.user)
        return assignment.region if assignment and assignment.region_id else None

    def region_in_body(self) -> Region | None:
        """The body's ``region`` (a code) or the caller's own; a 400 if unknown."""
        code = self.request.data.get("region") if isinstance(self.request.data, dict) else None
        if code is None:
            return self.own_region()
        if not isinstance(code, str):
            raise ValidationError({"region": [_("Give the region's code as text, e.g. 13.75.")]})
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(
                {"region": [_("Unknown region code “%(code)s”.") % {"code": code}]}
            )
        return region


# --- Query parameters -------------------------------------------------------------------------


def param_region(request) -> Region | None:
    code = request.query_params.get("region")
    return region_or_400(code) if code else None


def param_choice(request, name: str, choices) -> str | None:
    value = request.query_params.get(name)
    if value and value not in choices.values:
        raise ParseError(
            _("%(name)s must be one of %(choices)s; got “%(value)s”.")
            % {"name": name, "choices": ", ".join(choices.values), "value": value}
        )
    return value or None


def param_bool(request, name: str) -> bool | None:
    value = request.query_params.get(name)
    if not value:
        return None
    if value.lower() in {"true", "1", "yes"}:
        return True
    if value.lower() in {"false", "0", "no"}:
        return False
    raise ParseError(
        _("%(name)s must be true or false; got “%(value)s”.") % {"name": name, "value": value}
    )


def param_id(request, name: str, rows, noun: str):
    """A row named by id among ``rows`` (those the caller may see), or a 400."""
    value = request.query_params.get(name)
    if not value:
        return None
    if not value.isdigit():
        raise ParseError(
            _("%(name)s must be a numeric id; got “%(value)s”.") % {"name": name, "value": value}
        )
    row = rows.filter(pk=int(value)).first()
    if row is None:
        raise ParseError(
            _("No %(noun)s with id %(value)s among those you may see.")
            % {"noun": noun, "value": value}
        )
    return row


def param_date(request, name: str) -> datetime.date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ParseError(
            _("%(name)s must be a date written YYYY-MM-DD, e.g. 2024-06-03; got “%(value)s”.")
            % {"name": name, "value": value}
        ) from None


REGION = OpenApiParameter("region", str, description="Region code, e.g. 13.75.")
UNIT = OpenApiParameter("unit", int, description="Unit id.")


# --- Meetings ---------------------------------------------------------------------------------


INVITATION_RELATED = (
    "unit",
    "attendance__official",
    "attendance__position",
    "attendance__recorded_by",
)


def _meeting_detail_rows(rows):
    return rows.prefetch_related(
        "affairs",
        "agenda",
        Prefetch(
            "invitations",
            Invitation.objects.select_related(*INVITATION_RELATED).order_by(
                "unit__tree_id", "unit__lft"
            ),
        ),
        Prefetch("decisions__follow_ups", FollowUp.objects.select_related("unit")),
    ).select_related("created_by")


@extend_schema(tags=["coordination: meetings"])
class MeetingViewSet(CoordinationAPI):
    """Coordination meetings of the caller's region (an agency: those it is invited to)."""

    view_permission = "coordination.view_meeting"
    noun = gettext_lazy("meeting")
    serializer_class = io.MeetingDetail

    def get_queryset(self):
        rows = Meeting.objects.visible_to(self.request.user).select_related("region", "convener")
        if self.action == "list":
            return rows.prefetch_related("affairs")
        # Writes fetch the bare row; they answer with detail_of(), fetched after the change.
        return _meeting_detail_rows(rows) if self.action == "retrieve" else rows

    def detail_of(self, meeting: Meeting, code: int = status.HTTP_200_OK) -> Response:
        fresh = _meeting_detail_rows(
            Meeting.objects.select_related("region", "convener").filter(pk=meeting.pk)
        ).get()
        return self.out(io.MeetingDetail, fresh, code)

    @extend_schema(
        parameters=[
            REGION,
            OpenApiParameter("status", str, enum=Meeting.Status.values),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Starting on or after."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Starting on or before."),
        ],
        responses={200: io.MeetingRead(many=True), **DENIED, 400: ERROR},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        state = param_choice(request, "status", Meeting.Status)
        if state:
            rows = rows.filter(status=state)
        start, end = param_date(request, "from"), param_date(request, "to")
        if start and end and end < start:
            raise ParseError(_("“to” is before “from”."))
        home = region or self.own_region()
        zone = zoneinfo.ZoneInfo(home.timezone if home else settings.TIME_ZONE)
        if start:
            rows = rows.filter(
                starts_at__gte=datetime.datetime.combine(start, datetime.time(), zone)
            )
        if end:
            after = end + datetime.timedelta(days=1)
            rows = rows.filter(
                starts_at__lt=datetime.datetime.combine(after, datetime.time(), zone)
            )
        return self.page(rows, io.MeetingRead)

    @extend_schema(responses={200: io.MeetingDetail, **DENIED})
    def retrieve(self, request, pk=None):
        return self.out(io.MeetingDetail, self.get_object())

    @extend_schema(request=io.MeetingWrite, responses={201: io.MeetingDetail, **WRITE_ERRORS})
    def create(self, request):
        region = self.region_in_body()
        self.require("coordination.add_meeting", Meeting(region=region) if region else None)
        data = self.checked(io.MeetingWrite, region=region).to_input()
        return self.detail_of(meeting_svc.schedule_meeting(data, request.user), 201)

    @extend_schema(request=io.MeetingWrite, responses={200: io.MeetingDetail, **WRITE_ERRORS})
    def update(self, request, pk=None):
        return self._update(partial=False)

    @extend_schema(request=io.MeetingWrite, responses={200: io.MeetingDetail, **WRITE_ERRORS})
    def partial_update(self, request, pk=None):
        return self._update(partial=True)

    def _update(self, *, partial: bool) -> Response:
        meeting = self.get_object()
        self.require("coordination.change_meeting", meeting)
        if not isinstance(self.request.data, dict):
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [_("Send a JSON object.")]})
        data = {**_current(meeting), **self.request.data} if partial else self.request.data
        data = self.checked(
            io.MeetingWrite, data=data, region=meeting.region, meeting=meeting
        ).to_input()
        return self.detail_of(meeting_svc.update_meeting(meeting, data, self.request.user))

    @extend_schema(request=io.ReasonWrite, responses={200: io.MeetingDetail, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.change_meeting", meeting)
        reason = self.checked(io.ReasonWrite).validated_data["reason"]
        return self.detail_of(meeting_svc.cancel_meeting(meeting, request.user, reason))

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "InvitationsSent",
                {"sent": serializers.IntegerField(), "meeting": io.MeetingDetail()},
            ),
            **WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["post"], url_path="send-invitations")
    def send_invitations(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.change_meeting", meeting)
        sent = meeting_svc.send_invitations(meeting, request.user)
        return Response({"sent": sent, "meeting": self.detail_of(meeting).data})

    @extend_schema(request=io.InvitationWrite, responses={201: io.InvitationRead, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def invitations(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.add_invitation", meeting)
        data = self.checked(io.InvitationWrite).validated_data
        row = meeting_svc.add_invitation(meeting, data["unit"], request.user, data["reason"])
        return self.out(io.InvitationRead, row, 201)

    @extend_schema(
        parameters=[OpenApiParameter("invitation_id", int, OpenApiParameter.PATH)],
        request=io.ReasonWrite,
        responses={200: io.InvitationRead, 204: None, **WRITE_ERRORS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"invitations/(?P<invitation_id>[0-9]+)/remove",
        url_name="remove-invitation",
    )
    def remove_invitation(self, request, pk=None, invitation_id=None):
        meeting = self.get_object()
        self.require("coordination.delete_invitation", meeting)
        invitation = meeting.invitations.filter(pk=invitation_id).first()
        if invitation is None:
            raise NotFound(
                _("This meeting has no invitation with id %(id)s.") % {"id": invitation_id}
            )
        reason = self.checked(io.ReasonWrite).validated_data["reason"]
        row = meeting_svc.remove_invitation(invitation, request.user, reason)
        if row.pk is None:  # added by staff and never sent: deleted outright
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self.out(io.InvitationRead, row)

    @extend_schema(request=io.AttendanceWrite, responses={200: io.InvitationRead, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.change_attendance", meeting)
        serializer = self.checked(io.AttendanceWrite, meeting=meeting)
        invitation = serializer.validated_data["invitation"]
        meeting_svc.record_attendance(invitation, serializer.to_input(), request.user)
        row = Invitation.objects.select_related(*INVITATION_RELATED).get(pk=invitation.pk)
        return self.out(io.InvitationRead, row)

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

    def _file(self, body: bytes, content_type: str, filename: str) -> HttpResponse:
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response

    @extend_schema(responses=PDF)
    @action(
        detail=True,
        url_path=r"documents/invitation\.pdf",
        url_name="invitation-pdf",
        content_negotiation_class=FirstRenderer,
    )
    def invitation_pdf(self, request, pk=None):
        meeting = self.get_object()
        body = documents.invitation_pdf(meeting)
        return self._file(body, "application/pdf", f"undangan-rapat-{meeting.pk}.pdf")

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY, **DENIED})
    @action(
        detail=True,
        url_path=r"documents/invitation\.ics",
        url_name="invitation-ics",
        content_negotiation_class=FirstRenderer,
    )
    def invitation_ics(self, request, pk=None):
        meeting = self.get_object()
        body = documents.invitation_ics(meeting)
        return self._file(body, "text/calendar; charset=utf-8", f"undangan-rapat-{meeting.pk}.ics")

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
                _("The minutes exist once the meeting is held; this one is %(status)s.")
                % {"status": meeting.get_status_display()}
            )
        body = documents.minutes_pdf(meeting)
        return self._file(body, "application/pdf", f"notulen-rapat-{meeting.pk}.pdf")


def _current(meeting: Meeting) -> dict:
    """A meeting as MeetingWrite input, for PATCH to change only what the caller sends."""
    return {
        "region": meeting.region.code,
        "title": meeting.title,
        "convener": meeting.convener_id,
        "scope": meeting.scope,
        "form": meeting.form,
        "kind": meeting.kind,
        "mode": meeting.mode,
        "periodicity": meeting.periodicity,
        "recurrence": meeting.recurrence,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "online_link": meeting.online_link,
        "affairs": [affair.code for affair in meeting.affairs.all()],
        "agenda": [item.text for item in meeting.agenda.all()],
    }


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
        try:
            row = follow_up_svc.add_evidence(follow_up, upload, request.user)
        except DjangoValidationError as exc:
            if not hasattr(exc, "error_dict") and getattr(exc, "code", None) in UPLOAD_CODES:
                raise ValidationError({"file": exc.messages}) from exc
            raise
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
        try:
            handle = row.file.open("rb")
        except FileNotFoundError:
            raise NotFound(_("The file is missing from the portal's storage.")) from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=row.original_name,
            content_type=row.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# The codes coordination.uploads gives its refusals: they are about the ``file`` field.
UPLOAD_CODES = frozenset(
    {"extension", "empty", "size", "content", "corrupt", "encrypted", "pixels", "zip_bomb"}
    | {"type", "macro", "mismatch"}
)


# --- Urgent decisions and take-overs ----------------------------------------------------------


@extend_schema(tags=["coordination: urgent decisions"])
class UrgentDecisionViewSet(CoordinationAPI):
    """Decisions a unit head took directly in a very urgent matter (Pasal 10)."""

    view_permission = "coordination.view_urgentdecision"
    noun = gettext_lazy("urgent decision")
    serializer_class = io.UrgentDecisionRead

    def get_queryset(self):
        return UrgentDecision.objects.visible_to(self.request.user).select_related(
            "region", "unit", "recorded_by", "reported_by", "received_by"
        )

    def detail_of(self, row: UrgentDecision, code: int = status.HTTP_200_OK) -> Response:
        return self.out(io.UrgentDecisionRead, self.get_queryset().get(pk=row.pk), code)

    @extend_schema(
        parameters=[REGION, UNIT],
        responses={200: io.UrgentDecisionRead(many=True), 400: ERROR, **DENIED},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        unit = param_id(request, "unit", Unit.objects, gettext_lazy("unit"))
        if unit:
            rows = rows.filter(unit=unit)
        return self.page(rows, io.UrgentDecisionRead)

    @extend_schema(responses={200: io.UrgentDecisionRead, **DENIED})
    def retrieve(self, request, pk=None):
        return self.out(io.UrgentDecisionRead, self.get_object())

    @extend_schema(
        request=io.UrgentDecisionWrite, responses={201: io.UrgentDecisionRead, **WRITE_ERRORS}
    )
    def create(self, request):
        assignment = assignment_of(request.user)
        own = (
            UrgentDecision(region_id=assignment.region_id, unit_id=assignment.unit_id)
            if assignment
            else None
        )
        self.require("coordination.add_urgentdecision", own)
        unit = assignment.unit if assignment and assignment.unit_id else None
        data = self.checked(io.UrgentDecisionWrite, unit=unit).to_input()
        return self.detail_of(oversight.record_urgent_decision(data, request.user), 201)

    @extend_schema(request=None, responses={200: io.UrgentDecisionRead, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        row = self.get_object()
        self.require("coordination.report_urgentdecision", row)
        return self.detail_of(oversight.report_urgent_decision(row, request.user))

    @extend_schema(request=None, responses={200: io.UrgentDecisionRead, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        row = self.get_object()
        self.require("coordination.receive_urgentdecision", row)
        return self.detail_of(oversight.receive_urgent_decision(row, request.user))


@extend_schema(tags=["coordination: take-overs"])
class TakeoverViewSet(CoordinationAPI):
    """Take-overs of a unit's coordination by the Kepala Daerah, Wakil or Sekda (Perbup Kutai
    Kartanegara 4/2018 Pasal 14 ayat (1)); the region's leaders and secretariat see them."""

    view_permission = "coordination.view_takeover"
    noun = gettext_lazy("take-over")
    serializer_class = io.TakeoverRead

    def get_queryset(self):
        return Takeover.objects.visible_to(self.request.user).select_related(
            "region", "unit", "taken_by", "recorded_by"
        )

    def detail_of(self, row: Takeover, code: int = status.HTTP_200_OK) -> Response:
        return self.out(io.TakeoverRead, self.get_queryset().get(pk=row.pk), code)

    @extend_schema(
        parameters=[REGION, UNIT, OpenApiParameter("active", bool)],
        responses={200: io.TakeoverRead(many=True), 400: ERROR, **DENIED},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        unit = param_id(request, "unit", Unit.objects, gettext_lazy("unit"))
        if unit:
            rows = rows.filter(unit=unit)
        active = param_bool(request, "active")
        if active is not None:
            live = Q(cancelled_at__isnull=True)
            day = Q()
            for each in [region] if region else Region.objects.all():
                today = today_in(each)
                day |= Q(region=each, start__lte=today, end__gte=today)
            rows = rows.filter(live & day) if active else rows.exclude(live & day)
        return self.page(rows, io.TakeoverRead)

    @extend_schema(responses={200: io.TakeoverRead, **DENIED})
    def retrieve(self, request, pk=None):
        return self.out(io.TakeoverRead, self.get_object())

    @extend_schema(request=io.TakeoverWrite, responses={201: io.TakeoverRead, **WRITE_ERRORS})
    def create(self, request):
        self.require("coordination.add_takeover")
        data = self.checked(io.TakeoverWrite).to_input()
        return self.detail_of(oversight.record_takeover(data, request.user), 201)

    @extend_schema(request=None, responses={200: io.TakeoverRead, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        row = self.get_object()
        self.require("coordination.change_takeover", row)
        return self.detail_of(oversight.end_takeover(row, request.user, today_in(row.region)))


# --- The region's days off --------------------------------------------------------------------


@extend_schema(tags=["coordination: days off"])
class DayOffViewSet(CoordinationAPI):
    """The region's own days off (e.g. Hari Jadi), on top of the national holidays and cuti
    bersama: deadlines in working days skip them."""

    view_permission = "coordination.view_regionaldayoff"
    noun = gettext_lazy("day off")
    serializer_class = io.DayOffRead

    def get_queryset(self):
        rows = RegionalDayOff.objects.select_related("region")
        scope = region_scope(self.request.user)
        return rows if scope == "all" else rows.filter(region_id=scope)

    @extend_schema(
        parameters=[REGION, OpenApiParameter("year", int)],
        responses={200: io.DayOffRead(many=True), 400: ERROR, **DENIED},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        year = request.query_params.get("year")
        if year:
            if not year.isdigit():
                raise ParseError(_("year must be a number; got “%(value)s”.") % {"value": year})
            rows = rows.filter(date__year=int(year))
        return self.page(rows, io.DayOffRead)

    @extend_schema(request=io.DayOffWrite, responses={201: io.DayOffRead, **WRITE_ERRORS})
    def create(self, request):
        region = self.region_in_body()
        self.require(
            "coordination.add_regionaldayoff", RegionalDayOff(region=region) if region else None
        )
        data = self.checked(io.DayOffWrite, region=region).validated_data
        row = calendar.add_day_off(
            data["region"], data["date"], data["name"], request.user, decree=data["decree"]
        )
        return self.out(io.DayOffRead, row, 201)

    @extend_schema(responses={204: None, **DENIED})
    def destroy(self, request, pk=None):
        calendar.remove_day_off(self.get_object(), request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


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


DASHBOARD = inline_serializer(
    "CoordinationDashboard",
    {
        "region": serializers.CharField(),
        "today": serializers.DateField(),
        "overdue": serializers.IntegerField(),
        "pending": serializers.IntegerField(),
        "unreported_urgent_decisions": serializers.IntegerField(),
        "inbox": io.FollowUpBrief(many=True),
        "rows": DashboardRow(many=True),
    },
)


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


# (prefix, viewset, basename) of every coordination route: config/api.py registers them and
# the permission walk checks that each one has a row in its table.
ROUTES = [
    ("meetings", MeetingViewSet, "meeting"),
    ("follow-ups", FollowUpViewSet, "followup"),
    ("urgent-decisions", UrgentDecisionViewSet, "urgentdecision"),
    ("takeovers", TakeoverViewSet, "takeover"),
    ("days-off", DayOffViewSet, "dayoff"),
    ("coordination/dashboard", DashboardViewSet, "coordination-dashboard"),
]
