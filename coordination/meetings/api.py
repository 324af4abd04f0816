"""Meetings over the API: schedule, change, invite, answer, attendance, documents (the minutes
are added by coordination.follow_ups.api)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from coordination.core.api import (
    DENIED,
    ERROR,
    PDF,
    REGION,
    WRITE_ERRORS,
    CoordinationAPI,
    FirstRenderer,
    param_choice,
    param_date,
    param_region,
)
from coordination.meetings import attendance as attendance_svc
from coordination.meetings import documents
from coordination.meetings import invitations as invitation_svc
from coordination.meetings import scheduling as meeting_svc
from coordination.meetings import serializers as io
from coordination.meetings.models import Invitation, Meeting
from regulations.models import Region

# --- Meetings ---------------------------------------------------------------------------------


INVITATION_RELATED = (
    "unit",
    "response_official",
    "attendance__official",
    "attendance__position",
    "attendance__recorded_by",
)


def meeting_detail_rows(rows):
    return rows.prefetch_related(
        "affairs",
        "agenda",
        Prefetch(
            "invitations",
            Invitation.objects.select_related(*INVITATION_RELATED).order_by(
                "unit__tree_id", "unit__lft"
            ),
        ),
    ).select_related("created_by")


@extend_schema(tags=["coordination: meetings"])
class MeetingViewSet(CoordinationAPI):
    """Coordination meetings of the caller's region (an agency: those it is invited to)."""

    view_permission = "coordination.view_meeting"
    noun = gettext_lazy("meeting")
    serializer_class = io.MeetingDetail
    # What a write answers with; coordination.follow_ups adds the minutes' decisions.
    detail_serializer = io.MeetingDetail

    def detail_rows(self, rows):
        return meeting_detail_rows(rows)

    def get_queryset(self):
        rows = Meeting.objects.visible_to(self.request.user).select_related("region", "convener")
        if self.action == "list":
            return rows.prefetch_related("affairs")
        # Writes fetch the bare row; they answer with detail_of(), fetched after the change.
        return self.detail_rows(rows) if self.action == "retrieve" else rows

    def detail_of(self, meeting: Meeting, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.detail_rows(
            Meeting.objects.select_related("region", "convener").filter(pk=meeting.pk)
        ).get()
        return self.out(self.detail_serializer, fresh, code)

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
        if start or end:
            rows = rows.filter(_starting_between(start, end))
        return self.page(rows, io.MeetingRead)

    @extend_schema(responses={200: io.MeetingDetail, **DENIED})
    def retrieve(self, request, pk=None):
        return self.out(self.detail_serializer, self.get_object())

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
        sent = invitation_svc.send_invitations(meeting, request.user)
        return Response({"sent": sent, "meeting": self.detail_of(meeting).data})

    @extend_schema(request=io.InvitationWrite, responses={201: io.InvitationRead, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def invitations(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.add_invitation", meeting)
        data = self.checked(io.InvitationWrite).validated_data
        row = invitation_svc.add_invitation(meeting, data["unit"], request.user, data["reason"])
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
        row = invitation_svc.remove_invitation(invitation, request.user, reason)
        if row.pk is None:  # added by staff and never sent: deleted outright
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self.out(io.InvitationRead, row)

    @extend_schema(
        parameters=[OpenApiParameter("invitation_id", int, OpenApiParameter.PATH)],
        request=io.AnswerWrite,
        responses={200: io.InvitationRead, **WRITE_ERRORS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"invitations/(?P<invitation_id>[0-9]+)/answer",
        url_name="answer-invitation",
    )
    def answer_invitation(self, request, pk=None, invitation_id=None):
        """The head of the invited unit answers the undangan (Pasal 9 huruf f where it binds)."""
        meeting = self.get_object()
        invitation = meeting.invitations.select_related("unit").filter(pk=invitation_id).first()
        if invitation is None:
            raise NotFound(
                _("This meeting has no invitation with id %(id)s.") % {"id": invitation_id}
            )
        self.require("coordination.answer_invitation", invitation)
        data = self.checked(io.AnswerWrite).to_input()
        invitation_svc.answer_invitation(invitation, data, request.user)
        row = Invitation.objects.select_related(*INVITATION_RELATED).get(pk=invitation.pk)
        return self.out(io.InvitationRead, row)

    @extend_schema(request=io.AttendanceWrite, responses={200: io.InvitationRead, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        meeting = self.get_object()
        self.require("coordination.change_attendance", meeting)
        serializer = self.checked(io.AttendanceWrite, meeting=meeting)
        invitation = serializer.validated_data["invitation"]
        attendance_svc.record_attendance(invitation, serializer.to_input(), request.user)
        row = Invitation.objects.select_related(*INVITATION_RELATED, "meeting__region").get(
            pk=invitation.pk
        )
        return self.out(io.InvitationRead, row)

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


def _starting_between(start: datetime.date | None, end: datetime.date | None) -> Q:
    """Meetings that start from ``start`` to ``end`` by their own region's calendar: a
    superadmin's list of several regions reads each meeting's day in its region's zone."""
    found = Q()
    for name in Region.TimeZone.values:
        zone = zoneinfo.ZoneInfo(name)
        here = Q(region__timezone=name)
        if start:
            here &= Q(starts_at__gte=datetime.datetime.combine(start, datetime.time(), zone))
        if end:
            after = end + datetime.timedelta(days=1)
            here &= Q(starts_at__lt=datetime.datetime.combine(after, datetime.time(), zone))
        found |= here
    return found


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
