"""Urgent decisions and take-overs over the API."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from apitools.params import today_in
from coordination.core.api import (
    DENIED,
    ERROR,
    REGION,
    UNIT,
    WRITE_ERRORS,
    CoordinationAPI,
    param_bool,
    param_id,
    param_region,
)
from coordination.oversight import serializers as io
from coordination.oversight import services as oversight
from coordination.oversight.models import Takeover, UrgentDecision
from orgchart.models import Unit, assignment_of
from regulations.models import Region

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
